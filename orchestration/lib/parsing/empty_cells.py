"""A dash glued between a row's text and an amount: an empty cell or a minus sign, by the table's own rows.

A row extracted from a PDF with its cells run together (``组合--未逾期-5500.00``) prints its empty cells as
dashes, glued to the text and the numbers around them: the last dash may be one more empty cell (逾期原因)
before the amount, or the amount's minus sign. Another row of the same table that prints the same cell with
its neighbours apart (``组合 - - 未逾期 - 3974.14``) shows how many cells follow it: a dash standing alone,
then the next cell. The glued row has the same columns, so its dash after the same cell is that empty cell
and the amount after it is positive; read as a sign, the row would print one cell fewer than its table.
Without such a row nothing says which the dash is, and the amount is not read.

The measure says so too: the amount an aging bucket follows (``-9150.001年以内``, ``-375.001-2组合``) is the
balance the bucket ages, never negative (``aging``), and so is an amount the row prints after it within it
(what is overdue, what was collected): the dash before either is an empty cell or a code's hyphen. A dash
between digits is a range's or a date's (2024-2025139.79), never one of these.
"""

from __future__ import annotations

import re

from orchestration.lib.parsing.aging import ages_a_balance, part_of_an_aged_balance

DASHES = "-—"
ROWS_AROUND = 24  # lines either side that may print the same table's rows (a wrapped PDF row spans a dozen)
MIN_WORD = 2  # a cell's text shorter than this is too common to say which column it is
# The text of the cell printed right before the dash: no digit, space, dash or punctuation inside it.
_WORD_BEFORE = re.compile(r"[^\d\s\-—.,:;：；，。、()（）*%]+$")


def dash_is_no_sign(lines: list[str], line_no: int, dash_at: int) -> bool:
    """Whether the dash at ``dash_at`` of line ``line_no`` (1-based), glued before an amount, is proven no
    minus sign: an empty cell by a row printing its cells apart, or the dash before a balance an aging bucket ages."""
    line = lines[line_no - 1]
    if line[dash_at - 1 : dash_at].isdigit():
        return False  # a range's or a date's
    return (
        dash_is_empty_cell(lines, line_no, dash_at)
        or ages_a_balance(line, dash_at + 1)
        or part_of_an_aged_balance(line, dash_at + 1)
    )


def dash_is_empty_cell(lines: list[str], line_no: int, dash_at: int) -> bool:
    """Whether the dash at ``dash_at`` of line ``line_no`` (1-based) is an empty cell: a row of the same
    table near it prints the cell before it, a dash apart from both, and one more cell."""
    word = _WORD_BEFORE.search(lines[line_no - 1], 0, dash_at)
    if word is None or len(word.group()) < MIN_WORD:
        return False
    apart = re.compile(re.escape(word.group()) + r" +[\-—] +[\-—\d]")
    around = lines[max(0, line_no - 1 - ROWS_AROUND) : line_no + ROWS_AROUND]
    return any(apart.search(line) for line in around)
