"""A source grid (HTML ``<table>``, a PDF's ruled table) read as a ``Table`` by its structure.

Nothing is re-guessed from text: header rows are the leading rows without numbers (or marked
``<th>``), the stub is the leading columns whose body cells are mostly text, and every value
column's label is the stack of header cells above it, a cell spanning several columns repeated
over each (``2019年`` over ``金额 | 占营业收入比重``). An empty top-left cell is just an empty stub.
"""

from __future__ import annotations

import re

from orchestration.lib.grid import Grid, GridCell
from orchestration.lib.vocabulary.units import CNY_UNITS

from ..model import Cell, Row, Table
from .numbers import COUNT_UNITS, is_empty_mark, parse_number

MAX_HEADER_ROWS = 4
_BARE_YEAR = re.compile(r"^(?:19|20)\d{2}$")  # a header printing a year without 年
_ROW_ID = re.compile(r"\d{1,2}(?:\.\d{1,2})?|[一二三四五六七八九十]{1,3}、?")  # 序号: 1, 5.1, 三
_CNY_ALTERNATION = "|".join(sorted(CNY_UNITS, key=lambda unit: (-len(unit), unit)))  # 亿元 and 万元 before 元
_MONEY_IN_CELL = re.compile(rf"^(?P<number>.+?)\s*(?P<unit>{_CNY_ALTERNATION})$")
# A value cell printing that no value applies (a change of a loss, 不适用): neither label nor number.
_NOT_APPLICABLE = frozenset({"不适用", "无", "N/A", "/"})
_YEAR = re.compile(r"(?:19|20)\d{2}|期末|期初|年初|年末")


def grid_tables(grid: Grid) -> list[Table]:
    """The tables a grid prints: one per header block (主要会计数据 prints its balances under a second
    header, ``2019年末 | 2018年末 | 本年末比上年末增减``, inside the same grid); none for a text grid."""
    rows = grid.expanded()
    header_rows = _header_rows(rows)
    stub = _stub_width(rows[header_rows:], grid.n_cols)
    if stub >= grid.n_cols or header_rows >= len(rows):
        return []
    tables = []
    for head, body in _blocks(rows, header_rows, stub):
        table = _block_table(grid, rows, head, body, stub)
        if table is not None:
            tables.append(table)
    return tables


def _blocks(rows: list[list[GridCell | None]], header_rows: int, stub: int) -> list[tuple[range, range]]:
    """(header rows, body rows) of each block: a body row printing periods and no numbers starts a new one."""
    starts = [0] + [r for r in range(header_rows + 1, len(rows)) if _restates_header(rows[r], r, stub)]
    bounds = [*starts, len(rows)]
    blocks = []
    for index, start in enumerate(starts):
        head_end = header_rows if index == 0 else start + 1
        blocks.append((range(start, head_end), range(head_end, bounds[index + 1])))
    return blocks


def _restates_header(cells: list[GridCell | None], r: int, stub: int) -> bool:
    own = [cell for cell in cells[stub:] if cell is not None and cell.row == r and cell.text]
    return len(own) >= 2 and not any(_is_number(c) for c in own) and sum(bool(_YEAR.search(c.text)) for c in own) >= 2


def _block_table(grid: Grid, rows: list[list[GridCell | None]], head: range, body: range, stub: int) -> Table | None:
    header = [rows[r] for r in head]
    columns = [_column_label(header, col) for col in range(stub, grid.n_cols)]
    header_label = _column_label(header, 0) if stub else None
    ids = _row_id_column(rows, body, stub)
    table_rows = [_row(rows[r], r, stub, ids) for r in body if _prints(rows[r], r)]
    if not any(cell.value is not None for row in table_rows for cell in row.cells):
        return None
    line_start = next(c.line_no for c in rows[head.start] if c is not None) if head else table_rows[0].line_no
    line_end = table_rows[-1].line_no
    return Table("", grid.source, line_start, line_end, None, None, columns, table_rows, header_label or None)


