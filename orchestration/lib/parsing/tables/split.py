"""Splitting run-together cells (``13563.1727126.34``) into the numbers that were printed.

Candidates come from a bounded dynamic programme over the text: each token is an amount with
exactly two decimals, a percentage ending in ``%``, a count with its unit (``300台``), a bare
integer, an empty mark, or (first only) a glued row id.  Two decimals and ``%`` anchor most
splits; the column count, unit price x quantity = amount, the row-id sequence and repeated
values choose among the rest.  When they cannot, the caller keeps the raw text as ambiguous.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

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
_ROW_ID = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,2}")
# Marks of a cell without a value: dashes, and 不适用 (a change over a base that is not positive).
_EMPTY = ("——", "--", "—", "-", NOT_APPLICABLE)
_TOKEN_STARTS = "-—(（" + NOT_APPLICABLE[0]
_RANGE = re.compile(r"\d+\.\d+-\d+\.\d+")  # 0.57-0.66: a range printed in one cell
# A range as one cell prints two amounts: its high end ends where its two decimals do (13.60-14.5010.91).
_RANGE_CELL = re.compile(rf"{_INT}\.\d\d-{_INT}\.\d\d")
_UNIT_GAP = re.compile(rf"(?<=\d) +(?=[{COUNT_UNITS}])")

Candidate = tuple[str | None, tuple[Number, ...]]  # (glued row id, value tokens)
# The candidates of runs already split in one table, by run and reading: a table splits each run to
# count its columns, then under that count, then into fewer cells.
KnownSplits = dict[tuple, tuple[Candidate, ...] | None]


@dataclass(slots=True)
class Split:
    """The numbers read from one run, or the candidates left when nothing decided."""

    raw: str
    row_id: str | None = None
    numbers: list[Number] | None = None  # None when undecided
    candidates: list[Candidate] = field(default_factory=list)
    rule: str | None = None  # the rule that chose among several candidates


@functools.lru_cache(maxsize=1 << 14)  # the same pieces recur in every reading of a run and across rows
def _number(raw: str, unit: str | None = None) -> Number:
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


def _can_follow(text: str, end: int) -> bool:
    """Whether another token (or the end of the run) can come at ``end``: a token never starts
    with a point, a separator, ``%`` or a unit, so a token ending before one is a dead end."""
    return end == len(text) or text[end].isdigit() or text[end] in _TOKEN_STARTS


def _tokens_at(
    text: str,
    i: int,
    limit: float,
    ranges: bool,
    ends_free: bool = True,
    patterns: tuple[re.Pattern[str], ...] = (_MONEY, _PERCENT, _COUNT),
) -> list[tuple[Number, int]]:
    """Every token that can start at ``i`` and end by ``limit`` (the next printed space) where
    another token or the end of the run can follow, with the position just after it; a range is text.

    Without ``ends_free`` a bare integer must end where the text or a space does. ``patterns``
    are the signed kinds worth trying (``_patterns_for`` the run); the first character rules out
    the rest: only a digit or a sign starts a number, only a bracket a bracketed amount."""
    first = text[i]
    numeric = first.isdigit() or first == "-"
    if not (numeric or first in _TOKEN_STARTS):
        return []  # every token starts with a digit, a sign or an empty mark
    found: list[tuple[Number, int]] = []
    if ranges and (m := _RANGE_CELL.match(text, i)):
        found.append((Number(m.group(), None, None, 2), m.end()))
    if not first.isdigit():
        found += [(Number(mark, None, None, 0), i + len(mark)) for mark in _EMPTY if text.startswith(mark, i)]
    if first in "(（" and (m := _BRACKETED.match(text, i)):
        found.append((_number(m.group()), m.end()))
    if numeric:
        found += _printed_numbers_at(text, i, limit, patterns)
    found = [(tok, end) for tok, end in found if end <= limit and _can_follow(text, end)]
    return found + _integers_at(text, i, limit, ends_free) if numeric else found


def _printed_numbers_at(
    text: str, i: int, limit: float, patterns: tuple[re.Pattern[str], ...]
) -> list[tuple[Number, int]]:
    """The signed numbers starting at ``i`` whose print shows where they end: by ``patterns``, and
    a decimal ending the run or at a space."""
    found: list[tuple[Number, int]] = []
    for pattern in patterns:
        if m := pattern.match(text, i):
            raw = m.group()
            found.append((_number(raw, raw[-1] if raw[-1] in "%" + COUNT_UNITS else None), m.end()))
    m = _DECIMAL.match(text, i)
    if m and (m.end() == len(text) or m.end() == limit) and len(m.group().partition(".")[2]) != 2:
        found.append((_number(m.group()), m.end()))
    return found


def _integers_at(text: str, i: int, limit: float, ends_free: bool) -> list[tuple[Number, int]]:
    """Bare integers starting at ``i``, shortest first, ending by ``limit`` where a token can follow:
    inside the digits any end can; after the last digit, only where the next token can start."""
    m = _DIGITS.match(text, i + 1 if text[i] == "-" else i)
    if not m:
        return []
    last = min(m.end(), m.start() + MAX_DIGITS) if text[m.start()] != "0" else m.start() + 1
    last = int(min(last, limit))
    if ends_free:
        ends: Sequence[int] = range(m.start() + 1, last + 1)
    else:
        ends = sorted({int(end) for end in (len(text), limit) if m.start() < end <= last})
    return [(_number(text[i:end]), end) for end in ends if end < m.end() or _can_follow(text, end)]


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


def _next_bounds(length: int, bounds: frozenset[int]) -> list[float]:
    """For each position, the first printed space after it: no token runs across one."""
    following: list[float] = [math.inf] * (length + 1)
    for i in range(length - 1, -1, -1):
        following[i] = i + 1 if i + 1 in bounds else following[i + 1]
    return following


def _segmentations(
    text: str, bounds: frozenset[int], count: int | None, ranges: bool = False, starts: Sequence[int] = (0,)
) -> tuple[list[list[tuple[Number, ...]]], bool]:
    """Token sequences covering ``text[start:]`` for each of ``starts`` (exactly ``count`` of them
    when given), capped. The starts share one programme: a suffix is split once for all of them.

    Without a column count a bare integer has no end, so only self-delimiting tokens are used.
    With one, a suffix is given up before it is tokenized when its points, ``%`` and units need
    more tokens than the columns left.
    """
    memo: dict[tuple[int, int | None], list[tuple[Number, ...]]] = {}
    tokens: dict[int, list[tuple[Number, int]]] = {}
    least = _least_tokens(text, ranges) if count is not None else None
    limits = _next_bounds(len(text), bounds)
    patterns = _patterns_for(text)
    truncated = False

    def suffix(i: int, left: int | None) -> list[tuple[Number, ...]]:
        nonlocal truncated
        if i == len(text):
            return [()] if left in (0, None) else []
        if left is not None and (left == 0 or len(text) - i < left or left < least[i]):
            return []
        key = (i, left)
        if key not in memo:
            out: list[tuple[Number, ...]] = []
            if i not in tokens:
                tokens[i] = _tokens_at(text, i, limits[i], ranges, count is not None, patterns)
                if count is None:  # no column count: a token must show where it ends
                    tokens[i] = [
                        (tok, end)
                        for tok, end in tokens[i]
                        if tok.unit or tok.decimals or tok.value is None or end in bounds or end == len(text)
                    ]
            for tok, end in tokens[i]:
                for rest in suffix(end, None if left is None else left - 1):
                    if len(out) >= MAX_CANDIDATES:
                        truncated = True
                        break
                    out.append((tok, *rest))
            memo[key] = out
        return memo[key]

    return [suffix(start, count) for start in starts], truncated


def _with_row_ids(
    text: str, bounds: frozenset[int], count: int | None, ranges: bool
) -> tuple[list[Candidate], bool]:
    """Candidates without a row id and with each row id that could be glued to the front."""
    id_ends = _row_id_lengths(text)
    found, truncated = _segmentations(text, bounds, count, ranges, starts=(0, *id_ends))
    row_ids = [None, *(text[:end] for end in id_ends)]
    return [(row_id, seq) for row_id, seqs in zip(row_ids, found) for seq in seqs], truncated


def _row_id_lengths(text: str) -> list[int]:
    """Lengths of the row ids that could be glued to the front of ``text`` (``1.1`` in ``1.1769.25``)."""
    m = _ROW_ID.match(text)
    if not m:
        return []
    return [end for end in range(1, m.end() + 1) if text[end - 1].isdigit() and end < len(text)]


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    seen: dict[tuple, Candidate] = {}
    for row_id, seq in cands:
        key = (row_id, tuple((n.value, n.unit) for n in seq))
        seen.setdefault(key, (row_id, seq))
    return list(seen.values())


def _price_times_quantity(cands: list[Candidate], _: set[str]) -> list[Candidate]:
    def holds(seq: tuple[Number, ...]) -> bool:
        for price, qty, amount in zip(seq, seq[1:], seq[2:]):
            if None in (price.value, qty.value, amount.value) or qty.decimals or price.unit or amount.unit:
                continue
            if abs(price.value * qty.value - amount.value) <= 0.005 * qty.value + 0.01:
                return True
        return False

    return [c for c in cands if holds(c[1])]


def expected_next_ids(prev: str | None) -> set[str]:
    """Row ids that may follow ``prev``: its first child, its next sibling, or a parent's sibling."""
    if prev is None or not re.fullmatch(r"\d+(?:\.\d+)*", prev):
        return {"1", "1.1"}
    parts = [int(p) for p in prev.split(".")]
    nexts = {".".join(map(str, parts + [1]))}
    for depth in range(1, len(parts) + 1):
        head = parts[:depth]
        head[-1] += 1
        nexts.add(".".join(map(str, head)))
    return nexts


