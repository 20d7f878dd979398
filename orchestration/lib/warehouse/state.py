"""What a re-run may skip: files read before with the same content and reader, filings parsed with the same
parser, and a downstream already built from the same inputs and code."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

import duckdb

DOWNSTREAM_STAGE = "downstream"


def unchanged_files(conn: duckdb.DuckDBPyConnection, hashes: Mapping[str, str | None], reader_version: str) -> set[str]:
    """Files whose recorded row has this content hash and was read by this reader: nothing to read again.

    A file without a hash (over the size budget, unreadable) is unchanged while its row records it refused
    unread: it would be refused again."""
    rows = conn.execute(
        "select source_file, sha256, status from filings.documents "
        "where reader_version = ? and source_file in (select unnest(?::varchar[]))",
        [reader_version, list(hashes)],
    ).fetchall()
    return {
        name for name, sha256, status in rows
        if (sha256 and hashes.get(name) == sha256) or (not sha256 and hashes.get(name) is None and status == "failed")
    }


def stale_filings(conn: duckdb.DuckDBPyConnection, filing_ids: Sequence[str], parser_version: str) -> list[str]:
    """The filings among these that this parser has not parsed yet (new content, or a changed parser)."""
    current = {row[0] for row in conn.execute(
        "select filing_id from filings.parse_runs where parser_version = ? and filing_id in (select unnest(?::varchar[]))",
        [parser_version, list(filing_ids)],
    ).fetchall()}
    return [filing_id for filing_id in filing_ids if filing_id not in current]


def inputs_fingerprint(conn: duckdb.DuckDBPyConnection, code_version: str) -> str:
    """A digest of what the downstream stages read: every file's content and status, the code that read and
    parsed it, and the downstream code itself."""
    digest = hashlib.sha256(code_version.encode("utf-8"))
    for query in (
        "select source_file, sha256, status, reader_version from filings.documents order by source_file",
        "select filing_id, status, parser_version from filings.parse_runs order by filing_id",
    ):
        for row in conn.execute(query).fetchall():
            digest.update(repr(row).encode("utf-8"))
    return digest.hexdigest()


def recorded_fingerprint(conn: duckdb.DuckDBPyConnection, stage: str = DOWNSTREAM_STAGE) -> str | None:
    found = conn.execute("select fingerprint from filings.pipeline_state where stage = ?", [stage]).fetchone()
    return found[0] if found else None


def record_fingerprint(conn: duckdb.DuckDBPyConnection, fingerprint: str, stage: str = DOWNSTREAM_STAGE) -> None:
    conn.execute(
        "insert or replace into filings.pipeline_state values (?, ?, ?)",
        [stage, fingerprint, datetime.now(UTC).replace(tzinfo=None)],
    )


def up_to_date(
    conn: duckdb.DuckDBPyConnection, hashes: Mapping[str, str | None], reader: str, parser: str, downstream: str
) -> bool:
    """True when a run would change nothing: every file read and parsed with this content and code, and the
    downstream last built successfully from exactly these inputs and this code."""
    if unchanged_files(conn, hashes, reader) != set(hashes):
        return False
    parsed = [row[0] for row in conn.execute(
        "select distinct filing_id from filings.documents where status = 'parsed' "
        "and source_file in (select unnest(?::varchar[]))",
        [list(hashes)],
    ).fetchall()]
    if stale_filings(conn, parsed, parser):
        return False
    return recorded_fingerprint(conn) == inputs_fingerprint(conn, downstream)
