"""Build each disclosed project's assumptions from the facts the marts carry for it (inputs.py).

A project is a dim_projects project with a yearly forecast (revenue or net profit by model year). Its
lines come from the facts that name it, keyed (metric, period); drivers are recognised from their printed pattern:
a price x units schedule becomes a product, a cost that is a fixed share of revenue becomes a
revenue ratio, a straight-line depreciation becomes an implied asset whose residual value can be
recovered. Whatever cannot be recognised is kept as printed, with its fact ids, so a re-run still
reproduces the filing and says which lines it could not explain.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import polars as pl

from orchestration.lib.model.assumptions import (
    Asset,
    Assumption,
    CostLine,
    Product,
    ProjectAssumptions,
    Source,
    Taxes,
)
from orchestration.lib.model.capital import (
    capital_schedule,
    capitalised_amount,
    total_paid,
    unitemised_proceeds,
    with_implied_input_vat,
)
from orchestration.lib.model.inputs import ProjectFacts, project_facts
from orchestration.lib.vocabulary.metrics import metrics_in

FORECAST_PERIOD = re.compile(r"^Y(\d{1,2})(?:-(\d{1,2}))?$")
PUBLISHED_METRICS = metrics_in("published_statement_line")
CASH_COST_METRICS = metrics_in("cash_cost_line")
NON_CASH_METRICS = metrics_in("non_cash_cost_line")
EXPENSE_METRICS = metrics_in("period_expense_line")
RETURN_METRICS = metrics_in("project_return")
PRICE_METRICS = ("price_per_server_month", "unit_price")
UNIT_METRICS = metrics_in("fleet_unit_count")
_SUB_ITEM = re.compile(r"^(?:其中|[-—])")
_TOTAL_ROW = re.compile(r"合计|总计|总额|总投资")
_WORKING_CAPITAL = re.compile(r"流动资金")
_EQUIPMENT = re.compile(r"设备|硬件|服务器|购置")
_MONTHLY = re.compile(r"月")
_BASE_CASE = re.compile(r"初始|现有|基准|原")
_SHOCK = re.compile(r"提高|提升|上升|增加|降低|下降|减少|[+-]\d")

# Stated rates the facts rarely carry; each is an override with its reason.
OUTPUT_VAT = 0.06
SURCHARGES = 0.12
DEFAULT_INCOME_TAX = 0.25
EQUIPMENT_VAT = 0.13
RATIO_DIGITS = 4  # expense ratios are stated like 1.35%: four decimals of a share
FULL_YEAR = 12.0
ABS_CENT = 0.02


@dataclass(frozen=True, slots=True)
class _Series:
    values: np.ndarray  # per model year; NaN where nothing was printed
    fact_ids: tuple[str, ...]
    label: str
    table_id: str | None = None

    def filled(self) -> np.ndarray:
        return np.nan_to_num(self.values)


def assemble(inputs: pl.DataFrame) -> list[ProjectAssumptions]:
    """One ProjectAssumptions per project of ``inputs`` (rows of marts.fct_project_model_inputs) that
    prints a yearly forecast, in project_id order."""
    return [a for p in project_facts(inputs) if (a := assemble_project(p)) is not None]


def assemble_project(p: ProjectFacts) -> ProjectAssumptions | None:
    """The project's assumptions, or None when it prints no yearly revenue or net profit."""
    rows = _yearly_facts(p.facts).get(p.project_id, [])
    if not any(r["metric"] in ("revenue", "net_profit") for r in rows):
        return None
    return _project(p, rows)


def _yearly_facts(facts: pl.DataFrame) -> dict[str, list[dict]]:
    """Facts with a model-year period, a metric and an entity, ranges (Y4-11) expanded, by entity."""
    by_entity: dict[str, list[dict]] = defaultdict(list)
    usable = facts.filter(
        pl.col("metric").is_not_null() & pl.col("entity").is_not_null() & pl.col("value").is_not_null()
    ).sort("line_no")
    for row in usable.iter_rows(named=True):
        match = FORECAST_PERIOD.match(row["period"] or "")
        if not match:
            continue
        first = int(match.group(1))
        last = int(match.group(2) or first)
        for year in range(first, last + 1):
            by_entity[row["entity"]].append({**row, "year": year})
    return by_entity


