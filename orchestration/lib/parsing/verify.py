"""A table's column reading proven, or refuted, by the table's own arithmetic.

Before a table's columns hand their periods to its numbers, the reading is checked wherever the
table offers arithmetic: a change column equals (current − prior) / prior of the periods it names
(or current − prior in points, for rates); a share equals amount / total of its period; a gross
margin equals (revenue − cost) / revenue. A printed value is compared with the interval its
printed inputs allow (each rounded to its printed decimals), so rounding never reads as a
contradiction. A table whose reading fails is ``contradicted``: its facts keep their values with no
period and a finding records both readings. Nothing is ever resolved by guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from orchestration.lib.parsing.cleanup import normalise_label
from orchestration.lib.parsing.columns import ColumnReading
from orchestration.lib.parsing.metrics import map_metric
from orchestration.lib.parsing.model import Cell, Row, Table, TableFinding
from orchestration.lib.quality.precision import half_unit
from orchestration.lib.vocabulary.totals import GRAND_TOTAL_WORD, SUB_ITEM_ROW

# A verified table may still carry a misprint or two: more than this share of failing rows is a contradiction.
MAX_MISPRINT_SHARE = 0.2
MIN_ROWS_FOR_MISPRINTS = 5
_RATE_ROW = re.compile(r"率|比例|比重|占比|%")
_SHARE_REST = "占比"
# A 合计 that is the plain sum of the rows above in at least this many columns (and most of them) is a
# sum; where it fails everywhere it totals something else (a subset, a hierarchy) and proves nothing.
MIN_FITTING_TOTALS = 2
_AMOUNT_REST = re.compile(r"^(?:金额|余额|账面余额|账面价值|收入金额|成本金额)(?:\(.*\))?$")
_RATE_REST = re.compile(r"率|单价|价格|比例|平均|均价")


@dataclass(frozen=True, slots=True)
class _Check:
    name: str
    row: Row
    printed: Cell
    expected: float
    fits: bool
    reading: str
    other: str | None
    inputs: tuple[Cell, ...] = ()  # the cells the expected value was computed from


@dataclass(frozen=True, slots=True)
class Verdict:
    decided_by: str
    findings: list[TableFinding]
    doubtful: frozenset[int] = frozenset()  # id() of cells in rows failing a check of a verified table


def verify_table(table: Table, readings: list[ColumnReading]) -> Verdict:
    """How the table's columns are decided. Change, share and margin checks prove or refute which period
    and measure each column holds; a total that is not the sum of its parts proves nothing about the
    columns, so it only files a finding and marks its cells doubtful."""
    checks = [*_change_checks(table, readings), *_share_checks(table, readings), *_margin_checks(table, readings)]
    failed = [check for check in checks if not check.fits]
    totals_failed = [check for check in _total_checks(table, readings) if not check.fits]
    misfits = list(_kind_misfits(table, readings))
    if misfits:
        decided = "contradicted"  # a share column printing amounts: the columns are not what the header says
    elif not checks:
        periods = {reading.period for reading in readings if reading.period}
        decided = "header" if len(periods) <= 1 else "unverifiable"
    else:
        misprints = len(checks) >= MIN_ROWS_FOR_MISPRINTS and len(failed) <= MAX_MISPRINT_SHARE * len(checks)
        decided = "verified" if not failed or misprints else "contradicted"
    failed = misfits + failed + totals_failed
    doubtful = frozenset(id(cell) for check in failed for cell in (check.printed, *check.inputs))
    findings = [_finding(table, check, decided) for check in failed]
    return Verdict(decided, findings, doubtful)


def _finding(table: Table, check: _Check, decided: str) -> TableFinding:
    if check.name == "kind":
        detail = "the column holds numbers of another kind than its header names: its facts carry no period"
    elif check.name == "total":
        detail = "the total is not the sum of the rows above it: a misprint, or a row read wrong"
    elif decided == "verified":
        detail = "the row disagrees with a table whose other rows prove its columns: a misprint or a restated figure"
    else:
        detail = "the header's reading of the columns fails the table's arithmetic: its facts carry no period"
    return TableFinding(
        table_id=table.table_id, check=check.name, row_label=check.row.label or None, line_no=check.printed.line_no,
        printed=check.printed.value, expected=round(check.expected, 6), header_reading=check.reading,
        other_reading=check.other, detail=detail,
    )


def cell_at(row: Row, col: int) -> Cell | None:
    """The row's cell under column ``col`` when it prints a number."""
    cell = next((c for c in row.cells if c.col == col), None)
    return cell if cell is not None and cell.value is not None else None


def _half_step(cell: Cell) -> float:
    """Half the last printed digit: the rounding a printed value carries."""
    return half_unit(cell.raw_text)


