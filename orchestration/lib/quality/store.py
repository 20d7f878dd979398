"""Reading the facts the quality functions need and writing quality.findings (DuckDB, no Dagster).

The quality schema is Python's: dbt declares it as a source and never writes it."""

from __future__ import annotations

import duckdb
import polars as pl

from orchestration.lib.quality.conflicts import find_conflicts, find_invalid_dates
from orchestration.lib.quality.findings import Finding
from orchestration.lib.quality.reconcile import reconcile

QUALITY_SCHEMA = "quality"
FINDINGS_TABLE = f"{QUALITY_SCHEMA}.findings"

# Facts of parsed filings with who filed them (conflicts compare an issuer's own printings) and the
# printed row number of table rows (rows numbered 1.1, 1.2 detail row 1 and do not add to the total).
_FACTS_SQL = """
with row_ids as (
    select filing_id, table_id, line_no, row_label, any_value(row_id) as row_id
    from filings.cells
    group by all
)
select f.*, coalesce(d.stock_code, d.company_name, f.filing_id) as issuer, d.source_file, r.row_id
from filings.facts f
join filings.documents d on d.filing_id = f.filing_id and d.status = 'parsed'
left join row_ids r
    on r.filing_id = f.filing_id and r.table_id = f.table_id and r.line_no = f.line_no
    and r.row_label is not distinct from f.row_label
order by f.filing_id, f.line_no, f.fact_id
"""

FINDINGS_SCHEMA = {
    "finding_id": pl.String, "kind": pl.String, "severity": pl.String, "description": pl.String,
    "entity": pl.String, "metric": pl.String, "period": pl.String, "unit": pl.String,
    "expected_value": pl.Float64, "printed_value": pl.Float64, "gap": pl.Float64, "gap_pct": pl.Float64,
    "tolerance": pl.Float64, "filing_ids": pl.List(pl.String), "fact_ids": pl.List(pl.String),
    "line_nos": pl.List(pl.Int64), "raw_texts": pl.List(pl.String), "printed_values": pl.List(pl.Float64),
    "source_files": pl.List(pl.String), "locations": pl.List(pl.String),
}


def load_facts(conn: duckdb.DuckDBPyConnection) -> list[dict]:
    return conn.execute(_FACTS_SQL).pl().to_dicts()


def load_texts(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    return conn.execute(
        "select filing_id, text from filings.documents where status = 'parsed' and text is not null order by filing_id"
    ).fetchall()


def source_files(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = conn.execute("select filing_id, min(source_file) from filings.documents group by filing_id").fetchall()
    return dict(rows)


def all_findings(facts: list[dict], texts: list[tuple[str, str]]) -> list[Finding]:
    """Conflicts, impossible dates and arithmetic gaps, in a stable order."""
    findings = [*find_conflicts(facts), *reconcile(facts)]
    for filing_id, text in texts:
        findings.extend(find_invalid_dates(filing_id, text))
    return sorted(findings, key=lambda f: (f.kind, f.refs[0].filing_id, f.refs[0].line_no, f.finding_id))


def findings_frame(findings: list[Finding], files: dict[str, str]) -> pl.DataFrame:
    rows = []
    for finding in findings:
        row = finding.as_row()
        row["source_files"] = [files.get(filing_id, filing_id) for filing_id in row["filing_ids"]]
        row["locations"] = [f"{file}:{line}" for file, line in zip(row["source_files"], row["line_nos"], strict=True)]
        rows.append(row)
    return pl.DataFrame(rows, schema=FINDINGS_SCHEMA)


def write_findings(conn: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> int:
    """Replace the whole table: findings are recomputed from every filing on each run."""
    conn.execute(f"create schema if not exists {QUALITY_SCHEMA}")
    conn.register("findings_frame", frame)
    try:
        conn.execute(f"create or replace table {FINDINGS_TABLE} as select * from findings_frame")
    finally:
        conn.unregister("findings_frame")
    return frame.height
