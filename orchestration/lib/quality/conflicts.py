"""Conflicts: one (entity, metric, period) printed with different values, and dates that cannot exist.

Two printings agree when the intervals their rounding allows overlap: 12.5 and 12.50 agree, 36.83 and
36.79 do not. Within one filing a conflict is severe (the filing contradicts itself); across filings it
may be a restatement, so it is reported with medium severity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from itertools import pairwise

from orchestration.lib.entities import Entity, Issuer, Printing, is_measure_word, printed_entity, resolve
from orchestration.lib.parsing.issuer_list_rows import ISSUER_ROW_LABEL
from orchestration.lib.quality.describe import describe
from orchestration.lib.quality.findings import FactRef, Finding, ref
from orchestration.lib.quality.precision import half_unit, intervals_overlap
from orchestration.lib.vocabulary.metrics import METRICS, metrics_in
from orchestration.lib.vocabulary.totals import GRAND_TOTAL_ROW
from orchestration.lib.vocabulary.units import to_wan_factor

# Metrics stated once for a project or an offering, not for a period: compared without one.
PERIODLESS_METRICS = frozenset(metrics_in("periodless"))
# Of these, the ones a project states: the issuer's fallback attribution of one says nothing about which.
PROJECT_METRICS = PERIODLESS_METRICS - {"proceeds_used"}
# Relative gap up to which two printings look like one number misprinted rather than two numbers.
NEAR_MISS = 0.25
_QUALIFIERS = {
    "gross": re.compile(r"余额"), "net": re.compile(r"账面价值|净额|净值"), "main": re.compile(r"主营"),
    "with_tax": re.compile(r"(?<!不)含税"), "without_tax": re.compile(r"不含税"),
    "half": re.compile(r"上半年|下半年"), "component": re.compile(r"费"), "average": re.compile(r"平均"), "cumulative": re.compile(r"累计"),
}
_SEGMENT_WORD = re.compile(r"(?:业务|服务|板块|分部)$")
_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日|(?P<sep>[-/])(?P<m2>\d{1,2})(?P=sep)(?P<d2>\d{1,2})(?!\d))"
)


def find_conflicts(facts: Iterable[dict]) -> list[Finding]:
    """Conflicts between printings of one key, and ambiguities between a peer and its own segment.
    Facts carry their canonical entity (`entity_key`, `entity_class`, `entity_name`: see
    `with_canonical_entities`); facts without one are read by rule alone."""
    facts = list(facts)
    peer_tables = {(f["filing_id"], f["table_id"]) for f in facts if f.get("table_id") and f.get("entity_kind") == "peer"}
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for fact in facts:
        key = conflict_key(fact, peer_tables)
        if key is not None:
            groups[key].append(fact)
    found = [finding for group in groups.values() for finding in _conflict(_identifying(group))]
    return [*found, *find_ambiguous_labels(groups), *find_issuer_business_ambiguities(groups, peer_tables)]


def with_canonical_entities(facts: list[dict], issuers: dict[str, Issuer]) -> list[dict]:
    """Each fact with its canonical entity: issuers maps filing_id to the issuer that filed it."""
    printings = [_printing(f, issuers) for f in facts]
    resolved = resolve(printings)
    return [
        {**fact, **_entity_columns(*resolved[(p.issuer.key, p.printed, p.kind)])}
        for fact, p in zip(facts, printings, strict=True)
    ]


def _printing(fact: dict, issuers: dict[str, Issuer]) -> Printing:
    issuer = issuers.get(fact["filing_id"]) or Issuer.of(fact.get("issuer") or fact["filing_id"])
    return Printing(
        issuer, fact.get("entity"), fact.get("entity_kind"), fact.get("table_id"), fact.get("table_header_label")
    )


def _entity_columns(entity: Entity, canonical: str) -> dict:
    return {"entity_key": entity.key, "entity_class": entity.kind, "entity_name": canonical}


def _canonical(fact: dict) -> tuple[str, str, str]:
    if "entity_key" in fact:
        return fact["entity_class"], fact["entity_key"], fact["entity_name"]
    entity = printed_entity(fact.get("entity"), fact.get("entity_kind"), Issuer.of(fact.get("issuer") or fact["filing_id"]))
    return entity.kind, entity.key, entity.name


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


def conflict_key(fact: dict, peer_tables: set[tuple[str, str]] = frozenset()) -> tuple | None:
    """What a fact states: who states it (the issuer of the filing: two issuers may segment or scope a
    peer differently), canonical entity, metric, period, the item of a breakdown, and a comparable unit.
    None for facts that state nothing comparable (unmapped, ambiguous, a periodic metric without period,
    a label that names no entity, a prose number whose subject is unproven: see subjects.py)."""
    metric, period = fact.get("metric"), fact.get("period")
    if metric is None or fact.get("ambiguous") or fact.get("doubtful"):
        return None
    if period is None and metric not in PERIODLESS_METRICS:
        return None
    kind, key, _ = _canonical(fact)
    if kind == "label" or (metric in PROJECT_METRICS and kind == "issuer"):
        return None
    issuer = fact.get("issuer") or fact["filing_id"]
    return (issuer, kind, key, _scope(fact, kind, peer_tables), metric, period, _item(fact), _qualifiers(fact),
            _unit_class(fact))


def _scope(fact: dict, kind: str, peer_tables: set[tuple[str, str]]) -> str | None:
    """The table a figure is only valid in: an average of peers (another table may average other peers),
    and the issuer's own row among peers (the table compares one business, which it may not name)."""
    if kind == "peer_aggregate":
        return fact.get("table_id")
    if kind == "issuer" and _among_peers(fact, peer_tables):
        return fact.get("table_id") or f"line {fact['line_no']}"
    return None


