"""Choosing among candidate splits of a row by the table's own arithmetic.

A 合计/小计 row equals the sum of the rows above it (top-level rows when rows are numbered), a
numbered parent equals the sum of its children (row 1 = 1.1 + 1.2 + …), and a gross margin equals
(revenue - cost) / revenue.  A candidate is kept only if it makes such an identity hold in every
column where the identity can be checked.  A run of whole numbers too long to split one way
(``104104153199``) is read when two rows beside it divide, column by column, into whole numbers that
print exactly its digits (薪酬总额 ÷ 人均薪酬 = 人数).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import permutations

from orchestration.lib.vocabulary.totals import TOTAL_ROW

from ..model import Row
from .split import Candidate

ROUNDING = 0.011  # each printed two-decimal part may be off by half a cent
QUOTIENT_RULE = "amount / amount per unit = count"
_NEAR_ROWS = 4  # rows either side of a run that may be the amount and the amount per unit it is the quotient of


def _value(row: Row, col: int) -> float | None:
    return next((c.value for c in row.cells if c.col == col), None)


def _known(row: Row) -> bool:
    return not any(c.ambiguous for c in row.cells)


def _sum_holds(parts: list[Row], whole: Row, row: Row, values: list[float | None]) -> bool:
    """Every column where the whole is printed equals the sum of the parts; at least one checked."""
    if not all(_known(r) for r in [*parts, whole] if r is not row):
        return False

    def value(r: Row, col: int) -> float | None:
        return values[col] if r is row else _value(r, col)

    checked = 0
    for col in range(len(values)):
        if (total := value(whole, col)) is None:
            continue
        if abs(sum(value(r, col) or 0.0 for r in parts) - total) > ROUNDING * len(parts):
            return False
        checked += 1
    return checked > 0


def _identity_for(rows: list[Row], k: int) -> tuple[list[Row], Row] | None:
    """The parts and the whole that row ``k`` takes part in, if any."""
    row = rows[k]
    if row.row_id and "." in row.row_id:
        parent_id = row.row_id.rsplit(".", 1)[0]
        parent = next((r for r in rows if r.row_id == parent_id), None)
        children = [
            r for r in rows if r.row_id and r.row_id.rsplit(".", 1)[0] == parent_id and "." in r.row_id
        ]
        return (children, parent) if parent else None
    end = next((j for j in range(k + 1, len(rows)) if TOTAL_ROW.match(rows[j].label)), None)
    if end is None:
        return None
    begin = max((j + 1 for j in range(k) if TOTAL_ROW.match(rows[j].label)), default=0)
    block = rows[begin:end]
    numbered = any(r.row_id for r in block)
    parts = [r for r in block if not numbered or (r.row_id and "." not in r.row_id)]
    return parts, rows[end]


def _margin_holds(rows: list[Row], row: Row, values: list[float | None]) -> bool:
    """A 毛利率 row equals (revenue - cost) / revenue in percent, to the printed precision."""
    revenue = next((r for r in rows if "收入" in r.label and r is not row), None)
    cost = next((r for r in rows if "成本" in r.label and r is not row), None)
    if not ("毛利率" in row.label and revenue and cost and _known(revenue) and _known(cost)):
        return False
    checked = 0
    for col, margin in enumerate(values):
        rev, cst = _value(revenue, col), _value(cost, col)
        if margin is None or not rev or cst is None:
            continue
        if abs((rev - cst) / rev * 100 - margin) > 0.051:
            return False
        checked += 1
    return checked > 0


def choose_by_arithmetic(rows: list[Row], k: int, cands: list[Candidate]) -> tuple[Candidate, str] | None:
    """The one candidate for row ``k`` that the table's arithmetic accepts, with the rule's name."""
    checks: list[tuple[str, Callable[[list[float | None]], bool]]] = []
    if identity := _identity_for(rows, k):
        parts, whole = identity
        checks.append(("total equals the sum of its parts", lambda v: _sum_holds(parts, whole, rows[k], v)))
    checks.append(("margin = (revenue - cost) / revenue", lambda v: _margin_holds(rows, rows[k], v)))
    for name, holds in checks:
        fits = [c for c in cands if holds([n.value for n in c[1]])]
        if len(fits) == 1:
            return fits[0], name
    return None


def whole_numbers_by_quotient(rows: list[Row], k: int, digits: str) -> list[int] | None:
    """The whole numbers row ``k`` prints run together as ``digits``, when two fully printed rows near
    it divide column by column into whole numbers (the divisor right to its printed rounding) whose
    digits are exactly the run's; None unless one such reading exists."""
    if not digits.isdigit():
        return None
    near = [r for r in rows[max(0, k - _NEAR_ROWS) : k + 1 + _NEAR_ROWS] if r is not rows[k] and _fully_printed(r)]
    readings = {
        tuple(counts)
        for amount, per_unit in permutations(near, 2)
        if (counts := _quotients(amount, per_unit)) and "".join(map(str, counts)) == digits
    }
    return list(readings.pop()) if len(readings) == 1 else None


def _fully_printed(row: Row) -> bool:
    return _known(row) and len(row.cells) >= 2 and all(c.value is not None for c in row.cells)


def _quotients(amount: Row, per_unit: Row) -> list[int] | None:
    if [c.col for c in amount.cells] != [c.col for c in per_unit.cells]:
        return None
    counts = []
    for total, each in zip(amount.cells, per_unit.cells):
        if not each.value or (count := round(total.value / each.value)) <= 0:
            return None
        printed_rounding = 0.5 * 10 ** -len(each.raw_text.rstrip("%").partition(".")[2]) + 1e-9
        if abs(total.value / count - each.value) > printed_rounding:
            return None
        counts.append(count)
    return counts
