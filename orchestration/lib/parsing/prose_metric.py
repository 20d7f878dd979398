"""Which metric a number stated in prose takes from its label and its unit, and when its unit alone
makes it a fact (money, a share, a count of things, a price; years only of a life or a term)."""

from __future__ import annotations

import re

from orchestration.lib.parsing.metrics import map_metric, price_named_by_unit
from orchestration.lib.parsing.prose_context import clause_of
from orchestration.lib.parsing.prose_numbers import is_per_unit
from orchestration.lib.vocabulary.metrics import PER_SERVER_MONTH, metric_unit_kind
from orchestration.lib.vocabulary.units import (
    MONEY_UNITS,
    PROSE_COUNT_UNITS,
    PROSE_UNITS,
    STANDALONE_UNITS,
    units_of_kind,
)

_YEAR_UNIT_METRICS = frozenset({"payback_static", "payback_dynamic"})
_UNITS_OF_KIND = {
    "money": MONEY_UNITS,
    "pct": units_of_kind("pct") & frozenset(PROSE_UNITS),
    "count": PROSE_COUNT_UNITS,
    "price": MONEY_UNITS,
}
# Units that are facts only with a word saying what they count or last: "折旧年限为5年", "3个项目".
_DURATION_WORDS = re.compile(r"年限|期限|周期|寿命|工期|折旧|摊销|使用期|建设期|计算期|运营期|服务期|付款期")
# A clause changing a figure named before it: "…后变更为3-10年", "调整为5年".
_CHANGED_TO = re.compile(r"(?:变更|调整|改|延长|缩短)(?:为|至)\s*$")
_DURATION_AFTER_CHARS = 6  # "按5年计提折旧": the word may follow the number
_COUNTED_AFTER_GE = re.compile(r"(?!工作日|日历|自然日|月|季度|百分点|小时|交易日)[\u4e00-\u9fff]")
_NAMED_SHARE = re.compile(r"[\u4e00-\u9fff]{1,8}占比")
_TOTAL_WORD = re.compile(r"^(?:合计|共计|总计|小计)$")
SHARE_WORD = re.compile(r"^(?:占比|比例|比重)$")
SHARE_OF = {"revenue": "revenue_share", "investment_amount": "investment_share"}
NOUN_AFTER_CHARS = 12
_NOUN_AFTER = re.compile(rf"[^，,。；;、]{{0,{NOUN_AFTER_CHARS}}}")
_COUNT_NOUNS = {"台": re.compile(r"服务器"), "P": re.compile(r"算力"), "PFLOPS": re.compile(r"算力"), "EFLOPS": re.compile(r"算力")}
_COUNT_METRIC = {"台": "server_count", "P": "compute_power", "PFLOPS": "compute_power", "EFLOPS": "compute_power"}


def stands_alone(unit: str, before: str, after: str) -> bool:
    """A number is a fact without a named metric when its unit says what it is: money, a share, a
    count of things, a price per thing; a number of years when its clause names a life or a term, or
    changes one the words before it named (折旧年限为5-10年，…后变更为3-10年); a count in 个 of a thing
    (not 5个工作日)."""
    if unit in STANDALONE_UNITS or is_per_unit(unit):
        return True
    clause = clause_of(before)
    if unit == "年":
        changed = _CHANGED_TO.search(clause) and _DURATION_WORDS.search(before)
        return bool(_DURATION_WORDS.search(clause) or _DURATION_WORDS.search(after, 0, _DURATION_AFTER_CHARS) or changed)
    return unit == "个" and bool(_COUNTED_AFTER_GE.match(after))


def per_unit_metric(metric: str | None, unit: str, label: str) -> str | None:
    """A price's unit may say more than its words: 价格 in 元/月/台 is a server's monthly rent, and a
    cost line its own label names, in 万元/台/月, is that cost per server-month (not a 合计 after it)."""
    if metric is None or not is_per_unit(unit):
        return metric
    if metric == "unit_price":
        return price_named_by_unit(metric, unit)
    named = map_metric(label)
    if metric in PER_SERVER_MONTH or metric in PER_SERVER_MONTH.values():
        per_month = map_metric(unit) == "price_per_server_month" and named in PER_SERVER_MONTH
        return PER_SERVER_MONTH[named] if per_month else None
    return metric


def metric_of_label(label: str, unit: str, metric_before: str | None, after: str) -> str | None:
    """合计 and 占比 continue the sentence's previous metric; "384台高性能算力服务器" and
    "3000P算力" name their metric after the number."""
    if _TOTAL_WORD.match(label):
        return metric_before
    if SHARE_WORD.match(label):
        return SHARE_OF.get(metric_before or "")
    metric = map_metric(label)
    if metric is None and unit in _COUNT_NOUNS:
        noun = _NOUN_AFTER.match(after)
        if noun and _COUNT_NOUNS[unit].search(noun.group(0)):
            return _COUNT_METRIC[unit]
    return metric


def share_named_before(text: str) -> str | None:
    """ "收入占比持续上升，最近两年一期占比分别为…": the share the sentence named earlier."""
    return next((map_metric(named) for named in reversed(_NAMED_SHARE.findall(text)) if map_metric(named)), None)


def unit_fits(metric: str, unit: str) -> bool:
    kind = metric_unit_kind(metric)
    if is_per_unit(unit):
        return kind == "price"  # "235.00万元/台" is a price, never an amount
    if unit == "年":
        return metric in _YEAR_UNIT_METRICS
    return unit in _UNITS_OF_KIND.get(kind, frozenset({unit}))
