"""filings.documents: one row per landed file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import duckdb
import polars as pl

from orchestration.lib.ingest.documents import IngestedDocument
from orchestration.lib.ingest.metadata import exchange_of_code, find_code_beside_name
from orchestration.lib.warehouse.connection import replace_rows, transaction

_DOCUMENT_COLUMNS = (
    "source_file", "filing_id", "sha256", "size_bytes", "format", "encoding", "status", "error", "duplicate_of",
    "company_name", "short_name", "stock_code", "stock_code_source", "exchange", "doc_kind", "published_date",
    "published_date_precision", "sponsor", "auditor", "n_lines", "text", "ingested_at", "report_period", "layout",
    "reader_version",
)


def write_documents(
    conn: duckdb.DuckDBPyConnection, documents: Sequence[IngestedDocument], reader_version: str | None = None
) -> pl.DataFrame:
    """Upsert one row per landed file; marks content already held under another name as a duplicate.

    ``reader_version`` names the code that read them: a re-run reads a file again only when it changed.
    """
    rows = []
    for document in sorted(documents, key=lambda d: d.source_file):
        row = _document_row(document) | {"reader_version": reader_version}
        row["duplicate_of"] = _first_holder(conn, rows, document)
        if row["duplicate_of"]:
            row.update(
                status="duplicate", error=f"duplicate of {row['duplicate_of']} (same content)", text=None, layout=None
            )
        row["ingested_at"] = _first_seen(conn, document) or datetime.now(UTC).replace(tzinfo=None)
        rows.append(row)
    frame = pl.DataFrame(rows, schema=_document_schema(), orient="row") if rows else pl.DataFrame(schema=_document_schema())
    with transaction(conn):
        replace_rows(conn, "filings.documents", "source_file", frame["source_file"].to_list(), frame)
    return frame


def _document_row(document: IngestedDocument) -> dict:
    meta = document.metadata
    return {
        "source_file": document.source_file,
        "filing_id": document.filing_id,
        "sha256": document.sha256,
        "size_bytes": document.size_bytes,
        "format": document.format,
        "encoding": document.encoding,
        "status": document.status,
        "error": document.error,
        "duplicate_of": None,
        "company_name": meta.company_name,
        "short_name": meta.short_name,
        "stock_code": meta.stock_code,
        "stock_code_source": "printed" if meta.stock_code else None,
        "exchange": meta.exchange,
        "doc_kind": meta.doc_kind,
        "published_date": meta.published_date,
        "published_date_precision": meta.published_date_precision,
        "sponsor": meta.sponsor,
        "auditor": meta.auditor,
        "n_lines": document.n_lines,
        "text": document.text,
        "ingested_at": None,
        "report_period": meta.report_period,
        "layout": document.layout.to_json() if document.layout.grids or document.layout.page_starts else None,
    }


def _document_schema() -> dict[str, pl.DataType]:
    text_columns = {name: pl.String for name in _DOCUMENT_COLUMNS}
    return text_columns | {
        "size_bytes": pl.Int64,
        "n_lines": pl.Int32,
        "published_date": pl.Date,
        "ingested_at": pl.Datetime("us"),
    }


def _first_holder(conn: duckdb.DuckDBPyConnection, batch: list[dict], document: IngestedDocument) -> str | None:
    """The file that already holds this content, if it is another one: first recorded wins."""
    if document.status != "parsed":
        return None
    for row in batch:
        if row["sha256"] == document.sha256 and row["status"] == "parsed":
            return row["source_file"]
    holder = conn.execute(
        "select source_file from filings.documents where sha256 = ? and status = 'parsed' and source_file <> ? "
        "order by ingested_at, source_file limit 1",
        [document.sha256, document.source_file],
    ).fetchone()
    return holder[0] if holder else None


def _first_seen(conn: duckdb.DuckDBPyConnection, document: IngestedDocument) -> datetime | None:
    found = conn.execute(
        "select ingested_at from filings.documents where source_file = ? and sha256 = ?",
        [document.source_file, document.sha256],
    ).fetchone()
    return found[0] if found else None


def resolve_unprinted_stock_codes(conn: duckdb.DuckDBPyConnection) -> int:
    """Fill stock codes a filing never prints from another filing that names the company with its code.

    Auditor statements often omit the code while a peer's reply prints "中贝通信(603220)"; the source
    column records where the code was read. Returns how many documents were resolved.
    """
    missing = conn.execute(
        "select source_file, short_name from filings.documents "
        "where status = 'parsed' and stock_code is null and short_name is not null"
    ).fetchall()
    if not missing:
        return 0
    texts = conn.execute(
        "select source_file, text from filings.documents where status = 'parsed' order by source_file"
    ).fetchall()
    resolved = 0
    for source_file, short_name in missing:
        for other_file, text in texts:
            found = find_code_beside_name(text, short_name)
            if found:
                code, line_no = found
                conn.execute(
                    "update filings.documents set stock_code = ?, exchange = coalesce(?, exchange), "
                    "stock_code_source = ? where source_file = ?",
                    [code, exchange_of_code(code), f"mention in {other_file}:{line_no}", source_file],
                )
                resolved += 1
                break
    return resolved
