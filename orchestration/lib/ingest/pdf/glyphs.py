"""Glyphs and ruling lines of one PDF page, in the page's own geometry.

Every measure comes from the PDF itself, never from the font the machine substitutes: a glyph's
origin (placed by the widths the PDF declares), its size (the font size times the text matrix)
and its advance (the next glyph's origin, or the width the font dictionary declares). PDFium's
character boxes, by contrast, are the outlines of whatever system font it picked for a font the
PDF does not embed, so a reading built on them changes from one machine to the next.

One dependence on the machine remains, in PDFium itself: its text page skips a text object whose
glyph outlines are all empty, which happens to a one-glyph object in a non-embedded CJK font on a
machine with no CJK font. Issuers embed their fonts, so their PDFs are not affected.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

RULE_THICKNESS = 2.0  # a path thinner than this (pt) is a ruling line, not a shape
OVERPRINT_TOLERANCE = 0.25  # of the font size: the same glyph drawn again this close is fake bold
# within one run of text the next glyph legitimately follows at its advance (a leader dot, the
# second "l" of "ll" sit a quarter em on), so only a much closer repeat there is a copy
SAME_RUN_OVERPRINT = 0.12


@dataclass(slots=True)
class Glyph:
    char: str
    left: float
    right: float
    baseline: float
    size: float  # effective font size (pt) as the PDF states it
    space_before: bool = False  # the PDF itself prints a space character just before this glyph
    quarter: int = 0  # quarter turns the glyph is printed at (1: text running up the page)
    run: int = 0  # glyphs set one after the other, each starting where the previous one ends
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
    """The page in its reading frame: a page printed turned by a quarter turn is read turned back."""
    width, height = page.get_width(), page.get_height()
    textpage = page.get_textpage()
    try:
        glyphs, unreadable = _glyphs(textpage, width, height)
    finally:
        textpage.close()
    quarter = Counter(g.quarter for g in glyphs).most_common(1)[0][0] if glyphs else 0
    upright = [g for g in glyphs if g.quarter == quarter]  # stamps and side notes at other angles are left out
    kept = drop_overprint(upright)
    horizontal, vertical = _rules(page, quarter, width, height)
    reading_height = width if quarter % 2 else height
    return PageContent(kept, horizontal, vertical, reading_height, len(upright) - len(kept), unreadable)


def to_frame(quarter: int, x: float, y: float, width: float, height: float) -> tuple[float, float]:
    """A page point in the frame of text turned by this many quarter turns (x along the text, y up)."""
    if quarter == 1:
        return y, width - x
    if quarter == 2:
        return width - x, height - y
    if quarter == 3:
        return height - y, x
    return x, y


def _quarter(a: float, b: float) -> int | None:
    """Quarter turns of a text matrix's direction (a, b); None for text set at any other angle."""
    if abs(b) <= 0.1 * abs(a):
        return 0 if a > 0 else 2
    if abs(a) <= 0.1 * abs(b):
        return 1 if b > 0 else 3
    return None


def _glyphs(textpage: pdfium.PdfTextPage, width: float, height: float) -> tuple[list[Glyph], int]:
    """Glyphs in drawing order; each one's right edge is where the next glyph of its run starts.

    The origin of every glyph follows from the widths the PDF declares, so a glyph's advance is
    the distance to the next origin on its run; the last glyph of a run (before a gap PDFium
    noticed, a printed space or a new line) takes the width the PDF's font dictionary declares.
    PDFium's loose and tight boxes are never used: for a font that is not embedded they come from
    whatever font the machine substitutes.
    """
    handle = textpage.raw  # the raw handle: these calls run once per glyph
    glyphs: list[Glyph] = []
    run_ends: list[tuple[Glyph, int]] = []  # glyphs no following origin closed: measured at the end
    unreadable = 0
    matrix, origin_x, origin_y = pdfium_c.FS_MATRIX(), ctypes.c_double(), ctypes.c_double()
    get_origin, get_matrix = pdfium_c.FPDFText_GetCharOrigin, pdfium_c.FPDFText_GetMatrix
    get_size, is_generated = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_IsGenerated
    previous: tuple[Glyph, int] | None = None
    space_before = False
    run, continues = 0, False
    for index, char in enumerate(_chars(textpage)):
        space = char.isspace()
        if space and is_generated(handle, index):
            # PDFium saw a gap here (a positioning offset, a new text object): not a space we print,
            # but the glyph before it ends at its own width, not at the next glyph's origin
            if previous is not None:
                run_ends.append(previous)
                previous = None
            continue
        if not space and not _readable(char):
            unreadable += 1
            continue
        if space:
            quarter = previous[0].quarter if previous else 0
        elif not get_matrix(handle, index, matrix) or (quarter := _quarter(matrix.a, matrix.b)) is None:
            continue  # text set at a slant (a stamp) is not part of the reading order
        get_origin(handle, index, origin_x, origin_y)
        x, y = to_frame(quarter, origin_x.value, origin_y.value, width, height)
        continues = False
        if previous is not None:
            last = previous[0]
            continues = last.quarter == quarter and abs(y - last.baseline) < 0.1 and 0 < x - last.left < 1.5 * last.size
            if continues:
                last.ends_at(x)
            else:
                run_ends.append(previous)
            previous = None
        if space:
            space_before = True
            continue
        # the size printed: the PDF's font size scaled by the text matrix, no font metrics involved
        size = get_size(handle, index) * math.hypot(matrix.c, matrix.d)
        if size > 0:
            run += 0 if continues else 1
            glyph = Glyph(char, x, x + size, y, size, space_before, quarter, run)
            glyphs.append(glyph)
            previous, space_before = (glyph, index), False
    if previous is not None:
        run_ends.append(previous)
    for glyph, index in run_ends:
        glyph.ends_at(glyph.left + _declared_width(handle, index, glyph))
    return glyphs, unreadable


