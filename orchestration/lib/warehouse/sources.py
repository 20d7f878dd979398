"""filings.sources: one row per fetched announcement, the provenance of a landed file."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime

import duckdb
import polars as pl

from orchestration.lib.sources import FetchedFile
from orchestration.lib.warehouse.connection import replace_rows, transaction

_SOURCE_SCHEMA = {
    "announcement_id": pl.String, "stock_code": pl.String, "sec_name": pl.String, "title": pl.String,
    "kind": pl.String, "version": pl.String, "announcement_date": pl.Date, "url": pl.String,
    "size_bytes": pl.Int64, "sha256": pl.String, "file_name": pl.String, "origin": pl.String,
    "fetched_at": pl.Datetime("us"),
}


def write_sources(conn: duckdb.DuckDBPyConnection, files: Sequence[FetchedFile]) -> int:
    """Upsert by announcement id; an announcement keeps the time it was first fetched."""
    ids = [f.announcement_id for f in files]
    first_fetched = dict(conn.execute(
        "select announcement_id, fetched_at from filings.sources where announcement_id in (select unnest(?::varchar[]))",
        [ids],
    ).fetchall())
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {name: value for name, value in dataclasses.asdict(f).items() if name in _SOURCE_SCHEMA}
        | {"fetched_at": first_fetched.get(f.announcement_id, now)}
        for f in files
    ]
    frame = pl.DataFrame(rows, schema=_SOURCE_SCHEMA, orient="row") if rows else pl.DataFrame(schema=_SOURCE_SCHEMA)
    with transaction(conn):
        replace_rows(conn, "filings.sources", "announcement_id", ids, frame)
    return frame.height

