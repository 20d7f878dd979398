"""Tables scraped from web pages, where cells are printed with no separator at all.

A line is ``[row id][label]<numbers run together>[start of the next row's label]``.  The run is
split by ``split.split_run`` under the header's column count; text trailing the numbers and
label-only lines are the wrapped or interleaved labels of neighbouring rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Cell, Row, Table
from .arith import choose_by_arithmetic
from .headers import is_period_header, period_labels, split_run_together_header, strip_page_id
from .numbers import COUNT_UNITS
from .split import Split, describe, split_run

# Numbers, signs, empty marks and count units between digits; single spaces allowed inside.
RUN = re.compile(rf"-*\d(?:[\d.,%\-—]|(?<=\d) ?[{COUNT_UNITS}](?= ?[\d\-—]|$)| (?=[\d\-]))*%?")
_LEADING_ID = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,2}|[(（]\d{1,2}[)）]|[①-⑳])(?= |[^\d.,%\s])")
# Headings end a table: 1)  (1)  一、  2、  *硬件购置费
_HEADING = re.compile(r"^(?:\d{1,2}[)）、]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]+、|[*①-⑳])")
_PROSE = re.compile(r"[。；;：:，]|[,，](?=\D)")
_DATE_WORDS = ("年", "月", "日", "号", "期")  # 2024年 is a date in a label, not a value
_YEAR = re.compile(r"(?:19|20)\d\d")
MAX_LABEL_WIDTH = 40
MAX_HEADER_CHARS = 30


@dataclass(slots=True)
class _RawRow:
    index: int
    row_id: str | None
    label: str
    run: str
    trailing: str


def numeric_run(text: str) -> re.Match[str] | None:
    """The longest run of numbers in a line, if it looks like table values and not prose."""
    runs = [
        m
        for m in RUN.finditer(text)
        if _is_values(m.group().strip()) and not text[m.end() :].lstrip().startswith(_DATE_WORDS)
    ]
    return max(runs, key=lambda m: len(m.group()), default=None)


def _is_values(run: str) -> bool:
    if _YEAR.fullmatch(run):
        return False  # a bare 2023 in a label or in wrapped prose is a year
    return bool(re.search(rf"\.\d\d|%|\d[{COUNT_UNITS}]|\d{{3}}|^[-—]+$", run))


def is_row_line(line: str) -> bool:
    """A label with numbers run together and no sentence punctuation outside them."""
    text = line.strip()
    if not text or is_period_header(text) or "\t" in line:
        return False
    run = numeric_run(text)
    if run is None:
        return False
    outside = text[: run.start()] + text[run.end() :]
    return not _PROSE.search(outside) and len(outside) <= MAX_LABEL_WIDTH


def is_fragment(line: str) -> bool:
    """A short label-only line inside a table (``(台)``, ``机柜租赁``)."""
    text = line.strip()
    return (
        0 < len(text) <= 16
        and not _PROSE.search(text)
        and not _HEADING.match(text)
        and not re.search(r"\d{2}", text)
    )


def is_header_text(line: str) -> bool:
    """A run-together header such as ``序号费用名称金额占比拟使用募集资金``: short, no numbers, no prose."""
    text = strip_page_id(line.strip())
    return 0 < len(text) <= MAX_HEADER_CHARS and not _PROSE.search(text) and not re.search(r"\d{2}", text)


def _read_row(index: int, text: str) -> _RawRow:
    run = numeric_run(text)
    assert run is not None
    head, trailing = text[: run.start()].strip(), text[run.end() :].strip()
    row_id = None
    if m := _LEADING_ID.match(head):
        row_id, head = m.group(), head[m.end() :].strip()
    return _RawRow(index, row_id, head, run.group(), trailing)


def _cells(split: Split, count: int | None, line_no: int) -> list[Cell]:
    if split.numbers is None:
        note = describe(split.candidates) if split.candidates else "no split matches the printed formats"
        if split.rule:
            note = f"{split.rule}; {note}"
        return [Cell(0, split.raw, None, None, line_no, ambiguous=True, note=note)]
    short = count is not None and len(split.numbers) < count
    return [
        Cell(
            col=k,
            raw_text=n.raw,
            value=n.value,
            unit=n.unit,
            line_no=line_no,
            ambiguous=short,
            note="fewer values than columns: placed from the left" if short else _rule_note(split),
        )
        for k, n in enumerate(split.numbers)
    ]


def _rule_note(split: Split) -> str | None:
    return f"split by {split.rule}" if split.rule else None


def _labels(raws: list[_RawRow], fragments: dict[int, str]) -> list[str]:
    """Join wrapped and interleaved label pieces onto the rows they belong to."""
    labels = [r.label for r in raws]
    pending = ""
    by_index = {r.index: k for k, r in enumerate(raws)}
    for index in sorted(set(by_index) | set(fragments)):
        if index in fragments:
            piece = fragments[index]
            k = max((by_index[i] for i in by_index if i < index), default=None)
            if k is not None and labels[k] and (piece[0] in "(（" or pending):
                labels[k] += piece
            else:
                pending += piece
            continue
        k = by_index[index]
        if pending and not raws[k].label:
            labels[k] = pending
        elif pending and k > 0:
            labels[k - 1] += pending
        pending = raws[k].trailing
    return labels


def parse_concat(lines: list[str], start: int, first_row: int, end: int) -> Table | None:
    """The table with header ``lines[start:first_row]`` and rows in ``lines[first_row:end]``."""
    header = "".join(strip_page_id(lines[i].strip()) for i in range(start, first_row))
    raws, fragments = [], {}
    for i in range(first_row, end):
        text = strip_page_id(lines[i].strip())
        if is_period_header(text) or not text:
            continue  # a header repeated after a page break
        if is_row_line(text):
            raws.append(_read_row(i, text))
        elif is_fragment(text):
            fragments[i] = text
    if not raws:
        return None
    count = _column_count(header, raws)
    header_label, columns = split_run_together_header(header, count) if count else (header or None, [])
    rows, splits, prev_id = [], [], None
    for raw, label in zip(raws, _labels(raws, fragments)):
        split = split_run(raw.run, count, prev_id, glued_id=not raw.label and raw.row_id is None)
        row_id = raw.row_id or split.row_id
        prev_id = row_id or prev_id
        rows.append(
            Row(label=label, row_id=row_id, line_no=raw.index + 1, cells=_cells(split, count, raw.index + 1))
        )
        splits.append(split)
    _settle_by_arithmetic(rows, splits, count)
    return Table("", "concat", start + 1, end, None, None, columns, rows, header_label)


def _settle_by_arithmetic(rows: list[Row], splits: list[Split], count: int | None) -> None:
    """Rows left with several candidate splits take the one the table's totals or margins accept."""
    for k, split in enumerate(splits):
        if split.numbers is not None or not split.candidates:
            continue
        if chosen := choose_by_arithmetic(rows, k, split.candidates):
            (row_id, numbers), rule = chosen
            decided = Split(split.raw, row_id=row_id, numbers=list(numbers), rule=rule)
            rows[k].cells = _cells(decided, count, rows[k].line_no)
            rows[k].row_id = rows[k].row_id or row_id


def _column_count(header: str, raws: list[_RawRow]) -> int | None:
    """Columns from the period labels in the header, else the most values any row splits into."""
    found = period_labels(header)
    if len(found) >= 2:
        return len(found)
    counts = [len(s.numbers) for r in raws if (s := split_run(r.run, None)).numbers]
    return max(counts, default=None) or None
