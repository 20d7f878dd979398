"""The model schema in DuckDB: its tables and their idempotent writes (no Dagster)."""

from __future__ import annotations

import duckdb
import polars as pl

from orchestration.lib.model.inputs import COLUMNS, INPUTS_TABLE
from orchestration.lib.warehouse.connection import transaction

MODEL_DDL = """
create schema if not exists model;
create table if not exists model.assumptions (
    filing_id varchar, project_id varchar, project varchar, "group" varchar, name varchar, year integer,
    value double, unit varchar, source varchar
);
create table if not exists model.forecast (
    filing_id varchar, project_id varchar, project varchar, year integer, line varchar, value_wan double
);
create table if not exists model.reconciliation (
    filing_id varchar, project_id varchar, conventions varchar, project varchar, metric varchar, year integer,
    published_wan double, recomputed_wan double, difference_wan double, within_tolerance boolean
);
create table if not exists model.returns (
    filing_id varchar, project_id varchar, project varchar, discount_rate_pct double, convention varchar, measure varchar,
    recomputed double, conventional_flows boolean, irr_count integer, published double, gap double,
    implied_extra_investment_wan double, fit varchar
);
create table if not exists model.sensitivity (
    filing_id varchar, project_id varchar, project varchar, analysis varchar, driver varchar, level double, level_2 double,
    output varchar, value double, published double
);
alter table model.returns add column if not exists fit varchar;
alter table model.returns add column if not exists discount_rate_pct double;
alter table model.sensitivity add column if not exists published double;
"""
# Every model table is keyed by dim_projects.project_id; tables made before it had one gain the column.
KEY_DDL = "alter table model.{table} add column if not exists project_id varchar;"
TABLES = ("assumptions", "forecast", "reconciliation", "returns", "sensitivity")


def load_model_inputs(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The model's only input: every row of the mart that carries what it reads, in print order."""
    columns = ", ".join(COLUMNS)  # the mart's column names, ours
    return conn.execute(f"select {columns} from {INPUTS_TABLE} order by project_id, line_no, fact_id").pl()


def write_model_tables(conn: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> dict[str, int]:
    """Replace each given model table's rows, all in one transaction: the model reads the whole mart, so a
    project the mart no longer carries leaves the model too."""
    conn.execute(MODEL_DDL + "".join(KEY_DDL.format(table=name) for name in TABLES))
    with transaction(conn):
        for name, frame in frames.items():
            if name not in TABLES:
                raise ValueError(f"model.{name} is not a model table")
            _replace_all(conn, f"model.{name}", frame)
    return {name: frame.height for name, frame in frames.items()}


def _replace_all(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Every row goes (rows written before the tables had a project_id too) and the frame's come in."""
    conn.execute(f"delete from {table}")  # a name from TABLES, never input
    conn.register("replacement", frame)
    try:
        if frame.height:
            # rows in the order of their columns (key first): two runs write the same table, row for row
            conn.execute(f"insert into {table} by name select * from replacement order by all")
    finally:
        conn.unregister("replacement")
