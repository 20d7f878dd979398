"""Report stage: the static HTML site an analyst opens after a run (orchestration.lib.report writes it)."""

from pathlib import Path

import dagster as dg

from orchestration.assets.model import SENSITIVITY_KEY, TABLE_KEYS
from orchestration.assets.quality import FINDINGS_KEY
from orchestration.lib.report import build_report
from orchestration.resources import RunOutputs, Warehouse

REPORT_KEY = dg.AssetKey(["report", "site"])


@dg.asset(
    key=REPORT_KEY,
    deps=[SENSITIVITY_KEY, FINDINGS_KEY, *TABLE_KEYS.values()],
    group_name="report",
    kinds={"html"},
    description="The report: companies, filings and projects; per project the published and recomputed forecast, "
    "returns, inputs and sensitivity charts; findings most severe first; facts searchable by company, metric "
    "and period. Every number links to the line it was printed on. Opens from the file system, offline.",
)
def report_site(warehouse: Warehouse, outputs: RunOutputs) -> dg.MaterializeResult:
    with warehouse.connect(read_only=True) as conn:
        index = build_report(conn, Path(outputs.report_dir), Path(outputs.charts_dir))
    pages = sorted(index.parent.glob("*.html"))
    return dg.MaterializeResult(metadata={
        "report": dg.MetadataValue.url(index.as_uri()),
        "path": dg.MetadataValue.path(str(index)),
        "pages": len(pages),
    })
