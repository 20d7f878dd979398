"""What dbt's build leaves in its log file beside the target, on the session's real-filings pipeline."""

import json

import pytest

pytestmark = pytest.mark.slow


def test_dbt_logs_no_debug_line_per_sql_statement_to_its_log_file(real_marts):
    # regression: dbt wrote a debug JSON line for every SQL statement and connection (~4 MB per build), each under
    # the one lock its threads queue for; the file now keeps warnings and errors, the info stream goes to Dagster
    settings = real_marts.settings
    log_file = settings.data_dir / "dbt_target" / settings.warehouse_key / "dbt.log"
    levels = [json.loads(line)["info"]["level"] for line in log_file.read_text(encoding="utf-8").splitlines() if line]

    assert real_marts.dbt_tests_run > 0
    assert [level for level in levels if level not in ("warn", "error")] == []
