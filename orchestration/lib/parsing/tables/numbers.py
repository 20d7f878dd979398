"""Reading one printed number: thousands separators, signs, percentages, counts with units.

A table cell is a number only when the whole cell is one; anything else (``2023 年 1-3 月``,
``7-2-19``, ``2017/3/14``, ``第 4-11 年``) stays text, so no digit inside prose is ever read.

Printed forms read as the number they print: full-width digits and signs (``１２３．４５``, ``－``),
zero-width characters and soft hyphens, a number broken by a space beside its point or a
separator (``205,021,446. 76`` from a PDF conversion), a negative in brackets with a point or
separators (``(1,234.56)``, ``（1,234.56）``; ``(1)`` stays a row id), ``%`` and ``‰``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from orchestration.lib.vocabulary.units import CELL_COUNT_SUFFIXES, MONEY_UNITS

# Units printed inside a cell right after a count (the vocabulary's); the caption unit is read elsewhere.
COUNT_UNITS = CELL_COUNT_SUFFIXES
_MONEY = "|".join(sorted(MONEY_UNITS, key=lambda unit: (-len(unit), unit)))
# A price per unit printed after the number in its cell: 11.12 万元/架/年.
PER_UNIT = rf"(?:{_MONEY})(?:/[\u4e00-\u9fffA-Za-z]+)+"
EMPTY_MARKS = frozenset({"-", "--", "---", "—", "——", "－"})
NOT_APPLICABLE = "不适用"  # printed where no value applies (a change over a loss)

_NUMBER = re.compile(
    r"(?P<sign>[-－])?"
    r"(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"\s?(?P<unit>%|‰|[{COUNT_UNITS}]|{PER_UNIT})?"
)
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_SPLIT_AT_POINT = re.compile(r"(?<=\d[.,])\s+(?=\d)|(?<=\d)\s+(?=[.,]\d)")
_BRACKETED = re.compile(r"^\((?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)\)(?P<unit>%?)$")
_ROW_ID = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,2}|[(（]\d{1,2}[)）]|[①-⑳]")


@dataclass(frozen=True, slots=True)
class Number:
    raw: str
    value: float | None  # None for an empty-cell mark
    unit: str | None
    decimals: int  # digits after the point as printed


def is_empty_mark(text: str) -> bool:
    return text.strip() in EMPTY_MARKS


@functools.lru_cache(maxsize=1 << 16)  # a cell is read again by each test of its row and by the reader
def parse_number(text: str) -> Number | None:
    """The number printed as the whole of ``text``, or None when the text is not one number."""
    raw = text.strip()
    if raw in EMPTY_MARKS:
        return Number(raw, None, None, 0)
    printed = _as_plain_number(raw)
    if bracketed := _BRACKETED.match(printed):
        printed = f"-{bracketed['digits']}{bracketed['unit']}"
    match = _NUMBER.fullmatch(printed)
    if match is None:
        return None
    digits = match["digits"]
    value = float(digits.replace(",", ""))
    if match["sign"]:
        value = -value
    decimals = len(digits.partition(".")[2])
    return Number(raw, value, match["unit"], decimals)


def _as_plain_number(raw: str) -> str:
    """The text with printed variants of digits, signs and breaks undone (never changing a value)."""
    if raw.isascii() and " " not in raw:
        return raw
    plain = unicodedata.normalize("NFKC", _INVISIBLE.sub("", raw)).replace("\u2212", "-")
    return _SPLIT_AT_POINT.sub("", plain)


def is_row_id(text: str) -> bool:
    """Row numbers as printed in the first column: ``2``, ``1.1``, ``(1)``, ``①``."""
    return _ROW_ID.fullmatch(text.strip()) is not None


@functools.lru_cache(maxsize=1 << 16)  # every line is measured again by each test of its layout
def display_width(text: str) -> int:
    """Columns a string takes in a PDF text dump, where CJK characters are double width."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
