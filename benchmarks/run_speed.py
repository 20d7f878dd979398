"""`make bench`: start-up imports and a cold `zhisuan run` on the four real filings, each beside a baseline.

- Start-up: importing the Dagster definitions (what the CLI, the UI and every step process of a
  multiprocess run pay first), beside importing Dagster alone, the floor any code location pays.
- Cold run: `zhisuan run` on the real filings into a new warehouse and a new data folder (nothing
  kept from an earlier run), CPU of the command and every process it waited for, wall, and the
  largest resident set among them; beside it the start-up import, which every run pays first.
- Then, on that warehouse: the same command again with nothing changed, and once more after one
  generated filing is added to the landing folder (it is read, parsed and carried through the marts,
  checks and model; the real filings are not parsed again); beside them the cold run.

Each row is the median of fresh processes. The cold run is slow on a shared machine: RUN_REPEATS
(default 1, environment variable BENCH_RUN_REPEATS) keeps `make bench` within its time.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
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


def cold_then_incremental(runs: int) -> tuple[Timing, Timing, Timing]:
    """`zhisuan run` on the real filings, each time into a new warehouse and data folder; then again unchanged;
    then with one generated filing added. The medians (by CPU) of each."""
    cold, unchanged, added = [], [], []
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
            added.append(child_process(command, 1, env))
    return _median(cold), _median(unchanged), _median(added)


def _median(timings: list[Timing]) -> Timing:
    return sorted(timings, key=lambda t: t.cpu)[len(timings) // 2]


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
    run, unchanged, added = cold_then_incremental(RUN_REPEATS)
    print("cold `zhisuan run`, 4 real filings, new warehouse and data folder:")
    print(f"  {'baseline: import orchestration.definitions':44} {definitions.show()}")
    print(f"  {'zhisuan run':44} {run.show()}")
    print(f"  target CPU <= {TARGET_RUN_CPU:.0f} s: {_verdict(run.cpu <= TARGET_RUN_CPU)};"
          f" peak memory <= {TARGET_PEAK_MB:.0f} MB (largest process): {_verdict((run.peak_mb or 0) <= TARGET_PEAK_MB)}")
    print("the same warehouse again (baseline: the cold run above):")
    print(f"  {'nothing changed':44} {unchanged.show()}")
    print(f"  {'one generated filing added':44} {added.show()}")
    print(f"  targets: nothing changed <= {TARGET_UNCHANGED_WALL:.0f} s wall: "
          f"{_verdict(unchanged.wall <= TARGET_UNCHANGED_WALL)}; one filing added through facts, marts and model "
          f"<= {TARGET_ADDED_WALL:.0f} s wall: {_verdict(added.wall <= TARGET_ADDED_WALL)}")


if __name__ == "__main__":
    main()
