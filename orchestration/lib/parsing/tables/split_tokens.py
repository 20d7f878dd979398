"""The tokens a run of run-together cells can split into, and the token sequences that cover it.

Each token is an amount with exactly two decimals, a percentage ending in ``%``, a count with its
unit (``300台``), a bare integer, an empty mark, or a decimal ending the run (and, where asked, a
range printed in one cell).  A run is tokenized once (``lattice``): every reading of it (under the
header's column count, with no count, with a glued row id) walks the same tokens, and a reading
with no column count keeps only the tokens whose end is printed.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

from .numbers import COUNT_UNITS, NOT_APPLICABLE, Number

MAX_CANDIDATES = 64

# Integer parts never start with a redundant 0 (0751.81 is the tail of 10751.81), and print at most
# MAX_DIGITS digits (a trillion yuan has 13): a longer run of digits is several cells, and the bound
# keeps a run of thousands of digits linear to split.
MAX_DIGITS = 15
_INT = rf"(?:[1-9]\d{{0,2}}(?:,\d{{3}}){{1,4}}|[1-9]\d{{0,{MAX_DIGITS - 1}}}|0)"
_MONEY = re.compile(rf"-?{_INT}\.\d\d")
# A negative amount in brackets, as statements print it: (1,234.56) or （1,234.56）; never a count or a percentage.
_BRACKETED = re.compile(rf"[(（]{_INT}\.\d\d[)）]")
_PERCENT = re.compile(rf"-?{_INT}(?:\.\d+)?%")
_COUNT = re.compile(rf"{_INT}[{COUNT_UNITS}]")
_DECIMAL = re.compile(r"-?\d+\.\d+")
_DIGITS = re.compile(r"\d+")
# Marks of a cell without a value: dashes, and 不适用 (a change over a base that is not positive).
EMPTY = ("——", "--", "—", "-", NOT_APPLICABLE)
_TOKEN_STARTS = "-—(（" + NOT_APPLICABLE[0]
# A range as one cell prints two amounts: its high end ends where its two decimals do (13.60-14.5010.91).
_RANGE_CELL = re.compile(rf"{_INT}\.\d\d-{_INT}\.\d\d")

Token = tuple[Number, int]  # a token and the position just after it


@functools.lru_cache(maxsize=1 << 14)  # the same pieces recur in every reading of a run and across rows
def number_of(raw: str, unit: str | None = None) -> Number:
    digits = raw.rstrip("%" + COUNT_UNITS)
    if raw[0] in "(（":
        digits = digits[1:-1]
        return Number(raw, -float(digits.replace(",", "")), unit, len(digits.partition(".")[2]))
    value = float(digits.replace(",", ""))
    return Number(raw, value, unit, len(digits.partition(".")[2]))


def _patterns_for(text: str) -> tuple[re.Pattern[str], ...]:
    """The signed token patterns whose printed mark (a point, ``%``, a unit) occurs in ``text`` at
    all: the others cannot match anywhere in it."""
    marks = set(text)
    return tuple(
        pattern
        for pattern, needs in ((_MONEY, "."), (_PERCENT, "%"), (_COUNT, COUNT_UNITS))
        if not marks.isdisjoint(needs)
    )


def _next_bounds(length: int, bounds: frozenset[int]) -> list[float]:
    """For each position, the first printed space after it: no token runs across one."""
    following: list[float] = [math.inf] * (length + 1)
    for i in range(length - 1, -1, -1):
        following[i] = i + 1 if i + 1 in bounds else following[i + 1]
    return following


class Lattice:
    """The tokens of one run by the position they start at, found on first asking: every token that
    ends by the next printed space where another token (or the end of the run) can follow, bare
    integers at every such end (``tokens``); of those, the ones whose end is printed (``delimited``)."""

    def __init__(self, text: str, bounds: frozenset[int], ranges: bool) -> None:
        self.text, self.bounds, self.ranges = text, bounds, ranges
        self.limits = _next_bounds(len(text), bounds)
        self.patterns = _patterns_for(text)
        self.has_point = "." in text
        self._tokens: dict[int, list[Token]] = {}
        self._delimited: dict[int, list[Token]] = {}

    def tokens(self, i: int) -> list[Token]:
        if i not in self._tokens:
            self._tokens[i] = self._find(i)
        return self._tokens[i]

    def delimited(self, i: int) -> list[Token]:
        """Without a column count a bare integer has no end, so it is a token only where the run or a
        printed space ends it."""
        if i not in self._delimited:
            length = len(self.text)
            self._delimited[i] = [
                (tok, end)
                for tok, end in self.tokens(i)
                if tok.unit or tok.decimals or tok.value is None or end in self.bounds or end == length
            ]
        return self._delimited[i]

    def _can_follow(self, end: int) -> bool:
        """Whether another token (or the end of the run) can come at ``end``: a token never starts
        with a point, a separator, ``%`` or a unit, so a token ending before one is a dead end."""
        text = self.text
        return end == len(text) or text[end].isdigit() or text[end] in _TOKEN_STARTS

    def _find(self, i: int) -> list[Token]:
        """The first character rules out most kinds: only a digit or a sign starts a number, only a
        bracket a bracketed amount, only a dash or 不 an empty mark; a range is text."""
        text, limit = self.text, self.limits[i]
        first = text[i]
        numeric = first.isdigit() or first == "-"
        if not (numeric or first in _TOKEN_STARTS):
            return []
        found: list[Token] = []
        if self.ranges and (m := _RANGE_CELL.match(text, i)):
            found.append((Number(m.group(), None, None, 2), m.end()))
        if not first.isdigit():
            found += [(Number(mark, None, None, 0), i + len(mark)) for mark in EMPTY if text.startswith(mark, i)]
        if first in "(（" and (m := _BRACKETED.match(text, i)):
            found.append((number_of(m.group()), m.end()))
        if numeric:
            found += self._printed_numbers(i, limit)
        found = [(tok, end) for tok, end in found if end <= limit and self._can_follow(end)]
        return found + self._integers(i, limit) if numeric else found

    def _printed_numbers(self, i: int, limit: float) -> list[Token]:
        """The signed numbers starting at ``i`` whose print shows where they end: by the run's patterns,
        and a decimal ending the run or at a space."""
        text = self.text
        found: list[Token] = []
        for pattern in self.patterns:
            if m := pattern.match(text, i):
                raw = m.group()
                found.append((number_of(raw, raw[-1] if raw[-1] in "%" + COUNT_UNITS else None), m.end()))
        m = _DECIMAL.match(text, i) if self.has_point else None
        if m and (m.end() == len(text) or m.end() == limit) and len(m.group().partition(".")[2]) != 2:
            found.append((number_of(m.group()), m.end()))
        return found

    def _integers(self, i: int, limit: float) -> list[Token]:
        """Bare integers starting at ``i``, shortest first, ending by ``limit`` where a token can follow:
        inside the digits any end can; after the last digit, only where the next token can start."""
        text = self.text
        m = _DIGITS.match(text, i + 1 if text[i] == "-" else i)
        if not m:
            return []
        last = min(m.end(), m.start() + MAX_DIGITS) if text[m.start()] != "0" else m.start() + 1
        last = int(min(last, limit))
        return [
            (number_of(text[i:end]), end)
            for end in range(m.start() + 1, last + 1)
            if end < m.end() or self._can_follow(end)
        ]


@functools.lru_cache(maxsize=1 << 12)  # a table reads each run with no count, under its count, with a row id
def lattice(text: str, bounds: frozenset[int], ranges: bool) -> Lattice:
    return Lattice(text, bounds, ranges)


def _least_tokens(text: str, ranges: bool) -> list[int]:
    """The fewest tokens each suffix of ``text`` splits into, from what is printed: a token holds
    at most one point (a range two) and at most one ``%`` or count unit."""
    least = [0] * (len(text) + 1)
    points = marks = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == ".":
            points += 1
        elif text[i] == "%" or text[i] in COUNT_UNITS:
            marks += 1
        least[i] = max((points + 1) // 2 if ranges else points, marks)
    return least


def segmentations(
    text: str, bounds: frozenset[int], count: int | None, ranges: bool = False, starts: Sequence[int] = (0,)
) -> tuple[list[list[tuple[Number, ...]]], bool]:
    """Token sequences covering ``text[start:]`` for each of ``starts`` (exactly ``count`` of them
    when given), capped. The starts share one programme: a suffix is split once for all of them.

    Without a column count a bare integer has no end, so only self-delimiting tokens are used.
    With one, a suffix is given up before it is tokenized when its points, ``%`` and units need
    more tokens than the columns left.
    """
    memo: dict[tuple[int, int | None], list[tuple[Number, ...]]] = {}
    least = _least_tokens(text, ranges) if count is not None else None
    run = lattice(text, bounds, ranges)
    tokens_at = run.tokens if count is not None else run.delimited
    length = len(text)
    truncated = False

    def suffix(i: int, left: int | None) -> list[tuple[Number, ...]]:
        nonlocal truncated
        if i == length:
            return [()] if left in (0, None) else []
        if left is not None and (left == 0 or length - i < left or left < least[i]):
            return []
        key = (i, left)
        if key not in memo:
            out: list[tuple[Number, ...]] = []
            for tok, end in tokens_at(i):
                for rest in suffix(end, None if left is None else left - 1):
                    if len(out) >= MAX_CANDIDATES:
                        truncated = True
                        break
                    out.append((tok, *rest))
            memo[key] = out
        return memo[key]

    return [suffix(start, count) for start in starts], truncated
