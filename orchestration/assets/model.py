"""Model stage: re-run every disclosed project forecast from the marts, reconcile it, return it, stress it.

The logic lives in orchestration.lib.model; these assets read marts.fct_project_model_inputs (the
model's only input, guarded by blocking checks), call it and replace the model schema's rows.
"""

import base64
from dataclasses import replace
from pathlib import Path

import dagster as dg
import polars as pl

from expectations.registry import MODEL_INPUTS
from orchestration.assets.preview import markdown_preview
from orchestration.jobs import is_full_refresh
from orchestration.lib.model.incremental import Plan, plan
from orchestration.lib.model.pipeline import (
    assumptions_frame,
    forecast_frame,
    reconciliation_frame,
    returns_frame,
    runs_of,
    sensitivity_frame,
    stress,
)
from orchestration.lib.model.store import (
    load_model_inputs,
    recorded_digests,
    stored_projects,
    write_project_rows,
)
from orchestration.lib.report.model_charts import keep_only_charts, project_chart_paths, write_project_charts
from orchestration.resources import RunOutputs, Warehouse

# The model reads its input mart only, and runs after every mart whose checks block on its behalf
# (its input, forecast, capex, fleet), so that a blocking check failing on one of them (a forecast that
# lost a year, a capex without its total) stops the model in the same run.
UPSTREAM_MARTS = [dg.AssetKey(table.split(".")) for table in MODEL_INPUTS]
OVERRIDES_DIR = Path(__file__).resolve().parents[2] / "assumptions"  # reviewed YAML, one file per project
TABLE_KEYS = {name: dg.AssetKey(["model", name]) for name in ("assumptions", "forecast", "reconciliation", "returns")}
SENSITIVITY_KEY = dg.AssetKey(["model", "sensitivity"])


class ModelConfig(dg.Config):
    discount_rate: float = 0.08  # filings rarely print one; 8% is the usual benchmark of these studies
    monte_carlo_scenarios: int = 10_000


_DESCRIPTIONS = {
    "assumptions": "One row per assumption (project_id x name x year): value, unit and its source (fact_ids or an "
    "override reason), plus the calibrated conventions.",
    "forecast": "One row per project x model year x line: the recomputed forecast in 万元.",
    "reconciliation": "One row per project x published line x year: published, recomputed, difference and "
    "whether it is within 0.05% or 0.02 万元.",
    "returns": "One row per project x cash-flow convention x measure: recomputed IRR / NPV / payback, the "
    "published figure, the gap and the extra investment that would make the published IRR true; rows with a "
    "`fit` name the conventions that close the published IRR and payback (best, ties) and the implied "
    "investment, terminal value and working capital beside what the filing prints.",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(key, deps=UPSTREAM_MARTS, group_name="model", kinds={"python", "duckdb"}, description=_DESCRIPTIONS[name])
        for name, key in TABLE_KEYS.items()
    ],
)
def project_models(context: dg.AssetExecutionContext, config: ModelConfig, warehouse: Warehouse):
    # Only the projects whose input rows, overrides, model code or discount rate changed are computed again.
    todo = _plan(context, warehouse, "tables", f"discount_rate={config.discount_rate!r}")
    runs = runs_of(todo.to_compute(), todo.keys, OVERRIDES_DIR)
    frames = {
        "assumptions": assumptions_frame(runs),
        "forecast": forecast_frame(runs),
        "reconciliation": reconciliation_frame(runs),
        "returns": returns_frame(runs, config.discount_rate),
    }
    with warehouse.connect() as conn:
        written = write_project_rows(conn, "tables", frames, todo.digests, todo.changed)
        stored = {name: conn.execute(f"select * from model.{name}").pl() for name in ("reconciliation", "returns")}
    for name, key in TABLE_KEYS.items():
        yield dg.MaterializeResult(
            asset_key=key, metadata=_table_metadata(name, stored.get(name), written[name]) | _counts(todo)
        )


