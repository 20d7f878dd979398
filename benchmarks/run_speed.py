"""`make bench`: start-up imports and a cold `zhisuan run` on the four real filings, each beside a baseline.

- Start-up: importing the Dagster definitions (what the CLI, the UI and every step process of a
  multiprocess run pay first), beside importing Dagster alone, the floor any code location pays.
- Cold run: `zhisuan run` on the real filings into a new warehouse and a new data folder (nothing
  kept from an earlier run), CPU of the command and every process it waited for, wall, and the
  largest resident set among them; beside it the start-up import, which every run pays first.
- Then, on that warehouse: the same command again with nothing changed, and once more after one
  generated filing is added to the landing folder (it is read, parsed and carried through the marts,
  checks and model; the real filings are not parsed again); beside them the cold run. The run with a
  filing added is also split by phase (ingest and parse, quality findings, dbt, checks, model, report),
  from the wall and CPU seconds `zhisuan run` prints per step; what no step accounts for is start-up
  (imports, the definitions) and the summary.

Each row is the median of fresh processes. The cold run is slow on a shared machine: RUN_REPEATS
(default 1, environment variable BENCH_RUN_REPEATS) keeps `make bench` within its time.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from benchmarks import REAL_FILINGS
from benchmarks.timing import Timing, child_process, machine_line, python_child
from orchestration.lib.corpus import ensure_sample_corpus

IMPORT_REPEATS = 3
RUN_REPEATS = int(os.environ.get("BENCH_RUN_REPEATS", "1"))
TARGET_RUN_CPU = 25.0
TARGET_PEAK_MB = 500.0
TARGET_UNCHANGED_WALL = 10.0
TARGET_ADDED_WALL = 15.0
ZHISUAN = str(Path(sys.executable).with_name("zhisuan"))


# The phase of each asset step of `zhisuan run`; every other step is an asset check.
STEP_PHASES = {
    "filings__documents": "ingest and parse", "parsed_filings": "ingest and parse",
    "quality__entity_variants": "quality findings", "quality__findings": "quality findings",
    "dbt_models": "dbt (models and data tests)", "project_models": "model", "model__sensitivity": "model",
    "report__site": "report",
}
CHECKS_PHASE = "checks (GX suites, reconciliations)"
# A progress line: elapsed, the step's wall and CPU seconds, its status and its step key (cli/progress.py).
_STEP_LINE = re.compile(r"^\s*[\d.]+s\s+(?P<wall>[\d.]+)s\s+(?P<cpu>[\d.]+)s CPU\s+\S+\s+(?P<step>\S+)")


def phase_times(progress: str) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds per phase, summed over the steps `zhisuan run` printed."""
    phases: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for line in progress.splitlines():
        match = _STEP_LINE.match(line)
        if match:
            phase = phases[STEP_PHASES.get(match["step"], CHECKS_PHASE)]
            phase[0] += float(match["wall"])
            phase[1] += float(match["cpu"])
    return {name: (wall, cpu) for name, (wall, cpu) in phases.items()}


def cold_then_incremental(runs: int) -> tuple[Timing, Timing, Timing, list[dict[str, tuple[float, float]]]]:
    """`zhisuan run` on the real filings, each time into a new warehouse and data folder; then again unchanged;
    then with one generated filing added. The medians (by CPU) of each, and the phases of each added run."""
    cold, unchanged, added, phases = [], [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="zhisuan-bench-") as scratch:
            landing = Path(scratch) / "landing"
            shutil.copytree(REAL_FILINGS, landing)
            env = {**os.environ, "ZHISUAN_DATA_DIR": str(Path(scratch) / "data")}
            command = [ZHISUAN, "run", "--filings", str(landing), "--warehouse", str(Path(scratch) / "real.duckdb")]
            cold.append(child_process(command, 1, env))
            unchanged.append(child_process(command, 1, env))
            new_filing = min(ensure_sample_corpus(Path(scratch) / "sample").glob("*.txt"))
            shutil.copy(new_filing, landing / new_filing.name)
            progress = Path(scratch) / "added.out"
            with progress.open("w", encoding="utf-8") as out:
                added.append(child_process(command, 1, env, stdout=out))
            phases.append(phase_times(progress.read_text(encoding="utf-8")))
    return _median(cold), _median(unchanged), _median(added), phases


def _median(timings: list[Timing]) -> Timing:
    return sorted(timings, key=lambda t: t.cpu)[len(timings) // 2]


def print_phases(added: Timing, phases: list[dict[str, tuple[float, float]]]) -> None:
    """The added run's phases (medians over its repeats), and the rest of its time: start-up and summary."""
    names = [name for name in dict.fromkeys([*STEP_PHASES.values(), CHECKS_PHASE]) if any(name in p for p in phases)]
    print(f"  one generated filing added, by phase (median of {len(phases)}):")
    walls, cpus = 0.0, 0.0
    for name in names:
        wall = statistics.median(p.get(name, (0.0, 0.0))[0] for p in phases)
        cpu = statistics.median(p.get(name, (0.0, 0.0))[1] for p in phases)
        walls, cpus = walls + wall, cpus + cpu
        print(f"    {name:44} CPU {cpu:8.3f} s  wall {wall:8.3f} s")
    rest = "start-up (imports, definitions) and summary"
    print(f"    {rest:44} CPU {added.cpu - cpus:8.3f} s  wall {added.wall - walls:8.3f} s")


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def main() -> None:
    print(machine_line())
    floor = python_child("import dagster", IMPORT_REPEATS)
    definitions = python_child("import orchestration.definitions", IMPORT_REPEATS)
    print("start-up imports, fresh interpreters:")
    print(f"  {'baseline: import dagster':44} {floor.show()}")
    print(f"  {'import orchestration.definitions':44} {definitions.show()}")
    print(f"  the definitions add {definitions.cpu - floor.cpu:.2f} s CPU to Dagster's own import")
    run, unchanged, added, phases = cold_then_incremental(RUN_REPEATS)
    print("cold `zhisuan run`, 4 real filings, new warehouse and data folder:")
    print(f"  {'baseline: import orchestration.definitions':44} {definitions.show()}")
    print(f"  {'zhisuan run':44} {run.show()}")
    print(f"  target CPU <= {TARGET_RUN_CPU:.0f} s: {_verdict(run.cpu <= TARGET_RUN_CPU)};"
          f" peak memory <= {TARGET_PEAK_MB:.0f} MB (largest process): {_verdict((run.peak_mb or 0) <= TARGET_PEAK_MB)}")
    print("the same warehouse again (baseline: the cold run above):")
    print(f"  {'nothing changed':44} {unchanged.show()}")
    print(f"  {'one generated filing added':44} {added.show()}")
    print_phases(added, phases)
    print(f"  targets: nothing changed <= {TARGET_UNCHANGED_WALL:.0f} s wall: "
          f"{_verdict(unchanged.wall <= TARGET_UNCHANGED_WALL)}; one filing added through facts, marts and model "
          f"<= {TARGET_ADDED_WALL:.0f} s wall: {_verdict(added.wall <= TARGET_ADDED_WALL)}")


if __name__ == "__main__":
    main()
