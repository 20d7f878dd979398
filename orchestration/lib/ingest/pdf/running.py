"""Running page headers and footers: the lines a publisher repeats in the margins of every page.

A line in the top or bottom margin whose text (digits aside, so "6 / 143" and "7 / 143" are the
same line) recurs at the same height on many pages is furniture, not content; so is a bare page
number in a margin. Removing them keeps a table that crosses a page boundary contiguous.
"""

from __future__ import annotations

import re
from collections import Counter

from orchestration.lib.ingest.pdf.pages import PageLayout, TextLine

MARGIN = 0.12  # share of the page height at the top and at the bottom that holds headers and footers
HEIGHT_STEP = 6.0  # pt: lines this close in height are at the same position
MIN_PAGES = 2
MIN_SHARE = 0.4  # of the pages: a margin line repeated this often is running
PAGE_NUMBER = re.compile(r"^[\s\-—–_.·]*(第\s*)?\d{1,4}\s*(页)?\s*([/／]\s*\d{1,4}|共\s*\d{1,4}\s*页)?[\s\-—–_.·]*$")
DIGITS = re.compile(r"\d+")


def remove_running_lines(pages: list[PageLayout]) -> None:
    keys_per_page = [{_key(line, page) for line in _margin_lines(page)} for page in pages]
    counts = Counter(key for keys in keys_per_page for key in keys)
    threshold = max(MIN_PAGES, MIN_SHARE * len(pages))
    running = {key for key, count in counts.items() if count >= threshold}
    for page in pages:
        margin = set(map(id, _margin_lines(page)))
        page.items = [
            item
            for item in page.items
            if id(item) not in margin or not (_key(item, page) in running or PAGE_NUMBER.match(item.text))
        ]


def _margin_lines(page: PageLayout) -> list[TextLine]:
    low, high = page.height * MARGIN, page.height * (1 - MARGIN)
    return [item for item in page.items if isinstance(item, TextLine) and not low < item.top < high]


def _key(line: TextLine, page: PageLayout) -> tuple[bool, int, str]:
    at_top = line.top > page.height / 2
    distance = page.height - line.top if at_top else line.top
    return at_top, round(distance / HEIGHT_STEP), DIGITS.sub("#", " ".join(line.text.split()))
