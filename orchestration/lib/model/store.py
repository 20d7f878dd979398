"""The model schema in DuckDB: its tables and their idempotent writes (no Dagster)."""

from __future__ import annotations

import duckdb
import polars as pl

from orchestration.lib.warehouse.connection import replace_rows, transaction

MODEL_DDL = """
create schema if not exists model;
create table if not exists model.assumptions (
    filing_id varchar, project varchar, "group" varchar, name varchar, year integer,
    value double, unit varchar, source varchar
);
create table if not exists model.forecast (
    filing_id varchar, project varchar, year integer, line varchar, value_wan double
);
create table if not exists model.reconciliation (
    filing_id varchar, conventions varchar, project varchar, metric varchar, year integer,
    published_wan double, recomputed_wan double, difference_wan double, within_tolerance boolean
);
create table if not exists model.returns (
    filing_id varchar, project varchar, discount_rate double, convention varchar, measure varchar,
    recomputed double, conventional_flows boolean, irr_count integer, published double, gap double,
    implied_extra_investment_wan double, fit varchar
);
create table if not exists model.sensitivity (
    filing_id varchar, project varchar, analysis varchar, driver varchar, level double, level_2 double,
    output varchar, value double, published double
);
alter table model.returns add column if not exists fit varchar;
alter table model.sensitivity add column if not exists published double;
"""
TABLES = ("assumptions", "forecast", "reconciliation", "returns", "sensitivity")


def load_facts(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The facts of every parsed filing, in print order."""
    return conn.execute(
        """
        select f.* from filings.facts f
        join filings.documents d on d.filing_id = f.filing_id and d.status = 'parsed'
        order by f.filing_id, f.line_no, f.fact_id
        """
    ).pl()


def write_model_tables(conn: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame], filing_ids: list[str]) -> dict[str, int]:
    """Replace the rows of ``filing_ids`` in each given model table, all in one transaction."""
    conn.execute(MODEL_DDL)
    with transaction(conn):
        for name, frame in frames.items():
            if name not in TABLES:
                raise ValueError(f"model.{name} is not a model table")
            replace_rows(conn, f"model.{name}", "filing_id", filing_ids, frame)
    return {name: frame.height for name, frame in frames.items()}
