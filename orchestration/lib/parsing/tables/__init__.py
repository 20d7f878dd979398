"""The table engine: finds tables in a filing's lines and reads their cells as printed numbers.

Entry point: ``find_tables(lines, page_breaks, grids)``.  A region the source printed as a grid
(an HTML ``<table>``, a PDF's ruled table) is read from the grid; the rest of the lines are searched
for three text layouts: tab-separated, space-aligned (PDF text) and concatenated (web scrapes, no
separator between cells).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from orchestration.lib.grid import Grid

from ..model import Table
from .caption import find_caption, read_unit
from .concat import parse_concat
from .detect import Region, find_regions
from .grid_table import grid_tables
from .headers import period_labels
from .join import join_broken, merge_repeated_headers
from .numbers import parse_number
from .space import parse_space, split_line
from .tab import parse_tab

__all__ = ["find_tables"]

# Balance dates a header names relative to the report: 本报告期末, 上年度末, 期末余额, 年初数.
_BALANCE_DATE = re.compile(r"^[本上]?(?:报告期|会计年度|年度|年|期)[末初](?:余额|数|金额|账面余额|账面价值)?$")
_SPACE_GAP = re.compile(r"\s{2,}")


def _parse(lines: list[str], region: Region) -> Table | None:
    if region.layout == "tab":
        return parse_tab(lines, region.start, region.end)
    if region.layout == "space":
        return parse_space(lines, region.start, region.first_row, region.end)
    return parse_concat(lines, region.start, region.first_row, region.end, frozenset(region.skipped))


def find_tables(
    lines: list[str],
    page_breaks: frozenset[int] = frozenset(),
    grids: Sequence[Grid] = (),
    errors: list[str] | None = None,
) -> list[Table]:
    """Every table in ``lines`` (line i+1 of the filing is ``lines[i]``), numbered ``t1``, ``t2``…

    A table the engine fails on is left out and described in ``errors``: one table lost, not the filing.
    """
    lost = errors if errors is not None else []
    tables = _grid_tables(lines, grids, lost)
    text_lines = _without_grids(lines, grids)
    regions = merge_repeated_headers(text_lines, find_regions(text_lines, page_breaks), page_breaks)
    for region in (part for found in regions for part in _split_at_restated_headers(text_lines, found)):
        try:
            table = _parse(text_lines, region)
        except Exception as exc:  # noqa: BLE001 - a bug on one table must not cost the filing its other tables
            lost.append(f"table at lines {region.start + 1}-{region.end}: {type(exc).__name__}: {exc}")
            continue
        if table is None:
            continue
        table.title, table.unit = find_caption(lines, region.start)
        if table.unit is None:
            table.unit = read_unit(lines[region.start])
        tables.append(table)
    tables = join_broken(sorted(tables, key=lambda t: t.line_start), lines, page_breaks)
    for n, table in enumerate(tables, start=1):
        table.table_id = f"t{n}"
    return tables


def _grid_tables(lines: list[str], grids: Sequence[Grid], lost: list[str]) -> list[Table]:
    tables = []
    for grid in grids:
        title, unit = find_caption(lines, grid.line_start - 1)
        try:
            read = grid_tables(grid)
        except Exception as exc:  # noqa: BLE001 - as for text tables: one grid lost, not the filing
            lost.append(f"table at lines {grid.line_start}-{grid.line_end}: {type(exc).__name__}: {exc}")
            continue
        for table in read:
            table.title, table.unit = title, unit
            tables.append(table)
    return tables


def _without_grids(lines: list[str], grids: Sequence[Grid]) -> list[str]:
    """The lines with the grids' lines blanked: structure the source printed is not re-detected."""
    if not grids:
        return lines
    kept = list(lines)
    for grid in grids:
        for index in range(grid.line_start - 1, min(grid.line_end, len(kept))):
            kept[index] = ""
    return kept


def _split_at_restated_headers(lines: list[str], region: Region) -> list[Region]:
    """A tab or space-aligned table that restates its header mid-way (主要会计数据: ``2019年末 |
    2018年末 | …`` above the balances) is two tables, each read under its own header: the balances
    must not be read under the first header's years, nor the restated header as a row label."""
    if region.layout not in ("tab", "space"):
        return [region]
    starts = [region.start]
    seen_numbers = False
    for index in range(region.first_row, region.end):
        numbers = _has_number(lines[index], region.layout)
        if seen_numbers and not numbers and _restates_header(lines[index], region.layout):
            starts.append(index)
            seen_numbers = False
        seen_numbers = seen_numbers or numbers
    if len(starts) == 1:
        return [region]
    bounds = [*starts, region.end]
    return [Region(region.layout, a, _first_row(lines, region, a, b), b) for a, b in pairwise(bounds)]


def _has_number(line: str, layout: str) -> bool:
    if layout == "space":
        return bool(split_line(line, 0).values)
    return any(number is not None and number.value is not None for number in map(parse_number, line.split("\t")))


def _restates_header(line: str, layout: str) -> bool:
    """A line of column names: two or more periods (2024年末, 2023年末) or balance dates named
    relative to the report (本报告期末 | 上年度末, 期末余额 | 年初余额)."""
    cells = [cell.strip() for cell in (line.split("\t") if layout == "tab" else _SPACE_GAP.split(line))]
    cells = [cell for cell in cells if cell]
    return len(period_labels("\t".join(cells))) >= 2 or sum(bool(_BALANCE_DATE.match(cell)) for cell in cells) >= 2


def _first_row(lines: list[str], region: Region, start: int, end: int) -> int:
    """Where a part's rows begin: the region's own first row, a tab part's header line (read by the
    tab reader), or a space part's first line of values under its restated header."""
    if start == region.start:
        return region.first_row
    if region.layout == "tab":
        return start
    return next((i for i in range(start + 1, end) if _has_number(lines[i], "space")), end)