def _among_peers(fact: dict, peer_tables: set[tuple[str, str]]) -> bool:
    """A figure printed in a comparison with peers: in a peer table, or on a row labelled 发行人 (the
    issuer listed among other companies)."""
    return (fact["filing_id"], fact.get("table_id")) in peer_tables or _normalise(fact.get("row_label")) == ISSUER_ROW_LABEL


def _qualifiers(fact: dict) -> frozenset[str]:
    """Words in a label that make two figures of one metric different things: 账面余额 (gross) against
    账面价值 (net), 主营业务收入 against 营业收入, 含税 against 不含税, a half-year against the year, a cost
    component (硬件购置费) against the whole investment."""
    label = _normalise(" ".join(filter(None, [fact.get("label_zh"), fact.get("row_label"), fact.get("column_label")])))
    return frozenset(name for name, pattern in _QUALIFIERS.items() if pattern.search(label))


def _item(fact: dict) -> str:
    """The row of a breakdown (an investment item, an aging bucket) the value belongs to; empty when the
    row is the entity itself, the metric's own label, or a total."""
    label = _normalise(fact.get("row_label"))
    if not label or GRAND_TOTAL_ROW.match(label) or fact.get("label_is_subject"):
        return ""
    if label in (_normalise(fact.get("entity")), _canonical(fact)[2], ISSUER_ROW_LABEL) or is_measure_word(label):
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
    every line that printed each of them. Values far apart under one key are two different things the
    labels did not tell apart (a parser's reading, not the filing's contradiction): no finding."""
    for low, high in pairwise(_clusters(group)):
        # A 合计 row totals its own table, which may be a part of the entity's whole (the equipment table
        # of a project's investment): a value printed only as table totals is not the entity's figure.
        if all(_is_table_total(f) for f in low) or all(_is_table_total(f) for f in high):
            continue
        if _relative_gap(low, high) <= NEAR_MISS and _units_proven(low, high):
            yield conflict_finding(low, high)


def _units_proven(low: list[dict], high: list[dict]) -> bool:
    """Money printed with its unit and money whose unit was not printed on its line are compared only
    when a table gives the unit: a unitless number in prose may be anything (a ratio, a count)."""
    def proven(facts: list[dict]) -> bool:
        return any(f.get("unit") or f.get("table_id") for f in facts)
    return proven(low) and proven(high)


def _relative_gap(low: list[dict], high: list[dict]) -> float:
    a, b = _comparable(low[0])[0], _comparable(high[0])[0]
    return abs(b - a) / max(abs(a), abs(b)) if max(abs(a), abs(b)) else 0.0


def _is_table_total(fact: dict) -> bool:
    return bool(fact.get("table_id")) and bool(GRAND_TOTAL_ROW.match(_normalise(fact.get("row_label"))))


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


def conflict_finding(low: list[dict], high: list[dict], kind: str = "conflict") -> Finding:
    """A finding on two groups of printings: for a conflict the lower and the higher value, for an
    ambiguous label the whole company's and its segment's."""
    a, b = _comparable(low[0])[0], _comparable(high[0])[0]
    facts = sorted([*low, *high], key=lambda f: (f["filing_id"], f["line_no"], f["fact_id"]))
    # A filing that prints both values contradicts itself; values from different filings may be a restatement.
    one_filing = bool({f["filing_id"] for f in low} & {f["filing_id"] for f in high})
    _, _, name = _canonical(low[0])
    first = facts[0]
    severity = "high" if one_filing and kind == "conflict" else "medium"
    tolerance = _comparable(low[0])[1] + _comparable(high[0])[1]
    words = describe(kind, name, first, low, high, b - a, tolerance)
    return Finding(
        kind=kind, severity=severity, description=words[1], description_zh=words[0],
        refs=tuple(ref(f) for f in facts),
        entity=name, metric=first["metric"], period=first.get("period"),
        unit=_unit_class(first), expected=a, actual=b, gap=b - a, tolerance=tolerance,
        feeds_model=any(f.get("entity_kind") == "project" for f in facts),
    )


def find_ambiguous_labels(groups: dict[tuple, list[dict]]) -> list[Finding]:
    """A peer's figure printed for the peer in one table and for a segment of that peer in another
    (`ST银江` / `ST银江智慧城市业务`), with different values: whether the first is the company or the
    same segment the filing does not say. One finding per peer, segment and metric: the period with the
    largest gap, quoting every period's printings."""
    peers = sorted(((key, _identifying(group)) for key, group in groups.items() if key[1] == "peer"), key=lambda kv: str(kv[0]))
    # Only printings of the same figure pair up: comparing each peer with every other (of every issuer) grew
    # with the square of the filings.
    same_figure: dict[tuple, list[tuple[tuple, list[dict]]]] = defaultdict(list)
    for key, printed in peers:
        same_figure[_without_entity(key)].append((key, printed))
    pairs: dict[tuple, list[tuple[list[dict], list[dict]]]] = defaultdict(list)
    for whole_key, whole in peers:
        for part_key, part in same_figure[_without_entity(whole_key)]:
            if not (whole and part and _is_segment_of(_canonical(part[0])[2], _canonical(whole[0])[2])):
                continue
            if not _all_agree([whole[0], part[0]]) and _relative_gap(whole, part) <= NEAR_MISS:
                pairs[(whole_key[0], whole_key[2], part_key[2], whole_key[4])].append((whole, part))
    findings = []
    for printed in pairs.values():
        whole, part = max(printed, key=lambda pair: _relative_gap(*pair))
        finding = conflict_finding(whole, part, kind="ambiguous_label")
        others = tuple(ref(f) for w, p in printed if (w, p) != (whole, part) for f in (*w, *p))
        findings.append(replace(finding, refs=finding.refs + others))
    return findings


