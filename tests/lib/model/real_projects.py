"""The four disclosed projects of the real filings, parsed once per test session."""

from dataclasses import asdict
from functools import cache
from pathlib import Path

import polars as pl

from orchestration.lib.model.assemble import assemble
from orchestration.lib.model.calibrate import calibrate
from orchestration.lib.model.closing import fit_returns
from orchestration.lib.parsing.facts import parse_filing

HONGJING = "001_1cef971acf991f87.txt"
ZHONGBEI = "002_7cdd91bcb8568f2f.txt"
SHOUDU = "003_aee50a10d511e859.txt"
HONGJING_PROJECT = "智能算力集群建设及运营项目"
ZHONGBEI_PROJECT = "智算中心建设项目"
JINGBEI_PROJECT = "京北云计算软件研发中心项目-算力中心(一期)"
RENDER_PROJECT = "渲染一体化智算平台项目"


@cache
def filing_facts(folder: Path, name: str) -> pl.DataFrame:
    parsed = parse_filing((folder / name).read_text(encoding="utf-8"))
    return pl.DataFrame([asdict(f) for f in parsed.facts], infer_schema_length=None)


def project(projects, name: str):
    return next(p for p in projects if p.project == name)


@cache
def calibrated(folder: Path, filing: str, name: str):
    """(assumptions, P&L calibration, returns fit) of one real project."""
    model = project(assemble(filing_facts(folder, filing)), name)
    calibration = calibrate(model)
    return model, calibration, fit_returns(model, calibration.forecast, calibration.conventions.residual_as_revenue)