def _row_id_sequence(cands: list[Candidate], expected: set[str]) -> list[Candidate]:
    return [c for c in cands if c[0] in expected]


def _repeated_values(cands: list[Candidate], _: set[str]) -> list[Candidate]:
    """Forecast rows repeat a value across years; prefer the split where most neighbours agree."""

    def pairs(seq: tuple[Number, ...]) -> int:
        return sum(a.value is not None and a.value == b.value for a, b in pairwise(seq))

    best = max(pairs(c[1]) for c in cands)
    if 2 * best < max(len(c[1]) for c in cands):
        return []
    return [c for c in cands if pairs(c[1]) == best]


def _signed(cands: list[Candidate], _: set[str]) -> list[Candidate]:
    """A dash printed against a number is its minus sign, not an empty cell before it."""

    def touches(seq: tuple[Number, ...]) -> bool:
        return any(a.value is None and a.raw == "-" and b.value is not None for a, b in pairwise(seq))

    return [c for c in cands if not touches(c[1])]


def _fewest_cells(cands: list[Candidate], _: set[str]) -> list[Candidate]:
    """Dashes run together (``----``) are read as the fewest empty cells the printed marks allow,
    when they differ only after the last printed value."""

    def valued(seq: tuple[Number, ...]) -> tuple:
        last = max((k for k, n in enumerate(seq) if n.value is not None), default=-1)
        return tuple((n.raw, n.value) for n in seq[: last + 1])

    if len({valued(c[1]) for c in cands}) != 1:
        return []
    fewest = min(len(c[1]) for c in cands)
    return [c for c in cands if len(c[1]) == fewest]


