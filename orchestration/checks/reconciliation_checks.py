"""Arithmetic reconciliation and conflict checks, read from the findings they produce.

They warn and never block: a printed table that does not add up is a fact about the filing, which the
reviewer needs to see, not a reason to stop the pipeline.
"""

import dagster as dg
import polars as pl

from orchestration.assets.preview import markdown_preview
from orchestration.assets.quality import FINDINGS_KEY
from orchestration.resources import Warehouse

ARITHMETIC_KINDS = (
    "column_total", "row_total", "gross_margin", "gross_profit", "forecast_profit", "forecast_net_profit",
    "forecast_cost", "receivable_net", "provision_ratio", "price_quantity",
)


def _findings(warehouse: Warehouse, kinds: tuple[str, ...]) -> pl.DataFrame:
    with warehouse.connect(read_only=True) as conn:
        return conn.execute(
            "select kind, severity, description, gap, tolerance, locations, fact_ids from quality.findings "
            "where kind in (select unnest(?::varchar[])) "
            # Most severe first; among equals, the nearest miss first: it is the likeliest misprint.
            "order by case severity when 'high' then 0 when 'medium' then 1 else 2 end, gap_pct nulls last, kind",
            [list(kinds)],
        ).pl()


def _result(findings: pl.DataFrame) -> dg.AssetCheckResult:
    counts = findings.group_by("kind").len().sort("kind")
    return dg.AssetCheckResult(
        passed=findings.is_empty(),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "failing": findings.height,
            "by_kind": dg.MetadataValue.json(dict(counts.iter_rows())),
            "sample": markdown_preview(findings.with_columns(pl.col("locations").list.join(", "))),
        },
    )


@dg.asset_check(
    asset=FINDINGS_KEY,
    description=(
        "Totals equal the sum of their parts, margins their recomputation, forecast identities hold and unit "
        "price x quantity equals the amount, within the rounding of the printed inputs."
    ),
)
def printed_tables_reconcile(warehouse: Warehouse) -> dg.AssetCheckResult:
    return _result(_findings(warehouse, ARITHMETIC_KINDS))


@dg.asset_check(
    asset=FINDINGS_KEY,
    description=(
        "No (canonical entity, metric, period) is printed twice with values that differ beyond their rounding, "
        "and no peer's figure is printed for the company and for its segment with different values unsaid which."
    ),
)
def printings_agree(warehouse: Warehouse) -> dg.AssetCheckResult:
    return _result(_findings(warehouse, ("conflict", "ambiguous_label")))


@dg.asset_check(asset=FINDINGS_KEY, description="Every printed date exists in the calendar.")
def printed_dates_exist(warehouse: Warehouse) -> dg.AssetCheckResult:
    return _result(_findings(warehouse, ("invalid_date",)))
