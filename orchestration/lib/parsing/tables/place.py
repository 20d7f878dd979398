"""Placing a row that prints fewer values than its header has columns.

A scraped row leaves its empty cells unprinted, so its values must be put under the right
columns: the column names say what each holds (an amount under 金额, a percentage under 占比,
a count under 数量) and values keep their printed order.
"""

from __future__ import annotations

import re
from itertools import combinations

from .numbers import Number

_TOTAL_COLUMN = re.compile(r"合计|小计|总计|平均值?")
_SHARE_NAME = re.compile(r"占比|比例|比重|率|幅度|变动")
_AMOUNT_NAME = re.compile(r"金额|资金|投资|收入|成本|费|额|计")


def _column_kind(name: str) -> str | None:
    if _SHARE_NAME.search(name):
        return "share"
    if "单价" in name or "价格" in name:
        return "price"
    if "数量" in name:
        return "quantity"
    if _AMOUNT_NAME.search(name):
        return "amount"
    return None


def _value_kind(number: Number) -> set[str]:
    if number.unit == "%":
        return {"share"}
    if number.unit:
        return {"quantity"}
    if number.value is None:
        return {"share", "price", "quantity", "amount"}
    return {"amount", "price"} if number.decimals == 2 else {"quantity", "price", "share"}


def place_by_kind(numbers: list[Number], count: int | None, columns: list[str]) -> list[int] | None:
    """Columns for a row printing fewer values than the header has, when the columns' names
    leave one way to place them in order (an amount goes under 金额, a percentage under 占比);
    an amount that could be a price or an amount is the amount, as a price is printed with its
    quantity."""
    if count is None or len(numbers) >= count or len(columns) != count:
        return None
    if len(numbers) == count - 1 and _TOTAL_COLUMN.fullmatch(columns[-1]):
        return list(range(len(numbers)))  # counts, prices and rates leave the total column empty
    kinds = [_column_kind(c) for c in columns]
    if None in kinds:
        return None
    fits = [
        combo for combo in combinations(range(count), len(numbers))
        if all(kinds[c] in _value_kind(n) for c, n in zip(combo, numbers))
    ]
    if len(fits) > 1:
        no_price = [f for f in fits if all(kinds[c] != "price" or n.unit for c, n in zip(f, numbers))]
        fits = no_price if len(no_price) == 1 else fits
    return list(fits[0]) if len(fits) == 1 else None
