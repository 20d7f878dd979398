"""Chinese row and column labels to canonical metric ids, through the one table metric_map.csv.

Rows of the table are tried in order and the first pattern found in the normalised label wins,
so specific patterns (税前内部收益率, 营业成本合计) sit above general ones (内部收益率, 营业成本).
A row with an empty metric marks labels that look like metrics but are not in the vocabulary
(growth rates, balance-sheet items): they stay unmapped and are reported, never guessed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from orchestration.lib.parsing.cleanup import normalise_label
from orchestration.lib.vocabulary.metrics import METRICS, metric_unit_kind
from orchestration.lib.vocabulary.totals import SUB_ITEM_ROW

METRIC_MAP_PATH = Path(__file__).with_name("metric_map.csv")


@dataclass(frozen=True, slots=True)
class MetricRule:
    pattern: re.Pattern[str]
    metric: str | None
    note: str


@cache
def metric_rules() -> tuple[MetricRule, ...]:
    with METRIC_MAP_PATH.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rules = tuple(
        MetricRule(re.compile(row["pattern"]), row["metric"] or None, row["note"] or "") for row in rows
    )
    unknown = {rule.metric for rule in rules if rule.metric and rule.metric not in METRICS}
    if unknown:
        raise ValueError(f"metric_map.csv names metrics missing from the vocabulary: {sorted(unknown)}")
    return rules


# Printed decorations that do not change what a label names: a glued row id ("5.3电费"), a
# sub-item marker ("其中:机柜租用"), a footnote mark ("毛利率(f)", "营业收入注1", "净利润*").
_ROW_ID = re.compile(r"^\d{1,2}(?:\.\d{1,2}){0,2}[、.]?(?=[\u4e00-\u9fffA-Za-z])")
_FOOTNOTE = re.compile(r"(?:\([a-z]\)|注\d*|\*+)$")


def metric_key(label: str) -> str:
    """A label as the rules of metric_map.csv read it."""
    text = normalise_label(label)
    text = SUB_ITEM_ROW.sub("", _ROW_ID.sub("", text))
    return _FOOTNOTE.sub("", text)


@cache
def map_metric(label: str | None) -> str | None:
    """The metric id a label names, or None when no rule (or an exclusion rule) matches."""
    return _metric_of_normalised(metric_key(label)) if label else None


def price_named_by_unit(metric: str | None, unit: str | None) -> str | None:
    """A unit price whose unit says what it is a price of, per what and per when (价格 in 元/月/台 or
    万元/台/月 is a server's monthly rent): the price metric that unit names; 万元/台 names none."""
    if metric != "unit_price" or not unit or "/" not in unit:
        return metric
    named = map_metric(unit)
    return named if metric_unit_kind(named) == "price" else metric


@cache  # asked for the row and column labels of every cell
def metric_excluded(label: str | None) -> bool:
    """True when an exclusion rule claims the label (a growth rate, a scenario, a balance-sheet item)."""
    if not label:
        return False
    key = metric_key(label)
    rule = next((rule for rule in metric_rules() if rule.pattern.search(key)), None)
    return rule is not None and rule.metric is None


def metrics_named(text: str) -> frozenset[str]:
    """Every metric a caption or sentence names, e.g. "毛利率对比情况" -> {gross_margin}."""
    key = normalise_label(text)
    named: set[str] = set()
    for rule in metric_rules():
        match = rule.pattern.search(key)
        if match is None:
            continue
        if rule.metric:
            named.add(rule.metric)
        key = key[: match.start()] + "|" + key[match.end() :]  # a phrase names one metric only
    return frozenset(named)


@cache
def _metric_of_normalised(text: str) -> str | None:
    for rule in metric_rules():
        if rule.pattern.search(text):
            return rule.metric
    return None
