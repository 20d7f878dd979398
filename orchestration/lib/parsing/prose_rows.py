"""Amounts of table rows no table reader could read, left in the text as run-together lines.

A row extracted from a PDF with its cells interleaved ("…集成服务23458.001年以内第一期款…组合1226.2337.48%…")
is no sentence and no table the engines recognise. Its amounts are still printed with exactly two
decimals, so where the digits of two cells run together the two decimals say where the amount
ends: "23458.001年以内" is 23458.00 and the 1 of 1年以内, "1226.2337.48%" is 1226.23 and 37.48%.

What is read here is only the number: its column, and so its metric and period, is not known, so
each comes back ambiguous, with no unit, metric or period. A run whose split is not certain gives
nothing: one at the start of a line (a row id may be glued before the amount) unless the whole a total row
below implies proves its amount and share (``implied_whole``), one printing a
share over 100% (a count glued before a share), one a minus sign, an empty cell's dash, a date's day or a code's digits may open,
one that runs on into a dot (a date such as 2024.12.31), one whose amount a unit follows (prose reads
those with their unit).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

from orchestration.lib.parsing.implied_whole import proven_pair

# A run of digits and the punctuation numbers print, from a non-digit to a non-digit.
_RUN = re.compile(r"[\d.,%]+")
_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2}")
_PERCENT_LIMIT = 100.0
# What may print digits right before a run's amount: a sign or a dash, a date, a code or a number mark.
_CODE_BEFORE = re.compile(r"[-—－/:：#A-Za-z号第型]")
# What may follow an amount read here: the next cell's digits, text, a dash, a space, punctuation;
# never a unit or a letter, which make it prose's (with its unit) or a code's.
_UNIT_START = re.compile(r"[万亿元台套个架人家年月日天倍次项条张卡米兆瓦%‰A-Za-z]")
# Digits left after a run's last amount are the next cell's when that cell goes on after them: an age
# bucket (1年以内, 1-2年: its 年 is no unit of the amount), a date (2025/9/20), a year (2024年) or a
# marked clause (*自…);
# before anything else ("0.125，", "0.125元", "12.345%") they are the decimals of one number.
_NEXT_CELL = re.compile(r"年以[内上]|[-—~～]\d{1,2}(?![\d.])|[*/]")
# A date whose day runs on into an amount's digits: 2023/5/915500.00.
_DATE_GLUED = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)/(?P<month>\d{1,2})/(?P<digits>\d{2,})\.(?P<cents>\d\d)(?!%)")
_YEAR = re.compile(r"(?:19|20)\d{2}")  # a year cell (2024年) glued after the amount
_AFTER_CHARS = 4
# A lone two-decimal number in running text is prose's, not a row's, unless it runs into the next cell.
_MIN_AMOUNTS = 2


@dataclass(frozen=True, slots=True)
class RowNumber:
    line_no: int
    column: int  # 0-based offset of raw_text on its line
    raw_text: str
    value: float
    unit: str | None  # "%" for a share printed with its sign, else None


def glued_row_numbers(lines: list[str], skip_lines: set[int]) -> Iterator[RowNumber]:
    """Two-decimal amounts and percentages of the run-together lines outside ``skip_lines``."""
    for line_no, line in enumerate(lines, start=1):
        if line_no in skip_lines:
            continue
        indent = len(line) - len(line.lstrip())
        runs = [_numbers_of_run(line, run, line_no, indent) for run in _RUN.finditer(line)]
        found = _opening_pair(lines, line_no, indent) + [number for numbers, _ in runs for number in numbers]
        if len(found) >= _MIN_AMOUNTS or any(glued for _, glued in runs):
            yield from found


def date_glued_amounts(lines: list[str]) -> Iterator[RowNumber]:
    """Amounts glued after a date's day (``2023/5/915500.00``: founded 2023/5/9, capital 15500.00),
    where only one day fits: a day is 1 or 2 digits within its month and an amount opens with no
    redundant 0, so ``2023/8/210000.00`` is day 2 and 10000.00; ``2020/7/15500.00`` (day 1 or 15)
    gives nothing."""
    for line_no, line in enumerate(lines, start=1):
        if "/" not in line:
            continue
        for date in _DATE_GLUED.finditer(line):
            digits = date["digits"]
            days = [k for k in (1, 2) if _day_in_month(date, digits[:k]) and (digits[k] != "0" or k + 1 == len(digits))]
            if len(days) == 1:
                raw = digits[days[0] :] + "." + date["cents"]
                yield RowNumber(line_no, date.start("digits") + days[0], raw, float(raw), None)


def _day_in_month(date: re.Match[str], day: str) -> bool:
    year, month = int(date["year"]), int(date["month"])
    return 1 <= month <= 12 and 1 <= int(day) <= calendar.monthrange(year, month)[1]


def _opening_pair(lines: list[str], line_no: int, indent: int) -> list[RowNumber]:
    """An amount and its share opening the line, where the whole of the total row below proves them."""
    line = lines[line_no - 1]
    run = _RUN.match(line, indent) if line[indent : indent + 1].isdigit() else None
    pair = proven_pair(lines, line_no - 1, run.group()) if run else None
    if run is None or pair is None:
        return []
    amount, share = pair
    return [
        RowNumber(line_no, indent, amount, float(amount), None),
        RowNumber(line_no, indent + len(amount), share, float(share[:-1]), "%"),
    ]


def _numbers_of_run(line: str, run: re.Match[str], line_no: int, indent: int) -> tuple[list[RowNumber], bool]:
    """The run's amounts, and whether one runs on into the next cell's digits (a row, not a sentence)."""
    numbers = _amounts_of_run(line, run, line_no, indent)
    end = numbers[-1].column + len(numbers[-1].raw_text) if numbers else run.start()
    return numbers, bool(numbers) and end < run.end()


def _amounts_of_run(line: str, run: re.Match[str], line_no: int, indent: int) -> list[RowNumber]:
    start, text = run.start(), run.group()
    if start <= indent or _CODE_BEFORE.match(line[start - 1]):
        # a row id may open it; a minus sign or an empty cell's dash, the day of a date
        # (2025/4/30190.13) or the digits of a code or a model (型号1, HESJ003) may run into it
        return []
    numbers: list[RowNumber] = []
    position = 0
    while (amount := _AMOUNT.match(text, position)) is not None:
        end = amount.end()
        unit = "%" if text[end : end + 1] == "%" else None
        value = float(amount.group().replace(",", ""))
        if unit and value > _PERCENT_LIMIT:
            return []  # "30740.61%": a count glued before a share, split unknown
        raw = amount.group() + (unit or "")
        numbers.append(RowNumber(line_no, start + amount.start(), raw, value, unit))
        position = end + len(unit or "")
        if position < len(text) and not text[position].isdigit():
            return []  # "2024.12.31": a date, not amounts
    after = line[run.end() : run.end() + _AFTER_CHARS]
    if not numbers:
        return []
    if position == len(text):
        # "12.35万元" is prose's, with its unit; a share printed with its % takes no other (2.77%项目)
        return [] if _UNIT_START.match(after) and numbers[-1].unit is None else numbers
    # digits left over: the next cell's ("23458.001年以内"), or one number of more decimals ("0.125元")
    left = text[position:]
    next_cell = _NEXT_CELL.match(after) or (_YEAR.fullmatch(left) and after.startswith("年"))
    return numbers if left.isdigit() and next_cell else []
