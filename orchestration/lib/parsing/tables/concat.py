"""Tables scraped from web pages, where cells are printed with no separator at all.

A line is ``[row id][label]<numbers run together>[start of the next row's label]``, and a
scrape may print several rows on one line.  Each run is split by ``split.split_run`` under
the header's column count (``headers.header_columns`` names the columns); text trailing the
numbers and label-only lines are the wrapped or interleaved labels of neighbouring rows
(``labels``); row ids printed after a label are read by ``rowids``; a row printing fewer
values than columns is placed by ``place``.
"""

from __future__ import annotations

import functools
import re

from ..columns import is_change_label
from ..model import Cell, Row, Table
from .arith import QUOTIENT_RULE, choose_by_arithmetic, whole_numbers_by_quotient
from .caption import strip_unit
from .count_shares import split_counts_from_shares
from .headers import (
    header_columns,
    is_period_header,
    period_labels,
    split_glued_header,
    strip_page_id,
    text_after_periods,
)
from .labels import RawRow, join_labels
from .numbers import COUNT_UNITS, NOT_APPLICABLE, Number
from .place import place_by_kind
from .rowids import strip_sequence_ids
from .split import ROW_ID_RULE, KnownSplits, Split, describe, most_cells, split_run, split_with_ranges

# Numbers, signs, empty marks and count units between digits; single spaces allowed inside.
# A bracketed negative amount, (1,234.56) or （1,234.56）, is one piece of a run; any other bracket is
# a label's (（1）, （2023年）, a closing bracket after a value).
_BRACKETED_AMOUNT = r"[(（]\d[\d,]*\.\d\d[)）]"
# 不适用 between two values is a cell of the run that prints no value (a change over a loss).
RUN = re.compile(
    rf"(?:-*\d|{_BRACKETED_AMOUNT})(?:[\d.,%\-—]|{_BRACKETED_AMOUNT}"
    rf"|(?<=\d) ?[{COUNT_UNITS}](?= ?(?:[\d\-—]|{_BRACKETED_AMOUNT})|$)| (?=[\d\-]|{_BRACKETED_AMOUNT})"
    rf"|(?<=[\d%)）]){NOT_APPLICABLE}(?=-?\d|{_BRACKETED_AMOUNT}))*%?"
)
# A row id, not the number a label starts with (1年以内, 1-2年, 5G).
_LEADING_ID = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,2}|[(（]\d{1,2}[)）]|[①-⑳])(?= |[^\d.,%\s年月日天个期季次\-~至A-Za-z])"
)
# Headings end a table: 1)  (1)  一、  2、  *硬件购置费
_HEADING = re.compile(r"^(?:\d{1,2}[)）、]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]+、|[*①-⑳])")
_PROSE = re.compile(r"[。；;：:，]|[,，](?=\D)")
# A short lead-in before a colon belongs to the label (其中:外购劳务, 成本:直接材料, 减:…).
_LABEL_LEAD = re.compile(r"^[\u4e00-\u9fff]{1,4}[:：]")
_LOW_HIGH = re.compile(r"\d\.\d\d-\d+\.\d\d(?![\d%])")  # 0.57-0.66: a range, or an amount and a negative one
# A dash between two numbers (no space) in a row whose text goes on to a price per unit (230.00-255.00万元/台)
# prints a range: no column of prices per unit prints a negative price.
_DIGIT_DASH_DIGIT = re.compile(r"\d-\d")
_PRICE_UNIT = re.compile(r"(?:万|亿)?元/")
RANGE_NOTE = "a dash between two numbers of a row of prices per unit prints a range, not a negative value; columns unproven"
_RANGE_TEXT = re.compile(r"\d[\d,]*\.\d+-\d[\d,]*\.\d+")
_DATE_BEFORE = re.compile(r"(?:19|20)\d\d/\d{1,2}/$")
# A run ending in a point before letters is a security's code (600186.SH), not a price beside it.
_CODE_AFTER = re.compile(r"(?<=\.)[A-Za-z]")
# A security's code in a line of label text (莲花控股(600186.SH)).
_SECURITY_CODE = re.compile(r"[(（]?\d{4,6}\.[A-Z]{2}[)）]?")
_DATE_WORDS = ("年", "月", "日", "号", "期")  # 2024年 is a date in a label, not a value
_YEAR = re.compile(r"(?:19|20)\d\d")
MAX_LABEL_WIDTH = 40
MAX_HEADER_CHARS = 60