def _series_by_metric(rows: list[dict], years: int) -> dict[str, list[_Series]]:
    """Every printed row of the entity, per metric, in print order; a row is (table, label)."""
    grouped: dict[tuple, dict] = {}
    for r in rows:
        key = (r["metric"], r.get("table_id"), r.get("row_label") or "")
        grouped.setdefault(key, {})
        grouped[key].setdefault(r["year"], r)
    out: dict[str, list[_Series]] = defaultdict(list)
    for (metric, table_id, label), cells in grouped.items():
        values = np.full(years, np.nan)
        for year, r in cells.items():
            values[year - 1] = r["value"]
        ids = tuple(str(r["fact_id"]) for r in cells.values())
        out[metric].append(_Series(values, ids, label, table_id))
    return out


def _first_top_level(series: dict[str, list[_Series]], metric: str) -> _Series | None:
    for s in series.get(metric, []):
        if not _SUB_ITEM.match(s.label):
            return s
    return None


def _main_series(series: dict[str, list[_Series]], metric: str, table_id: str | None = None) -> _Series | None:
    """The whole line of a metric: from the profit table when it prints one, else the largest row
    (a total covers its parts)."""
    rows = [s for s in series.get(metric, []) if not _SUB_ITEM.match(s.label)]
    in_table = [s for s in rows if s.table_id == table_id]
    return max(in_table or rows, key=lambda s: float(np.nansum(np.abs(s.values))), default=None)


def _profit_table(series: dict[str, list[_Series]]) -> str | None:
    """The table printing the most forecast lines (revenue ... net profit): the project's own P&L."""
    counts: dict[str | None, int] = defaultdict(int)
    for metric in PUBLISHED_METRICS:
        for table_id in {s.table_id for s in series.get(metric, [])}:
            counts[table_id] += 1
    return max(counts, key=lambda t: counts[t], default=None)


def _project(p: ProjectFacts, rows: list[dict]) -> ProjectAssumptions:
    entity, facts = p.project_id, p.facts
    years = max(r["year"] for r in rows)
    series = _series_by_metric(rows, years)
    table = _profit_table(series)
    published = {
        m: _assumption(m, s.values, "万元", s.fact_ids)
        for m in PUBLISHED_METRICS
        if (s := _main_series(series, m, table)) is not None
    }
    revenue = _main_series(series, "revenue", table)
    service_revenue = revenue.filled() if revenue is not None else np.zeros(years)
    products, product_table = _products(series, years)
    revenue_lines = _revenue_lines(series, products, product_table, revenue, years)
    costs, implied_assets = _cost_lines(series, published, service_revenue, years)
    expenses = tuple(
        _driven_line(s, metric, service_revenue)
        for metric in EXPENSE_METRICS
        if (s := _first_top_level(series, metric)) is not None
    )
    investments, working_capital = _investments(entity, facts, years)
    yearly_investment = _main_series(series, "investment_amount")
    if yearly_investment is not None:  # an investment plan by model year beats a single total
        investments = (_paid_as_printed(yearly_investment),)
    investments = investments or capital_schedule(entity, facts, years)
    investment_ids = tuple(i for a in investments for i in a.amount.source.fact_ids)
    capitalised = capitalised_amount(facts, investment_ids)
    investments = with_implied_input_vat(investments, capitalised)
    itemised = total_paid(investments) + (working_capital.value if working_capital else 0.0)
    running = np.flatnonzero(service_revenue > 0)
    vat_components = _vat_cost_components(entity, facts, _table_of(series, published.get("operating_cost")), years)
    return ProjectAssumptions(
        project=p.name,
        project_id=p.project_id,
        years=years,
        build_years=int(running[0]) if running.size else 0,
        products=products,
        assets=investments + implied_assets,
        costs=costs,
        expenses=expenses,
        taxes=_taxes(series, _stated_rate(entity, facts, "income_tax_rate")),
        working_capital=working_capital,
        capitalised=capitalised,
        unitemised_proceeds=unitemised_proceeds(entity, facts, itemised, investment_ids),
        revenue_lines=revenue_lines,
        vat_cost_components=vat_components,
        price_linked=_price_linked(series, products, product_table, revenue, revenue_lines, vat_components, years),
        published=published,
        published_returns=_published_returns(entity, facts),
    )


