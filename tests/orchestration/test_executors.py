"""The same definitions on another executor: chosen by configuration alone, and building the same warehouse."""

import dataclasses
import math

import dagster as dg
import pytest

from orchestration.cli.run import cli_job, executor_run_config, run_pipeline
from orchestration.definitions import build_definitions
from orchestration.lib import warehouse
from orchestration.settings import executor_name
from tests.orchestration.conftest import settings_for

# Columns that say when or in which run a row was written, not what it holds.
RUN_COLUMNS = {"filings.parse_runs": "exclude (seconds, run_id)", "filings.documents": "exclude (ingested_at)"}


def test_the_executor_is_chosen_by_configuration(tmp_path):
    settings = dataclasses.replace(settings_for(tmp_path, tmp_path / "w.duckdb"), executor="multiprocess", workers=3)
    job = cli_job(build_definitions(settings))
    assert job.executor_def is dg.multiprocess_executor
    run_config = {"loggers": {"progress": {}}} | executor_run_config(settings)
    assert run_config["execution"]["config"]["max_concurrent"] == 3
    dg.validate_run_config(job, run_config)


def test_an_unknown_executor_is_refused_by_name():
    with pytest.raises(ValueError, match="in_process, multiprocess, celery, k8s"):
        executor_name("threads")


@pytest.fixture(scope="module")
def parallel_run(real_marts, tmp_path_factory):
    """The real filings again, every step in its own process and the filings parsed by worker processes."""
    root = tmp_path_factory.mktemp("parallel_run")
    settings = dataclasses.replace(
        real_marts.settings, data_dir=root, warehouse=root / "warehouse.duckdb", executor="multiprocess",
    )
    return settings, run_pipeline(settings)


def _tables(path) -> dict[str, list[tuple]]:
    with warehouse.connect(path, read_only=True) as conn:
        names = [f"{schema}.{table}" for schema, table in conn.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('filings', 'marts', 'model') and table_name <> 'pipeline_state' order by all"
        ).fetchall()]
        return {
            name: [_comparable(row) for row in conn.execute(
                f"select * {RUN_COLUMNS.get(name, '')} from {name} order by all"
            ).fetchall()]
            for name in names
        }


def _comparable(row: tuple) -> tuple:
    # NaN is unequal to itself: two identical rows holding one would never compare equal.
    return tuple("NaN" if isinstance(value, float) and math.isnan(value) else value for value in row)


@pytest.mark.slow
def test_the_parallel_executor_builds_the_same_facts_marts_and_model(real_marts, parallel_run):
    settings, exit_code = parallel_run
    assert exit_code == 0
    in_process, parallel = _tables(real_marts.warehouse), _tables(settings.warehouse)
    assert in_process.keys() == parallel.keys()
    assert {"filings.facts", "marts.fct_project_forecast", "model.forecast", "model.returns"} <= in_process.keys()
    for name, rows in in_process.items():
        assert parallel[name] == rows, name
    assert len(in_process["filings.facts"]) > 1000
