"""The terminal's progress line of a finished step: its CPU, the rows written and the checks it evaluated."""

import subprocess
import sys

import dagster as dg

from orchestration.cli.progress import _checks_text, _rows_text, cpu_seconds

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


def test_a_step_counts_the_cpu_of_the_children_it_waited_for():
    # dbt and the parse workers are children of the step's process: their CPU is the step's
    busy = "import time\nwhile time.process_time() < 0.3: pass\nprint(time.process_time())"
    before = cpu_seconds()
    child_cpu = float(subprocess.run([sys.executable, "-c", busy], capture_output=True, text=True, check=True).stdout)
    tick = 0.02  # os.times() counts whole clock ticks (10 ms) for the parent and for the child
    assert cpu_seconds() - before >= child_cpu - tick >= 0.3 - tick
