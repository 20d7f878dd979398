"""`make bench`: a whole `zhisuan run` on 10, 100 and 1,000 generated filings, by phase, with the per-filing slope.

Each size is a cold run into a new warehouse and data folder: ingest, parse, quality findings, dbt, checks,
model and report over distinct generated filings (the layout-fuzzed generator, the seeds `parse_speed`
scales over). It prints the run's CPU (of it and every process it waited for), wall and largest resident
set, then each phase's wall and CPU seconds (from what `zhisuan run` prints per step) and the slope between
the two largest sizes in wall and CPU seconds per filing: a phase whose slope grows with the size is super-linear.

The baseline beside the run is the same run's fixed cost: start-up (imports, the definitions) and the
summary, what no step accounts for. 1,000 filings take minutes, so `make bench` runs 10 and 100;
BENCH_SCALES (e.g. `10 100 1000`) sets the sizes.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.parse_speed import BENCH_SEEDS
from benchmarks.run_speed import CHECKS_PHASE, STEP_PHASES, phase_times
from benchmarks.timing import Timing, child_process, machine_line
from orchestration.lib.corpus import generate_fuzzed_corpus

DEFAULT_SCALES = (10, 100)
TARGET_WALL_1000 = 300.0
ZHISUAN = str(Path(sys.executable).with_name("zhisuan"))
FIXED = "start-up (imports, definitions) and summary"
_FACTS_ROW = re.compile(r"^\s+filings\.facts\s+(?P<count>[\d,]+)$", re.MULTILINE)


@dataclass(frozen=True)
class ScaleRun:
    filings: int
    megabytes: float
    facts: int
    timing: Timing
    phases: dict[str, tuple[float, float]]  # wall, CPU seconds


def run_scale(count: int) -> ScaleRun:
    """A cold `zhisuan run` on ``count`` generated filings into a new warehouse and data folder."""
    with tempfile.TemporaryDirectory(prefix="zhisuan-scale-") as scratch:
        landing = generate_fuzzed_corpus(Path(scratch) / "corpus", BENCH_SEEDS[:count])[0].parent
        megabytes = sum(path.stat().st_size for path in landing.iterdir()) / 1e6
        env = {**os.environ, "ZHISUAN_DATA_DIR": str(Path(scratch) / "data")}
        command = [ZHISUAN, "run", "--filings", str(landing), "--warehouse", str(Path(scratch) / "scale.duckdb")]
        progress = Path(scratch) / "run.out"
        with progress.open("w", encoding="utf-8") as out:
            timing = child_process(command, 1, env, stdout=out)
        return scale_run(count, megabytes, timing, progress.read_text(encoding="utf-8"))


def scale_run(count: int, megabytes: float, timing: Timing, printed: str) -> ScaleRun:
    """The run's phases from what it printed per step; what no step accounts for is its fixed cost."""
    facts = _FACTS_ROW.search(printed)
    phases = phase_times(printed)
    phases[FIXED] = (timing.wall - sum(w for w, _ in phases.values()), timing.cpu - sum(c for _, c in phases.values()))
    return ScaleRun(count, megabytes, int(facts["count"].replace(",", "")) if facts else 0, timing, phases)


def _slope(runs: list[ScaleRun], value) -> str:
    """Seconds per filing between the two largest sizes."""
    if len(runs) < 2:
        return ""
    small, large = runs[-2], runs[-1]
    return f"{(value(large) - value(small)) / (large.filings - small.filings):.3f}"


def print_totals(runs: list[ScaleRun]) -> None:
    print(f"  {'filings':>8} {'MB':>7} {'facts':>8} {'CPU s':>8} {'wall s':>8} {'peak MB':>8} {'wall s/filing':>14}"
          f" {'slope wall s/filing':>20} {'slope CPU s/filing':>19}")
    for k, run in enumerate(runs):
        t = run.timing
        print(f"  {run.filings:8d} {run.megabytes:7.2f} {run.facts:8d} {t.cpu:8.1f} {t.wall:8.1f} {t.peak_mb or 0:8.0f}"
              f" {t.wall / run.filings:14.3f} {_slope(runs[: k + 1], lambda r: r.timing.wall):>20}"
              f" {_slope(runs[: k + 1], lambda r: r.timing.cpu):>19}")


def print_phases(runs: list[ScaleRun]) -> None:
    """Wall (CPU) seconds of each phase at each size, and its slope between the two largest sizes."""
    names = [*dict.fromkeys([*STEP_PHASES.values(), CHECKS_PHASE]), FIXED]
    sizes = "".join(f" {f'{run.filings} filings':>18}" for run in runs)
    print(f"  {'phase: wall s (CPU s)':44}{sizes} {'slope wall (CPU) s/filing':>26}")
    for name in names:
        times = [run.phases.get(name, (0.0, 0.0)) for run in runs]
        cells = "".join(f" {wall:8.1f} ({cpu:6.1f})" for wall, cpu in times)
        slopes = f"{_slope(runs, _phase(name, 0))} ({_slope(runs, _phase(name, 1))})" if len(runs) > 1 else ""
        print(f"  {name:44}{cells} {slopes:>26}")


def _phase(name: str, measure: int):
    """A phase's wall (0) or CPU (1) seconds in a run."""
    return lambda run: run.phases.get(name, (0.0, 0.0))[measure]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", help="generated filing counts (default: BENCH_SCALES or 10 100)")
    args = parser.parse_args()
    scales = args.scales or [int(n) for n in os.environ.get("BENCH_SCALES", "").split()] or list(DEFAULT_SCALES)
    print(machine_line())
    print(f"scaling: a cold `zhisuan run` on generated filings (seeds {BENCH_SEEDS.start}-), a new warehouse each")
    runs = []
    for count in scales:
        runs.append(run_scale(count))
    print_totals(runs)
    print_phases(runs)
    for run in runs:
        if run.filings == 1000:
            verdict = "met" if run.timing.wall <= TARGET_WALL_1000 else "MISSED"
            print(f"  target: 1,000 filings <= {TARGET_WALL_1000:.0f} s wall on {os.cpu_count()} cores: {verdict}")


if __name__ == "__main__":
    main()
