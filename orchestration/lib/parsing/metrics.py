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
from orchestration.lib.parsing.vocabulary import METRICS

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
        raise ValueError(f"metric_map.csv names metrics missing from vocabulary.py: {sorted(unknown)}")
    return rules


def map_metric(label: str | None) -> str | None:
    """The metric id a label names, or None when no rule (or an exclusion rule) matches."""
    return _metric_of_normalised(normalise_label(label)) if label else None


@cache
def _metric_of_normalised(text: str) -> str | None:
    for rule in metric_rules():
        if rule.pattern.search(text):
            return rule.metric
    return None


def metric_unit_kind(metric: str | None) -> str | None:
    """money, pct, count, price, ratio or years, as declared in vocabulary.py."""
    return METRICS[metric][0] if metric else None
