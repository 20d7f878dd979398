"""A source grid (HTML ``<table>``, a PDF's ruled table) read as a ``Table`` by its structure.

Nothing is re-guessed from text: header rows are the leading rows without numbers (or marked
``<th>``), the stub is the leading columns whose body cells are mostly text, and every value
column's label is the stack of header cells above it, a cell spanning several columns repeated
over each (``2019年`` over ``金额 | 占营业收入比重``). An empty top-left cell is just an empty stub.
"""

from __future__ import annotations

import re

from orchestration.lib.grid import Grid, GridCell

from ..model import Cell, Row, Table
from .numbers import COUNT_UNITS, is_empty_mark, parse_number

MAX_HEADER_ROWS = 4
_BARE_YEAR = re.compile(r"^(?:19|20)\d{2}$")  # a header printing a year without 年


def grid_table(grid: Grid) -> Table | None:
    """The table a grid prints; None when it has no value column (a layout or text grid)."""
    rows = grid.expanded()
    header_rows = _header_rows(rows)
    body = rows[header_rows:]
    stub = _stub_width(body, grid.n_cols)
    if stub >= grid.n_cols or not body:
        return None
    columns = [_column_label(rows[:header_rows], col) for col in range(stub, grid.n_cols)]
    header_label = _column_label(rows[:header_rows], 0) if stub else None
    table_rows = [_row(cells, r, stub) for r, cells in enumerate(body, start=header_rows) if _prints(cells, r)]
    table = Table("", grid.source, grid.line_start, grid.line_end, None, None, columns, table_rows, header_label or None)
    return table if any(cell.value is not None for row in table.rows for cell in row.cells) else None


def _is_number(cell: GridCell | None) -> bool:
    if cell is None or not cell.text or is_empty_mark(cell.text) or _BARE_YEAR.match(cell.text.strip()):
        return False
    return parse_number(cell.text) is not None


def _header_rows(rows: list[list[GridCell | None]]) -> int:
    """Leading rows that print no number; a ``<th>`` row is a header even when it prints a bare year."""
    count = 0
    while count < min(MAX_HEADER_ROWS, len(rows) - 1) and not any(_is_number(c) for c in rows[count][1:]):
        count += 1
    return count


def _stub_width(body: list[list[GridCell | None]], width: int) -> int:
    """Leading columns whose body cells are mostly text: the row labels (and row ids)."""

    def numeric(col: int) -> bool:
        filled = [r[col] for r in body if r[col] is not None and r[col].text and r[col].col == col]
        if filled and all(c.text in COUNT_UNITS for c in filled):
            return True  # a 单位 column (台, 个) belongs to the values
        return bool(filled) and sum(_is_number(c) for c in filled) * 2 > len(filled)

    start = width
    while start > 0 and numeric(start - 1):
        start -= 1
    return max(start, 1) if start < width else width


def _column_label(header: list[list[GridCell | None]], col: int) -> str:
    """Header cells stacked over a column, top down, each spanning cell once."""
    seen: list[GridCell] = []
    for row in header:
        cell = row[col]
        if cell is not None and cell.text and cell not in seen:
            seen.append(cell)
    return "".join(cell.text for cell in seen)


def _prints(cells: list[GridCell | None], r: int) -> bool:
    """A row the source printed: some cell starts on it (a row covered only by spans above is not)."""
    return any(cell is not None and cell.row == r for cell in cells)


def _row(cells: list[GridCell | None], r: int, stub: int) -> Row:
    """A body row: its label from the stub (a label spanning rows labels each), its own value cells."""
    labels: list[str] = []
    for cell in cells[:stub]:
        if cell is not None and cell.text and cell.text not in labels:
            labels.append(cell.text)
    line_no = next(cell.line_no for cell in cells if cell is not None and cell.row == r)
    values = [_value(k, cell, r, col, line_no) for k, (col, cell) in enumerate(enumerate(cells[stub:], start=stub))]
    return Row(label=" ".join(labels), row_id=None, line_no=line_no, cells=values)


def _value(index: int, cell: GridCell | None, r: int, col: int, line_no: int) -> Cell:
    """A body cell; the positions a spanning cell covers beyond its first print nothing."""
    if cell is None or cell.col != col or cell.row != r:
        return Cell(col=index, raw_text="", value=None, unit=None, line_no=line_no)
    number = parse_number(cell.text) if cell.text else None
    value, unit = (number.value, number.unit) if number else (None, None)
    return Cell(col=index, raw_text=cell.text, value=value, unit=unit, line_no=cell.line_no)
