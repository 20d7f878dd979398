"""Small helpers that turn frames into asset metadata a person can read in the UI."""

from __future__ import annotations

import dagster as dg
import polars as pl


def markdown_preview(frame: pl.DataFrame, limit: int = 20) -> dg.MetadataValue:
    """The first rows of a frame as a Markdown table (cells cut short, pipes escaped)."""
    head = frame.head(limit)
    lines = ["| " + " | ".join(head.columns) + " |", "|" + "---|" * len(head.columns)]
    for row in head.iter_rows():
        lines.append("| " + " | ".join(_cell(value) for value in row) + " |")
    return dg.MetadataValue.md("\n".join(lines))


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."
