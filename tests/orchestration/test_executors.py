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


# Run config an operator gives in the launchpad for a deployment: a broker for celery, a namespace and an image
# for Kubernetes. Validating it needs the executor packages (dev dependencies), never a broker or a cluster.
DEPLOYED_EXECUTORS = {
    "celery": {"broker": "pyamqp://guest@127.0.0.1//", "include": ["orchestration.definitions"]},
    "k8s": {"job_namespace": "zhisuan", "job_image": "zhisuan:latest", "max_concurrent": 2},
}


@pytest.mark.parametrize("name", sorted(DEPLOYED_EXECUTORS))
def test_the_same_definitions_load_and_validate_on_a_deployed_executor(tmp_path, name):
    settings = dataclasses.replace(settings_for(tmp_path, tmp_path / "w.duckdb"), executor=name)
    job = cli_job(build_definitions(settings))
    assert job.executor_def.name == name
    assert executor_run_config(settings) == {}  # its config comes from the deployment, as below
    dg.validate_run_config(job, {"loggers": {"progress": {}}})
    dg.validate_run_config(job, {"execution": {"config": DEPLOYED_EXECUTORS[name]}})
    with pytest.raises(dg.DagsterInvalidConfigError):
        dg.validate_run_config(job, {"execution": {"config": {"no_such_option": 1}}})


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
