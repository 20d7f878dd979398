"""Scores parsed facts against labelled facts: recall, wrong values, and wrong or missing meaning.

A label is *found* when a fact in its scope carries the same printed digits and the same value.
The scope is the label's line where the truth counts text lines, its page where it counts pages
(and the fact has one), else the whole file. Each fact matches one label only, so a row of eight
130s needs eight facts. Labels are matched in three passes, each over all labels: first to facts
that agree on metric, period and row, then to facts from the same row, then to any fact in scope;
so a number printed twice with two meanings is paired with the fact that reads each one right.

Of a found label, the fact's meaning is then judged:
- *wrong period*: the fact carries a period, and it is not the label's (a period where the truth
  has none, such as on a change column, is wrong too). The number that matters most.
- *period missing*: the label has a period and the fact has none: a miss of meaning, not a wrong one.
- *wrong metric* and *metric missing*: the same for the metric.
A label that is not found is a *wrong value* when a fact on its line (or page, for a PDF whose facts
carry pages) holds a different split of its digits (one digit string contains the other): the parser
printed a number the filing did not, e.g. a number wrapped in a narrow cell read as two. HTML truth
has no line, so wrong values are not measured there.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.lib.parsing.model import Fact

_COUNTS = (
    "labels", "found", "wrong", "metric_labelled", "metric_right", "period_labelled", "period_right",
    "wrong_period", "period_missing", "wrong_metric", "metric_missing", "spaced",
)  # fmt: skip
SPACE_IN_NUMBER = re.compile(r"[\d,.]\s+[\d,.]")


@dataclass(slots=True)
class Label:
    source_file: str
    line_no: int | None
    raw_text: str
    value: float
    period: str | None
    metric: str | None
    layout: str
    row_label: str | None = None
    page: int | None = None
    # Generated truth knows every fact's meaning (None means "has none"); a hand label may leave it blank.
    meaning_known: bool = False


@dataclass(slots=True)
class Score:
    labels: int = 0
    found: int = 0
    wrong: int = 0
    metric_labelled: int = 0
    metric_right: int = 0
    period_labelled: int = 0
    period_right: int = 0
    wrong_period: int = 0
    period_missing: int = 0
    wrong_metric: int = 0
    metric_missing: int = 0
    spaced: int = 0  # found facts whose printed number has a space inside it
    misses: list[str] = field(default_factory=list)
    wrong_periods: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.wrong_periods += other.wrong_periods

    def rate(self, name: str) -> float:
        return 100 * getattr(self, name) / self.labels if self.labels else 0.0

    def row(self) -> dict[str, str]:
        def pct(part: int, whole: int) -> str:
            return f"{100 * part / whole:6.2f}%" if whole else "     -"

        return {
            "labels": str(self.labels),
            "recall": pct(self.found, self.labels),
            "wrong": pct(self.wrong, self.labels),
            "metric ok": pct(self.metric_right, self.metric_labelled),
            "period ok": pct(self.period_right, self.period_labelled),
            "wrong period": pct(self.wrong_period, self.labels),
            "no period": pct(self.period_missing, self.labels),
            "wrong metric": pct(self.wrong_metric, self.labels),
            "no metric": pct(self.metric_missing, self.labels),
        }


def digits(token: str) -> str:
    """The digits and decimal point of a printed number, whatever its width, separators or sign."""
    return re.sub(r"[^\d.]", "", unicodedata.normalize("NFKC", token))


def _squeeze(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def read_real_labels(path: Path) -> list[Label]:
    with path.open(encoding="utf-8") as handle:
        return [
            Label(row["source_file"], int(row["line_no"]), row["raw_text"], float(row["value"]),
                  row["period"] or None, row["metric"] or None, row["layout"])
            for row in csv.DictReader(handle)
        ]  # fmt: skip


def read_ground_truth(folder: Path) -> list[Label]:
    labels = []
    for path in sorted(folder.glob("*.json")):
        labels += truth_labels(json.loads(path.read_text(encoding="utf-8")))
    return labels


def truth_labels(truth: dict) -> list[Label]:
    by_line = truth.get("line_basis") == "file_line"
    by_page = truth.get("line_basis") == "page"
    return [
        Label(truth["source_file"], fact["line_no"] if by_line else None, fact["raw_text"], float(fact["value"]),
              fact.get("period"), fact.get("metric"), fact["layout"], fact.get("row_label"),
              fact.get("page") if by_page else None, meaning_known=True)
        for fact in truth["facts"]
    ]  # fmt: skip


def score_file(labels: list[Label], facts: list[Fact]) -> dict[str, Score]:
    """Scores per layout for the labels of one file."""
    matches = _match(labels, facts)
    scores: dict[str, Score] = defaultdict(Score)
    for index, label in enumerate(labels):
        score = scores[label.layout]
        score.labels += 1
        match = matches.get(index)
        if match is None:
            if any(_bad_split(f, label) for f in facts if _located(f, label)):
                score.wrong += 1
            score.misses.append(f"{label.source_file}:{label.line_no or label.page or ''} {label.raw_text}")
            continue
        score.found += 1
        score.spaced += bool(SPACE_IN_NUMBER.search(match.raw_text))
        _judge_meaning(score, label, match)
    return scores


def _judge_meaning(score: Score, label: Label, fact: Fact) -> None:
    if label.metric:
        score.metric_labelled += 1
        score.metric_right += fact.metric == label.metric
    if label.period:
        score.period_labelled += 1
        score.period_right += fact.period == label.period
    if label.meaning_known or label.period:
        if fact.period is not None and fact.period != label.period:
            score.wrong_period += 1
            score.wrong_periods.append(
                f"{label.source_file} {label.row_label or ''} {label.raw_text}: {fact.period} (truth {label.period})"
            )
        score.period_missing += fact.period is None and label.period is not None
    if label.meaning_known or label.metric:
        score.wrong_metric += fact.metric is not None and fact.metric != label.metric
        score.metric_missing += fact.metric is None and label.metric is not None


def _match(labels: list[Label], facts: list[Fact]) -> dict[int, Fact]:
    """Label index -> the fact it is paired with; agreeing facts first, then the same row, then any."""
    by_digits: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_digits[digits(fact.raw_text)].append(fact)
    used: set[int] = set()
    matches: dict[int, Fact] = {}
    for strictness in (2, 1, 0):
        for index, label in enumerate(labels):
            if index in matches:
                continue
            for fact in by_digits.get(digits(label.raw_text), ()):
                if id(fact) in used or abs(fact.value - label.value) > 1e-6 or not _in_scope(fact, label):
                    continue
                if strictness >= 1 and not _same_row(fact, label):
                    continue
                if strictness == 2 and (fact.metric, fact.period) != (label.metric, label.period):
                    continue
                matches[index] = fact
                used.add(id(fact))
                break
    return matches


def _in_scope(fact: Fact, label: Label) -> bool:
    if label.line_no is not None:
        return fact.line_no == label.line_no
    page = getattr(fact, "page", None)
    return label.page is None or page is None or page == label.page


def _located(fact: Fact, label: Label) -> bool:
    """The fact is where the label was printed: its line, or its page when both know one."""
    if label.line_no is not None:
        return fact.line_no == label.line_no
    return label.page is not None and getattr(fact, "page", None) == label.page


def _same_row(fact: Fact, label: Label) -> bool:
    if not label.row_label:
        return True
    printed, labelled = _squeeze(fact.row_label or fact.label_zh), _squeeze(label.row_label)
    return bool(printed) and (printed in labelled or labelled in printed)


def _bad_split(fact: Fact, label: Label) -> bool:
    printed, labelled = digits(fact.raw_text), digits(label.raw_text)
    return printed != labelled and (printed in labelled or labelled in printed) and len(printed) > 2


def miss_summary(scores: list[Score], limit: int = 15) -> list[str]:
    counter = Counter(miss for score in scores for miss in score.misses)
    return [miss for miss, _ in counter.most_common(limit)]
