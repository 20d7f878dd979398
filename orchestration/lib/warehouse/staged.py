"""Parsed filings staged as Parquet: workers write files, one process loads them into the warehouse.

DuckDB takes one writer at a time. Parsing is independent per filing, so each worker (a forked
process, or a step on another executor) writes its filing's tables as Parquet files under
``<staging>/<filing_id>/`` and never opens the warehouse; the loading step reads them into it in one
transaction. Every file is written under a temporary name and renamed into place, and the
parse_runs file comes last: a filing whose parse_runs file is there is complete.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from orchestration.lib.grid import DocumentLayout
from orchestration.lib.parsing.outcome import ParseOutcome, parse_safely
from orchestration.lib.warehouse.parsed import parse_frames, replace_parsed

# parse_runs last: its presence marks a filing whose every table is written.
_COMPLETE_MARKER = "filings.parse_runs"


@dataclass(frozen=True, slots=True)
class StagedFiling:
    """What a worker reports back: the rows themselves are in its Parquet files."""

    filing_id: str
    error: str | None  # the filing failed to parse
    tables_lost: int  # tables left out after a parser error on them


def parse_and_stage(
    filing: tuple[str, str, DocumentLayout], staging: Path, parser_version: str, run_id: str
) -> StagedFiling:
    """Parse one filing and stage its rows; only a small summary goes back to the caller."""
    return stage_outcome(parse_safely(*filing), staging, parser_version, run_id)


def stage_outcome(outcome: ParseOutcome, staging: Path, parser_version: str, run_id: str) -> StagedFiling:
    folder = staging / outcome.filing_id
    folder.mkdir(parents=True, exist_ok=True)
    frames = parse_frames([outcome], parser_version, run_id)
    for table in sorted(frames, key=lambda name: name == _COMPLETE_MARKER):
        _write_atomically(frames[table], folder / f"{table}.parquet")
    lost = len(outcome.parsed.table_errors) if outcome.parsed else 0
    return StagedFiling(outcome.filing_id, outcome.error, lost)


def _write_atomically(frame: pa.Table, target: Path) -> None:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    pq.write_table(frame, temporary)
    os.replace(temporary, target)  # readers see the old file or the new one, never half of one


def load_staged(conn: duckdb.DuckDBPyConnection, filing_ids: Sequence[str], staging: Path) -> dict[str, int]:
    """Load the staged filings into the warehouse in one transaction, then remove their staging folders.

    A filing without its complete marker is an error: its worker did not finish writing.
    """
    missing = [f for f in filing_ids if not (staging / f / f"{_COMPLETE_MARKER}.parquet").is_file()]
    if missing:
        raise FileNotFoundError(f"no complete staged parse for {', '.join(missing)} under {staging}")
    empty = parse_frames([], None, None)
    frames = {
        table: pa.concat_tables([empty[table], *(pq.read_table(staging / f / f"{table}.parquet") for f in filing_ids)])
        for table in empty
    }
    written = replace_parsed(conn, filing_ids, frames)
    for filing_id in filing_ids:
        shutil.rmtree(staging / filing_id, ignore_errors=True)
    return written
