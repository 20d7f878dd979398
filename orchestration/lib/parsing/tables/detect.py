"""Finding table regions in a filing's lines and telling their layout apart.

A region is ``lines[start:end]`` with its header in ``lines[start:first_row]``.  Tab lines are
tables by construction.  A line with two or more fields separated by runs of spaces and numbers
after its label is a space-aligned row; a line of numbers run together after a short label is a
concatenated row.  Regions grow over blank lines, wrapped label fragments and header lines, and
stop at prose, captions and page markers (``join`` reunites tables broken by a page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import concat
from .caption import read_unit
from .fields import fields, has_gaps
from .headers import is_period_header, strip_page_id
from .numbers import display_width
from .space import is_value_row

PAGE_MARKER = re.compile(r"\s*(?:\d{1,3}(?:-\d{1,3}){1,2}|\d{1,3})\s*")
_PROSE_END = re.compile(r"[。；;]|[:：]$|^(?:\d{1,2}|[(（]\d{1,2}[)）]|[一二三四五六七八九十]+)[)）、]")
MAX_BLANK_RUN = 2
MAX_FRAGMENT_WIDTH = 30
MAX_HEADER_LINES = 6


@dataclass(frozen=True, slots=True)
class Region:
    layout: str
    start: int
    first_row: int
    end: int


def is_page_marker(lines: list[str], i: int, page_breaks: frozenset[int]) -> bool:
    return (i + 1) in page_breaks or PAGE_MARKER.fullmatch(lines[i]) is not None


def _is_spaced(line: str) -> bool:
    return "\t" not in line and has_gaps(line) and len(fields(line)) >= 2


def _is_space_row(line: str) -> bool:
    return _is_spaced(line) and is_value_row(line)


def _is_short_text(line: str) -> bool:
    text = line.strip()
    return (
        bool(text)
        and display_width(text) <= MAX_FRAGMENT_WIDTH
        and not _PROSE_END.search(text)
        and read_unit(text) is None
    )


def find_regions(lines: list[str], page_breaks: frozenset[int] = frozenset()) -> list[Region]:
    regions: list[Region] = []
    i = 0
    while i < len(lines):
        region = _region_at(lines, i, page_breaks, regions[-1].end if regions else 0)
        if region is None:
            i += 1
            continue
        regions.append(region)
        i = region.end
    return regions


def _region_at(lines: list[str], i: int, page_breaks: frozenset[int], floor: int) -> Region | None:
    """The region whose first row is line ``i``; its header never reaches above ``floor``."""
    line = lines[i]
    if "\t" in line:
        end = i
        while end < len(lines) and "\t" in lines[end]:
            end += 1
        return Region("tab", i, i, end)
    if _is_space_row(line):
        return _grow(lines, i, page_breaks, floor, "space", _is_space_row, _is_space_inner)
    if _is_spaced(line):
        return None
    if concat.is_row_line(line) or is_period_header(strip_page_id(line.strip())):
        return _grow(lines, i, page_breaks, floor, "concat", concat.is_row_line, _is_concat_inner)
    return None


def _is_space_inner(line: str) -> bool:
    return _is_spaced(line) and "。" not in line or _is_short_text(line)


def _is_concat_inner(line: str) -> bool:
    return concat.is_fragment(line) or is_period_header(strip_page_id(line.strip()))


def _grow(lines, i, page_breaks, floor, layout, is_row, is_inner) -> Region | None:
    """Extend from row line ``i`` down over rows and fragments, then up over the header."""
    end, rows, blanks = i, 0, 0
    while end < len(lines) and blanks <= MAX_BLANK_RUN and not is_page_marker(lines, end, page_breaks):
        line = lines[end]
        if not line.strip():
            blanks += 1
        elif is_row(line):
            rows, blanks = rows + 1, 0
        elif is_inner(line):
            blanks = 0
        else:
            break
        end += 1
    while end > i and not lines[end - 1].strip():
        end -= 1
    if rows == 0:
        return None
    first_row = next(k for k in range(i, end) if is_row(lines[k]))
    if rows < 2 and not (layout == "concat" and first_row > i):
        return None
    start = max(_header_start(lines, i, page_breaks, layout), floor)
    return Region(layout, start, first_row, end)


def _header_start(lines: list[str], i: int, page_breaks: frozenset[int], layout: str) -> int:
    """Walk up from the first row over header lines, stopping at captions, prose and page markers."""
    if layout == "concat" and is_period_header(strip_page_id(lines[i].strip())):
        return i
    start, k = i, i - 1
    while k >= 0 and i - k <= MAX_HEADER_LINES and not is_page_marker(lines, k, page_breaks):
        line = lines[k]
        if line.strip():
            if not _is_header_line(line, layout):
                break
            start = k
            if layout == "concat":
                break  # a run-together header is one line (its period labels may follow on the next)
        k -= 1
    return start


def _is_header_line(line: str, layout: str) -> bool:
    text = line.strip()
    if read_unit(text) or "。" in text or "\t" in line:
        return False
    if layout == "space":
        return _is_spaced(line) and not _is_space_row(line) or _is_short_text(line)
    return is_period_header(strip_page_id(text)) or concat.is_header_text(text)
