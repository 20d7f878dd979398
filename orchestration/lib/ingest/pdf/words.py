"""Lines and words from glyph geometry, spacing judged against the font size.

A gap between two glyphs is measured in ems of their own font size: a latin word space is about a
quarter em, a column gap several ems. Between CJK characters no space is ever printed, and between
the pieces of a number (digits, separators, sign) neither, so ``3,564,707,872.26`` stays one token
whatever the font's digit widths are.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from orchestration.lib.ingest.pdf.glyphs import Glyph

LINE_TOLERANCE = 0.3  # of the font size: baselines closer than this are one line
WORD_SPACE = 0.2  # of the font size: a wider gap between latin glyphs is a space
COLUMN_GAP = 1.0  # of the font size: a wider gap separates two words that are laid out apart
NUMBER_PARTS = frozenset("0123456789,.%")
NUMBER_JOINERS = frozenset(",.")


@dataclass(slots=True)
class Word:
    text: str
    left: float
    right: float
    baseline: float
    size: float


def is_wide(char: str) -> bool:
    """A full-width character (CJK ideograph, kana, full-width punctuation): never spaced from its neighbours."""
    return unicodedata.east_asian_width(char) in {"W", "F"}


def group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs whose baselines lie within a fraction of the font size, top line first, each left to right."""
    lines: list[list[Glyph]] = []
    baseline = None
    for glyph in sorted(glyphs, key=lambda g: -g.baseline):
        if baseline is None or baseline - glyph.baseline > glyph.size * LINE_TOLERANCE:
            lines.append([])
            baseline = glyph.baseline
        lines[-1].append(glyph)
    return [sorted(line, key=lambda g: g.left) for line in lines]


def words_of(line: list[Glyph]) -> list[Word]:
    """Split one line at gaps wider than an em; inside a word, a space only where latin text has one."""
    if not line:
        return []
    words: list[Word] = []
    first = previous = line[0]
    pieces = [first.char]
    for glyph in line[1:]:
        gap = glyph.left - previous.right
        em = max(glyph.size, previous.size)
        if gap > em * COLUMN_GAP:
            words.append(_word(pieces, first, previous))
            first, pieces = glyph, []
        elif _needs_space(previous.char, glyph.char, gap / em, glyph.space_before):
            pieces.append(" ")
        pieces.append(glyph.char)
        previous = glyph
    words.append(_word(pieces, first, previous))
    return words


def _word(pieces: list[str], first: Glyph, last: Glyph) -> Word:
    return Word("".join(pieces), first.left, last.right, first.baseline, max(first.size, last.size))


def _needs_space(left: str, right: str, gap_em: float, printed_space: bool) -> bool:
    if not (printed_space or gap_em > WORD_SPACE) or is_wide(left) or is_wide(right):
        return False
    # never inside a number: "3, 564" and "872. 26" are one number whatever the gap looked like
    return not (left in NUMBER_PARTS and right in NUMBER_PARTS and (left in NUMBER_JOINERS or right in NUMBER_JOINERS))


def line_text(line: list[Glyph]) -> str:
    """One line's words joined by single spaces (inside a table cell, where columns are already known)."""
    return " ".join(word.text for word in words_of(line))


def join_wrapped(pieces: list[str]) -> str:
    """Rejoin text wrapped over several lines of one cell: no space where CJK or a number continues."""
    text = ""
    for piece in (p for p in pieces if p):
        if text and not _continues(text[-1], piece[0]):
            text += " "
        text += piece
    return text


def _continues(left: str, right: str) -> bool:
    if is_wide(left) or is_wide(right):
        return True
    return left in NUMBER_PARTS and right in NUMBER_PARTS or left == "-" or right in NUMBER_JOINERS
