"""Units printed in a cell, a column header or a table caption.

A unit in the cell wins over one in the column header (``单价(万元/台)``), which wins over the
caption (``单位：万元``). A caption's money unit never applies to a count, a percentage or a
number of years: a ``数量`` column under ``单位：万元`` is a count of servers.
"""

from __future__ import annotations

import functools
import re

from orchestration.lib.parsing.cleanup import normalise_label
from orchestration.lib.vocabulary.units import MONEY_UNITS, UNIT_SYMBOLS

# Longest first, so "万元/台/月" is not read as "万元".
UNITS: tuple[str, ...] = tuple(sorted(UNIT_SYMBOLS, key=len, reverse=True))
_UNIT_ALTERNATION = "|".join(re.escape(unit) for unit in UNITS)
_CAPTION = re.compile(r"单位\s*[:：]\s*(?P<units>[^\s,，;；)）]+(?:\s*[、,，/]\s*[^\s,，;；)）]+)*)")
_HEADER_UNIT = re.compile(rf"[(（](?P<unit>{_UNIT_ALTERNATION})[)）]")
_NON_MONEY_KINDS = frozenset({"count", "pct", "years"})


@functools.lru_cache(maxsize=1 << 12)  # a table's caption is asked for every cell it holds
def caption_units(caption: str | None) -> tuple[str, ...]:
    """``单位：万元、%`` -> ("万元", "%"); a table engine may already hand over the bare "万元、%"."""
    if not caption:
        return ()
    text = normalise_label(caption)
    match = _CAPTION.search(text)
    parts = re.split(r"[、,，]", match.group("units") if match else text)
    return tuple(part for part in parts if part in UNITS)


@functools.lru_cache(maxsize=1 << 14)  # asked of a column header and a row label for every cell under them
def header_unit(label: str | None) -> str | None:
    """``单价(万元/台)`` -> "万元/台"; ``金额(万元)`` -> "万元"."""
    if not label:
        return None
    match = _HEADER_UNIT.search(normalise_label(label))
    return match.group("unit") if match else None


def resolve_unit(
    cell_unit: str | None, column_label: str | None, table_unit: str | None, metric_kind: str | None
) -> str | None:
    """The unit of one value: the cell's own, else the column header's, else the caption's."""
    if cell_unit:
        return cell_unit
    from_header = header_unit(column_label)
    if from_header:
        return from_header
    return _caption_unit_for(caption_units(table_unit), metric_kind)


def _caption_unit_for(candidates: tuple[str, ...], metric_kind: str | None) -> str | None:
    if metric_kind == "pct":
        return "%" if "%" in candidates else None
    for unit in candidates:
        if unit in MONEY_UNITS and metric_kind in _NON_MONEY_KINDS:
            continue
        if unit != "%":
            return unit
    return None

