"""The structured content of a filing: headings, paragraphs and tables whose numbers are facts.

Content is built once per filing and rendered by the layout engine; a ``Fact`` carries the exact
printed token, so renderers never format numbers themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TableLayout = Literal["tab", "space", "concat"]


@dataclass(frozen=True)
class Fact:
    raw_text: str  # exactly as printed: "13,563.17", "98.0%", "300"
    value: float  # as printed, without unit or separators
    unit: str
    metric: str | None  # id from orchestration.lib.vocabulary.metrics.METRICS; None for a change column
    period: str | None  # period code from vocabulary.PERIOD_PATTERN
    entity: str
    entity_kind: str  # "issuer" | "segment" | "project"
    breakdown: str | None = None  # the item inside the entity: an investment line, an aging bucket
    row_label: str | None = None
    column_label: str | None = None
    table_title: str | None = None
    # A change column (本年比上年增减) is a change, never a period: what changed, between which periods.
    change_of: str | None = None
    compared: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Heading:
    marker: str  # numbering as printed: "问题1", "一、", "(一)", "1、", "(1)", "①"
    title: str


@dataclass(frozen=True)
class Paragraph:
    parts: tuple[str | Fact, ...]
    centered: bool = False


@dataclass(frozen=True)
class Cell:
    text: str  # "" for an empty cell; each layout prints empties its own way
    fact: Fact | None = None

    @classmethod
    def of(cls, fact: Fact) -> Cell:
        return cls(fact.raw_text, fact)


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    row_id: str | None = None


@dataclass(frozen=True)
class Table:
    title: str  # the sentence introducing the table ("…情况如下：")
    unit_caption: str  # "单位：万元"
    header_lines: tuple[tuple[str, ...], ...]  # each aligned to (label column, *value columns)
    rows: tuple[Row, ...]
    layout: TableLayout
    has_row_ids: bool = False


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Style:
    """How a filing prints: its table layout, prose punctuation, number format and pagination."""

    table_layout: TableLayout
    concat_tables: frozenset[str] = frozenset()  # table keys printed concatenated regardless
    thousands: bool = True  # "13,563.17" in prose and in tab/space tables; concatenated cells never have them
    ascii_punctuation: bool = False  # web scrapes print "," "(" ":" where documents print "，" "（" "："
    wrap_width: int | None = None  # display columns of a prose line, None for one line per paragraph
    pagination: Literal["footer", "glued", "none"] = "none"
    page_marker: str = "{page}"  # footer text, e.g. "7-2-{page}"
    blank_lines: bool = True  # blank line between blocks (False for HTML, one element per line)
    split_year_headers: bool = False  # "2024 年" over "度" as a narrow PDF column prints it
    code_on_cover: bool = True

    def layout_for(self, table_key: str) -> TableLayout:
        return "concat" if table_key in self.concat_tables else self.table_layout

    def punct(self, fullwidth: str) -> str:
        ascii_forms = {"，": ",", "（": "(", "）": ")", "：": ":", "；": ";"}
        return ascii_forms.get(fullwidth, fullwidth) if self.ascii_punctuation else fullwidth
