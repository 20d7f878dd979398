"""Glyphs and ruling lines of one PDF page, in the page's own geometry.

Every horizontal measure comes from the PDF itself, never from the font the machine substitutes:
PDFium's *loose* character box spans the glyph's origin to origin + its advance width as the PDF's
font dictionary states it (``/W``, ``/Widths``), and its height is the effective font size. The
tight box, by contrast, is the outline of whatever system font PDFium picked for a non-embedded
font, so a reading built on it changes from one machine to the next.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

RULE_THICKNESS = 2.0  # a path thinner than this (pt) is a ruling line, not a shape
OVERPRINT_TOLERANCE = 0.25  # of the font size: the same glyph drawn again this close is fake bold


@dataclass(slots=True)
class Glyph:
    char: str
    left: float
    right: float
    baseline: float
    size: float  # effective font size (pt) as the PDF states it

    @property
    def middle(self) -> float:
        return (self.left + self.right) / 2

    @property
    def centre_y(self) -> float:
        """A point inside the glyph's body: a third of the size above the baseline."""
        return self.baseline + self.size / 3


@dataclass(slots=True)
class Rule:
    """A horizontal (y fixed, from x0 to x1) or vertical (x fixed, from y0 to y1) ruling line."""

    position: float
    start: float
    end: float


@dataclass(slots=True)
class PageContent:
    glyphs: list[Glyph]
    horizontal: list[Rule]
    vertical: list[Rule]
    height: float
    overprinted: int  # glyphs dropped as duplicates drawn over themselves
    unreadable: int  # glyphs whose text is a replacement or private-use character


def read_page(page: pdfium.PdfPage) -> PageContent:
    textpage = page.get_textpage()
    try:
        glyphs, unreadable = _glyphs(textpage)
    finally:
        textpage.close()
    kept = drop_overprint(glyphs)
    horizontal, vertical = _rules(page)
    return PageContent(kept, horizontal, vertical, page.get_height(), len(glyphs) - len(kept), unreadable)


def _glyphs(textpage: pdfium.PdfTextPage) -> tuple[list[Glyph], int]:
    glyphs: list[Glyph] = []
    unreadable = 0
    box = pdfium_c.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage, index):
            continue  # spaces and line breaks PDFium inferred from the substituted font's widths
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage, index))
        if char.isspace():
            continue
        if not _readable(char):
            unreadable += 1
            continue
        if abs(math.sin(pdfium_c.FPDFText_GetCharAngle(textpage, index))) > 0.1:
            continue  # rotated text (stamps, side notes) is not part of the reading order
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, box)
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, origin_x, origin_y)
        size = box.top - box.bottom
        if size <= 0:
            continue
        glyphs.append(Glyph(char, origin_x.value, max(box.right, origin_x.value), origin_y.value, size))
    return glyphs, unreadable


def _readable(char: str) -> bool:
    return char != "\ufffd" and unicodedata.category(char) not in {"Co", "Cc", "Cs", "Cn"}


def drop_overprint(glyphs: list[Glyph]) -> list[Glyph]:
    """Keep one of each glyph drawn several times at (nearly) the same spot, as fake bold does."""
    kept: list[Glyph] = []
    seen: dict[tuple[str, int, int], list[Glyph]] = {}
    for glyph in glyphs:
        step = max(glyph.size * OVERPRINT_TOLERANCE, 0.5)
        cell_x, cell_y = int(glyph.left // step), int(glyph.baseline // step)
        if any(
            abs(other.left - glyph.left) < step and abs(other.baseline - glyph.baseline) < step
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for other in seen.get((glyph.char, cell_x + dx, cell_y + dy), ())
        ):
            continue
        seen.setdefault((glyph.char, cell_x, cell_y), []).append(glyph)
        kept.append(glyph)
    return kept


def _rules(page: pdfium.PdfPage) -> tuple[list[Rule], list[Rule]]:
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        width, height = right - left, top - bottom
        if height < RULE_THICKNESS <= width:
            horizontal.append(Rule((top + bottom) / 2, left, right))
        elif width < RULE_THICKNESS <= height:
            vertical.append(Rule((left + right) / 2, bottom, top))
        elif width >= RULE_THICKNESS and height >= RULE_THICKNESS and _is_stroked(obj):
            horizontal += [Rule(bottom, left, right), Rule(top, left, right)]
            vertical += [Rule(left, bottom, top), Rule(right, bottom, top)]
    return merge_rules(horizontal), merge_rules(vertical)


def _is_stroked(obj: pdfium.PdfObject) -> bool:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke):
        return False
    # a stroked rectangle has four segments plus its close: a box drawn as a frame, not a curve
    return bool(stroke.value) and pdfium_c.FPDFPath_CountSegments(obj) <= 6


def merge_rules(rules: list[Rule], tolerance: float = RULE_THICKNESS) -> list[Rule]:
    """Join collinear pieces that touch or overlap: tables are often ruled in short strokes."""
    merged: list[Rule] = []
    for line in _collinear_groups(rules, tolerance):
        position = sum(rule.position for rule in line) / len(line)
        for rule in sorted(line, key=lambda r: r.start):
            last = merged[-1] if merged and merged[-1].position == position else None
            if last and rule.start <= last.end + tolerance:
                last.end = max(last.end, rule.end)
            else:
                merged.append(Rule(position, rule.start, rule.end))
    return merged


def _collinear_groups(rules: list[Rule], tolerance: float) -> list[list[Rule]]:
    groups: list[list[Rule]] = []
    for rule in sorted(rules, key=lambda r: r.position):
        if groups and rule.position - groups[-1][-1].position < tolerance:
            groups[-1].append(rule)
        else:
            groups.append([rule])
    return groups