_PRICE_RULE = "unit price x quantity = amount"
ROW_ID_RULE = "row-id sequence"
_RULES: Sequence[tuple[str, Callable[[list[Candidate], set[str]], list[Candidate]]]] = (
    (_PRICE_RULE, _price_times_quantity),
    (ROW_ID_RULE, _row_id_sequence),
    ("repeated values", _repeated_values),
)
# Reading conventions, tried only when the evidence above leaves several candidates.
_CONVENTIONS = (
    ("a dash against a number is its sign", _signed),
    ("fewest empty cells", _fewest_cells),
)


def _repetition(digits: str, count: int) -> list[Number] | None:
    """``130130130`` under three columns: the only split into equal parts."""
    if count < 2 or len(digits) % count or not digits.isdigit():
        return None
    width = len(digits) // count
    chunk = digits[:width]
    if chunk * count != digits or (chunk[0] == "0" and width > 1):
        return None
    return [_number(chunk) for _ in range(count)]


def split_run(
    text: str,
    count: int | None,
    prev_row_id: str | None = None,
    glued_id: bool = False,
    known: KnownSplits | None = None,
    numbering_open: bool = True,
) -> Split:
    """Split the run-together numbers in ``text`` into ``count`` cells when the evidence decides.

    ``glued_id`` allows a row id at the front of the run, for rows printed without a label.
    When no split into ``count`` cells is decided, a unique split into fewer self-delimiting
    cells is returned (the row has empty cells that were not printed).  ``known`` keeps the
    candidates for the next split of the same table.  Without ``numbering_open`` (a row of a table
    whose rows so far printed no id) no glued id starts the numbering: it does not start mid-table.
    """
    text = _UNIT_GAP.sub("", text.strip())
    bounds = frozenset(i - k for k, i in enumerate(m.start() for m in re.finditer(" ", text)))
    compact = text.replace(" ", "")
    expected = expected_next_ids(prev_row_id) if prev_row_id is not None or numbering_open else set()
    ids = _glued_ids(compact, expected) if glued_id else []
    if count and (repeated := _repeated_row(text, compact, count, ids)):
        return repeated
    exact = _candidates(compact, bounds, count, glued_id, known=known)
    if exact is None:
        return Split(text, rule="too many candidates")
    exact = [c for c in exact if not _minus_after_bucket_start(c[1])]
    decided = _decide(text, exact, expected)
    if count is None or decided.numbers is not None and not _has_stray_integer(decided):
        return decided
    fewer = _candidates(compact, bounds, None, glued_id, known=known) or []
    fewer = [c for c in fewer if len(c[1]) < count and _self_delimiting(c, ids)]
    if fewer and (settled := _decide(text, fewer, expected)).numbers is not None:
        return settled
    if decided.numbers is not None:
        return decided
    if not exact and not fewer and _RANGE.search(compact):
        # Only when nothing else reads the run: 0.660.57-0.66 is 0.66 and the range 0.57-0.66.
        ranged = _candidates(compact, bounds, count, glued_id, ranges=True, known=known) or []
        if (settled := _decide(text, ranged, expected)).numbers is not None:
            return settled
    return Split(text, candidates=exact or fewer)


