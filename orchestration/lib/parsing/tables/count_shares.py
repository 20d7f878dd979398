"""Counts run together with their shares (``自有30740.61%------``: 307 servers, 40.61% of the fleet).

A header printing a count and its share under each period (``数量占比数量占比``) over rows whose cells
ran together leaves one run per period: ``30740.61%`` may be 30 and 740.61%, 307 and 40.61% or 3074
and 0.61%.  The table's total row proves the reading: its share is the whole (100.00%), so its count
is the digits before it; every other row's share is its count over that total, to the printed
rounding, and the counts add up to the total.  A period where any of this fails keeps the whole table
as it was read: a cell is split only when the whole table's arithmetic agrees.
"""

from __future__ import annotations

import re

from orchestration.lib.vocabulary.totals import TOTAL_ROW

from ..model import Cell, Row
from .headers import header_names, tidy

_COUNT_NAMES = frozenset({"数量"})
_SHARE_NAMES = frozenset({"占比", "比例", "比重"})
_GLUED = re.compile(r"[1-9]\d*\.\d\d%")
_WHOLE = 100.0
_SHARE_ROUNDING = 0.005 + 1e-9  # a share printed with two decimals
NOTE = "a count run together with its share: total share 100%, each share = count / total, counts add up"


def split_counts_from_shares(header_lines: list[str], columns: list[str], rows: list[Row]) -> list[str]:
    """The table's columns, with each period's count and share as two columns when the header names them
    and the table's arithmetic proves where each run splits (the rows' cells are rewritten in place)."""
    names_line = _names_line(header_lines, columns)
    if names_line is None:
        return columns
    counts, shares = names_line[1]
    if any(cell.col >= len(columns) for row in rows for cell in row.cells):
        return columns
    proven = [_proven_column(rows, col) for col in range(len(columns))]
    if any(split is None for split in proven) or not any(proven):
        return columns
    for k, row in enumerate(rows):
        row.cells = [half for cell in row.cells for half in _halves(cell, proven[cell.col].get(k))]
    if rows and rows[0].label.startswith(names_line[0]):
        rows[0].label = rows[0].label[len(names_line[0]) :]
    return [period + name for period in columns for name in (counts, shares)]


def _names_line(header_lines: list[str], columns: list[str]) -> tuple[str, tuple[str, str]] | None:
    """The header line printing one count name and one share name under every period column, with
    those two names."""
    for line in header_lines:
        names = header_names(line)
        pairs = list(zip(names[::2], names[1::2]))
        if (
            len(names) == 2 * len(columns)
            and len(set(pairs)) == 1
            and pairs[0][0] in _COUNT_NAMES
            and pairs[0][1] in _SHARE_NAMES
        ):
            return tidy(line), pairs[0]
    return None


def _proven_column(rows: list[Row], col: int) -> dict[int, tuple[str, str]] | None:
    """For one period column, the (count, share) of each row's run by its row index: {} when the column
    prints no value, None when the arithmetic does not prove the split of every value it prints."""
    cells = {k: c for k, row in enumerate(rows) for c in row.cells if c.col == col and c.value is not None}
    if not cells:
        return {}
    totals = [k for k in cells if TOTAL_ROW.match(rows[k].label)]
    if len(totals) != 1 or any(k > totals[0] for k in cells):
        return None
    total = [pair for pair in _readings(cells[totals[0]].raw_text) if float(pair[1]) == _WHOLE]
    if len(total) != 1:
        return None
    whole = int(total[0][0])
    proven = {totals[0]: total[0]}
    for k, cell in cells.items():
        if k != totals[0]:
            fits = [
                p
                for p in _readings(cell.raw_text)
                if abs(int(p[0]) * _WHOLE / whole - float(p[1])) <= _SHARE_ROUNDING
            ]
            if len(fits) != 1:
                return None
            proven[k] = fits[0]
    if sum(int(proven[k][0]) for k in proven if k != totals[0]) != whole:
        return None
    return proven


def _readings(raw: str) -> list[tuple[str, str]]:
    """Every (count, share) a run such as ``30740.61%`` can print: a count without a leading zero, a
    share of at most the whole without one."""
    if not _GLUED.fullmatch(raw):
        return []
    number = raw[:-1]
    readings = []
    for cut in range(1, number.index(".")):
        count, share = number[:cut], number[cut:]
        if (share[0] != "0" or share.startswith("0.")) and float(share) <= _WHOLE:
            readings.append((count, share))
    return readings


def _halves(cell: Cell, reading: tuple[str, str] | None) -> list[Cell]:
    """The cell as its period's count and share cells; a cell not run together stays in the count column."""
    count_col, share_col = 2 * cell.col, 2 * cell.col + 1
    if reading is None:
        return [
            Cell(count_col, cell.raw_text, cell.value, cell.unit, cell.line_no, cell.ambiguous, cell.note)
        ]
    count, share = reading
    return [
        Cell(count_col, count, float(count), None, cell.line_no, note=NOTE),
        Cell(share_col, share + "%", float(share), "%", cell.line_no, note=NOTE),
    ]
