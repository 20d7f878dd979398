"""GX validates in a worker process: the caller gets the validation and its row count, and never imports GX
(nor holds the frame), so a run's own process stays small."""

import json
import subprocess
import sys

# A mart whose key is printed twice: the suite's uniqueness expectation fails on both rows of it.
PROBE = """
import json, sys
from pathlib import Path
import duckdb
from expectations import SUITES
from expectations.worker import validate_table
folder = Path(sys.argv[1])
with duckdb.connect(str(folder / "warehouse.duckdb")) as conn:
    conn.execute("create schema if not exists marts")
    conn.execute("create or replace table marts.dim_projects as select * from (values ('p1', '603220'), ('p1', '603220'),"
                 " ('p2', '300846')) t(project_id, stock_code)")
validation, rows = validate_table(SUITES["dim_projects"], folder / "warehouse.duckdb", None, folder / "gx", "probe")
print(json.dumps({
    "success": validation.success, "rows": rows,
    "failed": sorted((f.expectation, f.column, f.unexpected_count) for f in validation.failures),
    "docs": validation.docs_index.is_file(), "caller_imported_gx": "great_expectations" in sys.modules,
}))
"""


def test_a_validation_in_the_worker_reports_its_failures_and_the_caller_never_imports_gx(tmp_path):
    # Twice, as two runs are: the second process finds the GX context the first one stored (this failed with
    # MissingDataContextError: a stored data source came back without its context).
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        assert result == {
            "success": False, "rows": 3, "failed": [["expect_column_values_to_be_unique", "project_id", 2]],
            "docs": True, "caller_imported_gx": False,
        }
