"""The project model: yearly revenue, costs, taxes, profit and cash, for many scenarios at once.

Every array is (scenarios, years). A single re-run of a filing is one scenario; Monte Carlo passes
shock vectors of length S and gets S rows back, with no Python loop over scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from orchestration.lib.model.assumptions import CostLine, ProjectAssumptions
from orchestration.lib.model.settle import SETTLING_CONVENTIONS, Operations, Settlement, settle

StaffRounding = Literal["exact", "ceil", "round"]
FULL_YEAR_MONTHS = 12.0


@dataclass(frozen=True, slots=True)
class Conventions:
    """The unstated choices an issuer's spreadsheet makes (domain.md §6), searched by calibration."""

    inclusive_price_decimals: int | None = None  # prices are round VAT-inclusive figures / (1 + VAT)
    depreciation_base_ex_vat: bool = True  # depreciate equipment net of its input VAT
    half_first_year: bool = False  # the first operating year counts 6 months
    half_last_year: bool = False  # the last operating year counts 6 months
    residual_as_revenue: bool = False  # book value left at the end is booked as revenue
    staff_rounding: StaffRounding = "exact"
    revenue_tax_rate: float = 0.0  # a small tax on revenue (stamp duty), in taxes and surcharges
    surcharge_on_net_vat: bool = True  # surcharges on VAT after input credit, else on output VAT
    capex_vat_credit: bool = True  # equipment input VAT is credited against output VAT
    loss_carry_forward: bool = False  # losses reduce later taxable profit (no expiry within the model)
    utilisation_in_revenue: bool = True  # revenue counts utilisation, or every unit in service
    implied_residual_rates: tuple[float, ...] = ()  # one per asset whose residual rate is not stated
    taxes_as_printed: bool = False  # the filing's taxes line cannot be derived: take it as printed

    def label(self) -> str:
        defaults = Conventions()
        changed = [f"{k}={getattr(self, k)}" for k in self.__slots__ if getattr(self, k) != getattr(defaults, k)]
        return ", ".join(changed) or "defaults"


@dataclass(frozen=True, slots=True)
class Shocks:
    """Multipliers (and replacements) applied to the assumptions; scalars or arrays of length S."""

    price: np.ndarray | float = 1.0
    utilisation: np.ndarray | float = 1.0
    capex: np.ndarray | float = 1.0
    opex: np.ndarray | float = 1.0  # every cost line except depreciation
    cabinet_power: np.ndarray | float = 1.0  # cabinet rent and power on top of opex
    expense_ratio: np.ndarray | float = 1.0
    income_tax_rate: np.ndarray | float | None = None

    @property
    def size(self) -> int:
        return max(np.size(getattr(self, name)) for name in self.__slots__ if getattr(self, name) is not None)


@dataclass(slots=True)
class Forecast:
    """Yearly lines of a project for S scenarios, in 万元; every array is (S, years)."""

    revenue: np.ndarray
    residual_revenue: np.ndarray
    cost_lines: dict[str, np.ndarray]
    depreciation: np.ndarray
    expenses: np.ndarray
    taxes_surcharges: np.ndarray
    total_profit: np.ndarray
    income_tax: np.ndarray
    net_profit: np.ndarray
    capex_paid: np.ndarray  # as printed (VAT-inclusive)
    capex_vat: np.ndarray
    salvage: np.ndarray  # book value of fixed and intangible assets left at the end, in the last year
    output_vat: np.ndarray  # on service revenue
    input_vat: np.ndarray  # on cost lines (the equipment's input VAT is capex_vat)
    financial_expense: np.ndarray  # interest in the expenses: a financing flow, not an operating one
    income_tax_on_ebit: np.ndarray  # income tax as if there were no financial expense
    working_capital: np.ndarray  # (S,): the printed 铺底流动资金, 0 when none is printed
    unitemised_proceeds: np.ndarray  # (S,): planned proceeds beyond the itemised investment
    lines: dict[str, np.ndarray] = field(default_factory=dict)
    vat_cost_lines: dict[str, np.ndarray] = field(default_factory=dict)  # metric -> printed VAT-bearing cost components

    @property
    def operating_cost(self) -> np.ndarray:
        return sum(self.cost_lines.values(), np.zeros_like(self.revenue)) + self.depreciation

    @property
    def total_cost(self) -> np.ndarray:
        return self.operating_cost + self.expenses

    def line(self, metric: str) -> np.ndarray:
        """A yearly line by its metric id (as in filings.facts)."""
        named = {
            "revenue": self.revenue,
            "operating_cost": self.operating_cost,
            "total_cost": self.total_cost,
            "depreciation_amortization": self.depreciation,
            "taxes_surcharges": self.taxes_surcharges,
            "total_profit": self.total_profit,
            "income_tax": self.income_tax,
            "net_profit": self.net_profit,
            "gross_profit": self.revenue - self.operating_cost,
            **self.lines,
        }
        return named[metric]


