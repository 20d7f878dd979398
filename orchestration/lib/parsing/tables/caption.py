"""Reading a table's caption: the title line above it and its unit (``单位：万元``)."""

from __future__ import annotations

import re

from orchestration.lib.vocabulary.units import UNIT_SYMBOLS

from .numbers import display_width

# The vocabulary's units, the longest first (万元/台 before 万元), a full-width ％ read as %.
_UNIT_SYMBOL = "|".join(
    re.escape(unit).replace("%", "[%％]") for unit in sorted(UNIT_SYMBOLS, key=lambda unit: (-len(unit), unit))
)
# The unit is one or more of the vocabulary's units (万元、%), after the currency it may name: where the
# units end a header glued on begins (``单位:万元业务账龄…`` is 万元).
_UNIT = re.compile(
    rf"(?:金额|货币)?单位\s*[:：]\s*(?:人民币)?(?P<unit>(?:{_UNIT_SYMBOL})(?:\s*[、,，]\s*(?:{_UNIT_SYMBOL}))*)"
)
_TITLE_END = re.compile(r"(?:如下|情况|明细|构成|测算|列示)[^。]{0,6}[:：]?\s*$")
MAX_TITLE_WIDTH = 80
LOOKBACK = 4
_PAGE_MARKER = re.compile(r"\d{1,3}(?:-\d{1,3}){1,2}|\d{1,3}")


def strip_unit(line: str) -> str:
    """The text after a unit caption printed at the start of a line (a header glued to it)."""
    m = _UNIT.match(line.strip())
    return line.strip()[m.end() :] if m else line.strip()


def read_unit(line: str) -> str | None:
    """``万元`` from ``单位：万元``, ``万元、%`` from ``单位:万元、%``, or None."""
    m = _UNIT.search(line)
    return m["unit"] if m else None


def find_caption(lines: list[str], first: int) -> tuple[str | None, str | None]:
    """Title and unit printed in the few lines above the table starting at index ``first``."""
    title = unit = None
    seen = 0
    for i in range(first - 1, max(first - 1 - LOOKBACK * 3, -1), -1):
        text = lines[i].strip()
        if not text:
            continue
        seen += 1
        if seen > LOOKBACK:
            break
        if unit is None and (found := read_unit(text)):
            unit = found
            continue
        if "\t" in lines[i]:
            break
        if _PAGE_MARKER.fullmatch(text):
            seen -= 1
            continue
        if title is not None or text.endswith("。"):
            break
        if display_width(text) <= MAX_TITLE_WIDTH or _TITLE_END.search(text):
            title = text  # a unit may still be printed above the title or a garbled header line
            continue
        break
    return title, unit
