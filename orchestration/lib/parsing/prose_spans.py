"""Where the text of a paragraph sits in a filing, and pattern matches looked up by stretch.

Prose is read as paragraphs (lines joined); a fact must point back to its line and column. Both
lookups are binary searches, so a paragraph of many lines or a sentence of many numbers stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a paragraph: text[start:end] is line ``line_no`` from column ``column``."""

    start: int
    end: int
    line_no: int
    column: int


@dataclass(slots=True)
class Paragraph:
    text: str
    spans: list[Span]

    def locate(self, start: int, end: int) -> tuple[int, int] | None:
        """(line_no, column) of text[start:end], or None when it crosses a line break."""
        span = self._span_at(start)
        if span is None:
            return None
        return (span.line_no, span.column + start - span.start) if end <= span.end else None

    def line_end(self, position: int) -> int:
        """The paragraph offset where the line holding ``position`` ends."""
        span = self._span_at(position)
        return span.end if span else position

    def _span_at(self, position: int) -> Span | None:
        # Spans are contiguous and in order: a binary search keeps a paragraph of many lines linear.
        index = bisect_right(self.spans, position, key=lambda span: span.start) - 1
        return self.spans[index] if index >= 0 and position < self.spans[index].end else None


class Mentions:
    """Matches of one pattern over a whole sentence, looked up by stretch: one scan per sentence, not per number."""

    def __init__(self, spans: list[tuple[int, int, object]]) -> None:
        self.spans = spans
        self._starts = [start for start, _, _ in spans]
        self._ends = [end for _, end, _ in spans]

    @classmethod
    def of(cls, pattern: re.Pattern[str], text: str) -> Mentions:
        return cls([(match.start(), match.end(), match) for match in pattern.finditer(text)])

    def within(self, start: int, end: int) -> list:
        """What the matches lying wholly inside text[start:end] hold, in order."""
        return [item for _, _, item in self.spans[bisect_left(self._starts, start) : bisect_right(self._ends, end)]]
