"""One figure printed in two tables with different values, found by the rows it stands in.

A filing's table of acquisitions prints each subsidiary's goodwill (商誉 5193.72 1912.27 1846.50 4201.10
2662.74), and its impairment test prints the goodwill of each subsidiary's asset group again (5251.45 1912.27
1846.50 4201.10 2662.74). The column headers are often too garbled to read, but the row itself aligns the
columns: two rows of different tables of one filing that print at least three amounts in the same order,
equal position by position except exactly one, are one set of figures printed twice, and the differing pair
is the same column's figure printed with two values.

Whether both prints are the same measure (goodwill at acquisition, goodwill allocated at a later year end) is
not proven by the alignment: the finding is an ``ambiguous_label``, unless both prints carry the same metric
and period, which makes them one figure: a ``conflict``.

Noise guards: the equal siblings must be amounts printed with decimals and not zero (years, counts and 0.00
align by chance), two of them at least not ratios; the differing pair must both be ratios or both not (a row of
balance, provision and net aligns with one of balance, provision and ratio) and print different digits; and two
rows printing the same line are one line repeated, not two printings.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from orchestration.lib.quality.findings import Finding, ref
from orchestration.lib.quality.precision import decimals, half_unit, within

_MIN_AMOUNTS = 3  # two equal siblings at least: one shared amount aligns nothing
# Equal siblings that are amounts, not ratios: a change rate or a margin repeats whenever the amounts it is
# computed from do, so a row that lost an amount to a wrapped line still aligns on its rates and one amount.
_MIN_SIBLING_AMOUNTS = 2
_DIGIT_RUN = re.compile(r"(\d+)")


def find_aligned_rows(facts: Iterable[dict]) -> list[Finding]:
    """One finding per pair of table rows of one filing that align on equal amounts but one."""
    facts = list(facts)
    printed = _printed_amounts(facts)
    findings = []
    for first, second, position in _aligned_pairs(_rows(facts)):
        a, b = first[position], second[position]
        if not _gap_printed(a, b, printed):
            findings.append(_finding(a, b, len(first) - 1))
    return findings


def _printed_amounts(facts: list[dict]) -> set[tuple[str, int, float]]:
    """(filing, decimals, value) of every amount a filing prints with decimals."""
    return {(f["filing_id"], decimals(f["raw_text"]), f["value"]) for f in facts if f.get("value") is not None
            and _is_amount(f)}


def _gap_printed(a: dict, b: dict, printed: set[tuple[str, int, float]]) -> bool:
    """True when the filing prints the gap itself: one row includes a part the other leaves out, and the filing
    says how much (a second project's fixed assets added in one year of a schedule): the gap is explained.
    Prints one digit apart are a misprint whatever the gap (1.00, 10.00 are printed everywhere)."""
    digits = max(decimals(a["raw_text"]), decimals(b["raw_text"]))
    gap_printed = (a["filing_id"], digits, round(abs(a["value"] - b["value"]), digits)) in printed
    return gap_printed and not _one_digit_apart(a, b)


def _one_digit_apart(a: dict, b: dict) -> bool:
    first, second = _digits(a), _digits(b)
    return len(first) == len(second) and sum(x != y for x, y in zip(first, second, strict=True)) == 1


def _rows(facts: Iterable[dict]) -> list[list[dict]]:
    """The table rows printing at least three amounts, each as its cells in printed order."""
    rows: dict[tuple, list[dict]] = defaultdict(list)
    for fact in facts:
        if fact.get("table_id") and fact.get("value") is not None:
            rows[(fact["filing_id"], fact["table_id"], fact["line_no"], fact.get("row_label"))].append(fact)
    return [sorted(cells, key=_printed_order) for cells in rows.values() if len(cells) >= _MIN_AMOUNTS]


def _printed_order(fact: dict) -> tuple:
    """Cell ids number their columns (t12-r3-c10 after t12-r3-c2): compare the numbers as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in _DIGIT_RUN.split(str(fact["fact_id"])))


