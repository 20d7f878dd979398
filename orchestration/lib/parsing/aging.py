"""The balance a run-together receivables row ages, read from the aging bucket printed after it.

``…服务合同-9150.001年以内第一期款…`` prints an amount, then its aging bucket (1年以内, 1-2年): that amount is
the balance the bucket ages (``vocabulary.metrics.AGED_BALANCE``). A balance is never negative, and the
amounts the row prints after it are parts of it: what is overdue, what was collected since.
"""

from __future__ import annotations

import re

from orchestration.lib.vocabulary.metrics import AGED_BALANCE, AGED_BALANCE_PARTS, never_negative

# An amount, then the aging bucket its row prints next: N年以内 / N年以上, or N-M (1-2, 2-3; its 年 may be
# printed further on, the next bucket glued after it: 1-22-3); the bucket's digits open with 1 to 5.
_AMOUNT = re.compile(r"[1-9]\d*\.\d{2}|0\.\d{2}")
_AGED_AMOUNT = re.compile(
    r"(?P<amount>[1-9]\d*\.\d{2})(?:[1-5]年以[内上]|(?P<low>[1-5])-(?!(?P=low))[2-6](?:(?!\d)|(?=[1-5]-[2-6])))"
)


def ages_a_balance(line: str, start: int) -> bool:
    """Whether the amount starting at ``start`` is followed by an aging bucket: a balance, never negative."""
    return never_negative(AGED_BALANCE) and _AGED_AMOUNT.match(line, start) is not None


def part_of_an_aged_balance(line: str, start: int) -> bool:
    """Whether the amount starting at ``start`` is printed after the balance its row ages and within it: a part
    of it (overdue, collected), never negative."""
    balance = aged_balance_before(line, start)
    amount = _AMOUNT.match(line, start)
    return (
        all(never_negative(part) for part in AGED_BALANCE_PARTS)
        and balance is not None
        and amount is not None
        and float(amount.group()) <= balance
    )


def aged_balance_before(line: str, end: int) -> float | None:
    """The balance the row on ``line`` ages, printed before ``end``; None when it prints none or several."""
    found = [float(m["amount"]) for m in _AGED_AMOUNT.finditer(line, 0, end) if not line[m.start() - 1 : m.start()].isdigit()]
    return found[0] if len(found) == 1 else None