def _assumption(name: str, values, unit: str, fact_ids: tuple[str, ...]) -> Assumption:
    values = np.atleast_1d(np.asarray(values, dtype=float))
    value = tuple(float(v) for v in values) if values.size > 1 else float(values[0])
    return Assumption(name, value, unit, Source(fact_ids=fact_ids))


def _override(name: str, value, unit: str, reason: str) -> Assumption:
    value = tuple(float(v) for v in value) if isinstance(value, list | tuple | np.ndarray) else float(value)
    return Assumption(name, value, unit, Source(reason=reason))


def _products(series: dict[str, list[_Series]], years: int) -> tuple[tuple[Product, ...], str | None]:
    """A price x units schedule (and the table printing it), split into one tranche per price level.

    A year whose printed price lies between two held levels is a step-down within the year: its
    months are split between the levels so that the month-weighted price prints as the filing's.
    """
    prices = [(m, s) for m in PRICE_METRICS for s in series.get(m, [])]  # a monthly price first
    paired = [
        (m, price, units)
        for m, price in prices
        for units in (s for um in UNIT_METRICS for s in series.get(um, []))
        if units.table_id == price.table_id
    ]
    if len({id(units) for _, _, units in paired}) != 1:
        return (), None  # no schedule, or several classes this version cannot pair row by row
    metric, price, count = paired[0]
    monthly = metric == "price_per_server_month" or _MONTHLY.search(price.label)
    price_months = 1.0 if monthly else FULL_YEAR
    utilisation_rows = [s for s in series.get("utilisation", []) if s.table_id == price.table_id]
    if utilisation_rows:
        util = utilisation_rows[0]
        utilisation = _assumption("utilisation", np.nan_to_num(util.values / 100, nan=0.0), "share", util.fact_ids)
    else:
        utilisation = _override("utilisation", 1.0, "share", "no utilisation printed: every unit in service earns")
    in_service = count.filled() > 0
    tranches = _price_tranches(price.filled(), in_service)
    products = []
    for i, (level, months) in enumerate(tranches):
        products.append(
            Product(
                name=f"{count.label or 'units'}#{i + 1}" if len(tranches) > 1 else (count.label or "units"),
                units=_assumption("units", count.filled(), "unit", count.fact_ids),
                price_month=_assumption("price", np.where(months > 0, level, 0.0), "万元", price.fact_ids),
                utilisation=utilisation,
                months=_override(
                    "months", months, "月", "months in service: full years, split where the price steps down"
                ),
                price_months=price_months,
            )
        )
    return tuple(products), price.table_id


def _price_tranches(price: np.ndarray, in_service: np.ndarray) -> list[tuple[float, np.ndarray]]:
    """Price levels and the months each is charged per year."""
    years = len(price)
    held = [p for i, p in enumerate(price) if in_service[i] and p > 0]
    levels: list[float] = []
    for i, p in enumerate(price):
        if not (in_service[i] and p > 0) or p in levels:
            continue
        before = [q for q in held[: held.index(p)] if q != p]
        after = [q for q in held[held.index(p) + 1 :] if q != p]
        if before and after and _blend_months(before[-1], after[0], p) is not None:
            continue
        levels.append(p)
    months = {level: np.zeros(years) for level in levels}
    for i, p in enumerate(price):
        if not (in_service[i] and p > 0):
            continue
        if p in months:
            months[p][i] = FULL_YEAR
            continue
        earlier = [q for q in price[:i] if q in months]
        later = [q for q in price[i + 1 :] if q in months]
        split = _blend_months(earlier[-1], later[0], p)
        months[earlier[-1]][i] = split
        months[later[0]][i] = FULL_YEAR - split
    return [(level, months[level]) for level in levels]


def _blend_months(old: float, new: float, printed: float) -> float | None:
    """Whole months at ``old`` (the rest at ``new``) whose average prints as ``printed``, if any."""
    for k in range(1, int(FULL_YEAR)):
        if abs((k * old + (FULL_YEAR - k) * new) / FULL_YEAR - printed) <= 0.0051:
            return float(k)
    return None


