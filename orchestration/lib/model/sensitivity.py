"""Stress a calibrated project: tornado, two-way grids, break-even points, Monte Carlo, Sobol indices.

Every analysis is one vectorised batch of scenarios through ``run_forecast``; scenario axes are
multipliers on the assumptions (price 0.95 = prices 5% lower).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from orchestration.lib.model.assumptions import ProjectAssumptions
from orchestration.lib.model.forecast import Conventions, Shocks, run_forecast
from orchestration.lib.model.returns import CashFlowConvention, cash_flows, irr, npv, payback

MULTIPLIER_DRIVERS = ("price", "utilisation", "capex", "opex", "cabinet_power", "expense_ratio")
TORNADO_SWING = 0.10
TAX_RATE_SWING = 0.05
RATE_SWING = 0.02
BREAK_EVEN_RANGE = (0.01, 3.0)


@dataclass(frozen=True, slots=True)
class Setting:
    """What every analysis holds fixed: the project, its calibrated conventions, how returns are read
    (the cash-flow convention that closes the published returns, when the filing publishes any)."""

    assumptions: ProjectAssumptions
    conventions: Conventions
    cash_flow: CashFlowConvention
    discount_rate: float


def evaluate(setting: Setting, shocks: Shocks, rate=None) -> dict[str, np.ndarray]:
    """The headline outputs of every scenario in ``shocks``."""
    a = setting.assumptions
    f = run_forecast(a, setting.conventions, shocks)
    flows = cash_flows(f, setting.cash_flow, setting.conventions.residual_as_revenue)
    running = (f.revenue > 0).any(axis=0)  # averages are over operating years, as filings print them
    revenue = f.revenue[:, running]
    gross = (revenue - f.operating_cost[:, running]).sum(axis=1)
    total = revenue.sum(axis=1)
    margin = np.divide(gross, total, out=np.zeros_like(gross), where=total != 0)  # total gross profit / revenue
    return {
        "irr": irr(flows),
        "npv": npv(flows, setting.discount_rate if rate is None else rate),
        "payback_static": payback(flows),
        "avg_revenue": revenue.mean(axis=1),
        "avg_gross_margin": margin,
        "avg_net_profit": f.net_profit[:, running].mean(axis=1),
        "total_net_profit": f.net_profit.sum(axis=1),
    }


def tornado(setting: Setting, swing: float = TORNADO_SWING) -> list[dict]:
    """One-at-a-time: each driver at (1 - swing) and (1 + swing), plus income tax and discount rates."""
    rows = []
    for driver in MULTIPLIER_DRIVERS:
        out = evaluate(setting, Shocks(**{driver: np.array([1 - swing, 1 + swing])}))
        rows.append(_tornado_row(driver, 1 - swing, 1 + swing, out))
    tax = setting.assumptions.taxes.income_tax_rate
    low, high = max(tax - TAX_RATE_SWING, 0.0), tax + TAX_RATE_SWING
    rows.append(_tornado_row("income_tax_rate", low, high, evaluate(setting, Shocks(income_tax_rate=np.array([low, high])))))
    rate = setting.discount_rate
    rates = np.array([rate - RATE_SWING, rate + RATE_SWING])
    rows.append(_tornado_row("discount_rate", *rates, evaluate(setting, Shocks(price=np.ones(2)), rate=rates)))
    return rows


def _tornado_row(driver: str, low: float, high: float, out: dict[str, np.ndarray]) -> dict:
    return {
        "driver": driver,
        "low": float(low),
        "high": float(high),
        "irr_low": float(out["irr"][0]),
        "irr_high": float(out["irr"][1]),
        "npv_low": float(out["npv"][0]),
        "npv_high": float(out["npv"][1]),
    }


def grid(setting: Setting, prices, utilisations) -> list[dict]:
    """Two-way grid: every price multiplier x utilisation multiplier, one batch, long rows."""
    p, u = np.meshgrid(np.asarray(prices, float), np.asarray(utilisations, float), indexing="ij")
    out = evaluate(setting, Shocks(price=p.ravel(), utilisation=u.ravel()))
    rows = []
    for i, (price, utilisation) in enumerate(zip(p.ravel(), u.ravel(), strict=True)):
        for output, values in out.items():
            rows.append({"price": float(price), "utilisation": float(utilisation), "output": output, "value": float(values[i])})
    return rows


def published_table(setting: Setting, cells) -> np.ndarray:
    """The engine's value of every published sensitivity cell (published_tables.Cell), one batch."""
    if not cells:
        return np.array([])
    out = evaluate(setting, Shocks(price=np.array([c.price for c in cells]), utilisation=np.array([c.utilisation for c in cells])))
    return np.array([out[c.output][i] for i, c in enumerate(cells)])


