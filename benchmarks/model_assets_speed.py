"""The model assets (`project_models`, `model_sensitivity`) on a warehouse's input mart: a first run, a run
with nothing changed, and a run after one project's rows come in (a filing added).

    .venv/bin/python -m benchmarks.model_assets_speed WAREHOUSE.duckdb

WAREHOUSE is only read: its marts.fct_project_model_inputs is copied into a scratch warehouse, first
without the projects of its largest filing (most input rows: the most work one added filing brings), then whole. Each row is one run of both assets in this process (CPU and wall).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import dagster as dg
import duckdb

from benchmarks.timing import in_process, machine_line
from orchestration.assets.model import model_sensitivity, project_models
from orchestration.resources import RunOutputs, Warehouse


def _seed(source: Path, target: Path, without: str | None) -> None:
    with duckdb.connect(str(source), read_only=True) as conn:
        inputs = conn.execute(
            "select * from marts.fct_project_model_inputs where filing_id is distinct from ?", [without]
        ).pl()
    with duckdb.connect(str(target)) as conn:
        conn.register("inputs", inputs)
        conn.execute("create schema if not exists marts")
        conn.execute("create or replace table marts.fct_project_model_inputs as select * from inputs")


def _materialize(path: Path) -> None:
    outputs = RunOutputs(charts_dir=str(path.parent / "charts"), report_dir=str(path.parent / "report"),
                         log_dir=str(path.parent / "logs"))
    result = dg.materialize([project_models, model_sensitivity],
                            resources={"warehouse": Warehouse(path=str(path)), "outputs": outputs})
    assert result.success


def main(source: Path) -> None:
    with duckdb.connect(str(source), read_only=True) as conn:
        projects, filings, largest, its_projects = conn.execute(
            "select sum(projects)::int, count(*), arg_max(filing_id, n), arg_max(projects, n) "
            "from (select filing_id, count(*) as n, count(distinct project_id) as projects "
            "      from marts.fct_project_model_inputs group by filing_id)"
        ).fetchone()
    print(machine_line())
    print(f"model assets on the input mart of {source.name}: {projects} projects of {filings} filings")
    with tempfile.TemporaryDirectory(prefix="zhisuan-model-") as scratch:
        path = Path(scratch) / "warehouse.duckdb"
        _seed(source, path, without=largest)
        print(f"  {'first run, without the largest filing':44} {in_process(lambda: _materialize(path), 1).show()}")
        print(f"  {'again, nothing changed':44} {in_process(lambda: _materialize(path), 1).show()}")
        _seed(source, path, without=None)
        print(f"  {f'the largest filing added ({its_projects} projects)':44} "
              f"{in_process(lambda: _materialize(path), 1).show()}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
