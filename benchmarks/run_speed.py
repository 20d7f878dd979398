"""`make bench`: start-up imports and a cold `zhisuan run` on the four real filings, each beside a baseline.

- Start-up: importing the Dagster definitions (what the CLI, the UI and every step process of a
  multiprocess run pay first), beside importing Dagster alone, the floor any code location pays.
- Cold run: `zhisuan run` on the real filings into a new warehouse and a new data folder (nothing
  kept from an earlier run), CPU of the command and every process it waited for, wall, and the
  largest resident set among them; beside it the start-up import, which every run pays first.

Each row is the median of fresh processes. The cold run is slow on a shared machine: RUN_REPEATS
(default 1, environment variable BENCH_RUN_REPEATS) keeps `make bench` within its time.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks import REAL_FILINGS
from benchmarks.timing import child_process, machine_line, python_child

IMPORT_REPEATS = 3
RUN_REPEATS = int(os.environ.get("BENCH_RUN_REPEATS", "1"))
TARGET_RUN_CPU = 25.0
TARGET_PEAK_MB = 500.0
ZHISUAN = str(Path(sys.executable).with_name("zhisuan"))


def cold_run(runs: int):
    """`zhisuan run` on the real filings, each time into a new warehouse and data folder."""
    timings = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="zhisuan-bench-") as scratch:
            env = {**os.environ, "ZHISUAN_DATA_DIR": str(Path(scratch) / "data")}
            command = [ZHISUAN, "run", "--filings", str(REAL_FILINGS), "--warehouse", str(Path(scratch) / "real.duckdb")]
            timings.append(child_process(command, 1, env))
    timings.sort(key=lambda t: t.cpu)
    return timings[len(timings) // 2]


def main() -> None:
    print(machine_line())
    floor = python_child("import dagster", IMPORT_REPEATS)
    definitions = python_child("import orchestration.definitions", IMPORT_REPEATS)
    print("start-up imports, fresh interpreters:")
    print(f"  {'baseline: import dagster':44} {floor.show()}")
    print(f"  {'import orchestration.definitions':44} {definitions.show()}")
    print(f"  the definitions add {definitions.cpu - floor.cpu:.2f} s CPU to Dagster's own import")
    run = cold_run(RUN_REPEATS)
    print("cold `zhisuan run`, 4 real filings, new warehouse and data folder:")
    print(f"  {'baseline: import orchestration.definitions':44} {definitions.show()}")
    print(f"  {'zhisuan run':44} {run.show()}")
    print(f"  target CPU <= {TARGET_RUN_CPU:.0f} s: {'met' if run.cpu <= TARGET_RUN_CPU else 'MISSED'};"
          f" peak memory <= {TARGET_PEAK_MB:.0f} MB (largest process): "
          f"{'met' if (run.peak_mb or 0) <= TARGET_PEAK_MB else 'MISSED'}")  # fmt: skip


if __name__ == "__main__":
    main()
