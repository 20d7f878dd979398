"""Text normalization at the ingest boundary: the one place where printed characters are made plain.

Two layers, because line numbers are provenance:

- line breaks (plain-text files and markup only): CRLF, a lone CR, LINE SEPARATOR, PARAGRAPH SEPARATOR
  and NEXT LINE each end a line, so line N of the stored text is the Nth line an editor shows;
- characters (every format, never adding or removing a line break, since the line numbers of HTML and
  PDF text index the table grids stored beside it): invisible characters inside numbers go, no-break
  spaces become spaces, full-width digits become ASCII, and full-width number punctuation becomes
  ASCII where it sits in a number ("１，２３４．５６", "１２％", "－５"), while Chinese prose punctuation
  ("公司，" or "（一）") is kept.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\u0085]")
# Zero-width space/non-joiner/joiner, word joiner, a byte-order mark inside text, and the soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007"), " ")
_FULL_WIDTH_DIGITS = {ord("０") + n: str(n) for n in range(10)}
_CHARACTER_MAP = _INVISIBLE | _SPACES | _FULL_WIDTH_DIGITS
# Full-width punctuation is a number's only where the number is: a separator between digits, a
# percent sign after one, a sign before one.
_NUMBER_PUNCTUATION = re.compile(r"(?<=[0-9])[，．](?=[0-9])|(?<=[0-9])％|[－＋](?=[0-9])")
_ASCII_OF = {"，": ",", "．": ".", "％": "%", "－": "-", "＋": "+"}


def normalize_line_breaks(text: str) -> str:
    """Every kind of line ending becomes "\\n", one line ending for one line."""
    return _LINE_BREAKS.sub("\n", text)


def normalize_characters(text: str) -> str:
    """Numbers printed with invisible or full-width characters read as plain ASCII; line breaks are untouched."""
    text = text.translate(_CHARACTER_MAP)
    return _NUMBER_PUNCTUATION.sub(lambda match: _ASCII_OF[match.group()], text)


def normalize_plain_text(text: str) -> str:
    """A plain-text filing as stored: both layers."""
    return normalize_characters(normalize_line_breaks(text))
