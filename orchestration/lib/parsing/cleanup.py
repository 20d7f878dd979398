"""Clean-up of a filing's stored text: page markers and portal chrome become blank lines.

Lines are never added, removed or merged, so line ``n`` of the cleaned text is line ``n`` of
the stored text and every fact can point back to where it was printed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# Pages skipped by a running page sequence: image-only pages, or a number swallowed by a table.
MAX_PAGE_SKIP = 3
# A page holds more than a handful of lines, so two page numbers this close are a list or a table.
MIN_LINES_PER_PAGE = 4
# A number that could be text is not a page number if the same page number follows this soon.
LOOKAHEAD_PAGES = 1.5
# How far back a numbered row is looked for when a glued number might be a row id instead.
ROW_SEQUENCE_WINDOW = 12
# Portal chrome sits in the first and last lines of a scraped page.
HEAD_WINDOW = 30
TAIL_WINDOW = 60

_WHITESPACE = re.compile(r"\s+")
_DASHED_PAGE = re.compile(r"^[-—–]\s*(\d{1,4})\s*[-—–]$")
_BARE_PAGE = re.compile(r"^(\d{1,4})$")
_WORDED_PAGE = re.compile(r"^第\s*(\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?$")
_PAGE_ID = re.compile(r"^((?:\d{1,2}-){1,2})(\d{1,4})$")
_WORD_OF_TEXT = re.compile(r"(?![第页共])[\u4e00-\u9fff]")
_GLUED_PAGE_ID = re.compile(r"^((?:\d{1,2}-){1,2})(\d{1,4})(?=\S)")
_LEADING_DIGITS = re.compile(r"^\d+")
_MAX_PAGE_DIGITS = 9  # longer digit runs are never a page number (and int() refuses >4,300 digits)
_YEAR_AT_START = re.compile(r"^(?:19|20)\d{2}(?:\s*年|[-./]\d)")
# What may follow a glued page number: the start of a word, a number or an opening mark, but
# never a unit, a list mark or a date part that would make the digits part of the text itself.
_GLUED_REMAINDER_START = re.compile(r"^(?:[\u4e00-\u9fffA-Za-z(（《“\"*【\[]|\d)")
_NOT_AFTER_PAGE = re.compile(r"^[年月日万亿元个台套架人号期季次项条款天%％]")
_LINE_START_NUMBER = re.compile(r"^\s*(\d{1,4})")

_SENTENCE_PUNCTUATION = re.compile(r"[，。；：,;:！？!?、（）()《》“”]")
_BULLET = re.compile(r"^\s*[•·▪●◆■]\s*")
_DATE_TOKEN = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|\d{1,2}:\d{2}")
_DISCLAIMER = re.compile(r"免责声明|风险自担|不构成投资建议|不作为投资建议|仅代表[^，。]{0,6}个人观点")
_SHORT_LABEL_CHARS = 10
_MENU_TOKEN_CHARS = 8
_MENU_MIN_TOKENS = 3
_DATELINE_CHARS = 40


@dataclass(frozen=True, slots=True)
class CleanText:
    lines: list[str]  # line i + 1 of the stored text; page markers and chrome blanked
    page_breaks: frozenset[int]  # 1-based lines that carried a page number (the page ended there)


def split_lines(text: str) -> list[str]:
    """Split on "\\n" only: ``str.splitlines`` also splits on form feeds and Unicode separators."""
    return text.split("\n")


@functools.lru_cache(maxsize=1 << 16)  # a filing's labels repeat on every row and column they head
def normalise_label(label: str) -> str:
    """A label as compared against vocabularies: NFKC (full-width to ASCII) and no whitespace."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", label))


def clean(text: str) -> CleanText:
    lines = [line.rstrip("\r") for line in split_lines(text)]
    lines, page_breaks = _remove_page_numbers(lines)
    lines = _blank_portal_chrome(lines)
    return CleanText(lines=lines, page_breaks=frozenset(page_breaks))


