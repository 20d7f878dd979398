"""Who a prose number is about when the parser could only default it to the issuer.

A sentence such as "2022 年 IDC 收入略有下滑,…,毛利率则提升至 14.70%" names its subject far from the
number, so the parser falls back to the issuer. Compared with the issuer's own figures such a number
makes false conflicts (the IDC segment's margin against the company's). The rule: a default-attributed
prose number whose sentence, up to the number, names exactly one other entity of the issuer (one of its
segments, by any printed variant) is that entity's; one that names another kind of subject (a
subsidiary, a customer, a peer, a project, or several segments) is nobody's we can prove, and is left
out of the comparison.
"""

from __future__ import annotations

import re
from collections import defaultdict

# Words that make a sentence about someone other than the company as a whole.
_OTHER_SUBJECT = re.compile(
    r"子公司|分公司|客户|供应商|(?:该|此|上述|本|募投|前次)项目|可比公司|同行业|同类|竞争对手|分别实现|下属"
)
_SPACE = re.compile(r"\s+")
_SEGMENT_SUFFIX = re.compile(r"(?:业务|服务|板块)$")
_CLOSER = re.compile(r"[。;；]")
_HEADING = re.compile(r"^(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[①-⑩]|[A-Z][.、])")


def reattribute_prose(facts: list[dict]) -> list[dict]:
    """Facts with default-attributed prose numbers re-attributed or marked `doubtful`, and table cells
    the issuer got by default given the segment their table is headed by; others unchanged."""
    names = named_entities(facts)
    def of(fact: dict) -> dict[str, tuple[str, str, str]]:
        return names.get(fact.get("issuer") or fact["filing_id"], {})
    return [
        _reattributed(f, of(f)) if _defaulted(f) else _headed(f, of(f)) if _table_default(f) else f
        for f in facts
    ]


def _table_default(fact: dict) -> bool:
    return bool(fact.get("table_id")) and fact.get("entity_class") == "issuer"


def _headed(fact: dict, names: dict[str, tuple[str, str, str]]) -> dict:
    """A table whose caption, or else whose section's title, is in full the name of one of the issuer's
    segments ("3)智慧城市及其他业务", "② 云计算服务") is that segment's table."""
    found = heading_segment(fact, names)
    if found is None:
        return fact
    kind, key, canonical = found
    return {**fact, "entity_class": kind, "entity_key": key, "entity_name": canonical, "reattributed": True}


def heading_segment(fact: dict, names: dict[str, tuple[str, str, str]]) -> tuple[str, str, str] | None:
    """The segment the caption of a fact's table, or else the title of its section, names in full."""
    for heading in (fact.get("table_title"), fact.get("section_title")):
        name = _HEADING.sub("", _SPACE.sub("", heading or "")).rstrip(":：")
        found = names.get(name) or names.get(_SEGMENT_SUFFIX.sub("", name))
        if (found is None or found[0] != "segment") and _SEGMENT_SUFFIX.search(name) and len(name) > 3:
            found = ("segment", _SEGMENT_SUFFIX.sub("", name), name)  # a business named by its heading only
        if found is not None and found[0] == "segment":
            return found
    return None


def _defaulted(fact: dict) -> bool:
    """A prose number of a period (a business's performance) that only the fallback gave the issuer.
    Numbers without a period (proceeds, a project's investment) belong to the offering, whose projects
    a sentence names as a matter of course. A number on a row labelled for the issuer (发行人 in a list of
    companies) was given it by its row, not by the fallback."""
    return (not fact.get("table_id") and not fact.get("row_label") and fact.get("entity_class") == "issuer"
            and bool(fact.get("line_text")) and fact.get("period") is not None)


def named_entities(facts: list[dict]) -> dict[str, dict[str, tuple[str, str, str]]]:
    """Per issuer: each printed variant (and key) of its non-issuer entities -> (kind, key, canonical)."""
    names: dict[str, dict[str, tuple[str, str, str]]] = defaultdict(dict)
    for fact in facts:
        kind = fact.get("entity_class")
        if kind in (None, "issuer", "label", "market", "peer_aggregate"):
            continue
        issuer = fact.get("issuer") or fact["filing_id"]
        entity = (kind, fact["entity_key"], fact["entity_name"])
        for variant in {fact["entity_key"], fact["entity_name"]}:
            if len(variant) >= 2:
                names[issuer][variant] = entity
    return names


def _reattributed(fact: dict, names: dict[str, tuple[str, str, str]]) -> dict:
    before = text_before(fact)
    if _OTHER_SUBJECT.search(before):
        return {**fact, "doubtful": True}
    named = {names[variant] for variant in names if variant in before}
    # A variant inside a longer named variant ("IDC" in "IDC服务") is the same mention.
    if len({(kind, key) for kind, key, _ in named}) != 1:
        return {**fact, "doubtful": True} if named else fact
    kind, key, canonical = named.pop()
    if kind != "segment":
        return {**fact, "doubtful": True}
    return {**fact, "entity_class": kind, "entity_key": key, "entity_name": canonical, "reattributed": True}


def text_before(fact: dict) -> str:
    """The previous printed line and this line up to the number: the sentence's subject is there."""
    line = fact["line_text"]
    at = line.find(fact["raw_text"].strip())
    here = line[: at if at >= 0 else len(line)]
    return _SPACE.sub("", _open_sentence(fact.get("previous_line") or "") + here)


def _open_sentence(line: str) -> str:
    """The part of the previous line that the number's sentence began in: nothing after a closed
    sentence, nothing from a heading."""
    if _HEADING.match(line.strip()):
        return ""
    return _CLOSER.split(line)[-1]
