from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from orchestration.lib.warehouse.schema import DDL

# Every schema the pipeline writes (ours, dbt's folders and the model's), plus DuckDB's default.
SCHEMAS = frozenset({"main", "filings", "staging", "intermediate", "marts", "reference", "model"})


@contextmanager
def connect(path: str | Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse (creating the file and schema when writable); always closes, so dbt can write next."""
    path = Path(path)
    if path.stem in SCHEMAS:
        raise ValueError(
            f"the warehouse file may not be named {path.name}: DuckDB names its catalog after the file, "
            f"so `{path.stem}.<table>` would be ambiguous with the schema {path.stem}"
        )
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(str(path), read_only=read_only)
    try:
        if not read_only:
            conn.execute(DDL)
        yield conn
    finally:
        conn.close()


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """All or nothing: a failed write leaves the warehouse as it was."""
    conn.execute("begin transaction")
    try:
        yield
    except BaseException:
        conn.execute("rollback")
        raise
    conn.execute("commit")


def replace_rows(
    conn: duckdb.DuckDBPyConnection, table: str, key: str, keys: list[str], frame: pl.DataFrame | pa.Table
) -> None:
    """Delete the rows of these keys and insert the frame's (polars or Arrow), by column name. ``table`` is one of
    ours, never input."""
    conn.register("replacement", frame)
    try:
        conn.execute(f"delete from {table} where {key} in (select unnest(?::varchar[]))", [keys])
        if len(frame):
            conn.execute(f"insert into {table} by name select * from replacement")
    finally:
        conn.unregister("replacement")


def table_counts(conn: duckdb.DuckDBPyConnection, schema: str) -> dict[str, int]:
    """Row count of every table in a schema, for run summaries and asset metadata."""
    names = conn.execute(
        "select table_name from information_schema.tables where table_catalog = current_database() and table_schema = ?"
        " order by table_name",
        [schema],
    ).fetchall()
    return {
        name: conn.execute(f'select count(*) from "{schema}"."{name}"').fetchone()[0]  # identifiers from the catalog
        for (name,) in names
    }
