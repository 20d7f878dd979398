"""The whole pipeline built once per session into a temporary warehouse, as `zhisuan run` does it: into the
warehouse's own Dagster instance under the data folder. Shared by the dbt, report and instance tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

from orchestration.cli.run import run_pipeline
from orchestration.lib import warehouse
from orchestration.settings import Settings


@dataclass(frozen=True)
class BuiltMarts:
    settings: Settings
    failed_dbt_tests: list[str]  # dbt tests (Dagster asset checks of the dbt assets) of error severity that failed
    warned_dbt_tests: list[str]  # warn-severity dbt tests that fired: findings about the data, not failures
    dbt_tests_run: int

    @property
    def warehouse(self) -> Path:
        return self.settings.warehouse

    def instance(self) -> dg.DagsterInstance:
        """The Dagster instance the run wrote to: the one `zhisuan ui` opens for this warehouse."""
        return dg.DagsterInstance.from_config(str(self.settings.dagster_home))

    def rows(self, sql: str, params: list | None = None) -> list[tuple]:
        with warehouse.connect(self.warehouse, read_only=True) as conn:
            return conn.execute(sql, params or []).fetchall()

    def value(self, sql: str, params: list | None = None):
        rows = self.rows(sql, params)
        assert len(rows) == 1, f"expected one row, got {rows}"
        return rows[0][0]


def build_marts(landing: Path, root: Path) -> BuiltMarts:
    settings = Settings(
        data_dir=root, filings_dir=landing, warehouse=root / "warehouse.duckdb", ui_host="127.0.0.1", ui_port=0,
    )
    run_pipeline(settings)
    return BuiltMarts(settings, *_dbt_test_outcomes(dg.DagsterInstance.from_config(str(settings.dagster_home))))


def _dbt_test_outcomes(instance: dg.DagsterInstance) -> tuple[list[str], list[str], int]:
    """dbt tests run inside the dbt step and reach Dagster as asset checks of the dbt assets."""
    run = instance.get_runs(limit=1)[0]
    events = instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)
    dbt_checks = [
        event.dagster_event.event_specific_data
        for event in events
        if event.dagster_event.step_key == "dbt_models"
    ]
    def names(severity: dg.AssetCheckSeverity) -> list[str]:
        return [
            f"{check.asset_key.to_user_string()}:{check.check_name}"
            for check in dbt_checks
            if not check.passed and check.severity == severity
        ]

    return names(dg.AssetCheckSeverity.ERROR), names(dg.AssetCheckSeverity.WARN), len(dbt_checks)


@pytest.fixture(scope="session")
def real_marts(real_filings: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltMarts:
    return build_marts(real_filings, tmp_path_factory.mktemp("real_marts"))


@pytest.fixture(scope="session")
def sample_marts(sample_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltMarts:
    return build_marts(sample_corpus / "filings", tmp_path_factory.mktemp("sample_marts"))