def _aligned_pairs(rows: list[list[dict]]) -> Iterator[tuple[list[dict], list[dict], int]]:
    """(row, row, the differing position) for rows of one filing, different tables, that print the same
    amounts but one. Rows are indexed by their amounts with one position left out, so only rows that can
    align are compared."""
    by_siblings: dict[tuple, list[list[dict]]] = defaultdict(list)
    for row in rows:
        for position in range(len(row)):
            siblings = tuple(cell["value"] for index, cell in enumerate(row) if index != position)
            by_siblings[(row[0]["filing_id"], position, siblings)].append(row)
    for (_, position, _), candidates in by_siblings.items():
        for index, first in enumerate(candidates):
            for second in candidates[index + 1 :]:
                if _aligned(first, second, position):
                    yield first, second, position


def _aligned(first: list[dict], second: list[dict], position: int) -> bool:
    a, b = first[position], second[position]
    siblings = [cell for index, cell in enumerate(first) if index != position]
    return (
        first[0]["table_id"] != second[0]["table_id"]
        and _line(first[0]) != _line(second[0])
        and all(map(_is_amount, siblings)) and sum(not _is_ratio(cell) for cell in siblings) >= _MIN_SIBLING_AMOUNTS
        and _is_amount(a) and _is_amount(b) and _is_ratio(a) == _is_ratio(b)
        and _digits(a) != _digits(b)
        and not within(a["value"] - b["value"], half_unit(a["raw_text"]) + half_unit(b["raw_text"]), a["value"])
    )


def _is_amount(cell: dict) -> bool:
    """An amount printed with decimals and not zero: a year, a count or 0.00 aligns rows by chance."""
    return decimals(cell["raw_text"]) > 0 and cell["value"] != 0


def _is_ratio(cell: dict) -> bool:
    return cell.get("unit") == "%" or "%" in cell["raw_text"]


def _digits(cell: dict) -> str:
    """The digits printed: the same digits with opposite signs are one print read two ways (a dash between
    two glued numbers, 2428.25-71.40%, reads as a minus or as a separator), not two prints."""
    return re.sub(r"\D", "", cell["raw_text"])


def _line(cell: dict) -> str:
    return re.sub(r"\s+", "", cell.get("line_text") or "") or f"{cell['table_id']}:{cell['line_no']}"


def _finding(first: dict, second: dict, siblings: int) -> Finding:
    measure = (first.get("metric"), first.get("period"))
    same_figure = all(measure) and measure == (second.get("metric"), second.get("period"))
    kind = "conflict" if same_figure else "ambiguous_label"
    gap = abs(second["value"] - first["value"])
    a, b = _where(first, "第{}行"), _where(second, "第{}行")
    a_en, b_en = _where(first, "line {}"), _where(second, "line {}")
    if same_figure:
        zh = f"{a}与{b}两行有{siblings}个数逐位相同,同一列的同一数字分别印为{_value(first)}与{_value(second)},相差{gap:g}。"
        en = (f"Rows {a_en} and {b_en} print {siblings} equal amounts in the same order; the same column's figure is "
              f"printed as {_value(first)} and as {_value(second)}: a gap of {gap:g}.")
    else:
        zh = (f"{a}与{b}两行有{siblings}个数逐位相同,唯同一列分别印为{_value(first)}与{_value(second)},相差{gap:g};"
              f"文件未说明两者是否为同一数字。")
        en = (f"Rows {a_en} and {b_en} print {siblings} equal amounts in the same order but differ in one column, printed "
              f"as {_value(first)} and as {_value(second)} (gap {gap:g}): the filing does not say whether they are "
              f"one figure.")
    return Finding(
        kind=kind, severity="high" if same_figure else "medium", description=en, description_zh=zh,
        refs=(ref(first), ref(second)), entity=first.get("entity"), metric=first.get("metric") or second.get("metric"),
        period=first.get("period") or second.get("period"), unit=first.get("unit") or second.get("unit"),
        expected=first["value"], actual=second["value"], gap=gap,
        tolerance=half_unit(first["raw_text"]) + half_unit(second["raw_text"]),
    )


def _where(cell: dict, line_word: str) -> str:
    """ "「商誉」(第3433行)": the row's printed label, when the parser read one, and its line."""
    label = f"「{cell['row_label']}」" if cell.get("row_label") else ""
    return f"{label}({line_word.format(cell['line_no'])})"


def _value(cell: dict) -> str:
    return cell["raw_text"].strip()
