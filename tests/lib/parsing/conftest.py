"""The four real filings, read-only, from the shared folder next to the repository."""

from __future__ import annotations

import pytest

from tests.conftest import REAL_FILINGS

FILINGS = REAL_FILINGS


def read_filing(prefix: str) -> str:
    (path,) = FILINGS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def feasibility_report() -> str:
    """000: an issuer's feasibility report, tab-separated tables, no page numbers."""
    return read_filing("000")


@pytest.fixture(scope="session")
def scraped_reply() -> str:
    """001: a reply scraped from a portal; page numbers glued to text, concatenated tables."""
    return read_filing("001")


@pytest.fixture(scope="session")
def auditor_statement() -> str:
    """002: an auditor's statement scraped from a portal; page ids 7-2-N glued to text."""
    return read_filing("002")


@pytest.fixture(scope="session")
def pdf_reply() -> str:
    """003: a reply extracted from a PDF; space-aligned tables, page markers 1-N on their own lines."""
    return read_filing("003")
