"""A broken input of the financial model fails its blocking checks, and nothing downstream of it runs."""

import dagster as dg

from orchestration.checks.gx_factory import GreatExpectations, build_gx_checks
from orchestration.checks.quality_checks import FORECAST_KEY, project_forecasts_are_whole
from orchestration.resources import Warehouse

FORECAST_ROWS = [
    ("603220/智算中心项目", line_item, period, amount)
    for line_item, amounts in {"revenue": (100.01, 200.02, 300.03), "net_profit": (10.0, 20.0, 30.0)}.items()
    for period, amount in [*((f"Y{year}", a) for year, a in enumerate(amounts, start=1)), ("MODEL_TOTAL", sum(amounts))]
]


def _definitions(path, gx_root, rows):
    @dg.asset(key=FORECAST_KEY)
    def forecast_mart(warehouse: Warehouse) -> None:
        with warehouse.connect() as conn:
            conn.execute("create schema if not exists marts")
            conn.execute(
                "create or replace table marts.fct_project_forecast (forecast_line_id varchar, project_id varchar, "
                "stock_code varchar, period varchar, line_item varchar, amount_wan double, fact_ids varchar[])"
            )
            conn.executemany(
                "insert into marts.fct_project_forecast values (? || '/' || ? || '/' || ?, ?, '603220', ?, ?, ?, ['f'])",
                [(p, period, item, p, period, item, amount) for p, item, period, amount in rows],
            )

    @dg.asset(deps=[FORECAST_KEY], group_name="model")
    def model_run() -> None:
        """Stands in for the financial model, which reads the forecast mart."""

    return dg.Definitions(
        assets=[forecast_mart, model_run],
        asset_checks=[project_forecasts_are_whole, *build_gx_checks([FORECAST_KEY])],
        resources={"warehouse": Warehouse(path=str(path)), "great_expectations": GreatExpectations(root=str(gx_root))},
    )


def _run(tmp_path, rows):
    defs = _definitions(tmp_path / "warehouse.duckdb", tmp_path / "gx", rows)
    job = dg.define_asset_job("all", selection=dg.AssetSelection.all()).resolve(asset_graph=defs.resolve_asset_graph())
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


def _checks(result) -> dict[str, dg.AssetCheckEvaluation]:
    return {e.check_name: e for e in result.get_asset_check_evaluations()}


def _materialized(result) -> set[str]:
    return {event.asset_key.to_user_string() for event in result.get_asset_materialization_events()}


def test_a_whole_forecast_passes_and_the_model_runs(tmp_path):
    result = _run(tmp_path, FORECAST_ROWS)
    assert result.success
    assert {name: e.passed for name, e in _checks(result).items()} == {
        "project_forecasts_are_whole": True, "gx_fct_project_forecast": True,
    }
    assert "model_run" in _materialized(result)


def test_a_deleted_forecast_row_blocks_the_model_and_says_which_line(tmp_path):
    broken = [row for row in FORECAST_ROWS if row[1:3] != ("revenue", "Y2")]
    result = _run(tmp_path, broken)
    assert not result.success
    check = _checks(result)["project_forecasts_are_whole"]
    assert not check.passed
    assert check.description == "603220/智算中心项目 revenue: no Y2; 603220/智算中心项目 revenue: 2 years sum to 400.04, the printed total is 600.06"
    assert "model_run" not in _materialized(result)
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert "project_forecasts_are_whole" in failure.event_specific_data.error.message


def test_a_forecast_row_without_its_key_fails_the_blocking_gx_suite_with_the_row(tmp_path):
    result = _run(tmp_path, [*FORECAST_ROWS, (None, "revenue", "Y9", 1.0)])
    check = _checks(result)["gx_fct_project_forecast"]
    assert (check.passed, check.severity) == (False, dg.AssetCheckSeverity.ERROR)
    failures = check.metadata["failures"].value
    assert {(f["expectation"], f["column"]) for f in failures} >= {("expect_column_values_to_not_be_null", "forecast_line_id")}
    assert check.metadata["data_docs"].value.endswith("/gx/uncommitted/data_docs/local_site/index.html")
    assert "model_run" not in _materialized(result)
