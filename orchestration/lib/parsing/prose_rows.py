"""Amounts of table rows no table reader could read, left in the text as run-together lines.

A row extracted from a PDF with its cells interleaved ("…集成服务23458.001年以内第一期款…组合1226.2337.48%…")
is no sentence and no table the engines recognise. Its amounts are still printed with exactly two
decimals, so where the digits of two cells run together the two decimals say where the amount
ends: "23458.001年以内" is 23458.00 and the 1 of 1年以内, "1226.2337.48%" is 1226.23 and 37.48%.

A line whose only amount stands between other cells' text ("1 X公司 2024/10/18 40908.00 收后…") is such a
row too: prose reads numbers with their unit, and this one has none.

What is read here is only the number: its column, and so its metric and period, is not known, so
each comes back ambiguous, with no unit, metric or period. A run whose split is not certain gives
nothing: one at the start of a line (a row id may be glued before the amount) unless the whole a total row
below implies proves its amount and share (``implied_whole``), one printing a
share over 100% (a count glued before a share), one a minus sign, an empty cell's dash, a date's day or a code's digits may open,
one that runs on into a dot (a date such as 2024.12.31), one whose amount a unit follows, even after a
space (prose reads those with their unit).

Some of those splits are proven all the same: a row id glued before a line's first amount when the row
a few lines above printed the id before it apart from its text (1 … then 2 …); a date's day when the
calendar allows one day only (2025/2/313200.00: 2 月 31 日 does not exist); an aging bucket N-(N+1)
glued between two amounts (1090.001-21090.00); digits after a share's %, which closes it; any reading
the total line below proves, its rows adding up to it in every column under that reading only (``column_totals``);
a run opening its line when the row-id sequence allows no id there (row 55 above: 268.41 is no row 2); a
dash before a run proven no minus sign (``empty_cells``: a row of the same table printing its cells apart, or
the balance an aging bucket ages and its parts, never negative); a date's day where only one reading keeps
the amount after it within the row's aged balance (``aging``); one digit left after an amount where the rows
around print every amount with two decimals (``printed_precision``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

from orchestration.lib.parsing.aging import aged_balance_before
from orchestration.lib.parsing.column_totals import TABLE_TOP, proven_rows
from orchestration.lib.parsing.empty_cells import DASHES, dash_is_no_sign
from orchestration.lib.parsing.implied_whole import MAX_ID_DIGITS, proven_pair
from orchestration.lib.parsing.printed_precision import prints_two_decimals
from orchestration.lib.parsing.tables.split import expected_next_ids

# A run of digits and the punctuation numbers print, from a non-digit to a non-digit.
# A comma or a dot after a run is punctuation.  A whole percentage (30%, 70%) closes its cell: the digits
# glued after its % open the next cell's run (30%872.7790.00%: 872.77 and 90.00%).
_RUN = re.compile(r"\d{1,3}%(?=\d)|[\d.,%]*[\d%]")
_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2}")
_AMOUNT_START = re.compile(r"[1-9]|0\.")  # an amount never opens with a redundant 0
# A row id printed apart from its row's text ("1 X公司", "3理、运维服务"): one or two digits, then no
# digit nor any mark a number or a date prints.
_ROW_ID_OPENING = re.compile(r"\d{1,2}(?![\d.,%/年月日个-])")
_ROW_ID_REACH = 24  # lines from one numbered row to the next: a wrapped row of a PDF table spans a dozen
_MARK_CHARS = 10  # how far before a run a date's year and month or a bucket's low end are looked for
_BUCKET_BEFORE = re.compile(r"\.\d{2}(?P<low>\d)-$")  # an amount's decimals, then the low end of 1-2年
_YEAR_RANGE_BEFORE = re.compile(r"(?<!\d)(?P<low>(?:19|20)\d{2})-$")  # the low end of 2024-2025
_DATE_BEFORE = re.compile(r"(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/$")
_PERCENT_LIMIT = 100.0
# What may print digits right before a run's amount: a sign or a dash, a date, a code or a number mark.
# Not 第: an ordinal's digits are followed by its counter (第1期, 第2年), never by an amount's digits, so a
# run glued after 第 (佛冈县第169.611年以内) is the amount's alone.
_CODE_BEFORE = re.compile(r"[-—－/:：#A-Za-z号型]")
# What may follow an amount read here: the next cell's digits, text, a dash, a space, punctuation;
# never a unit or a letter, which make it prose's (with its unit) or a code's. 项 is left out: no one counts
# items in hundredths, and 项目 opens many a next cell ("13200.00项目服务内容").
_UNIT_START = re.compile(r"[万亿元台套个架人家年月日天倍次条张卡米兆瓦%‰A-Za-z]")
# Digits left after a run's last amount are the next cell's when that cell goes on after them: an age
# bucket (1年以内, 1-2年: its 年 is no unit of the amount), a date (2025/9/20), a year (2024年) or a
# marked clause (*自…) or a rounded amount (10余亿元: no amount's decimals go on with 余);
# before anything else ("0.125，", "0.125元", "12.345%") they are the decimals of one number.
_NEXT_CELL = re.compile(r"年以[内上]|[-—~～]\d{1,2}(?![\d.])|[*/]|余[万亿]?元")
_YEAR = re.compile(r"(?:19|20)\d{2}")  # a year cell (2024年) glued after the amount
_AFTER_CHARS = 4
_YEAR_WITHIN = "年以内"  # the first aging bucket's text after its 1 (1年以内)
_YEARS_OVER = "年以上"  # the last aging bucket's text after its digit (5年以上)
_MONEY_AFTER = re.compile(r"\s?[万亿元%‰]")
_STATED_BY = re.compile(r"(?:为|达到|达|约|合计|共计|总计|是)$")
_TWO_DECIMALS = re.compile(r"\.\d\d")  # the cheap test of a line that may hold an amount


@dataclass(frozen=True, slots=True)
class RowNumber:
    line_no: int
    column: int  # 0-based offset of raw_text on its line
    raw_text: str
    value: float
    unit: str | None  # "%" for a share printed with its sign, else None


def glued_row_numbers(lines: list[str], skip_lines: set[int]) -> Iterator[RowNumber]:
    """Two-decimal amounts and percentages of the run-together lines outside ``skip_lines``."""
    printed_id: tuple[int, str] | None = None  # the last row id printed apart from its row's text, and its line
    by_total = proven_rows(lines)
    for line_no, line in enumerate(lines, start=1):
        if line_no in skip_lines:
            continue
        indent = len(line) - len(line.lstrip())
        if line_no in by_total:  # read one way only by the table's total line
            yield from (RowNumber(line_no, at, raw, float(raw.replace(",", "")), None) for at, raw in by_total[line_no])
            continue
        if not _TWO_DECIMALS.search(line):
            continue  # every amount read here, and every proven pair, prints two decimals
        glued_id = _next_row_id(line[indent:], line_no, printed_id)
        no_id = glued_id is None and _no_row_id_fits(lines, line_no, indent, printed_id)
        head = _row_head(lines, line_no, indent, printed_id)
        pair = _opening_pair(lines, line_no, indent)  # the run it opens with is read, the others as ever
        runs = [
            _numbers_of_run(
                lines, run, line_no, indent, glued_id, _clear_before(lines, line_no, run.start(), indent, no_id), head
            )
            for run in _RUN.finditer(line)
            # most runs are years, dates and counts: no amount to read, and no need to ask what is before them
            if not (pair and run.start() == indent) and _TWO_DECIMALS.search(run.group())
        ]
        found = pair + [number for numbers, _ in runs for number in numbers]
        if len(found) > 1 or any(glued for _, glued in runs) or found and _is_lone_cell(line, found[0]):
            yield from found
            if opening := _ROW_ID_OPENING.match(line, indent):
                printed_id = (line_no, opening.group())


def _next_row_id(text: str, line_no: int, printed_id: tuple[int, str] | None) -> str | None:
    """The row id glued before a run that opens its line, when a row a few lines above printed the id
    before it apart from its text (1 X公司 113121.93 … then 27433.63: row 2, 7433.63). Without such a
    row nothing says whether the first digit is an id or the amount's."""
    if printed_id is None or line_no - printed_id[0] > _ROW_ID_REACH or not text[:1].isdigit():
        return None
    fitting = [
        row_id for row_id in expected_next_ids(printed_id[1])
        if text.startswith(row_id) and _AMOUNT_START.match(text, len(row_id)) and _AMOUNT.match(text, len(row_id))
    ]  # fmt: skip
    return fitting[0] if len(fitting) == 1 else None


