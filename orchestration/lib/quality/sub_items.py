"""The sub-businesses a segment table details under 其中, and the figures printed about them elsewhere.

A table by product prints a segment, then ``其中:机柜租用`` and more rows that detail it, then the next
segment and its details. Two segments may have sub-businesses of one name (带宽租用 under IDC服务 and
under 云计算服务): each is its parent's, so the name printed twice is qualified by its parent
(``IDC服务带宽租用``). A figure printed elsewhere for "带宽销售" (a table row 带宽销售毛利率, a sentence
"公司带宽销售毛利率提升至19.27%") in a part of the filing headed by a segment is about that segment's
sub-business of the same stem (带宽), when exactly one has it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from orchestration.lib.quality.subjects import heading_segment, named_entities, text_before
from orchestration.lib.vocabulary.totals import OF_WHICH_ROW, TOTAL_ROW

_SPACE = re.compile(r"\s+")
# A business named by what it trades and how: 带宽 + 租用/销售.
_TRADE = re.compile(r"(?P<stem>[^\W\d_]{2,}?)(?:销售|采购|租用|租赁)")
_CLAUSE = re.compile(r"[,，;；。、:：]")
_PROSE_SUBJECT = re.compile(r"(?:公司|发行人)?(?P<label>[^\W\d_]+)$")


@dataclass(frozen=True, slots=True)
class Detail:
    """A row under a 其中 row: whose detail it is, and what it is called."""

    parent_key: str
    parent_name: str
    label: str


@dataclass(frozen=True, slots=True)
class SubItem:
    label: str
    entity: tuple[str, str, str]  # entity_class, entity_key, entity_name


def with_sub_items(facts: list[dict]) -> list[dict]:
    """Facts with repeated sub-businesses qualified by their parent, and figures about a sub-business
    printed elsewhere given to it."""
    blocks = _blocks(facts)
    facts = [_qualified(f, blocks) for f in facts]
    known = _sub_items_by_parent(facts, blocks)
    names = named_entities(facts)
    return [_linked(f, known, names.get(_issuer(f), {})) for f in facts]


def _blocks(facts: list[dict]) -> dict[tuple[str, str], dict[int, Detail]]:
    """Per table: each detail row's line -> its parent segment and its own label without 其中."""
    rows: dict[tuple[str, str], dict[int, dict]] = defaultdict(dict)
    for fact in facts:
        if fact.get("table_id") and fact.get("row_label"):
            rows[(fact["filing_id"], fact["table_id"])].setdefault(fact["line_no"], fact)
    return {table: _detail_rows(lines) for table, lines in rows.items()}


def _detail_rows(lines: dict[int, dict]) -> dict[int, Detail]:
    ordered = [lines[n] for n in sorted(lines)]
    parents = {i - 1 for i, row in enumerate(ordered) if i and OF_WHICH_ROW.match(row["row_label"])}
    details: dict[int, Detail] = {}
    parent: dict | None = None
    for index, row in enumerate(ordered):
        if index in parents or TOTAL_ROW.match(row["row_label"]):
            parent = row if index in parents else None
        elif parent is not None and parent.get("entity_class") == "segment":
            details[row["line_no"]] = Detail(parent["entity_key"], parent["entity_name"], _label(row["row_label"]))
    return details


def _label(row_label: str) -> str:
    return _SPACE.sub("", OF_WHICH_ROW.sub("", row_label))


def _qualified(fact: dict, blocks: dict) -> dict:
    """A detail row whose label the table prints under two parents: its parent's."""
    details = blocks.get((fact["filing_id"], fact.get("table_id")), {})
    detail = details.get(fact["line_no"])
    if detail is None or sum(other.label == detail.label for other in details.values()) < 2:
        return fact
    key, name = f"{detail.parent_key}{detail.label}", f"{detail.parent_name}{detail.label}"
    return {**fact, "entity_class": "segment", "entity_key": key, "entity_name": name, "reattributed": True}


def _sub_items_by_parent(facts: list[dict], blocks: dict) -> dict[tuple[str, str], list[SubItem]]:
    """Per (issuer, parent segment key): its sub-businesses, one per label."""
    known: dict[tuple[str, str], dict[str, SubItem]] = defaultdict(dict)
    for fact in facts:
        detail = blocks.get((fact["filing_id"], fact.get("table_id")), {}).get(fact["line_no"])
        if detail is not None and fact.get("entity_class") == "segment":
            entity = (fact["entity_class"], fact["entity_key"], fact["entity_name"])
            known[(_issuer(fact), detail.parent_key)][detail.label] = SubItem(detail.label, entity)
    return {key: list(items.values()) for key, items in known.items()}


def _linked(fact: dict, known: dict[tuple[str, str], list[SubItem]], names: dict[str, tuple[str, str, str]]) -> dict:
    parent_key = _parent_of(fact, names)
    label = _subject_label(fact)
    if parent_key is None or label is None:
        return fact
    stem = _stem(label)
    matches = [item for item in known.get((_issuer(fact), parent_key), []) if stem and _stem(item.label) == stem]
    if len(matches) != 1:
        return fact
    kind, key, name = matches[0].entity
    # The row's label names the sub-business (带宽销售毛利率): it is no item of a breakdown.
    return {**fact, "entity_class": kind, "entity_key": key, "entity_name": name, "reattributed": True, "label_is_subject": True}


def _parent_of(fact: dict, names: dict[str, tuple[str, str, str]]) -> str | None:
    """The segment a figure is printed under: its table's (a table headed by a segment), or the heading
    of the part of the filing a prose number the issuer got by default stands in."""
    if fact.get("entity_class") == "segment" and fact.get("table_id"):
        return fact["entity_key"]
    if fact.get("entity_class") == "issuer" and not fact.get("table_id") and fact.get("period"):
        found = heading_segment(fact, names)
        return found[1] if found else None
    return None


def _subject_label(fact: dict) -> str | None:
    """What a figure is said of: its row's label in a table, the words of its clause before it in prose."""
    if fact.get("table_id"):
        return _SPACE.sub("", fact.get("row_label") or "") or None
    match = _PROSE_SUBJECT.search(_CLAUSE.split(text_before(fact))[-1])
    return match["label"] if match else None


def _stem(label: str) -> str | None:
    match = _TRADE.match(label)
    return match["stem"] if match else None


def _issuer(fact: dict) -> str:
    return fact.get("issuer") or fact["filing_id"]
