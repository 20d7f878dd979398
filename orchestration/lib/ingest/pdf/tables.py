"""Ruled tables: cells from the lines the issuer drew, text wrapped inside a cell rejoined.

Horizontal and vertical ruling lines that cross each other form one table. Its row boundaries are
the horizontal lines, its column boundaries the vertical ones; where a vertical line is missing
inside a row the cells on both sides are one cell spanning columns, where a horizontal line is
missing under a cell it spans rows. Every glyph inside the frame belongs to the cell that contains
it, so a label or a number wrapped over several lines of a narrow cell reads as one text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from orchestration.lib.ingest.pdf.glyphs import Glyph, PageContent, Rule
from orchestration.lib.ingest.pdf.words import group_lines, join_wrapped, line_text

EDGE_TOLERANCE = 2.5  # pt: rules this close are the same boundary; a rule reaching this near touches
MIN_COLUMN = 3.0  # pt: a narrower column is the gap of a double rule, not a column


@dataclass(slots=True)
class TableCell:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str = ""


@dataclass(slots=True)
class PageTable:
    top: float
    bottom: float
    column_lefts: list[float]  # left edge of each column, to match a table continued on the next page
    n_rows: int
    cells: list[TableCell] = field(default_factory=list)

    @property
    def n_cols(self) -> int:
        return len(self.column_lefts)

    def row_texts(self, row: int) -> list[str]:
        slots = [""] * self.n_cols
        for cell in self.cells:
            if cell.row == row:
                slots[cell.col] = cell.text
        return slots


def find_tables(content: PageContent) -> tuple[list[PageTable], list[Glyph]]:
    """The ruled tables of a page and the glyphs left outside them."""
    tables = []
    remaining = content.glyphs
    for horizontal, vertical in _rule_clusters(content.horizontal, content.vertical):
        inside, remaining = _split_inside(remaining, horizontal, vertical)
        table = _build_table(horizontal, vertical, inside)
        if table is None:
            remaining = remaining + inside
        else:
            tables.append(table)
    return tables, remaining


def _rule_clusters(horizontal: list[Rule], vertical: list[Rule]) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of crossing rules (union-find over h/v intersections) with at least two of each kind."""
    parent = list(range(len(horizontal) + len(vertical)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for h_index, h in enumerate(horizontal):
        for v_index, v in enumerate(vertical):
            if _touches(h, v) and _touches(v, h):
                parent[root(h_index)] = root(len(horizontal) + v_index)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for index, rule in enumerate(horizontal + vertical):
        group = groups.setdefault(root(index), ([], []))
        group[0 if index < len(horizontal) else 1].append(rule)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _touches(rule: Rule, crossing: Rule) -> bool:
    return rule.start - EDGE_TOLERANCE <= crossing.position <= rule.end + EDGE_TOLERANCE


def _split_inside(glyphs: list[Glyph], horizontal: list[Rule], vertical: list[Rule]) -> tuple[list, list]:
    top, bottom = max(r.position for r in horizontal), min(r.position for r in horizontal)
    left, right = min(r.position for r in vertical), max(r.position for r in vertical)
    inside, outside = [], []
    for glyph in glyphs:
        within = left <= glyph.middle <= right and bottom <= glyph.centre_y <= top
        (inside if within else outside).append(glyph)
    return inside, outside


def _edges(positions: list[float], descending: bool = False) -> list[float]:
    edges: list[float] = []
    for position in sorted(positions):
        if not edges or position - edges[-1] > EDGE_TOLERANCE:
            edges.append(position)
    return edges[::-1] if descending else edges


def _build_table(horizontal: list[Rule], vertical: list[Rule], glyphs: list[Glyph]) -> PageTable | None:
    ys = _edges([r.position for r in horizontal], descending=True)
    xs = _edges([r.position for r in vertical])
    bands = [(ys[i], ys[i + 1]) for i in range(len(ys) - 1)]  # slivers (double rules) hold no text: dropped later
    if len(xs) < 2 or not bands or len(xs) < 3 and len(bands) < 2:
        return None  # a box around a paragraph, not a table
    owner = _cell_map(bands, xs, horizontal, vertical)
    texts = _cell_texts(glyphs, bands, xs, owner)
    cells = sorted(set(owner.values()), key=lambda c: (c[0], c[2]))
    return _compact(bands, xs, cells, texts)


def _cell_map(bands, xs, horizontal, vertical) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """(band, column) -> the cell (first band, last band, first column, last column) that covers it."""
    owner: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for b, (top, bottom) in enumerate(bands):
        start = 0
        for c in range(1, len(xs)):
            if c == len(xs) - 1 or _covered(vertical, xs[c], bottom, top):
                cell = (b, b, start, c - 1)
                above = owner.get((b - 1, start)) if b else None
                open_above = above and above[2:] == (start, c - 1) and not _covered(
                    horizontal, top, xs[start], xs[c]
                )
                if open_above:
                    cell = (above[0], b, start, c - 1)
                    for bb in range(above[0], b):
                        for cc in range(start, c):
                            owner[(bb, cc)] = cell
                for cc in range(start, c):
                    owner[(b, cc)] = cell
                start = c
    return owner


def _covered(rules: list[Rule], position: float, low: float, high: float) -> bool:
    """A rule at this position runs along most of the stretch [low, high]."""
    middle, reach = (low + high) / 2, (high - low) * 0.3
    return any(
        abs(r.position - position) <= EDGE_TOLERANCE and r.start <= middle - reach and r.end >= middle + reach
        for r in rules
    )


def _cell_texts(glyphs, bands, xs, owner) -> dict[tuple[int, int, int, int], str]:
    band_edges = [-top for top, _ in bands] + [-bands[-1][1]]  # ascending, for bisect
    members: dict[tuple[int, int, int, int], list[Glyph]] = {}
    for glyph in glyphs:
        band, column = _slot(band_edges, -glyph.centre_y), _slot(xs, glyph.middle)
        members.setdefault(owner[(band, column)], []).append(glyph)
    return {cell: join_wrapped([line_text(line) for line in group_lines(g)]) for cell, g in members.items()}


def _slot(edges: list[float], value: float) -> int:
    """The interval of ascending edges that holds the value; the nearest one for a value on or past the frame."""
    return min(max(bisect_right(edges, value) - 1, 0), len(edges) - 2)


def _compact(bands, xs, cells, texts) -> PageTable | None:
    """Drop rows where no text starts and sliver columns; renumber spans over what is left."""
    used = [cell for cell in cells if texts.get(cell)]
    kept_bands = sorted({cell[0] for cell in used})  # a row is kept where some text starts
    # an empty column stays (its rulings say it is there, and a continuation page may fill it)
    kept_cols = [c for c in range(len(xs) - 1) if xs[c + 1] - xs[c] >= MIN_COLUMN]
    if len(kept_cols) < 2 or not kept_bands:
        return None
    band_index = {b: i for i, b in enumerate(kept_bands)}
    col_index = {c: i for i, c in enumerate(kept_cols)}
    table_cells = []
    for first_band, last_band, first_col, last_col in cells:
        rows = [band_index[b] for b in range(first_band, last_band + 1) if b in band_index]
        cols = [col_index[c] for c in range(first_col, last_col + 1) if c in col_index]
        if rows and cols:
            text = texts.get((first_band, last_band, first_col, last_col), "")
            table_cells.append(TableCell(rows[0], cols[0], len(rows), len(cols), text))
    return PageTable(
        top=bands[kept_bands[0]][0],
        bottom=bands[kept_bands[-1]][1],
        column_lefts=[xs[c] for c in kept_cols],
        n_rows=len(kept_bands),
        cells=sorted(table_cells, key=lambda c: (c.row, c.col)),
    )
