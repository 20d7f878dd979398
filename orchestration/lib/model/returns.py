"""Project returns (IRR, NPV, payback) under named, explicit cash-flow conventions.

Flows are end-of-year, with a t0 column in front (the start of year 1). A convention says when
capex is paid, whether working capital, the terminal book value and the cash effect of VAT count,
what income tax is computed on and whether it is deducted. Every function takes (rows, periods)
arrays, rows being scenarios, conventions or both, and returns one value per row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from orchestration.lib.model.forecast import Forecast

CapexTiming = Literal["as_paid", "start_of_year", "t0"]
WorkingCapitalTiming = Literal["none", "first_year", "with_revenue"]
WorkingCapitalAmount = Literal["printed", "unitemised_proceeds", "implied"]
VatTreatment = Literal["ex_vat", "gross", "credit"]
CostVat = Literal["modelled", "value_added_telecom", "basic_telecom"]
# statutory input VAT of the cost components (财税〔2016〕36号 and the 2019 rate cuts): electricity 13%,
# IDC cabinet rental, technical and other services 6%; bandwidth by how it is bought (see cost_vat)
COST_INPUT_VAT = {"power_cost": 0.13, "cabinet_rent": 0.06, "technical_service_cost": 0.06, "other_cost": 0.06}
TELECOM_INPUT_VAT = {"value_added_telecom": 0.06, "basic_telecom": 0.09}
IRR_LOW, IRR_HIGH = -0.99, 10.0
BISECTION_STEPS = 64
NEWTON_STEPS = 12
NEWTON_TOLERANCE = 1e-12


@dataclass(frozen=True, slots=True)
class CashFlowConvention:
    """How an issuer's spreadsheet turns the P&L into the cash flows behind its IRR and payback.

    Every switch is one the issuers' models use (domain.md §6); docs/model.md gives the formula of
    each and the filing evidence behind it.

    - ``capex_timing``: ``as_paid`` puts each year's investment at the end of the year the filing's
      schedule pays it (the operating flows of that year come at the same time); ``start_of_year``
      at the start of that year (construction money goes out before the year's revenue comes in);
      ``t0`` all of it at the start of year 1.
    - ``working_capital``: ``first_year`` pays it in the first operating year, ``with_revenue`` in
      step with revenue as it ramps up (Δrevenue / peak revenue, the way 铺底流动资金 is estimated
      from operating assets), ``none`` leaves it out; either way it is recovered in the last year.
      ``working_capital_amount`` is the printed 铺底流动资金, the planned proceeds the investment
      items leave unexplained, or ``implied``: ``implied_working_capital_wan``, an amount the filing
      does not print, back-solved by calibration from the published payback (closing.py), for
      issuers that estimate working capital in an undisclosed sheet. ``working_capital_floor_share``
      is the share of the working capital the flows carry that the amount stands for: 1 when it is the
      whole of it; 0.3 when it is 铺底流动资金, which the 可研 rule (《建设项目经济评价方法与参数》) sizes at
      30% of the 流动资金 the project needs: the investment funds that part, the cash flows carry it all.
    - ``salvage``: the book value of fixed and intangible assets left at the end of the horizon is
      recovered in the last year (unless the P&L already books it as revenue).
    - ``vat``: ``ex_vat`` pays the investment net of its input VAT; ``gross`` pays the VAT and never
      gets it back; ``credit`` pays it and keeps the output VAT it would otherwise remit until the
      credit is used up, the credit usable ``vat_credit_lag`` years after the year it is paid.
    - ``cost_vat`` (with ``vat=credit``): what the output VAT is net of before the equipment credit
      is used. ``modelled``: the model's cost lines' own input VAT (none when they carry no rate,
      so all output VAT is kept: the spreadsheets that leave operating input VAT out); else the
      printed cost components at statutory rates (power 13%, cabinet rental and services 6%), with
      bandwidth and leased lines at 6% when bought as value-added telecom (``value_added_telecom``,
      IDC resellers) or 9% when bought from a carrier as basic telecom (``basic_telecom``: 出租带宽
      is basic telecom under 财税〔2016〕36号). The 营改增 cash-flow tables of 可研 reports carry
      销项税额 in and 进项税额 out, so the VAT kept is output less operating input VAT.
    - ``tax_on_ebit``: income tax on EBIT (profit before financial expense), the financial expense
      left out of the flows as financing; else tax and flows after financial expense.
    - ``post_tax``: flows after income tax, else before.
    """

    name: str
    capex_timing: CapexTiming = "as_paid"
    working_capital: WorkingCapitalTiming = "first_year"
    working_capital_amount: WorkingCapitalAmount = "printed"
    salvage: bool = True
    vat: VatTreatment = "ex_vat"
    vat_credit_lag: int = 0
    cost_vat: CostVat = "modelled"
    tax_on_ebit: bool = False
    post_tax: bool = True
    implied_working_capital_wan: float = 0.0
    working_capital_floor_share: float = 1.0

    def label(self) -> str:
        """The switches that differ from the defaults, e.g. ``vat=credit, vat_credit_lag=1``."""
        defaults = CashFlowConvention(self.name)
        changed = [
            f"{k}={getattr(self, k)}" for k in self.__slots__ if k != "name" and getattr(self, k) != getattr(defaults, k)
        ]
        return ", ".join(changed) or "defaults"


CONVENTIONS = (
    CashFlowConvention("as_paid"),
    CashFlowConvention("as_paid_no_salvage", salvage=False),
    CashFlowConvention("as_paid_vat_credit", vat="credit"),
    CashFlowConvention("start_of_year", capex_timing="start_of_year"),
    CashFlowConvention("t0", capex_timing="t0"),
    CashFlowConvention("t0_no_working_capital", capex_timing="t0", working_capital="none"),
)


def cash_flows(f: Forecast, c: CashFlowConvention, residual_as_revenue: bool) -> np.ndarray:
    """Net cash flow per period, (S, years + 1): column 0 is t0 (the start of year 1), column k the end of year k."""
    operating = _operating(f, c, residual_as_revenue)
    capex = f.capex_paid if c.vat != "ex_vat" else f.capex_paid - f.capex_vat
    if c.vat == "credit":
        operating = operating + retained_output_vat(f, c.vat_credit_lag, c.cost_vat)
    flows = np.zeros((operating.shape[0], operating.shape[1] + 1))
    flows[:, 1:] = operating
    if c.capex_timing == "as_paid":
        flows[:, 1:] -= capex
    elif c.capex_timing == "start_of_year":
        flows[:, :-1] -= capex
    else:
        flows[:, 0] -= capex.sum(axis=1)
    return flows


def _operating(f: Forecast, c: CashFlowConvention, residual_as_revenue: bool) -> np.ndarray:
    """Profit (after tax when post-tax) + depreciation, terminal recovery and working capital."""
    profit = f.total_profit + f.financial_expense if c.tax_on_ebit else f.total_profit
    tax = f.income_tax_on_ebit if c.tax_on_ebit else f.income_tax
    operating = (profit - tax if c.post_tax else profit) + f.depreciation
    if residual_as_revenue and not c.salvage:
        operating = operating - f.residual_revenue
    if c.salvage and not residual_as_revenue:
        operating = operating + f.salvage  # already in profit when booked as revenue
    return operating - working_capital_flows(f.revenue - f.residual_revenue, working_capital(f, c), c.working_capital)


def working_capital(f: Forecast, c: CashFlowConvention) -> np.ndarray:
    """The working capital amount ``c`` reads, per scenario (万元)."""
    if c.working_capital_amount == "printed":
        return f.working_capital / c.working_capital_floor_share
    if c.working_capital_amount == "unitemised_proceeds":
        return f.unitemised_proceeds / c.working_capital_floor_share
    return np.full(f.revenue.shape[0], c.implied_working_capital_wan)


def working_capital_flows(revenue: np.ndarray, amount: np.ndarray, timing: WorkingCapitalTiming) -> np.ndarray:
    """Working capital paid in (+) over the first operating years and recovered (-) in the last year."""
    flows = np.zeros_like(revenue)
    if timing == "none":
        return flows
    if timing == "first_year":
        rows = np.arange(revenue.shape[0])
        flows[rows, np.argmax(revenue > 0, axis=1)] = amount
    else:
        growth = np.maximum(np.diff(revenue, axis=1, prepend=0.0), 0.0)
        total = growth.sum(axis=1, keepdims=True)
        flows = np.divide(growth, total, out=np.zeros_like(growth), where=total > 0) * amount[:, None]
    flows[:, -1] -= amount
    return flows


def retained_output_vat(f: Forecast, lag: int, cost_vat: CostVat = "modelled") -> np.ndarray:
    """Output VAT kept (not remitted) while the equipment's input-VAT credit lasts.

    Each year's VAT due before the credit is output VAT less the input VAT of the costs (as
    ``cost_vat`` reads it); the credit of the equipment paid in year y can be used from year y + ``lag`` on.
    """
    due = np.maximum(f.output_vat - cost_input_vat(f, cost_vat), 0.0)
    arriving = np.zeros_like(due)
    if lag < due.shape[1]:
        arriving[:, lag:] = f.capex_vat[:, : due.shape[1] - lag]
    kept = np.zeros_like(due)
    available = np.zeros(due.shape[0])
    for year in range(due.shape[1]):
        available = available + arriving[:, year]
        kept[:, year] = np.minimum(due[:, year], available)
        available = available - kept[:, year]
    return kept


def cost_input_vat(f: Forecast, cost_vat: CostVat) -> np.ndarray:
    """Input VAT of the operating costs per year: the model's cost lines, or the printed components at statutory rates."""
    if cost_vat == "modelled":
        return f.input_vat
    total = np.zeros_like(f.output_vat)
    for metric, amount in f.vat_cost_lines.items():
        total = total + amount * (TELECOM_INPUT_VAT[cost_vat] if metric == "bandwidth_cost" else COST_INPUT_VAT[metric])
    return total