@dg.asset(
    key=SENSITIVITY_KEY,
    deps=list(TABLE_KEYS.values()),
    group_name="model",
    kinds={"python", "duckdb"},
    description="Long rows per project x analysis (tornado, price x utilisation grid, break-even, Monte Carlo, "
    "Sobol, the filing's own sensitivity cells re-run beside their published value) x driver x level x output. "
    "Charts (NPV tornado around the base case, IRR heat map centred on the hurdle rate, NPV distribution) are "
    "written as SVG under the data folder, shown here and in the report.",
)
def model_sensitivity(
    context: dg.AssetExecutionContext, config: ModelConfig, warehouse: Warehouse, outputs: RunOutputs
) -> dg.MaterializeResult:
    settings = f"discount_rate={config.discount_rate!r} scenarios={config.monte_carlo_scenarios}"
    todo = _plan(context, warehouse, "sensitivity", settings)
    charts_dir = Path(outputs.charts_dir)
    charted = {p.project_id: project_chart_paths(charts_dir, p.filing_id, p.name) for p in todo.projects}
    with warehouse.connect(read_only=True) as conn:
        stressed = stored_projects(conn, "sensitivity")
    # a project with rows kept but a chart missing (the data folder was cleaned) is drawn again
    undrawn = {pid for pid in stressed & set(todo.digests) if not all(path.is_file() for path in charted[pid])}
    todo = replace(todo, changed=todo.changed | undrawn)
    runs = runs_of(todo.to_compute(), todo.keys, OVERRIDES_DIR)
    stresses = [stress(run, config.discount_rate, config.monte_carlo_scenarios) for run in runs]
    with warehouse.connect() as conn:
        written = write_project_rows(conn, "sensitivity", {"sensitivity": sensitivity_frame(stresses)},
                                     todo.digests, todo.changed)
    kept = {pid for pid in stressed & set(todo.digests) if pid not in todo.changed}
    keep_only_charts(charts_dir, {path for pid in kept for path in charted[pid]})
    for run, result in zip(runs, stresses, strict=True):
        write_project_charts(result, run.filing_id, run.assumptions.project, config.discount_rate, charts_dir)
    metadata: dict = {
        "dagster/row_count": written["sensitivity"],
        **_counts(todo),
        "charts_dir": dg.MetadataValue.path(str(charts_dir)),
        # One entry for every project's charts: one click in the UI, not one per chart.
        "charts": dg.MetadataValue.md(_charts_markdown(todo, charted) or "no project to chart"),
    }
    return dg.MaterializeResult(metadata=metadata)


def _charts_markdown(todo: Plan, charted: dict[str, list[Path]]) -> str:
    """Every charted project's charts, drawn in this run or kept from an earlier one."""
    return "\n\n".join(
        f"### {p.name}\n\n" + "\n\n".join(_image(path) for path in charted[p.project_id])
        for p in todo.projects if charted[p.project_id][0].is_file()
    )


def _plan(context: dg.AssetExecutionContext, warehouse: Warehouse, stage: str, settings: str) -> Plan:
    """The projects to compute: those changed since their rows were stored, or all of them in a full refresh."""
    with warehouse.connect(read_only=True) as conn:
        inputs = load_model_inputs(conn)
        recorded = {} if is_full_refresh(context) else recorded_digests(conn, stage)
    return plan(inputs, recorded, settings, OVERRIDES_DIR)


def _counts(todo: Plan) -> dict:
    return {"projects_computed": len(todo.changed), "projects_kept": len(todo.digests) - len(todo.changed)}


def _table_metadata(name: str, frame: pl.DataFrame | None, written: int) -> dict:
    metadata: dict = {"dagster/row_count": written}
    if name == "reconciliation" and frame.height:
        summary = frame.group_by("project", "metric").agg(
            pl.len().alias("years"), pl.col("within_tolerance").sum().alias("reproduced")
        )
        metadata["reproduced"] = markdown_preview(summary.sort("project", "metric"), limit=60)
    if name == "returns" and frame.height:
        irr = frame.filter(pl.col("measure") == "irr_post_tax_pct").select(
            "project", "convention", "recomputed", "published", "gap", "implied_extra_investment_wan", "fit"
        )
        metadata["irr_post_tax_pct"] = markdown_preview(irr, limit=60)
    return metadata


def _image(path: Path) -> str:
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"![{path.stem}](data:image/svg+xml;base64,{encoded})"
