"""Reuniting a table broken by a page break, dropping the header repeated on the new page."""

from __future__ import annotations

from ..model import Row, Table
from ..periods import REPORT_TITLE
from .detect import Region, is_page_marker
from .headers import header_names, strip_page_id

MAX_GAP = 8  # lines of blanks and page markers between the two parts
MAX_RUNNING_NAME = 30  # the company name a page header prints before the report's title


def _only_page_break_between(lines: list[str], a: Table, b: Table, page_breaks: frozenset[int]) -> bool:
    gap = range(a.line_end, b.line_start - 1)  # 0-based indices of the lines in between
    if len(gap) > MAX_GAP:
        return False
    marker = any(is_page_marker(lines, i, page_breaks) or _is_running_header(lines[i]) for i in gap)
    return all(
        not lines[i].strip() or is_page_marker(lines, i, page_breaks) or _is_running_header(lines[i]) for i in gap
    ) and (marker or a.layout == "tab")


def _is_running_header(line: str) -> bool:
    """A periodic report's page header (``公司名称 2019 年年度报告全文``) printed at the top of every page."""
    found = REPORT_TITLE.search(line)
    return found is not None and len(line.strip()) <= found.end() - found.start() + MAX_RUNNING_NAME


def _continues(a: Table, b: Table) -> bool:
    """Same layout and column count, and the printed labels agree wherever both have one."""
    if a.layout != b.layout or len(a.columns) != len(b.columns):
        return False
    both = [(x, y) for x, y in zip(a.columns, b.columns) if x and y]
    return sum(x == y for x, y in both) * 2 >= len(both)


def _is_carried_over(row: Row) -> bool:
    """A first row with no label, id or number is the rest of the last row's text on the new page."""
    return (
        not row.label and row.row_id is None and all(c.value is None and not c.ambiguous for c in row.cells)
    )


def join_broken(tables: list[Table], lines: list[str], page_breaks: frozenset[int]) -> list[Table]:
    joined: list[Table] = []
    for table in tables:
        prev = joined[-1] if joined else None
        if prev and _continues(prev, table) and _only_page_break_between(lines, prev, table, page_breaks):
            rows = table.rows
            if rows and prev.rows and _is_carried_over(rows[0]):
                for cell, more in zip(prev.rows[-1].cells, rows[0].cells):
                    cell.raw_text += more.raw_text
                rows = rows[1:]
            prev.rows.extend(rows)
            prev.line_end = table.line_end
            continue
        joined.append(table)
    return joined


def _header_names(lines: list[str], region: Region) -> list[str]:
    """The period labels and column names a region's header prints, in order."""
    text = "".join(strip_page_id(lines[i].strip()) for i in range(region.start, region.first_row))
    return header_names(text)


def merge_repeated_headers(lines: list[str], regions: list[Region], page_breaks: frozenset[int]) -> list[Region]:
    """A run-together table broken by a page repeats its header lines on the new page (with the
    page id glued on); the two parts are one region, read under the first header."""
    merged: list[Region] = []
    for region in regions:
        prev = merged[-1] if merged else None
        if prev and region.layout == prev.layout == "concat" and _repeats_header(lines, prev, region, page_breaks):
            skipped = prev.skipped + tuple(range(prev.end, region.first_row))
            merged[-1] = Region("concat", prev.start, prev.first_row, region.end, skipped)
            continue
        merged.append(region)
    return merged


def _repeats_header(lines: list[str], prev: Region, region: Region, page_breaks: frozenset[int]) -> bool:
    repeated = _header_names(lines, region)
    if not repeated or repeated != _header_names(lines, prev) or region.start - prev.end > MAX_GAP:
        return False
    gap = range(prev.end, region.start)
    new_page = any(is_page_marker(lines, i, page_breaks) for i in range(prev.end, region.first_row))
    return new_page and all(not lines[i].strip() or is_page_marker(lines, i, page_breaks) for i in gap)
