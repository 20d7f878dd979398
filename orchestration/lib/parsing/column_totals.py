"""Run-together rows whose split the table's total line proves.

A row printed as ``…国有企业2023/11/202023/11/232479.932029.58尚未结转`` glues a date's day to an amount:
day 2 with 32479.93 or day 23 with 2479.93, and the calendar allows both; ``812000.00深圳…`` may be row 8
with 12000.00 or 812000.00.  A table whose rows end in a total line (``合计63785.9531773.91``) proves the
reading: the rows between the table's top (its unit caption, the sentence introducing it, the total line
of the table above) and the total add up to it in every amount column
under one choice of readings only.  Where a row prints fewer amounts than the total (a merged cell printed
once for two rows), the columns are not known, but every amount of the rows still adds up to the total
line's amounts together: under one choice of readings only, the values are read, their columns left open.
A share closing a run (``4300.008920.1932.53%``) is no amount the total sums; a lone dash before or after a
run (``-12000.00-``) may be an empty cell, and the total says which column the amount beside it fills.
Where no choice, or more than one, makes the sums hold, nothing is
proven and nothing is read here.
"""

from __future__ import annotations

import calendar
import re
from itertools import product

from orchestration.lib.vocabulary.totals import GRAND_TOTAL_ROW

_TOTAL_LINE = re.compile(rf"{GRAND_TOTAL_ROW.pattern}(?P<run>[\d.,]+)(?:-|—)*$")  # empty cells' dashes may follow
# Where a table's rows begin, looking up from its total line: its unit caption, the sentence that
# introduces it (…情况如下:) or the total line of the table above.
TABLE_TOP = re.compile(rf"单位[:：]|如下[:：]\s*$|{GRAND_TOTAL_ROW.pattern}")
# A number followed by its unit is prose inside a row's text (营业收入为2.37亿元), not a cell.
_UNIT_AFTER = re.compile(r"\s?[万亿千百元台套个架人家年月日天倍次条张卡米兆瓦‰]")
_RUN = re.compile(r"[\d.,]*\d")
_AMOUNT = re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*|0)\.\d\d")
_DATE_BEFORE = re.compile(r"(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/$")
_MARK_CHARS = 8  # how far before a run a date's year and month are looked for
_ROW_ID_WIDTHS = (1, 2)  # a row id glued before a line's first amount: 1 to 99
MAX_ROWS_ABOVE = 80  # lines from a total line up to its table's top (a wrapped PDF row spans a dozen)
MAX_READINGS = 4096  # choices of readings tried for one table
_ROUNDING = 0.005  # each printed two-decimal amount may be off by half a cent

Reading = tuple[tuple[int, str], ...]  # the amounts of one row line: (column on the line, printed text)
EMPTY = "-"  # an empty cell's dash: nothing to add, nothing to read


def proven_rows(lines: list[str]) -> dict[int, Reading]:
    """The amounts of each row line (1-based) that a total line below proves, for the lines that could be
    read more than one way."""
    proven: dict[int, Reading] = {}
    for index, line in enumerate(lines):
        if (total := _TOTAL_LINE.match(line.strip())) and (totals := _amounts(total["run"])):
            proven.update(_proven_block(lines, index, [float(t.replace(",", "")) for t in totals]))
    return proven


def _proven_block(lines: list[str], total_index: int, totals: list[float]) -> dict[int, Reading]:
    top = next(
        (
            i
            for i in range(total_index - 1, max(-1, total_index - MAX_ROWS_ABOVE), -1)
            if TABLE_TOP.search(lines[i])
        ),
        None,
    )
    if top is None:
        return {}
    every: list[tuple[int, list[Reading]]] = []
    for index in range(top + 1, total_index):
        readings = _line_readings(lines[index])
        if readings is None:
            return {}
        if readings:
            every.append((index + 1, readings))
    if not every:
        return {}
    rows = [(line_no, [r for r in readings if len(r) == len(totals)]) for line_no, readings in every]
    if all(readings for _, readings in rows):
        return _fitting(rows, lambda combo: _adds_up(combo, totals))
    return _fitting(
        [(line_no, _distinct_values(readings)) for line_no, readings in every],
        lambda combo: _grand_sum_holds(combo, totals),
    )


def _fitting(rows: list[tuple[int, list[Reading]]], fits) -> dict[int, Reading]:
    """The readings of the rows that could be read more than one way, where one choice of readings alone fits."""
    choices = 1
    for _, readings in rows:
        choices *= len(readings)
    if choices > MAX_READINGS or choices == 1:
        return {}
    fitting = [combo for combo in product(*(readings for _, readings in rows)) if fits(combo)]
    if len(fitting) != 1:
        return {}
    return {
        line_no: tuple(cell for cell in reading if cell[1] != EMPTY)
        for (line_no, readings), reading in zip(rows, fitting[0])
        if len(readings) > 1
    }


