"""`make bench`: the project model's vectorised engine, each part beside a peer doing the same work.

On 100,000 Monte Carlo scenarios of a synthetic 10-year project:
- forecast with forecast: one vectorised ``run_forecast`` over every scenario, beside the same forecast
  run one scenario at a time (timed on a subset and scaled: its cost per scenario is constant);
- IRR with IRR: the vectorised ``irr`` over every scenario's cash flows, beside pyxirr (Rust) called
  once per row on the same rows, and numpy-financial on a subset; the largest difference between the
  two full results is printed, so the peers are seen to compute the same numbers;
- the whole Monte Carlo (forecast, IRR, NPV, payback, percentiles), as the model assets run it;
- calibration, per project (the same project printed with its lines, and every project of a warehouse's
  input mart: ``python -m benchmarks.model_speed [WAREHOUSE]``, default data/warehouse.duckdb, the one
  `zhisuan run` writes): one forecast of every candidate setting of the conventions at once, beside the
  previous algorithm, ``plain_calibrate`` (one forecast per candidate), and whether both chose the same.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import numpy as np
import numpy_financial as npf
import pyxirr

from benchmarks.timing import Timing, in_process, machine_line
from orchestration.lib.model.assemble import assemble
from orchestration.lib.model.assumptions import ProjectAssumptions
from orchestration.lib.model.calibrate import (
    REVENUE_TAX_STEP,
    Calibration,
    calibrate,
    candidate_conventions,
    reconcile,
)
from orchestration.lib.model.forecast import Conventions, Shocks, run_forecast
from orchestration.lib.model.returns import CONVENTIONS, cash_flows, irr
from orchestration.lib.model.sensitivity import DEFAULT_SPREADS, Setting, monte_carlo
from orchestration.lib.model.store import load_model_inputs
from orchestration.lib.model.synthetic import synthetic_project, with_published_lines

SCENARIOS = 100_000
LOOP_SUBSET = 200  # ~50 ms a scenario: a larger subset only lengthens `make bench`
NPF_SUBSET = 1_000
REPEATS = 3
RATE = 0.08
BUDGET_SECONDS = 2.0
DEFAULT_WAREHOUSE = Path("data/warehouse.duckdb")  # where `zhisuan run` writes by default


def _shocks(n: int) -> Shocks:
    rng = np.random.default_rng(1)
    return Shocks(**{name: np.clip(rng.normal(1.0, s.sd, n), s.low, s.high) for name, s in DEFAULT_SPREADS.items()})


def _scaled(timing: Timing, factor: float) -> Timing:
    return Timing(timing.cpu * factor, timing.wall * factor, timing.runs)


def _one_at_a_time(setting: Setting, shocks: Shocks, count: int) -> None:
    for i in range(count):
        one = Shocks(**{name: getattr(shocks, name)[i : i + 1] for name in DEFAULT_SPREADS})
        run_forecast(setting.assumptions, setting.conventions, one)


def plain_calibrate(a: ProjectAssumptions, candidates: list[Conventions] | None = None) -> Calibration:
    """The previous calibration, the baseline: one forecast per candidate (two with a taxes line to back-solve)."""
    best: tuple[tuple[int, bool, float], Calibration] | None = None
    for candidate in candidates or candidate_conventions(a):
        conventions = _plain_revenue_tax(a, candidate)
        forecast = run_forecast(a, conventions)
        residuals = reconcile(a, forecast)
        misses = sum(not r["within_tolerance"] for r in residuals)
        score = (misses, conventions.taxes_as_printed, sum(abs(r["difference"]) for r in residuals))
        if best is None or score < best[0]:
            best = (score, Calibration(conventions, forecast, residuals, misses))
    assert best is not None
    return best[1]


def _plain_revenue_tax(a: ProjectAssumptions, conventions: Conventions) -> Conventions:
    if "taxes_surcharges" not in a.published or conventions.taxes_as_printed:
        return conventions
    base = run_forecast(a, replace(conventions, revenue_tax_rate=0.0))
    published = np.asarray(a.published["taxes_surcharges"].series(a.years), dtype=float)
    service = (base.revenue - base.residual_revenue)[0]
    gap = published - base.taxes_surcharges[0]
    usable = (service > 0) & ~np.isnan(published)
    if not usable.any():
        return conventions
    rate = float(np.median(gap[usable] / service[usable]))
    return replace(conventions, revenue_tax_rate=max(round(round(rate / REVENUE_TAX_STEP) * REVENUE_TAX_STEP, 8), 0.0))


def _or_nan(value: float | None) -> float:
    return np.nan if value is None else value  # pyxirr says None where no rate zeroes the NPV


def _row(name: str, timing: Timing, note: str = "") -> None:
    print(f"  {name:44} {timing.show()}{note}")


def main(warehouse: Path | None) -> None:
    setting = Setting(synthetic_project(years=10), Conventions(), CONVENTIONS[0], RATE)
    shocks = _shocks(SCENARIOS)
    monte_carlo(setting, n=1_000)  # imports and first-call caches, not the work
    print(machine_line())
    print(f"project model, synthetic 10-year project, {SCENARIOS:,} scenarios")

    vectorised = in_process(lambda: run_forecast(setting.assumptions, setting.conventions, shocks), REPEATS)
    loop = _scaled(in_process(lambda: _one_at_a_time(setting, shocks, LOOP_SUBSET), 1), SCENARIOS / LOOP_SUBSET)
    print("forecast:")
    _row("baseline: run_forecast one scenario at a time", loop, f"  (on {LOOP_SUBSET:,}, scaled)")
    _row("run_forecast, all scenarios at once", vectorised, f"  {loop.cpu / vectorised.cpu:.0f}x faster")

    forecast = run_forecast(setting.assumptions, setting.conventions, shocks)
    flows = cash_flows(forecast, setting.cash_flow, setting.conventions.residual_as_revenue)
    ours = irr(flows)
    peer = np.array([_or_nan(pyxirr.irr(row, silent=True)) for row in flows], dtype=float)
    print("IRR of the same cash flows:")
    _row("baseline: pyxirr.irr, one call per row", in_process(lambda: [pyxirr.irr(row, silent=True) for row in flows], REPEATS))
    _row("baseline: numpy_financial.irr, per row", _scaled(
        in_process(lambda: [npf.irr(row) for row in flows[:NPF_SUBSET]], 1), SCENARIOS / NPF_SUBSET),
        f"  (on {NPF_SUBSET:,}, scaled)")  # fmt: skip
    _row("irr, all rows at once", in_process(lambda: irr(flows), REPEATS))
    both = np.isfinite(ours) & np.isfinite(peer)
    print(f"  largest |irr - pyxirr| over {both.sum():,} rows both define: {np.abs(ours - peer)[both].max():.1e};"
          f" defined by one only: {(np.isfinite(ours) != np.isfinite(peer)).sum()}")  # fmt: skip

    whole = in_process(lambda: monte_carlo(setting, n=SCENARIOS, seed=0), REPEATS)
    print("Monte Carlo (forecast, IRR, NPV, payback, percentiles):")
    _row("monte_carlo", whole, f"  budget {BUDGET_SECONDS:.1f} s CPU: {'OK' if whole.cpu < BUDGET_SECONDS else 'OVER'}")
    s = monte_carlo(setting, n=SCENARIOS, seed=0).summary
    print(f"  IRR P10/P50/P90 {s['irr_p10']:.2%} / {s['irr_p50']:.2%} / {s['irr_p90']:.2%};"
          f" NPV P50 {s['npv_p50']:,.0f} 万元; P(NPV<0) {s['prob_npv_negative']:.2%}")

    print("calibration, per project: one forecast of every candidate convention, a row each,"
          " beside the plain loop (one forecast per candidate)")
    _calibration_rows("synthetic 10-year project", with_published_lines(setting.assumptions, Conventions()))
    if warehouse is None or not warehouse.exists():
        print(f"  real projects: no warehouse at {warehouse} (give one: python -m benchmarks.model_speed WAREHOUSE)")
        return
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        projects = assemble(load_model_inputs(conn))
    for project in projects:
        _calibration_rows(project.project, project)


def _calibration_rows(name: str, a: ProjectAssumptions) -> None:
    plain = in_process(lambda: plain_calibrate(a), REPEATS)
    ours = in_process(lambda: calibrate(a), REPEATS)
    same = calibrate(a).conventions == plain_calibrate(a).conventions
    print(f"  {name}: {len(candidate_conventions(a)):,} candidates")
    _row("  baseline: plain loop", plain)
    _row("  calibrate", ours, f"  {plain.cpu / ours.cpu:.0f}x faster; same conventions: {'yes' if same else 'NO'}")

if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_WAREHOUSE)