def _relative(a: Cell, b: Cell) -> tuple[float, float] | None:
    """(a − b) / |b| in percent and how far rounding of a and b can move it."""
    if b.value == 0:
        return None
    x = (a.value - b.value) / abs(b.value) * 100
    spread = 100 * (_half_step(a) / abs(b.value) + abs(a.value) * _half_step(b) / b.value**2) * 1.01
    return x, spread


def change_fits(change: Cell, a: Cell, b: Cell, rate_row: bool) -> tuple[bool, float]:
    """Whether ``change`` is a's change on b (relative, or in points for a rate row), and the expected value."""
    relative = _relative(a, b)
    candidates = [relative] if relative else []
    if rate_row:
        candidates.append((a.value - b.value, _half_step(a) + _half_step(b)))
    for expected, spread in candidates:
        if abs(change.value - expected) <= spread + _half_step(change) + 1e-9:
            return True, expected
    return False, candidates[0][0] if candidates else float("nan")


def _columns_at(readings: list[ColumnReading], period: str | None, keep: Callable[[ColumnReading], bool]) -> list[int]:
    return [k for k, r in enumerate(readings) if r.period == period and not r.is_change and keep(r)]


def _change_checks(table: Table, readings: list[ColumnReading]) -> Iterator[_Check]:
    for k, reading in enumerate(readings):
        if not reading.change_of:
            continue
        current, prior = reading.change_of
        pairs = [
            (a, b)
            for a in _columns_at(readings, current, lambda r: r.rest != _SHARE_REST)
            for b in _columns_at(readings, prior, lambda r: r.rest != _SHARE_REST)
            if readings[a].rest == readings[b].rest
        ]
        if not pairs:
            continue
        a_col, b_col = pairs[0]
        for row in table.rows:
            change, a, b = cell_at(row, k), cell_at(row, a_col), cell_at(row, b_col)
            if change is None or a is None or b is None:
                continue
            rate_row = bool(_RATE_ROW.search(row.label)) or a.unit == "%"
            fits, expected = change_fits(change, a, b, rate_row)
            yield _Check(
                "change", row, change, expected, fits,
                f"{table.columns[k]} = {table.columns[a_col]} vs {table.columns[b_col]}",
                None if fits else _other_change_reading(table, row, change, k, rate_row), (a, b),
            )


def _other_change_reading(table: Table, row: Row, change: Cell, k: int, rate_row: bool) -> str | None:
    """The pair of columns whose change the printed value is, if any pair's is."""
    for a_col, a_name in enumerate(table.columns):
        for b_col, b_name in enumerate(table.columns):
            a, b = cell_at(row, a_col), cell_at(row, b_col)
            if a_col == b_col or k in (a_col, b_col) or a is None or b is None:
                continue
            if change_fits(change, a, b, rate_row)[0]:
                return f"{table.columns[k]} = {a_name} vs {b_name}"
    return None


def _share_checks(table: Table, readings: list[ColumnReading]) -> Iterator[_Check]:
    total = next((row for row in table.rows if GRAND_TOTAL_WORD.search(normalise_label(row.label))), None)
    if total is None:
        return
    for s_col, reading in enumerate(readings):
        if reading.rest != _SHARE_REST or reading.is_change:
            continue
        amounts = [a for a in _columns_at(readings, reading.period, lambda r: r.rest != _SHARE_REST) if a < s_col]
        if not amounts or (whole := cell_at(total, amounts[-1])) is None or whole.value == 0:
            continue
        a_col = amounts[-1]
        if (total_share := cell_at(total, s_col)) is not None and abs(total_share.value - 100) > 2 * _half_step(total_share):
            continue  # a top-5 list's 合计 is 99.32%: its shares are of a whole the table does not print
        for row in table.rows:
            share, part = cell_at(row, s_col), cell_at(row, a_col)
            if share is None or part is None or row is total:
                continue
            expected = part.value / whole.value * 100
            spread = 100 * (_half_step(part) / abs(whole.value) + abs(part.value) * _half_step(whole) / whole.value**2)
            fits = abs(share.value - expected) <= spread * 1.01 + _half_step(share) + 1e-9
            yield _Check(
                "share", row, share, expected, fits, f"{table.columns[s_col]} = {table.columns[a_col]} / {total.label}",
                None, (part,),
            )


