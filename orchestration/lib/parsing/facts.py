"""A filing's text to facts: clean-up, sections, tables, prose, and the meaning of every number.

The meaning of table cells is read in ``table_meaning`` (with ``table_cells``), of prose in
``prose_meaning``; who a number is about in ``entities``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from orchestration.lib.grid import DocumentLayout
from orchestration.lib.parsing.attribution import FilingContext, issuer_name
from orchestration.lib.parsing.cleanup import clean
from orchestration.lib.parsing.model import Cell, Fact, ParsedFiling, Table, TableFinding
from orchestration.lib.parsing.periods import infer_reporting_window
from orchestration.lib.parsing.prose_meaning import facts_from_prose
from orchestration.lib.parsing.sections import find_sections
from orchestration.lib.parsing.table_meaning import table_facts
from orchestration.lib.parsing.units import caption_units
from orchestration.lib.parsing.useful_lives import with_useful_lives
from orchestration.lib.vocabulary.units import MONEY_UNITS

TableFinder = Callable[..., list[Table]]  # (lines, page_breaks, grids) -> tables


def parse_filing(
    text: str, layout: DocumentLayout | None = None, table_finder: TableFinder | None = None
) -> ParsedFiling:
    """Every printed number of a filing as a fact with its meaning and provenance.

    ``layout`` is what the reader kept of the source's structure: tables printed as grids are
    read from their grids, and facts get the page that prints them.
    """
    layout = layout or DocumentLayout()
    table_errors: list[str] = []  # one per table lost to a parser error
    find_tables = table_finder or _default_table_finder(table_errors)
    cleaned = clean(text)
    lines = cleaned.lines
    sections = find_sections(lines)
    tables = find_tables(lines, cleaned.page_breaks, layout.grids) if layout.grids else find_tables(lines, cleaned.page_breaks)
    context = FilingContext(lines, sections, infer_reporting_window(lines), issuer_name(lines))
    context.default_money_unit = _usual_money_unit(tables)
    facts: list[Fact] = []
    ambiguous: list[Cell] = []
    findings: list[TableFinding] = []
    for table in tables:
        try:
            facts.extend(list(table_facts(table, context, ambiguous, findings)))
        except Exception as exc:  # noqa: BLE001 - one table's facts lost, recorded; the others are kept
            table_errors.append(f"facts of table {table.table_id} (lines {table.line_start}-{table.line_end}): "
                                f"{type(exc).__name__}: {exc}")
    facts = with_useful_lives(facts, lines, context)
    facts.extend(facts_from_prose(lines, tables, sections, context))
    facts = [replace(fact, page=layout.page_of(fact.line_no)) for fact in facts] if layout.page_starts else facts
    unmapped = Counter(fact.label_zh for fact in facts if fact.metric is None)
    return ParsedFiling(
        sections=sections,
        tables=tables,
        facts=facts,
        unmapped_labels=dict(unmapped.most_common()),
        ambiguous_cells=ambiguous,
        table_findings=findings,
        table_errors=table_errors,
    )


def _default_table_finder(errors: list[str]) -> TableFinder:
    from orchestration.lib.parsing.tables import find_tables

    return lambda lines, page_breaks, grids=(): find_tables(lines, page_breaks, grids, errors)


def _usual_money_unit(tables: list[Table]) -> str | None:
    """The money unit most tables of the filing state: it also holds for tables printed without a
    caption (many filings state "金额单位均为万元" once for the whole document)."""
    units = Counter(unit for table in tables for unit in caption_units(table.unit) if unit in MONEY_UNITS)
    return units.most_common(1)[0][0] if units else None