def _revenue_lines(series, products, table, revenue: _Series | None, years: int) -> tuple[Assumption, ...]:
    """Printed revenue the products do not explain: the other rows of the products' table, or the
    whole revenue line when no product drives it."""
    if not products:
        if revenue is None:
            return ()
        return (_assumption("revenue", revenue.filled(), "万元", revenue.fact_ids),)
    components = [
        s for s in series.get("revenue", [])
        if s.table_id == table and s is not revenue and not _TOTAL_ROW.search(s.label)
    ]
    if len(components) < 2:
        return ()
    explained = int(np.argmin([_distance(s.filled(), _full_year_revenue(products, years)) for s in components]))
    return tuple(
        _assumption(s.label, s.filled(), "万元", s.fact_ids) for i, s in enumerate(components) if i != explained
    )


def _full_year_revenue(products, years: int) -> np.ndarray:
    """The products' revenue with every unit in service all year: enough to tell their row apart."""
    total = np.zeros(years)
    for p in products:
        units = np.asarray(p.units.series(years))
        total += units * np.asarray(p.price_month.series(years)) * np.asarray(p.months.series(years)) / p.price_months
    return total


def _distance(printed: np.ndarray, modelled: np.ndarray) -> float:
    both = (printed > 0) & (modelled > 0)
    if not both.any():
        return float("inf")
    return float(np.median(np.abs(np.log(printed[both] / modelled[both]))))


def _cost_lines(series, published, service_revenue, years):
    """Cash cost lines (flat components, else one remainder line) plus depreciation lines or assets.

    Lines are read from the table that prints the operating cost when it prints them, so that
    depreciation and the cost it belongs to come from one breakdown.
    """
    table = _table_of(series, published.get("operating_cost"))
    non_cash = _non_cash_lines(series, table)
    components = [(m, s) for m in CASH_COST_METRICS if (s := _line_in(series, m, table)) is not None]
    operating = published.get("operating_cost")
    cash_sum = sum((s.filled() for _, s in components), np.zeros(years))
    non_cash_sum = sum((s.filled() for s in non_cash), np.zeros(years))
    costs: list[CostLine] = []
    if operating is not None:
        printed = np.nan_to_num(np.asarray(operating.series(years), dtype=float))
        flat = _close(cash_sum + non_cash_sum, printed) or _close(cash_sum, printed)
        if not flat:
            remainder = printed - non_cash_sum
            ids = operating.source.fact_ids + tuple(i for s in non_cash for i in s.fact_ids)
            components = [("other_cost", _Series(remainder, ids, "营业成本 less depreciation"))]
    for metric, s in components:
        costs.append(_driven_line(s, metric, service_revenue))
    assets: list[Asset] = []
    for s in non_cash:
        asset = _implied_asset(s)
        if asset is None:
            costs.append(CostLine(s.label, _metric_of(series, s), "printed", _assumption(s.label, s.filled(), "万元", s.fact_ids)))
        else:
            assets.append(asset)
    return tuple(costs), tuple(assets)


def _non_cash_lines(series, table: str | None) -> list[_Series]:
    """Depreciation and amortisation as printed beside the operating cost: separate lines or one line."""
    for where in (table, None):
        rows: dict[str, _Series] = {}
        for m in NON_CASH_METRICS:
            for s in series.get(m, []):
                if not _SUB_ITEM.match(s.label) and (where is None or s.table_id == where):
                    rows.setdefault(m, s)
        separate = [rows[m] for m in NON_CASH_METRICS[:2] if m in rows]
        if separate or "depreciation_amortization" in rows:
            return separate or [rows["depreciation_amortization"]]
    return []


def _table_of(series, line: Assumption | None) -> str | None:
    if line is None:
        return None
    return next((s.table_id for rows in series.values() for s in rows if s.fact_ids == line.source.fact_ids), None)


def _line_in(series, metric: str, table: str | None) -> _Series | None:
    """The first top-level row of ``metric`` in ``table``, else anywhere."""
    rows = [s for s in series.get(metric, []) if not _SUB_ITEM.match(s.label)]
    return next((s for s in rows if s.table_id == table), rows[0] if rows else None)