# A share column's name; the whole is 100 (percent), so a share never prints more.
_SHARE_NAME = re.compile(r"(?:占比|比例|比重)(?:\(%\))?$")
_WHOLE_PERCENT = 100.0


def _value_runs(text: str) -> list[re.Match[str]]:
    """Runs that read as values: not a year, not a number followed by a date word (2024年),
    unless the run prints two-decimal amounts or percentages, which no date does; not a run a
    date's day opens (``2007/7/1623014.38``: day 1 or 16), whose amount ``prose_rows`` reads
    only where one day fits."""
    return [
        m
        for m in RUN.finditer(text)
        if _is_values(m.group().strip())
        and (_PRINTED_VALUE.search(m.group()) or not text[m.end() :].lstrip().startswith(_DATE_WORDS))
        and not _DATE_BEFORE.search(text, max(0, m.start() - len("2024/12/")), m.start())
    ]


@functools.lru_cache(maxsize=1 << 14)  # asked of a row line by detection, by its row count and by the reader
def _row_runs(text: str) -> tuple[re.Match[str], ...]:
    """The longest run and every other run of two or more self-delimiting values (rows printed
    on one line: ``租赁负债(…83861.877757.70…期的租赁负债)长期应付款(…125469.448131.32…``)."""
    runs = _value_runs(text)
    if not runs:
        return ()
    # a security's code (002261.SZ) is a row's value only when the line prints nothing else
    longest = max(runs, key=lambda m: (not _CODE_AFTER.match(text, m.end()), len(m.group())))
    return tuple(m for m in runs if m is longest or len(_CELL_END.findall(m.group())) >= MIN_RUN_CELLS)


_DIGIT = re.compile(r"\d")
_PRINTED_VALUE = re.compile(r"\d\.\d\d(?!\d)|\d%")
# Where a printed cell ends: two decimals, a percent sign, an empty mark.  A lone ``10%`` in a
# label (销售率提升10%) is not a row of its own.
_CELL_END = re.compile(r"\.\d\d|\d%|--?(?!\d)")
MIN_RUN_CELLS = 2


_VALUE_MARK = re.compile(rf"\.\d\d|%|\d[{COUNT_UNITS}]|\d{{3}}|^[-—]+$")


def _is_values(run: str) -> bool:
    if _YEAR.fullmatch(run):
        return False  # a bare 2023 in a label or in wrapped prose is a year
    return bool(_VALUE_MARK.search(run))


def _is_label_text(text: str) -> bool:
    return not _PROSE.search(_LABEL_LEAD.sub("", text.strip()))


@functools.lru_cache(maxsize=1 << 14)  # region detection asks again of each line it grows over
def is_row_line(line: str) -> bool:
    """A label with numbers run together and no sentence punctuation outside them."""
    text = line.strip()
    if not _DIGIT.search(text):
        return False  # every run of values prints a digit: most lines of prose are ruled out by one search
    if "\t" in line or _PROSE.search(_LABEL_LEAD.sub("", text)) or is_period_header(text):
        return False  # sentence punctuation never sits inside a run of values
    runs = _row_runs(text)
    if not runs:
        return False
    bounds = [0, *(k for m in runs for k in (m.start(), m.end())), len(text)]
    pieces = [text[a:b] for a, b in zip(bounds[::2], bounds[1::2])]
    return all(_is_label_text(p) and len(p) <= MAX_LABEL_WIDTH for p in pieces)


def rows_in(line: str) -> int:
    """How many rows a row line prints (several when rows run together on one line)."""
    return len(_row_runs(line.strip()))


def is_fragment(line: str) -> bool:
    """A short label-only line inside a table (``(台)``, ``机柜租赁``, ``莲花控股(600186.SH)``)."""
    text = _SECURITY_CODE.sub("", line.strip())
    return (
        0 < len(text) <= 16
        and _is_label_text(text)
        and not _HEADING.match(text)
        and not re.search(r"\d{2}", text)
    )


def is_label_above_row(line: str, below: str) -> bool:
    """A whole label printed on its own line over its row's values (``…扣除非经常性损益的净利润`` over
    ``15361926.40…``): longer than a fragment, it is still no sentence, and the line below opens with values."""
    text = line.strip()
    if not (0 < len(text) <= MAX_LABEL_WIDTH and _is_label_text(text)):
        return False
    if _HEADING.match(text) or re.search(r"\d{2}", text) or not is_row_line(below):
        return False
    runs = _row_runs(below.strip())
    return bool(runs) and runs[0].start() == 0