def published_table_at_printed_revenue(setting: Setting, cells) -> np.ndarray:
    """Every published cell re-run at the average revenue its own column prints (NaN where none is printed).

    A table whose revenue does not move as its labels say (a 5% price cut that costs 13% of revenue)
    varies something else; holding the engine to the printed revenue level tests whether the rest of
    the cell (margin, profit, IRR) follows from the revenue alone. Only for a project whose revenue is
    taken as printed (a price shock scales all of it); NaN for one priced per unit.
    """
    if not cells or setting.assumptions.products:
        return np.full(len(cells), np.nan)
    base = evaluate(setting, Shocks())["avg_revenue"][0]
    printed = {(c.table_id, c.price, c.utilisation): c.published for c in cells if c.output == "avg_revenue"}
    levels = np.array([printed.get((c.table_id, c.price, c.utilisation), np.nan) / base for c in cells])
    out = evaluate(setting, Shocks(price=np.nan_to_num(levels, nan=1.0)))
    values = np.array([out[c.output][i] for i, c in enumerate(cells)])
    return np.where(np.isnan(levels), np.nan, values)


def break_even(setting: Setting, driver: str, output: str) -> float | None:
    """The multiplier of ``driver`` (price or utilisation) at which ``output`` (npv, total_net_profit) is zero.

    Below 1: the decline the project can bear; above 1: the rise it needs (it is under water as
    planned). None when no multiplier in 0.01 .. 3 turns the output.
    """

    def value(m: float) -> float:
        return float(evaluate(setting, Shocks(**{driver: np.array([m])}))[output][0])

    from scipy.optimize import brentq  # here, not at import: loading the definitions stays light

    low, high = BREAK_EVEN_RANGE
    if np.sign(value(low)) == np.sign(value(high)):
        return None
    return float(brentq(value, low, high, xtol=1e-7))


@dataclass(frozen=True, slots=True)
class Spread:
    """A normal multiplier around 1 with standard deviation ``sd``, clipped to [low, high]."""

    sd: float
    low: float = 0.0
    high: float = 2.0


DEFAULT_SPREADS = {
    "price": Spread(0.10),
    "utilisation": Spread(0.05, high=1.2),
    "capex": Spread(0.05),
    "opex": Spread(0.05),
}


@dataclass(frozen=True, slots=True)
class MonteCarlo:
    samples: dict[str, np.ndarray]
    outputs: dict[str, np.ndarray]
    summary: dict[str, float] = field(default_factory=dict)


def monte_carlo(
    setting: Setting, n: int = 10_000, seed: int = 0, spreads: dict[str, Spread] | None = None
) -> MonteCarlo:
    """``n`` random scenarios in one batch: P10/P50/P90 of IRR and NPV and P(NPV < 0)."""
    rng = np.random.default_rng(seed)
    samples = {
        name: np.clip(rng.normal(1.0, s.sd, n), s.low, s.high) for name, s in (spreads or DEFAULT_SPREADS).items()
    }
    outputs = evaluate(setting, Shocks(**samples))
    summary = {}
    for name in ("irr", "npv"):
        defined = outputs[name][np.isfinite(outputs[name])]
        p10, p50, p90 = np.percentile(defined, [10, 50, 90]) if defined.size else (np.nan,) * 3
        summary |= {f"{name}_p10": float(p10), f"{name}_p50": float(p50), f"{name}_p90": float(p90)}
    summary["prob_npv_negative"] = float((outputs["npv"] < 0).mean())
    summary["irr_undefined_share"] = float(np.isnan(outputs["irr"]).mean())
    return MonteCarlo(samples, outputs, summary)


def sobol_indices(setting: Setting, base_samples: int = 512, swing: float = TORNADO_SWING, seed: int = 0) -> list[dict]:
    """First-order and total Sobol indices of NPV and average net profit for the main drivers."""
    # SALib brings pandas and scipy.stats (seconds of start-up): imported only when indices are asked for.
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    problem = {
        "num_vars": len(MULTIPLIER_DRIVERS),
        "names": list(MULTIPLIER_DRIVERS),
        "bounds": [[1 - swing, 1 + swing]] * len(MULTIPLIER_DRIVERS),
    }
    x = sobol_sample.sample(problem, base_samples, calc_second_order=False, seed=seed)
    outputs = evaluate(setting, Shocks(**{name: x[:, i] for i, name in enumerate(MULTIPLIER_DRIVERS)}))
    rows = []
    for output in ("npv", "avg_net_profit"):
        result = sobol_analyze.analyze(problem, outputs[output], calc_second_order=False, seed=seed)
        for i, name in enumerate(MULTIPLIER_DRIVERS):
            rows.append({"output": output, "driver": name, "s1": float(result["S1"][i]), "st": float(result["ST"][i])})
    return rows
