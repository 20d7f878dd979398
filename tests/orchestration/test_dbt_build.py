"""What `dbt build` is asked to build, and how `zhisuan run --full-refresh` reaches the run."""

import os

import pytest

from orchestration import cli
from orchestration.assets.transform import build_args


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
