"""Finding table regions in a filing's lines and telling their layout apart.

A region is ``lines[start:end]`` with its header in ``lines[start:first_row]``.  Tab lines are
tables by construction.  A line with two or more fields separated by runs of spaces and numbers
after its label is a space-aligned row; a line of numbers run together after a short label is a
concatenated row.  Regions grow over blank lines, wrapped label fragments and header lines, and
stop at prose, captions and page markers (``join`` reunites tables broken by a page).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import concat
from .caption import read_unit, strip_unit
from .fields import field_count, has_gaps
from .headers import is_period_header, period_labels, strip_page_id
from .numbers import display_width
from .space import is_value_row

PAGE_MARKER = re.compile(r"\s*(?:\d{1,3}(?:-\d{1,3}){1,2}|\d{1,3})\s*")
_PROSE_END = re.compile(r"[。；;]|[:：]$|^(?:\d{1,2}|[(（]\d{1,2}[)）]|[一二三四五六七八九十]+)[)）、]")
MAX_BLANK_RUN = 2
MAX_FRAGMENT_WIDTH = 30
MAX_HEADER_LINES = 6
MAX_NAME_LINES = 2  # lines of column names in a run-together header (占收入 over 比重)


@dataclass(frozen=True, slots=True)
class Region:
    layout: str
    start: int
    first_row: int
    end: int
    skipped: tuple[int, ...] = ()  # a header repeated after a page break, inside the region


def is_page_marker(lines: list[str], i: int, page_breaks: frozenset[int]) -> bool:
    return (i + 1) in page_breaks or PAGE_MARKER.fullmatch(lines[i]) is not None


@functools.lru_cache(maxsize=1 << 14)  # a region is grown again from each line after one that failed
def _is_spaced(line: str) -> bool:
    return "\t" not in line and has_gaps(line) and field_count(line) >= 2


@functools.lru_cache(maxsize=1 << 14)
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
    if "\t" in line and line.strip():  # a line of tabs only is blank, not a table row
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
            rows, blanks = rows + (concat.rows_in(line) if layout == "concat" else 1), 0
        elif layout == "concat" and rows and _starts_new_table(lines, i, end):
            break
        elif is_inner(line) or layout == "concat" and _labels_row_below(lines, end):
            blanks = 0
        else:
            break
        end += 1
    while end > i and not lines[end - 1].strip():
        end -= 1
    if rows == 0:
        return None
    first_row = next(k for k in range(i, end) if is_row(lines[k]))
    start = max(_header_start(lines, i, page_breaks, layout), floor)
    if rows < 2 and not _one_row_table(lines, Region(layout, start, first_row, end), i, page_breaks):
        return None
    return Region(layout, start, first_row, end)


def _labels_row_below(lines: list[str], k: int) -> bool:
    return k + 1 < len(lines) and concat.is_label_above_row(lines[k], lines[k + 1])


def _one_row_table(lines: list[str], region: Region, i: int, page_breaks: frozenset[int]) -> bool:
    """A single row is a table under a header of its own: a run-together row below its header,
    or a row whose header is repeated after the page break that follows it, or the last row
    of a table carried over a page under its repeated header.  A space-aligned row needs one
    of the latter two, or period labels in its header, as a lone spaced line may be prose."""
    if region.layout == "concat":
        return region.first_row > i or region.start < i
    if region.start == i:
        return False
    header = [" ".join(lines[k].split()) for k in range(region.start, region.first_row) if lines[k].strip()]
    after = region.end
    while after < len(lines) and (not lines[after].strip() or is_page_marker(lines, after, page_breaks)):
        after += 1
    repeated = after < len(lines) and " ".join(lines[after].split()) in header
    return repeated or len(period_labels(" ".join(header))) >= 2


def _starts_new_table(lines: list[str], i: int, k: int) -> bool:
    """A period header inside a run-together table that names other periods than the one above
    the first row opens the next table (a table continued with earlier years, 续上表)."""
    text = strip_page_id(lines[k].strip())
    if not is_period_header(text):
        return False
    above = (strip_page_id(lines[j].strip()) for j in range(i, max(i - MAX_HEADER_LINES, -1), -1))
    first = next((t for t in above if is_period_header(t)), None)
    return first is not None and period_labels(first) != period_labels(text)


def _header_start(lines: list[str], i: int, page_breaks: frozenset[int], layout: str) -> int:
    """Walk up from the first row over header lines, stopping at captions, prose and page markers.

    A line that carried a page number and still holds text starts a new page: it can be the
    top line of a header (``7-2-2设备类型硬件名称…``) but nothing above it belongs to the table.
    """
    if layout == "concat":
        return _concat_header_start(lines, i, page_breaks)
    start, k = i, i - 1
    while k >= 0 and i - k <= MAX_HEADER_LINES and not _is_bare_page_marker(lines, k, page_breaks):
        line = lines[k]
        if line.strip():
            if not _is_header_line(line, layout):
                break
            start = k
        if (k + 1) in page_breaks:
            break
        k -= 1
    return start


def _concat_header_start(lines: list[str], i: int, page_breaks: frozenset[int]) -> int:
    """A run-together header is one line of names, or a line of period labels with up to two
    lines of names under it (``2025年1-9月…`` over ``毛利率收入占比…``)."""
    if is_period_header(strip_page_id(lines[i].strip())):
        return i
    found: list[int] = []
    k = i - 1
    while k >= 0 and i - k <= MAX_HEADER_LINES and not _is_bare_page_marker(lines, k, page_breaks):
        if lines[k].strip():
            if not _is_header_line(lines[k], "concat"):
                break
            found.append(k)
            if _is_period_line(lines[k]) or len(found) > MAX_NAME_LINES:
                break
        if (k + 1) in page_breaks:
            break
        k -= 1
    if not found:
        return i
    return found[-1] if _is_period_line(lines[found[-1]]) else found[0]


def _is_period_line(line: str) -> bool:
    return is_period_header(strip_page_id(line.strip()))


def _is_bare_page_marker(lines: list[str], i: int, page_breaks: frozenset[int]) -> bool:
    return is_page_marker(lines, i, page_breaks) and ((i + 1) not in page_breaks or not lines[i].strip())


def _is_header_line(line: str, layout: str) -> bool:
    text = line.strip()
    if layout == "concat" and read_unit(text) and strip_unit(text):
        text = strip_unit(text)  # 单位:万元业务账龄账面余额…: a header glued to the unit caption
    if read_unit(text) or "。" in text or "\t" in line:
        return False
    if layout == "space":
        return _is_spaced(line) and not _is_space_row(line) or _is_short_text(line)
    return is_period_header(strip_page_id(text)) or concat.is_header_text(text)
