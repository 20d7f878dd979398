"""Lays a fuzzed document out as text lines: tab, full-width, space-aligned and run-together tables.

Pages carry a running header (``公司 2025年年度报告全文``) and a footer page number; a table that
crosses a page prints both in its middle and repeats its header rows after them, as text taken
from an issuer's PDF does. Each line keeps the facts it prints, which gives the truth its lines.
"""

from __future__ import annotations

import random

from orchestration.lib.corpus.blocks import Heading, Paragraph, Row
from orchestration.lib.corpus.layout import Line, display_width
from orchestration.lib.corpus.tables import FuzzTable, Part, header_grid, stub_header

LINES_PER_PAGE = 48
LABEL_WIDTH = 14  # display columns of a space-aligned label before it wraps
ID_WIDTH = 5
CONCAT_LABEL_OWN_LINE = 16  # run-together rows print longer labels on a line of their own

TEXT_LAYOUTS = ("tab", "fullwidth", "space", "concat")


def _positioned(cells: list[tuple[int, str]]) -> str:
    text = ""
    for column, piece in sorted(cells):
        text += " " * max(column - display_width(text), 1 if text else 0) + piece
    return text


class TextWriter:
    def __init__(self, running_header: str, rng: random.Random):
        self.running_header, self.rng = running_header, rng
        self.lines: list[Line] = []
        self.page, self.on_page = 1, 0
        self.repeat: list[str] = []  # header lines of the table being printed, repeated after a break

    # ----- pages

    def emit(self, text: str, kind: str = "prose", facts=()) -> None:
        if self.on_page >= LINES_PER_PAGE:
            self.break_page()
        self.lines.append(Line(text, kind, self.page, facts=list(facts)))
        self.on_page += 1

    def break_page(self) -> None:
        self.lines += [Line("", "blank", self.page), Line(f"{' ' * 36}{self.page}", "marker", self.page)]
        self.page, self.on_page = self.page + 1, 0
        self.lines += [Line(self.running_header, "marker", self.page), Line("", "blank", self.page)]
        for text in self.repeat:
            self.lines.append(Line(text, "table_head", self.page))
            self.on_page += 1

    def finish(self) -> list[Line]:
        self.lines += [Line("", "blank", self.page), Line(f"{' ' * 36}{self.page}", "marker", self.page)]
        return self.lines

    # ----- blocks

    def block(self, block) -> None:
        if isinstance(block, Heading):
            self.emit(f"{block.marker}{block.title}", "heading")
        elif isinstance(block, Paragraph):
            parts = [(p, None) if isinstance(p, str) else (p.raw_text, p) for p in block.parts]
            text = "".join(text for text, _ in parts)
            self.emit(text.center(40) if block.centered else text, "prose", [(f, "prose") for _, f in parts if f])
        self.emit("", "blank")

    def table(self, table: FuzzTable, layout: str) -> None:
        if table.unit_caption:
            self.emit(table.unit_caption, "caption")
        render = {"tab": self._tab, "fullwidth": self._tab, "space": self._space, "concat": self._concat}[layout]
        for part in table.parts:
            render(table, part, layout)
        self.repeat = []
        self.emit("", "blank")

    def _tab(self, table: FuzzTable, part: Part, layout: str) -> None:
        ids = table.has_row_ids
        heads = ["\t".join(([("序号" if i == 0 else "")] if ids else []) + list(line)) for i, line in enumerate(part.header_lines)]
        self._header(heads)
        for row in part.rows:
            cells = ([row.row_id or ""] if ids else []) + [row.label, *(c.text for c in row.cells)]
            self.emit("\t".join(cells).rstrip("\t"), "table_row", [(c.fact, layout) for c in row.cells if c.fact])

    def _concat(self, table: FuzzTable, part: Part, layout: str) -> None:
        for text, kind, facts in concat_lines(table, part, layout):
            self.emit(text, kind, facts)

    def _space(self, table: FuzzTable, part: Part, layout: str) -> None:
        geometry = _SpaceGeometry(table, part)
        self._header(geometry.header_lines())
        break_at = self.rng.randrange(2, len(part.rows) - 1) if len(part.rows) >= 6 and self.rng.random() < 0.5 else None
        for index, row in enumerate(part.rows):
            texts = geometry.row_lines(row)
            if index == break_at or self.on_page + len(texts) > LINES_PER_PAGE:
                self.break_page()
            facts = [(cell.fact, layout) for cell in row.cells if cell.fact]
            middle = (len(texts) - 1) // 2
            for k, text in enumerate(texts):
                self.emit(text, "table_row", facts if k == middle else ())

    def _header(self, heads: list[str]) -> None:
        self.repeat = []
        if self.on_page + len(heads) + 2 > LINES_PER_PAGE:
            self.break_page()
        for text in heads:
            self.emit(text, "table_head")
        self.repeat = heads


