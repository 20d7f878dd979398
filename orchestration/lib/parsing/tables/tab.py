"""Tab-separated tables: one row per line, cells already separated."""

from __future__ import annotations

from itertools import pairwise

from ..model import Cell, Row, Table
from .numbers import COUNT_UNITS, is_empty_mark, is_row_id, parse_number

MAX_HEADER_LINES = 3


def _is_header(cells: list[str]) -> bool:
    return not any(parse_number(c) for c in cells if c.strip() and not is_empty_mark(c))


def _value_start(body: list[list[str]], width: int) -> int:
    """First value column: from there on every column holds numbers in most rows.

    A table of text (a list of policies) keeps its id and name columns as labels and the rest
    as text cells.
    """

    def numeric(col: int) -> bool:
        filled = [r[col].strip() for r in body if col < len(r) and r[col].strip()]
        if filled and all(c in COUNT_UNITS for c in filled):
            return True  # the 单位 column (台, 个) between 数量 and 金额 belongs to the values
        return bool(filled) and sum(parse_number(c) is not None for c in filled) * 2 > len(filled)

    ids = width > 1 and all(is_row_id(r[0]) for r in body if r and r[0].strip())
    start = width
    while start > 0 and numeric(start - 1):
        start -= 1
    if start == width:
        return min(width, 2 if ids else 1)
    return max(start, 1) if ids else start


def parse_tab(lines: list[str], start: int, end: int) -> Table | None:
    """The table printed as tab-separated ``lines[start:end]``; its leading lines without numbers are its header.

    None when every line is blank (tabs only): there is no table to read.
    """
    grid = [(i, lines[i].split("\t")) for i in range(start, end) if lines[i].strip()]
    if not grid:
        return None
    header_lines = 0
    while header_lines < min(MAX_HEADER_LINES, len(grid) - 1) and _is_header(grid[header_lines][1]):
        header_lines += 1
    body = grid[header_lines:]
    width = max(len(cells) for _, cells in grid)
    first_value = _value_start([cells for _, cells in body], width)
    header = _join_header([cells for _, cells in grid[:header_lines]], width, first_value)
    has_ids = first_value > 1 and all(is_row_id(c[0]) or not c[0].strip() or c[0] == "合计" for _, c in body)
    label_cols = range(1 if has_ids else 0, first_value)
    rows: list[Row] = []
    for i, cells in body:
        cells = _spanning_label(cells, width) if has_ids else cells
        cells = cells + [""] * (width - len(cells))
        row_id = cells[0].strip() if has_ids and is_row_id(cells[0]) else None
        label = " ".join(cells[c].strip() for c in label_cols if cells[c].strip())
        if has_ids and not row_id and cells[0].strip():
            label = " ".join(filter(None, [cells[0].strip(), label]))
        values = _with_unit_columns([_cell(k, cells[c], i) for k, c in enumerate(range(first_value, width))])
        if rows and not label and row_id is None and not any(v.value is not None for v in values):
            _continue(rows[-1], values)
            continue
        rows.append(Row(label=label, row_id=row_id, line_no=i + 1, cells=values))
    columns = [h.strip() for h in header[first_value:]] if header else [""] * (width - first_value)
    header_label = " ".join(h.strip() for h in header[:first_value] if h.strip()) or None
    return Table("", "tab", start + 1, end, None, None, columns, rows, header_label)


def _join_header(lines: list[list[str]], width: int, first_value: int) -> list[str]:
    """One label per column from header lines stacked above each other.

    A label over a group of value columns (``2025年1-9月`` over 营业收入, 营业成本, 毛利率) is
    printed in the group's first cell only, so it carries right over the empty cells of all but
    the bottom line.  An upper line short of cells lacks the label column's cell (printed once,
    spanning both lines), so it is aligned to the right.
    """
    joined = [""] * width if lines else []
    for depth, cells in enumerate(lines):
        cells = [""] * (width - len(cells)) + cells if depth < len(lines) - 1 else cells
        carried = ""
        for col in range(width):
            text = cells[col].strip() if col < len(cells) else ""
            if text or col < first_value or depth == len(lines) - 1:
                carried = text
            joined[col] += text or carried
    return joined


def _spanning_label(cells: list[str], width: int) -> list[str]:
    """``合计\t52,281.30…`` one cell short: its label spans the id and name columns."""
    spans = len(cells) == width - 1 > 1 and cells[0].strip() and not is_row_id(cells[0])
    return [cells[0], "", *cells[1:]] if spans and parse_number(cells[1]) is not None else cells


def _with_unit_columns(values: list[Cell]) -> list[Cell]:
    """A count unit printed in its own column (``2087\t个``) is the unit of the count before it."""
    for count, unit in pairwise(values):
        text = unit.raw_text.strip()
        if count.value is not None and count.unit is None and len(text) == 1 and text in COUNT_UNITS:
            count.unit = text
    return values


def _cell(col: int, text: str, index: int) -> Cell:
    number = parse_number(text) if text.strip() else None
    value, unit = (number.value, number.unit) if number else (None, None)
    return Cell(col=col, raw_text=text.strip(), value=value, unit=unit, line_no=index + 1)


def _continue(row: Row, more: list[Cell]) -> None:
    """A line of text-only cells under an empty label continues the previous row's cells."""
    for cell, extra in zip(row.cells, more):
        cell.raw_text += extra.raw_text
