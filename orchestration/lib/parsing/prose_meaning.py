"""Numbers read from sentences (and from run-together rows no table reader read) as facts with their meaning."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import pairwise

from orchestration.lib.parsing.attribution import (
    QUOTED_PROJECT,
    FilingContext,
    entity_of,
    project_opening,
    segment_in_label,
)
from orchestration.lib.parsing.issuer_list_rows import ISSUER_ROW_LABEL, IssuerListRow, issuer_list_rows
from orchestration.lib.parsing.model import Fact, Section, Table
from orchestration.lib.parsing.periods import (
    ReportingWindow,
    fact_period,
    local_window,
)
from orchestration.lib.parsing.prose import ProseFact, prose_facts
from orchestration.lib.parsing.prose_rows import RowNumber, glued_row_numbers
from orchestration.lib.parsing.table_cells import as_rate, glued_cells
from orchestration.lib.parsing.table_meaning import AMBIGUOUS_CONFIDENCE
from orchestration.lib.vocabulary.units import in_wan

_DIGITS = re.compile(r"\D")
_SPACE = re.compile(r"\s+")  # what is not a digit, removed to compare two printings of a number
_REPLY_START = re.compile(r"^\s*回复\s*[:：]?\s*$|^\s*【回复】|^\s*回复[:：]")
PROSE_CONFIDENCE = 0.7


def facts_from_prose(
    lines: list[str], tables: list[Table], sections: list[Section], context: FilingContext
) -> Iterator[Fact]:
    table_lines = {no for table in tables for no in range(table.line_start, table.line_end + 1)}
    heading_lines = {section.line_start for section in sections}
    window_at = _passage_windows(lines, sections, context.window)
    printed: set[tuple[int, int]] = set()  # where prose read a number: a run's first amount starts there too
    for found in prose_facts(lines, table_lines, heading_lines, context.window, window_at):
        printed.add((found.line_no, found.column))
        yield _prose_fact(found, context)
    cells_at = _cell_digits_by_line(tables, lines)
    labels_at = _row_labels_by_line(tables)
    skipped = _lines_outside_labelled_blocks(len(lines), table_lines, _lines_of_digit_labels(tables))
    for found in prose_facts(lines, skipped, heading_lines):
        number = _squeezed(found.raw_text)
        if any(number in label for label in labels_at.get(found.line_no, ())) and not _read_by_a_table(found, cells_at):
            printed.add((found.line_no, found.column))
            yield _number_in_a_table_label(found, context)
    # the issuer's row of a list of companies before the glued rows: its caption and note give it a meaning
    for row in issuer_list_rows(lines, table_lines | heading_lines):
        if (row.line_no, row.column) not in printed:
            printed.add((row.line_no, row.column))
            yield _issuer_list_row_fact(row, context)
    for number in glued_row_numbers(lines, heading_lines):
        if (number.line_no, number.column) not in printed and not _read_by_a_table(number, cells_at):
            yield _row_number_fact(number, context)


def _issuer_list_row_fact(row: IssuerListRow, context: FilingContext) -> Fact:
    """The issuer's amount in a list of companies: its row label says it is the issuer's figure among
    peers, its caption and note give its measure and period."""
    return fact_in_text(
        f"i{row.line_no}-{row.column}", row, context, row_label=ISSUER_ROW_LABEL, period=row.period,
        entity=context.issuer, entity_kind="issuer", label_zh=row.label_zh, metric=row.metric,
        confidence=PROSE_CONFIDENCE,
    )


def _cell_digits_by_line(tables: list[Table], lines: list[str]) -> dict[int, list[str]]:
    """The digits of every cell a table read, by the line that prints it; a cell left unread (a split
    the table could not decide, two cells glued into one number) holds no reading to compete with."""
    found: dict[int, list[str]] = {}
    for table in tables:
        for line in range(table.line_start, table.line_end + 1):
            found.setdefault(line, [])
        for row in table.rows:
            for cell in (cell for cell in row.cells if cell.value is not None and not glued_cells(cell, table, lines)):
                found.setdefault(cell.line_no, []).append(_DIGITS.sub("", cell.raw_text))
    return found


def _read_by_a_table(number: RowNumber | ProseFact, cells_at: dict[int, list[str]]) -> bool:
    """A table line's amount is the table's when a cell of the line printed its digits, or a split of
    them: the table's reading stands, never a second one beside it. Each cell stands for one amount
    (a row printing 390.62 twice, read once by the table, keeps the other as a glued row's); an amount
    no cell of its line touches, on a line the table reader placed only in part, is read as a glued row's."""
    if number.line_no not in cells_at:
        return False
    digits = _DIGITS.sub("", number.raw_text)
    cells = cells_at[number.line_no]
    touching = next((k for k, cell in enumerate(cells) if cell == digits or len(cell) > 2 and (cell in digits or digits in cell)), None)
    if touching is not None:
        del cells[touching]
    return touching is not None

def _lines_outside_labelled_blocks(line_count: int, table_lines: set[int], digit_label_lines: set[int]) -> set[int]:
    """The lines a reading of table lines as prose skips: every line outside the tables, and every block of
    consecutive table lines none of whose row labels prints a digit. A paragraph never runs past a skipped
    line, so a block is read as prose alone, and only a number inside a label is kept from it: a block
    with no digit in its labels can keep none, and is not read at all."""
    keep: set[int] = set()
    block: list[int] = []
    for line_no in range(1, line_count + 2):
        if line_no in table_lines:
            block.append(line_no)
            continue
        if not digit_label_lines.isdisjoint(block):
            keep.update(block)
        block = []
    return set(range(1, line_count + 1)) - keep


def _lines_of_digit_labels(tables: list[Table]) -> set[int]:
    """Every line of each table one of whose row labels prints a digit: a table's labels are asked once,
    not again for each of its lines."""
    return {
        line_no
        for table in tables
        if any(ch.isdigit() for row in table.rows for ch in row.label)
        for line_no in range(table.line_start, table.line_end + 1)
    }


def _row_labels_by_line(tables: list[Table]) -> dict[int, list[str]]:
    """The labels of a table's rows, without spaces, by every line of the table: a label wrapped over
    lines ("南京楷德悠云数据 / 准服务器2,800 架标 / …") holds what each of its lines prints."""
    found: dict[int, list[str]] = {}
    for table in tables:
        labels = [_squeezed(row.label) for row in table.rows]
        for line_no in range(table.line_start, table.line_end + 1):
            found.setdefault(line_no, []).extend(labels)
    return found


def _squeezed(text: str) -> str:
    return _SPACE.sub("", text)


def _number_in_a_table_label(found: ProseFact, context: FilingContext) -> Fact:
    """A number with its unit that a table line prints and its table left in a row's label ("…客户提供
    15000P 29729.88"): what the unit says it is, with no period (the table's columns, not the garbled
    text around it, would say which) and with its doubt recorded."""
    fact = _prose_fact(replace(found, period=None), context)
    return replace(fact, ambiguous=True, confidence=AMBIGUOUS_CONFIDENCE)


def _row_number_fact(number: RowNumber, context: FilingContext) -> Fact:
    """An amount of a run-together row no table reader read: its value only, with the doubt recorded."""
    entity, kind = entity_of(None, None, number.line_no, None, context)
    return fact_in_text(
        f"g{number.line_no}-{number.column}", number, context, period=None, entity=entity, entity_kind=kind,
        label_zh="", metric=None, ambiguous=True, confidence=AMBIGUOUS_CONFIDENCE,
    )


def fact_in_text(
    fact_id: str, printed: RowNumber | ProseFact | IssuerListRow, context: FilingContext, row_label: str | None = None,
    column_label: str | None = None, **meaning,
) -> Fact:
    """A fact read from a line of text, outside any table a reader built: where it stands and what it
    prints (a row or column label the text itself names), plus its meaning."""
    section = context.section_of(printed.line_no)
    return Fact(
        fact_id=fact_id,
        table_id=None,
        section_id=section.section_id if section else None,
        line_no=printed.line_no,
        raw_text=printed.raw_text,
        value=printed.value,
        unit=printed.unit,
        row_label=row_label,
        column_label=column_label,
        value_wan=in_wan(printed.value, printed.unit),
        **meaning,
    )


def _passage_windows(
    lines: list[str], sections: list[Section], window: ReportingWindow | None
) -> Callable[[int], ReportingWindow | None]:
    """The window of each passage: a question's quoted inquiry text (问题N up to 回复) and each
    answer may report on their own year to date."""
    starts = sorted(
        {1}
        | {section.line_start for section in sections if section.level == 0}
        | {no for no, line in enumerate(lines, start=1) if _REPLY_START.match(line)}
    )
    bounds = [*starts, len(lines) + 1]
    windows = [local_window(lines[a - 1 : b - 1], window) for a, b in pairwise(bounds)]
    return lambda line_no: windows[bisect_right(starts, line_no) - 1]


def _prose_fact(found: ProseFact, context: FilingContext) -> Fact:
    metric = as_rate(found.metric, found.unit)
    period = fact_period(metric, found.period)
    segment = segment_in_label(found.label_zh)
    quoted = QUOTED_PROJECT.search(found.label_zh)
    project = quoted.group("name") if quoted else project_opening(found.label_zh)
    if found.market:
        entity, kind = found.market, "market"  # "2025年中国智能算力规模将达到…": the market's size
    elif project:
        entity, kind = project, "project"  # "“智能算力集群建设及运营项目”投资总额"
    elif segment:
        entity, kind = segment, "segment"
    else:
        entity, kind = entity_of(None, None, found.line_no, period, context)
    return fact_in_text(
        f"p{found.line_no}-{found.column}", found, context, period=period, entity=entity, entity_kind=kind,
        label_zh=found.label_zh, metric=metric, ambiguous=found.unit_cut,
        confidence=AMBIGUOUS_CONFIDENCE if found.unit_cut else PROSE_CONFIDENCE,
    )