def _margin_checks(table: Table, readings: list[ColumnReading]) -> Iterator[_Check]:
    by_metric: dict[tuple[str | None, str], int] = {}
    for k, reading in enumerate(readings):
        metric = map_metric(reading.rest) if reading.rest and not reading.is_change else None
        if metric in {"revenue", "operating_cost", "gross_margin"}:
            by_metric.setdefault((reading.period, metric), k)
    for (period, metric), m_col in by_metric.items():
        r_col, c_col = by_metric.get((period, "revenue")), by_metric.get((period, "operating_cost"))
        if metric != "gross_margin" or r_col is None or c_col is None:
            continue
        for row in table.rows:
            margin, revenue, cost = cell_at(row, m_col), cell_at(row, r_col), cell_at(row, c_col)
            if margin is None or revenue is None or cost is None or revenue.value == 0:
                continue
            expected = (revenue.value - cost.value) / revenue.value * 100
            spread = 100 * (_half_step(cost) / abs(revenue.value) + abs(cost.value) * _half_step(revenue) / revenue.value**2)
            fits = abs(margin.value - expected) <= spread * 1.01 + _half_step(margin) + 1e-9
            yield _Check(
                "margin", row, margin, expected, fits,
                f"{table.columns[m_col]} = 1 - {table.columns[c_col]} / {table.columns[r_col]}", None, (revenue, cost),
            )


def _total_checks(table: Table, readings: list[ColumnReading]) -> Iterator[_Check]:
    """A 合计 row equals the sum of the item rows since the table's start or the last group or total
    row, in every amount column; a block with sub-items (其中) or nested subtotals is left alone."""
    block: list[Row] = []
    for row in table.rows:
        label = normalise_label(row.label)
        if not any(cell.value is not None for cell in row.cells):
            block = []  # a group row (分行业) starts a new block
            continue
        if not GRAND_TOTAL_WORD.search(label):
            block.append(row)
            continue
        if len(block) >= 2 and not any(SUB_ITEM_ROW.match(normalise_label(r.label)) for r in block):
            sums = list(_column_sums(table, readings, row, block))
            fitting = sum(check.fits for check in sums)
            if fitting >= MIN_FITTING_TOTALS and fitting >= len(sums) - fitting:
                yield from sums  # the row is a plain sum in most columns: a column where it is not is suspect
        block = []


def _column_sums(table: Table, readings: list[ColumnReading], total: Row, parts: list[Row]) -> Iterator[_Check]:
    for col, reading in enumerate(readings):
        if reading.is_change or reading.rest == _SHARE_REST or (printed := cell_at(total, col)) is None:
            continue
        if printed.unit == "%" or _RATE_REST.search(reading.rest):
            continue
        cells = [cell_at(row, col) for row in parts]
        if any(cell is None for cell in cells):
            continue
        expected = sum(cell.value for cell in cells)
        spread = sum(_half_step(cell) for cell in cells) + _half_step(printed)
        fits = abs(printed.value - expected) <= spread * 1.01 + 1e-6
        yield _Check("total", total, printed, expected, fits, f"{table.columns[col]}: {total.label} = sum of rows", None, tuple(cells))


def _kind_misfits(table: Table, readings: list[ColumnReading]) -> Iterator[_Check]:
    """Cells that cannot be what their column's header names: a share (占比) over 100 printed without
    %, or a percentage under an amount (金额) column in a row that names no ratio."""
    for col, reading in enumerate(readings):
        if reading.is_change or not (reading.rest == _SHARE_REST or _AMOUNT_REST.match(reading.rest)):
            continue
        for row in table.rows:
            cell = cell_at(row, col)
            if cell is None:
                continue
            is_share = reading.rest == _SHARE_REST
            ratio_row = bool(_RATE_ROW.search(normalise_label(row.label)))  # 前五名占比 | 99.99% under 金额
            if (is_share and cell.unit is None and abs(cell.value) > 100) or (
                not is_share and cell.unit == "%" and not ratio_row
            ):
                yield _Check("kind", row, cell, float("nan"), False, f"{table.columns[col]} holds {cell.raw_text}", None)


def placed_by_total(table: Table, lone: Cell) -> bool:
    """A value its row printed without neighbours is proven in its column when the 合计 row under it
    misses exactly that value there and nothing in any other column.

    The parts are the top-level rows (row ids without a dot: 1, 2 … over 1.1, 1.2) above the total, or
    every row above it when the table prints no row ids; the tolerance is half a step of each printed part.
    """
    rows = table.rows
    at = next((i for i, row in enumerate(rows) if any(c is lone for c in row.cells)), None)
    if at is None:
        return False
    total = next((row for row in rows[at + 1 :] if GRAND_TOTAL_WORD.search(normalise_label(row.label))), None)
    if total is None:
        return False
    parts = [row for row in rows[: rows.index(total)] if not GRAND_TOTAL_WORD.search(normalise_label(row.label))]
    if any(row.row_id for row in parts):
        parts = [row for row in parts if row.row_id and "." not in row.row_id]
    for printed in total.cells:
        if printed.value is None:
            continue
        cells = [c for row in parts if (c := cell_at(row, printed.col)) is not None and c.value is not None]
        others = [c for c in cells if c is not lone]
        gap = printed.value - sum(c.value for c in others)
        tolerance = _half_step(printed) + sum(_half_step(c) for c in cells)
        expected = lone.value if printed.col == lone.col else 0.0
        if abs(gap - expected) > tolerance:
            return False
    return True