def run_forecast(a: ProjectAssumptions, conventions: Conventions, shocks: Shocks | None = None) -> Forecast:
    """Re-run a project's forecast under ``conventions`` for every scenario in ``shocks``."""
    how = Settlement(**{name: getattr(conventions, name) for name in SETTLING_CONVENTIONS})
    return settled_forecast(a, operations(a, conventions, shocks or Shocks()), how)


def operations(a: ProjectAssumptions, conventions: Conventions, shocks: Shocks) -> Operations:
    """Everything before taxes and profit: it reads none of the settling conventions."""
    s = shocks.size
    years = a.years
    col = _column_of(s)
    service_revenue, unit_months = _service_revenue(a, conventions, shocks, s)
    depreciation, book_value, capex_paid, capex_vat = _depreciation(a, conventions, col(shocks.capex))
    printed_non_cash = _printed_non_cash(a, s)
    salvage = np.zeros((s, years))
    salvage[:, -1] = book_value + _printed_book_value(a, printed_non_cash, col(shocks.capex))
    cost_lines, input_vat = _cost_lines(a, conventions, shocks, service_revenue, unit_months, col)
    vat_cost_lines = _vat_cost_lines(a, shocks, service_revenue, unit_months, conventions, col)
    if a.price_linked and a.vat_cost_components:
        cost_lines[LINKED_COST_CHANGE] = _linked_cost_change(a, shocks, service_revenue, unit_months, conventions, col)
    expenses = sum(
        (_line_amount(e, e.value, a, service_revenue, unit_months, conventions) for e in a.expenses),
        np.zeros((s, years)),
    ) * col(shocks.expense_ratio)
    financial = _financial_expense(a, service_revenue, unit_months, conventions) * col(shocks.expense_ratio)
    return Operations(
        service_revenue=service_revenue,
        salvage=salvage,
        cost_lines=cost_lines,
        vat_cost_lines=vat_cost_lines,
        depreciation=depreciation + printed_non_cash,
        expenses=expenses,
        capex_paid=capex_paid,
        capex_vat=capex_vat,
        input_vat=input_vat,
        financial_expense=financial,
        income_tax_rate=a.taxes.income_tax_rate if shocks.income_tax_rate is None else col(shocks.income_tax_rate),
    )


def settled_forecast(a: ProjectAssumptions, ops: Operations, how: Settlement) -> Forecast:
    """The forecast of ``ops`` settled ``how``: one row per settlement row when it holds several."""
    settled = settle(a, ops, how)
    s = ops.service_revenue.shape[0]
    return Forecast(
        revenue=settled.revenue,
        residual_revenue=settled.residual_revenue,
        cost_lines=ops.cost_lines,
        depreciation=ops.depreciation,
        expenses=ops.expenses,
        taxes_surcharges=settled.taxes_surcharges,
        total_profit=settled.total_profit,
        income_tax=settled.income_tax,
        net_profit=settled.total_profit - settled.income_tax,
        capex_paid=ops.capex_paid,
        capex_vat=ops.capex_vat,
        salvage=ops.salvage,
        output_vat=settled.output_vat,
        input_vat=ops.input_vat,
        financial_expense=ops.financial_expense,
        income_tax_on_ebit=settled.income_tax_on_ebit,
        working_capital=np.full(s, _scalar(a.working_capital)),
        unitemised_proceeds=np.full(s, _scalar(a.unitemised_proceeds)),
        lines={c.metric: ops.cost_lines[c.name] for c in a.costs if c.name in ops.cost_lines},
        vat_cost_lines=ops.vat_cost_lines,
    )


def _column_of(s: int):
    def col(x) -> np.ndarray:
        return np.broadcast_to(np.asarray(x, dtype=float).reshape(-1, 1), (s, 1))

    return col


