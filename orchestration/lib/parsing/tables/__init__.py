"""The table engine: finds tables in a filing's lines and reads their cells as printed numbers.

Entry point: ``find_tables(lines, page_breaks)``.  Three layouts are read: tab-separated,
space-aligned (PDF text) and concatenated (web scrapes, no separator between cells).
"""

from __future__ import annotations

from ..model import Table
from .caption import find_caption, read_unit
from .concat import parse_concat
from .detect import Region, find_regions
from .join import join_broken, merge_repeated_headers
from .space import parse_space
from .tab import parse_tab

__all__ = ["find_tables"]


def _parse(lines: list[str], region: Region) -> Table | None:
    if region.layout == "tab":
        return parse_tab(lines, region.start, region.end)
    if region.layout == "space":
        return parse_space(lines, region.start, region.first_row, region.end)
    return parse_concat(lines, region.start, region.first_row, region.end, frozenset(region.skipped))


def find_tables(
    lines: list[str], page_breaks: frozenset[int] = frozenset(), errors: list[str] | None = None
) -> list[Table]:
    """Every table in ``lines`` (line i+1 of the filing is ``lines[i]``), numbered ``t1``, ``t2``…

    A region the engine fails on is left out and described in ``errors``: one table lost, not the filing.
    """
    tables = []
    for region in merge_repeated_headers(lines, find_regions(lines, page_breaks), page_breaks):
        try:
            table = _parse(lines, region)
        except Exception as exc:  # noqa: BLE001 - a bug on one table must not cost the filing its other tables
            if errors is not None:
                errors.append(f"table at lines {region.start + 1}-{region.end}: {type(exc).__name__}: {exc}")
            continue
        if table is None:
            continue
        table.title, table.unit = find_caption(lines, region.start)
        if table.unit is None:
            table.unit = read_unit(lines[region.start])
        tables.append(table)
    tables = join_broken(tables, lines, page_breaks)
    for n, table in enumerate(tables, start=1):
        table.table_id = f"t{n}"
    return tables
