"""The findings asset and its checks on the real filings: findings are data, so the run succeeds while
the checks warn with the lines to read."""

import dagster as dg

from orchestration.assets.quality import quality_findings
from orchestration.checks.reconciliation_checks import (
    printed_dates_exist,
    printed_tables_reconcile,
    printings_agree,
)
from orchestration.lib import warehouse
from orchestration.resources import Warehouse
from tests.lib.quality.conftest import parsed_warehouse


def test_findings_are_written_and_the_checks_warn_with_file_and_line(real_filings, tmp_path):
    path = parsed_warehouse(sorted(real_filings.glob("*.txt")), tmp_path / "warehouse.duckdb")

    result = dg.materialize(
        [quality_findings, printed_tables_reconcile, printings_agree, printed_dates_exist],
        resources={"warehouse": Warehouse(path=str(path))},
    )

    assert result.success
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    conflicts = checks["printings_agree"]
    assert (conflicts.passed, conflicts.severity) == (False, dg.AssetCheckSeverity.WARN)
    assert "002_7cdd91bcb8568f2f.txt:31" in conflicts.metadata["sample"].value
    assert checks["printed_dates_exist"].passed
    with warehouse.connect(path, read_only=True) as conn:
        (count, proceeds) = conn.execute(
            "select count(*), count(*) filter (where array_to_string(raw_texts, ' ') like '%192223.48%') "
            "from quality.findings"
        ).fetchone()
    (materialization,) = result.get_asset_materialization_events()
    assert count == materialization.materialization.metadata["dagster/row_count"].value
    assert proceeds == 1
