"""Renders laid-out lines as a PDF with reportlab's built-in STSong-Light CID font (no font file).

Each cell is drawn at its own x position, so the PDF's text layer reads back as space-aligned
columns; the page marker is drawn at the page foot. ``invariant=1`` makes the bytes reproducible.
"""

from __future__ import annotations

import io
from itertools import groupby

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from orchestration.lib.corpus.layout import Line

FONT = "STSong-Light"
FONT_SIZE = 8
COLUMN_WIDTH = FONT_SIZE / 2  # one display column: half the width of a CJK glyph
LEADING = 14
LEFT_MARGIN = 40
TOP_MARGIN = 50
FOOT_Y = 36


def render_pdf(lines: list[Line], title: str) -> bytes:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    for _, page_lines in groupby(lines, key=lambda line: line.page):
        _draw_page(pdf, list(page_lines))
    pdf.save()
    return buffer.getvalue()


def _draw_page(pdf: canvas.Canvas, page_lines: list[Line]) -> None:
    pdf.setFont(FONT, FONT_SIZE)
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
        # PDFium's text layer drops a string that is one lone CJK glyph ("台", a label's last "器");
        # a trailing space keeps it readable at no visible cost.
        if len(text) == 1 and not text.isascii():
            text += " "
        pdf.drawString(LEFT_MARGIN + column * COLUMN_WIDTH, y, text)