def _distinct_values(readings: list[Reading]) -> list[Reading]:
    """One reading per distinct run of amounts: where empty cells fall does not change what is summed."""
    distinct: dict[tuple[str, ...], Reading] = {}
    for reading in readings:
        distinct.setdefault(tuple(raw for _, raw in reading if raw != EMPTY), reading)
    return list(distinct.values())


def _grand_sum_holds(combo: tuple[Reading, ...], totals: list[float]) -> bool:
    """Every amount of the rows adds up to the total line's amounts together: a row printing fewer amounts than
    the total (a merged cell printed on another line) leaves its columns unknown, but a glued digit read as
    an amount's changes the sum by ten or more."""
    amounts = [_value(raw) for reading in combo for _, raw in reading]
    tolerance = _ROUNDING * (len(amounts) + len(totals))
    return abs(sum(amounts) - sum(totals)) <= tolerance


def _adds_up(combo: tuple[Reading, ...], totals: list[float]) -> bool:
    tolerance = _ROUNDING * (len(combo) + 1)
    return all(
        abs(sum(_value(reading[col][1]) for reading in combo) - total) <= tolerance
        for col, total in enumerate(totals)
    )


def _value(raw: str) -> float:
    return 0.0 if raw == EMPTY else float(raw.replace(",", ""))


def _line_readings(line: str) -> list[Reading] | None:
    """Every reading of the line's two-decimal amounts ([] when it prints none); None when a run of digits
    holding an amount cannot be read as amounts at all (a longer decimal, a date)."""
    per_run: list[list[Reading]] = []
    indent = len(line) - len(line.lstrip())
    for run in _RUN.finditer(line):
        if not re.search(r"\.\d\d", run.group()):
            continue
        following = line[run.end() : run.end() + 1]
        if following == ".":
            return None
        if _UNIT_AFTER.match(line, run.end()):
            continue
        share = following == "%"  # the run's last cell is a share, which no total sums
        readings = [
            padded
            for skip in _skips(line, run, indent)
            if (reading := _split(run.group()[skip:], run.start() + skip)) is not None
            for padded in _with_empty_cells(line, run, reading[:-1] if share else reading)
        ]
        if not readings:
            return None
        per_run.append(readings)
    return [tuple(a for part in combo for a in part) for combo in product(*per_run)] if per_run else []


def _with_empty_cells(line: str, run: re.Match[str], reading: Reading) -> list[Reading]:
    """The reading, and with the empty cell a lone dash printed right before or after the run may be
    (``-12000.00-``: nothing collected, 12000.00 to collect): a dash between digits is a range's or a date's."""
    before = (
        run.start() >= 1
        and line[run.start() - 1] == "-"
        and not line[run.start() - 2 : run.start() - 1].isdigit()
    )
    end = run.end() + (line[run.end() : run.end() + 1] == "%")
    after = line[end : end + 1] == "-" and not line[end + 1 : end + 2].isdigit()
    if not reading:
        return [reading]
    readings = [reading]
    if before:
        readings.append(((run.start() - 1, EMPTY), *reading))
    if after:
        readings += [(*r, (end, EMPTY)) for r in list(readings)]
    return readings


def _skips(line: str, run: re.Match[str], indent: int) -> list[int]:
    """How many leading digits of the run may be another cell's: a date's day the calendar allows, a row id
    opening the line, or none."""
    text = run.group()
    date = _DATE_BEFORE.search(line, max(0, run.start() - _MARK_CHARS), run.start())
    if date is not None and date.end() == run.start() and 1 <= (month := int(date["month"])) <= 12:
        last_day = calendar.monthrange(int(date["year"]), month)[1]
        return [w for w in (1, 2) if text[:w].isdigit() and 1 <= int(text[:w]) <= last_day]
    if run.start() == indent:
        return [0, *(w for w in _ROW_ID_WIDTHS if text[:w].isdigit() and text[0] != "0")]
    return [0]


def _split(text: str, column: int) -> Reading | None:
    """The amounts the text prints one after another, or None when it is not made of amounts only."""
    found = _amounts(text)
    if found is None:
        return None
    positions, at = [], column
    for amount in found:
        positions.append((at, amount))
        at += len(amount)
    return tuple(positions)


def _amounts(text: str) -> list[str] | None:
    found, position = [], 0
    while position < len(text) and (m := _AMOUNT.match(text, position)):
        found.append(m.group())
        position = m.end()
    return found if found and position == len(text) else None
