"""Numbers read from sentences (and from run-together rows no table reader read) as facts with their meaning."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from itertools import pairwise

from orchestration.lib.parsing.attribution import (
    QUOTED_PROJECT,
    FilingContext,
    entity_of,
    project_opening,
    segment_in_label,
)
from orchestration.lib.parsing.model import Fact, Section, Table
from orchestration.lib.parsing.periods import (
    ReportingWindow,
    fact_period,
    local_window,
)
from orchestration.lib.parsing.prose import ProseFact, prose_facts
from orchestration.lib.parsing.prose_rows import RowNumber, date_glued_amounts, glued_row_numbers
from orchestration.lib.parsing.table_cells import as_rate
from orchestration.lib.parsing.table_meaning import AMBIGUOUS_CONFIDENCE
from orchestration.lib.vocabulary.units import in_wan

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
    for number in [*glued_row_numbers(lines, table_lines | heading_lines), *date_glued_amounts(lines)]:
        if (number.line_no, number.column) not in printed:
            printed.add((number.line_no, number.column))
            yield _row_number_fact(number, context)


def _row_number_fact(number: RowNumber, context: FilingContext) -> Fact:
    """An amount of a run-together row no table reader read: its value only, with the doubt recorded."""
    entity, kind = entity_of(None, None, number.line_no, None, context)
    return _fact_in_text(
        f"g{number.line_no}-{number.column}", number, context, period=None, entity=entity, entity_kind=kind,
        label_zh="", metric=None, ambiguous=True, confidence=AMBIGUOUS_CONFIDENCE,
    )


def _fact_in_text(fact_id: str, printed: RowNumber | ProseFact, context: FilingContext, **meaning) -> Fact:
    """A fact read from a line of text, outside any table: where it stands and what it prints, plus its meaning."""
    section = context.section_of(printed.line_no)
    return Fact(
        fact_id=fact_id,
        table_id=None,
        section_id=section.section_id if section else None,
        line_no=printed.line_no,
        raw_text=printed.raw_text,
        value=printed.value,
        unit=printed.unit,
        row_label=None,
        column_label=None,
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
    return _fact_in_text(
        f"p{found.line_no}-{found.column}", found, context, period=period, entity=entity, entity_kind=kind,
        label_zh=found.label_zh, metric=metric, confidence=PROSE_CONFIDENCE,
    )