class _PageSequence:
    """The running page count: a number is a page number only if it continues the sequence.

    A number that cannot be text (``7-2-19`` alone on a line, ``14`` glued to a word) may skip a
    few pages, more the longer the sequence has been silent, so a page number lost inside a table
    does not stall it. A number that could be text (a bare ``9``, ``390.11%``) must be exactly
    the next page.
    """

    def __init__(self, lines: list[str]) -> None:
        self.word_glued_at = _lines_by_word_glued_number(lines)
        self.last_page = 0
        self.last_line = -MIN_LINES_PER_PAGE
        self.prefix: str | None = None

    def accepts(self, number: int, index: int, prefix: str | None = None, certain: bool = True) -> bool:
        if index - self.last_line < MIN_LINES_PER_PAGE:
            return False
        if self.prefix is not None and prefix != self.prefix:
            # Once pages are numbered "7-2-19", a bare number is text; a new prefix is a new part
            # of the filing that restarts its numbering.
            return prefix is not None and number <= MAX_PAGE_SKIP
        if not certain:
            return number == self.last_page + 1 and not self._printed_for_certain_soon(number, index)
        return self.last_page < number <= self.last_page + self._allowed_jump(index)

    def _allowed_jump(self, index: int) -> int:
        if self.last_page == 0:
            return MAX_PAGE_SKIP
        return MAX_PAGE_SKIP + int((index - self.last_line) / self._lines_per_page())

    def _lines_per_page(self) -> float:
        return max(self.last_line / max(self.last_page, 1), MIN_LINES_PER_PAGE)

    def _printed_for_certain_soon(self, number: int, index: int) -> bool:
        """``148172.80`` is not page 14 when ``14司部分`` follows within the next page or two."""
        horizon = index + LOOKAHEAD_PAGES * self._lines_per_page()
        return any(index < later <= horizon for later in self.word_glued_at.get(number, ()))

    def row_numbering_follows(self, number: int, index: int) -> bool:
        """``1设备购置费47900.26…`` is row 1, not page 1, when ``2软件购置费…`` opens a line too soon for a new page."""
        return any(
            index < later < index + MIN_LINES_PER_PAGE for later in self.word_glued_at.get(number + 1, ())
        )

    def advance(self, number: int, index: int, prefix: str | None = None) -> None:
        self.last_page, self.last_line = number, index
        if prefix is not None:
            self.prefix = prefix


def _remove_page_numbers(lines: list[str]) -> tuple[list[str], list[int]]:
    sequence = _PageSequence(lines)
    cleaned = list(lines)
    breaks: list[int] = []
    numbered_rows: list[tuple[int, int]] = []  # (index, number) of lines opening with a number
    for index, line in enumerate(lines):
        remainder = _page_marker_line(line, sequence, index)
        if remainder is None:
            remainder = _glued_page_number(line, sequence, index, numbered_rows)
        if remainder is None:
            _remember_numbered_row(line, index, numbered_rows)
            continue
        cleaned[index] = remainder
        breaks.append(index + 1)
    return cleaned, breaks


def _page_marker_line(line: str, sequence: _PageSequence, index: int) -> str | None:
    """A line that holds nothing but a page marker that continues the sequence becomes blank."""
    if _WORD_OF_TEXT.search(line):
        return None  # a CJK character no page marker prints (NFKC keeps it): a line of text
    stripped = unicodedata.normalize("NFKC", line).strip()
    page_id = _PAGE_ID.match(stripped)
    marker = _DASHED_PAGE.match(stripped) or _WORDED_PAGE.match(stripped)
    bare = _BARE_PAGE.match(stripped)
    if page_id:
        accepted = sequence.accepts(int(page_id.group(2)), index, page_id.group(1))
        number, prefix = int(page_id.group(2)), page_id.group(1)
    elif marker or bare:
        number, prefix = int((marker or bare).group(1)), None
        accepted = sequence.accepts(number, index, certain=bool(marker))
    else:
        return None
    if not accepted:
        return None
    sequence.advance(number, index, prefix)
    return ""


def _glued_page_number(
    line: str, sequence: _PageSequence, index: int, numbered_rows: list[tuple[int, int]]
) -> str | None:
    """Strip a page number printed at the start of the next page's first line.

    ``14司部分股份`` and ``7-2-2设备类型`` are certain; ``390.11%`` is page 3 and ``90.11%`` only
    right after page 2, and ``2022年`` is always a year.
    """
    page_id = _GLUED_PAGE_ID.match(line)
    if page_id:
        prefix, number = page_id.group(1), int(page_id.group(2))
        remainder = line[page_id.end() :]
        if _can_follow_page_number(remainder) and sequence.accepts(number, index, prefix):
            sequence.advance(number, index, prefix)
            return remainder
        return None
    digits = _LEADING_DIGITS.match(line)
    if sequence.prefix is not None or not digits or _YEAR_AT_START.match(line):
        return None
    if len(digits.group()) > _MAX_PAGE_DIGITS:
        return _page_glued_to_number(line, sequence, index)  # no page sequence jumps that far
    number, remainder = int(digits.group()), line[digits.end() :]
    if (
        _can_follow_page_number(remainder)
        and sequence.accepts(number, index)
        and not _continues_row_numbering(number, index, numbered_rows)
        and not (_has_values(remainder) and sequence.row_numbering_follows(number, index))
    ):
        sequence.advance(number, index)
        return remainder
    return _page_glued_to_number(line, sequence, index)