def _is_number(cell: GridCell | None) -> bool:
    if cell is None or not cell.text or is_empty_mark(cell.text) or _BARE_YEAR.match(cell.text.strip()):
        return False
    return _number_in_cell(cell.text)[0] is not None


def _header_rows(rows: list[list[GridCell | None]]) -> int:
    """Leading rows that print no number (or that the source marks as header cells throughout), up to
    a group row (``分行业`` spanning the whole width)."""
    count = 0
    while count < min(MAX_HEADER_ROWS, len(rows) - 1) and _is_header_row(rows[count]):
        if _is_group_row(rows[count], count, first=count == 0):
            break
        count += 1
    return count


def _is_header_row(cells: list[GridCell | None]) -> bool:
    marked = all(cell is not None and cell.header for cell in cells)
    return marked or not any(_is_number(c) for c in cells[1:])


def _is_group_row(cells: list[GridCell | None], r: int, first: bool = False) -> bool:
    """A row labelling the rows under it: one cell across the row, or (below a header) a label with
    empty value cells."""
    own = [cell for cell in cells if cell is not None and cell.row == r]
    spans_row = len({id(cell) for cell in cells}) == 1 and bool(own)
    labels_only = bool(own) and bool(own[0].text) and not any(c.text for c in own[1:])
    return spans_row or (labels_only and not first)


def _stub_width(body: list[list[GridCell | None]], width: int) -> int:
    """Leading columns whose body cells are mostly text: the row labels (and row ids)."""

    def numeric(col: int) -> bool:
        filled = [
            r[col]
            for r in body
            if r[col] is not None and r[col].text and r[col].col == col and r[col].text.strip() not in _NOT_APPLICABLE
            and not is_empty_mark(r[col].text)  # a "-" says the value column has no value here, not that it is text
        ]
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


def _row(cells: list[GridCell | None], r: int, stub: int, ids: bool = False) -> Row:
    """A body row: its label from the stub (a label spanning rows labels each), its own value cells;
    with ``ids``, the first stub column holds the row's id (序号), not part of its label."""
    labels: list[str] = []
    for cell in cells[1 if ids else 0 : stub]:
        if cell is not None and cell.text and cell.text not in labels:
            labels.append(cell.text)
    row_id = cells[0].text if ids and cells[0] is not None and cells[0].text else None
    line_no = next(cell.line_no for cell in cells if cell is not None and cell.row == r)
    values = [_value(k, cell, r, col, line_no) for k, (col, cell) in enumerate(enumerate(cells[stub:], start=stub))]
    return Row(label=" ".join(labels), row_id=row_id, line_no=line_no, cells=values)


def _row_id_column(rows: list[list[GridCell | None]], body: range, stub: int) -> bool:
    """The first of several stub columns numbers the rows (1, 2, 5.1…) wherever it prints anything."""
    ids = [rows[r][0].text for r in body if rows[r][0] is not None and rows[r][0].text and rows[r][0].row == r]
    return stub >= 2 and len(ids) >= 2 and all(_ROW_ID.fullmatch(text.strip()) for text in ids)


def _value(index: int, cell: GridCell | None, r: int, col: int, line_no: int) -> Cell:
    """A body cell; the positions a spanning cell covers beyond its first print nothing."""
    if cell is None or cell.col != col or cell.row != r:
        return Cell(col=index, raw_text="", value=None, unit=None, line_no=line_no)
    value, unit = _number_in_cell(cell.text)
    return Cell(col=index, raw_text=cell.text, value=value, unit=unit, line_no=cell.line_no)


def _number_in_cell(text: str) -> tuple[float | None, str | None]:
    """A cell's number and the unit printed in it; a grid cell may state its money unit (``12.50亿元``)."""
    if not text:
        return None, None
    if (number := parse_number(text)) is not None:
        return number.value, number.unit
    money = _MONEY_IN_CELL.match(text)
    number = parse_number(money["number"]) if money else None
    if number is None or number.unit is not None or number.value is None:
        return None, None
    return number.value, money["unit"]