class _SpaceGeometry:
    """Right-aligned value columns after a label column that wraps; spanned headers centred."""

    def __init__(self, table: FuzzTable, part: Part):
        self.table, self.part = table, part
        self.label_column = ID_WIDTH if table.has_row_ids else 0
        texts = [c.text for r in part.rows for c in r.cells] + [t for line in part.header_lines for t in line[1:]]
        self.width = max(12, max(display_width(t) for t in texts) + 3)
        self.first_right = self.label_column + LABEL_WIDTH + 2 + self.width

    def _right(self, col: int, text: str) -> tuple[int, str]:
        return self.first_right + col * self.width - display_width(text), text

    def header_lines(self) -> list[str]:
        lines: list[list[tuple[int, str]]] = [[] for _ in self.part.header_lines]
        stub = stub_header(self.part)
        if self.table.has_row_ids:
            lines[0].append((0, "序号"))
        if stub:
            lines[0].append((self.label_column, stub))
        for cell in header_grid(self.part):
            right = self.first_right + (cell.col + cell.col_span - 1) * self.width
            span_width = cell.col_span * self.width
            start = right - span_width + (span_width - display_width(cell.text)) // 2 if cell.col_span > 1 else right - display_width(cell.text)
            lines[cell.row].append((start, cell.text))
        return [_positioned(cells) for cells in lines]

    def row_lines(self, row: Row) -> list[str]:
        chunks = _label_chunks(row.label)
        values = [self._right(i, c.text or "-") for i, c in enumerate(row.cells)] if any(c.text for c in row.cells) else []
        middle = (len(chunks) - 1) // 2
        out = []
        for k, chunk in enumerate(chunks):
            cells = [(self.label_column, chunk)]
            if k == middle:
                cells += values
                if row.row_id:
                    cells.insert(0, (1, row.row_id))
            out.append(_positioned(cells))
        return out


def concat_lines(table: FuzzTable, part: Part, layout: str) -> list[tuple[str, str, list]]:
    """(text, kind, facts) of a run-together table: cells glued with no separator, as a scrape prints them."""
    lines = []
    for index, line in enumerate(part.header_lines):
        texts = (["序号"] if table.has_row_ids and index == 0 else []) + [t for t in line if t]
        lines.append(("".join(texts), "table_head", []))
    for row in part.rows:
        numbers = "".join(cell.text for cell in row.cells)
        facts = [(cell.fact, layout) for cell in row.cells if cell.fact]
        row_id = row.row_id or ""
        if numbers and ("." in row_id or display_width(row.label) > CONCAT_LABEL_OWN_LINE):
            lines += [(row.label, "table_row", []), (f"{row_id}{numbers}", "table_row", facts)]
        else:
            lines.append((f"{row_id}{row.label}{numbers}", "table_row", facts))
    return lines


def _label_chunks(label: str) -> list[str]:
    pieces = -(-display_width(label) // LABEL_WIDTH)
    size = -(-len(label) // pieces)
    return [label[start : start + size] for start in range(0, len(label), size)]
