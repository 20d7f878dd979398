"""Unruled tables: columns from the gaps that run down a block of aligned lines.

Many issuers print tables without ruling lines, their columns held apart by white space alone.
Such a table shows itself as consecutive lines cut into several cells by gaps wider than a word
space, at least one of them a number, whose cells line up from one line to the next. Its columns
are the union of the cells' x-extents over those body lines (numbers right-aligned in a column
overlap from row to row; the white between columns never holds a glyph). Header lines above the
body are cut at the same boundaries, a header printed over several columns spanning the columns
nearest to it. Lines set closer together than the table's rows are a cell's text wrapped over
several lines and rejoined into one row; so are lone label pieces wrapped above and below a row
of numbers whose label cell is empty. Two cells of one line are never one column, and a header
restated inside the block (the year-end block of 主要会计数据) starts a table of its own.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from orchestration.lib.ingest.pdf.glyphs import Glyph
from orchestration.lib.ingest.pdf.tables import PageTable, TableCell
from orchestration.lib.ingest.pdf.words import group_lines, is_wide, join_wrapped, line_text

CELL_GAP = 0.5  # of the font size: a wider gap inside a table line separates two cells
LETTER_SPACING = 4.0  # of the font size: the widest spacing between the characters of a letter-spaced label
PIECE_GAP = 0.1  # of the font size: texts set separately this far apart are two header cells
ROW_STEP = 3.0  # of the font size: lines further apart than this are not one table
WRAP_STEP = 1.5  # of the font size: a line this close under another one continues its row...
WRAP_SHARE = 0.8  # ...if it is also closer than this share of the table's usual row pitch
HEADER_STEP = 1.5  # of the body's row pitch: a header line further above the table is not its header
HEADER_LINES = 4  # at most this many lines above the body are its header
MAX_GAP_LINES = 2  # body lines this many lines apart (wrapped labels, sub-headings) are one table
MOSTLY = 0.75  # share of a cell's width inside one column for the cell to belong to it
ALIGN = 1.0  # pt: slack when a cell is held against a column's extent
HEADER_OVERHANG = 3.0  # of the font size: a header may reach this far past the last column's numbers
UNIT_CAPTION = re.compile(r"\s*(单位|币种|金额单位)\s*[：:]")  # "单位：万元" over a table is not its header
NUMERIC = re.compile(r"[-+−(（]?[\d,.]*\d[\d,.]*%?[)）]?|[-—–]+")


@dataclass(slots=True)
class _Segment:
    glyphs: list[Glyph]
    left: float
    right: float

    @property
    def text(self) -> str:
        return line_text(self.glyphs)

    @property
    def numeric(self) -> bool:
        return NUMERIC.fullmatch(self.text.replace(" ", "")) is not None


@dataclass(slots=True)
class _Line:
    glyphs: list[Glyph]
    baseline: float
    size: float
    segments: list[_Segment]  # cut at gaps wider than a word space: a body line's cells
    pieces: list[_Segment]  # cut at printed spaces and between texts set apart too: a header's cells

    @property
    def is_body(self) -> bool:
        """Two or more cells, one of them after the first a number: a table row, not prose."""
        return len(self.segments) >= 2 and any(s.numeric for s in self.segments[1:])


def find_unruled_tables(glyphs: list[Glyph]) -> tuple[list[PageTable], list[Glyph]]:
    """The tables set without ruling lines, and the glyphs left outside them."""
    lines = [_line(glyphs) for glyphs in group_lines(glyphs)]
    tables: list[PageTable] = []
    used: set[int] = set()
    pending = _blocks(lines)[::-1]  # a stack: the top block is taken first
    floor = 0  # lines above this belong to a table already read
    while pending:
        start, end = pending.pop()
        body = [line for line in lines[start:end] if line.is_body]
        columns = _columns(body) if len(body) >= 2 else []
        if len(columns) < 2:
            continue
        misfit = next((k for k in range(start, end) if not _fits(lines[k], columns)), None)
        if misfit is not None:  # a line across the columns (a block's own header, prose): two blocks
            pending += [(misfit + 1, end), (start, misfit)]
            continue
        pitch = _pitch(body)
        first = _header_start(lines, start, columns, floor, min(ROW_STEP * body[0].size, HEADER_STEP * pitch))
        end = _wrapped_end(lines, end, columns, _wrap_step(body, pitch))
        tables.append(_table(lines[first:end], columns, _wrap_step(body, pitch)))
        used.update(range(first, end))
        floor = end
    remaining = [g for index, line in enumerate(lines) if index not in used for g in line.glyphs]
    return tables, remaining


def _line(glyphs: list[Glyph]) -> _Line:
    def cut(glyph: Glyph, previous: Glyph) -> bool:
        return glyph.left - previous.right > CELL_GAP * max(glyph.size, previous.size)

    def apart(glyph: Glyph, previous: Glyph) -> bool:  # set separately, a visible gap between
        return glyph.run != previous.run and glyph.left - previous.right > PIECE_GAP * glyph.size

    return _Line(
        glyphs,
        glyphs[0].baseline,
        statistics.median(g.size for g in glyphs),
        _join_letter_spaced(_split(glyphs, cut)),
        _split(glyphs, lambda glyph, previous: glyph.space_before or cut(glyph, previous) or apart(glyph, previous)),
    )


def _split(glyphs: list[Glyph], cut) -> list[_Segment]:
    segments, current = [], [glyphs[0]]
    for glyph in glyphs[1:]:
        if cut(glyph, current[-1]):
            segments.append(current)
            current = []
        current.append(glyph)
    segments.append(current)
    return [_Segment(s, s[0].left, s[-1].right) for s in segments]


def _join_letter_spaced(segments: list[_Segment]) -> list[_Segment]:
    """Rejoin a short CJK label printed letter-spaced (合  计, 项  目): one or two characters a piece."""
    joined = [segments[0]]
    for segment in segments[1:]:
        last = joined[-1]
        gap = segment.left - last.right
        if _short_cjk(segment.glyphs) and _short_cjk(_last_word(last.glyphs)) and gap <= LETTER_SPACING * segment.glyphs[0].size:
            joined[-1] = _Segment(last.glyphs + segment.glyphs, last.left, segment.right)
        else:
            joined.append(segment)
    return joined


def _last_word(glyphs: list[Glyph]) -> list[Glyph]:
    start = len(glyphs) - 1
    while start > 0 and glyphs[start].left - glyphs[start - 1].right <= PIECE_GAP * glyphs[start].size:
        start -= 1
    return glyphs[start:]


def _short_cjk(glyphs: list[Glyph]) -> bool:
    return len(glyphs) <= 2 and all(is_wide(g.char) for g in glyphs)


def _blocks(lines: list[_Line]) -> list[tuple[int, int]]:
    """Runs of body lines (first, one past the last), close together with few other lines between."""
    blocks: list[tuple[int, int]] = []
    start = last = None
    for index, line in enumerate(lines):
        if start is not None and _step(lines, index) > ROW_STEP * line.size:
            blocks.append((start, last + 1))
            start = None
        if not line.is_body:
            # several cells and no number: a header starting the table's next block (its own columns)
            if start is not None and (index - last > MAX_GAP_LINES or len(line.segments) > 1):
                blocks.append((start, last + 1))
                start = None
            continue
        if start is None:
            start = index
        last = index
    if start is not None:
        blocks.append((start, last + 1))
    return blocks


def _step(lines: list[_Line], index: int) -> float:
    return lines[index - 1].baseline - lines[index].baseline if index else 0.0


def _columns(body: list[_Line]) -> list[list[float]]:
    """[left, right] of each column: the union of the cells' extents over the body lines.

    Two cells of one line are never one column: where the union joins them (numbers in two blocks
    of a table set a few points apart), the column is cut in the gap between them.
    """
    extents = [(s.left, s.right) for line in body for s in line.segments]
    columns = _union(extents)
    cuts = sorted(
        (a.right + b.left) / 2
        for line in body
        for a, b in pairwise(line.segments)
        if _nearest(a, columns) == _nearest(b, columns)
    )
    if not cuts:
        return columns
    parts: dict[int, list[tuple[float, float]]] = {}
    for left, right in extents:
        parts.setdefault(bisect_right(cuts, (left + right) / 2), []).append((left, right))
    return [column for key in sorted(parts) for column in _union(parts[key])]


def _union(extents: list[tuple[float, float]]) -> list[list[float]]:
    columns: list[list[float]] = []
    for left, right in sorted(extents):
        if columns and left < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], right)
        else:
            columns.append([left, right])
    return columns


def _table(lines: list[_Line], columns: list[list[float]], wrap_step: float) -> PageTable:
    rows = _rows(lines, wrap_step)
    header_rows = next((k for k, row in enumerate(rows) if any(line.is_body for line in row)), 0)
    first_body = _filled(rows[header_rows], columns)
    while header_rows and len(above := _filled(rows[header_rows - 1], columns)) == 1 and not above & first_body:
        header_rows -= 1  # the first piece of the first label, wrapped above its numbers, is not a header
    rows = rows[:header_rows] + _rejoin_around(rows[header_rows:], columns)
    return PageTable(
        top=lines[0].baseline,
        bottom=lines[-1].baseline,
        column_lefts=[left for left, _ in columns],
        n_rows=len(rows),
        cells=[cell for k, row in enumerate(rows) for cell in _row_cells(k, row, columns, k < header_rows)],
    )


def _fits(line: _Line, columns: list[list[float]]) -> bool:
    """Every cell of the line lies inside one column: not a line of prose running across the table.

    Columns cut apart may still overlap by a few points; a cell that lies mostly in one of them fits.
    """
    return all(len(_touched(segment, columns)) == 1 or _mostly_in_one(segment, columns) for segment in line.segments)


def _mostly_in_one(segment: _Segment, columns: list[list[float]]) -> bool:
    width = segment.right - segment.left
    overlap = max(min(segment.right, right) - max(segment.left, left) for left, right in columns)
    return overlap >= MOSTLY * width


def _touched(segment: _Segment, columns: list[list[float]]) -> list[int]:
    return [c for c, (left, right) in enumerate(columns) if segment.left < right + ALIGN and segment.right > left - ALIGN]


def _header_start(lines: list[_Line], start: int, columns: list[list[float]], floor: int, max_step: float) -> int:
    """The first header line: lines just above the body that print something over its value columns.

    The first label's opening pieces, wrapped above its numbers, may stand between header and body.
    """
    first = start
    while first > floor and start - first < MAX_GAP_LINES and _in_stub(lines[first - 1], columns):
        first -= 1
    pieces_from = first
    while first > floor and pieces_from - first < HEADER_LINES:
        line = lines[first - 1]
        if _step(lines, first) > max_step or not _is_header(line, columns):
            break
        first -= 1
    return start if first == pieces_from else first


def _in_stub(line: _Line, columns: list[list[float]]) -> bool:
    return all(_touched(segment, columns) == [0] for segment in line.segments)


def _is_header(line: _Line, columns: list[list[float]]) -> bool:
    """Text over the value columns, none of it running from the stub into them, and not a unit caption."""
    stub_right, table_right = columns[0][1], columns[-1][1]
    over_values = any((p.left + p.right) / 2 > stub_right for p in line.pieces)  # a title above ends over them
    inside = all(p.right <= table_right + HEADER_OVERHANG * line.size for p in line.pieces)
    crosses_stub = any(p.left <= stub_right and p.right > columns[1][0] for p in line.pieces)
    caption = UNIT_CAPTION.match(line_text(line.glyphs)) is not None
    return over_values and inside and not crosses_stub and not caption and not line.is_body


def _pitch(body: list[_Line]) -> float:
    """The usual baseline step from one body line to the next."""
    return statistics.median(a.baseline - b.baseline for a, b in pairwise(body))


def _wrap_step(body: list[_Line], pitch: float) -> float:
    """Baseline step under which a line continues the row above it (its cell's text wrapped)."""
    return min(WRAP_STEP * statistics.median(line.size for line in body), WRAP_SHARE * pitch)


def _wrapped_end(lines: list[_Line], end: int, columns: list[list[float]], wrap_step: float) -> int:
    """One past the last line: lines wrapped out of the last row belong to the table."""
    while end < len(lines) and _step(lines, end) < wrap_step and _fits(lines[end], columns):
        end += 1
    return end


def _rows(lines: list[_Line], wrap_step: float) -> list[list[_Line]]:
    rows: list[list[_Line]] = []
    previous = None
    for line in lines:
        if previous is None or previous.baseline - line.baseline >= wrap_step:
            rows.append([])
        rows[-1].append(line)
        previous = line
    return rows


def _rejoin_around(rows: list[list[_Line]], columns: list[list[float]]) -> list[list[_Line]]:
    """A row of numbers whose label cell is empty takes the lone label pieces printed just above and below.

    A label wrapped over three lines with its numbers centred on the middle one prints its first
    piece over the numbers and its last under them, each piece on a line of its own.
    """
    filled = [_filled(row, columns) for row in rows]

    def lone_in(k: int, holes: set[int]) -> bool:
        return 0 <= k < len(rows) and len(filled[k]) == 1 and filled[k] <= holes and not any(
            line.is_body for line in rows[k]
        )

    merged: list[list[_Line]] = []
    taken: set[int] = set()
    for k, row in enumerate(rows):
        if k in taken:
            continue
        holes = set(range(len(columns))) - filled[k] if any(line.is_body for line in row) else set()
        before = [merged.pop()] if merged and k - 1 not in taken and lone_in(k - 1, holes) else []
        after = [rows[k + 1]] if lone_in(k + 1, holes) else []
        taken.update([k + 1] if after else [])
        merged.append([line for part in (*before, row, *after) for line in part])
    return merged


def _filled(row: list[_Line], columns: list[list[float]]) -> set[int]:
    return {_nearest(segment, columns)[0] for line in row for segment in line.segments}


def _row_cells(row_no: int, row: list[_Line], columns: list[list[float]], header: bool) -> list[TableCell]:
    """The cells of one row; a header's text spans the columns nearer to it than to the row's other texts."""
    pieces: dict[tuple[int, int], list[list[Glyph]]] = {}
    segments = [segment for line in row for segment in (line.pieces if header else line.segments)]
    for segment in segments:
        span = _span(segment, segments, columns) if header else _nearest(segment, columns)
        key = next((k for k in pieces if k[0] <= span[1] and span[0] <= k[1]), span)
        merged = (min(key[0], span[0]), max(key[1], span[1]))
        pieces[merged] = pieces.pop(key, []) + [segment.glyphs]
    return [
        TableCell(row_no, first, 1, last - first + 1, join_wrapped([line_text(g) for g in pieces[(first, last)]]))
        for first, last in sorted(pieces)
    ]


def _nearest(segment: _Segment, columns: list[list[float]]) -> tuple[int, int]:
    middle = (segment.left + segment.right) / 2
    column = min(range(len(columns)), key=lambda c: _distance(middle, middle, columns[c]))
    return column, column


def _span(segment: _Segment, segments: list[_Segment], columns: list[list[float]]) -> tuple[int, int]:
    """The columns whose extent lies nearer to this header piece than to any other piece of its line."""
    owned = [
        c for c, column in enumerate(columns)
        if min(segments, key=lambda s: _distance(s.left, s.right, column)) is segment
        and (c > 0 or segment.left < column[1] + ALIGN)  # the stub column holds its own header only
    ]
    return (owned[0], owned[-1]) if owned else _nearest(segment, columns)


def _distance(left: float, right: float, column: list[float]) -> float:
    """How far apart the extent [left, right] and a column are (0 when they overlap)."""
    return max(column[0] - right, left - column[1], 0.0)
