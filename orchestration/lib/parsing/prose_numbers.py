"""How a number and its unit are printed in a sentence: the patterns prose reads numbers, ranges and
units with (the units are the vocabulary's), and what a printed number's unit and digits say."""

from __future__ import annotations

import re

from orchestration.lib.vocabulary.units import PROSE_PRICE_MONEY, PROSE_PRICE_PARTS, PROSE_UNITS


def _alternation(symbols: tuple[str, ...]) -> str:
    """A regex that reads any of the symbols, the longest first (万元 before 元, 个月 before 个); a Latin
    symbol in any case (PFlops), a single Latin letter only where no other letter follows it (P, not PUE)."""
    def one(symbol: str) -> str:
        if not symbol.isascii() or not symbol.isalpha():
            return re.escape(symbol)
        return f"(?i:{symbol})" if len(symbol) > 1 else rf"{symbol}(?![A-Za-z])"
    return "|".join(one(symbol) for symbol in sorted(symbols, key=len, reverse=True))


_NUMBER = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
# A price per thing and time: 万元/台, 元/月/台, 元/PFLOPS/月 (the money unit and its "per" parts).
_PER_UNIT = rf"(?:{_alternation(PROSE_PRICE_MONEY)})(?:/(?:{_alternation(PROSE_PRICE_PARTS)}))+"
# The vocabulary's prose units, and a bare 万 closing a number ("3万、5万")
_UNIT = rf"{_PER_UNIT}|{_alternation(PROSE_UNITS)}|万(?=[、，,。和及与;；)）\s]|$)"
# A colon after a digit is a time or a ratio (10:30, 1:1); after a word it opens the value ("单价:78200元").
_NOT_AFTER = r"(?<![\d.\-/])(?<!\d:)"
VALUE = re.compile(rf"{_NOT_AFTER}(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT})?")
# A range, each end a fact with the high end's unit: "261-273万元/台", "110万元-240万元/台", "1-2%".
RANGE = re.compile(
    rf"{_NOT_AFTER}(?P<low>\d+(?:\.\d+)?)\s*(?P<low_unit>{_UNIT})?\s*[-—–~～至]\s*"
    rf"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT})"
)
_NOT_A_QUANTITY = re.compile(r"\s*(?:[月日号条款项次名家位期季度]|\.S[HZ]|\.HK|-\d)")
_TEN_THOUSAND = "万"


def decimals(number: str) -> int:
    return len(number.partition(".")[2])


def is_per_unit(unit: str) -> bool:
    return unit.startswith(("元/", "万元/"))


def unit_of(value: re.Match[str]) -> str | None:
    unit = value.group("unit")
    if unit and unit.upper().endswith("FLOPS"):
        return unit.upper()  # "4,495EFlops"
    return "万元" if unit == _TEN_THOUSAND else unit


def units_shared_backwards(units: list[str | None]) -> list[str | None]:
    """ "30.65%、40.82和58.47%": an item printed without its unit takes the next item's unit."""
    shared: list[str | None] = []
    following: str | None = None
    for unit in reversed(units):
        following = unit or following
        shared.append(following)
    return list(reversed(shared))


def is_not_a_quantity(sentence: str, value: re.Match[str]) -> bool:
    """Dates, article numbers and stock codes: "2022年", "第5条", "600941.SH", "2024/10/18"."""
    number, unit = value.group("number"), value.group("unit")
    if unit == "年" and re.fullmatch(r"(?:19|20)\d{2}", number):
        return True
    return unit is None and bool(_NOT_A_QUANTITY.match(sentence, value.end()))