def is_header_text(line: str) -> bool:
    """A run-together header such as ``序号费用名称金额占比拟使用募集资金``: short, no numbers, no prose."""
    text = strip_page_id(line.strip())
    return 0 < len(text) <= MAX_HEADER_CHARS and not _PROSE.search(text) and not re.search(r"\d{2}", text)


def _read_rows(index: int, text: str) -> list[RawRow]:
    """One row per run of values on the line.  Text after a run first closes the row's open
    bracket (``租赁负债(包含一年内到`` … ``期的租赁负债)``); the rest starts the next row's label."""
    runs = _row_runs(text)
    rows: list[RawRow] = []
    head = text[: runs[0].start()].strip()
    for k, run in enumerate(runs):
        after = text[run.end() : runs[k + 1].start() if k + 1 < len(runs) else len(text)].strip()
        row_id = None
        if m := _LEADING_ID.match(head):
            row_id, head = m.group(), head[m.end() :].strip()
        tail, head_next = _close_bracket(head, after)
        last = k + 1 == len(runs)
        prices_a_range = bool(_DIGIT_DASH_DIGIT.search(run.group()) and _PRICE_UNIT.search(after))
        rows.append(RawRow(index, row_id, head + tail, run.group(), head_next if last else "", prices_a_range))
        head = head_next
    return rows


def _close_bracket(label: str, after: str) -> tuple[str, str]:
    """Split the text after a run into the end of ``label``'s open bracket and the next label."""
    opened = label.count("(") + label.count("（") - label.count(")") - label.count("）")
    if opened <= 0:
        return "", after
    close = min((i for i in (after.find(")"), after.find("）")) if i >= 0), default=-1)
    return (after[: close + 1], after[close + 1 :]) if close >= 0 else ("", after)


def _cells(split: Split, count: int | None, line_no: int, columns: list[str] | None = None) -> list[Cell]:
    if split.numbers is None:
        note = describe(split.candidates) if split.candidates else "no split matches the printed formats"
        if split.rule:
            note = f"{split.rule}; {note}"
        return [Cell(0, split.raw, None, None, line_no, ambiguous=True, note=note)]
    placed = place_by_kind(split.numbers, count, columns or [])
    short = count is not None and len(split.numbers) < count and placed is None
    cols = placed or list(range(len(split.numbers)))
    note = "fewer values than columns: placed from the left" if short else _rule_note(split)
    if placed and count is not None and len(split.numbers) < count:
        note = "fewer values than columns: placed by the kind of each column"
    return [
        end
        for col, n in zip(cols, split.numbers)
        for end in _range_ends(Cell(col, n.raw, n.value, n.unit, line_no, ambiguous=short, note=note))
    ]


def _range_ends(cell: Cell) -> list[Cell]:
    """A range printed in one cell (``0.57-0.66``) is its two ends, each a value in the cell's column,
    with the doubt that a range is no single value of that column (so no period)."""
    if cell.value is not None or not _RANGE_TEXT.fullmatch(cell.raw_text):
        return [cell]
    note = f"one end of the range {cell.raw_text} printed in one cell"
    return [
        Cell(cell.col, end, float(end.replace(",", "")), cell.unit, cell.line_no, ambiguous=True, note=note)
        for end in cell.raw_text.split("-")
    ]


def _price_range_cells(raw: RawRow) -> list[Cell]:
    """A run of prices with ranges (``20.0021.9020.00-22.68万元/台``): each price and each end of a
    range is a value, in printed order; which column holds which is not proven (a range fills one
    cell, and such rows print fewer cells than the header), so every one keeps that doubt.  A run
    not read one way only is kept, unread, with why."""
    numbers = split_with_ranges(raw.run)
    if numbers is None:
        return [Cell(0, raw.run, None, None, raw.index + 1, ambiguous=True, note=RANGE_NOTE)]
    ends = [end for n in numbers for end in (n.raw.split("-") if n.value is None else [n.raw])]
    return [
        Cell(col, end, float(end.rstrip("%").replace(",", "")), "%" if end.endswith("%") else None,
             raw.index + 1, ambiguous=True, note=RANGE_NOTE)
        for col, end in enumerate(ends)
    ]  # fmt: skip


def _rule_note(split: Split) -> str | None:
    return f"split by {split.rule}" if split.rule else None


