"""Canonical entities: who a printed number is about, one name for all the ways a filing prints it.

A filing prints one segment as `IDC服务` in its revenue table, `首都在线-IDC业务` in a comparison with
peers and `IDC业务` in prose; all three are the issuer's IDC segment. The rules, none keyed to a company:

- whitespace, an enumerator (`其中:`, `1、`, `(1)`) and a stock code go; a stock code that is the issuer's
  own, or a prefix that is the issuer's name, makes the rest the issuer's (an issuer lists itself among
  its peers), and nothing left means the issuer itself;
- a name ending in 业务, 服务 or 板块 is keyed without that ending, so `IDC服务` and `IDC业务` are one
  entity, unless one table prints both as rows of their own (then the filing distinguishes them);
- customers (`X公司及其子公司`, `客户一`, `第一名`) and suppliers (`供应商A`) are never segments, nor is a
  name the filings print as a peer; a peer row calling the company 公司 or 发行人 is the issuer's;
- a label (`主营业务毛利率`, `合计`) is never an entity, and an average or median of peers
  (`可比公司平均值`) is only the figure of its own table, whose peer set another table need not share.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

# Kinds an entity can have; the parser's entity_kind values plus what canonicalization tells apart.
ENTITY_KINDS = (
    "issuer", "segment", "project", "peer", "peer_aggregate", "customer", "supplier", "counterparty", "market", "label",
)

_SPACE = re.compile(r"\s+")
_ENUMERATOR = re.compile(r"^(?:其中[:：]?|[%％]?\d{1,2}[、.．](?!\d)|[(（]\d{1,2}[)）]|[①-⑩]|[一二三四五六七八九十]+[、.])")
_STOCK_CODE = re.compile(r"(?<!\d)(?P<code>\d{6})(?:\.(?:SZ|SH|BJ))?(?!\d)", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[-—–·_:：]+|^的")
# How a filing names its issuer among its peers (公司 5G 新基建: the company's own 5G business).
_SELF_REFERENCE = re.compile(r"^(?:本公司|公司|发行人)")
_SUFFIX = re.compile(r"(?:业务|服务|板块)$")
_CUSTOMER = re.compile(
    r"(?:及其(?:子公司|关联方|下属|控制)|^客户[一二三四五六七八九十\dA-Z]+$|^第[一二三四五六七八九十]+名$|^[A-Z]公司$)"
)
_SUPPLIER = re.compile(r"^供应商[一二三四五六七八九十\dA-Z]+$")
# A company named in full in the issuer's own filing is a customer, a supplier, a subsidiary or an investee:
# a counterparty, never a segment.
_COMPANY = re.compile(r"(?:有限公司|有限责任公司|集团公司|分公司|研究院|研究所)$")
# Words that make a row or a mention name a period, a total or the company's main business as a whole
# (主营业务; a row 其他 or 其他业务 of a table by business is the residual segment).
_NOT_AN_ENTITY = re.compile(
    r"(?:^(?:第?[一二三四1-4]季度|上半年|下半年|全年|当期.*|报告期.*|(?:本|该|此|同|上述)类.*)$|主营业务|(?:合计|小计|总计)$)"
)
# 非智算业务 is the complement of 智算业务, not a mention of it; "并为其在贡献算力服务业务" is someone
# else's (其: its) business, never a segment of the issuer.
_NEGATION = re.compile(r"[非除]$|[其该他]")
_SOMEONE_ELSES = re.compile(r"[其该他]")
# The header of a table's label column that says its rows are customers or suppliers (客户名称, 供应商名称).
_COUNTERPARTY_HEADER = {"customer": re.compile(r"客户"), "supplier": re.compile(r"供应商")}
_AGGREGATE = re.compile(r"(?:平均值|平均数|中位数|均值|行业平均|可比公司平均)$")
# A label names a measure or a total, not who it is about: `主营业务毛利率`, `合计`, `收入占比`.
_MEASURE_WORD = re.compile(
    r"^(?:合计|小计|总计|项目|名称|指标|类别|未披露|"
    r"(?:主营业务|其他业务|综合|整体|营业|公司)?(?:毛利率|毛利|收入|营业收入|成本|营业成本|占比|比例|增速|变动幅度))$"
)
_MEASURE_END = re.compile(r"(?:率|数量|单价|价格|金额|余额|费用|成本|收入|毛利|占比|比重|幅度|天数|损失|利润)$")
# A unit in parentheses after a row label ("机柜销售数量(万个*月)", "速动比率(倍)") says it names a measure.
_UNIT_NOTE = re.compile(r"[(（][^)）]*[)）]$")


@dataclass(frozen=True, slots=True)
class Issuer:
    """The names an issuer goes by in its own filings."""

    key: str  # stock code, else company name, else filing id: the scope every other entity lives in
    names: tuple[str, ...]  # short and full name, longest first
    stock_code: str | None = None

    @classmethod
    def of(cls, key: str, *names: str | None, stock_code: str | None = None) -> Issuer:
        cleaned = {_SPACE.sub("", n) for n in names if n and _SPACE.sub("", n)}
        return cls(key, tuple(sorted(cleaned, key=lambda n: (-len(n), n))), stock_code)


@dataclass(frozen=True, slots=True)
class Entity:
    issuer: str
    kind: str
    key: str  # what makes two printed names one entity, within the issuer
    name: str  # the printed name with noise removed (canonical names are chosen among these)


def printed_entity(printed: str | None, kind: str | None, issuer: Issuer) -> Entity:
    """One printed name read by rule alone (no other printings consulted)."""
    name = _clean(printed or "")
    own, name = _strip_issuer(name, issuer)
    if not own and kind == "peer":
        own, name = _strip_self_reference(name)
    if not name:
        return Entity(issuer.key, "issuer", "", issuer.names[-1] if issuer.names else issuer.key)
    kind = _kind(name, kind, own)
    return Entity(issuer.key, kind, _segment_key(name) if kind == "segment" else name, name)


def _segment_key(name: str) -> str:
    """`算力服务业务`, `算力服务` and `算力业务` key alike: every trailing 业务/服务/板块 goes, while two
    characters remain."""
    while len(stripped := _SUFFIX.sub("", name)) >= 2 and stripped != name:
        name = stripped
    return name


def _clean(name: str) -> str:
    name = _SPACE.sub("", name)
    while (stripped := _ENUMERATOR.sub("", name)) != name:
        name = stripped
    return name


def _strip_issuer(name: str, issuer: Issuer) -> tuple[bool, str]:
    """Whether the name is the issuer's own, and what is left once the issuer's code or name is gone."""
    own = False
    code = _STOCK_CODE.search(name)
    if code is not None:
        own = code["code"] == issuer.stock_code
        name = (name[: code.start()] + name[code.end():]).strip()
    for alias in issuer.names:
        if name.startswith(alias):
            return True, _SEPARATOR.sub("", name[len(alias):])
        if own and alias in name:
            return True, _SEPARATOR.sub("", name.replace(alias, "", 1))
    return own, name


def _strip_self_reference(name: str) -> tuple[bool, str]:
    """A row among peers that calls the company 公司 or 发行人 is the issuer's, or its business's."""
    found = _SELF_REFERENCE.match(name)
    return (True, _SEPARATOR.sub("", name[found.end():])) if found else (False, name)


def _kind(name: str, printed_kind: str | None, own: bool) -> str:
    if printed_kind == "issuer" and not own:
        return "issuer"  # the parser's issuer under a name the filing's metadata does not give
    if _CUSTOMER.search(name) or printed_kind == "customer":
        return "customer"
    if _SUPPLIER.search(name) or printed_kind == "supplier":
        return "supplier"
    if _AGGREGATE.search(name):
        return "peer_aggregate"
    if is_label(name) or _NOT_AN_ENTITY.search(name):
        return "label"
    if _COMPANY.search(name) and printed_kind not in ("project", "peer"):
        return "counterparty"
    if own:
        return "segment"
    return printed_kind or "segment"


def is_label(name: str | None) -> bool:
    """A row label that names a measure or a total rather than who the number is about."""
    cleaned = _clean(name or "")
    bare = _UNIT_NOTE.sub("", cleaned)
    return bare != cleaned or bool(_MEASURE_WORD.search(bare) or _MEASURE_END.search(bare))


def is_measure_word(name: str | None) -> bool:
    """A row label that is only the measure's own word (`毛利率`, `营业收入(万元)`, `合计`): it names
    neither an entity nor an item of a breakdown."""
    return bool(_MEASURE_WORD.search(_UNIT_NOTE.sub("", _clean(name or ""))))


@dataclass(frozen=True, slots=True)
class Printing:
    """A printed entity name where it was printed: the table tells whether a filing distinguishes names."""

    issuer: Issuer
    printed: str | None
    kind: str | None
    table_id: str | None = None
    header_label: str | None = None  # the header over the table's label column (客户名称: its rows are customers)


def entity_id(entity: Entity) -> str:
    """The stable key of an entity in the warehouse: issuer/kind/key."""
    return f"{entity.issuer}/{entity.kind}/{entity.key}"


def resolve(printings: Iterable[Printing]) -> dict[tuple[str, str | None, str | None], tuple[Entity, str]]:
    """(issuer key, printed name, printed kind) -> (entity, canonical name).

    Names keyed alike are one entity, except where one table prints two of them as separate rows. The
    canonical name is the variant printed in most places (a table, or prose; ties: the shorter, then the
    first in code order), so the warehouse's list of entities and the findings name an entity alike.
    """
    printings = list(dict.fromkeys(printings))
    read = {(p.issuer.key, p.printed, p.kind): printed_entity(p.printed, p.kind, p.issuer) for p in printings}
    read |= _counterparties_by_header(printings, read)
    read |= _peers_by_name(read)
    split = _distinguished(printings, read)
    entities = {
        at: entity if (entity.issuer, entity.kind, entity.key) not in split else _unmerged(entity)
        for at, entity in read.items()
    }
    entities = _trimmed_to_known_segments(entities)
    counts: dict[tuple, Counter] = defaultdict(Counter)
    for p in printings:
        entity = entities[(p.issuer.key, p.printed, p.kind)]
        counts[(entity.issuer, entity.kind, entity.key)][entity.name] += 1
    canonical = {
        group: min(names, key=lambda n: (-names[n], len(n), n)) for group, names in counts.items()
    }
    return {at: (e, canonical[(e.issuer, e.kind, e.key)]) for at, e in entities.items()}


def _counterparties_by_header(printings: list[Printing], read: dict) -> dict:
    """A name read as a segment is a customer (a supplier) where a table lists it under a label-column
    header that says its rows are customers (客户名称) or suppliers: 中国联通 in a table of 智算业务 customers."""
    found = {}
    for p in printings:
        at = (p.issuer.key, p.printed, p.kind)
        for kind, header in _COUNTERPARTY_HEADER.items():
            if read[at].kind == "segment" and header.search(p.header_label or ""):
                found[at] = Entity(read[at].issuer, kind, read[at].name, read[at].name)
    return found


def _peers_by_name(read: dict) -> dict:
    """A name read as a segment only by default is a peer where the issuer's filings print the same name
    as a peer: 润建股份 in a table of quarterly revenue the parser did not see as a comparison with peers."""
    peers = {(entity.issuer, entity.name) for entity in read.values() if entity.kind == "peer"}
    return {
        at: Entity(entity.issuer, "peer", entity.name, entity.name)
        for at, entity in read.items()
        if entity.kind == "segment" and at[2] == "segment" and (entity.issuer, entity.name) in peers
    }


def _trimmed_to_known_segments(entities: dict) -> dict:
    """A segment name that ends with another segment's printed name of the same issuer (one ending in
    业务/服务/板块) is that segment read with words of its sentence in front (`当年算力服务业务`,
    `低于公司智算业务`): the longest such ending names it; `非智算业务` is the complement, not a mention."""
    known: dict[str, dict[str, Entity]] = {}
    for entity in entities.values():
        if entity.kind == "segment":
            known.setdefault(entity.issuer, {})[entity.name] = entity
    def trimmed(entity: Entity) -> Entity:
        if entity.kind != "segment":
            return entity
        endings = [name for name in known.get(entity.issuer, {}) if name != entity.name and len(name) >= 3
                   and _SUFFIX.search(name) and entity.name.endswith(name)
                   and not _NEGATION.search(entity.name[: -len(name)])]
        if endings:
            return known[entity.issuer][max(endings, key=len)]
        if _names_someone_elses_segment(entity, known.get(entity.issuer, {})):
            return Entity(entity.issuer, "counterparty", entity.name, entity.name)
        return entity
    return {at: trimmed(entity) for at, entity in entities.items()}


def _names_someone_elses_segment(entity: Entity, known: dict[str, Entity]) -> bool:
    """`并为其在贡献算力服务业务`: a known segment's name after words saying it is another's (其, 该, 他)."""
    return any(
        name != entity.name and len(name) >= 3 and _SUFFIX.search(name) and entity.name.endswith(name)
        and _SOMEONE_ELSES.search(entity.name[: -len(name)])
        for name in known
    )


def _distinguished(printings: list[Printing], read: dict) -> set[tuple[str, str, str]]:
    """Keys under which one table prints two different names: the filing tells those names apart."""
    names_in_table: dict[tuple, set[str]] = defaultdict(set)
    for p in printings:
        if p.table_id is None:
            continue
        entity = read[(p.issuer.key, p.printed, p.kind)]
        names_in_table[(entity.issuer, entity.kind, entity.key, p.table_id)].add(entity.name)
    return {group[:3] for group, names in names_in_table.items() if len(names) > 1}


def _unmerged(entity: Entity) -> Entity:
    return Entity(entity.issuer, entity.kind, entity.name, entity.name)
