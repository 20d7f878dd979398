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
create table if not exists model.project_state (
    stage varchar, project_id varchar, digest varchar not null, primary key (stage, project_id)
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
        conn.execute("delete from model.project_state")  # rows written whole: no recorded digest vouches for them
    return {name: frame.height for name, frame in frames.items()}


def recorded_digests(conn: duckdb.DuckDBPyConnection, stage: str) -> dict[str, str]:
    """The digest every project's stored rows of this stage were written with (none before the first run)."""
    if not _has_table(conn, "project_state"):
        return {}
    return dict(conn.execute("select project_id, digest from model.project_state where stage = ?", [stage]).fetchall())


def stored_projects(conn: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """The projects that have rows in this model table."""
    if table not in TABLES:
        raise ValueError(f"model.{table} is not a model table")
    if not _has_table(conn, table):
        return set()
    return {row[0] for row in conn.execute(f"select distinct project_id from model.{table} where project_id is not null").fetchall()}


def write_project_rows(
    conn: duckdb.DuckDBPyConnection, stage: str, frames: dict[str, pl.DataFrame], digests: dict[str, str],
    recomputed: set[str],
) -> dict[str, int]:
    """Each given table's rows of the recomputed projects replaced, the rows of projects the mart no longer
    carries removed, the other projects' rows kept; with every project's digest, in one transaction."""
    conn.execute(MODEL_DDL + "".join(KEY_DDL.format(table=name) for name in TABLES))
    with transaction(conn):
        for name, frame in frames.items():
            if name not in TABLES:
                raise ValueError(f"model.{name} is not a model table")
            _replace_projects(conn, f"model.{name}", frame, kept=set(digests) - recomputed)
        conn.execute("delete from model.project_state where stage = ?", [stage])
        conn.executemany(
            "insert into model.project_state values (?, ?, ?)",
            [[stage, project_id, digest] for project_id, digest in sorted(digests.items())],
        )
    return {name: conn.execute(f"select count(*) from model.{name}").fetchone()[0] for name in frames}


def _has_table(conn: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(conn.execute(
        "select count(*) from duckdb_tables() where schema_name = 'model' and table_name = ?", [table]
    ).fetchone()[0])


def _replace_projects(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, kept: set[str]) -> None:
    conn.execute(  # a name from TABLES, never input; rows without a project_id predate it and go
        f"delete from {table} where project_id is null or project_id not in (select unnest(?::varchar[]))",
        [sorted(kept)],
    )
    _insert(conn, table, frame)


def _replace_all(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Every row goes (rows written before the tables had a project_id too) and the frame's come in."""
    conn.execute(f"delete from {table}")  # a name from TABLES, never input
    _insert(conn, table, frame)


def _insert(conn: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    conn.register("replacement", frame)
    try:
        if frame.height:
            # rows in the order of their columns (key first): two runs write the same table, row for row
            conn.execute(f"insert into {table} by name select * from replacement order by all")
    finally:
        conn.unregister("replacement")
