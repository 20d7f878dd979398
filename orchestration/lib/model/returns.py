"""Project returns (IRR, NPV, payback) under named, explicit cash-flow conventions.

Flows are end-of-year. A convention says when capex is paid, whether working capital, salvage
and the cash effect of VAT count, and whether income tax is deducted (post-tax) or not (pre-tax).
All functions take (S, T) arrays and return one value per scenario.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from orchestration.lib.model.forecast import Forecast

CapexTiming = Literal["as_paid", "t0"]
IRR_LOW, IRR_HIGH = -0.99, 10.0
BISECTION_STEPS = 64
NEWTON_STEPS = 12
NEWTON_TOLERANCE = 1e-12


@dataclass(frozen=True, slots=True)
class CashFlowConvention:
    name: str
    capex_timing: CapexTiming = "as_paid"  # paid in its model year, or all at t0 before year 1
    working_capital: bool = True
    salvage: bool = True  # book value recovered in the last year (when not already booked as revenue)
    vat_cash: bool = False  # capex paid VAT-inclusive, then output VAT kept while input credit lasts
    post_tax: bool = True


CONVENTIONS = (
    CashFlowConvention("as_paid"),
    CashFlowConvention("as_paid_no_salvage", salvage=False),
    CashFlowConvention("as_paid_vat_cash", vat_cash=True),
    CashFlowConvention("t0", capex_timing="t0"),
    CashFlowConvention("t0_no_working_capital", capex_timing="t0", working_capital=False),
    CashFlowConvention("t0_vat_cash", capex_timing="t0", vat_cash=True),
)


def cash_flows(f: Forecast, c: CashFlowConvention, residual_as_revenue: bool) -> np.ndarray:
    """Net cash flow per period: column 0 is t0 when capex is at t0, else model year 1."""
    operating = (f.net_profit if c.post_tax else f.total_profit) + f.depreciation
    if residual_as_revenue and not c.salvage:
        operating = operating - f.residual_revenue
    if c.salvage and not residual_as_revenue:
        operating = operating + f.salvage  # already in profit when booked as revenue
    if c.working_capital:
        operating = operating - f.working_capital
    if c.vat_cash:
        capex = f.capex_paid
        operating = operating + f.vat_cash + f.capex_vat  # vat_cash already nets the capex VAT paid
    else:
        capex = f.capex_paid - f.capex_vat
    if c.capex_timing == "t0":
        t0 = -capex.sum(axis=1, keepdims=True)
        return np.concatenate([t0, operating], axis=1)
    return operating - capex


def project_returns(
    f: Forecast, residual_as_revenue: bool, build_years: int, rate: float, conventions=CONVENTIONS
) -> list[dict]:
    """IRR, NPV and payback of scenario 0 under every cash-flow convention, as long rows."""
    rows = []
    for c in conventions:
        for post_tax in (True, False):
            cc = CashFlowConvention(c.name, c.capex_timing, c.working_capital, c.salvage, c.vat_cash, post_tax)
            flows = cash_flows(f, cc, residual_as_revenue)[:1]
            first = first_period(cc)
            shape = flow_shape(flows[0])
            tax = "post_tax" if post_tax else "pre_tax"
            measures = {
                f"irr_{tax}": irr(flows)[0],
                f"npv_{tax}": npv(flows, rate, first)[0],
                f"payback_static_{tax}": payback(flows, first)[0],
                f"payback_static_{tax}_ex_build": payback(flows, first, skip_years=build_years)[0],
                f"payback_dynamic_{tax}": payback(flows, first, rate=rate)[0],
                f"payback_dynamic_{tax}_ex_build": payback(flows, first, rate=rate, skip_years=build_years)[0],
            }
            for measure, value in measures.items():
                rows.append(
                    {
                        "convention": c.name,
                        "measure": measure,
                        "value": float(value),
                        "conventional_flows": shape.conventional,
                        "irr_count": len(shape.irrs),
                    }
                )
    return rows


def first_period(c: CashFlowConvention) -> int:
    """The time of the first column: 0 for a t0 column, 1 for model year 1 (end-of-year flows)."""
    return 0 if c.capex_timing == "t0" else 1


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


def payback(flows: np.ndarray, first: int = 1, rate: float | None = None, skip_years: float = 0) -> np.ndarray:
    """Years until the cumulative (discounted when ``rate`` is given) flow turns non-negative.

    Column k covers the year ending at ``first + k``; the crossing is interpolated linearly within
    that year. ``skip_years`` (the construction period) is subtracted for payback from the start
    of operation. NaN when never paid back.
    """
    if rate is not None:
        flows = flows / (1 + rate) ** np.arange(first, first + flows.shape[1])[None, :]
    cumulative = np.cumsum(flows, axis=1)
    paid = cumulative >= 0
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
