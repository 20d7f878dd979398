"""The one table model every reader feeds: cells where the source laid them out, before any meaning.

An HTML ``<table>`` (with ``colspan``/``rowspan``), a PDF table (from glyph geometry and ruling
lines) and the text layouts (tab, space-aligned, run-together) all become a ``Grid``; the table
engine then reads headers, the stub (label) column and body cells from the grid alone, the same
way for every source. Ingestion hands grids to parsing in a ``DocumentLayout`` stored beside the
text (``filings.documents.layout``), so structure the source printed is never re-guessed from text.

Every cell keeps the 1-based line of the stored text that carries it, so a fact read from a grid
points back to where it was printed.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class GridCell:
    text: str  # the cell's printed text, pieces wrapped inside the cell rejoined
    line_no: int  # 1-based line of the stored text that prints the cell
    row: int  # top row the cell occupies
    col: int  # left column the cell occupies
    row_span: int = 1
    col_span: int = 1
    header: bool = False  # the source marks it a header cell (<th>, <thead>): a hint, not a verdict


@dataclass(frozen=True, slots=True)
class Grid:
    source: str  # html | pdf | tab | space | concat
    line_start: int  # first and last line of the stored text the table covers
    line_end: int
    n_rows: int
    n_cols: int
    cells: tuple[GridCell, ...]
    page: int | None = None  # the page the table starts on, where the source has pages

    def expanded(self) -> list[list[GridCell | None]]:
        """Row-major cells with every span repeated over the positions it covers; None where no cell is."""
        rows: list[list[GridCell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.row_span, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                    rows[r][c] = cell
        return rows

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Grid:
        cells = tuple(GridCell(**cell) for cell in data["cells"])
        return cls(**{**data, "cells": cells})


@dataclass(frozen=True, slots=True)
class DocumentLayout:
    """What the source's structure says beyond its text: its tables as grids and where pages start."""

    grids: tuple[Grid, ...] = ()
    page_starts: tuple[int, ...] = ()  # 1-based line on which each page begins, for sources with pages
    extra: dict = field(default_factory=dict)  # reader-specific notes (e.g. glyphs dropped as overprint)

    def page_of(self, line_no: int) -> int | None:
        """The 1-based page that prints a line, or None for sources without pages."""
        page = bisect_right(self.page_starts, line_no)
        return page or None

    def to_json(self) -> str:
        return json.dumps(
            {"grids": [g.to_dict() for g in self.grids], "page_starts": list(self.page_starts), "extra": self.extra},
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str | None) -> DocumentLayout:
        if not text:
            return cls()
        data = json.loads(text)
        return cls(
            grids=tuple(Grid.from_dict(g) for g in data.get("grids", [])),
            page_starts=tuple(data.get("page_starts", [])),
            extra=data.get("extra", {}),
        )
