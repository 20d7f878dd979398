"""The terminal's progress line of a finished step: rows written and the checks it evaluated."""

import dagster as dg

from orchestration.cli.progress import _checks_text, _rows_text

KEY = dg.AssetKey(["marts", "fct_project_forecast"])


def _check(name: str, passed: bool, severity=dg.AssetCheckSeverity.ERROR):
    return dg.AssetCheckEvaluation(asset_key=KEY, check_name=name, passed=passed, severity=severity)


def test_rows_are_one_count_per_asset_summed_over_tables():
    assert _rows_text({}) == ""
    assert _rows_text({"filings/documents": 4}) == "4 rows"
    assert _rows_text({"staging/a": 1200, "marts/b": 34}) == "2 tables, 1,234 rows"


def test_a_failed_check_is_named_with_its_asset_and_severity():
    assert _checks_text([_check("whole", True)]) == "check passed: whole"
    assert _checks_text([_check("whole", False)]) == "check failed: marts/fct_project_forecast whole (ERROR)"
    mixed = _checks_text([_check("a", True), _check("b", False, dg.AssetCheckSeverity.WARN)])
    assert mixed == "1 of 2 checks passed; check failed: marts/fct_project_forecast b (WARN)"
