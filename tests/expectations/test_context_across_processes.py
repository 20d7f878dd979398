"""A GX context stored by one process is used by the next: each run of `zhisuan run` is a process of its own."""

import json
import subprocess
import sys

# A mart whose key is printed twice: the suite's uniqueness expectation fails on both rows of it.
PROBE = """
import json, sys
from pathlib import Path
import duckdb
from expectations import SUITES
from expectations.context import validate
folder = Path(sys.argv[1])
with duckdb.connect(str(folder / "warehouse.duckdb")) as conn:
    conn.execute("create schema if not exists marts")
    conn.execute("create or replace table marts.dim_projects as select * from (values ('p1', '603220'), ('p1', '603220'),"
                 " ('p2', '300846')) t(project_id, stock_code)")
with duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True) as conn:
    frame = conn.execute("select * from marts.dim_projects").df()
validation, rows = validate(SUITES["dim_projects"], frame, folder / "gx", run_name="probe"), len(frame)
print(json.dumps({
    "success": validation.success, "rows": rows,
    "failed": sorted((f.expectation, f.column, f.unexpected_count) for f in validation.failures),
    "docs": validation.docs_index.is_file(),
}))
"""


def test_a_validation_reports_its_failures_in_every_process_that_finds_the_stored_context(tmp_path):
    # Twice, as two runs are: the second process finds the GX context the first one stored (this failed with
    # MissingDataContextError: a stored data source came back without its context).
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        assert result == {
            "success": False, "rows": 3, "failed": [["expect_column_values_to_be_unique", "project_id", 2]],
            "docs": True,
        }
