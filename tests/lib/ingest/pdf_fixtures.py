"""Tiny issuer-style PDFs drawn with reportlab: ruled tables, wrapped cells, fake bold, running headers.

reportlab cannot embed a CJK font with CFF outlines, and no TrueType-outline CJK font ships in a
package we can depend on, so these use reportlab's STSong-Light CID font, not embedded: PDFium
substitutes a system font for it, which is also what the host-independence test needs.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
SIZE = 9
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

Cell = str | list[str]  # a cell's text, or its lines as wrapped inside the cell


@dataclass
class RuledTable:
    """A fully ruled table: column widths, row heights and cells (a list of lines wraps inside the cell)."""

    x: float
    top: float
    widths: list[float]
    rows: list[list[Cell]]
    row_height: float = 16
    heights: dict[int, float] = field(default_factory=dict)  # taller rows, by index

    def draw(self, pdf: canvas.Canvas) -> float:
        """Draw rules and text; return the y under the table."""
        ys = [self.top]
        for index in range(len(self.rows)):
            ys.append(ys[-1] - self.heights.get(index, self.row_height))
        xs = [self.x]
        for width in self.widths:
            xs.append(xs[-1] + width)
        pdf.setLineWidth(0.5)
        for y in ys:
            pdf.line(xs[0], y, xs[-1], y)
        for x in xs:
            pdf.line(x, ys[0], x, ys[-1])
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row):
                lines = cell if isinstance(cell, list) else [cell]
                for k, text in enumerate(lines):
                    baseline = ys[r] - 11 - k * (SIZE + 2)
                    if c == 0:
                        pdf.drawString(xs[c] + 2, baseline, text)
                    else:
                        pdf.drawRightString(xs[c + 1] - 2, baseline, text)
        return ys[-1]


def build_pdf(pages: list[Callable[[canvas.Canvas], None]]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for draw in pages:
        pdf.setFont(FONT, SIZE)
        draw(pdf)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def running_furniture(pdf: canvas.Canvas, page_no: int, total: int) -> None:
    """The header and footer a publisher prints on every page."""
    pdf.drawString(220, 810, "某某科技股份有限公司2025年年度报告")
    pdf.line(60, 805, 535, 805)
    pdf.drawString(290, 30, f"{page_no} / {total}")