def _metric_of(series, target: _Series) -> str:
    return next(m for m, rows in series.items() if any(r is target for r in rows))


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.all(np.abs(a - b) <= 0.02 * 3))  # three printed roundings of a cent


def _driven_line(s: _Series, metric: str, service_revenue: np.ndarray) -> CostLine:
    """A revenue ratio when the line is a share of revenue, else the printed series.

    The share is tried constant as stated (1.35% = four decimals), constant unrounded (a ratio
    carried over from last year's accounts), then as a yearly schedule of stated shares (5%, 3%,
    2% ...), each within the rounding of the printed cents.
    """
    running = service_revenue > 0
    values = s.filled()
    if running.sum() >= 2 and np.all(values[~running] == 0):
        shares = np.zeros_like(values)
        shares[running] = values[running] / service_revenue[running]
        constant = float(np.median(shares[running]))
        candidates = (
            (round(constant, RATIO_DIGITS), 0.0051),
            (constant, 0.0101),
            (np.round(shares, RATIO_DIGITS), 0.0051),
        )
        for ratio, tolerance in candidates:
            positive = np.all(np.broadcast_to(ratio, values.shape)[running] > 0)
            if positive and np.all(np.abs(service_revenue * ratio - values)[running] <= tolerance):
                return CostLine(s.label, metric, "revenue_ratio", _assumption(s.label, ratio, "share", s.fact_ids))
    return CostLine(s.label, metric, "printed", _assumption(s.label, values, "万元", s.fact_ids))


def _implied_asset(s: _Series) -> Asset | None:
    """A printed straight-line depreciation ([half,] full, ..., full [, half]) as a depreciable amount."""
    values = s.filled()
    charged = np.flatnonzero(values > 0)
    if charged.size < 2:
        return None
    full = float(values[charged].max())
    shares = values[charged] / full
    whole = np.all(np.isclose(shares, 1.0, atol=1e-4))
    halves = np.isclose(shares[0], 0.5, atol=1e-3) and np.isclose(shares[-1], 0.5, atol=1e-3)
    if not (whole or (halves and np.all(np.isclose(shares[1:-1], 1.0, atol=1e-4)))):
        return None
    if not np.all(np.diff(charged) == 1):
        return None
    life = round(float(shares.sum()))
    amount = np.zeros(len(values))
    amount[charged[0]] = full * life  # depreciable amount; the base adds the (calibrated) residual
    return Asset(
        name=s.label,
        amount=_assumption(s.label, amount, "万元", s.fact_ids),
        vat_rate=0.0,
        life_years=life,
        residual_rate=None,
        service_start_year=int(charged[0]) + 1,
        cash=False,
    )


def _investments(entity: str, facts: pl.DataFrame, years: int) -> tuple[tuple[Asset, ...], Assumption | None]:
    """The project's investment: equipment items (13% input VAT), the rest, and working capital apart.

    The total is the project's largest investment fact (a table's total row before a prose
    mention); the items are the other rows of that table.
    """
    own = facts.filter((pl.col("metric") == "investment_amount") & (pl.col("entity") == entity))
    if own.is_empty():
        return (), None
    total, items = _investment_table(own, facts)
    working_capital = None
    assets = []
    rest = float(total["value"])
    for item in items.iter_rows(named=True):
        label = item["row_label"] or ""
        if _WORKING_CAPITAL.search(label):
            working_capital = _assumption("working_capital", item["value"], "万元", (str(item["fact_id"]),))
            rest -= item["value"]
        elif _EQUIPMENT.search(label):
            assets.append(_paid_in_year_one(label, item["value"], (str(item["fact_id"]),), years, EQUIPMENT_VAT))
            rest -= item["value"]
    if abs(rest) > ABS_CENT:
        assets.append(_paid_in_year_one("other investment", rest, (str(total["fact_id"]),), years, 0.0))
    return tuple(assets), working_capital


