"""Draws a fuzzed document as an issuer prints it: an embedded CJK font, ruled tables, wrapped cells.

What real cninfo PDFs show and a reader must survive: a TrueType CJK font embedded (subset) so the
text layer does not depend on the reader's fonts; running headers and footers on every page;
ruled tables whose narrow cells wrap labels and numbers (``1,380,240`` over ``,203.63``); header
text made bold by overprinting it a fraction of a point to the right; tables that cross pages with
their header rows repeated. ``pdf_space`` draws the same tables unruled, columns sized to fit.
Each fact records the page that prints it. ``invariant=1`` makes the bytes reproducible.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from importlib.resources import files

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from orchestration.lib.corpus.blocks import Fact, Heading, Paragraph, Row
from orchestration.lib.corpus.tables import FuzzTable, Part, header_grid, stub_header

PDF_LAYOUTS = ("pdf_ruled", "pdf_space")
FONT = "WenQuanYiMicroHei"
FONT_FILE = files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"
WIDTH, HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 56.0, 56.0, 70.0, 64.0
BODY_SIZE, TABLE_SIZE = 9.5, 8.0
PAD = 2.5
OVERPRINT_SHIFT = 0.3  # fake bold: the same glyphs drawn again this far to the right


def register_font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE), subfontIndex=0))
    return FONT


def text_width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy wrap by glyph widths, breaking anywhere, as a narrow table cell breaks its text."""
    lines = [""]
    for ch in text:
        if lines[-1] and text_width(lines[-1] + ch, size) > width:
            lines.append("")
        lines[-1] += ch
    return lines


@dataclass
class _Box:
    text: str
    x: float
    width: float
    align: str  # "left" | "right" | "center"
    bold: bool = False


