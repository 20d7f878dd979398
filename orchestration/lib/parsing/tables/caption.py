"""Reading a table's caption: the title line above it and its unit (``单位：万元``)."""

from __future__ import annotations

import re

from .numbers import display_width

# The unit ends where its characters do: ``单位:万元业务账龄…`` is 万元 and a header glued on.
_UNIT = re.compile(r"(?:金额|货币)?单位\s*[:：]\s*(?P<unit>[万亿千百美港人民币元%％台套个架张块颗条月年天次/、PFLOPSKWkw]+)")
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
