"""The model assets: the input mart in, model tables and charts out, re-runs idempotent."""

import dagster as dg
import polars as pl

from orchestration.assets.model import (
    OVERRIDES_DIR,
    SENSITIVITY_KEY,
    TABLE_KEYS,
    model_sensitivity,
    project_models,
)
from orchestration.definitions import defs
from orchestration.jobs import FULL_REFRESH_TAG
from orchestration.lib import warehouse
from orchestration.lib.model.pipeline import (
    assumptions_frame,
    forecast_frame,
    reconciliation_frame,
    returns_frame,
    run_projects,
    sensitivity_frame,
    stress,
)
from orchestration.lib.model.store import write_model_tables
from orchestration.resources import RunOutputs, Warehouse
from tests.lib.model.small_project import FILING_ID, small_project_inputs

INPUTS_KEY = dg.AssetKey(["marts", "fct_project_model_inputs"])


def _seed(path, inputs=None) -> None:
    """The input mart as dbt would build it, and nothing in filings.facts: the model reads the mart only."""
    with warehouse.connect(path) as conn:
        conn.register("inputs", small_project_inputs() if inputs is None else inputs)
        conn.execute("create schema if not exists marts")
        conn.execute("create or replace table marts.fct_project_model_inputs as select * from inputs")


def _materialize(path, tags=None):
    outputs = RunOutputs(charts_dir=str(path.parent / "charts"), report_dir=str(path.parent / "report"),
                         log_dir=str(path.parent / "logs"))
    return dg.materialize(
        [project_models, model_sensitivity],
        resources={"warehouse": Warehouse(path=str(path)), "outputs": outputs},
        run_config={"ops": {name: {"config": {"monte_carlo_scenarios": 500}}
                            for name in ("project_models", "model__sensitivity")}},
        tags=tags,
    )


