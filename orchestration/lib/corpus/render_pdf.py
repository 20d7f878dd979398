"""Renders laid-out lines as a PDF with an embedded CJK TrueType font, as issuers publish them.

Each cell is drawn at its own x position, so the PDF's text layer reads back as space-aligned
columns; the page marker is drawn at the page foot. ``invariant=1`` makes the bytes reproducible.
"""

from __future__ import annotations

import io
from itertools import groupby

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from orchestration.lib.corpus.layout import Line
from orchestration.lib.corpus.render_issuer_pdf import register_font

FONT_SIZE = 8
COLUMN_WIDTH = FONT_SIZE / 2  # one display column: half the width of a CJK glyph
LEADING = 14
LEFT_MARGIN = 40
TOP_MARGIN = 50
FOOT_Y = 36


def render_pdf(lines: list[Line], title: str) -> bytes:
    # Embedded, so the text layer reads the same whatever fonts the reader's machine has (issue 11).
    font = register_font()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    for _, page_lines in groupby(lines, key=lambda line: line.page):
        _draw_page(pdf, list(page_lines), font)
    pdf.save()
    return buffer.getvalue()


def _draw_page(pdf: canvas.Canvas, page_lines: list[Line], font: str) -> None:
    pdf.setFont(font, FONT_SIZE)
    y = A4[1] - TOP_MARGIN
    for line in page_lines:
        if line.kind == "marker":
            _draw_cells(pdf, line, FOOT_Y)
        elif line.kind != "blank":
            _draw_cells(pdf, line, y)
        y -= LEADING
    pdf.showPage()


def _draw_cells(pdf: canvas.Canvas, line: Line, y: float) -> None:
    for column, text in line.cells:
        pdf.drawString(LEFT_MARGIN + column * COLUMN_WIDTH, y, text)