def _clear_before(lines: list[str], line_no: int, start: int, indent: int, no_id: bool) -> bool:
    """Whether the table's structure proves that nothing before a run is another cell's digits or sign."""
    if start <= indent:
        return no_id
    return lines[line_no - 1][start - 1] in DASHES and dash_is_no_sign(lines, line_no, start - 1)


def _row_head(lines: list[str], line_no: int, indent: int, printed_id: tuple[int, str] | None) -> str:
    """The first line of the numbered row this line goes on with (it opens with no id of its own, and no table
    top came between), or "" when it starts a row or nothing says which row it is."""
    line = lines[line_no - 1]
    if printed_id is None or line_no - printed_id[0] > _ROW_ID_REACH or line[indent : indent + 1].isdigit():
        return ""
    if any(TABLE_TOP.search(text) for text in lines[printed_id[0] : line_no - 1]):
        return ""
    return lines[printed_id[0] - 1]


def _no_row_id_fits(lines: list[str], line_no: int, indent: int, printed_id: tuple[int, str] | None) -> bool:
    """No row id can open a run that opens its line when a row a few lines above, in the same table, printed
    its id apart (55 联通…) and every id the run's first digits could be is below it: ids only go up, so
    the line goes on with rows already numbered (268.4118.39%: 268.41 and 18.39%, not row 2 or 26). A 1
    could start a numbering again, so a run opening with 1 is left alone."""
    text = lines[line_no - 1][indent:]
    if printed_id is None or line_no - printed_id[0] > _ROW_ID_REACH or not text[:1].isdigit() or text[0] == "1":
        return False
    if any(TABLE_TOP.search(line) for line in lines[printed_id[0] : line_no - 1]):
        return False
    top_level = int(printed_id[1].split(".")[0])
    return all(int(text[:width]) < top_level for width in range(1, MAX_ID_DIGITS + 1) if text[:width].isdigit())


