"""The parsing library's output types: sections, tables, cells and facts.

Line numbers are 1-based and always point into the stored text of a filing
(``filings.documents.text``); clean-up never renumbers lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from orchestration.lib.quality.precision import decimals

Layout = Literal["tab", "space", "concat", "html", "pdf"]  # html and pdf: read from the source's grid
DecidedBy = Literal["header", "verified", "contradicted", "unverifiable"]


@dataclass(slots=True)
class Section:
    """A heading and the lines it governs, up to the next heading of the same or a higher level."""

    section_id: str
    parent_id: str | None
    level: int  # 0 问题N, 1 一、, 2 (一), 3 1、/1., 4 (1), 5 ①
    marker: str  # the numbering as printed: "问题1", "一", "(一)", "1", "(1)", "①"
    title: str
    line_start: int
    line_end: int


@dataclass(slots=True)
class Cell:
    """One value cell of a table row, under ``Table.columns[col]``."""

    col: int
    raw_text: str  # the exact printed token, e.g. "13,563.17", "98.0%", "300台", "-"
    value: float | None  # as printed: 12.55 for "12.55%"; None for an empty cell or an undecidable split
    unit: str | None  # unit printed in the cell itself ("%", "台"); the caption unit lives on the table
    line_no: int
    ambiguous: bool = False  # True when the printed text could not be split with certainty
    note: str | None = None  # why it is ambiguous, or which rule decided the split


@dataclass(slots=True)
class Row:
    label: str  # wrapped labels joined, row id removed
    row_id: str | None  # printed row number such as "1.1" or "2"
    line_no: int  # the line that carries the row's numbers
    cells: list[Cell] = field(default_factory=list)
    group_label: str | None = None  # a label shared by a block of rows ("销售率提升5%"), added by the table engine


@dataclass(slots=True)
class Table:
    table_id: str
    layout: Layout
    line_start: int
    line_end: int
    title: str | None  # the caption line above the table, if any
    unit: str | None  # from "单位：万元" or "单位:万元、%"
    columns: list[str]  # header label of each value column, multi-line headers joined
    rows: list[Row] = field(default_factory=list)
    header_label: str | None = None  # header text over the row-label column ("项目", "序号")
    # How its columns got their periods: the header alone (one period, nothing to confuse), the header
    # proven by the table's own arithmetic, contradicted by it, or several periods with no check to run.
    decided_by: DecidedBy | None = None


@dataclass(slots=True)
class Fact:
    """One printed number with its meaning and a pointer back to where it was printed."""

    fact_id: str
    table_id: str | None  # None for facts read from prose
    section_id: str | None
    line_no: int
    raw_text: str
    value: float
    unit: str | None
    row_label: str | None
    column_label: str | None
    period: str | None  # normalized period code, see docs/periods.md
    entity: str | None  # issuer, a segment, a project, a peer or a customer name
    entity_kind: str | None  # one of vocabulary.kinds.ENTITY_KINDS
    label_zh: str  # the original label the number was printed under
    metric: str | None  # canonical metric id, None when the label is unmapped
    ambiguous: bool = False
    page: int | None = None  # the page that prints it, for sources with pages
    confidence: float | None = None  # how far its period and metric are proven, 0..1
    value_wan: float | None = None  # a money amount in 万元, whatever unit it was printed in

    # Every property of a Fact is a stored column of filings.facts too (warehouse/fact_table.py).
    @property
    def decimals(self) -> int:
        """Digits printed after the decimal point: its rounding is half a unit of the last one."""
        return decimals(self.raw_text)


@dataclass(slots=True)
class TableFinding:
    """A table whose own arithmetic disagrees with the reading of its header."""

    table_id: str
    check: str  # change | share | margin | total
    row_label: str | None
    line_no: int | None
    printed: float | None
    expected: float | None  # what the header's reading computes for the printed value
    header_reading: str  # the columns involved, as the header names them
    other_reading: str | None  # a reading the arithmetic supports instead, if one does
    detail: str


@dataclass(slots=True)
class ParsedFiling:
    sections: list[Section]
    tables: list[Table]
    facts: list[Fact]
    unmapped_labels: dict[str, int]  # label_zh -> how many facts carried it
    ambiguous_cells: list[Cell] = field(default_factory=list)  # undecidable splits with no value
    table_findings: list[TableFinding] = field(default_factory=list)
    table_errors: list[str] = field(default_factory=list)  # one per table lost to a parser error: where and why
