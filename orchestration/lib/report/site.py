"""Writing the report folder: every page, the charts of each project and the font they are set in."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import duckdb

from orchestration.lib.report import pages, queries
from orchestration.lib.report.font import write_font_subset
from orchestration.lib.report.html import FONT_FILE, filing_page

CHART_KINDS = ("tornado", "heatmap", "npv_histogram")
_UNSAFE = re.compile(r"[^\w.-]+")


def chart_path(charts_dir: Path, filing_id: str, project: str, kind: str) -> Path:
    """Where the model run writes a project's chart and the report finds it (one name for both)."""
    return charts_dir / f"{filing_id}_{_UNSAFE.sub('_', project)}_{kind}.svg"


def build_report(conn: duckdb.DuckDBPyConnection, target: Path, charts_dir: Path) -> Path:
    """Write the whole site into `target` (replacing a previous one); returns its index.html.

    The pages are written into a new folder that then takes the old one's place, so the old report's font
    can be kept when the new pages use the same characters (cutting a font costs a second or more)."""
    fresh = target.with_name(f".{target.name}.new")
    if fresh.exists():
        shutil.rmtree(fresh)
    fresh.mkdir(parents=True)
    characters: set[str] = set()
    for name, html in _pages(conn, charts_dir):  # one page in memory at a time: a run's process keeps its peak
        (fresh / name).write_text(html, encoding="utf-8")
        characters.update(html)
    write_font_subset(characters, fresh / FONT_FILE, earlier=target / FONT_FILE)
    if target.exists():
        shutil.rmtree(target)
    fresh.rename(target)
    return target / "index.html"


def _pages(conn: duckdb.DuckDBPyConnection, charts_dir: Path) -> Iterator[tuple[str, str]]:
    """Every page of the site with its file name."""
    files = queries.source_files(conn)
    texts = queries.filing_texts(conn)
    filings = queries.filings(conn)
    facts = queries.facts(conn)
    projects = queries.projects(conn)
    findings = queries.findings(conn)
    yield "index.html", pages.index_page(queries.companies(conn), filings, projects, len(findings))
    yield "findings.html", pages.findings_page(findings, texts)
    yield "facts.html", pages.facts_page(facts, files)
    for i, project in enumerate(projects):
        charts = {kind: path.read_text(encoding="utf-8") for kind in CHART_KINDS
                  if (path := chart_path(charts_dir, project.filing_id, project.name, kind)).exists()}
        yield pages.project_page_name(i), pages.project_page(project, charts)
    facts_by_line: dict[str, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        facts_by_line[fact["filing_id"]][fact["line_no"]].append(fact)
    for filing in filings:
        text = texts.get(filing["filing_id"]) or ""
        yield filing_page(filing["filing_id"]), pages.filing_text_page(filing, text, facts_by_line[filing["filing_id"]])
