"""What the report shows, read from the warehouse with plain SQL (no Dagster, no model code)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import duckdb

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
IRR = "irr_post_tax_pct"


@dataclass(frozen=True, slots=True)
class Line:
    """A printed line: where a number comes from."""

    filing_id: str
    line_no: int
    source_file: str

    @property
    def location(self) -> str:
        return f"{self.source_file}:{self.line_no}"


@dataclass(slots=True)
class Project:
    filing_id: str
    name: str
    company: str
    source_file: str
    conventions: str = ""
    returns: list[dict] = field(default_factory=list)  # measure x convention, published beside recomputed
    forecast: list[dict] = field(default_factory=list)  # metric x year: published, recomputed, within tolerance
    inputs: list[dict] = field(default_factory=list)  # the assumptions the model rests on, with their lines
    sensitivity: dict[str, float | None] = field(default_factory=dict)

    @property
    def published_irr(self) -> float | None:
        row = self._published_irr_row()
        return row["published"] if row else None

    @property
    def published_irr_line(self) -> Line | None:
        row = self._published_irr_row()
        return row.get("line") if row else None

    def _published_irr_row(self) -> dict | None:
        return next((r for r in self.returns if r["measure"] == IRR and _number(r["published"])), None)

    @property
    def closing_irr(self) -> dict | None:
        """The recomputed IRR of the convention calibration ranked best (it weighs printed amounts over
        implied ones and the payback too), else the one closest to the published IRR, else the first."""
        rows = [r for r in self.returns if r["measure"] == IRR and _number(r["recomputed"])]
        if not rows:
            return None
        best = [r for r in rows if (r.get("fit") or "").startswith("best")]
        if best:
            return best[0]
        with_gap = [r for r in rows if _number(r["gap"])]
        return min(with_gap, key=lambda r: abs(r["gap"])) if with_gap else rows[0]


def _number(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _dicts(conn: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cursor = conn.execute(sql, params or [])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def has_table(conn: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return conn.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, table]
    ).fetchone()[0] > 0


def source_files(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """filing_id -> the first file that carried it (duplicates share the filing)."""
    return dict(conn.execute("select filing_id, min(source_file) from filings.documents group by filing_id").fetchall())


def filings(conn: duckdb.DuckDBPyConnection) -> list[dict]:
    return _dicts(conn, """
        select d.filing_id, min(d.source_file) as source_file, any_value(d.short_name) as short_name,
               any_value(d.company_name) as company_name, any_value(d.stock_code) as stock_code,
               any_value(d.doc_kind) as doc_kind, any_value(d.published_date) as published_date,
               any_value(d.n_lines) as n_lines,
               (select count(*) from filings.facts f where f.filing_id = d.filing_id) as fact_count
        from filings.documents d where d.status = 'parsed'
        group by d.filing_id order by source_file
    """)


def filing_texts(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(conn.execute(
        "select filing_id, any_value(text) from filings.documents where status = 'parsed' group by filing_id"
    ).fetchall())


def companies(conn: duckdb.DuckDBPyConnection) -> list[dict]:
    return _dicts(conn, """
        select stock_code, any_value(short_name) as short_name, any_value(company_name) as company_name,
               any_value(exchange) as exchange, count(distinct filing_id) as filing_count
        from filings.documents where status = 'parsed' group by stock_code order by stock_code
    """)


def facts(conn: duckdb.DuckDBPyConnection) -> list[dict]:
    return _dicts(conn, """
        select f.filing_id, f.fact_id, f.line_no, f.raw_text, f.value, f.unit, f.period, f.entity, f.entity_kind,
               f.label_zh, f.metric, d.short_name as company
        from filings.facts f
        join (select filing_id, any_value(short_name) as short_name from filings.documents group by filing_id) d
          using (filing_id)
        order by d.short_name, f.filing_id, f.line_no, f.fact_id
    """)


def findings(conn: duckdb.DuckDBPyConnection) -> list[dict]:
    if not has_table(conn, "quality", "findings"):
        return []
    rows = _dicts(conn, """
        select finding_id, kind, severity, description, description_zh, entity, metric, period, unit, expected_value,
               printed_value, gap, gap_pct, filing_ids, line_nos, raw_texts, source_files
        from quality.findings
    """)
    return sorted(rows, key=lambda r: (SEVERITY_ORDER.get(r["severity"], 9), -(abs(r["gap_pct"] or 0)), r["finding_id"]))


def projects(conn: duckdb.DuckDBPyConnection) -> list[Project]:
    if not has_table(conn, "model", "returns"):
        return []
    files = source_files(conn)
    companies_by_filing = dict(conn.execute(
        "select filing_id, any_value(short_name) from filings.documents group by filing_id"
    ).fetchall())
    lines = _fact_lines(conn, files)
    found: dict[tuple[str, str], Project] = {}
    for row in _dicts(conn, "select * from model.returns order by project, measure, convention"):
        key = (row["filing_id"], row["project"])
        if key not in found:
            found[key] = Project(row["filing_id"], row["project"], companies_by_filing.get(row["filing_id"]) or "",
                                 files.get(row["filing_id"], row["filing_id"]))
        found[key].returns.append(row)
    for project in found.values():
        _fill(conn, project, lines)
    return sorted(found.values(), key=lambda p: (p.company, p.name))


def _fact_lines(conn: duckdb.DuckDBPyConnection, files: dict[str, str]) -> dict[tuple[str, str], tuple[Line, float]]:
    rows = conn.execute("select filing_id, fact_id, line_no, value from filings.facts").fetchall()
    return {(f, fact): (Line(f, line, files.get(f, f)), value) for f, fact, line, value in rows}


def _fill(conn: duckdb.DuckDBPyConnection, project: Project, lines: dict) -> None:
    key = [project.filing_id, project.name]
    assumptions = _dicts(conn, """
        select "group", name, year, value, unit, source from model.assumptions
        where filing_id = ? and project = ? order by "group", name, year
    """, key)
    published = {(a["name"], a["year"]): a for a in assumptions if a["group"] == "published"}
    project.conventions = next((a["source"] for a in assumptions if a["name"] == "conventions"), "")
    project.inputs = [_with_lines(a, project.filing_id, lines) for a in assumptions
                      if a["group"] not in ("published", "calibrated")]
    for row in _dicts(conn, """
        select metric, year, published_wan, recomputed_wan, difference_wan, within_tolerance
        from model.reconciliation where filing_id = ? and project = ? order by metric, year
    """, key):
        source = published.get((row["metric"], row["year"]))
        row["line"] = _line_of_value(source, row["published_wan"], project.filing_id, lines) if source else None
        project.forecast.append(row)
    for row in project.returns:
        source = published.get((row["measure"], None)) or published.get((_published_name(row["measure"]), None))
        row["line"] = _line_of_value(source, None, project.filing_id, lines) if source else None
    project.sensitivity = dict(conn.execute("""
        select output, value from model.sensitivity
        where filing_id = ? and project = ? and analysis = 'monte_carlo'
    """, key).fetchall()) if has_table(conn, "model", "sensitivity") else {}


def _published_name(measure: str) -> str:
    # model.returns names both paybacks after their tax basis; the filing prints one of each.
    return measure.removesuffix("_post_tax")


def _fact_ids(source: str | None) -> list[str]:
    if not source or source.startswith(("override", "implied", "stated")):
        return []
    return [part.strip() for part in source.split(",") if part.strip()]


def _with_lines(assumption: dict, filing_id: str, lines: dict) -> dict:
    found = [lines[(filing_id, fact)][0] for fact in _fact_ids(assumption["source"]) if (filing_id, fact) in lines]
    unique = sorted({(line.line_no, line) for line in found}, key=lambda pair: pair[0])
    return {**assumption, "lines": [line for _, line in unique]}


def _line_of_value(source: dict, value: float | None, filing_id: str, lines: dict) -> Line | None:
    """The printed line of the source fact that carries this value (the row's line when the value repeats)."""
    candidates = [lines[(filing_id, fact)] for fact in _fact_ids(source["source"]) if (filing_id, fact) in lines]
    if value is not None and _number(value):
        exact = [line for line, printed in candidates if abs(printed - value) <= 1e-6 * max(1.0, abs(value))]
        if exact:
            return exact[0]
    return candidates[0][0] if candidates else None