def _opening_pair(lines: list[str], line_no: int, indent: int) -> list[RowNumber]:
    """An amount and its share opening the line (after a glued row id), where the whole of the total row
    below proves them."""
    line = lines[line_no - 1]
    run = _RUN.match(line, indent) if line[indent : indent + 1].isdigit() else None
    # a share closes at its %: digits after it are the next cell's (72.94%2024年)
    pair = proven_pair(lines, line_no - 1, run.group()[: run.group().index("%") + 1]) if run and "%" in run.group() else None
    if run is None or pair is None:
        return []
    cut, amount, share = pair
    return [
        RowNumber(line_no, indent + cut, amount, float(amount), None),
        RowNumber(line_no, indent + cut + len(amount), share, float(share[:-1]), "%"),
    ]


def _is_lone_cell(line: str, number: RowNumber) -> bool:
    """A line's only amount is a cell of a row whose layout was lost ("1 X公司 2024/10/18 40908.00 收后")
    unless prose claims it: a share (prose reads it with its ``%``) or an amount closing its line right
    after a verb that states it ("净利润分别为267.38"), whose unit the next line prints."""
    if number.unit:
        return False
    closes = line.rstrip().endswith(number.raw_text)
    return not (closes and _STATED_BY.search(line, max(0, number.column - _MARK_CHARS), number.column))


def _numbers_of_run(
    lines: list[str], run: re.Match[str], line_no: int, indent: int, glued_id: str | None = None, clear: bool = False,
    head: str = "",
) -> tuple[list[RowNumber], bool]:
    """The run's amounts, and whether one runs on into the next cell's digits (a row, not a sentence)."""
    numbers = _amounts_of_run(lines, run, line_no, indent, glued_id, clear, head)
    end = numbers[-1].column + len(numbers[-1].raw_text) if numbers else run.start()
    return numbers, bool(numbers) and end < run.end()


def _glued_day(line: str, start: int, text: str, head: str = "") -> int | None:
    """How many digits of a run glued after a date's month (2025/1/613050.00) are its day, when the
    calendar allows one reading only: 2025/1/6 (day 61 does not exist), 2025/2/3 (nor does 2 月 31 日); or,
    where it allows both, when the row ages a balance before the date and one reading alone leaves the amount
    within it (2023/12/2815.00 under 387.84: day 28 and 15.00, not day 2 and 815.00): what a row prints after
    its balance is a part of it (overdue, collected). ``head`` is the row's first line when this line goes on
    with it, where its balance may be printed."""
    date = _DATE_BEFORE.search(line, max(0, start - _MARK_CHARS), start)
    if date is None or date.end() != start or not 1 <= (month := int(date.group("month"))) <= 12:
        return None
    last_day = calendar.monthrange(int(date.group("year")), month)[1]
    days = [
        width for width in (1, 2)
        if text[:width].isdigit() and 1 <= int(text[:width]) <= last_day and _AMOUNT_START.match(text, width)
    ]  # fmt: skip
    balance = aged_balance_before(line, date.start())
    if balance is None and head:
        balance = aged_balance_before(head, len(head))
    if len(days) == 2 and balance is not None:
        days = [width for width in days if (amount := _AMOUNT.match(text, width)) and float(amount.group()) <= balance]
    return days[0] if len(days) == 1 else None


