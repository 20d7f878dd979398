"""The headless run behind `zhisuan run`: every landed file, the whole asset graph, one in-process run."""

from __future__ import annotations

import dagster as dg

from orchestration.cli.progress import progress_logger
from orchestration.cli.summary import print_skipped, print_summary
from orchestration.lib import warehouse
from orchestration.settings import Settings, prepare_dagster_home


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
        print_skipped(skipped)
        return 0
    # The warehouse's own instance, the one `zhisuan ui` opens: the run and its metadata show in the UI.
    instance = instance or dg.DagsterInstance.from_config(str(prepare_dagster_home(settings)))
    known = set(instance.get_dynamic_partitions(filings_partitions.name))
    instance.add_dynamic_partitions(filings_partitions.name, [n for n in names if n not in known])
    ordered = instance.get_dynamic_partitions(filings_partitions.name)
    print(f"Running zhisuan on {len(names)} files from {settings.landing_dir} into {settings.warehouse}")
    result = _execute(defs, instance, ordered)
    print_summary(settings, result, skipped)
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
