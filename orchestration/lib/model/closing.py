"""Which cash-flow conventions close a project's published IRR and payback, and what is left over.

Every combination of the switches of ``returns.CashFlowConvention`` that can change this project's
flows is one row of a single batch (one IRR solve, one payback pass for all of them). A combination
closes the published figures when each is within tolerance (IRR 0.30 points, payback 0.10 years:
the precision a reviewer can defend from rounded disclosures); every closing combination is kept,
ties included, ranked by the normalised residual. Combinations that read printed amounts as printed
come first; then those that read a printed working capital as 铺底流动资金, 30% of the working capital
the flows carry (the 可研 rule, returns.py); then those whose working capital is back-solved from the
published payback (an amount the filing does not print, reported as such). Beside the best one sit the implied parameters (the
investment, terminal value and working capital that would make the published figures exact) and
what the filing prints about each.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

import numpy as np

from orchestration.lib.model.assumptions import ProjectAssumptions
from orchestration.lib.model.calibrate import implied_extra_investment
from orchestration.lib.model.forecast import Forecast
from orchestration.lib.model.returns import (
    CashFlowConvention,
    cash_flows,
    irr,
    npv,
    payback,
    working_capital_flows,
)

IRR_TOLERANCE = 0.003
PAYBACK_TOLERANCE = 0.10
TOLERANCE = {"irr_post_tax": IRR_TOLERANCE, "payback_static": PAYBACK_TOLERANCE}
VAT_OPTIONS = (("ex_vat", 0), ("gross", 0), ("credit", 0), ("credit", 1))
COST_VAT_OPTIONS = ("value_added_telecom", "basic_telecom")
WORKING_CAPITAL_TIMINGS = ("first_year", "with_revenue")
FLOOR_SHARES = (1.0, 0.3)  # a working-capital amount as the whole, or as 铺底流动资金 at 30% of it (returns.py)
BISECTION_STEPS = 40  # the implied working capital to well under 0.01 万元 on any investment below 10^10


@dataclass(frozen=True, slots=True)
class Candidate:
    convention: CashFlowConvention
    values: dict[str, float]  # irr_post_tax, payback_static (years from the start of year 1)
    gaps: dict[str, float]  # recomputed - published, for the published measures
    closes: bool  # every published measure within tolerance
    score: float  # sum of (gap / tolerance)^2

    @property
    def implied(self) -> bool:
        """Reads an amount the filing does not print (working capital back-solved from the payback)."""
        return self.convention.working_capital_amount == "implied"

    @property
    def grossed_up(self) -> bool:
        """Reads a printed working capital as 铺底流动资金, a share of the whole (a rule, not the filing's words)."""
        return self.convention.working_capital != "none" and self.convention.working_capital_floor_share != 1.0


@dataclass(frozen=True, slots=True)
class ReturnsFit:
    published: dict[str, float]
    candidates: tuple[Candidate, ...]  # best first
    implied: dict[str, float | None] = field(default_factory=dict)  # under the best convention
    printed: dict[str, float | None] = field(default_factory=dict)  # what the filing prints beside them

    @property
    def best(self) -> Candidate:
        return self.candidates[0]

    @property
    def closing(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.closes)

    @property
    def best_as_printed(self) -> Candidate | None:
        """The best candidate that reads the filing's amounts as printed: no implied amount, nothing grossed up."""
        return next((c for c in self.candidates if not (c.implied or c.grossed_up)), None)


def candidate_cash_flow_conventions(f: Forecast) -> list[CashFlowConvention]:
    """Every combination of the switches that can change this project's flows, with printed amounts."""
    amounts = [name for name, v in (("printed", f.working_capital), ("unitemised_proceeds", f.unitemised_proceeds)) if v.any()]
    working_capital = [("none", "printed", 1.0)] + [
        (t, a, share) for t in WORKING_CAPITAL_TIMINGS for a in amounts for share in FLOOR_SHARES
    ]
    return [replace(c, working_capital=wc, working_capital_amount=amount, working_capital_floor_share=share)
            for c in _base_conventions(f) for wc, amount, share in working_capital]


def _base_conventions(f: Forecast) -> list[CashFlowConvention]:
    """Every combination of the switches other than working capital (left out)."""
    vat = [(mode, lag, "modelled") for mode, lag in VAT_OPTIONS] if f.capex_vat.any() else [VAT_OPTIONS[0] + ("modelled",)]
    if f.capex_vat.any() and f.vat_cost_lines:
        vat += [(mode, lag, cost) for mode, lag in VAT_OPTIONS if mode == "credit" for cost in COST_VAT_OPTIONS]
    ebit = (False, True) if f.financial_expense.any() else (False,)
    out = []
    for timing, salvage, (vat_mode, lag, cost_vat), on_ebit in itertools.product(
        ("as_paid", "start_of_year", "t0"), (True, False), vat, ebit
    ):
        out.append(CashFlowConvention("", timing, "none", "printed", salvage, vat_mode, lag, cost_vat, on_ebit))
    return out


def fit_returns(a: ProjectAssumptions, f: Forecast, residual_as_revenue: bool) -> ReturnsFit | None:
    """Rank every candidate convention by how well it closes the published IRR and payback.

    None when the project publishes neither, or invests nothing the model knows of.
    """
    published = {m: float(a.published_returns[m].value) for m in TOLERANCE if m in a.published_returns}
    if not published or not f.capex_paid.any():
        return None
    conventions = candidate_cash_flow_conventions(f)
    if "payback_static" in published:
        conventions += implied_working_capital_conventions(f, residual_as_revenue, published["payback_static"])
    conventions = [replace(c, name=c.label()) for c in conventions]
    flows = np.concatenate([cash_flows(f, c, residual_as_revenue)[:1] for c in conventions])
    values = {"irr_post_tax": irr(flows), "payback_static": payback(flows)}
    candidates = [_candidate(c, {m: float(v[i]) for m, v in values.items()}, published) for i, c in enumerate(conventions)]
    candidates.sort(key=lambda c: (not c.closes, c.implied, c.grossed_up, c.score))
    best = candidates[0].convention
    return ReturnsFit(
        published=published,
        candidates=tuple(candidates),
        implied=_implied(f, best, residual_as_revenue, published),
        printed=_printed(a, f),
    )


def implied_working_capital_conventions(f: Forecast, residual_as_revenue: bool, target: float) -> list[CashFlowConvention]:
    """Every base combination x working-capital timing, with the amount that makes the payback ``target``.

    One batched bisection over all of them: the payback grows with the working capital paid in
    (it is recovered only at the end). Left out where no amount up to the investment reaches the target.
    """
    variants = [replace(c, working_capital=t, working_capital_amount="implied")
                for c in _base_conventions(f) for t in WORKING_CAPITAL_TIMINGS]
    amounts = implied_working_capital(f, variants, residual_as_revenue, target)
    return [replace(c, implied_working_capital_wan=round(float(w), 2))
            for c, w in zip(variants, amounts, strict=True) if np.isfinite(w)]


def implied_working_capital(
    f: Forecast, conventions: list[CashFlowConvention], residual_as_revenue: bool, target: float
) -> np.ndarray:
    """Per convention, the working capital (paid as it times it) that makes the static payback ``target``."""
    bare = np.concatenate([cash_flows(f, replace(c, working_capital="none"), residual_as_revenue)[:1] for c in conventions])
    revenue = f.revenue[:1] - f.residual_revenue[:1]
    shape = np.zeros_like(bare)
    shape[:, 1:] = np.concatenate([working_capital_flows(revenue, np.ones(1), c.working_capital) for c in conventions])
    low = np.zeros(len(conventions))
    high = np.full(len(conventions), float(f.capex_paid[0].sum()))

    def short(amount: np.ndarray) -> np.ndarray:
        value = payback(bare - amount[:, None] * shape)
        return np.where(np.isfinite(value), value, np.inf) < target

    reachable = short(low) & ~short(high)
    for _ in range(BISECTION_STEPS):
        mid = (low + high) / 2
        below = short(mid)
        low, high = np.where(below, mid, low), np.where(below, high, mid)
    return np.where(reachable, (low + high) / 2, np.nan)


def _candidate(c: CashFlowConvention, values: dict[str, float], published: dict[str, float]) -> Candidate:
    gaps = {m: values[m] - p for m, p in published.items()}
    finite = all(np.isfinite(g) for g in gaps.values())
    closes = finite and all(abs(g) <= TOLERANCE[m] + 1e-9 for m, g in gaps.items())
    score = sum((g / TOLERANCE[m]) ** 2 for m, g in gaps.items()) if finite else np.inf
    return Candidate(c, values, gaps, closes, float(score))


def _implied(f: Forecast, c: CashFlowConvention, residual_as_revenue: bool, published: dict[str, float]) -> dict:
    """The amounts that would make the published figures exact under convention ``c``."""
    implied: dict[str, float | None] = {}
    target = published.get("irr_post_tax")
    if target is not None:
        implied["extra_investment_wan"] = _or_none(lambda: implied_extra_investment(f, c, residual_as_revenue, target))
        bare = cash_flows(f, replace(c, salvage=False), residual_as_revenue)[:1]
        horizon = bare.shape[1] - 1
        implied["terminal_value_wan"] = float(-npv(bare, target)[0] * (1 + target) ** horizon)
    if "payback_static" in published:
        timed = c if c.working_capital != "none" else replace(c, working_capital="first_year")
        amount = implied_working_capital(f, [timed], residual_as_revenue, published["payback_static"])[0]
        implied["working_capital_wan"] = float(amount) if np.isfinite(amount) else None
    return implied


def _or_none(solve) -> float | None:
    try:
        return float(solve())
    except ValueError:  # no sign change in the bracket: no amount closes the figure
        return None


def _printed(a: ProjectAssumptions, f: Forecast) -> dict[str, float | None]:
    """What the filing prints about the implied parameters (None when it prints nothing)."""
    return {
        "investment_paid_wan": float(f.capex_paid[0].sum()),
        "capitalised_wan": float(a.capitalised.value) if a.capitalised is not None else None,
        "book_value_end_wan": float(f.salvage[0, -1]),
        "working_capital_wan": float(f.working_capital[0]) if f.working_capital[0] else None,
        "unitemised_proceeds_wan": float(f.unitemised_proceeds[0]) if f.unitemised_proceeds[0] else None,
    }