class IssuerPdf:
    def __init__(self, title: str, running_header: str, footer: str, rng: random.Random):
        register_font()
        self.rng = rng
        self.size = TABLE_SIZE  # the font size of the table being drawn
        self.buffer = io.BytesIO()
        self.pdf = canvas.Canvas(self.buffer, pagesize=A4, invariant=1)
        self.pdf.setTitle(title)
        self.running_header, self.footer = running_header, footer
        self.page, self.y = 1, HEIGHT - TOP
        self.facts: list[tuple[Fact, str, int]] = []  # (fact, layout, page)

    # ----- pages

    def _decorate(self) -> None:
        pdf = self.pdf
        if self.page > 1:
            pdf.setFont(FONT, 8)
            pdf.drawString(LEFT, HEIGHT - 42, self.running_header)
            pdf.setLineWidth(0.5)
            pdf.line(LEFT, HEIGHT - 46, WIDTH - RIGHT, HEIGHT - 46)
        pdf.setFont(FONT, 8)
        pdf.drawCentredString(WIDTH / 2, 36, self.footer.format(page=self.page))

    def new_page(self) -> None:
        self._decorate()
        self.pdf.showPage()
        self.page, self.y = self.page + 1, HEIGHT - TOP

    def _room(self, height: float) -> bool:
        return self.y - height >= BOTTOM

    def finish(self) -> bytes:
        self._decorate()
        self.pdf.showPage()
        self.pdf.save()
        return self.buffer.getvalue()

    # ----- prose

    def cover(self, lines: list[tuple[str, bool]]) -> None:
        """The cover page: the code line small at the top, the centred title lines large."""
        self.y = HEIGHT - 110
        for text, centered in lines:
            size = 17 if centered else 11
            self.pdf.setFont(FONT, size)
            if centered:
                self.pdf.drawCentredString(WIDTH / 2, self.y, text)
            else:
                self.pdf.drawString(LEFT, self.y, text)
            self.y -= size * 2.4
        self.new_page()

    def block(self, block) -> None:
        if isinstance(block, Heading):
            self._text_lines([block.marker + block.title], BODY_SIZE + 1, bold=True)
        elif isinstance(block, Paragraph):
            lines = self._wrap_keeping_numbers(block)
            self._text_lines(lines, BODY_SIZE, facts=[p for p in block.parts if isinstance(p, Fact)])

    def _wrap_keeping_numbers(self, block: Paragraph) -> list[str]:
        """Prose wraps between tokens; a number is never broken across lines in running text."""
        width = WIDTH - LEFT - RIGHT
        lines = [""]
        pieces = [p.raw_text if isinstance(p, Fact) else ch for p in block.parts for ch in ([p] if isinstance(p, Fact) else p)]
        for piece in pieces:
            if lines[-1] and text_width(lines[-1] + piece, BODY_SIZE) > width:
                lines.append("")
            lines[-1] += piece
        return lines

    def _text_lines(self, lines: list[str], size: float, bold=False, facts=()) -> None:
        leading = size * 1.6
        page_of_line = []
        for line in lines:
            if not self._room(leading):
                self.new_page()
            self._draw(line, LEFT, self.y - size, size, bold)
            page_of_line.append(self.page)
            self.y -= leading
        # Facts appear in reading order: each is on the first line at or after the previous one holding it.
        position = 0
        for fact in facts:
            position = next((k for k in range(position, len(lines)) if fact.raw_text in lines[k]), position)
            self.facts.append((fact, "prose", page_of_line[position]))
        self.y -= size * 0.6

    def _draw(self, text: str, x: float, y: float, size: float, bold: bool = False, align: str = "left", width=0.0):
        self.pdf.setFont(FONT, size)
        if align == "right":
            x += width - text_width(text, size)
        elif align == "center":
            x += (width - text_width(text, size)) / 2
        self.pdf.drawString(x, y, text)
        if bold:
            self.pdf.drawString(x + OVERPRINT_SHIFT, y, text)

    # ----- tables

    def table(self, table: FuzzTable, layout: str) -> None:
        ruled = layout == "pdf_ruled"
        # Issuers set tables in 8 to 9 points in page-wide grids: long numbers wrap inside narrow cells.
        self.size = self.rng.choice((8.0, 8.5, 9.0)) if ruled else TABLE_SIZE
        label_share = self.rng.uniform(0.2, 0.32)
        if table.unit_caption:
            self._text_lines([table.unit_caption], TABLE_SIZE)
        for part in table.parts:
            columns = _columns(table, part, ruled, label_share, self.size)
            header = self._header_rows(table, part, columns)
            self._draw_rows(header, ruled)
            for row in part.rows:
                boxes = self._body_boxes(table, row, columns)
                height = self._height(boxes)
                if not self._room(height):
                    self.new_page()
                    self._draw_rows(header, ruled)
                self._draw_row(boxes, columns, height, ruled)
                self.facts += [(cell.fact, layout, self.page) for cell in row.cells if cell.fact]
        self.y -= BODY_SIZE

    def _header_rows(self, table: FuzzTable, part: Part, columns: list[tuple[float, float]]) -> list[list[_Box]]:
        lead = 2 if table.has_row_ids else 1
        rows: list[list[_Box]] = [[] for _ in part.header_lines]
        if table.has_row_ids:
            rows[0].append(_Box("序号", *columns[0], "center", True))
        rows[0].append(_Box(stub_header(part), *columns[lead - 1], "center", True))
        for cell in header_grid(part):
            x = columns[lead + cell.col][0]
            last = columns[lead + cell.col + cell.col_span - 1]
            rows[cell.row].append(_Box(cell.text, x, last[0] + last[1] - x, "center", True))
        return rows

    def _body_boxes(self, table: FuzzTable, row: Row, columns) -> list[_Box]:
        boxes = [_Box(row.row_id or "", *columns[0], "center")] if table.has_row_ids else []
        lead = len(boxes)
        boxes.append(_Box(row.label, *columns[lead], "left"))
        boxes += [_Box(cell.text, *columns[lead + 1 + i], "right") for i, cell in enumerate(row.cells)]
        return boxes

    def _draw_rows(self, rows: list[list[_Box]], ruled: bool) -> None:
        for boxes in rows:
            height = self._height(boxes)
            if not self._room(height):
                self.new_page()
            self._draw_row(boxes, None, height, ruled)

    def _draw_row(self, boxes: list[_Box], columns, height: float, ruled: bool) -> None:
        top = self.y
        for box in boxes:
            lines = wrap(box.text, box.width - 2 * PAD, self.size) if box.text else []
            for k, line in enumerate(lines):
                y = top - PAD - self.size * (k + 1) - k * 1.5
                self._draw(line, box.x + PAD, y, self.size, box.bold, box.align, box.width - 2 * PAD)
        if ruled:
            pdf = self.pdf
            pdf.setLineWidth(0.4)
            left = min(b.x for b in boxes)
            right = max(b.x + b.width for b in boxes)
            pdf.line(left, top, right, top)
            pdf.line(left, top - height, right, top - height)
            for x in sorted({b.x for b in boxes} | {right}):
                pdf.line(x, top, x, top - height)
        self.y = top - height


    def _height(self, boxes: list[_Box]) -> float:
        lines = max((len(wrap(b.text, b.width - 2 * PAD, self.size)) for b in boxes if b.text), default=1)
        return lines * (self.size + 1.5) + 2 * PAD + 1


def _columns(table: FuzzTable, part: Part, ruled: bool, label_share: float, size: float) -> list[tuple[float, float]]:
    """(x, width) of each column: row id, label, values. Ruled tables are page-wide and wrap numbers;
    unruled ones size value columns to their widest number so that nothing wraps but labels."""
    usable = WIDTH - LEFT - RIGHT
    widths = [22.0] if table.has_row_ids else []
    n = len(part.header_lines[0]) - 1
    if ruled:
        label = usable * label_share
        value = (usable - sum(widths) - label) / n
    else:
        widest = max(text_width(c.text, size) for r in part.rows for c in r.cells)
        value = min(widest + 2 * PAD + 4, (usable - sum(widths) - 60.0) / n)  # headers wrap, the page holds
        label = usable - sum(widths) - n * value
    widths += [label, *([value] * n)]
    columns, x = [], LEFT
    for width in widths:
        columns.append((x, width))
        x += width
    return columns
