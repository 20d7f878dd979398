"""Space-aligned tables from PDF text: columns found by x-position, wrapped labels joined.

The numbers fix the columns: rows with the usual number of values give each column's extent,
header tokens are hung on the column they overlap (so ``2022 年`` over ``度`` becomes one label),
and a row with missing cells places each value by its x-position.  Label text on lines without
numbers is a wrapped label: it belongs to the row printed without one, or, when it sits left of
the labels, to a group label shared by a block of rows (``销售率提升 5%`` over four indicators).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from orchestration.lib.vocabulary.units import UNIT_SYMBOLS

from ..model import Cell, Row, Table
from ..periods import normalize_period
from .fields import Field, fields, overlap
from .headers import tidy
from .numbers import COUNT_UNITS, is_row_id, parse_number

GROUP_WORDS = frozenset({"建设期", "运营期", "计算期", "报告期"})
SLACK = 3  # display columns a value may sit outside its column's extent
_WORDS = re.compile(r"[\u4e00-\u9fff]+")
_DATE = re.compile(r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}")
_HEADING = re.compile(
    r"^(?:[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|问题\s*\d|\d{1,2}[.、．](?!\d))\s*[\u4e00-\u9fff]"
)


@dataclass(slots=True)
class _Line:
    index: int
    row_id: str | None
    labels: list[Field]
    values: list[Field]
    groups: list[tuple[int, Field]] = field(default_factory=list)  # (line index, text) of group labels


def split_line(line: str, index: int) -> _Line:
    """Row id, label fields and the value fields after the last label field."""
    row_id, head, values = _cut(line)
    return _Line(index, row_id, list(head), list(values))


@functools.lru_cache(maxsize=1 << 14)  # a line is cut by detection, by the restated-header check and by the reader
def _cut(line: str) -> tuple[str | None, tuple[Field, ...], tuple[Field, ...]]:
    fs = fields(line)
    fs = fs[: _text_column_start(fs)]
    last_text = max((k for k, f in enumerate(fs) if not f.is_number and not _is_text_cell(fs, k)), default=-1)
    head, values = fs[: last_text + 1], fs[last_text + 1 :]
    row_id = None
    if (
        head
        and is_row_id(head[0].text)
        and (len(head) > 1 or not values or head[0].end < values[0].start - 8)
    ):
        row_id, head = head[0].text, head[1:]
    return row_id, tuple(head), tuple(values)


def _text_column_start(fs: list[Field]) -> int:
    """Where a last column of words starts (``电力隧道租用费    20    租用期限``: the basis of each
    row's figure): after a label and a number, fields of Chinese words only, none a unit of the number
    before it. Its words are no label of the row, and the number before them is the row's value."""
    start = len(fs)
    while start > 0 and _is_word_cell(fs[start - 1].text):
        start -= 1
    if start == len(fs) or start < 2 or not fs[start - 1].is_number or fs[0].is_number:
        return len(fs)
    return start


def _is_word_cell(text: str) -> bool:
    return len(text) >= 2 and bool(_WORDS.fullmatch(text)) and text not in UNIT_SYMBOLS


def _is_text_cell(fs: list[Field], k: int) -> bool:
    """A text cell among the values: a count unit in its own column (``298  台  69,922.72``) or a
    date (``5,518.04   2024-12-31``), right of a number."""
    text = fs[k].text
    is_unit = len(text) == 1 and text in COUNT_UNITS
    return (is_unit or bool(_DATE.fullmatch(text))) and k > 0 and fs[k - 1].is_number


def is_value_row(line: str) -> bool:
    parsed = split_line(line, 0)
    return bool(parsed.values) and (
        bool(parsed.labels) or parsed.row_id is not None or len(parsed.values) > 1
    )


def _column_extents(rows: list[_Line]) -> list[tuple[int, int]]:
    counts = Counter(len(r.values) for r in rows if r.labels) or Counter(len(r.values) for r in rows)
    n = counts.most_common(1)[0][0]
    full = [r.values for r in rows if len(r.values) == n]
    return [(min(v[c].start for v in full), max(v[c].end for v in full)) for c in range(n)]


def _best_column(f: Field, extents: list[tuple[int, int]]) -> int | None:
    scores = [(overlap(f, lo, hi), -abs(f.center - (lo + hi) / 2), c) for c, (lo, hi) in enumerate(extents)]
    best = max(scores)
    if best[0] <= -SLACK:
        return None
    return best[2]


def _header(
    header_lines: list[tuple[int, str]], extents: list[tuple[int, int]]
) -> tuple[list[str], str | None]:
    """Column labels joined top to bottom, and the label-column header (``序号 项目``)."""
    parts: list[list[str]] = [[] for _ in extents]
    label_tokens: list[Field] = []
    token_lines = [[f for f in fields(text) if f.text not in GROUP_WORDS] for _, text in header_lines]
    for tokens in _stack_group_lines(token_lines, extents):
        over_values = [f for f in tokens if f.end > extents[0][0] - SLACK]
        if _is_group_line(over_values, extents):
            for col, group in enumerate(_nearest_tokens(over_values, extents)):
                parts[col].append(group.text)
            label_tokens += [f for f in tokens if f not in over_values]
            continue
        for f in tokens:
            spanned = [c for c, (lo, hi) in enumerate(extents) if overlap(f, lo, hi) > 0]
            if len(spanned) > 1:
                continue  # a group header over several columns
            col = spanned[0] if spanned else _best_column(f, extents)
            if col is None or f.end <= extents[0][0] - SLACK:
                label_tokens.append(f)
            else:
                parts[col].append(f.text)
    columns = [tidy("".join(p)) for p in parts]
    return columns, _label_header(label_tokens)


def _stack_group_lines(token_lines: list[list[Field]], extents: list[tuple[int, int]]) -> list[list[Field]]:
    """A group header printed over two lines (``2024 年`` over ``度``) as one line of joined labels."""
    stacked: list[list[Field]] = []
    for tokens in token_lines:
        below = [f for f in tokens if f.end > extents[0][0] - SLACK]
        above = [f for f in stacked[-1] if f.end > extents[0][0] - SLACK] if stacked else []
        if 1 < len(below) == len(above) < len(extents) and all(map(_stacked, above, below)):
            joined = [Field(a.text + b.text, min(a.start, b.start), max(a.end, b.end)) for a, b in zip(above, below)]
            labels = [f for f in stacked[-1] + tokens if f.end <= extents[0][0] - SLACK]
            stacked[-1] = labels + joined
        else:
            stacked.append(tokens)
    return stacked


def _stacked(above: Field, below: Field) -> bool:
    return overlap(below, above.start, above.end) > 0 or abs(above.center - below.center) <= SLACK


def _header_end(lines: list[str], start: int, first_row: int, extents: list[tuple[int, int]]) -> int:
    """Where the header ends: label text below the last column label is the first part of the
    first row's wrapped label (``算力服务器`` over ``1  258 …`` over ``数量(台)``)."""
    end = start
    for i in range(start, first_row):
        if any(f.end > extents[0][0] - SLACK for f in fields(lines[i])):
            end = i + 1
    return end if end > start else first_row


def _is_group_line(tokens: list[Field], extents: list[tuple[int, int]]) -> bool:
    """A header line of fewer labels than columns, each a period over its block of columns
    (``2023 年 1-3 月`` over 营业收入 and 营业成本): the blocks are even, or a label spans several."""
    if not (1 < len(tokens) < len(extents) and all(normalize_period(f.text) for f in tokens)):
        return False
    spans_several = any(sum(overlap(f, lo, hi) > 0 for lo, hi in extents) > 1 for f in tokens)
    return spans_several or len(extents) % len(tokens) == 0


def _nearest_tokens(tokens: list[Field], extents: list[tuple[int, int]]) -> list[Field]:
    """For each column, its group label: equal blocks when the groups divide the columns evenly
    (group labels may sit left-aligned or centred over their block), else the nearest label."""
    if len(extents) % len(tokens) == 0:
        width = len(extents) // len(tokens)
        return [tokens[col // width] for col in range(len(extents))]
    return [min(tokens, key=lambda f: abs(f.center - (lo + hi) / 2)) for lo, hi in extents]


def _label_header(tokens: list[Field]) -> str | None:
    """Stacked label-column headers (``序`` over ``号``) are joined; side-by-side ones spaced."""
    clusters: list[list[Field]] = []
    for f in tokens:
        home = next((c for c in clusters if any(overlap(f, g.start, g.end) > 0 for g in c)), None)
        if home is None:
            clusters.append([f])
        else:
            home.append(f)
    clusters.sort(key=lambda c: min(f.start for f in c))
    return " ".join(tidy("".join(f.text for f in c)) for c in clusters) or None


def _cells(row: _Line, extents: list[tuple[int, int]]) -> list[Cell]:
    if len(row.values) == len(extents):
        placed = list(enumerate(row.values))
    else:
        placed = [(_best_column(f, extents), f) for f in row.values]
    cells: list[Cell] = []
    for col, f in placed:
        number = parse_number(f.text)
        if number is None:  # a text cell: a unit column is the unit of the count on its left
            if f.text in COUNT_UNITS and cells and cells[-1].value is not None and cells[-1].unit is None:
                cells[-1].unit = f.text
            continue
        ambiguous = col is None
        cells.append(
            Cell(
                col=col if col is not None else -1,
                raw_text=f.text,
                value=number.value,
                unit=number.unit,
                line_no=row.index + 1,
                ambiguous=ambiguous,
                note="no column under this x-position" if ambiguous else None,
            )
        )
    return cells


def _attach_fragments(rows: list[_Line], fragments: list[_Line], label_left: int) -> None:
    """Give wrapped label text to the row it belongs to, or to the rows' group label."""
    unlabeled = {id(r) for r in rows if not r.labels}
    started: set[int] = set()  # unlabelled rows that took the first part of their label from above
    for frag in fragments:
        if _HEADING.match((frag.row_id or "") + "".join(f.text for f in frag.labels)):
            continue  # the next section's heading, not a wrapped label
        above = next((r for r in reversed(rows) if r.index < frag.index), None)
        below = next((r for r in rows if r.index > frag.index), None)
        group = [f for f in frag.labels if f.end <= label_left]
        inner = [f for f in frag.labels if f.end > label_left]
        if group:
            (below or rows[-1]).groups.extend((frag.index, f) for f in group)
        if not inner:
            continue
        if above is not None and id(above) in started and _continues(above, frag, inner):
            above.labels.extend(inner)  # the second half of a label wrapped around its numbers
        elif below is not None and id(below) in unlabeled:
            below.labels[:0] = inner
            below.row_id = below.row_id or frag.row_id
            started.add(id(below))
        elif above is not None and (id(above) in unlabeled or inner[0].text[0] in "(（" or below is None):
            above.labels.extend(inner)
        elif below is not None:
            below.labels[:0] = inner


def _continues(row: _Line, frag: _Line, inner: list[Field]) -> bool:
    """Text right under a row whose label began above its numbers, or text closing the row's
    open bracket ("服务单价(万" ... "元/台/月)"), ends that row's label."""
    label = "".join(f.text for f in row.labels)
    text = "".join(f.text for f in inner)
    opened = label.count("(") + label.count("（") - label.count(")") - label.count("）")
    closes = text.count(")") + text.count("）") > text.count("(") + text.count("（")
    return frag.index == row.index + 1 or (opened > 0 and closes)


def _label_column_left(rows: list[_Line]) -> int:
    """Where the label column begins: a row printing text left of its label ("首都在线    毛利率")
    shows it; a label starting left of where such text ends ("毛利率平均值") spans both columns."""
    grouped = [r.labels[-1].start for r in rows if len(r.labels) > 1]
    return min(grouped or [f.start for r in rows for f in r.labels[-1:]], default=0)


def _group_labels(rows: list[_Line], spanning: set[int]) -> list[str | None]:
    """Blocks restart when the first indicator label repeats or a label spans the group column
    (a peer average under the peers); each block shares its group text, a spanning row has none."""
    if not any(r.groups for r in rows):
        return [None] * len(rows)
    blocks: list[list[_Line]] = []
    for r in rows:
        fresh = r.index in spanning or (blocks and blocks[-1][0].index in spanning)
        if not blocks or fresh or (_label(r) and _label(r) == _label(blocks[-1][0])):
            blocks.append([])
        blocks[-1].append(r)
    labels: list[str | None] = []
    for block in blocks:
        if block[0].index in spanning:
            labels.append(None)
            continue
        pieces = sorted((i, f.start, f.text) for r in block for i, f in r.groups)
        text = tidy("".join(t for _, _, t in pieces))
        labels += [text or None] * len(block)
    return labels


def _label(row: _Line) -> str:
    return tidy("".join(f.text for f in row.labels))


def parse_space(lines: list[str], start: int, first_row: int, end: int) -> Table | None:
    """The table whose header occupies ``lines[start:first_row]`` and rows ``lines[first_row:end]``."""
    parsed = [split_line(lines[i], i) for i in range(first_row, end) if lines[i].strip()]
    rows = [p for p in parsed if p.values]
    if not rows:
        return None
    extents = _column_extents(rows)
    for r in rows:
        if (
            not r.labels
            and r.row_id is None
            and len(r.values) == len(extents) + 1
            and is_row_id(r.values[0].text)
        ):
            r.row_id, r.values = r.values[0].text, r.values[1:]  # a row id printed where a label would be
    label_left = _label_column_left(rows)
    group_right = max((f.end for r in rows for f in r.labels[:-1] if f.end <= label_left), default=0)
    spanning = {r.index for r in rows if r.labels and r.labels[-1].start < group_right}
    for r in rows:
        r.groups = [(r.index, f) for f in r.labels[:-1] if f.end <= label_left]
        r.labels = r.labels[len(r.labels) - 1 :]
    header_end = _header_end(lines, start, first_row, extents)
    label_lines = [split_line(lines[i], i) for i in range(header_end, first_row) if lines[i].strip()]
    _attach_fragments(rows, label_lines + [p for p in parsed if not p.values], label_left)
    columns, header_label = _header([(i, lines[i]) for i in range(start, header_end)], extents)
    groups = _group_labels(rows, spanning)
    return Table(
        table_id="",
        layout="space",
        line_start=start + 1,
        line_end=end,
        title=None,
        unit=None,
        columns=columns,
        header_label=header_label,
        rows=[
            Row(
                label=_label(r), row_id=r.row_id, line_no=r.index + 1, cells=_cells(r, extents), group_label=g
            )
            for r, g in zip(rows, groups)
        ],
    )