def _page_glued_to_number(line: str, sequence: _PageSequence, index: int) -> str | None:
    expected = str(sequence.last_page + 1)
    remainder = line[len(expected) :]
    if sequence.last_page == 0 or not line.startswith(expected) or not remainder[:1].isdigit():
        return None
    if not _can_follow_page_number(remainder):
        return None
    if not sequence.accepts(sequence.last_page + 1, index, certain=False):
        return None
    sequence.advance(sequence.last_page + 1, index)
    return remainder


def _lines_by_word_glued_number(lines: list[str]) -> dict[int, list[int]]:
    """Lines that open with a number glued to a word or standing alone, by that number."""
    found: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        line = line.lstrip()  # a page number centred on its own line is indented
        digits = _LEADING_DIGITS.match(line)
        if digits and len(digits.group()) <= 4:
            remainder = line[digits.end() :]
            if not remainder.strip() or _can_follow_page_number(remainder) and not remainder[0].isdigit():
                found.setdefault(int(digits.group()), []).append(index)
    return found


def _has_values(remainder: str) -> bool:
    """A table row carries numbers after its label; the first line of a page of prose may not."""
    return any(ch.isdigit() for ch in remainder)


def _can_follow_page_number(remainder: str) -> bool:
    return bool(_GLUED_REMAINDER_START.match(remainder)) and not _NOT_AFTER_PAGE.match(remainder)


def _continues_row_numbering(number: int, index: int, numbered_rows: list[tuple[int, int]]) -> bool:
    """Row 12 right after row 11 of a numbered table is a row id even when page 12 is due."""
    for row_index, row_number in reversed(numbered_rows):
        if index - row_index > ROW_SEQUENCE_WINDOW:
            return False
        if row_number == number - 1:
            return True
    return False


def _remember_numbered_row(line: str, index: int, numbered_rows: list[tuple[int, int]]) -> None:
    match = _LINE_START_NUMBER.match(line)
    if match:
        numbered_rows.append((index, int(match.group(1))))


def _blank_portal_chrome(lines: list[str]) -> list[str]:
    """Blank the navigation, dateline and footer a portal wraps around a scraped filing."""
    cleaned = list(lines)
    for index in _head_chrome(lines) + _tail_chrome(lines):
        cleaned[index] = ""
    return cleaned


def _head_chrome(lines: list[str]) -> list[int]:
    """Menus and bullets before the filing's first real line, and the portal's dateline after it."""
    window = range(min(HEAD_WINDOW, len(lines)))
    chrome: list[int] = []
    for index in window:
        line = lines[index]
        if not line.strip():
            continue
        if not _is_menu_like(line):
            break
        chrome.append(index)
    if not _has_portal_marks(lines, chrome):
        chrome = []
    chrome.extend(index for index in window if _is_dateline(lines[index]))
    return chrome


def _tail_chrome(lines: list[str]) -> list[int]:
    """Menus, bullets and the disclaimer after the filing's last line.

    The block is chrome only if it holds a bullet or a disclaimer: a filing's own last lines
    (signatures, a date) are short too.
    """
    first = max(0, len(lines) - TAIL_WINDOW)
    block: list[int] = []
    for index in range(len(lines) - 1, first - 1, -1):
        line = lines[index]
        if not line.strip() or _is_menu_like(line):
            block.append(index)
            continue
        if _DISCLAIMER.search(line):
            block.append(index)
        break
    return block if _has_portal_marks(lines, block) else []


def _has_portal_marks(lines: list[str], block: list[int]) -> bool:
    """Bullets, a row of menu words or a disclaimer: a filing's own short lines have none of them."""
    return any(
        _BULLET.match(lines[i]) or _DISCLAIMER.search(lines[i]) or len(lines[i].split()) >= _MENU_MIN_TOKENS
        for i in block
    )


def _is_menu_like(line: str) -> bool:
    """A bullet item, a row of short menu words, or a short label with no punctuation or digits."""
    if _BULLET.match(line):
        return True
    tokens = line.split()
    if any(_SENTENCE_PUNCTUATION.search(token) or any(ch.isdigit() for ch in token) for token in tokens):
        return False
    if len(tokens) == 1:
        return len(tokens[0]) <= _SHORT_LABEL_CHARS
    return all(len(token) <= _MENU_TOKEN_CHARS for token in tokens)


def _is_dateline(line: str) -> bool:
    """The portal's source-date-link line, e.g. an exchange name, a date and a "read more" link."""
    stripped = line.strip()
    if len(stripped) > _DATELINE_CHARS or _SENTENCE_PUNCTUATION.search(stripped):
        return False
    tokens = stripped.split()
    return len(tokens) >= 2 and bool(_DATE_TOKEN.search(stripped))
