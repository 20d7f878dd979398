"""A filing's text to facts: clean-up, sections, tables, prose, and the meaning of every number."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from orchestration.lib.parsing.cleanup import clean, normalise_label
from orchestration.lib.parsing.metrics import map_metric, metric_unit_kind
from orchestration.lib.parsing.model import Cell, Fact, ParsedFiling, Row, Section, Table
from orchestration.lib.parsing.periods import (
    PeriodContext,
    ReportingWindow,
    infer_reporting_window,
    split_period,
)
from orchestration.lib.parsing.prose import ProseFact, prose_facts
from orchestration.lib.parsing.sections import find_sections
from orchestration.lib.parsing.units import MONEY_UNITS, caption_units, resolve_unit

TableFinder = Callable[[list[str], frozenset[int]], list[Table]]

# A table whose columns are mostly periods is a time series: metrics live in its rows.
PERIOD_AXIS_SHARE = 0.5
ISSUER = "issuer"

_NOT_A_QUANTITY_COLUMN = re.compile(r"序号|代码|编号|时间|日期|年份|年限|账龄|期限|签署|成立|注册")
_YEAR_OR_CODE = re.compile(r"^(?:(?:19|20)\d{2}|0\d+)$")
_DATE_TEXT = re.compile(r"\d{4}[/-]\d{1,2}(?:[/-]\d{1,2})?|\d{4}年\d{1,2}月")
_ROW_TOTAL = re.compile(r"^(?:合计|总计|小计|总额)")
_SUB_ITEM = re.compile(r"^(?:其中[:：]?|[-—]+)")
# A heading that is a project's name ("(一)智算中心建设及运营项目") or quotes one ("“渲染云项目”").
_PROJECT_NAME = re.compile(
    r"^(?P<name>[^，,。:：“”]{2,40}项目(?:\([^)]{1,10}\))?)$|“(?P<quoted>[^”]{2,40}项目)”"
)
_SEGMENT = re.compile(r"(?:业务|服务|板块)$")
_PEER_MARKERS = re.compile(r"可比|同行业|证券名称|证券简称|公司名称")
_CUSTOMER = re.compile(r"^[A-Z]公司$|客户")
_ISSUER_PATTERNS = (
    re.compile(r"证券简称\s*[:：]\s*(?P<name>\S{2,10})"),
    re.compile(r"^\s*(?P<name>[^\s:：]{2,8})[:：]\s*关于"),
    re.compile(r"关于(?P<name>\S{2,30}?(?:股份)?有限公司)"),
)
_ISSUER_SEARCH_LINES = 80
_MONEY_AMOUNT = re.compile(r"^-?[\d,]+\.\d{2}$")  # amounts carry exactly two decimals


@dataclass(frozen=True, slots=True)
class _Meaning:
    metric: str | None
    period: str | None
    label_zh: str
    entity: str | None  # a row or column naming what the number is about, if any


def parse_filing(text: str, table_finder: TableFinder | None = None) -> ParsedFiling:
    """Every printed number of a filing as a fact with its meaning and provenance."""
    find_tables = table_finder or _default_table_finder()
    cleaned = clean(text)
    lines = cleaned.lines
    sections = find_sections(lines)
    tables = find_tables(lines, cleaned.page_breaks)
    context = _FilingContext(lines, sections, infer_reporting_window(lines), _issuer_name(lines))
    context.default_money_unit = _usual_money_unit(tables)
    facts: list[Fact] = []
    ambiguous: list[Cell] = []
    for table in tables:
        facts.extend(_table_facts(table, context, ambiguous))
    facts.extend(_prose_facts(lines, tables, sections, context))
    unmapped = Counter(fact.label_zh for fact in facts if fact.metric is None)
    return ParsedFiling(
        sections=sections,
        tables=tables,
        facts=facts,
        unmapped_labels=dict(unmapped.most_common()),
        ambiguous_cells=ambiguous,
    )


def _default_table_finder() -> TableFinder:
    from orchestration.lib.parsing.tables import find_tables

    return find_tables


class _FilingContext:
    """What every fact of one filing shares: sections by line, the reporting window, the issuer."""

    def __init__(
        self, lines: list[str], sections: list[Section], window: ReportingWindow | None, issuer: str | None
    ) -> None:
        self.lines = lines
        self.default_money_unit: str | None = None
        self.window = window
        self.issuer = issuer or ISSUER
        self.section_at = _innermost_sections(sections, len(lines))
        self.sections = {section.section_id: section for section in sections}

    def section_of(self, line_no: int) -> Section | None:
        return self.section_at[line_no] if 0 < line_no < len(self.section_at) else None

    def project_of(self, line_no: int) -> str | None:
        """The project an enclosing heading names, e.g. "(一)智算中心建设及运营项目"."""
        section = self.section_of(line_no)
        while section is not None:
            match = _PROJECT_NAME.search(section.title)
            if match:
                return match.group("name") or match.group("quoted")
            section = self.sections.get(section.parent_id) if section.parent_id else None
        return None


def _innermost_sections(sections: list[Section], line_count: int) -> list[Section | None]:
    """For each line number, the deepest section holding it; sections come parents first."""
    at: list[Section | None] = [None] * (line_count + 1)
    for section in sections:
        for line_no in range(section.line_start, min(section.line_end, line_count) + 1):
            current = at[line_no]
            if current is None or section.level >= current.level:
                at[line_no] = section
    return at


def _issuer_name(lines: list[str]) -> str | None:
    head = lines[:_ISSUER_SEARCH_LINES]
    for pattern in _ISSUER_PATTERNS:
        for line in head:
            match = pattern.search(line)
            if match:
                return match.group("name")
    return None


def _table_facts(table: Table, context: _FilingContext, ambiguous: list[Cell]) -> Iterator[Fact]:
    period_context = PeriodContext(model_years=_has_model_years(table.columns), window=context.window)
    column_periods = _column_periods(table.columns, period_context)
    periods_across = _share_with_period(column_periods) >= PERIOD_AXIS_SHARE
    for row_index, row in enumerate(table.rows):
        for cell_index, cell in enumerate(row.cells):
            if cell.value is None:
                if cell.ambiguous:
                    ambiguous.append(cell)
                continue
            column = table.columns[cell.col] if 0 <= cell.col < len(table.columns) else ""
            if not _is_quantity(cell, column):
                continue
            meaning = _cell_meaning(row, column, column_periods.get(cell.col), periods_across, period_context)
            fact_id = f"{table.table_id}-r{row_index}-c{cell_index}"
            yield _table_fact(fact_id, table, row, cell, column, meaning, context)


def _has_model_years(columns: list[str]) -> bool:
    return any(re.search(r"第\s*\d+\s*(?:[-—~至]\s*\d+\s*)?年|T\+\d|建设期", column) for column in columns)


def _column_periods(columns: list[str], context: PeriodContext) -> dict[int, tuple[str | None, str]]:
    """Each column's period and the rest of its label; a period printed over a group of columns
    ("2023年1-3月" over 毛利 and 毛利率) carries to the unlabelled columns on its right."""
    split: dict[int, tuple[str | None, str]] = {}
    carried: str | None = None
    for index, column in enumerate(columns):
        period, rest = split_period(column, context)
        if period is None and rest and carried is not None:
            period = carried
        carried = period if period is not None and rest else None
        split[index] = (period, rest)
    return split


def _share_with_period(column_periods: dict[int, tuple[str | None, str]]) -> float:
    if not column_periods:
        return 0.0
    return sum(period is not None for period, _ in column_periods.values()) / len(column_periods)


def _is_quantity(cell: Cell, column: str) -> bool:
    """Row ids, years, dates and codes are printed numbers, not facts."""
    raw = cell.raw_text.strip()
    if _NOT_A_QUANTITY_COLUMN.search(column) or _DATE_TEXT.search(raw):
        return False
    return not (cell.unit is None and _YEAR_OR_CODE.match(raw))


def _cell_meaning(
    row: Row,
    column: str,
    column_period: tuple[str | None, str] | None,
    periods_across: bool,
    context: PeriodContext,
) -> _Meaning:
    col_period, col_rest = column_period or (None, normalise_label(column))
    row_period, row_rest = split_period(row.label, context)
    period = col_period or row_period
    row_metric, col_metric = map_metric(row_rest), map_metric(col_rest)
    # A time series names its metrics in the rows; an item table (capex, peers) in its columns.
    if periods_across and row_metric or not col_metric and row_metric:
        return _Meaning(row_metric, period, row.label, None)
    if col_metric:
        return _Meaning(col_metric, period, column, _entity_label(row.label))
    label = row.label if periods_across or not col_rest else column
    return _Meaning(None, period, label, _entity_label(row.label))


def _entity_label(label: str) -> str | None:
    """A row label as the entity a number is about: "其中:机柜租用" -> "机柜租用"; totals name none."""
    text = _SUB_ITEM.sub("", normalise_label(label))
    return None if not text or _ROW_TOTAL.match(text) else text


def _table_fact(
    fact_id: str, table: Table, row: Row, cell: Cell, column: str, meaning: _Meaning, context: _FilingContext
) -> Fact:
    entity, kind = _entity(meaning.entity, table, cell.line_no, context)
    section = context.section_of(cell.line_no)
    printed = _as_printed(cell.raw_text, context.lines[cell.line_no - 1])
    return Fact(
        fact_id=fact_id,
        table_id=table.table_id,
        section_id=section.section_id if section else None,
        line_no=cell.line_no,
        raw_text=printed,
        value=cell.value,
        unit=_unit(cell, column, table, meaning.metric, context),
        row_label=row.label,
        column_label=column or None,
        period=meaning.period,
        entity=entity,
        entity_kind=kind,
        label_zh=meaning.label_zh,
        metric=meaning.metric,
        ambiguous=cell.ambiguous,
    )


def _usual_money_unit(tables: list[Table]) -> str | None:
    """The money unit most tables of the filing state: it also holds for tables printed without a
    caption (many filings state "金额单位均为万元" once for the whole document)."""
    units = Counter(unit for table in tables for unit in caption_units(table.unit) if unit in MONEY_UNITS)
    return units.most_common(1)[0][0] if units else None


def _unit(cell: Cell, column: str, table: Table, metric: str | None, context: _FilingContext) -> str | None:
    kind = metric_unit_kind(metric)
    unit = resolve_unit(cell.unit, column, table.unit, kind)
    if unit is None and kind in (None, "money") and _MONEY_AMOUNT.match(cell.raw_text.strip()):
        return context.default_money_unit
    return unit


def _as_printed(token: str, line: str) -> str:
    """The token as the line prints it: a cell read as "130台" is printed "130 台"."""
    if token in line:
        return token
    spaced = re.compile(r"\s*".join(re.escape(char) for char in token if not char.isspace()))
    match = spaced.search(line)
    return match.group(0) if match else token


def _entity(named: str | None, table: Table | None, line_no: int, context: _FilingContext) -> tuple[str, str]:
    """Who a number is about: the row that names it, else a project in the headings, else the issuer."""
    if named:
        return named, _entity_kind(named, table, context, line_no)
    project = context.project_of(line_no)
    if project:
        return project, "project"
    return context.issuer, "issuer"


def _entity_kind(name: str, table: Table | None, context: _FilingContext, line_no: int) -> str:
    if "项目" in name:
        return "project"
    if _CUSTOMER.search(name):
        return "customer"
    if table is not None and _PEER_MARKERS.search(" ".join(filter(None, [table.title, table.header_label]))):
        return "peer"
    section = context.section_of(line_no)
    if section is not None and _PEER_MARKERS.search(section.title) and not _SEGMENT.search(name):
        return "peer"
    return "segment"


def _prose_facts(
    lines: list[str], tables: list[Table], sections: list[Section], context: _FilingContext
) -> Iterator[Fact]:
    table_lines = {no for table in tables for no in range(table.line_start, table.line_end + 1)}
    heading_lines = {section.line_start for section in sections}
    for found in prose_facts(lines, table_lines, heading_lines, context.window):
        yield _prose_fact(found, context)


def _prose_fact(found: ProseFact, context: _FilingContext) -> Fact:
    segment = _segment_in_label(found.label_zh)
    entity, kind = (segment, "segment") if segment else _entity(None, None, found.line_no, context)
    section = context.section_of(found.line_no)
    return Fact(
        fact_id=f"p{found.line_no}-{found.column}",
        table_id=None,
        section_id=section.section_id if section else None,
        line_no=found.line_no,
        raw_text=found.raw_text,
        value=found.value,
        unit=found.unit,
        row_label=None,
        column_label=None,
        period=found.period,
        entity=entity,
        entity_kind=kind,
        label_zh=found.label_zh,
        metric=found.metric,
    )


def _segment_in_label(label: str) -> str | None:
    """ "算力服务业务毛利率" is about the segment 算力服务业务."""
    match = re.search(r"(?P<segment>[\u4e00-\u9fffA-Za-z]{2,12}?业务)", label)
    return match.group("segment") if match else None
