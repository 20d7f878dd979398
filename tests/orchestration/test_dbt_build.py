"""What `dbt build` is asked to build, and how `zhisuan run --full-refresh` reaches the run."""

import importlib.metadata
import os

import pytest
from packaging import version

from orchestration import cli
from orchestration.assets.transform import build_args
from orchestration.definitions import build_definitions
from tests.orchestration.conftest import settings_for


@pytest.fixture
def _environment_restored():
    """The CLI exports its flags to the environment; other tests must not see them."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_an_unchanged_dbt_project_builds_everything_but_its_unit_tests():
    assert build_args(full_refresh=False, project_unchanged=True) == ["build", "--exclude", "resource_type:unit_test"]


def test_a_changed_dbt_project_builds_every_node():
    assert build_args(full_refresh=False, project_unchanged=False) == ["build"]


def test_a_full_refresh_builds_every_node_from_scratch_even_when_the_project_is_unchanged():
    assert build_args(full_refresh=True, project_unchanged=True) == ["build", "--full-refresh"]


def test_the_full_refresh_flag_reaches_the_pipeline(tmp_path, monkeypatch, _environment_restored):
    calls = []
    monkeypatch.setattr("orchestration.cli.run.run_pipeline", lambda settings, **kwargs: calls.append(kwargs) or 0)
    landing = tmp_path / "landing"
    landing.mkdir()
    for flags in ([], ["--full-refresh"]):
        assert cli.main(["run", "--filings", str(landing), "--warehouse", str(tmp_path / "w.duckdb"), *flags]) == 0
    assert [call["full_refresh"] for call in calls] == [False, True]


def test_the_dbt_resource_starts_no_dbt_process_and_opens_no_adapter_in_the_dagster_process(tmp_path, monkeypatch):
    def no_process(*args, **kwargs):
        raise AssertionError(f"a process was started: {args}")

    monkeypatch.setattr("dagster_dbt.core.resource.check_output", no_process)
    dbt = build_definitions(settings_for(tmp_path, tmp_path / "w.duckdb")).resources["dbt"]
    assert dbt._cli_version == version.parse(importlib.metadata.version("dbt-core"))
    assert dbt._initialize_dbt_core_adapter(["build"]) is None
