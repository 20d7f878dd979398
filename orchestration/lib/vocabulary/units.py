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
    # Where the parser reads the unit after a number: in prose (a number there is a fact without a named
    # metric only when it ``stands_alone``: money, a share, a count of things), and right after a count
    # inside a table cell (``cell_suffix``: "300台").
    in_prose: bool = False
    stands_alone: bool = False
    cell_suffix: bool = False


def _money(symbol: str, wan_factor: float | None) -> Unit:
    return Unit(symbol, "money", wan_factor, in_prose=True, stands_alone=True)


def _price(symbol: str, in_prose: bool = True) -> Unit:
    money = symbol.split("/")[0]
    return Unit(symbol, "price", _WAN_PER_MONEY_UNIT.get(money), in_prose=in_prose)


def _count(symbol: str, exact: bool = True, in_prose: bool = True, stands_alone: bool = True,
           cell_suffix: bool = False) -> Unit:
    return Unit(symbol, "count", exact=exact, in_prose=in_prose, stands_alone=stands_alone, cell_suffix=cell_suffix)


def _compute(symbol: str, pflops_factor: float) -> Unit:
    return Unit(symbol, "compute", pflops_factor=pflops_factor, in_prose=True, stands_alone=True)


_WAN_PER_MONEY_UNIT = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}

UNITS: tuple[Unit, ...] = (
    *(_money(symbol, factor) for symbol, factor in _WAN_PER_MONEY_UNIT.items()),
    _money("万美元", None),
    _money("亿美元", None),
    Unit("%", "pct", in_prose=True, stands_alone=True, cell_suffix=True),
    Unit("‰", "pct", cell_suffix=True),
    Unit("个百分点", "pct"),
    # counts printed right after a number in a cell and in prose; 个 alone says too little ("3个" what?)
    *(_count(symbol, cell_suffix=True) for symbol in ("台", "套", "架", "人")),
    _count("个", stands_alone=False, cell_suffix=True),
    _count("家"),
    *(_count(symbol, in_prose=False, stands_alone=False, cell_suffix=True) for symbol in ("张", "条", "块", "颗")),
    *(_count(symbol, in_prose=False, stands_alone=False) for symbol in ("项", "卡")),
    _count("万个", exact=False),
    _count("万台", exact=False),
    _compute("P", 1.0),
    _compute("PFLOPS", 1.0),
    Unit("EFlops", "compute", pflops_factor=1000.0),
    _compute("EFLOPS", 1000.0),
    Unit("KW", "capacity"),
    Unit("kW", "capacity"),
    Unit("GB", "capacity"),
    Unit("倍", "ratio"),
    Unit("次", "ratio"),
    Unit("ratio", "ratio"),
    Unit("年", "years", in_prose=True),
    *(Unit(symbol, "duration") for symbol in ("月", "天", "个日历天")),
    Unit("个月", "duration", in_prose=True, stands_alone=True),
    *(
        _price(symbol)
        for symbol in (
            "元/台", "万元/台", "万元/套", "万元/个", "万元/架", "万元/人", "万元/P", "万元/PFLOPS",
            "元/月", "元/台/月", "元/月/台", "元/月/套", "万元/台/月", "万元/月/台", "元/P/月", "元/PFLOPS/月",
            "万元/P/月", "元/个/月", "元/G/月", "元/兆/月", "万元/台/年", "万元/架/年", "万元/个/年",
        )
    ),
    # a share's price and a price per line: read in tables, never from prose
    *(_price(symbol, in_prose=False) for symbol in ("元/股", "万元/条")),
    # volumes printed in 万 of a thing-month: a price's quantity base (万台*月)
    *(Unit(symbol, "count") for symbol in ("万个*月", "万兆*月", "万G*月", "万台*月")),
)

BY_SYMBOL: dict[str, Unit] = {unit.symbol: unit for unit in UNITS}
UNIT_SYMBOLS: tuple[str, ...] = tuple(BY_SYMBOL)
MONEY_UNITS = frozenset(u.symbol for u in UNITS if u.kind == "money")
# 人民币 amounts: the money units a factor brings to 万元
CNY_UNITS = frozenset(u.symbol for u in UNITS if u.kind == "money" and u.wan_factor is not None)
EXACT_UNITS = frozenset(u.symbol for u in UNITS if u.exact)
# What the parser reads after a number: in prose, the units (prices apart) and the "per" parts of a price
# (元/月/台: 月, 台); the units that make a number a fact on their own; a count's suffix inside a cell.
PROSE_UNITS = tuple(u.symbol for u in UNITS if u.in_prose and u.kind != "price")
PROSE_PRICE_MONEY = tuple(dict.fromkeys(u.symbol.split("/")[0] for u in UNITS if u.in_prose and u.kind == "price"))
PROSE_PRICE_PARTS = tuple(dict.fromkeys(
    part for u in UNITS if u.in_prose and u.kind == "price" for part in u.symbol.split("/")[1:]
))
STANDALONE_UNITS = frozenset(u.symbol for u in UNITS if u.stands_alone)
CELL_COUNT_SUFFIXES = "".join(u.symbol for u in UNITS if u.cell_suffix and u.kind == "count")
# The units a count metric is read in from prose: things counted one by one (台, 套, 个 ...) and compute.
PROSE_COUNT_UNITS = frozenset(
    u.symbol for u in UNITS if u.in_prose and ((u.kind == "count" and u.cell_suffix) or u.kind == "compute")
)


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