def _investment_table(own: pl.DataFrame, facts: pl.DataFrame) -> tuple[dict, pl.DataFrame]:
    """The project's investment total and its items: the largest figure, from the table whose other
    rows add up to it (a list of several projects also prints the total, without its parts)."""
    largest = own.filter(pl.col("value") == pl.col("value").max()).sort(pl.col("table_id").is_null(), "line_no")
    candidates = []
    for total in largest.iter_rows(named=True):
        if total["table_id"] is None:
            candidates.append((True, total, facts.clear()))
            continue
        items = facts.filter(
            (pl.col("metric") == "investment_amount")
            & (pl.col("table_id") == total["table_id"])
            & (pl.col("fact_id") != total["fact_id"])
        )
        adds_up = abs(float(items["value"].sum()) - total["value"]) <= ABS_CENT * max(items.height, 1)
        candidates.append((not adds_up, total, items))
    _, total, items = min(candidates, key=lambda c: c[0])
    return total, items


def _paid_as_printed(s: _Series) -> Asset:
    return Asset(
        name=s.label or "investment",
        amount=_assumption(s.label or "investment", s.filled(), "万元", s.fact_ids),
        vat_rate=0.0,
        life_years=0,
        residual_rate=0.0,
        service_start_year=1,
    )


def _paid_in_year_one(label: str, value: float, fact_ids: tuple[str, ...], years: int, vat: float) -> Asset:
    amount = (float(value),) + (0.0,) * (years - 1)
    source = Source(fact_ids=fact_ids, reason="investment timing not printed: paid in model year 1")
    return Asset(
        name=label,
        amount=Assumption(label, amount, "万元", source),
        vat_rate=vat,
        life_years=0,
        residual_rate=0.0,
        service_start_year=1,
    )


def _stated_rate(entity: str, facts: pl.DataFrame, metric: str) -> tuple[float, str] | None:
    """A rate the filing states for the entity (a percent fact without a period), with its fact id."""
    stated = facts.filter(
        (pl.col("metric") == metric) & (pl.col("entity") == entity) & (pl.col("unit") == "%") & pl.col("period").is_null()
    ).sort("line_no")
    if stated.is_empty():
        return None
    row = stated.row(0, named=True)
    return row["value"] / 100, str(row["fact_id"])


def _taxes(series: dict[str, list[_Series]], stated: tuple[float, str] | None) -> Taxes:
    """Income tax rate: as printed lines imply (tax / profit, or 1 - net / profit), else as stated."""
    profit = _main_series(series, "total_profit")
    tax = _main_series(series, "income_tax")
    net = _main_series(series, "net_profit")
    rate, source = DEFAULT_INCOME_TAX, "no rate printed: statutory 25%"
    if stated is not None:
        rate, source = stated[0], f"stated: {stated[1]}"
    if profit is not None and (tax is not None or net is not None):
        positive = profit.filled() > 1.0
        if positive.any():
            paid = tax.filled() if tax is not None else profit.filled() - net.filled()
            rate = round(float(np.median(paid[positive] / profit.filled()[positive])), 2)
            source = "implied by the printed tax and profit lines"
    return Taxes(output_vat_rate=OUTPUT_VAT, income_tax_rate=rate, surcharge_rate=SURCHARGES, income_tax_source=source)


def _published_returns(entity: str, facts: pl.DataFrame) -> dict[str, Assumption]:
    """Published IRR / NPV / payback of the project: a single figure, or a sensitivity table's base case.

    A table printing the same return several times is a sensitivity table; only its base case
    (labelled 初始 / 现有 / 基准 and no label shocked) is the project's figure.
    """
    own = facts.filter(pl.col("metric").is_in(RETURN_METRICS) & (pl.col("entity") == entity)).sort("line_no")
    out = {}
    for metric in RETURN_METRICS:
        rows = own.filter(pl.col("metric") == metric)
        if rows.height > 1:
            labels = pl.concat_str(
                [pl.col("row_label").fill_null(""), pl.col("column_label").fill_null("")], separator="|"
            )
            base = labels.str.contains(_BASE_CASE.pattern) & ~labels.str.contains(_SHOCK.pattern)
            rows = rows.filter(pl.col("table_id").is_null() | base)
        if rows.is_empty() or rows["value"].n_unique() > 1:
            continue  # nothing printed, or several base-looking cells: no single published figure
        row = rows.row(0, named=True)
        value = row["value"] / 100 if row["unit"] == "%" else row["value"]
        out[metric] = _assumption(metric, value, row["unit"] or "", (str(row["fact_id"]),))
    return out


