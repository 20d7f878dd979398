"""The headless run behind `zhisuan run`: every landed file, the whole asset graph, one in-process run."""

from __future__ import annotations

import logging
import os
import sys
import time

import dagster as dg

from orchestration.lib import warehouse
from orchestration.settings import Settings

_PROGRESS_EVENTS = {"STEP_START", "STEP_SUCCESS", "STEP_FAILURE", "ASSET_CHECK_EVALUATION"}


class _ProgressPrinter(logging.Handler):
    """Prints one line per step start/finish and per failed check, from Dagster's own event log."""

    def __init__(self, started: float) -> None:
        super().__init__(level=logging.DEBUG)
        self.started = started

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        if event is None or event.event_type_value not in _PROGRESS_EVENTS:
            return
        elapsed = f"{time.monotonic() - self.started:6.1f}s"
        if event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed:
                key = evaluation.asset_key.to_user_string()
                print(f"{elapsed}  check failed: {key} {evaluation.check_name} ({evaluation.severity.value})")
                if evaluation.blocking and evaluation.description:
                    # A blocking failure stops the run: say which rows broke it, not only which check.
                    print(f"          why: {evaluation.description}")
            return
        verb = {"STEP_START": "start", "STEP_SUCCESS": "done ", "STEP_FAILURE": "FAIL "}[event.event_type_value]
        print(f"{elapsed}  {verb} {event.step_key}", flush=True)


@dg.logger(description="One line per step and per failed check, for the terminal.")
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    # A fresh logger per run, not the shared registry's: repeated runs in one process must not stack handlers.
    logger = logging.Logger("zhisuan.progress", level=logging.DEBUG)  # noqa: LOG001
    logger.addHandler(_ProgressPrinter(time.monotonic()))
    return logger


def run_pipeline(settings: Settings, instance: dg.DagsterInstance | None = None, wait: bool = False) -> int:
    """Materialize everything; print a summary; return the process exit code.

    The warehouse's lock is taken before anything is written: a second run raises WarehouseBusy at
    once (or waits its turn with ``wait``).
    """
    with warehouse.exclusive_lock(settings.lock_file, wait=wait):
        return _run_locked(settings, instance)


def _run_locked(settings: Settings, instance: dg.DagsterInstance | None) -> int:
    from orchestration.definitions import build_definitions
    from orchestration.partitions import filings_partitions

    defs = build_definitions(settings)

    landing = defs.resources["landing"]
    names = landing.file_names()
    skipped = landing.skipped()
    if not names:
        print(f"No files in {settings.landing_dir}: nothing to do.")
        _print_skipped(skipped)
        return 0
    instance = instance or (dg.DagsterInstance.get() if _has_dagster_home() else dg.DagsterInstance.ephemeral())
    known = set(instance.get_dynamic_partitions(filings_partitions.name))
    instance.add_dynamic_partitions(filings_partitions.name, [n for n in names if n not in known])
    ordered = instance.get_dynamic_partitions(filings_partitions.name)
    print(f"Running zhisuan on {len(names)} files from {settings.landing_dir} into {settings.warehouse}")
    result = _execute(defs, instance, ordered)
    _print_summary(settings, result)
    _print_skipped(skipped)
    return 0 if result.success else 1


def _execute(defs: dg.Definitions, instance: dg.DagsterInstance, partition_keys: list[str]):
    # The terminal gets concise progress instead of Dagster's debug console log.
    job = defs.resolve_job_def("full_refresh").with_logger_defs({"progress": progress_logger})
    return job.execute_in_process(
        instance=instance,
        run_config={"loggers": {"progress": {}}},
        tags={
            # One run over every partition: the single-run backfill policy hands the asset all keys at once.
            "dagster/asset_partition_range_start": partition_keys[0],
            "dagster/asset_partition_range_end": partition_keys[-1],
        },
        raise_on_error=False,
    )


def _print_summary(settings: Settings, result) -> None:
    if not settings.warehouse.exists():
        print(f"\nNo warehouse was written to {settings.warehouse}.", file=sys.stderr)
        _print_failed_steps(result)
        return
    with warehouse.connect(settings.warehouse, read_only=True) as conn:
        statuses = dict(conn.execute("select status, count(*) from filings.documents group by status").fetchall())
        failures = conn.execute(
            "select source_file, error from filings.documents where status <> 'parsed' order by source_file"
        ).fetchall()
        unparsed = conn.execute(
            "select d.source_file, r.status, r.error from filings.parse_runs r join filings.documents d "
            "using (filing_id) where r.status <> 'parsed' and d.status = 'parsed' order by d.source_file"
        ).fetchall()
        schemas = [row[0] for row in conn.execute(
            "select distinct table_schema from information_schema.tables order by table_schema"
        ).fetchall()]
        counts = {schema: warehouse.table_counts(conn, schema) for schema in schemas}
    print("\nFiles: " + ", ".join(f"{statuses.get(s, 0)} {s}" for s in ("parsed", "failed", "duplicate")))
    for source_file, error in failures:
        print(f"  {shown(source_file)}: {error}")
    for source_file, status, error in unparsed:
        print(f"  {shown(source_file)}: parse {status}: {error}")
    print("Rows:")
    for schema, tables in counts.items():
        for table, count in tables.items():
            print(f"  {schema}.{table:<32} {count:>9,}")
    _print_failed_steps(result)


def _print_failed_steps(result) -> None:
    failed_steps = [event.step_key for event in result.all_events if event.event_type_value == "STEP_FAILURE"]
    if failed_steps:
        print(f"\nFAILED steps: {', '.join(failed_steps)}", file=sys.stderr)
        for event in result.all_events:
            if event.event_type_value == "STEP_FAILURE":
                print(f"  {event.step_key}: {_root_cause(event.event_specific_data.error)}", file=sys.stderr)
    else:
        print("\nAll assets materialized and all blocking checks passed.")


def _root_cause(error) -> str:
    """The innermost error's message: Dagster wraps the asset's own exception in its step error."""
    while getattr(error, "cause", None) is not None:
        error = error.cause
    return error.message.strip()


def _print_skipped(skipped: dict[str, str]) -> None:
    """Entries of the landing folder that are not filings: each with its reason, so none goes unexplained."""
    if skipped:
        print(f"Skipped entries of the landing folder: {len(skipped)}")
    for name, reason in skipped.items():
        print(f"  {shown(name)}: {reason}")


def shown(name: str) -> str:
    """A file name safe to print: control characters escaped, so a name cannot rewrite the terminal."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in name)


def _has_dagster_home() -> bool:
    return bool(os.environ.get("DAGSTER_HOME"))