def test_model_assets_write_their_tables_and_charts_and_rerun_cleanly(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    _seed(path)

    first = _materialize(path)
    with warehouse.connect(path, read_only=True) as conn:
        counts = {name: conn.execute(f"select count(*) from model.{name}").fetchone()[0]
                  for name in (*TABLE_KEYS, "sensitivity")}
    again = _materialize(path)
    with warehouse.connect(path, read_only=True) as conn:
        recount = {name: conn.execute(f"select count(*) from model.{name}").fetchone()[0] for name in counts}
    refreshed = _materialize(path, tags={FULL_REFRESH_TAG: "true"})

    assert first.success and again.success
    assert all(counts.values())
    assert recount == counts
    assert _computed(again) == {"project_models": 0, "model__sensitivity": 0}
    assert _computed(refreshed) == {"project_models": 1, "model__sensitivity": 1}
    charts = sorted(p.name for p in (tmp_path / "charts").iterdir())
    assert charts == [f"{FILING_ID}_示例算力项目_{kind}.svg" for kind in ("heatmap", "npv_histogram", "tornado")]
    metadata = first.asset_materializations_for_node("model__sensitivity")[0].metadata
    assert metadata["charts"].value.count("data:image/svg+xml;base64,") == 3


def test_charts_of_a_project_that_is_gone_are_removed(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    _seed(path)
    stale = tmp_path / "charts" / "gone_project_tornado.svg"
    stale.parent.mkdir()
    stale.write_text("<svg/>", encoding="utf-8")

    assert _materialize(path).success
    assert not stale.exists()


def test_the_model_assets_are_in_the_model_group_of_the_code_location():
    graph = defs.resolve_asset_graph()

    for key in (*TABLE_KEYS.values(), SENSITIVITY_KEY):
        assert graph.get(key).group_name == "model"
    assert INPUTS_KEY in graph.get(TABLE_KEYS["forecast"]).parent_keys
    assert dg.AssetKey(["filings", "facts"]) not in graph.get(TABLE_KEYS["forecast"]).parent_keys


MODEL_MARTS = {
    dg.AssetKey(["marts", name])
    for name in ("fct_project_model_inputs", "fct_project_forecast", "fct_project_capex", "fct_compute_fleet")
}


def test_every_model_asset_runs_after_the_marts_whose_blocking_checks_guard_it():
    graph = defs.resolve_asset_graph()

    for key in TABLE_KEYS.values():
        assert MODEL_MARTS <= graph.get(key).parent_keys, key
    assert MODEL_MARTS <= graph.get_ancestor_asset_keys(SENSITIVITY_KEY)
    for mart in MODEL_MARTS:  # a failing suite on the mart skips the model in the same run
        assert graph.get_check_spec(dg.AssetCheckKey(mart, f"gx_{mart.path[-1]}")).blocking, mart


def test_the_model_cannot_see_a_fact_the_mart_does_not_carry(tmp_path):
    # filings.facts prints the published IRR; the mart is built without it: the model has no published IRR
    path = tmp_path / "warehouse.duckdb"
    inputs = small_project_inputs()
    with warehouse.connect(path) as conn:
        conn.register("facts", inputs.drop("project_id", "project_name", "names_project", "model_input_id"))
        conn.register("inputs", inputs.filter(inputs["metric"] != "irr_post_tax"))
        conn.execute("insert into filings.facts by name select *, false as ambiguous, 2 as decimals from facts")  # raw_text prints 2
        conn.execute("create schema if not exists marts")
        conn.execute("create table marts.fct_project_model_inputs as select * from inputs")

    assert _materialize(path).success
    with warehouse.connect(path, read_only=True) as conn:
        published, recomputed = conn.execute(
            "select count(published), count(recomputed) from model.returns where measure = 'irr_post_tax_pct'"
        ).fetchone()
    assert recomputed > 0 and published == 0


def _other_project(scale: float) -> pl.DataFrame:
    """The small project again under another filing and name, every amount times ``scale`` (still consistent)."""
    inputs = small_project_inputs()
    money = pl.col("metric") != "irr_post_tax"
    return inputs.with_columns(
        pl.col("project_id").str.replace("000001/示例算力项目", "000002/另一算力项目"),
        pl.col("model_input_id").str.replace("000001/示例算力项目", "000002/另一算力项目"),
        pl.lit("另一算力项目").alias("project_name"), pl.lit("f-other").alias("filing_id"),
        pl.when(money).then(pl.col("value") * scale).otherwise(pl.col("value")).alias("value"),
    )


def _full_rerun(path, inputs: pl.DataFrame) -> None:
    """Every project computed from scratch by the library, every model table written whole."""
    runs = run_projects(inputs, OVERRIDES_DIR)
    frames = {"assumptions": assumptions_frame(runs), "forecast": forecast_frame(runs),
              "reconciliation": reconciliation_frame(runs), "returns": returns_frame(runs, 0.08),
              "sensitivity": sensitivity_frame([stress(run, 0.08, 500) for run in runs])}
    with warehouse.connect(path) as conn:
        write_model_tables(conn, frames)


def _model_rows(path) -> dict[str, list]:
    with warehouse.connect(path, read_only=True) as conn:
        return {name: conn.execute(f"select * from model.{name} order by all").fetchall()
                for name in (*TABLE_KEYS, "sensitivity")}


def _computed(result) -> dict[str, int]:
    return {node: result.asset_materializations_for_node(node)[0].metadata["projects_computed"].value
            for node in ("project_models", "model__sensitivity")}


def test_a_run_computes_only_the_projects_whose_rows_changed_and_writes_what_a_full_run_writes(tmp_path):
    incremental, full = tmp_path / "warehouse.duckdb", tmp_path / "full.duckdb"
    _seed(incremental)
    assert _computed(_materialize(incremental)) == {"project_models": 1, "model__sensitivity": 1}
    changed = pl.concat([small_project_inputs(), _other_project(2.0)])
    _seed(incremental, changed)  # a filing added: its project is new, the first one's rows are unchanged

    added = _materialize(incremental)
    _full_rerun(full, changed)

    assert _computed(added) == {"project_models": 1, "model__sensitivity": 1}
    assert _model_rows(incremental) == _model_rows(full)
    assert len(list((tmp_path / "charts").iterdir())) == 2 * 3


def test_a_project_whose_rows_change_is_computed_again_and_one_that_is_gone_leaves(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    _seed(path, pl.concat([small_project_inputs(), _other_project(2.0)]))
    assert _materialize(path).success
    _seed(path, _other_project(4.0))  # the first project is gone, the other one's amounts doubled

    again = _materialize(path)
    fresh = tmp_path / "fresh.duckdb"
    _full_rerun(fresh, _other_project(4.0))

    assert _computed(again) == {"project_models": 1, "model__sensitivity": 1}
    assert _model_rows(path) == _model_rows(fresh)
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == [
        f"f-other_另一算力项目_{kind}.svg" for kind in ("heatmap", "npv_histogram", "tornado")]