def split_with_ranges(text: str) -> list[Number] | None:
    """The one reading of a run whose dashes between digits print ranges (``132.00130.80130.00-139.00``:
    132.00, 130.80 and the range 130.00-139.00), each cell ending where its printed format does; None
    when there is no such reading or more than one.  A range is a Number with no value."""
    text = _UNIT_GAP.sub("", text.strip())
    bounds = frozenset(i - k for k, i in enumerate(m.start() for m in re.finditer(" ", text)))
    [seqs], truncated = _segmentations(text.replace(" ", ""), bounds, None, ranges=True)
    readings = {
        tuple(n.raw for n in seq): seq
        for seq in seqs
        if all(n.value is not None or n.raw not in _EMPTY for n in seq)
        and not any(n.raw.startswith("-") and prev.value is not None for prev, n in pairwise(seq))
    }
    return list(next(iter(readings.values()))) if len(readings) == 1 and not truncated else None


def _minus_after_bucket_start(seq: tuple[Number, ...]) -> bool:
    """A digit N and a negative number opening with N+1 (390.62 | 2 | -370%) print an aging bucket N-(N+1)
    (2-3年) glued between cells, never N and a minus sign: such a reading is no candidate."""
    return any(
        a.value is not None and a.raw.isdigit() and len(a.raw) == 1 and b.raw.startswith(f"-{int(a.raw) + 1}")
        for a, b in pairwise(seq)
    )


