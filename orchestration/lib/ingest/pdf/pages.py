"""One page laid out for reading: its text lines and its tables, ruled or not, top to bottom.

Ruled tables are found from their lines (``tables``), then tables set without lines from the
columns of white space between aligned cells (``unruled``). Text outside tables keeps its columns
the way ``pdftotext -layout`` does: each word starts at the display column its x position implies
(a column is half the page's usual font size, CJK counting two), so a table neither reader proves
stays readable by the text table engine.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import pypdfium2 as pdfium

from orchestration.lib.ingest.pdf.glyphs import Glyph, read_page
from orchestration.lib.ingest.pdf.tables import PageTable, find_tables
from orchestration.lib.ingest.pdf.unruled import find_unruled_tables
from orchestration.lib.ingest.pdf.words import Word, group_lines, is_wide, words_of


@dataclass(slots=True)
class TextLine:
    text: str
    top: float  # the baseline, in page coordinates (y grows upwards)


@dataclass(slots=True)
class PageLayout:
    items: list[TextLine | PageTable]  # top to bottom
    height: float
    n_glyphs: int
    overprinted: int
    unreadable: int


def layout_page(page: pdfium.PdfPage) -> PageLayout:
    try:
        content = read_page(page)
    finally:
        page.close()
    ruled, loose = find_tables(content)
    unruled, loose = find_unruled_tables(loose)
    items: list[TextLine | PageTable] = [*ruled, *unruled, *_text_lines(loose)]
    items.sort(key=lambda item: -item.top)
    return PageLayout(items, content.height, len(content.glyphs), content.overprinted, content.unreadable)


def _text_lines(glyphs: list[Glyph]) -> list[TextLine]:
    if not glyphs:
        return []
    column_width = statistics.median(g.size for g in glyphs) / 2
    left_edge = min(g.left for g in glyphs)
    return [
        TextLine(_render(words_of(line), left_edge, column_width), line[0].baseline)
        for line in group_lines(glyphs)
    ]


def _render(words: list[Word], left_edge: float, column_width: float) -> str:
    out: list[str] = []
    width = 0
    for word in words:
        column = round((word.left - left_edge) / column_width)
        padding = max(column - width, 1 if out else 0)
        out.append(" " * padding + word.text)
        width += padding + sum(2 if is_wide(char) else 1 for char in word.text)
    return "".join(out).rstrip()
