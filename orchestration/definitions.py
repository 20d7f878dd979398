"""The one Definitions object of the zhisuan code location (loaded by workspace.yaml and the CLI)."""

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.assets import ingest, parse, transform
from orchestration.checks import ingest_checks
from orchestration.dbt_project import DBT_EXECUTABLE, dbt_project, write_dbt_profile
from orchestration.jobs import full_refresh_job, ingest_filings_job, refresh_downstream_job
from orchestration.resources import LandingFolder, Warehouse
from orchestration.schedules import daily_refresh_schedule
from orchestration.sensors import landing_folder_sensor
from orchestration.settings import Settings, load_settings


def build_definitions(settings: Settings) -> dg.Definitions:
    return dg.Definitions(
        assets=dg.load_assets_from_modules([ingest, parse, transform]),
        asset_checks=dg.load_asset_checks_from_modules([ingest_checks]),
        jobs=[ingest_filings_job, refresh_downstream_job, full_refresh_job],
        schedules=[daily_refresh_schedule],
        sensors=[landing_folder_sensor],
        resources={
            "landing": LandingFolder(path=str(settings.landing_dir)),
            "warehouse": Warehouse(path=str(settings.warehouse)),
            "dbt": DbtCliResource(
                project_dir=dbt_project,
                dbt_executable=DBT_EXECUTABLE,
                profiles_dir=str(write_dbt_profile(settings.warehouse, settings.data_dir / "dbt_profiles")),
            ),
        },
        # In process: DuckDB takes one writer at a time, and a process per step costs a second on 2 cores.
        executor=dg.in_process_executor,
    )


defs = build_definitions(load_settings())
