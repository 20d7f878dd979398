"""The one Definitions object of the zhisuan code location (loaded by workspace.yaml and the CLI)."""

import dagster as dg

from orchestration.assets import fetch, ingest, model, parse, quality, report, transform
from orchestration.checks import ingest_checks, reconciliation_checks
from orchestration.checks.gx_factory import GreatExpectations, build_gx_checks
from orchestration.checks.quality_checks import model_input_checks
from orchestration.dbt_project import DBT_EXECUTABLE, dbt_project, write_dbt_profile
from orchestration.jobs import fetch_filings_job, full_refresh_job, ingest_filings_job, refresh_downstream_job
from orchestration.resources import FilingsSource, RunOutputs, Warehouse
from orchestration.resources.dbt import ZhisuanDbtCli
from orchestration.resources.landing import landing_folder
from orchestration.schedules import daily_refresh_schedule, fetch_watchlist_schedule
from orchestration.sensors import landing_folder_sensor
from orchestration.settings import Settings, load_settings


def build_definitions(settings: Settings) -> dg.Definitions:
    assets = dg.load_assets_from_modules([fetch, ingest, parse, transform, quality, model, report])
    asset_keys = [key for asset in assets for key in asset.keys]
    filings_source = filings_source_resource(settings)
    return dg.Definitions(
        assets=assets,
        asset_checks=[
            *dg.load_asset_checks_from_modules([ingest_checks, reconciliation_checks]),
            *build_gx_checks(asset_keys),
            *model_input_checks(asset_keys),
        ],
        jobs=[ingest_filings_job, refresh_downstream_job, full_refresh_job, fetch_filings_job],
        schedules=[daily_refresh_schedule, fetch_watchlist_schedule(filings_source.enabled)],
        sensors=[landing_folder_sensor],
        resources={
            "landing": landing_folder(settings),
            "warehouse": Warehouse(path=str(settings.warehouse), staging_dir=str(settings.staging_dir)),
            "filings_source": filings_source,
            "outputs": RunOutputs(
                charts_dir=str(settings.charts_dir), report_dir=str(settings.report_dir), log_dir=str(settings.log_dir),
                dbt_target_dir=str(settings.data_dir / "dbt_target" / settings.warehouse_key),
            ),
            "great_expectations": GreatExpectations(root=str(settings.gx_dir)),
            "dbt": ZhisuanDbtCli(
                project_dir=dbt_project,
                dbt_executable=DBT_EXECUTABLE,
                profiles_dir=str(write_dbt_profile(settings.warehouse, settings.data_dir / "dbt_profiles")),
            ),
        },
        executor=executor_definition(settings.executor),
    )


def executor_definition(name: str) -> dg.ExecutorDefinition:
    """Where steps run, chosen by ZHISUAN_EXECUTOR. In process by default: a process per step costs a second on
    2 cores, and the parse step spreads its filings over worker processes itself. Steps in other processes
    queue for the DuckDB file (the warehouse resource's lock) and parse workers never open it (they stage
    Parquet), so the same assets run on any of these."""
    if name == "multiprocess":
        return dg.multiprocess_executor
    if name == "celery":
        from dagster_celery import celery_executor  # optional: pip install dagster-celery

        return celery_executor
    if name == "k8s":
        from dagster_k8s import k8s_job_executor  # optional: pip install dagster-k8s

        return k8s_job_executor
    return dg.in_process_executor


def filings_source_resource(settings: Settings) -> FilingsSource:
    fetch = settings.fetch
    return FilingsSource(
        mode=fetch.source,
        watchlist=list(fetch.watchlist),
        since=fetch.since.isoformat(),
        kinds=list(fetch.kinds),
        snapshot_dir=str(fetch.snapshot_dir or ""),
        cache_dir=str(settings.data_dir / "cninfo"),
        cninfo_url=fetch.cninfo_url,
        cninfo_static_url=fetch.cninfo_static_url,
        pace_seconds=fetch.pace_seconds,
    )


defs = build_definitions(load_settings())