def _declared_width(textpage, index: int, glyph: Glyph) -> float:
    """The advance the PDF's font dictionary declares for the glyph (an em where it declares none)."""
    width = ctypes.c_float()
    font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(textpage, index))
    if font and pdfium_c.FPDFFont_GetGlyphWidth(font, ord(glyph.char), glyph.size, width) and width.value > 0:
        return min(width.value, glyph.size * 1.5)
    return glyph.size


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
    """Keep one of each glyph drawn several times at (nearly) the same spot, as fake bold does.

    Positions are bucketed in cells twice the tolerance wide, so a copy within the tolerance sits
    in the glyph's own cell or in the neighbour on the side of the nearer cell edge: four lookups.
    """
    kept: list[Glyph] = []
    seen: dict[tuple[str, int, int], list[Glyph]] = {}
    for glyph in glyphs:
        step = max(glyph.size * OVERPRINT_TOLERANCE, 0.5)
        fx, fy = glyph.left / (2 * step), glyph.baseline / (2 * step)
        cx, cy = int(fx // 1), int(fy // 1)
        nx, ny = cx + (1 if fx - cx > 0.5 else -1), cy + (1 if fy - cy > 0.5 else -1)
        duplicate = False
        for key in ((glyph.char, cx, cy), (glyph.char, nx, cy), (glyph.char, cx, ny), (glyph.char, nx, ny)):
            for other in seen.get(key, ()):
                reach = step if other.run != glyph.run else glyph.size * SAME_RUN_OVERPRINT
                if abs(other.left - glyph.left) < reach and abs(other.baseline - glyph.baseline) < step:
                    duplicate = True
        if not duplicate:
            seen.setdefault((glyph.char, cx, cy), []).append(glyph)
            kept.append(glyph)
    return kept


def _rules(page: pdfium.PdfPage, quarter: int, width: float, height: float) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical ruling lines of the page, in the reading frame of its text."""
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    for x0, y0, x1, y1 in _strokes(page):
        (fx0, fy0), (fx1, fy1) = to_frame(quarter, x0, y0, width, height), to_frame(quarter, x1, y1, width, height)
        if abs(fy1 - fy0) < RULE_THICKNESS:
            horizontal.append(Rule((fy0 + fy1) / 2, min(fx0, fx1), max(fx0, fx1)))
        else:
            vertical.append(Rule((fx0 + fx1) / 2, min(fy0, fy1), max(fy0, fy1)))
    return merge_rules(horizontal), merge_rules(vertical)


def _strokes(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """Every straight horizontal or vertical line drawn on the page, as its two end points."""
    strokes = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for path in _paths(page):
        if not pdfium_c.FPDFPageObj_GetBounds(path, left, bottom, right, top):
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        if y1 - y0 < RULE_THICKNESS <= x1 - x0:  # a thin bar or a line: a horizontal rule
            strokes.append((x0, (y0 + y1) / 2, x1, (y0 + y1) / 2))
        elif x1 - x0 < RULE_THICKNESS <= y1 - y0:
            strokes.append(((x0 + x1) / 2, y0, (x0 + x1) / 2, y1))
        elif x1 - x0 >= RULE_THICKNESS and y1 - y0 >= RULE_THICKNESS and _is_stroked(path):
            strokes += _stroked_lines(path)
    return strokes


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
    return bool(pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke) and stroke.value)


def _stroked_lines(path) -> list[tuple[float, float, float, float]]:
    """The straight horizontal and vertical strokes of one path: a frame, or a whole grid in one path."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(path, matrix):
        return []
    lines = []
    for (x0, y0, draws), (x1, y1, _) in pairwise(_segment_points(path, matrix)):
        straight = abs(y1 - y0) < RULE_THICKNESS / 2 or abs(x1 - x0) < RULE_THICKNESS / 2
        if draws and straight and max(abs(x1 - x0), abs(y1 - y0)) >= RULE_THICKNESS:
            lines.append((x0, y0, x1, y1))
    return lines


def _segment_points(path, matrix: pdfium_c.FS_MATRIX) -> list[tuple[float, float, bool]]:
    """Each point of the path in page space, and whether a straight stroke leads from it to the next."""
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float, bool]] = []
    start = None
    for index in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        point = (matrix.a * x.value + matrix.c * y.value + matrix.e, matrix.b * x.value + matrix.d * y.value + matrix.f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        if points:  # the previous point leads here by a straight line only if this segment is a lineto
            points[-1] = (*points[-1][:2], kind == pdfium_c.FPDF_SEGMENT_LINETO)
        points.append((*point, False))
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            points[-1] = (*point, True)
            points.append((*start, False))
    return points


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
