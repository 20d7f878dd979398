"""How a number and its unit are printed in a sentence: the patterns prose reads numbers, ranges and
units with (the units are the vocabulary's), and what a printed number's unit and digits say."""

from __future__ import annotations

import re

from orchestration.lib.vocabulary.units import PROSE_PRICE_MONEY, PROSE_PRICE_PARTS, PROSE_UNITS, UNIT_SYMBOLS


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
# Every proper beginning of a vocabulary unit that no unit is (元/ of 元/台, 个日 of 个日历天, 万 of 万元); a Latin
# letter begins words as often as units (5G, 200GE), so only a unit begun in Chinese is read as cut.
_BEGUN_UNITS = frozenset(
    {symbol[:k] for symbol in UNIT_SYMBOLS if not symbol[0].isascii() for k in range(1, len(symbol))} - set(UNIT_SYMBOLS)
)
# 万 and 亿 alone are numerals too (10万人): cut from a unit only where the unit's remainder follows in the sentence.
_MULTIPLIERS = frozenset({"万", "亿"})
_NEXT_NUMBER = re.compile(r"\d")
# The slashes of a price per thing and time (元/月/套) printed right after the number, its words set elsewhere
# on the line by the extraction: "648900//…组网配套:元月套".
_TORN_PER_UNIT = "//"
_LONGEST_UNIT = max(map(len, UNIT_SYMBOLS))


def _longest_first(symbols: set[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One match gives the longest of ``symbols`` a text starts with: alternatives are tried in order."""
    return re.compile("|".join(re.escape(symbol) for symbol in sorted(symbols, key=len, reverse=True)))


_WHOLE_UNIT = _longest_first(UNIT_SYMBOLS)
_BEGUN_UNIT = _longest_first(_BEGUN_UNITS)


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


def cut_unit(sentence: str, value: re.Match[str]) -> str | None:
    """The unit printed after a number when it is begun but not finished: what is printed reads as the
    start of a vocabulary unit and of none whole ("638900元/排", "261个日" before interleaved text), a price's
    slashes without their words ("648900//"), or a 万
    whose unit's remainder is printed further on, before the sentence's next number ("33868.80万产的…开元;").
    A unit carried whole to the next line was joined to its number with the paragraph, so it is whole."""
    printed = value.group("unit") or ""
    at = value.end("number")
    following = sentence[at : at + _LONGEST_UNIT].lstrip()
    if not printed and following.startswith(_TORN_PER_UNIT):
        return _TORN_PER_UNIT
    if (whole := _WHOLE_UNIT.match(following)) and len(whole.group()) > len(printed):
        return None
    if printed == _TEN_THOUSAND and value.end() > at:
        return None  # a bare 万 closing a number before punctuation ("3万、5万") is a whole unit
    begun = _BEGUN_UNIT.match(following)
    begun = begun.group() if begun and len(begun.group()) > len(printed) else None
    if begun in _MULTIPLIERS and not _remainder_follows(sentence, at + following.index(begun) + len(begun), begun):
        return None
    return begun


def _remainder_follows(sentence: str, position: int, begun: str) -> bool:
    """Whether the rest of a unit begun at ``position`` is printed before the sentence's next number."""
    next_number = _NEXT_NUMBER.search(sentence, position)
    ahead = sentence[position : next_number.start() if next_number else len(sentence)]
    return any(symbol[len(begun) :] in ahead for symbol in UNIT_SYMBOLS if symbol.startswith(begun) and symbol != begun)