def _glued_ids(compact: str, expected: set[str]) -> list[str]:
    """The ``expected`` row ids that the run starts with."""
    return sorted(i for i in expected if compact.startswith(i) and len(compact) > len(i))


def _repeated_row(text: str, compact: str, count: int, ids: list[str]) -> Split | None:
    """Equal values in every column, or in all but an unprinted total, after an optional glued row id."""
    for row_id in [None, *ids]:
        rest = compact[len(row_id or "") :]
        for columns in (count, count - 1):
            if repeated := _repetition(rest, columns):
                return Split(
                    text, row_id=row_id, numbers=repeated, rule="repeated values" if columns > 1 else None
                )
    return None


def _has_stray_integer(split: Split) -> bool:
    """A bare integer among amounts or percentages is usually a digit cut off a neighbour to fill a
    column, unless price x quantity = amount vouches for it as a quantity."""
    if split.rule == _PRICE_RULE:
        return False
    printed = [n for n in split.numbers or [] if n.value is not None]
    bare = [n for n in printed if not n.unit and not n.decimals]
    return 0 < len(bare) < len(printed)


def _candidates(
    text: str,
    bounds: frozenset[int],
    count: int | None,
    glued_id: bool,
    ranges: bool = False,
    known: KnownSplits | None = None,
) -> list[Candidate] | None:
    """Distinct candidate splits, or None when there are too many to judge."""
    key = (text, bounds, count, glued_id, ranges)
    if known is not None and key in known:
        found = known[key]
        return None if found is None else list(found)
    if glued_id:
        cands, truncated = _with_row_ids(text, bounds, count, ranges)
    else:
        [seqs], truncated = _segmentations(text, bounds, count, ranges)
        cands = [(None, seq) for seq in seqs]
    found = None if truncated else tuple(_dedupe(cands))
    if known is not None:
        known[key] = found
    return None if found is None else list(found)


def _self_delimiting(cand: Candidate, expected_ids: Sequence[str] = ()) -> bool:
    """Made only of tokens whose end is printed (two decimals, ``%``, a unit, an empty mark),
    after no row id or one the row-id sequence expects."""
    return (cand[0] is None or cand[0] in expected_ids) and all(
        n.unit or n.decimals or n.value is None for n in cand[1]
    )


def _decide(text: str, cands: list[Candidate], expected: set[str]) -> Split:
    """One candidate by the evidence, then by the printed formats and the reading conventions; ``expected``
    are the row ids that may come next."""
    rule = None
    for name, keep in _RULES:
        if len(cands) <= 1:
            break
        kept = keep(cands, expected)
        if kept and len(kept) < len(cands):
            cands, rule = kept, name
    anchored = [c for c in cands if _self_delimiting(c)]
    if len(cands) > 1 and anchored:
        cands, rule = (anchored, "printed formats") if len(anchored) < len(cands) else (cands, rule)
    for name, keep in _CONVENTIONS:
        if len(cands) > 1 and (kept := keep(cands, expected)) and len(kept) < len(cands):
            cands, rule = kept, name
    if len(cands) != 1:
        return Split(text, candidates=cands)
    row_id, seq = cands[0]
    return Split(text, row_id=row_id, numbers=list(seq), rule=rule)


def describe(cands: list[Candidate]) -> str:
    """Candidates as a note: ``1.1 | 769.25 1538.49 ; 1.17 | 69.25 1538.49``."""
    shown = []
    for row_id, seq in cands[:5]:
        values = " ".join(n.raw for n in seq)
        shown.append(f"{row_id} | {values}" if row_id else values)
    more = f" (+{len(cands) - 5} more)" if len(cands) > 5 else ""
    return "candidates: " + " ; ".join(shown) + more
