"""An amount and its share printed run together at the start of a line, proven by the whole they imply.

``5953.2811.62%`` at the start of a line may be 5953.28 and 11.62%, or row 5 with 953.28 and 11.62%.
A table of amounts with their share of one whole prints the whole's ratio on its total row too
(``合计12086.8623.59%``: the whole is 12086.86 / 23.59% = 51237): the reading whose amount over its
share gives the same whole, to the rounding of the printed shares, is the one printed.  The other
reading must not: a glued digit changes the amount tenfold or more, so it never does.  The same holds
the other way round: ``1113121.9372.94%`` is row 1 with 113121.93 and 72.94% when that reading alone
gives the whole (1113121.93 and 13121.93 do not).

Where the printed shares do not share one whole (a filing's share column computed on another base),
the table's own sum still decides: the amounts of the rows from this one down to the total row add up to
the total's amount, and their shares to its share. A glued digit read as an amount's would change the sum
by a thousand or more.
"""

from __future__ import annotations

import re

from orchestration.lib.vocabulary.totals import TOTAL_ROW

_PAIR = re.compile(r"(?P<amount>[1-9]\d*\.\d\d|0\.\d\d)(?P<share>(?:[1-9]\d?|0)\.\d\d)%")
_TOTAL_PAIR = re.compile(r"(?P<amount>[1-9]\d*\.\d\d)(?P<share>(?:[1-9]\d?|0)\.\d\d)%")
# An amount and its share anywhere on a row's line, a space allowed between them (1494.58 3.16%).
_PAIR_IN_LINE = re.compile(r"(?<![\d.,])(?P<amount>\d{1,3}(?:,\d{3})+\.\d\d|[1-9]\d*\.\d\d|0\.\d\d)\s*(?P<share>(?:[1-9]\d?|0)\.\d\d)%")
_CENT = 0.005  # amounts printed to the cent sum exactly (up to float error)
_SHARE_ROUNDING = 0.005  # a share printed with two decimals
# lines from the row down to its table's total row (a wrapped row of a PDF table spans a dozen)
MAX_ROWS_BELOW = 48
MAX_ID_DIGITS = 2  # a row id glued before the amount: 1 to 99


def proven_pair(lines: list[str], index: int, run: str) -> tuple[int, str, str] | None:
    """(digits of a row id glued in front, amount, share) of ``run``, printed at the start of
    ``lines[index]``: the one reading, with no row id or one of up to two digits, whose amount over its
    share gives the whole of the total row below; else, where the shares share no whole, the reading
    with no row id when the rows down to the total add up to it."""
    total = _total_below(lines, index)
    if total is None:
        return None
    whole = _implied(total[1], total[2])
    fits = [
        (cut, pair["amount"], pair["share"] + "%")
        for cut in range(MAX_ID_DIGITS + 1)
        if whole is not None and (pair := _PAIR.fullmatch(run[cut:])) and _fits(pair["amount"], pair["share"], whole)
    ]
    if fits:
        return fits[0] if len(fits) == 1 else None
    pair = _PAIR.fullmatch(run)
    return (0, pair["amount"], pair["share"] + "%") if pair and _parts_add_up(lines, index, total) else None


def _total_below(lines: list[str], index: int) -> tuple[int, str, str] | None:
    """The first total row below: its index, amount and share."""
    for k in range(index + 1, min(len(lines), index + 1 + MAX_ROWS_BELOW)):
        text = lines[k].strip()
        if TOTAL_ROW.match(text) and (m := _TOTAL_PAIR.search(text)):
            return k, m["amount"], m["share"]
    return None


def _parts_add_up(lines: list[str], index: int, total: tuple[int, str, str]) -> bool:
    """The pairs printed from the total row up to this row, or further up (but not past another total),
    sum to the total's amount to the cent, and their shares to its share to their rounding."""
    total_index, amount, share = total
    amounts = shares = 0.0
    pairs = 0
    for k in range(total_index - 1, max(-1, index - MAX_ROWS_BELOW), -1):
        if k < index and TOTAL_ROW.match(lines[k].strip()):
            return False
        for m in _PAIR_IN_LINE.finditer(lines[k]):
            amounts += float(m["amount"].replace(",", ""))
            shares += float(m["share"])
            pairs += 1
        if k <= index and abs(amounts - float(amount)) < _CENT:
            return abs(shares - float(share)) <= _SHARE_ROUNDING * (pairs + 1)
    return False


def _implied(amount: str, share: str) -> tuple[float, float] | None:
    low, high = float(share) - _SHARE_ROUNDING, float(share) + _SHARE_ROUNDING
    if low <= 0:
        return None
    return float(amount) * 100 / high, float(amount) * 100 / low


def _fits(amount: str, share: str, whole: tuple[float, float]) -> bool:
    implied = _implied(amount, share)
    return implied is not None and implied[0] <= whole[1] and whole[0] <= implied[1]