def operating_months(a: ProjectAssumptions, conventions: Conventions) -> list[np.ndarray]:
    """Months of operation per product and year, with the half-year conventions applied.

    The first and last operating years are the project's (over all products): a half year halves
    whatever the product printed for that year.
    """
    printed = [np.asarray(p.months.series(a.years), dtype=float) for p in a.products]
    running = np.flatnonzero(np.sum(printed, axis=0) > 0) if printed else np.array([], dtype=int)
    scale = np.ones(a.years)
    if running.size and conventions.half_first_year:
        scale[running[0]] = 0.5
    if running.size and conventions.half_last_year:
        scale[running[-1]] = 0.5
    return [months * scale for months in printed]


def effective_price(printed: np.ndarray, vat_rate: float, decimals: int | None) -> np.ndarray:
    """The price the spreadsheet used: a round VAT-inclusive price / (1 + VAT), or the printed one."""
    if decimals is None:
        return printed
    return np.round(printed * (1 + vat_rate), decimals) / (1 + vat_rate)


def _service_revenue(a, conventions, shocks, s):
    years = a.years
    col = _column_of(s)
    revenue = np.zeros((s, years))
    unit_months = np.zeros((s, years))
    for p, months in zip(a.products, operating_months(a, conventions), strict=True):
        units = np.asarray(p.units.series(years))
        price = effective_price(
            np.asarray(p.price_month.series(years)), a.taxes.output_vat_rate, conventions.inclusive_price_decimals
        )
        amount = units * price * months / p.price_months * col(shocks.price)
        if conventions.utilisation_in_revenue:
            amount = amount * np.clip(np.asarray(p.utilisation.series(years)) * col(shocks.utilisation), 0.0, 1.0)
        else:
            amount = amount * col(shocks.utilisation)
        revenue += amount
        unit_months += units * months
    # printed revenue lines beside products (bandwidth resale ...) are not priced per unit: a price
    # shock moves them when they are the whole revenue or derived from the products' revenue
    for line in a.revenue_lines:
        price_shock = col(shocks.price) if not a.products or line.name in a.price_linked else 1.0
        revenue += np.asarray(line.series(years)) * price_shock * col(shocks.utilisation)
    return revenue, unit_months


def _depreciation(a, conventions, capex_shock):
    years = a.years
    s = capex_shock.shape[0]
    depreciation = np.zeros((s, years))
    book_value = np.zeros(s)
    capex_paid = np.zeros((s, years))
    capex_vat = np.zeros((s, years))
    implied_rates = iter(conventions.implied_residual_rates)
    for asset in a.assets:
        paid = np.asarray(asset.amount.series(years)) * capex_shock
        vat = paid - paid / (1 + asset.vat_rate)
        if asset.cash:
            capex_paid += paid
            capex_vat += vat
        if asset.life_years == 0:
            continue
        residual = asset.residual_rate if asset.residual_rate is not None else next(implied_rates, 0.0)
        base = (paid - vat if conventions.depreciation_base_ex_vat else paid).sum(axis=1)
        if not asset.cash:  # an implied amount is what gets depreciated: the residual comes on top
            base = base / (1 - residual)
        charge = _straight_line(asset, residual, years, conventions.half_first_year)
        depreciation += base[:, None] * charge[None, :]
        book_value += base * (1 - charge.sum())
    return depreciation, book_value, capex_paid, capex_vat


def _straight_line(asset, residual_rate: float, years: int, half_first_year: bool) -> np.ndarray:
    """Share of the base charged each model year (a half-year start pushes half a year past the life)."""
    yearly = (1 - residual_rate) / asset.life_years
    charge = np.zeros(years)
    start = asset.service_start_year - 1
    shares = [0.5] + [1.0] * (asset.life_years - 1) + [0.5] if half_first_year else [1.0] * asset.life_years
    for offset, share in enumerate(shares):
        if start + offset < years:
            charge[start + offset] = share * yearly
    return charge


NON_CASH_METRICS = frozenset({"depreciation_amortization", "depreciation", "amortization"})
FINANCIAL_EXPENSE = "financial_expense"


def _scalar(assumption) -> float:
    return 0.0 if assumption is None else float(assumption.series(1)[0])


def _printed_book_value(a, printed_non_cash: np.ndarray, capex_shock: np.ndarray) -> np.ndarray:
    """Book value left at the end of what the printed depreciation lines write off.

    The base is what the filing says the investment becomes in fixed and intangible assets
    (``capitalised``), else the investment paid net of its input VAT; working capital is not in it.
    Zero when the filing prints no depreciation line (modelled assets carry their own book value).
    """
    written_off = printed_non_cash.sum(axis=1)
    if not written_off.any():
        return np.zeros(capex_shock.shape[0])
    if a.capitalised is not None:
        base = _scalar(a.capitalised)
    else:
        base = sum(sum(asset.amount.series(a.years)) / (1 + asset.vat_rate)
                   for asset in a.assets if asset.cash and asset.life_years == 0)
    return np.maximum(base * capex_shock[:, 0] - written_off, 0.0)