def project_returns(
    f: Forecast, residual_as_revenue: bool, build_years: int, rate: float, conventions=CONVENTIONS
) -> list[dict]:
    """IRR, NPV and payback of scenario 0 under every convention, pre- and post-tax, as long rows.

    Every convention's flows are one row of a single batch: one IRR solve for all of them.
    """
    variants = [replace(c, post_tax=post_tax) for c in conventions for post_tax in (True, False)]
    flows = np.concatenate([cash_flows(f, c, residual_as_revenue)[:1] for c in variants])
    measures = {
        "irr": irr(flows),
        "npv": npv(flows, rate),
        "payback_static": payback(flows),
        "payback_static_ex_build": payback(flows, skip_years=build_years),
        "payback_dynamic": payback(flows, rate=rate),
        "payback_dynamic_ex_build": payback(flows, rate=rate, skip_years=build_years),
    }
    rows = []
    for i, c in enumerate(variants):
        shape = flow_shape(flows[i])
        tax = "post_tax" if c.post_tax else "pre_tax"
        for measure, values in measures.items():
            head, _, tail = measure.partition("_ex_")
            name = f"{head}_{tax}" + (f"_ex_{tail}" if tail else "")
            rows.append({
                "convention": c.name,
                "measure": name,
                "value": float(values[i]),
                "conventional_flows": shape.conventional,
                "irr_count": len(shape.irrs),
            })
    return rows