def _amounts_of_run(
    lines: list[str], run: re.Match[str], line_no: int, indent: int, glued_id: str | None = None, clear: bool = False,
    head: str = "",
) -> list[RowNumber]:
    """``clear``: the table's structure proves that nothing before the run's first digit is another cell's
    (no row id can open it, or the dash before it is an empty cell)."""
    line = lines[line_no - 1]
    start, text = run.start(), run.group()
    if start <= indent and glued_id:
        start, text = start + len(glued_id), text[len(glued_id) :]
    elif not clear:
        skip = _glued_day(line, start, text, head) or _glued_bucket_end(line, start, text) or _glued_year_range_end(line, start, text)
        if skip is None and (start <= indent or _CODE_BEFORE.match(line[start - 1])):
            # a row id may open it; a minus sign or an empty cell's dash, the day of a date
            # (2025/4/30190.13: 3 or 30) or the digits of a code or a model (型号1, HESJ003) may run into it
            return []
        start, text = start + (skip or 0), text[skip or 0 :]
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
    left = text[position:]
    if numbers[-1].unit == "%" and (not left or left.isdigit()):
        return numbers  # a share closes at its %: what follows ("9.50%2024", "32.53%项目") is the next cell's
    if position == len(text):
        return [] if _UNIT_START.match(after.lstrip()) else numbers  # "12.35 万元" is prose's, with its unit
    # digits left over: the next cell's ("23458.001年以内"), or one number of more decimals ("0.125元")
    next_cell = _NEXT_CELL.match(after) or (_YEAR.fullmatch(left) and after.startswith("年"))
    bucket = _opens_age_bucket(left, after) or _opens_bucket_printed_later(left, line, run.end())
    glued_digit = _digit_of_next_cell(left, after) and prints_two_decimals(lines, line_no)
    return numbers if left.isdigit() and (next_cell or bucket or glued_digit) else []


def _digit_of_next_cell(left: str, after: str) -> bool:
    """One digit left after an amount, with no unit after it, may be the next cell's: it is where the table
    prints every amount with two decimals (566.001: 566.00 and the 1 of a wrapped 1年以内)."""
    return len(left) == 1 and left.isdigit() and not _UNIT_START.match(after.lstrip())


def _opens_age_bucket(left: str, after: str) -> bool:
    """The digit left after an amount opens an aging bucket N-(N+1) (1-2年, 2-3年) when the next run starts
    with N+1 after the dash, even with the next cell's digits glued to it ("1090.001-21090.00")."""
    return len(left) == 1 and after.startswith(f"-{int(left) + 1}")


def _opens_bucket_printed_later(left: str, line: str, end: int) -> bool:
    """The digit left after an amount opens an aging bucket (1年以内, 5年以上) when a PDF conversion printed
    the bucket's 年以内 or 年以上 further on the row's line ("139.481合同签订后…集成服务合同年以内组合"), and no
    money unit or percent follows the digit (12.341万元 is one number of three decimals)."""
    if len(left) != 1 or _MONEY_AFTER.match(line, end):
        return False
    rest = line[end:]
    return left == "1" and _YEAR_WITHIN in rest or left != "0" and _YEARS_OVER in rest


def _glued_year_range_end(line: str, start: int, text: str) -> int | None:
    """How many digits of a run close a range of years printed before it: "2024-2025139.79" is 2024-2025
    and 139.79 (the run after a dash opens with the next year). None when the run does not follow such a range."""
    low = _YEAR_RANGE_BEFORE.search(line, max(0, start - _MARK_CHARS), start)
    if low is None or low.end() != start:
        return None
    high = str(int(low.group("low")) + 1)
    return len(high) if text.startswith(high) and _AMOUNT_START.match(text, len(high)) else None


def _glued_bucket_end(line: str, start: int, text: str) -> int | None:
    """How many digits of a run are the upper bound of an aging bucket opened by the amount before it:
    "1090.001-21090.00" is 1090.00, 1-2 and 1090.00. None when the run does not follow such a bucket."""
    bucket = _BUCKET_BEFORE.search(line, max(0, start - _MARK_CHARS), start)
    if bucket is None or bucket.end() != start:
        return None
    upper = str(int(bucket.group("low")) + 1)
    return len(upper) if text.startswith(upper) and _AMOUNT_START.match(text, len(upper)) else None
