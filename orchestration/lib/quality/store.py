"""Reading the facts the quality functions need and writing quality.findings (DuckDB, no Dagster).

The quality schema is Python's: dbt declares it as a source and never writes it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import duckdb
import polars as pl

from orchestration.lib.entities import Issuer, Printing, entity_id, resolve
from orchestration.lib.quality.aligned_rows import find_aligned_rows
from orchestration.lib.quality.conflicts import find_conflicts, find_invalid_dates, with_canonical_entities
from orchestration.lib.quality.describe import describe_arithmetic_zh
from orchestration.lib.quality.findings import Finding
from orchestration.lib.quality.price_prints import find_misprinted_prices
from orchestration.lib.quality.reconcile import reconcile
from orchestration.lib.quality.references import find_stale_references
from orchestration.lib.quality.sub_items import with_sub_items
from orchestration.lib.quality.subjects import reattribute_prose

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
select f.*, coalesce(d.stock_code, d.company_name, f.filing_id) as issuer, d.source_file, r.row_id,
    d.stock_code as issuer_stock_code, d.company_name as issuer_company_name, d.short_name as issuer_short_name,
    t.title as table_title, t.header_label as table_header_label, s.title as section_title
from filings.facts f
join filings.documents d on d.filing_id = f.filing_id and d.status = 'parsed'
left join filings.tables t on t.filing_id = f.filing_id and t.table_id = f.table_id
left join filings.sections s on s.filing_id = f.filing_id and s.section_id = f.section_id
left join row_ids r
    on r.filing_id = f.filing_id and r.table_id = f.table_id and r.line_no = f.line_no
    and r.row_label is not distinct from f.row_label
order by f.filing_id, f.line_no, f.fact_id
"""

FINDINGS_SCHEMA = {
    "finding_id": pl.String, "kind": pl.String, "severity": pl.String, "description": pl.String,
    "description_zh": pl.String, "feeds_model": pl.Boolean, "severity_score": pl.Float64,
    "entity": pl.String, "metric": pl.String, "period": pl.String, "unit": pl.String,
    "expected_value": pl.Float64, "printed_value": pl.Float64, "gap": pl.Float64, "gap_pct": pl.Float64,
    "tolerance": pl.Float64, "filing_ids": pl.List(pl.String), "fact_ids": pl.List(pl.String),
    "line_nos": pl.List(pl.Int64), "raw_texts": pl.List(pl.String), "printed_values": pl.List(pl.Float64),
    "line_texts": pl.List(pl.String), "contexts": pl.List(pl.String),
    "source_files": pl.List(pl.String), "locations": pl.List(pl.String),
}


# Every name a parsed filing prints an entity under, with the issuer that filed it and where (a table or prose).
_PRINTINGS_SQL = """
select distinct
    f.filing_id, coalesce(d.stock_code, d.company_name, f.filing_id) as issuer, d.stock_code, d.company_name,
    d.short_name, f.entity, f.entity_kind, f.table_id, t.header_label
from filings.facts f
join filings.documents d on d.filing_id = f.filing_id and d.status = 'parsed'
left join filings.tables t on t.filing_id = f.filing_id and t.table_id = f.table_id
where f.entity is not null
order by all
"""

ENTITY_VARIANTS_TABLE = f"{QUALITY_SCHEMA}.entity_variants"
ENTITY_VARIANTS_SCHEMA = {
    "issuer": pl.String, "printed_name": pl.String, "printed_kind": pl.String, "entity_id": pl.String,
    "entity_kind": pl.String, "entity_key": pl.String, "canonical_name": pl.String,
}


