"""An amount and its share printed run together at the start of a line, proven by the whole they imply.

``5953.2811.62%`` at the start of a line may be 5953.28 and 11.62%, or row 5 with 953.28 and 11.62%.
A table of amounts with their share of one whole prints the whole's ratio on its total row too
(``合计12086.8623.59%``: the whole is 12086.86 / 23.59% = 51237): the reading whose amount over its
share gives the same whole, to the rounding of the printed shares, is the one printed.  The other
reading must not: a glued digit changes the amount tenfold or more, so it never does.  The same holds
the other way round: ``1113121.9372.94%`` is row 1 with 113121.93 and 72.94% when that reading alone
gives the whole (1113121.93 and 13121.93 do not).
"""

from __future__ import annotations

import re

from orchestration.lib.parsing.tables.arith import TOTAL

_PAIR = re.compile(r"(?P<amount>[1-9]\d*\.\d\d|0\.\d\d)(?P<share>(?:[1-9]\d?|0)\.\d\d)%")
_TOTAL_PAIR = re.compile(r"(?P<amount>[1-9]\d*\.\d\d)(?P<share>(?:[1-9]\d?|0)\.\d\d)%")
_SHARE_ROUNDING = 0.005  # a share printed with two decimals
# lines from the row down to its table's total row (a wrapped row of a PDF table spans a dozen)
MAX_ROWS_BELOW = 48
MAX_ID_DIGITS = 2  # a row id glued before the amount: 1 to 99


def proven_pair(lines: list[str], index: int, run: str) -> tuple[int, str, str] | None:
    """(digits of a row id glued in front, amount, share) of ``run``, printed at the start of
    ``lines[index]``: the one reading, with no row id or one of up to two digits, whose amount over its
    share gives the whole of the total row below."""
    whole = _whole_below(lines, index)
    if whole is None:
        return None
    fits = [
        (cut, pair["amount"], pair["share"] + "%")
        for cut in range(MAX_ID_DIGITS + 1)
        if (pair := _PAIR.fullmatch(run[cut:])) and _fits(pair["amount"], pair["share"], whole)
    ]
    return fits[0] if len(fits) == 1 else None


def _whole_below(lines: list[str], index: int) -> tuple[float, float] | None:
    """The range of wholes the first total row below implies (amount over share, share rounded)."""
    for line in lines[index + 1 : index + 1 + MAX_ROWS_BELOW]:
        text = line.strip()
        if TOTAL.match(text) and (m := _TOTAL_PAIR.search(text)):
            return _implied(m["amount"], m["share"])
    return None


def _implied(amount: str, share: str) -> tuple[float, float] | None:
    low, high = float(share) - _SHARE_ROUNDING, float(share) + _SHARE_ROUNDING
    if low <= 0:
        return None
    return float(amount) * 100 / high, float(amount) * 100 / low


def _fits(amount: str, share: str, whole: tuple[float, float]) -> bool:
    implied = _implied(amount, share)
    return implied is not None and implied[0] <= whole[1] and whole[0] <= implied[1]
