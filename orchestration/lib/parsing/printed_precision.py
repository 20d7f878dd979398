"""The precision a table prints its amounts with, from the numbers around a row.

A run-together row such as ``服务项目566.001`` is 566.00 with the first digit of the next cell (1年以内,
wrapped onto a later line), or 566.001. A table that prints every amount with two decimals settles it:
a reading that needs a third decimal is impossible there. The rows around the line say what the table
prints: amounts closed by two decimals (a non-digit after them), and none closed after one decimal or after
three or more with nothing but a space, the line's end or punctuation after them (which no next cell's
digit could explain).
"""

from __future__ import annotations

import re

ROWS_AROUND = 24  # lines either side that may print the same table's rows (a wrapped PDF row spans a dozen)
MIN_TWO_DECIMALS = 3  # amounts closed by two decimals that show the table's precision
_DECIMAL = re.compile(r"(?<![\d.])\d+\.(?P<decimals>\d+)(?![\d.])")
# After a number, what no next cell's digits are: the line's end, a space, or punctuation.
_CLOSED = re.compile(r"$|[\s,，;；。、)）]")


def prints_two_decimals(lines: list[str], line_no: int) -> bool:
    """Whether the rows around line ``line_no`` (1-based) print every amount with exactly two decimals,
    leaving that line itself out (its reading is in question)."""
    two = 0
    for index in range(max(0, line_no - 1 - ROWS_AROUND), min(len(lines), line_no + ROWS_AROUND)):
        if index == line_no - 1:
            continue
        for number in _DECIMAL.finditer(lines[index]):
            places = len(number["decimals"])
            if places == 1 or places > 2 and _CLOSED.match(lines[index], number.end()):
                return False
            two += places == 2
    return two >= MIN_TWO_DECIMALS