VAT_COST_METRICS = frozenset({"cabinet_rent", "bandwidth_cost", "power_cost", "technical_service_cost", "other_cost"})


def _vat_cost_components(entity: str, facts: pl.DataFrame, table: str | None, years: int) -> tuple[CostLine, ...]:
    """The operating cost's printed components that carry input VAT: the parts, not their subtotals.

    Read from the table that prints the operating cost, every row in print order (whatever entity
    the parser gave it): a row whose yearly values are the sum of the rows printed right below it
    (机柜租赁 over its 水电费, 人工 …; 带宽租用 over 带宽成本 and 其他) gives way to them. Only the cash
    effect of VAT reads these (returns.py puts the rates on them by metric); the P&L keeps its lines.
    """
    if table is None:
        return ()
    rows = _printed_rows(facts.filter(pl.col("table_id") == table), years)
    components = []
    for i, (row, values) in enumerate(rows):
        if row["entity"] != entity or row["metric"] not in VAT_COST_METRICS:
            continue
        below = np.cumsum([v for _, v in rows[i + 1 :]], axis=0)
        if any(np.all(np.abs(total - values) <= ABS_CENT * (k + 2)) for k, total in enumerate(below)):
            continue  # a subtotal of the rows below it
        label = row["row_label"] or row["metric"]
        components.append(CostLine(label, row["metric"], "printed", _assumption(label, values, "万元", tuple(row["fact_ids"]))))
    return tuple(components)


def _printed_rows(table: pl.DataFrame, years: int) -> list[tuple[dict, np.ndarray]]:
    """Each row of a by-model-year table with its values (0 where nothing is printed), in print order."""
    rows: dict[int, tuple[dict, np.ndarray]] = {}
    for fact in table.filter(pl.col("value").is_not_null()).sort("line_no").iter_rows(named=True):
        match = FORECAST_PERIOD.match(fact["period"] or "")
        if not match:
            continue
        row, values = rows.setdefault(fact["line_no"], ({**fact, "fact_ids": []}, np.zeros(years)))
        for year in range(int(match.group(1)), int(match.group(2) or match.group(1)) + 1):
            if year <= years:
                values[year - 1] = fact["value"]
        row["fact_ids"].append(str(fact["fact_id"]))
    return list(rows.values())


RESALE_COST_METRICS = ("bandwidth_cost",)  # bought to be resold with a revenue line, not used per unit
LINK_TOLERANCE = 1e-3  # relative spread of a ratio of figures printed to the cent


def _price_linked(series, products, table, revenue, revenue_lines, vat_components, years: int) -> tuple[str, ...]:
    """Revenue lines and resale costs the issuer's sheet derives from the products' own revenue.

    A revenue line printed as a constant multiple of the products' revenue row in every year (带宽
    租用收入 = 机柜租用收入 × 1.4) is computed from it, so a price shock of the products moves it; so
    does what is bought to resell it (bandwidth and leased lines) when that is a constant share of
    those lines. Costs per unit (power per cabinet) are proportional too while the price is constant,
    which is why only resale costs are linked.
    """
    if not products or not revenue_lines:
        return ()
    rows = [s for s in series.get("revenue", []) if s.table_id == table and s is not revenue and not _TOTAL_ROW.search(s.label)]
    own = min(rows, key=lambda s: _distance(s.filled(), _full_year_revenue(products, years)), default=None)
    if own is None:
        return ()
    linked = [line for line in revenue_lines if _constant_ratio(np.asarray(line.series(years)), own.filled())]
    if not linked:
        return ()
    resold = sum(np.asarray(line.series(years)) for line in linked)
    costs = [c for c in vat_components
             if c.metric in RESALE_COST_METRICS and _constant_ratio(np.asarray(c.value.series(years)), resold)]
    return tuple(line.name for line in linked) + tuple(c.name for c in costs)


def _constant_ratio(values: np.ndarray, base: np.ndarray) -> bool:
    """``values`` is a constant multiple of ``base`` in every year (nothing where base is nothing)."""
    running = base > 0
    if running.sum() < 2 or np.any(values[~running]) or not np.all(values[running] > 0):
        return False
    ratio = values[running] / base[running]
    return bool(np.all(np.abs(ratio / np.median(ratio) - 1) <= LINK_TOLERANCE))
