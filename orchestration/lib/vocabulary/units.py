"""Every unit a fact may carry, with its kind and what converts it to the column unit of its kind.

Money is compared and stored in 万元: ``wan_factor`` brings an amount (or the money part of a price such as
元/台/月) to 万元. Only 人民币 converts; 万美元 and 亿美元 keep their currency and have no factor. Compute
is stored in PFLOPS (``pflops_factor``). Counts of physical things are exact whatever their printed
precision: 300 台 is 300, not 300 ± 0.5.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unit:
    symbol: str
    kind: str  # money, pct, count, compute, price, ratio, years, duration, capacity
    wan_factor: float | None = None  # money and prices: x this = 万元 (per the same thing)
    pflops_factor: float | None = None  # compute: x this = PFLOPS
    exact: bool = False  # a count of physical things: no rounding error


def _money(symbol: str, wan_factor: float | None) -> Unit:
    return Unit(symbol, "money", wan_factor)


def _price(symbol: str) -> Unit:
    money = symbol.split("/")[0]
    return Unit(symbol, "price", _WAN_PER_MONEY_UNIT.get(money))


def _count(symbol: str, exact: bool = True) -> Unit:
    return Unit(symbol, "count", exact=exact)


_WAN_PER_MONEY_UNIT = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}

UNITS: tuple[Unit, ...] = (
    *(_money(symbol, factor) for symbol, factor in _WAN_PER_MONEY_UNIT.items()),
    _money("万美元", None),
    _money("亿美元", None),
    Unit("%", "pct"),
    Unit("‰", "pct"),
    Unit("个百分点", "pct"),
    *(_count(symbol) for symbol in ("台", "套", "个", "架", "人", "家", "项", "条", "张", "卡")),
    _count("万个", exact=False),
    Unit("P", "compute", pflops_factor=1.0),
    Unit("PFLOPS", "compute", pflops_factor=1.0),
    Unit("EFlops", "compute", pflops_factor=1000.0),
    Unit("EFLOPS", "compute", pflops_factor=1000.0),
    Unit("KW", "capacity"),
    Unit("kW", "capacity"),
    Unit("GB", "capacity"),
    Unit("倍", "ratio"),
    Unit("次", "ratio"),
    Unit("ratio", "ratio"),
    Unit("年", "years"),
    *(Unit(symbol, "duration") for symbol in ("月", "个月", "天", "个日历天")),
    *(
        _price(symbol)
        for symbol in (
            "元/股", "元/台", "万元/台", "万元/套", "万元/个", "万元/架", "万元/条", "万元/人", "万元/P", "万元/PFLOPS",
            "元/月", "元/台/月", "元/月/台", "元/月/套", "万元/台/月", "万元/月/台", "元/P/月", "元/PFLOPS/月",
            "万元/P/月", "元/个/月", "元/G/月", "元/兆/月", "万元/台/年", "万元/架/年", "万元/个/年",
        )
    ),
    # volumes printed in 万 of a thing-month: a price's quantity base (万台*月)
    *(Unit(symbol, "count") for symbol in ("万个*月", "万兆*月", "万G*月", "万台*月")),
)

BY_SYMBOL: dict[str, Unit] = {unit.symbol: unit for unit in UNITS}
UNIT_SYMBOLS: tuple[str, ...] = tuple(BY_SYMBOL)
MONEY_UNITS = frozenset(u.symbol for u in UNITS if u.kind == "money")
# 人民币 amounts: the money units a factor brings to 万元
CNY_UNITS = frozenset(u.symbol for u in UNITS if u.kind == "money" and u.wan_factor is not None)
EXACT_UNITS = frozenset(u.symbol for u in UNITS if u.exact)


def units_of_kind(*kinds: str) -> frozenset[str]:
    return frozenset(u.symbol for u in UNITS if u.kind in kinds)


def to_wan_factor(unit: str | None) -> float | None:
    """Factor that brings a 人民币 amount to 万元; None for any other unit."""
    found = BY_SYMBOL.get(unit or "")
    return found.wan_factor if found is not None and found.kind == "money" else None


def in_wan(value: float | None, unit: str | None) -> float | None:
    """A 人民币 amount in 万元, whatever unit it was printed in; None otherwise."""
    factor = to_wan_factor(unit)
    if value is None or factor is None:
        return None
    # A factor below 1 divides by its exact inverse, as the marts do (macro scaled): 18.935 元 is
    # 0.0018935 万元, which x 0.0001 would put a hair above and round up.
    scaled = value * factor if factor >= 1 else value / round(1 / factor)
    return round(scaled, 6)
