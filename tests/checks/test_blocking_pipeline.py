"""`zhisuan run` on a filing whose forecast lost a cell: the blocking check fails, the run exits 1, the
terminal says which check and which line of which project, and the financial model does not run."""

import shutil

import dagster as dg
import pytest

from orchestration.cli.run import run_pipeline
from tests.orchestration.conftest import settings_for

pytestmark = pytest.mark.slow

# A reply printed in GB18030 with space-aligned columns, whose forecast table feeds the model.
REPLY = "qiyun_reply.txt"
ENCODING = "gb18030"
MODEL_FORECAST = dg.AssetKey(["model", "forecast"])


def _without_third_year_revenue(text: str) -> str:
    """The forecast's revenue row with its 第3年 cell printed as '-' (an empty cell), widths kept."""
    lines = text.splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.split()[:2] == ["4", "营业收入"]]
    line = lines[index]
    third = line.split()[4]
    start = line.index(third, line.index(line.split()[3]) + len(line.split()[3]))
    lines[index] = line[:start] + "-".rjust(len(third)) + line[start + len(third):]
    return "".join(lines)


def _landing_with_one_printing_of_the_forecast(sample_corpus, landing):
    """The corpus less the issuer's other filings: another printing of the same forecast would fill
    the hole (the mart keeps every printed year of a project), so the reply is its only source."""
    issuer = REPLY.split("_")[0]
    landing.mkdir()
    for source in (sample_corpus / "filings").iterdir():
        if not source.name.startswith(f"{issuer}_") or source.name == REPLY:
            shutil.copy(source, landing / source.name)


def _latest_run_id(instance: dg.DagsterInstance) -> str:
    return instance.get_runs(limit=1)[0].run_id


def test_a_forecast_with_a_lost_year_stops_the_run_and_says_why(sample_corpus, tmp_path, capsys):
    landing = tmp_path / "landing"
    _landing_with_one_printing_of_the_forecast(sample_corpus, landing)
    settings = settings_for(landing, tmp_path / "warehouse.duckdb")
    instance = dg.DagsterInstance.ephemeral()

    assert run_pipeline(settings, instance) == 0
    healthy_run = _latest_run_id(instance)
    assert instance.get_latest_materialization_event(MODEL_FORECAST).run_id == healthy_run
    capsys.readouterr()

    reply = landing / REPLY
    reply.write_bytes(_without_third_year_revenue(reply.read_bytes().decode(ENCODING)).encode(ENCODING))
    exit_code = run_pipeline(settings, instance)

    out, _ = capsys.readouterr()
    assert exit_code == 1
    assert "check failed: marts/fct_project_forecast project_forecasts_are_whole (ERROR)" in out
    assert "why: 002871/西部智算集群项目 revenue: no Y3" in out
    # the model's own input mart is guarded too: the printed revenue row it reads lost its third year
    assert "check failed: marts/fct_project_model_inputs model_inputs_are_whole (ERROR)" in out
    broken_run = _latest_run_id(instance)
    assert broken_run != healthy_run
    assert instance.get_latest_materialization_event(MODEL_FORECAST).run_id == healthy_run
