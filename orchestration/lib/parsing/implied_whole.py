"""An amount and its share printed run together at the start of a line, proven by the whole they imply.

``5953.2811.62%`` at the start of a line may be 5953.28 and 11.62%, or row 5 with 953.28 and 11.62%.
A table of amounts with their share of one whole prints the whole's ratio on its total row too
(``合计12086.8623.59%``: the whole is 12086.86 / 23.59% = 51237): the reading whose amount over its
share gives the same whole, to the rounding of the printed shares, is the one printed.  The other
reading must not: a glued digit changes the amount tenfold or more, so it never does.
"""

from __future__ import annotations

import re

from orchestration.lib.parsing.tables.arith import TOTAL

_PAIR = re.compile(r"(?P<amount>[1-9]\d*\.\d\d|0\.\d\d)(?P<share>(?:[1-9]\d?|0)\.\d\d)%")
_TOTAL_PAIR = re.compile(r"(?P<amount>[1-9]\d*\.\d\d)(?P<share>(?:[1-9]\d?|0)\.\d\d)%")
_SHARE_ROUNDING = 0.005  # a share printed with two decimals
MAX_ROWS_BELOW = 24  # lines from the row down to its table's total row


def proven_pair(lines: list[str], index: int, run: str) -> tuple[str, str] | None:
    """(amount, share) of ``run``, printed at the start of ``lines[index]``, when the whole of the
    total row below proves that reading and disproves one with a row id glued in front."""
    pair = _PAIR.fullmatch(run)
    whole = _whole_below(lines, index) if pair else None
    if pair is None or whole is None or not _fits(pair["amount"], pair["share"], whole):
        return None
    glued = [run[cut:] for cut in (1, 2) if (m := _PAIR.fullmatch(run[cut:])) and _fits(m["amount"], m["share"], whole)]
    return None if glued else (pair["amount"], pair["share"] + "%")


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
