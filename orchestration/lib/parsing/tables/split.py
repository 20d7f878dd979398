"""Splitting run-together cells (``13563.1727126.34``) into the numbers that were printed.

Candidates come from a bounded dynamic programme over the run's tokens (``split_tokens``), after
(first only) a glued row id.  Two decimals and ``%`` anchor most
splits; the column count, unit price x quantity = amount, the row-id sequence and repeated
values choose among the rest.  When they cannot, the caller keeps the raw text as ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .numbers import COUNT_UNITS, Number
from .split_tokens import EMPTY, number_of, segmentations

_ROW_ID = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,2}")
_RANGE = re.compile(r"\d+\.\d+-\d+\.\d+")  # 0.57-0.66: a range printed in one cell
_UNIT_GAP = re.compile(rf"(?<=\d) +(?=[{COUNT_UNITS}])")
_DOTTED_ID = re.compile(r"\d+(?:\.\d+)*")
_ENDS_IN_TWO_DECIMALS = re.compile(r"\.\d\d$")
# What a cell prints of its own: a point, a percent sign, or the first character of an empty mark (a dash, 不适用).
_CELL_MARKS = (".", "%", *sorted({mark[0] for mark in EMPTY}))

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


def _with_row_ids(
    text: str, bounds: frozenset[int], count: int | None, ranges: bool
) -> tuple[list[Candidate], bool]:
    """Candidates without a row id and with each row id that could be glued to the front."""
    id_ends = _row_id_lengths(text)
    found, truncated = segmentations(text, bounds, count, ranges, starts=(0, *id_ends))
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
            if not price.value or not qty.value:
                continue  # 0 x anything = 0 proves nothing (a stock code 301085 is no row 3: 0 x 1 = 0, 85)
            if abs(price.value * qty.value - amount.value) <= 0.005 * qty.value + 0.01:
                return True
        return False

    return [c for c in cands if holds(c[1])]


def expected_next_ids(prev: str | None) -> set[str]:
    """Row ids that may follow ``prev``: its first child, its next sibling, or a parent's sibling."""
    if prev is None or not _DOTTED_ID.fullmatch(prev):
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
_EVIDENCE = {name for name, _ in _RULES}
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
    return [number_of(chunk) for _ in range(count)]


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
    bounds = _space_bounds(text)
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
    if count is not None and _rate_sign_made_a_cell(decided):
        return Split(text, candidates=exact)
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


def most_cells(text: str) -> int:
    """The most cells ``split_run(text, None)`` can read, counted without splitting: every cell it reads
    prints a mark of its own (a point, ``%``, a count unit, a dash, 不适用) or is a bare integer that a
    space or the run's end closes, and a run ending in two decimals ends in a cell that prints its point."""
    marks = sum(text.count(mark) for mark in _CELL_MARKS) + sum(text.count(unit) for unit in COUNT_UNITS)
    return marks + text.count(" ") + (0 if _ENDS_IN_TWO_DECIMALS.search(text.rstrip()) else 1)


def _space_bounds(text: str) -> frozenset[int]:
    """Where the run's printed spaces fall once the spaces are taken out: no token runs across one."""
    return frozenset(at - k for k, at in enumerate(at for at, char in enumerate(text) if char == " "))


def split_with_ranges(text: str) -> list[Number] | None:
    """The one reading of a run whose dashes between digits print ranges (``132.00130.80130.00-139.00``:
    132.00, 130.80 and the range 130.00-139.00), each cell ending where its printed format does; None
    when there is no such reading or more than one.  A range is a Number with no value."""
    text = _UNIT_GAP.sub("", text.strip())
    bounds = _space_bounds(text)
    [seqs], truncated = segmentations(text.replace(" ", ""), bounds, None, ranges=True)
    readings = {
        tuple(n.raw for n in seq): seq
        for seq in seqs
        if all(n.value is not None or n.raw not in EMPTY for n in seq)
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


def _rate_sign_made_a_cell(split: Split) -> bool:
    """A dash against a percentage read as an empty cell only because the header's count needs one more
    cell. A rate of change is negative as often as not, so the dash is as likely its sign: the count alone
    does not decide (``2428.25-71.40%10808.28`` under four period columns is an amount, a change and an
    amount, not three periods' figures around an empty cell)."""
    if split.numbers is None or split.rule in _EVIDENCE:
        return False
    return any(a.value is None and a.raw == "-" and b.unit == "%" for a, b in pairwise(split.numbers))


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
        [seqs], truncated = segmentations(text, bounds, count, ranges)
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
