"""Revenue drivers recognised from their printed pattern: a price x units schedule becomes products
(one tranche per price level), the other rows of its table revenue lines, and the lines the issuer's
sheet derives from the products' revenue are linked to their price.
"""

from __future__ import annotations

import re

import numpy as np

from orchestration.lib.model.assumptions import Assumption, Product
from orchestration.lib.model.series import TOTAL_ROW, Series, assumption, override
from orchestration.lib.vocabulary.metrics import metrics_in

PRICE_METRICS = ("price_per_server_month", "unit_price")
UNIT_METRICS = metrics_in("fleet_unit_count")
_MONTHLY = re.compile(r"月")
FULL_YEAR = 12.0
RESALE_COST_METRICS = ("bandwidth_cost",)  # bought to be resold with a revenue line, not used per unit
LINK_TOLERANCE = 1e-3  # relative spread of a ratio of figures printed to the cent


def price_schedule_products(series: dict[str, list[Series]], years: int) -> tuple[tuple[Product, ...], str | None]:
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
        utilisation = assumption("utilisation", np.nan_to_num(util.values / 100, nan=0.0), "share", util.fact_ids)
    else:
        utilisation = override("utilisation", 1.0, "share", "no utilisation printed: every unit in service earns")
    in_service = count.filled() > 0
    tranches = _price_tranches(price.filled(), in_service)
    products = []
    for i, (level, months) in enumerate(tranches):
        products.append(
            Product(
                name=f"{count.label or 'units'}#{i + 1}" if len(tranches) > 1 else (count.label or "units"),
                units=assumption("units", count.filled(), "unit", count.fact_ids),
                price_month=assumption("price", np.where(months > 0, level, 0.0), "万元", price.fact_ids),
                utilisation=utilisation,
                months=override(
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


def other_revenue_lines(series, products, table, revenue: Series | None, years: int) -> tuple[Assumption, ...]:
    """Printed revenue the products do not explain: the other rows of the products' table, or the
    whole revenue line when no product drives it."""
    if not products:
        if revenue is None:
            return ()
        return (assumption("revenue", revenue.filled(), "万元", revenue.fact_ids),)
    components = [
        s for s in series.get("revenue", [])
        if s.table_id == table and s is not revenue and not TOTAL_ROW.search(s.label)
    ]
    if len(components) < 2:
        return ()
    explained = int(np.argmin([_distance(s.filled(), _full_year_revenue(products, years)) for s in components]))
    return tuple(
        assumption(s.label, s.filled(), "万元", s.fact_ids) for i, s in enumerate(components) if i != explained
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


def price_linked(series, products, table, revenue, revenue_lines, vat_components, years: int) -> tuple[str, ...]:
    """Revenue lines and resale costs the issuer's sheet derives from the products' own revenue.

    A revenue line printed as a constant multiple of the products' revenue row in every year (带宽
    租用收入 = 机柜租用收入 × 1.4) is computed from it, so a price shock of the products moves it; so
    does what is bought to resell it (bandwidth and leased lines) when that is a constant share of
    those lines. Costs per unit (power per cabinet) are proportional too while the price is constant,
    which is why only resale costs are linked.
    """
    if not products or not revenue_lines:
        return ()
    rows = [s for s in series.get("revenue", []) if s.table_id == table and s is not revenue and not TOTAL_ROW.search(s.label)]
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
