"""Blocking checks on the financial model's inputs that a column-wise GX suite cannot express."""

from __future__ import annotations

from collections.abc import Iterable

import dagster as dg
import polars as pl

from orchestration.assets.preview import markdown_preview
from orchestration.lib.quality.completeness import forecast_gaps
from orchestration.resources import Warehouse

FORECAST_KEY = dg.AssetKey(["marts", "fct_project_forecast"])


@dg.asset_check(
    asset=FORECAST_KEY,
    blocking=True,
    description=(
        "No project forecast line misses a year inside the years it prints, and lines with a printed total "
        "still add up to it. Blocking: the financial model must not re-run a forecast with a hole in it."
    ),
)
def project_forecasts_are_whole(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=True) as conn:
        rows = conn.execute(
            "select project_id, line_item, period, amount_wan from marts.fct_project_forecast "
            "order by project_id, line_item, period"
        ).pl().to_dicts()
    gaps = forecast_gaps(rows)
    frame = pl.DataFrame(gaps, schema={"project_id": pl.String, "line_item": pl.String, "gap": pl.String})
    return dg.AssetCheckResult(
        passed=not gaps,
        description="; ".join(f"{g['project_id']} {g['line_item']}: {g['gap']}" for g in gaps) or None,
        metadata={"forecast_rows": len(rows), "gaps": frame.height, "sample": markdown_preview(frame)},
    )


def model_input_checks(available: Iterable[dg.AssetKey]) -> list[dg.AssetChecksDefinition]:
    """The checks whose asset the code location has (the forecast mart comes with the dbt project)."""
    return [project_forecasts_are_whole] if FORECAST_KEY in set(available) else []
