"""The table model the layout fuzzer renders: header rows with spans, a stub column, body rows.

A ``FuzzTable`` is one printed table in one or more parts: a key-indicators table prints a
flow block under years and, below it in the same table, a balance block under year ends with
its own header row. Header lines are aligned to (stub, *value columns) as in ``blocks.Table``;
``header_grid`` reads the spans they imply (a period over 金额 | 占比, a change column two rows tall).
"""

from __future__ import annotations

from dataclasses import dataclass

from orchestration.lib.corpus.blocks import Row, Table

# Which financing-document table a caption introduces: the sample corpus' tables carry no key.
_FINANCING_KEYS = (
    ("分业务的收入", "segments"),
    ("应收账款及坏账准备情况", "receivables"),
    ("账龄结构", "aging"),
    ("投资构成", "investment"),
    ("设备购置费主要用于", "hardware"),
    ("效益测算情况", "forecast"),
)


@dataclass(frozen=True)
class Part:
    header_lines: tuple[tuple[str, ...], ...]  # each aligned to (stub, *value columns); "" where a span covers
    rows: tuple[Row, ...]  # a row with no printed cell is a group row (分行业, 分产品)


@dataclass(frozen=True)
class FuzzTable:
    key: str  # what the table is: key_indicators, revenue_composition, segments, forecast ...
    title: str  # the sentence or heading introducing it
    unit_caption: str | None  # "单位：元"; None when units sit in row labels
    parts: tuple[Part, ...]
    has_row_ids: bool = False

    @property
    def n_values(self) -> int:
        return len(self.parts[0].header_lines[0]) - 1


@dataclass(frozen=True)
class HeaderCell:
    text: str
    row: int  # header line index
    col: int  # value-column index (0 = the first value column)
    row_span: int = 1
    col_span: int = 1


def from_block_table(table: Table) -> FuzzTable:
    key = next((key for fragment, key in _FINANCING_KEYS if fragment in table.title), "financing")
    part = Part(table.header_lines, table.rows)
    return FuzzTable(key, table.title, table.unit_caption, (part,), table.has_row_ids)


def stub_header(part: Part) -> str:
    """The text over the label column ("项目"), or "" for the empty top-left cell."""
    return next((line[0] for line in part.header_lines if line[0]), "")


def header_grid(part: Part) -> list[HeaderCell]:
    """The value-column header cells with their spans.

    A cell spans right over empty neighbours whose lower line is printed (a period over its
    measures) and down over empty cells below it (a change column as tall as the header).
    """
    lines = [line[1:] for line in part.header_lines]
    depth, width = len(lines), len(lines[0])
    cells = []
    for row, line in enumerate(lines):
        for col, text in enumerate(line):
            if not text:
                continue
            col_span = 1
            while (
                col + col_span < width
                and not line[col + col_span]
                and row + 1 < depth
                and lines[row + 1][col + col_span]
            ):
                col_span += 1
            row_span = 1
            while row + row_span < depth and not any(lines[row + row_span][col : col + col_span]):
                row_span += 1
            cells.append(HeaderCell(text, row, col, row_span, col_span))
    return cells


def leaf_labels(part: Part) -> list[str]:
    """Each value column's full header, levels joined top to bottom ("2024年金额")."""
    labels = [""] * (len(part.header_lines[0]) - 1)
    for cell in header_grid(part):
        for col in range(cell.col, cell.col + cell.col_span):
            labels[col] += cell.text
    return labels
