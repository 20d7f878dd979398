"""One Dagster instance per warehouse, shared by `zhisuan run` and `zhisuan ui`: a run from the terminal
leaves its materializations, checks and metadata where the UI reads them."""

import dagster as dg
import pytest

from orchestration.settings import prepare_dagster_home
from tests.orchestration.conftest import settings_for

pytestmark = pytest.mark.slow


def test_the_instance_queues_one_run_at_a_time_and_phones_nobody(tmp_path):
    home = prepare_dagster_home(settings_for(tmp_path / "landing", tmp_path / "w.duckdb"))
    assert home.parent.parent == tmp_path  # under the data folder
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
        assert instance.get_concurrency_config().run_queue_config.max_concurrent_runs == 1
        assert not instance.telemetry_enabled
        assert not instance.nux_enabled


def test_two_warehouses_never_share_an_instance(tmp_path):
    one = settings_for(tmp_path / "landing", tmp_path / "a" / "w.duckdb")
    two = settings_for(tmp_path / "landing", tmp_path / "b" / "w.duckdb")
    assert one.dagster_home != two.dagster_home


def _latest_metadata(instance, key: dg.AssetKey) -> dict:
    event = instance.get_latest_materialization_event(key)
    assert event is not None, f"{key.to_user_string()} was never materialized in the shared instance"
    return event.asset_materialization.metadata


def test_a_cli_run_is_in_the_instance_the_ui_opens(real_marts):
    instance = real_marts.instance()
    runs = instance.get_runs()
    assert [run.job_name for run in runs] == ["full_refresh"]
    assert runs[0].status == dg.DagsterRunStatus.SUCCESS
    for key in (["filings", "documents"], ["filings", "facts"], ["staging", "stg_filings__facts"],
                ["intermediate", "int_facts__valued"], ["marts", "fct_project_forecast"], ["model", "returns"],
                ["model", "sensitivity"], ["report", "site"]):
        _latest_metadata(instance, dg.AssetKey(key))


def test_dbt_assets_carry_their_row_counts_and_columns(real_marts):
    metadata = _latest_metadata(real_marts.instance(), dg.AssetKey(["marts", "fct_project_forecast"]))
    rows = real_marts.value("select count(*) from marts.fct_project_forecast")
    assert metadata["dagster/row_count"].value == rows > 0
    columns = {column.name: column for column in metadata["dagster/column_schema"].schema.columns}
    assert "amount_wan" in columns and columns["amount_wan"].description


def test_charts_and_report_are_linked_from_their_assets_and_kept_per_warehouse(real_marts):
    settings = real_marts.settings
    instance = real_marts.instance()
    report = _latest_metadata(instance, dg.AssetKey(["report", "site"]))
    assert report["report"].value == (settings.report_dir / "index.html").as_uri()
    sensitivity = _latest_metadata(instance, dg.AssetKey(["model", "sensitivity"]))
    assert "智算中心建设项目" in sensitivity["charts"].value
    projects = real_marts.value("select count(distinct (filing_id, project)) from model.sensitivity")
    assert len(list(settings.charts_dir.glob("*.svg"))) == 3 * projects
    assert not (settings.warehouse.parent / "model_charts").exists()
