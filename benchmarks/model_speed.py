"""Monte Carlo speed: 100,000 scenarios of a 10-year project, against a numpy-financial loop.

The baseline runs the same model vectorised but takes each scenario's IRR and NPV with
``numpy_financial`` one scenario at a time, the way a spreadsheet-minded script would; it runs
on a subset and is scaled linearly to the full count (the loop's cost per scenario is constant).
"""

from __future__ import annotations

import time

import numpy as np
import numpy_financial as npf

from orchestration.lib.model.forecast import Conventions, Shocks, run_forecast
from orchestration.lib.model.returns import CONVENTIONS, cash_flows
from orchestration.lib.model.sensitivity import DEFAULT_SPREADS, Setting, monte_carlo
from orchestration.lib.model.synthetic import synthetic_project

SCENARIOS = 100_000
BASELINE_SUBSET = 2_000
BUDGET_SECONDS = 2.0
RATE = 0.08


def _baseline_seconds_per_scenario(setting: Setting) -> float:
    rng = np.random.default_rng(1)
    samples = {name: np.clip(rng.normal(1.0, s.sd, BASELINE_SUBSET), s.low, s.high) for name, s in DEFAULT_SPREADS.items()}
    started = time.perf_counter()
    for i in range(BASELINE_SUBSET):
        one = Shocks(**{name: values[i : i + 1] for name, values in samples.items()})
        f = run_forecast(setting.assumptions, setting.conventions, one)
        flows = cash_flows(f, setting.cash_flow, setting.conventions.residual_as_revenue)[0]
        npf.irr(flows)
        npf.npv(RATE, flows)  # column 0 is t0
    return (time.perf_counter() - started) / BASELINE_SUBSET


def main() -> None:
    setting = Setting(synthetic_project(years=10), Conventions(), CONVENTIONS[0], RATE)
    monte_carlo(setting, n=1_000)  # warm up imports and caches
    started = time.perf_counter()
    result = monte_carlo(setting, n=SCENARIOS, seed=0)
    vectorised = time.perf_counter() - started
    loop = _baseline_seconds_per_scenario(setting) * SCENARIOS
    s = result.summary
    print(f"Monte Carlo, 10-year project, {SCENARIOS:,} scenarios (IRR, NPV, payback, margins):")
    print(f"  vectorised engine        {vectorised:8.3f} s   (budget {BUDGET_SECONDS:.1f} s: {'OK' if vectorised < BUDGET_SECONDS else 'OVER'})")
    print(f"  numpy-financial loop     {loop:8.3f} s   (measured on {BASELINE_SUBSET:,} scenarios, scaled x{SCENARIOS // BASELINE_SUBSET})")
    print(f"  speed-up                 {loop / vectorised:8.1f} x")
    print(f"  IRR P10/P50/P90 {s['irr_p10']:.2%} / {s['irr_p50']:.2%} / {s['irr_p90']:.2%};"
          f" NPV P50 {s['npv_p50']:,.0f} 万元; P(NPV<0) {s['prob_npv_negative']:.2%}")


if __name__ == "__main__":
    main()
