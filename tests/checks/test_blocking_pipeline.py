"""`zhisuan run` on a filing whose forecast lost a cell: the blocking check fails, the run exits 1 and
the terminal says which check and which line of which project."""

import shutil

import dagster as dg
import pytest

from orchestration.runner import run_pipeline
from tests.orchestration.conftest import settings_for

pytestmark = pytest.mark.slow

# A reply printed in GB18030 with space-aligned columns, whose forecast table feeds the model.
REPLY = "qiyun_reply.txt"
ENCODING = "gb18030"


def _without_third_year_revenue(text: str) -> str:
    """The forecast's revenue row with its 第3年 cell printed as '-' (an empty cell), widths kept."""
    lines = text.splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.split()[:2] == ["4", "营业收入"]]
    line = lines[index]
    third = line.split()[4]
    start = line.index(third, line.index(line.split()[3]) + len(line.split()[3]))
    lines[index] = line[:start] + "-".rjust(len(third)) + line[start + len(third):]
    return "".join(lines)


def test_a_forecast_with_a_lost_year_stops_the_run_and_says_why(sample_corpus, tmp_path, capsys):
    landing = tmp_path / "landing"
    shutil.copytree(sample_corpus / "filings", landing)
    original = (sample_corpus / "filings" / REPLY).read_bytes().decode(ENCODING)
    (landing / REPLY).write_bytes(_without_third_year_revenue(original).encode(ENCODING))

    exit_code = run_pipeline(settings_for(landing, tmp_path / "warehouse.duckdb"), dg.DagsterInstance.ephemeral())

    out, err = capsys.readouterr()
    assert exit_code == 1
    assert "check failed: marts/fct_project_forecast project_forecasts_are_whole (ERROR)" in out
    assert "project_forecasts_are_whole" in err
