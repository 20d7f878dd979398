"""The headless run behind `zhisuan run`: every landed file, the whole asset graph, one run.

Unchanged files are not read or parsed again (the assets compare content hashes and code versions),
and when nothing at all changed since the last successful run, no run is needed: the summary is read
from the warehouse as it stands.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg

from orchestration.cli.progress import progress_logger
from orchestration.cli.summary import print_skipped, print_summary
from orchestration.jobs import FULL_REFRESH_TAG
from orchestration.lib import warehouse
from orchestration.lib.versions import downstream_version, parser_version, reader_version
from orchestration.lib.warehouse.state import inputs_fingerprint, record_fingerprint, up_to_date
from orchestration.resources.landing import landing_folder
from orchestration.settings import Settings, load_settings, prepare_dagster_home, settings_environment

JOB_NAME = "full_refresh"


def run_pipeline(
    settings: Settings, instance: dg.DagsterInstance | None = None, wait: bool = False, full_refresh: bool = False
) -> int:
    """Materialize everything; print a summary; return the process exit code.

    The warehouse's lock is taken before anything is written: a second run raises WarehouseBusy at
    once (or waits its turn with ``wait``). A ``full_refresh`` reads, parses and builds everything again.
    """
    with warehouse.exclusive_lock(settings.lock_file, wait=wait):
        return _run_locked(settings, instance, full_refresh)


def _run_locked(settings: Settings, instance: dg.DagsterInstance | None, full_refresh: bool) -> int:
    landing = landing_folder(settings)
    names = landing.file_names()
    skipped = landing.skipped()
    if not names:
        print(f"No files in {settings.landing_dir}: nothing to do.")
        print_skipped(skipped)
        return 0
    if not full_refresh and _nothing_changed(settings, landing.content_hashes(names)):
        print(f"Nothing changed since the last run on {settings.warehouse}: {len(names)} files with the same "
              "contents, read and parsed by the same code, and the marts, checks and model built from them.")
        print_summary(settings, None, skipped)
        return 0
    from orchestration.dbt_project import prepare_manifest

    # A command's work, never an import's: the dbt assets are defined from an up-to-date manifest.
    prepare_manifest()
    from orchestration.definitions import build_definitions
    from orchestration.partitions import filings_partitions

    defs = build_definitions(settings)
    # The warehouse's own instance, the one `zhisuan ui` opens: the run and its metadata show in the UI.
    instance = instance or dg.DagsterInstance.from_config(str(prepare_dagster_home(settings)))
    known = set(instance.get_dynamic_partitions(filings_partitions.name))
    instance.add_dynamic_partitions(filings_partitions.name, [n for n in names if n not in known])
    ordered = instance.get_dynamic_partitions(filings_partitions.name)
    print(f"Running zhisuan on {len(names)} files from {settings.landing_dir} into {settings.warehouse}")
    tags = _run_tags(ordered) | ({FULL_REFRESH_TAG: "true"} if full_refresh else {})
    with _execute(settings, defs, instance, tags) as result:
        if result.success:
            _record_build(settings)
        print_summary(settings, result, skipped)
        return 0 if result.success else 1


def _nothing_changed(settings: Settings, hashes: dict[str, str | None]) -> bool:
    if not settings.warehouse.exists():
        return False
    with warehouse.connect(settings.warehouse) as conn:  # writable: an older warehouse gains the state table
        return up_to_date(conn, hashes, reader_version(), parser_version(), downstream_version())


def _record_build(settings: Settings) -> None:
    """What the marts, checks and model were built from, so an unchanged re-run can skip them."""
    with warehouse.connect(settings.warehouse) as conn:
        record_fingerprint(conn, inputs_fingerprint(conn, downstream_version()))


def _run_tags(partition_keys: list[str]) -> dict[str, str]:
    # One run over every partition: the single-run backfill policy hands each asset all keys at once.
    return {
        "dagster/asset_partition_range_start": partition_keys[0],
        "dagster/asset_partition_range_end": partition_keys[-1],
    }


@contextmanager
def _execute(
    settings: Settings, defs: dg.Definitions, instance: dg.DagsterInstance, tags: dict[str, str]
) -> Iterator[dg.ExecuteInProcessResult | dg.JobExecutionResult]:
    run_config = {"loggers": {"progress": {}}}
    if settings.executor == "in_process":
        yield cli_job(defs).execute_in_process(
            instance=instance, run_config=run_config, tags=tags, raise_on_error=False,
        )
        return
    # Steps in other processes rebuild the definitions from the environment: it must name these settings.
    with _environment(settings_environment(settings)), dg.execute_job(
        dg.reconstructable(configured_cli_job), instance=instance,
        run_config=run_config | executor_run_config(settings), tags=tags, raise_on_error=False,
    ) as result:
        yield result


def executor_run_config(settings: Settings) -> dict:
    """The multiprocess executor forks each step from a server that imported the code location once, so a step
    costs a fork, not a second import of everything; other executors take their config from their deployment."""
    if settings.executor != "multiprocess":
        return {}
    start = {"forkserver": {"preload_modules": ["orchestration.definitions"]}}
    return {"execution": {"config": {"max_concurrent": settings.workers, "start_method": start}}}


def cli_job(defs: dg.Definitions) -> dg.JobDefinition:
    # The terminal gets concise progress instead of Dagster's debug console log.
    return defs.resolve_job_def(JOB_NAME).with_logger_defs({"progress": progress_logger})


def configured_cli_job() -> dg.JobDefinition:
    """The job as every process of an out-of-process run rebuilds it, from the settings in the environment."""
    from orchestration.definitions import build_definitions

    return cli_job(build_definitions(load_settings()))


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
