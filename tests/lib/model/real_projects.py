"""The four disclosed projects of the real filings, as the model reads them: from the input mart of the
session's real warehouse (tests/pipeline.py), never from the parser's facts."""

from functools import cache
from pathlib import Path

import polars as pl

from orchestration.lib import warehouse
from orchestration.lib.model.assemble import assemble
from orchestration.lib.model.calibrate import calibrate
from orchestration.lib.model.closing import fit_returns
from orchestration.lib.model.inputs import ProjectFacts, project_facts
from orchestration.lib.model.store import load_model_inputs

HONGJING = "001_1cef971acf991f87.txt"
ZHONGBEI = "002_7cdd91bcb8568f2f.txt"
SHOUDU = "003_aee50a10d511e859.txt"
HONGJING_PROJECT = "智能算力集群建设及运营项目"
ZHONGBEI_PROJECT = "智算中心建设项目"
JINGBEI_PROJECT = "京北云计算软件研发中心项目-算力中心(一期)"
RENDER_PROJECT = "渲染一体化智算平台项目"


@cache
def filing_inputs(warehouse_path: Path, source_file: str) -> pl.DataFrame:
    """The input mart's rows of the projects modelled from one landed file."""
    with warehouse.connect(warehouse_path, read_only=True) as conn:
        inputs = load_model_inputs(conn)
        (filing_id,) = conn.execute(
            "select filing_id from filings.documents where source_file = ?", [source_file]
        ).fetchone()
    return inputs.filter(pl.col("filing_id") == filing_id)


def project(projects, name: str):
    return next(p for p in projects if p.project == name)


def named_project_facts(warehouse_path: Path, source_file: str, name: str) -> ProjectFacts:
    """One project's frame as the assembly reads it."""
    return next(p for p in project_facts(filing_inputs(warehouse_path, source_file)) if p.name == name)


@cache
def calibrated(warehouse_path: Path, filing: str, name: str):
    """(assumptions, P&L calibration, returns fit) of one real project."""
    model = project(assemble(filing_inputs(warehouse_path, filing)), name)
    calibration = calibrate(model)
    return model, calibration, fit_returns(model, calibration.forecast, calibration.conventions.residual_as_revenue)