def npv(flows: np.ndarray, rate, first: int = 0) -> np.ndarray:
    """Present value at ``rate`` of end-of-period flows whose first column falls at time ``first``."""
    rate = np.asarray(rate, dtype=float).reshape(-1, 1)
    t = np.arange(first, first + flows.shape[1])[None, :]
    return (flows / (1 + rate) ** t).sum(axis=1)


def irr(flows: np.ndarray) -> np.ndarray:
    """The IRR of each row: Newton steps on the NPV polynomial, then bisection for unsettled rows.

    Newton runs in x = 1 / (1 + r), where NPV is a polynomial evaluated by Horner's rule one column
    at a time (no (S, T) temporaries). NaN where NPV does not change sign between -99% and 1000%.
    """
    x = np.full(flows.shape[0], 1 / 1.1)
    x_low, x_high = 1 / (1 + IRR_HIGH), 1 / (1 + IRR_LOW)
    for _ in range(NEWTON_STEPS):
        value, slope = _horner(flows, x)
        step = np.divide(value, slope, out=np.zeros_like(value), where=slope != 0)
        x = np.clip(x - step, x_low, x_high)
    rate = 1 / x - 1
    scale = np.abs(flows).sum(axis=1)
    settled = np.abs(_horner(flows, x)[0]) <= NEWTON_TOLERANCE * np.maximum(scale, 1.0)
    if not settled.all():
        rate[~settled] = _bisect(flows[~settled])
    return rate


