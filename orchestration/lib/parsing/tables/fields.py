"""Cutting a space-aligned line into fields with their display-column spans."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import display_width, parse_number

_FIELD = re.compile(r"\S+(?: \S+)*")  # one space stays inside a field, two or more separate fields


@dataclass(frozen=True, slots=True)
class Field:
    text: str
    start: int  # display column where the field starts
    end: int

    @property
    def center(self) -> float:
        return (self.start + self.end) / 2

    @property
    def is_number(self) -> bool:
        return parse_number(self.text) is not None


def fields(line: str) -> list[Field]:
    line = line.replace("\u3000", "  ")
    out: list[Field] = []
    x = done = 0  # display column reached and characters measured so far
    for m in _FIELD.finditer(line):
        start = x + display_width(line[done : m.start()])
        x, done = start + display_width(m.group()), m.end()
        out.append(Field(m.group(), start, x))
    return out


def field_count(line: str) -> int:
    """How many fields ``fields`` cuts the line into, without measuring where they stand."""
    return len(_FIELD.findall(line.replace("\u3000", "  ")))


def has_gaps(line: str) -> bool:
    """Cheap test before cutting: only a run of spaces (or a wide space) separates fields."""
    return "  " in line.strip() or "\u3000" in line


def overlap(a: Field, lo: int, hi: int) -> int:
    return min(a.end, hi) - max(a.start, lo)