def find_issuer_business_ambiguities(groups: dict[tuple, list[dict]], peer_tables: set[tuple[str, str]]) -> list[Finding]:
    """The issuer's own figure in a comparison with peers (which compares one business it may not name)
    against the figure of one of its segments in another comparison with peers, for the same metric and
    period, with different values (`发行人 99263.88` / `301396算力业务 108426.86`): whether the first is
    the company's or that segment's the filing does not say. One finding per pair, quoting every printing."""
    among_peers: dict[tuple, list[dict]] = defaultdict(list)
    for key, group in groups.items():
        if key[1] == "issuer" and key[3] is not None:
            among_peers[_without_entity(key)].extend(_identifying(group))
    findings = []
    for key, group in groups.items():
        whole = among_peers.get(_without_entity(key))
        part = [f for f in _identifying(group) if (f["filing_id"], f.get("table_id")) in peer_tables]
        if key[1] != "segment" or not whole or not part or not _all_agree(whole) or not _all_agree(part):
            continue
        if _places(whole) & _places(group):
            continue  # a table that prints both the issuer and the segment tells them apart
        if not _all_agree([whole[0], part[0]]) and _relative_gap(whole, part) <= NEAR_MISS:
            findings.append(conflict_finding(whole, part, kind="ambiguous_label"))
    return findings


def _places(facts: list[dict]) -> set[tuple[str, str]]:
    return {(f["filing_id"], f["table_id"]) for f in facts if f.get("table_id")}


def _without_entity(key: tuple) -> tuple:
    """A conflict key without its entity: the issuer, metric, period, item, qualifiers and unit."""
    return key[:1] + key[4:]


def _is_segment_of(part: str, whole: str) -> bool:
    return len(whole) >= 2 and part.startswith(whole) and _SEGMENT_WORD.search(part[len(whole):]) is not None


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
                    description=f"The date {match.group(0)} printed on line {line_no} does not exist.",
                    description_zh=f"第{line_no}行印有的日期{match.group(0)}不存在。",
                    refs=(FactRef(filing_id, None, line_no, match.group(0), None, line.strip()),),
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
