"""Row ids printed between a row's label and its value, and formulas over earlier rows.

``营业成本1241517.49`` is row 1 with 241517.49 when the rows of a one-value table open their
runs with 1, 2, 3…; ``付现成本总额4=1+2-3259227.51`` is row 4 computed from rows 1 to 3.
"""

from __future__ import annotations

import re

from .labels import RawRow
from .split import split_run

# A row printed with its computation: ``4=1+2-3`` before the value, operands are earlier row ids.
_FORMULA = re.compile(r"(?P<id>\d{1,2})=(?P<ops>(?:\d{1,3}[+\-*/×÷])+)$")
MIN_ID_SEQUENCE = 3


def strip_sequence_ids(raws: list[RawRow]) -> None:
    """Row ids printed between a label and its value (``营业成本1241517.49``, ``4=1+2-3259227.51``)
    when consecutive rows of a one-value table open their runs with 1, 2, 3… and formulas
    refer to rows by number: the sequence and the formulas are the evidence.  A formula's last
    operand is an earlier row, so it is below the formula's own id."""
    if not any(raw.row_id is None and _FORMULA.search(raw.label) for raw in raws):
        return  # without a formula there is no evidence, whatever the runs open with: none is split to see
    expected, found = 1, []
    for k, raw in enumerate(raws):
        if raw.row_id is not None:
            continue
        if (formula := _FORMULA.search(raw.label)) and int(formula["id"]) == expected:
            found.append((k, None))
        elif raw.run.startswith(str(expected)) and _one_value(raw.run[len(str(expected)) :]):
            found.append((k, str(expected)))
        else:
            continue
        expected += 1
    formulas = sum(row_id is None for _, row_id in found)
    if not formulas or len(found) < MIN_ID_SEQUENCE or 2 * len(found) < len(raws):
        return
    for k, row_id in found:
        raw = raws[k]
        if row_id is None:
            _strip_formula_operand(raw)
        else:
            raw.row_id, raw.run = row_id, raw.run[len(row_id) :]


def _one_value(run: str) -> bool:
    split = split_run(run, None)
    return split.numbers is not None and len(split.numbers) == 1 and split.numbers[0].value is not None


def _strip_formula_operand(raw: RawRow) -> None:
    """``4=1+`` + ``2-3259227.51``: the operands run on into the value; the last one is the
    longest prefix of the last chunk that names an earlier row (below the formula's own id)."""
    formula = _FORMULA.search(raw.label)
    assert formula is not None
    chained = re.match(r"(?:\d{1,3}[+\-*/×÷])*", raw.run)
    last = raw.run[chained.end() :]
    own = int(formula["id"])
    digits = re.match(r"\d+", last)
    width = next((w for w in range(len(digits.group()) - 1, 0, -1) if int(last[:w]) < own), None) if digits else None
    if width is None:
        return
    raw.row_id = formula["id"]
    raw.label = raw.label[: formula.start()]  # the formula is the 计算公式 column, not the label
    raw.run = last[width:]
