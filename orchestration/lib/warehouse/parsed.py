"""filings.sections, tables, cells, facts and unmapped_labels: what the parser read from each filing."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import polars as pl
import pyarrow as pa

from orchestration.lib.grid import DocumentLayout
from orchestration.lib.parsing.outcome import ParseOutcome
from orchestration.lib.warehouse.connection import replace_rows, transaction
from orchestration.lib.warehouse.fact_table import fact_polars_schema, fact_row


def parsed_texts(
    conn: duckdb.DuckDBPyConnection, source_files: Sequence[str]
) -> list[tuple[str, str, DocumentLayout]]:
    """(filing_id, text, layout) of the parsed documents among these files; failures and duplicates have
    nothing to parse."""
    rows = conn.execute(
        "select filing_id, text, layout from filings.documents "
        "where status = 'parsed' and source_file in (select unnest(?::varchar[])) order by source_file",
        [list(source_files)],
    ).fetchall()
    return [(filing_id, text, DocumentLayout.from_json(layout)) for filing_id, text, layout in rows]


def write_parse_results(
    conn: duckdb.DuckDBPyConnection, outcomes: Sequence[ParseOutcome], parser_version: str | None = None,
    run_id: str | None = None,
) -> dict[str, int]:
    """Replace the parse rows of these filings and drop rows of filings no longer in documents.

    Returns the number of rows written per table.
    """
    frames = parse_frames(outcomes, parser_version, run_id)
    return replace_parsed(conn, [outcome.filing_id for outcome in outcomes], frames)


def parse_frames(
    outcomes: Sequence[ParseOutcome], parser_version: str | None, run_id: str | None
) -> dict[str, pa.Table]:
    """The rows of every parse table for these outcomes, keyed by table, ``parse_runs`` naming the parser and run.

    Arrow, not polars: a forked parse worker builds and writes them, and polars' thread pool does not survive
    a fork (its first call in the child never returns)."""
    runs = [_run_row(o) | {"parser_version": parser_version, "run_id": run_id} for o in outcomes]
    return {
        "filings.parse_runs": _frame(runs, _RUN_SCHEMA),
        "filings.sections": _frame(_section_rows(outcomes), _SECTION_SCHEMA),
        "filings.tables": _frame(_table_rows(outcomes), _TABLE_SCHEMA),
        "filings.cells": _frame(_cell_rows(outcomes), _CELL_SCHEMA),
        "filings.facts": _frame(_fact_rows(outcomes), _FACT_SCHEMA),
        "filings.unmapped_labels": _frame(_unmapped_rows(outcomes), _UNMAPPED_SCHEMA),
        "filings.table_findings": _frame(_finding_rows(outcomes), _FINDING_SCHEMA),
    }


def replace_parsed(
    conn: duckdb.DuckDBPyConnection, filing_ids: Sequence[str], frames: dict[str, pa.Table]
) -> dict[str, int]:
    """In one transaction: these filings' rows become the frames', and rows of filings no longer parsed go."""
    with transaction(conn):
        for table, frame in frames.items():
            replace_rows(conn, table, "filing_id", list(filing_ids), frame)
            # A file that changed content leaves its old filing_id behind: its rows go too.
            conn.execute(
                f"delete from {table} where filing_id not in "
                "(select filing_id from filings.documents where status = 'parsed')"
            )
    return {table: len(frame) for table, frame in frames.items()}


def _frame(rows: list[dict], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=schema)


_ARROW_TYPES = {
    pl.String: pa.string(), pl.Int32: pa.int32(), pl.Float64: pa.float64(), pl.Boolean: pa.bool_(),
    pl.List(pl.String): pa.list_(pa.string()),
}


def _arrow(schema: dict[str, pl.DataType]) -> pa.Schema:
    """A table's Arrow schema from its columns' polars types, without calling into polars (see parse_frames)."""
    return pa.schema([(name, _ARROW_TYPES[dtype]) for name, dtype in schema.items()])


_RUN_SCHEMA = _arrow({
    "filing_id": pl.String, "status": pl.String, "error": pl.String, "section_count": pl.Int32,
    "table_count": pl.Int32, "fact_count": pl.Int32, "ambiguous_cell_count": pl.Int32,
    "unmapped_label_count": pl.Int32, "seconds": pl.Float64, "tables_lost": pl.Int32,
    "parser_version": pl.String, "run_id": pl.String,
})
_SECTION_SCHEMA = _arrow({
    "filing_id": pl.String, "section_id": pl.String, "parent_id": pl.String, "level": pl.Int32,
    "marker": pl.String, "title": pl.String, "line_start": pl.Int32, "line_end": pl.Int32,
})
_TABLE_SCHEMA = _arrow({
    "filing_id": pl.String, "table_id": pl.String, "layout": pl.String, "line_start": pl.Int32,
    "line_end": pl.Int32, "title": pl.String, "unit": pl.String, "header_label": pl.String,
    "columns": pl.List(pl.String), "row_count": pl.Int32, "decided_by": pl.String,
})
_CELL_SCHEMA = _arrow({
    "filing_id": pl.String, "table_id": pl.String, "row_index": pl.Int32, "cell_index": pl.Int32,
    "row_label": pl.String, "row_id": pl.String, "group_label": pl.String, "col": pl.Int32, "column_label": pl.String,
    "line_no": pl.Int32, "raw_text": pl.String, "value": pl.Float64, "unit": pl.String,
    "ambiguous": pl.Boolean, "note": pl.String,
})
_FACT_SCHEMA = _arrow(fact_polars_schema())  # the parser's Fact defines the columns
_FINDING_SCHEMA = _arrow({
    "filing_id": pl.String, "table_id": pl.String, "check_name": pl.String, "row_label": pl.String,
    "line_no": pl.Int32, "printed": pl.Float64, "expected": pl.Float64, "header_reading": pl.String,
    "other_reading": pl.String, "detail": pl.String,
})
_UNMAPPED_SCHEMA = _arrow({"filing_id": pl.String, "label_zh": pl.String, "fact_count": pl.Int32})


def _run_row(outcome: ParseOutcome) -> dict:
    parsed = outcome.parsed
    counts = (
        (len(parsed.sections), len(parsed.tables), len(parsed.facts), len(parsed.ambiguous_cells),
         len(parsed.unmapped_labels))
        if parsed else (None,) * 5
    )
    lost = len(parsed.table_errors) if parsed else None
    status = "failed" if parsed is None else "partial" if lost else "parsed"
    error = outcome.error or (f"{lost} table(s) lost: " + "; ".join(parsed.table_errors) if lost else None)
    return dict(
        zip(_RUN_SCHEMA.names, (outcome.filing_id, status, error, *counts, outcome.seconds, lost))
    )


def _section_rows(outcomes: Sequence[ParseOutcome]) -> list[dict]:
    return [
        {"filing_id": o.filing_id, "section_id": s.section_id, "parent_id": s.parent_id, "level": s.level,
         "marker": s.marker, "title": s.title, "line_start": s.line_start, "line_end": s.line_end}
        for o in outcomes if o.parsed for s in o.parsed.sections
    ]


def _table_rows(outcomes: Sequence[ParseOutcome]) -> list[dict]:
    return [
        {"filing_id": o.filing_id, "table_id": t.table_id, "layout": t.layout, "line_start": t.line_start,
         "line_end": t.line_end, "title": t.title, "unit": t.unit, "header_label": t.header_label,
         "columns": list(t.columns), "row_count": len(t.rows), "decided_by": t.decided_by}
        for o in outcomes if o.parsed for t in o.parsed.tables
    ]


def _cell_rows(outcomes: Sequence[ParseOutcome]) -> list[dict]:
    rows = []
    for o in outcomes:
        for table in o.parsed.tables if o.parsed else []:
            for row_index, row in enumerate(table.rows):
                for cell_index, cell in enumerate(row.cells):
                    column = table.columns[cell.col] if 0 <= cell.col < len(table.columns) else None
                    rows.append(
                        {"filing_id": o.filing_id, "table_id": table.table_id, "row_index": row_index,
                         "cell_index": cell_index,
                         "row_label": row.label, "row_id": row.row_id, "group_label": row.group_label,
                         "col": cell.col, "column_label": column, "line_no": cell.line_no,
                         "raw_text": cell.raw_text, "value": cell.value, "unit": cell.unit,
                         "ambiguous": cell.ambiguous, "note": cell.note}
                    )
    return rows


def _fact_rows(outcomes: Sequence[ParseOutcome]) -> list[dict]:
    return [fact_row(o.filing_id, f) for o in outcomes if o.parsed for f in o.parsed.facts]


def _finding_rows(outcomes: Sequence[ParseOutcome]) -> list[dict]:
    return [
        {"filing_id": o.filing_id, "table_id": f.table_id, "check_name": f.check, "row_label": f.row_label,
         "line_no": f.line_no, "printed": f.printed, "expected": f.expected, "header_reading": f.header_reading,
         "other_reading": f.other_reading, "detail": f.detail}
        for o in outcomes if o.parsed for f in o.parsed.table_findings
    ]


def _unmapped_rows(outcomes: Sequence[ParseOutcome]) -> list[dict]:
    return [
        {"filing_id": o.filing_id, "label_zh": label, "fact_count": count}
        for o in outcomes if o.parsed for label, count in sorted(o.parsed.unmapped_labels.items())
    ]

