"""Which table each suite validates, the rows a failure is reported by, and whether it blocks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SuiteSpec:
    name: str
    table: str  # schema.table in the warehouse; also the Dagster asset key (schema / table)
    blocking: bool  # True for the inputs of the financial model: bad rows must not reach it
    key: tuple[str, ...]  # the grain: unique and never null
    # Columns that locate a failing row for a person: key, filing and line where the table has them.
    index_columns: tuple[str, ...]
    # Rows each parsed filing must contribute at least (tables keyed by filing only).
    min_rows_per_filing: int = 0

    @property
    def asset_path(self) -> list[str]:
        return self.table.split(".")


# The financial model reads fct_project_model_inputs only; the forecast, capex and fleet marts are the
# same facts as analysts read them, and block too: a hole in one is a hole in what the model reads.
MODEL_INPUTS = (
    "marts.fct_project_model_inputs", "marts.fct_project_forecast", "marts.fct_project_capex",
    "marts.fct_compute_fleet",
)

# mart -> its grain (the key column its dbt model documents as unique)
_MART_KEYS = {
    "marts.fct_segment_margins": "segment_period_id",
    "marts.fct_receivables": "receivable_id",
    "marts.fct_receivable_debtors": "debtor_period_id",
    "marts.fct_capex_items": "capex_item_id",
    "marts.fct_project_capex": "project_id",
    "marts.fct_compute_fleet": "fleet_row_id",
    "marts.fct_project_forecast": "forecast_line_id",
    "marts.fct_project_model_inputs": "model_input_id",
    "marts.dim_projects": "project_id",
}

SUITES: dict[str, SuiteSpec] = {
    "filings_facts": SuiteSpec(
        "filings_facts", "filings.facts", False, ("filing_id", "fact_id"), ("filing_id", "fact_id", "line_no"),
        min_rows_per_filing=1,
    ),
    **{
        table.split(".")[1]: SuiteSpec(
            table.split(".")[1], table, table in MODEL_INPUTS, (key,), (key, "stock_code", "filing_id", "line_no"),
        )
        for table, key in _MART_KEYS.items()
    },
}
