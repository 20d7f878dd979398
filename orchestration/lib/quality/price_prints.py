"""Prices a filing prints in two passages one digit apart: a contract's price restated with a misprint.

A reply states a contract's prices where it lists the contract (第一批124台…均为78200元/月/台,组网配套638900元/
月/套) and again where it compares the contract with the supplier's (组网配套:648900元/月/套). Two prints in two
passages of one filing, with the same number of digits and differing in one digit only, each before a price
unit that fits the other's, are one price printed twice with a misprint, or two prices of different items that
happen to be close. Within one passage (a table of a contract's prices, 50000 / 51000 元/月/台) close prices are
different items, so only prints of different passages are paired.

When both prints carry the same whole unit and the same label, they are one figure: a ``conflict``. When a
print's unit is torn (its words set elsewhere on the line by the extraction: 638900元/, 648900//) or the labels
differ, nothing the parser can read says which item each prices: an ``ambiguous_label`` for a reviewer to settle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from orchestration.lib.quality.findings import Finding, ref
from orchestration.lib.quality.precision import half_unit
from orchestration.lib.vocabulary.units import BY_SYMBOL

_MIN_DIGITS = 4  # a one-digit gap between shorter numbers (5.77 / 5.78) is as likely two close prices
_PER_SHARE = "/股"  # a share's prices (issue, closing, exercise) are many figures, no contract's one
_TORN = re.compile(r"(?P<money>[万亿]?元)?/+$")  # the part of a price unit printed after the number


def find_misprinted_prices(facts: Iterable[dict]) -> list[Finding]:
    """One finding per pair of price prints in two passages of one filing that differ in one digit."""
    by_filing: dict[str, list[tuple[dict, str]]] = {}
    for fact in facts:
        unit = _price_unit(fact)
        if unit is not None and fact.get("section_id") and len(_digits(fact)) >= _MIN_DIGITS:
            by_filing.setdefault(fact["filing_id"], []).append((fact, unit))
    findings = []
    for prints in by_filing.values():
        for index, (first, first_unit) in enumerate(prints):
            for second, second_unit in prints[index + 1 :]:
                if _one_digit_apart(first, second) and _units_fit(first_unit, second_unit):
                    findings.append(_finding(first, first_unit, second, second_unit))
    return findings


def _price_unit(fact: dict) -> str | None:
    """The price unit a print stands before: its whole unit, or the torn part printed after the number."""
    unit = BY_SYMBOL.get(fact.get("unit") or "")
    if unit is not None and unit.kind == "price":
        return None if unit.symbol.endswith(_PER_SHARE) else unit.symbol
    torn = _TORN.search(fact["raw_text"].rstrip()) if fact.get("ambiguous") and fact.get("unit") is None else None
    return torn.group(0) if torn else None


def _digits(fact: dict) -> str:
    number = _TORN.sub("", fact["raw_text"].strip())
    return re.sub(r"\D", "", number)


def _one_digit_apart(first: dict, second: dict) -> bool:
    a, b = _digits(first), _digits(second)
    other_passage = first["section_id"] != second["section_id"]
    return other_passage and len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _units_fit(first: str, second: str) -> bool:
    """Whole units fit when equal; a torn one when the whole one starts with its money unit and has at least
    its slashes (元/ fits 元/月/套, // fits any price per two things)."""
    if first in BY_SYMBOL and second in BY_SYMBOL:
        return first == second
    torn, other = (first, second) if first not in BY_SYMBOL else (second, first)
    money = _TORN.match(torn).group("money") or ""
    if other in BY_SYMBOL:
        return other.startswith(money) and other.count("/") >= torn.count("/")
    other_money = _TORN.match(other).group("money") or ""
    return not money or not other_money or money == other_money


def _finding(first: dict, first_unit: str, second: dict, second_unit: str) -> Finding:
    whole = first_unit in BY_SYMBOL and second_unit in BY_SYMBOL
    same_figure = whole and first.get("label_zh") and first.get("label_zh") == second.get("label_zh")
    kind = "conflict" if same_figure else "ambiguous_label"
    gap = abs(second["value"] - first["value"])
    tolerance = half_unit(first["raw_text"]) + half_unit(second["raw_text"])
    unit = first_unit if whole else next((u for u in (first_unit, second_unit) if u in BY_SYMBOL), None)
    a, b = f"{first['raw_text'].strip()} (第{first['line_no']}行)", f"{second['raw_text'].strip()} (第{second['line_no']}行)"
    if kind == "conflict":
        zh = f"同一价格({first['label_zh']})印为{a}与{b},仅一位数字不同,相差{gap:g}。"
        en = f"One price ({first['label_zh']}) is printed as {a} and as {b}: one digit apart, a gap of {gap:g}."
    else:
        zh = (f"两处价格印为{a}与{b},仅一位数字不同,相差{gap:g};单位或项目在提取文本中被拆散,"
              f"文件未能证明两者是否为同一合同同一项目的价格,疑为笔误。")
        en = (f"Two prices printed as {a} and {b} differ in one digit only (gap {gap:g}); their unit or item is torn "
              f"apart in the text, so whether both price the same item of one contract is not proven: likely a misprint.")
    return Finding(
        kind=kind, severity="high" if kind == "conflict" else "medium", description=en, description_zh=zh,
        refs=(ref(first), ref(second)), entity=first.get("entity"), metric=first.get("metric") or second.get("metric"),
        period=None, unit=unit, expected=first["value"], actual=second["value"], gap=gap, tolerance=tolerance,
    )
