"""Space-aligned tables from PDF text: columns found by x-position, wrapped labels joined.

The numbers fix the columns: rows with the usual number of values give each column's extent,
header tokens are hung on the column they overlap (so ``2022 年`` over ``度`` becomes one label),
and a row with missing cells places each value by its x-position.  Label text on lines without
numbers is a wrapped label: it belongs to the row printed without one, or, when it sits left of
the labels, to a group label shared by a block of rows (``销售率提升 5%`` over four indicators).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import Cell, Row, Table
from .fields import Field, fields, overlap
from .headers import tidy
from .numbers import is_row_id, parse_number

GROUP_WORDS = frozenset({"建设期", "运营期", "计算期", "报告期"})
SLACK = 3  # display columns a value may sit outside its column's extent


@dataclass(slots=True)
class _Line:
    index: int
    row_id: str | None
    labels: list[Field]
    values: list[Field]
    groups: list[tuple[int, Field]] = field(default_factory=list)  # (line index, text) of group labels


def split_line(line: str, index: int) -> _Line:
    """Row id, label fields and the value fields after the last label field."""
    fs = fields(line)
    last_text = max((k for k, f in enumerate(fs) if not f.is_number), default=-1)
    head, values = fs[: last_text + 1], fs[last_text + 1 :]
    row_id = None
    if (
        head
        and is_row_id(head[0].text)
        and (len(head) > 1 or not values or head[0].end < values[0].start - 8)
    ):
        row_id, head = head[0].text, head[1:]
    return _Line(index, row_id, head, values)


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
    for _, text in header_lines:
        for f in fields(text):
            if f.text in GROUP_WORDS:
                continue
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
    cells = []
    for col, f in placed:
        number = parse_number(f.text)
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
    for frag in fragments:
        above = next((r for r in reversed(rows) if r.index < frag.index), None)
        below = next((r for r in rows if r.index > frag.index), None)
        group = [f for f in frag.labels if f.end <= label_left]
        inner = [f for f in frag.labels if f.end > label_left]
        if group:
            (below or rows[-1]).groups.extend((frag.index, f) for f in group)
        if not inner:
            continue
        if below is not None and id(below) in unlabeled:
            below.labels[:0] = inner
            below.row_id = below.row_id or frag.row_id
        elif above is not None and (id(above) in unlabeled or inner[0].text[0] in "(（" or below is None):
            above.labels.extend(inner)
        elif below is not None:
            below.labels[:0] = inner


def _group_labels(rows: list[_Line]) -> list[str | None]:
    """Blocks restart when the first indicator label repeats; each block shares its group text."""
    if not any(r.groups for r in rows):
        return [None] * len(rows)
    blocks: list[list[_Line]] = []
    for r in rows:
        if not blocks or (_label(r) and _label(r) == _label(blocks[-1][0])):
            blocks.append([])
        blocks[-1].append(r)
    labels: list[str | None] = []
    for block in blocks:
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
    label_left = min((f.start for r in rows for f in r.labels[-1:]), default=0)
    for r in rows:
        r.groups = [(r.index, f) for f in r.labels[:-1] if f.end <= label_left]
        r.labels = r.labels[len(r.labels) - 1 :]
    _attach_fragments(rows, [p for p in parsed if not p.values], label_left)
    columns, header_label = _header([(i, lines[i]) for i in range(start, first_row)], extents)
    groups = _group_labels(rows)
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
