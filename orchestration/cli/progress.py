"""The terminal view of a run: one line per finished step, with its wall and CPU time and the rows it wrote."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections import defaultdict
from typing import TextIO

import dagster as dg

ROW_COUNT = "dagster/row_count"


class StepProgress(logging.Handler):
    """Reads Dagster's event log; prints a line when a step finishes, never Dagster's debug lines."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(level=logging.DEBUG)
        # The stream is taken now: the dbt step sends dbt's own log elsewhere while it runs.
        self.stream = stream
        self.started = time.monotonic()
        self.step_started: dict[str, tuple[float, float]] = {}  # step -> (monotonic, CPU seconds) at its start
        self.rows: dict[str, dict[str, int]] = defaultdict(dict)
        self.checks: dict[str, list] = defaultdict(list)

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        if event is None or event.step_key is None:
            return
        kind, step = event.event_type_value, event.step_key
        if kind == "STEP_START":
            self.step_started[step] = (time.monotonic(), cpu_seconds())
        elif kind == "ASSET_MATERIALIZATION":
            materialization = event.event_specific_data.materialization
            count = materialization.metadata.get(ROW_COUNT)
            if count is not None:
                # A partitioned asset reports once per partition with the same count: keep one per asset.
                self.rows[step][materialization.asset_key.to_user_string()] = int(count.value)
        elif kind == "ASSET_CHECK_EVALUATION":
            self.checks[step].append(event.event_specific_data)
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE"):
            self._print_step(step, failed=kind == "STEP_FAILURE")

    def _print_step(self, step: str, failed: bool) -> None:
        now, cpu = time.monotonic(), cpu_seconds()
        started, cpu_at_start = self.step_started.get(step, (now, cpu))
        status = "FAIL" if failed else "ok"
        line = f"{now - self.started:7.1f}s {now - started:6.1f}s {cpu - cpu_at_start:6.1f}s CPU  {status:<4}  {step}"
        detail = _rows_text(self.rows.pop(step, {}))
        checks = self.checks.pop(step, [])
        if checks:
            detail = ", ".join(part for part in (detail, _checks_text(checks)) if part)
        print(f"{line}  {detail}".rstrip(), file=self.stream, flush=True)
        for check in checks:
            if not check.passed and check.blocking and check.description:
                # A blocking failure stops the run: say which rows broke it, not only which check.
                print(f"{'':17}why: {check.description}", file=self.stream, flush=True)


def cpu_seconds() -> float:
    """CPU seconds of this process and of the children it waited for (dbt, the parse workers). A step runs in
    the process that logs it (the run's own, or its step process on the multiprocess executor), one at a time
    in process, so the difference between its start and its end is the step's own CPU."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _rows_text(rows: dict[str, int]) -> str:
    if not rows:
        return ""
    total = sum(rows.values())
    if len(rows) == 1:
        return f"{total:,} rows"
    return f"{len(rows)} tables, {total:,} rows"


def _checks_text(checks: list) -> str:
    failed = [c for c in checks if not c.passed]
    if len(checks) == 1 and not failed:
        return f"check passed: {checks[0].check_name}"
    parts = [] if len(checks) == 1 else [f"{len(checks) - len(failed)} of {len(checks)} checks passed"]
    parts += [f"check failed: {c.asset_key.to_user_string()} {c.check_name} ({c.severity.value})" for c in failed]
    return "; ".join(parts)


@dg.logger(description="One line per finished step with its time and rows, for the terminal.")
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    # A fresh logger per run, not the shared registry's: repeated runs in one process must not stack handlers.
    logger = logging.Logger("zhisuan.progress", level=logging.DEBUG)  # noqa: LOG001
    logger.addHandler(StepProgress(sys.stdout))
    return logger