def parse_concat(
    lines: list[str], start: int, first_row: int, end: int, skipped: frozenset[int] = frozenset()
) -> Table | None:
    """The table with header ``lines[start:first_row]`` and rows in ``lines[first_row:end]``,
    less the ``skipped`` lines (a header repeated after a page break)."""
    header_lines = [strip_unit(strip_page_id(lines[i].strip())) for i in range(start, first_row)]
    header = "".join(header_lines)
    raws: list[RawRow] = []
    items: list[RawRow | str] = []
    for i in range(first_row, end):
        text = strip_page_id(lines[i].strip())
        if is_period_header(text) or not text or text in header_lines or i in skipped:
            continue  # a header repeated after a page break
        if is_row_line(text):
            found = _read_rows(i, text)
            raws += found
            items += found
        elif is_fragment(text) or (i + 1 < end and is_label_above_row(text, strip_page_id(lines[i + 1].strip()))):
            items.append(text)
    if not raws:
        return None
    if glued := split_glued_header(raws[0].label):
        header_lines.append(glued[0])
        header, raws[0].label = header + glued[0], glued[1]
    strip_sequence_ids(raws)
    known: KnownSplits = {}
    count = _column_count(header, raws, known)
    header_label, columns, lead = header_columns(header_lines, count) if count else (header or None, [], "")
    rows, splits, prev_id = [], [], None
    for raw, label in zip(raws, join_labels(items, lead)):
        split = split_run(
            raw.run, count, prev_id, glued_id=not raw.label and raw.row_id is None, known=known,
            numbering_open=prev_id is not None or not rows,
        )  # fmt: skip
        row_id = raw.row_id or (None if raw.prices_a_range else split.row_id)
        prev_id = row_id or prev_id
        cells = _price_range_cells(raw) if raw.prices_a_range else _cells(split, count, raw.index + 1, columns)
        rows.append(Row(label=label, row_id=row_id, line_no=raw.index + 1, cells=cells))
        splits.append(split)
    _unglue_unproven_row_ids(raws, rows, splits, count, known, columns)
    _settle_by_arithmetic(rows, splits, count)
    columns = _periods_by_value_kinds(columns, header_lines, rows)
    columns = _shares_over_percentages(columns, period_labels(header), rows)
    columns = split_counts_from_shares(header_lines, columns, rows)
    return Table("", "concat", start + 1, end, None, None, columns, rows, header_label)


def _unglue_unproven_row_ids(
    raws: list[RawRow], rows: list[Row], splits: list[Split], count: int | None, known: KnownSplits, columns: list[str]
) -> None:
    """Row ids read off the front of rows' values only because the numbering expects them stand when
    the numbering runs from the table's first row over two ids or more.  A lone 1 is no sequence
    (``1357.962.65%`` is 1357.96 and 2.65%; so is a 1 whose row prints its own id apart), nor are
    1, 2 starting below rows printed without ids (``12369.46`` under unnumbered rows is not row 1
    with 2369.46): such rows are read again without an id, and left unread if that reading is not
    certain.  Other evidence (values repeated across years) still stands."""
    numbered = [k for k, row in enumerate(rows) if row.row_id]
    if numbered and numbered[0] == 0 and len({rows[k].row_id for k in numbered}) >= 2:
        return
    for k in numbered:
        if raws[k].row_id is None and splits[k].rule == ROW_ID_RULE and not raws[k].prices_a_range:
            splits[k] = split_run(raws[k].run, count, None, glued_id=False, known=known)
            rows[k].row_id = None
            rows[k].cells = _cells(splits[k], count, rows[k].line_no, columns)


def _periods_by_value_kinds(columns: list[str], header_lines: list[str], rows: list[Row]) -> list[str]:
    """Periods over groups of columns whose names could not be read (``2024年度`` over an
    amount and its change in %): a full row shows where each group starts, at each value of
    the kind its first column holds.  A change named after the last period (``2024年2023年变动幅度``)
    is the last column, under no period."""
    periods = period_labels("".join(header_lines))
    if len(periods) < 2 or len(columns) <= len(periods) or any(period_labels(c) for c in columns):
        return columns
    full = next((r for r in rows if len(r.cells) == len(columns) and all(c.value is not None for c in r.cells)), None)
    if full is None:
        return columns
    change = next((text_after_periods(line) for line in reversed(header_lines) if period_labels(line)), "")
    grouped = len(columns) - 1 if is_change_label(change) else len(columns)
    kinds = [c.unit == "%" for c in full.cells[:grouped]]
    starts = [k for k, kind in enumerate(kinds) if kind == kinds[0] and (k == 0 or kinds[k - 1] != kind)]
    if len(starts) != len(periods):
        return columns
    group = [sum(k >= s for s in starts) - 1 for k in range(grouped)]
    named = [periods[group[k]] + name for k, name in enumerate(columns[:grouped])]
    return named + ([columns[-1] or change] if grouped < len(columns) else [])