def _financial_expense(a, revenue, unit_months, conventions) -> np.ndarray:
    lines = [e for e in a.expenses if e.metric == FINANCIAL_EXPENSE]
    return sum((_line_amount(e, e.value, a, revenue, unit_months, conventions) for e in lines), np.zeros_like(revenue))


def _printed_non_cash(a, s) -> np.ndarray:
    """Depreciation and amortisation the filing prints as cost lines (not derived from an asset)."""
    printed = np.zeros((s, a.years))
    for c in a.costs:
        if c.metric in NON_CASH_METRICS:
            printed += np.asarray(c.value.series(a.years))
    return printed


def _cost_lines(a, conventions, shocks, revenue, unit_months, col):
    lines: dict[str, np.ndarray] = {}
    input_vat = np.zeros_like(revenue)
    for c in a.costs:
        if c.metric in NON_CASH_METRICS:
            continue
        amount = _line_amount(c, c.value, a, revenue, unit_months, conventions) * col(shocks.opex)
        if c.metric in ("cabinet_rent", "power_cost"):
            amount = amount * col(shocks.cabinet_power)
        lines[c.name] = amount
        input_vat += amount * c.vat_rate
    return lines, input_vat


LINKED_COST_CHANGE = "resale costs moved with the products' price"


def _vat_cost_lines(a, shocks, revenue, unit_months, conventions, col) -> dict[str, np.ndarray]:
    """The VAT-bearing cost components by metric (万元 ex VAT), shocked like the cost lines; a resale
    cost derived from the products' revenue moves with their price and utilisation."""
    out: dict[str, np.ndarray] = {}
    for c in a.vat_cost_components:
        amount = _component(c, a, shocks, revenue, unit_months, conventions, col)
        if c.name in a.price_linked:
            amount = amount * col(shocks.price) * col(shocks.utilisation)
        out[c.metric] = out.get(c.metric, 0.0) + amount
    return out


def _linked_cost_change(a, shocks, revenue, unit_months, conventions, col) -> np.ndarray:
    """What the price and utilisation shocks add to the resale costs derived from the products' revenue
    (zero unshocked: the P&L's cost lines already hold those costs as printed)."""
    change = np.zeros_like(revenue)
    for c in a.vat_cost_components:
        if c.name in a.price_linked:
            amount = _component(c, a, shocks, revenue, unit_months, conventions, col)
            change = change + amount * (col(shocks.price) * col(shocks.utilisation) - 1)
    return change


def _component(c, a, shocks, revenue, unit_months, conventions, col) -> np.ndarray:
    amount = _line_amount(c, c.value, a, revenue, unit_months, conventions) * col(shocks.opex)
    if c.metric in ("cabinet_rent", "power_cost"):
        amount = amount * col(shocks.cabinet_power)
    return amount


def _line_amount(c: CostLine, value, a, revenue, unit_months, conventions) -> np.ndarray:
    rate = np.asarray(value.series(a.years), dtype=float)
    if c.vat_inclusive:
        rate = rate / (1 + c.vat_rate)
    if c.driver == "printed":
        return np.broadcast_to(rate, revenue.shape).copy()
    if c.driver == "revenue_ratio":
        return revenue * rate
    if c.driver == "per_unit_month":
        driven = unit_months
        if c.follows_utilisation:
            driven = unit_months * (revenue > 0)
        return driven * rate
    if c.driver == "staff":
        return _staff_cost(c, rate, a, unit_months, conventions)
    raise ValueError(f"unknown cost driver {c.driver!r} of {c.name}")


def _staff_cost(c, units_per_person, a, unit_months, conventions) -> np.ndarray:
    units = np.asarray([sum(p.units.series(a.years)[y] for p in a.products) for y in range(a.years)], dtype=float)
    heads = np.divide(units, units_per_person, out=np.zeros_like(units), where=units_per_person > 0)
    heads = {"exact": heads, "ceil": np.ceil(heads - 1e-9), "round": np.round(heads)}[conventions.staff_rounding]
    months = np.divide(unit_months, units, out=np.zeros_like(unit_months), where=units > 0)
    wage = np.asarray(c.wage.series(a.years)) if c.wage is not None else 0.0
    return heads * months * wage
