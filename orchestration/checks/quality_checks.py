"""Blocking checks on the financial model's inputs that a column-wise GX suite cannot express."""

from __future__ import annotations

from collections.abc import Iterable

import dagster as dg
import polars as pl

from orchestration.assets.preview import markdown_preview
from orchestration.lib.quality.completeness import forecast_gaps
from orchestration.resources import Warehouse

FORECAST_KEY = dg.AssetKey(["marts", "fct_project_forecast"])
INPUTS_KEY = dg.AssetKey(["marts", "fct_project_model_inputs"])
# A printed row of the model's input is one line: the model reads a metric's rows table by table.
_INPUT_LINES = """
select
    project_id,
    metric || ' (' || coalesce(table_id || ' ' || coalesce(row_label, ''), 'prose') || ')' as line_item,
    period,
    null::double as amount_wan
from marts.fct_project_model_inputs
where metric is not null
order by project_id, line_item, period
"""


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
    return _gaps_result(rows)


@dg.asset_check(
    asset=INPUTS_KEY,
    blocking=True,
    description=(
        "No printed row the financial model reads (a metric in one table row) misses a year inside the years "
        "it prints. Blocking: the model reads this mart only, and must not re-run a forecast with a hole in it."
    ),
)
def model_inputs_are_whole(warehouse: Warehouse) -> dg.AssetCheckResult:
    with warehouse.connect(read_only=True) as conn:
        rows = conn.execute(_INPUT_LINES).pl().to_dicts()
    return _gaps_result(rows)


def _gaps_result(rows: list[dict]) -> dg.AssetCheckResult:
    gaps = forecast_gaps(rows)
    frame = pl.DataFrame(gaps, schema={"project_id": pl.String, "line_item": pl.String, "gap": pl.String})
    return dg.AssetCheckResult(
        passed=not gaps,
        description="; ".join(f"{g['project_id']} {g['line_item']}: {g['gap']}" for g in gaps) or None,
        metadata={"forecast_rows": len(rows), "gaps": frame.height, "sample": markdown_preview(frame)},
    )


def model_input_checks(available: Iterable[dg.AssetKey]) -> list[dg.AssetChecksDefinition]:
    """The checks whose asset the code location has (the marts come with the dbt project)."""
    present = set(available)
    checks = {FORECAST_KEY: project_forecasts_are_whole, INPUTS_KEY: model_inputs_are_whole}
    return [check for key, check in checks.items() if key in present]