def _horner(flows: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sum_t c_t x^t and its derivative in x, for every row."""
    value = flows[:, -1].copy()
    slope = np.zeros_like(value)
    for t in range(flows.shape[1] - 2, -1, -1):
        slope = slope * x + value
        value = value * x + flows[:, t]
    return value, slope


def _bisect(flows: np.ndarray) -> np.ndarray:
    lo = np.full(flows.shape[0], IRR_LOW)
    hi = np.full(flows.shape[0], IRR_HIGH)
    f_lo = npv(flows, lo)
    valid = np.sign(f_lo) != np.sign(npv(flows, hi))
    for _ in range(BISECTION_STEPS):
        mid = (lo + hi) / 2
        f_mid = npv(flows, mid)
        left = np.sign(f_mid) == np.sign(f_lo)
        lo = np.where(left, mid, lo)
        f_lo = np.where(left, f_mid, f_lo)
        hi = np.where(left, hi, mid)
    return np.where(valid, (lo + hi) / 2, np.nan)


def payback(flows: np.ndarray, first: int = 0, rate: float | None = None, skip_years: float = 0) -> np.ndarray:
    """Years until the cumulative (discounted when ``rate`` is given) flow turns non-negative.

    Column k covers the year ending at ``first + k``; the crossing is interpolated linearly within
    that year; leading zero columns (a t0 with nothing paid) are not a payback. ``skip_years``
    (the construction period) is subtracted for payback from the start of operation. NaN when
    never paid back.
    """
    if rate is not None:
        flows = flows / (1 + rate) ** np.arange(first, first + flows.shape[1])[None, :]
    cumulative = np.cumsum(flows, axis=1)
    started = np.cumsum(flows != 0, axis=1) > 0
    paid = (cumulative >= 0) & started
    k = np.argmax(paid, axis=1)
    rows = np.arange(flows.shape[0])
    before = np.where(k > 0, cumulative[rows, np.maximum(k - 1, 0)], 0.0)
    inflow = flows[rows, k]
    within = np.divide(-before, inflow, out=np.ones(len(rows)), where=(inflow > 0) & (k > 0))
    years = first + k - 1 + within - skip_years
    return np.where(paid.any(axis=1), years, np.nan)


@dataclass(frozen=True, slots=True)
class FlowShape:
    sign_changes: int
    conventional: bool  # one sign change: outflows then inflows
    irrs: tuple[float, ...]  # every real IRR above -100%


def flow_shape(flows: np.ndarray) -> FlowShape:
    """Sign changes and all real IRRs of one flow series (roots of the NPV polynomial in 1/(1+r))."""
    signs = np.sign(flows[flows != 0])
    changes = int((signs[1:] != signs[:-1]).sum())
    # NPV(r) (1+r)^T = sum_t c_t x^(T-t) with x = 1+r: the flows are the coefficients, highest power first
    roots = np.roots(np.trim_zeros(flows, "f")) if np.any(flows) else np.array([])
    real = roots[np.abs(roots.imag) < 1e-9].real
    irrs = tuple(sorted(float(x - 1) for x in real if x > 0))
    return FlowShape(sign_changes=changes, conventional=changes == 1, irrs=irrs)
