"""What every `make bench` row shares: CPU and wall seconds, medians of several runs, in fresh processes.

CPU seconds are what a busy machine distorts least; wall seconds are what a user waits. A measurement
that runs in a child process starts cold (no import, no cache of an earlier repeat) and reports
its CPU, wall and peak memory as the kernel counted them for the child and everything it waited for.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True, slots=True)
class Timing:
    cpu: float  # seconds, median
    wall: float  # seconds, median
    runs: int
    peak_mb: float | None = None  # the largest resident set of the process and its children, median

    def show(self) -> str:
        memory = f"  peak {self.peak_mb:6.0f} MB" if self.peak_mb is not None else ""
        return f"CPU {self.cpu:8.3f} s  wall {self.wall:8.3f} s{memory}  (median of {self.runs})"


def machine_line() -> str:
    load = os.getloadavg()[0]
    return f"machine: {os.cpu_count()} cores, load average {load:.1f} at start; CPU and wall seconds are medians"


def in_process(work: Callable[[], object], runs: int) -> Timing:
    """``work`` timed ``runs`` times in this process (for work that keeps no cache between runs)."""
    cpus, walls = [], []
    for _ in range(runs):
        cpu, wall = time.process_time(), time.perf_counter()
        work()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Timing(statistics.median(cpus), statistics.median(walls), runs)


def child_process(
    command: list[str], runs: int, env: dict[str, str] | None = None, stdout: TextIO | None = None
) -> Timing:
    """``command`` run ``runs`` times, each a fresh process: CPU (user + system) of it and its children.
    Its output goes to ``stdout`` when given (a file), else nowhere."""
    cpus, walls, peaks = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - started)
        if status != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
        process.stderr.close()
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)  # kB on Linux
    return Timing(statistics.median(cpus), statistics.median(walls), runs, statistics.median(peaks))


def python_child(code: str, runs: int) -> Timing:
    """A fresh interpreter running ``code``."""
    return child_process([sys.executable, "-c", code], runs)


def measured_child(module: str, args: list[str], runs: int) -> list[dict]:
    """``python -m module args`` run ``runs`` times, each printing its own measurements as one JSON line."""
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return results


def median_of(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)
