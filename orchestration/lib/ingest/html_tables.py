"""One HTML ``<table>`` as it is read: rows of cells with their spans, then a ``Grid``.

The tokenizer in ``html_text`` drives it; this module knows nothing of tags beyond a cell's
``colspan``/``rowspan`` and whether it is a ``<th>`` or sits in ``<thead>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orchestration.lib.grid import Grid, GridCell

_MAX_SPAN = 100  # a span beyond any real table's width is markup damage, not layout
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@dataclass(slots=True)
class _Cell:
    pieces: list[str]
    row_span: int
    col_span: int
    header: bool
    length: int = 0  # characters so far, kept as text arrives so asking costs nothing

    @property
    def text(self) -> str:
        return _rejoin(self.pieces)


@dataclass(slots=True)
class _Row:
    cells: list[_Cell] = field(default_factory=list)
    line_no: int = 0


@dataclass(slots=True)
class TableBuilder:
    depth: int  # position of the <table> element in the open-element stack
    rows: list[_Row] = field(default_factory=list)
    lays_out_page: bool = False
    in_head: bool = False  # inside <thead>: its cells are header cells, as <th> are
    row_depth: int | None = None  # stack position of the open <tr>, if any
    cell_depth: int | None = None  # stack position of the open <td>/<th>, if any
    _row: _Row | None = None
    _cell: _Cell | None = None

    @property
    def in_cell(self) -> bool:
        return self._cell is not None

    def open_row(self, depth: int) -> None:
        self._row, self.row_depth = _Row(), depth

    def open_cell(self, depth: int, attrs: dict[str, str | None], header: bool) -> None:
        if self._row is None:
            self.open_row(depth)
        spans = _span(attrs.get("rowspan")), max(1, _span(attrs.get("colspan")))
        self._cell = _Cell([""], *spans, header or self.in_head)
        self.cell_depth = depth

    def add_text(self, data: str) -> None:
        self._cell.pieces[-1] += data
        self._cell.length += len(data)

    def add_break(self) -> None:
        self._cell.pieces.append("")

    def cell_length(self) -> int:
        return self._cell.length if self._cell else 0

    def close_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.cells.append(self._cell)
        self._cell, self.cell_depth = None, None

    def close_row(self) -> str | None:
        """The row's printed line (cells tab-separated), or None for a row printing nothing."""
        self.close_cell()
        row, self._row, self.row_depth = self._row, None, None
        if row is None or not any(cell.text for cell in row.cells):
            return None
        self.rows.append(row)
        return "\t".join(cell.text for cell in row.cells)

    def row_printed_on(self, line_no: int) -> None:
        self.rows[-1].line_no = line_no

    def abandon(self) -> str:
        """The table lays out the page: its open row's text so far, to print as a line."""
        pending = [cell.text for cell in (self._row.cells if self._row else [])]
        if self._cell is not None:
            pending.append(self._cell.text)
        self.lays_out_page = True
        self._row = self._cell = None
        self.row_depth = self.cell_depth = None
        return "\t".join(text for text in pending if text)

    def grid(self) -> Grid | None:
        """The table's cells at the positions their spans give them; None when it is not a table."""
        taken: set[tuple[int, int]] = set()
        cells: list[GridCell] = []
        n_rows = len(self.rows)
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row.cells:
                while (r, c) in taken:
                    c += 1
                row_span = min(cell.row_span, n_rows - r) if cell.row_span else n_rows - r
                for dr in range(row_span):
                    for dc in range(cell.col_span):
                        taken.add((r + dr, c + dc))
                cells.append(GridCell(cell.text, row.line_no, r, c, row_span, cell.col_span, cell.header))
                c += cell.col_span
        n_cols = max((cell.col + cell.col_span for cell in cells), default=0)
        if n_rows < 2 or n_cols < 2:
            return None
        return Grid("html", self.rows[0].line_no, self.rows[-1].line_no, n_rows, n_cols, tuple(cells))


def _span(value: str | None) -> int:
    """A printed span; 0 (``rowspan="0"``: to the end of the table) stays 0."""
    digits = re.match(r"\s*(\d+)", value or "")
    return min(int(digits.group(1)), _MAX_SPAN) if digits else 1


def _rejoin(pieces: list[str]) -> str:
    """A cell's pieces (wrapped lines, paragraphs) as one line: CJK pieces join without a space."""
    text = ""
    for piece in pieces:
        piece = _SPACES.sub(" ", piece).strip()
        if not piece:
            continue
        if text and not (_CJK.match(piece[0]) or _CJK.match(text[-1])):
            text += " "
        text += piece
    return text
