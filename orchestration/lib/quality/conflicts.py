"""Conflicts: one (entity, metric, period) printed with different values, and dates that cannot exist.

Two printings agree when the intervals their rounding allows overlap: 12.5 and 12.50 agree, 36.83 and
36.79 do not. Within one filing a conflict is severe (the filing contradicts itself); across filings it
may be a restatement, so it is reported with medium severity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import pairwise

from orchestration.lib.quality.findings import FactRef, Finding, ref
from orchestration.lib.quality.precision import half_unit, intervals_overlap
from orchestration.lib.vocabulary.metrics import METRICS
from orchestration.lib.vocabulary.units import to_wan_factor

# Metrics that are stated once for a project or an offering, not for a period.
PERIODLESS_METRICS = frozenset({
    "investment_amount", "proceeds_used", "investment_share", "irr_pre_tax", "irr_post_tax", "npv",
    "payback_static", "payback_dynamic",
})
# Relative gap up to which two printings look like one number misprinted rather than two numbers.
NEAR_MISS = 0.25
_TOTAL_LABEL = re.compile(r"^\s*(合\s*计|总\s*计)")
_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日|(?P<sep>[-/])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})(?!\d))"
)


def find_conflicts(facts: Iterable[dict]) -> list[Finding]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for fact in facts:
        key = conflict_key(fact)
        if key is not None:
            groups[key].append(fact)
    return [finding for group in groups.values() for finding in _conflict(_identifying(group))]


def _identifying(group: list[dict]) -> list[dict]:
    """Drop the printings of a place (a table, or one prose line) that gives the key several values:
    there the key does not identify one number (rows the parser could not tell apart), so those values
    say nothing about a conflict with other places."""
    by_place: dict[tuple, list[dict]] = defaultdict(list)
    for fact in group:
        by_place[(fact["filing_id"], fact.get("table_id") or f"line {fact['line_no']}")].append(fact)
    kept = []
    for facts in by_place.values():
        if _all_agree(facts):
            kept.extend(facts)
    return kept


def _all_agree(facts: list[dict]) -> bool:
    values = [_comparable(f) for f in facts]
    return all(intervals_overlap(a, ea, b, eb) for i, (a, ea) in enumerate(values) for b, eb in values[i + 1:])


def conflict_key(fact: dict) -> tuple | None:
    """What a fact states: who states it (the issuer of the filing: two issuers may segment or scope a
    peer differently), entity, metric, period, the item of a breakdown, and a comparable unit. None for
    facts that state nothing comparable (unmapped, ambiguous, or a periodic metric without period)."""
    metric, period = fact.get("metric"), fact.get("period")
    if metric is None or fact.get("ambiguous") or (period is None and metric not in PERIODLESS_METRICS):
        return None
    entity = _normalise(fact.get("entity"))
    issuer = fact.get("issuer") or fact["filing_id"]
    return (issuer, entity, metric, period, _item(fact, entity), _unit_class(fact))


def _item(fact: dict, entity: str) -> str:
    """The row of a breakdown (an investment item, an aging bucket) the value belongs to; empty when the
    row is the entity itself, the metric's own label, or a total."""
    label = _normalise(fact.get("row_label"))
    if not label or _TOTAL_LABEL.match(label) or label == entity or label == _normalise(fact.get("label_zh")):
        return ""
    return label


def _unit_class(fact: dict) -> str:
    kind = METRICS[fact["metric"]][0]
    unit = fact.get("unit")
    if kind == "money" and (unit is None or to_wan_factor(unit) is not None):
        return "万元"
    if kind in ("pct", "ratio"):
        return "%"
    return unit or ""


def _comparable(fact: dict) -> tuple[float, float]:
    """Value and rounding error in the group's common unit (money in 万元)."""
    factor = to_wan_factor(fact.get("unit")) if METRICS[fact["metric"]][0] == "money" else None
    factor = factor or 1.0
    return fact["value"] * factor, half_unit(fact["raw_text"], fact.get("unit")) * factor


def _conflict(group: list[dict]) -> Iterator[Finding]:
    """One finding per pair of neighbouring value clusters, so each finding names two printed values and
    every line that printed each of them."""
    clusters = _clusters(group)
    for low, high in pairwise(clusters):
        # A 合计 row totals its own table, which may be a part of the entity's whole (the equipment table
        # of a project's investment): a value printed only as table totals is not the entity's figure.
        if not (all(_is_table_total(f) for f in low) or all(_is_table_total(f) for f in high)):
            yield _finding(low, high)


def _is_table_total(fact: dict) -> bool:
    return bool(fact.get("table_id")) and bool(_TOTAL_LABEL.match(_normalise(fact.get("row_label"))))


def _clusters(group: list[dict]) -> list[list[dict]]:
    """Printings grouped by agreeing value, in increasing order of value."""
    clusters: list[list[dict]] = []
    for fact in sorted(group, key=lambda f: _comparable(f)[0]):
        value, error = _comparable(fact)
        if clusters and any(intervals_overlap(*_comparable(other), value, error) for other in clusters[-1]):
            clusters[-1].append(fact)
        else:
            clusters.append([fact])
    return clusters


def _finding(low: list[dict], high: list[dict]) -> Finding:
    a, b = _comparable(low[0])[0], _comparable(high[0])[0]
    gap = b - a
    relative = gap / max(abs(a), abs(b))
    facts = sorted([*low, *high], key=lambda f: (f["filing_id"], f["line_no"]))
    first = facts[0]
    one_filing = len({f["filing_id"] for f in facts}) == 1
    # A near miss (192223.48 against 192023.48) is a misprint or a restatement; values far apart under one
    # key are more often two different things the labels did not tell apart.
    severity = ("high" if one_filing else "medium") if relative <= NEAR_MISS else "low"
    return Finding(
        kind="conflict", severity=severity,
        description=(
            f"{first.get('entity')} {first['metric']} {first.get('period') or ''} printed as "
            f"{low[0]['raw_text']} (lines {_lines(low)}) and {high[0]['raw_text']} (lines {_lines(high)})"
        ),
        refs=tuple(ref(f) for f in facts),
        entity=first.get("entity"), metric=first["metric"], period=first.get("period"),
        unit=_unit_class(first), expected=a, actual=b, gap=gap,
        tolerance=_comparable(low[0])[1] + _comparable(high[0])[1],
    )


def _lines(facts: list[dict]) -> str:
    return ", ".join(str(f["line_no"]) for f in sorted(facts, key=lambda f: f["line_no"]))


def find_invalid_dates(filing_id: str, text: str) -> list[Finding]:
    """Dates printed as 2023年2月30日, 2023-13-01 or 2023/4/31 that no calendar has."""
    findings = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        for match in _DATE.finditer(line):
            year = int(match["y"])
            month, day = int(match["m1"] or match["m2"]), int(match["d1"] or match["d2"])
            if not _exists(year, month, day):
                findings.append(Finding(
                    kind="invalid_date", severity="high",
                    description=f"the date {match.group(0)} does not exist",
                    refs=(FactRef(filing_id, None, line_no, match.group(0), None),),
                ))
    return findings


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _normalise(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")
