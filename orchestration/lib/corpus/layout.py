"""Lays blocks out as numbered text lines in one of the three table layouts, with pagination.

The line list is the single source for every renderer: the .txt file is these lines, the PDF
draws them page by page (each cell at its column), the HTML turns each line into one element.
Facts are attached to the line that prints them, which gives the ground truth its line numbers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from orchestration.lib.corpus.blocks import Block, Fact, Heading, Paragraph, Row, Style, Table

LINES_PER_PAGE = 46  # body lines on a PDF-like page before its footer
SCRAPED_LINES_PER_PAGE = 40  # lines between the page numbers a web scrape glues onto text
PAGE_WIDTH = 80  # display columns of prose and cover lines in PDF-like text
LABEL_WIDTH = 14  # display columns of a space-aligned row label before it wraps
ROW_ID_WIDTH = 5
CONCAT_LABEL_OWN_LINE = 8  # scraped rows print longer labels on a line of their own


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@dataclass
class Line:
    text: str
    kind: str  # "blank" | "prose" | "heading" | "caption" | "table_head" | "table_row" | "marker"
    page: int
    facts: list[tuple[Fact, str]] = field(default_factory=list)  # (fact, layout it was printed in)
    cells: tuple[tuple[int, str], ...] = ()  # (display column, text): where a PDF draws each piece
    table_index: int | None = None
    tab_cells: tuple[str, ...] | None = None  # the cells of a tab-separated row, for HTML <td>


def _positioned(cells: list[tuple[int, str]], kind: str, page: int, **extra) -> Line:
    text = ""
    for column, piece in sorted(cells):
        text += " " * max(column - display_width(text), 1 if text else 0) + piece
    return Line(text, kind, page, cells=tuple(sorted(cells)), **extra)


class Layouter:
    def __init__(self, style: Style):
        self.style = style
        self.lines: list[Line] = []
        self.page = 1
        self.on_page = 0
        self.glue_page_number: int | None = None
        self.table_count = 0
        self.forced_break_done = False

    def layout(self, blocks: list[Block]) -> list[Line]:
        for block in blocks:
            if self.style.blank_lines and self.lines:
                self._emit(Line("", "blank", self.page))
            if isinstance(block, Heading):
                self._emit_text(f"{block.marker}{block.title}", "heading", [])
            elif isinstance(block, Paragraph):
                self._paragraph(block)
            else:
                self._table(block)
        if self.style.pagination == "footer":
            self._end_page()
        return self.lines

    # ----- pagination

    def _emit(self, line: Line) -> None:
        if self.style.pagination == "footer" and self.on_page >= LINES_PER_PAGE:
            self._end_page()
        if self.style.pagination == "glued":
            self._glue_pending_page_number(line)
        line.page = self.page
        self.lines.append(line)
        self.on_page += 1

    def _glue_pending_page_number(self, line: Line) -> None:
        """A scrape glues the bare page number onto the next line; only onto text so no number changes."""
        if self.on_page >= SCRAPED_LINES_PER_PAGE:
            self.glue_page_number, self.page, self.on_page = self.page, self.page + 1, 0
        starts_with_text = line.text[:1] and unicodedata.east_asian_width(line.text[0]) == "W"
        if self.glue_page_number and line.kind in ("prose", "heading") and starts_with_text:
            line.text = f"{self.glue_page_number}{line.text}"
            self.glue_page_number = None

    def _end_page(self) -> None:
        marker = self.style.page_marker.format(page=self.page)
        self.lines.append(Line("", "blank", self.page))
        self.lines.append(_positioned([(PAGE_WIDTH // 2, marker)], "marker", self.page))
        self.page += 1
        self.on_page = 0

    def _ensure_room(self, needed: int, repeated_header: list[Line]) -> None:
        if self.style.pagination == "footer" and self.on_page + needed > LINES_PER_PAGE:
            self._end_page()
            for line in repeated_header:
                self._emit(
                    Line(line.text, line.kind, self.page, cells=line.cells, table_index=line.table_index)
                )

    # ----- prose

    def _paragraph(self, paragraph: Paragraph) -> None:
        tokens = [
            (part, None) if isinstance(part, str) else (part.raw_text, part) for part in paragraph.parts
        ]
        if self.style.wrap_width is None:
            self._emit_text("".join(text for text, _ in tokens), "prose", [f for _, f in tokens if f])
            return
        indent = 0 if paragraph.centered else 4
        for text, facts in self._wrap(tokens, self.style.wrap_width - indent):
            column = (PAGE_WIDTH - display_width(text)) // 2 if paragraph.centered else indent
            self._emit_text(text, "prose", facts, column)

    @staticmethod
    def _wrap(tokens: list[tuple[str, Fact | None]], width: int) -> list[tuple[str, list[Fact]]]:
        """Greedy wrap by display width; a fact's token never breaks across lines."""
        pieces = []
        for text, fact in tokens:
            pieces += [(text, fact)] if fact else [(ch, None) for ch in text]
        lines: list[tuple[str, list[Fact]]] = [("", [])]
        for text, fact in pieces:
            current, facts = lines[-1]
            if current and display_width(current + text) > width:
                lines.append(("", []))
                current, facts = lines[-1]
            lines[-1] = (current + text, facts + ([fact] if fact else []))
        return lines

    def _emit_text(self, text: str, kind: str, facts: list[Fact], column: int = 0) -> None:
        placed = [(fact, "prose") for fact in facts]
        if self.style.table_layout == "space" and column:
            self._emit(_positioned([(column, text)], kind, self.page, facts=placed))
        else:
            self._emit(Line(text, kind, self.page, facts=placed, cells=((0, text),)))

    # ----- tables

    def _table(self, table: Table) -> None:
        self.table_count += 1
        {"tab": self._tab_table, "space": self._space_table, "concat": self._concat_table}[table.layout](
            table
        )

    def _id_column(self, table: Table, first_header_line: bool) -> list[str]:
        if not table.has_row_ids:
            return []
        return ["序号" if first_header_line else ""]

    def _tab_table(self, table: Table) -> None:
        self._emit(Line(table.unit_caption, "caption", self.page, cells=((0, table.unit_caption),)))
        for index, header in enumerate(table.header_lines):
            self._emit_tab_line([*self._id_column(table, index == 0), *header], "table_head", [])
        for row in table.rows:
            cells = [row.label, *(cell.text for cell in row.cells)]
            if table.has_row_ids:
                cells.insert(0, row.row_id or "")
            self._emit_tab_line(cells, "table_row", [(c.fact, "tab") for c in row.cells if c.fact])

    def _emit_tab_line(self, cells: list[str], kind: str, facts: list[tuple[Fact, str]]) -> None:
        self._emit(
            Line(
                "\t".join(cells),
                kind,
                self.page,
                facts=facts,
                cells=((0, "\t".join(cells)),),
                table_index=self.table_count,
                tab_cells=tuple(cells),
            )
        )

    def _concat_table(self, table: Table) -> None:
        self._emit(Line(table.unit_caption, "caption", self.page, cells=((0, table.unit_caption),)))
        for index, header in enumerate(table.header_lines):
            texts = [text for text in [*self._id_column(table, index == 0), *header] if text]
            # Scrapes break long header rows in two.
            halves = [texts] if len(texts) <= 5 else [texts[: len(texts) // 2], texts[len(texts) // 2 :]]
            for half in halves:
                self._emit_concat("".join(half), "table_head", [])
        for row in table.rows:
            numbers = "".join(cell.text for cell in row.cells)
            facts = [(cell.fact, "concat") for cell in row.cells if cell.fact]
            row_id = row.row_id or ""
            if "." in row_id or display_width(row.label) > 2 * CONCAT_LABEL_OWN_LINE:
                # The label sits on its own line; the row id glues onto the numbers ("1.1769.25…").
                self._emit_concat(row.label, "table_row", [])
                self._emit_concat(f"{row_id}{numbers}", "table_row", facts)
            else:
                self._emit_concat(f"{row_id}{row.label}{numbers}", "table_row", facts)

    def _emit_concat(self, text: str, kind: str, facts: list[tuple[Fact, str]]) -> None:
        self._emit(Line(text, kind, self.page, facts=facts, cells=((0, text),), table_index=self.table_count))

    def _space_table(self, table: Table) -> None:
        geometry = _SpaceGeometry(table)
        caption = _positioned(
            [(geometry.right_edge - display_width(table.unit_caption), table.unit_caption)],
            "caption",
            self.page,
        )
        header = [
            _positioned(
                geometry.header_cells(line, index == 0), "table_head", self.page, table_index=self.table_count
            )
            for index, line in enumerate(table.header_lines)
        ]
        self._ensure_room(len(header) + 2, [])
        for line in [caption, *header]:
            self._emit(line)
        force_break_at = len(table.rows) // 2 if len(table.rows) >= 6 else None
        for index, row in enumerate(table.rows):
            row_lines = geometry.row_lines(row, self.page, self.table_count)
            if index == force_break_at and self.style.pagination == "footer" and not self.forced_break_done:
                # Every PDF-like file breaks at least one table across pages, header repeated.
                self.forced_break_done = True
                self.on_page = LINES_PER_PAGE
            self._ensure_room(len(row_lines), header)
            for line in row_lines:
                self._emit(line)


class _SpaceGeometry:
    """Column positions of a space-aligned table: row id, label, then right-aligned value columns."""

    def __init__(self, table: Table):
        self.table = table
        self.label_column = ROW_ID_WIDTH if table.has_row_ids else 0
        value_count = len(table.header_lines[0]) - 1
        widest = max(display_width(text) for texts in self._value_texts() for text in texts)
        self.column_width = max(12, widest + 2)
        self.first_right_edge = self.label_column + LABEL_WIDTH + 2 + self.column_width
        self.right_edge = self.first_right_edge + (value_count - 1) * self.column_width

    def _value_texts(self) -> list[list[str]]:
        return [list(line[1:]) for line in self.table.header_lines] + [
            [cell.text for cell in row.cells] for row in self.table.rows
        ]

    def _right_aligned(self, index: int, text: str) -> tuple[int, str]:
        return self.first_right_edge + index * self.column_width - display_width(text), text

    def header_cells(self, header: tuple[str, ...], first_line: bool) -> list[tuple[int, str]]:
        cells = [(0, "序号")] if self.table.has_row_ids and first_line else []
        if header[0]:
            cells.append((self.label_column, header[0]))
        cells += [self._right_aligned(i, text) for i, text in enumerate(header[1:]) if text]
        return cells

    def row_lines(self, row: Row, page: int, table_index: int) -> list[Line]:
        values = [self._right_aligned(i, cell.text or "-") for i, cell in enumerate(row.cells)]
        facts = [(cell.fact, "space") for cell in row.cells if cell.fact]
        chunks = self._label_chunks(row.label)
        # A wrapped label prints around its numbers: the numbers sit on the middle line.
        if len(chunks) == 1:
            label_lines = [[chunks[0]]]
            number_line = 0
        elif len(chunks) == 2:
            label_lines = [[chunks[0]], [], [chunks[1]]]
            number_line = 1
        else:
            label_lines = [[chunks[0]], [chunks[1]], ["".join(chunks[2:])]]
            number_line = 1
        lines = []
        for index, label in enumerate(label_lines):
            cells = [(self.label_column, text) for text in label]
            extra = {}
            if index == number_line:
                cells += values
                if row.row_id:
                    cells.insert(0, (1, row.row_id))
                extra = {"facts": facts}
            lines.append(_positioned(cells, "table_row", page, table_index=table_index, **extra))
        return lines

    @staticmethod
    def _label_chunks(label: str) -> list[str]:
        """The label cut into the fewest near-equal pieces that each fit the label column."""
        pieces = -(-display_width(label) // LABEL_WIDTH)
        size = -(-len(label) // pieces)
        return [label[start : start + size] for start in range(0, len(label), size)]