def entity_variants(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """One row per (issuer, printed name, printed kind) with the canonical entity it resolves to."""
    rows = conn.execute(_PRINTINGS_SQL).pl().to_dicts()
    issuers = {r["filing_id"]: Issuer.of(r["issuer"], r["short_name"], r["company_name"], stock_code=r["stock_code"]) for r in rows}
    resolved = resolve(
        Printing(issuers[r["filing_id"]], r["entity"], r["entity_kind"], r["table_id"], r["header_label"]) for r in rows
    )
    variants = [
        {"issuer": issuer, "printed_name": printed, "printed_kind": kind, "entity_id": entity_id(entity),
         "entity_kind": entity.kind, "entity_key": entity.key, "canonical_name": canonical}
        for (issuer, printed, kind), (entity, canonical) in sorted(resolved.items(), key=lambda kv: tuple(map(str, kv[0])))
    ]
    return pl.DataFrame(variants, schema=ENTITY_VARIANTS_SCHEMA)


def write_entity_variants(conn: duckdb.DuckDBPyConnection, frame: pl.DataFrame) -> int:
    conn.execute("create schema if not exists quality")
    conn.register("variants_frame", frame)
    try:
        conn.execute(f"create or replace table {ENTITY_VARIANTS_TABLE} as select * from variants_frame")
    finally:
        conn.unregister("variants_frame")
    return frame.height


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
    """Conflicts, impossible dates and arithmetic gaps, most severe first, in a stable order."""
    facts = with_sub_items(reattribute_prose(with_canonical_entities(with_line_texts(facts, texts), issuers_of(facts))))
    arithmetic = [
        replace(f, description_zh=describe_arithmetic_zh(f)) if not f.description_zh and f.actual is not None else f
        for f in reconcile(facts)
    ]
    conflicts = find_conflicts(facts)
    pairs = [*_not_found_by(find_misprinted_prices(facts), conflicts), *_not_found_by(find_aligned_rows(facts), conflicts)]
    findings = [*conflicts, *pairs, *arithmetic]
    for filing_id, text in texts:
        findings.extend([*find_invalid_dates(filing_id, text), *find_stale_references(filing_id, text)])
    return sorted(findings, key=lambda f: (-f.severity_score, f.kind, f.refs[0].filing_id, f.refs[0].line_no, f.finding_id))


def _not_found_by(findings: list[Finding], found: list[Finding]) -> list[Finding]:
    """The findings whose printed values no finding already found names together."""
    named = [{r.fact_id for r in finding.refs} for finding in found]
    # Each finding is compared with the found ones naming its first value only, not with all of them (the
    # pairs and the conflicts both grow with the filings).
    naming: dict[str | None, list[set]] = defaultdict(list)
    for ids in named:
        for fact_id in ids:
            naming[fact_id].append(ids)
    def found_together(finding: Finding) -> bool:
        ids = {r.fact_id for r in finding.refs}
        return any(ids <= other for other in naming[finding.refs[0].fact_id]) if ids else bool(named)
    return [f for f in findings if not found_together(f)]


def issuers_of(facts: list[dict]) -> dict[str, Issuer]:
    """The issuer of each filing with the names it goes by (facts carry them from filings.documents)."""
    issuers = {}
    for fact in facts:
        if fact["filing_id"] not in issuers:
            issuers[fact["filing_id"]] = Issuer.of(
                fact.get("issuer") or fact["filing_id"], fact.get("issuer_short_name"), fact.get("issuer_company_name"),
                stock_code=fact.get("issuer_stock_code"),
            )
    return issuers


def with_line_texts(facts: list[dict], texts: list[tuple[str, str]]) -> list[dict]:
    """Each fact with the full line it is printed on, so a finding quotes the line, not the token."""
    lines = {filing_id: text.splitlines() for filing_id, text in texts}
    def line_of(fact: dict) -> str:
        own = lines.get(fact["filing_id"], [])
        return own[fact["line_no"] - 1].strip() if 0 < fact["line_no"] <= len(own) else ""
    def previous_of(fact: dict) -> str:
        own = lines.get(fact["filing_id"], [])
        earlier = [line.strip() for line in own[max(0, fact["line_no"] - 3): fact["line_no"] - 1] if line.strip()]
        return earlier[-1] if earlier else ""
    return [{**fact, "line_text": line_of(fact), "previous_line": previous_of(fact)} for fact in facts]


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