def _shares_over_percentages(columns: list[str], periods: list[str], rows: list[Row]) -> list[str]:
    """A header printed grouped by name (``占比占比金额金额``) does not say which name comes first
    under each period; a share holds no value above 100, so a share name over amounts trades
    places with the name beside it under the same period when that column holds percentages."""
    named = list(columns)
    for k in range(len(named) - 1):
        period = next((p for p in periods if named[k].startswith(p) and named[k + 1].startswith(p)), None)
        if period is None:
            continue
        left, right = named[k][len(period) :], named[k + 1][len(period) :]
        if _SHARE_NAME.search(left) and not _SHARE_NAME.search(right):
            share, other = k, k + 1
        elif _SHARE_NAME.search(right) and not _SHARE_NAME.search(left):
            share, other = k + 1, k
        else:
            continue
        if not _percentages(_column_values(rows, share)) and _percentages(_column_values(rows, other)):
            named[k], named[k + 1] = period + right, period + left
    return named


def _column_values(rows: list[Row], col: int) -> list[float]:
    return [cell.value for row in rows for cell in row.cells if cell.col == col and cell.value is not None]


def _percentages(values: list[float]) -> bool:
    return bool(values) and all(abs(value) <= _WHOLE_PERCENT for value in values)


def _settle_by_arithmetic(rows: list[Row], splits: list[Split], count: int | None) -> None:
    """Rows left with several candidate splits take the one the table's totals or margins accept."""
    for k, split in enumerate(splits):
        if split.numbers is None and not split.candidates and (counts := whole_numbers_by_quotient(rows, k, split.raw)):
            numbers = [Number(str(n), float(n), None, 0) for n in counts]
            rows[k].cells = _cells(Split(split.raw, numbers=numbers, rule=QUOTIENT_RULE), count, rows[k].line_no)
        if split.numbers is not None or not split.candidates:
            continue
        if chosen := choose_by_arithmetic(rows, k, split.candidates):
            (row_id, numbers), rule = chosen
            decided = Split(split.raw, row_id=row_id, numbers=list(numbers), rule=rule)
            rows[k].cells = _cells(decided, count, rows[k].line_no)
            rows[k].row_id = rows[k].row_id or row_id


def _column_count(header: str, raws: list[RawRow], known: KnownSplits) -> int | None:
    """Columns from the period labels in the header, or the most values a labelled row splits
    into when that is more (a period printed over 金额 and 占比).  Rows whose run may start with
    a glued row id are not counted (``1.1769.25`` alone reads as 1.17 and 69.25), nor rows
    that may print a range (``0.57-0.66`` is one cell or two)."""
    if not any(r.label or r.row_id for r in raws):
        return max(len(period_labels(header)), _most_values_of_unlabelled_rows(raws, known)) or None
    counted = [r for r in raws if (r.label or r.row_id) and not _LOW_HIGH.search(r.run)] or raws
    most = len(period_labels(header))
    # The rows that may print the most cells are split first; a row that cannot print more cells than
    # the count so far cannot raise it, and is not split for it (most rows of a table, once one is read).
    runs = sorted(((most_cells(r.run), r.run) for r in counted if r.label or r.row_id), reverse=True)
    for cells, run in runs:
        if cells <= most:
            break
        if (split := split_run(run, None, known=known)).numbers:
            most = max(most, len(split.numbers))
    return most or None


def _most_values_of_unlabelled_rows(raws: list[RawRow], known: KnownSplits) -> int:
    """Rows whose labels all stand on lines of their own (``制造`` above ``7896.7592.87…``): a run counts
    when it is read one way only with a row id allowed at its front, and that reading takes none (a
    first row's id is 1: ``1.1769.25`` is row 1.1's 769.25, never 1.17 and 69.25)."""
    readings = (split_run(r.run, None, glued_id=True, known=known) for r in raws if not _LOW_HIGH.search(r.run))
    return max((len(s.numbers) for s in readings if s.numbers and s.row_id is None), default=0)
