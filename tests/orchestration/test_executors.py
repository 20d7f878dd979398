"""The same definitions on another executor: chosen by configuration alone, and building the same warehouse."""

import dataclasses

import dagster as dg
import pytest

from orchestration.cli.run import cli_job, executor_run_config, run_pipeline
from orchestration.definitions import build_definitions
from orchestration.settings import executor_name
from tests.orchestration.conftest import settings_for, warehouse_tables


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


@pytest.mark.slow
def test_the_parallel_executor_builds_the_same_facts_marts_and_model(real_marts, parallel_run):
    settings, exit_code = parallel_run
    assert exit_code == 0
    in_process, parallel = warehouse_tables(real_marts.warehouse), warehouse_tables(settings.warehouse)
    assert in_process.keys() == parallel.keys()
    assert {"filings.facts", "marts.fct_project_forecast", "model.forecast", "model.returns"} <= in_process.keys()
    for name, rows in in_process.items():
        assert parallel[name] == rows, name
    assert len(in_process["filings.facts"]) > 1000
