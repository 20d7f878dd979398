"""Columns whose header lost its measure words, read again from the table's own numbers.

A header printed over broken lines (``变动`` … ``幅度`` scattered after the periods) can leave two
columns with the same reading (``2024年度`` twice), one printing amounts and one percentages. The
percentage column is then not what the header says. Where its numbers equal, in every row, the
change between two amount columns of the table, arithmetic proves it a change column; where they
do not, nothing proves what it holds, so it keeps its values and loses its period.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from itertools import permutations

from orchestration.lib.parsing.columns import ColumnReading
from orchestration.lib.parsing.model import Table, TableFinding
from orchestration.lib.parsing.verify import cell_at, change_fits

MIN_PROVING_ROWS = 2


def reread_columns(table: Table, readings: list[ColumnReading]) -> tuple[list[ColumnReading], list[TableFinding]]:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for col, reading in enumerate(readings):
        if reading.period and not reading.is_change:
            groups[(reading.period, reading.rest)].append(col)
    percent = {col for cols in groups.values() if len(cols) > 1 for col in cols if _holds_percentages(table, col)}
    mixed = {col for cols in groups.values() if len(cols) > 1 and 0 < len(set(cols) & percent) < len(cols) for col in cols}
    amounts = [col for col, reading in enumerate(readings) if reading.period and col not in percent]
    reread, findings = list(readings), []
    for col in sorted(percent & mixed):
        pair = _proven_change(table, readings, col, amounts)
        if pair is not None:
            reread[col] = replace(readings[col], period=None, is_change=True, change_of=pair)
            continue
        reread[col] = replace(readings[col], period=None)
        findings.append(_finding(table, col))
    return reread, findings


def _holds_percentages(table: Table, col: int) -> bool:
    cells = [cell for row in table.rows if (cell := cell_at(row, col)) is not None]
    return bool(cells) and sum(cell.unit == "%" for cell in cells) * 2 > len(cells)


def _proven_change(
    table: Table, readings: list[ColumnReading], col: int, amounts: list[int]
) -> tuple[str, str] | None:
    """(current, prior) periods of the two amount columns whose change every row prints in ``col``."""
    for a, b in permutations(amounts, 2):
        if readings[a].period == readings[b].period:
            continue
        rows = [(cell_at(row, col), cell_at(row, a), cell_at(row, b)) for row in table.rows]
        rows = [cells for cells in rows if None not in cells]
        if len(rows) >= MIN_PROVING_ROWS and all(change_fits(c, x, y, False)[0] for c, x, y in rows):
            return readings[a].period, readings[b].period
    return None


def _finding(table: Table, col: int) -> TableFinding:
    return TableFinding(
        table_id=table.table_id, check="kind", row_label=None, line_no=table.line_start, printed=None, expected=None,
        header_reading=f"column {col + 1} ({table.columns[col]}) holds percentages beside amounts of the same label",
        other_reading=None,
        detail="the header lost this column's measure and no arithmetic proves it: its facts carry no period",
    )
