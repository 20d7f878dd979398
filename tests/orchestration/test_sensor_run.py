"""A filing dropped into a processed landing folder: the sensor starts one run that carries it through every stage."""

import json
import shutil

import dagster as dg
import pytest

from orchestration.cli.run import run_pipeline
from orchestration.definitions import build_definitions
from orchestration.lib import warehouse
from orchestration.partitions import filings_partitions
from orchestration.sensors import landing_folder_sensor
from tests.orchestration.conftest import settings_for, warehouse_tables

pytestmark = pytest.mark.slow

FIRST, ADDED = "huaxin_feasibility.txt", "lanjing_reply.txt"  # two issuers, each with a project forecast


def _rows(path, sql: str, params: list | None = None) -> list[tuple]:
    with warehouse.connect(path, read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def sensor_run(sample_corpus, tmp_path_factory):
    root = tmp_path_factory.mktemp("sensor_run")
    landing = root / "landing"
    landing.mkdir()
    shutil.copy(sample_corpus / "filings" / FIRST, landing / FIRST)
    settings = settings_for(landing, root / "warehouse.duckdb")
    with dg.instance_for_test() as instance:
        assert run_pipeline(settings, instance) == 0
        parsed_before = _rows(settings.warehouse, "select filing_id, run_id from filings.parse_runs")
        shutil.copy(sample_corpus / "filings" / ADDED, landing / ADDED)
        defs = build_definitions(settings)
        context = dg.build_sensor_context(instance=instance, resources={"landing": defs.resources["landing"]})
        tick = landing_folder_sensor(context)
        for request in tick.dynamic_partitions_requests:
            instance.add_dynamic_partitions(filings_partitions.name, list(request.partition_keys))
        results = [
            defs.resolve_job_def("full_refresh").execute_in_process(instance=instance, tags=request.tags)
            for request in tick.run_requests
        ]
    return settings, tick, results, parsed_before


def _dbt_nodes_run(settings) -> set[str]:
    """The dbt nodes of the warehouse's last dbt build (its target folder is kept from run to run)."""
    results = settings.data_dir / "dbt_target" / settings.warehouse_key / "run_results.json"
    return {node["unique_id"] for node in json.loads(results.read_text(encoding="utf-8"))["results"]}


@pytest.fixture(scope="module")
def full_refresh(sensor_run):
    """After the sensor's incremental run, `zhisuan run --full-refresh`: every file read, parsed and built again."""
    settings, *_ = sensor_run
    incremental = warehouse_tables(settings.warehouse), _dbt_nodes_run(settings)
    with dg.instance_for_test() as instance:
        assert run_pipeline(settings, instance, full_refresh=True) == 0
        (run,) = instance.get_runs(limit=1)
    return incremental, (warehouse_tables(settings.warehouse), _dbt_nodes_run(settings)), run.run_id


def test_the_sensor_asks_for_one_run_covering_only_the_new_file(sensor_run):
    _, tick, results, _ = sensor_run
    assert [(r.tags["dagster/asset_partition_range_start"], r.tags["dagster/asset_partition_range_end"])
            for r in tick.run_requests] == [(ADDED, ADDED)]
    assert [result.success for result in results] == [True]


def test_the_new_filing_reaches_facts_marts_and_model(sensor_run):
    settings, *_ = sensor_run
    added = _rows(settings.warehouse, "select filing_id from filings.documents where source_file = ?", [ADDED])
    assert len(added) == 1
    filing = [added[0][0]]
    assert _rows(settings.warehouse, "select count(*) > 0 from filings.facts where filing_id = ?", filing) == [(True,)]
    assert _rows(settings.warehouse, "select count(*) from marts.dim_filings where filing_id = ?", filing) == [(1,)]
    assert _rows(settings.warehouse, "select count(*) > 0 from model.forecast where filing_id = ?", filing) == [(True,)]


def test_the_filing_already_processed_is_not_parsed_again(sensor_run):
    settings, _, results, parsed_before = sensor_run
    after = _rows(settings.warehouse, "select filing_id, run_id from filings.parse_runs")
    # The first filing keeps the parse of the first run; only the new one was parsed, by the sensor's run.
    assert set(after) - set(parsed_before) == {(_added_filing(settings), results[0].run_id)}
    assert set(parsed_before) < set(after)


def test_the_sensor_run_rebuilt_marts_and_model_with_both_filings(sensor_run):
    settings, *_ = sensor_run
    assert _rows(settings.warehouse, "select count(distinct filing_id) from marts.dim_filings") == [(2,)]
    assert _rows(settings.warehouse, "select count(distinct filing_id) from model.returns") == [(2,)]


def test_the_sensor_run_computes_the_model_of_the_new_filing_s_projects_only(sensor_run):
    settings, _, results, _ = sensor_run
    projects = dict(_rows(settings.warehouse, "select filing_id, count(distinct project_id) from model.returns group by all"))
    first = next(filing for filing in projects if filing != _added_filing(settings))
    (forecast,) = [m for m in results[0].get_asset_materialization_events()
                   if m.asset_key == dg.AssetKey(["model", "forecast"])]
    metadata = forecast.materialization.metadata
    assert (metadata["projects_computed"].value, metadata["projects_kept"].value) == (
        projects[_added_filing(settings)], projects[first]
    )


def _added_filing(settings) -> str:
    return _rows(settings.warehouse, "select filing_id from filings.documents where source_file = ?", [ADDED])[0][0]


def test_the_sensor_run_validates_the_facts_of_the_new_filing_only(sensor_run):
    settings, _, results, _ = sensor_run
    (check,) = [e for e in results[0].get_asset_check_evaluations() if e.check_name == "gx_filings_facts"]
    added_facts = _rows(settings.warehouse, "select count(*) from filings.facts where filing_id = ?", [_added_filing(settings)])
    assert check.metadata["scope"].value == "the 1 filing(s) parsed in this run"
    assert check.metadata["rows"].value == added_facts[0][0] > 0


def test_the_sensor_runs_dbt_build_without_the_unit_tests_of_an_unchanged_dbt_project(full_refresh):
    (_, incremental_nodes), (_, full_nodes), _ = full_refresh
    assert not any(node.startswith("unit_test.") for node in incremental_nodes)
    assert any(node.startswith("unit_test.") for node in full_nodes)
    assert {node for node in full_nodes if not node.startswith("unit_test.")} == incremental_nodes


def test_a_full_refresh_parses_every_filing_again_and_builds_the_same_tables(sensor_run, full_refresh):
    settings, *_ = sensor_run
    (incremental, _), (rebuilt, _), run_id = full_refresh
    assert _rows(settings.warehouse, "select distinct run_id from filings.parse_runs") == [(run_id,)]
    assert {"filings.facts", "marts.fct_project_forecast", "model.forecast", "model.returns"} <= incremental.keys()
    assert rebuilt.keys() == incremental.keys()
    for name, rows in incremental.items():
        assert rebuilt[name] == rows, name
