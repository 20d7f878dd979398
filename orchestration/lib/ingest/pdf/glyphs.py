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
    space_before: bool = False  # the PDF itself prints a space character just before this glyph
    middle: float = 0.0  # horizontal centre
    centre_y: float = 0.0  # a point inside the glyph's body: a third of the size above the baseline

    def __post_init__(self) -> None:
        self.middle = (self.left + self.right) / 2
        self.centre_y = self.baseline + self.size / 3

    def ends_at(self, right: float) -> None:
        self.right = right
        self.middle = (self.left + right) / 2


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
    """Glyphs in drawing order; each one's right edge is where the next glyph of its run starts.

    The origin of every glyph follows from the widths the PDF declares, so a glyph's advance is
    the distance to the next origin on its run; the loose box's right edge only serves for the
    last glyph of a run (capped at an em), because PDFium fills it from the substituted font.
    """
    glyphs: list[Glyph] = []
    unreadable = 0
    box = pdfium_c.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    loose_box, origin, angle = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin, pdfium_c.FPDFText_GetCharAngle
    previous: Glyph | None = None
    space_before = False
    for index, char in enumerate(_chars(textpage)):
        if char.isspace() and pdfium_c.FPDFText_IsGenerated(textpage, index):
            continue  # PDFium's guess from the substituted font's widths, not the PDF's own text
        if not char.isspace() and not _readable(char):
            unreadable += 1
            continue
        if abs(math.sin(angle(textpage, index))) > 0.1:
            continue  # rotated text (stamps, side notes) is not part of the reading order
        origin(textpage, index, origin_x, origin_y)
        x, y = origin_x.value, origin_y.value
        if previous is not None and abs(y - previous.baseline) < 0.1 and 0 < x - previous.left < 1.5 * previous.size:
            previous.ends_at(x)
        if char.isspace():
            space_before, previous = True, None
            continue
        loose_box(textpage, index, box)
        size = box.top - box.bottom
        if size <= 0:
            continue
        previous = Glyph(char, x, min(max(box.right, x), x + size), y, size, space_before)
        glyphs.append(previous)
        space_before = False
    return glyphs, unreadable


def _chars(textpage: pdfium.PdfTextPage) -> list[str]:
    """One character per PDFium char index: the page's text in one call, unless a surrogate pair shifts it."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) == count:
        return list(text)
    return [chr(pdfium_c.FPDFText_GetUnicode(textpage, index)) for index in range(count)]


def _readable(char: str) -> bool:
    return char != "\ufffd" and unicodedata.category(char) not in {"Co", "Cc", "Cs", "Cn"}


def drop_overprint(glyphs: list[Glyph]) -> list[Glyph]:
    """Keep one of each glyph drawn several times at (nearly) the same spot, as fake bold does."""
    kept: list[Glyph] = []
    seen: dict[tuple[str, int, int], list[Glyph]] = {}
    for glyph in glyphs:
        step = max(glyph.size * OVERPRINT_TOLERANCE, 0.5)
        cell_x, cell_y = int(glyph.left // step), int(glyph.baseline // step)
        if not _drawn_before(glyph, step, cell_x, cell_y, seen):
            seen.setdefault((glyph.char, cell_x, cell_y), []).append(glyph)
            kept.append(glyph)
    return kept


def _drawn_before(glyph: Glyph, step: float, cell_x: int, cell_y: int, seen: dict) -> bool:
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for other in seen.get((glyph.char, cell_x + dx, cell_y + dy), ()):
                if abs(other.left - glyph.left) < step and abs(other.baseline - glyph.baseline) < step:
                    return True
    return False


def _rules(page: pdfium.PdfPage) -> tuple[list[Rule], list[Rule]]:
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for path in _paths(page):
        if not pdfium_c.FPDFPageObj_GetBounds(path, left, bottom, right, top):
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        width, height = x1 - x0, y1 - y0
        if height < RULE_THICKNESS <= width:
            horizontal.append(Rule((y0 + y1) / 2, x0, x1))
        elif width < RULE_THICKNESS <= height:
            vertical.append(Rule((x0 + x1) / 2, y0, y1))
        elif width >= RULE_THICKNESS and height >= RULE_THICKNESS and _is_stroked(path):
            horizontal += [Rule(y0, x0, x1), Rule(y1, x0, x1)]
            vertical += [Rule(x0, y0, y1), Rule(x1, y0, y1)]
    return merge_rules(horizontal), merge_rules(vertical)


def _paths(page: pdfium.PdfPage) -> list:
    """Every path object of the page, inside form XObjects too (raw handles: pages hold thousands of objects)."""
    paths = []
    pending = [pdfium_c.FPDFPage_GetObject(page, i) for i in range(pdfium_c.FPDFPage_CountObjects(page))]
    while pending:
        obj = pending.pop()
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths.append(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            pending += [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
    return paths


def _is_stroked(obj) -> bool:
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
