"""Parsing one filing without letting its failure stop the others."""

from __future__ import annotations

import time
from dataclasses import dataclass

from orchestration.lib.grid import DocumentLayout
from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.model import ParsedFiling


@dataclass(slots=True)
class ParseOutcome:
    filing_id: str
    parsed: ParsedFiling | None
    error: str | None
    seconds: float


def parse_safely(filing_id: str, text: str, layout: DocumentLayout | None = None) -> ParseOutcome:
    """Parse a filing; an unexpected parser error becomes a recorded failure with its reason."""
    started = time.perf_counter()
    try:
        parsed, error = parse_filing(text, layout), None
    except Exception as exc:  # noqa: BLE001 - any parser bug on one filing is reported, not raised
        parsed, error = None, f"parser error: {type(exc).__name__}: {exc}"
    return ParseOutcome(filing_id, parsed, error, time.perf_counter() - started)
