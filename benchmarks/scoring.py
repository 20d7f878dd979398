"""Scores parsed facts against labelled facts: recall, wrong values, metric and period agreement.

A label is *found* when a fact printed on the same line (or anywhere in the file, for synthetic HTML
and PDF whose truth has no text-line basis) carries the same printed digits and the same value; each
fact can match one label only, so a row of eight 130s needs eight facts. A label is a *wrong value*
when it is not found but a fact on its line holds a different split of its digits (one digit string
contains the other): the parser printed a number the filing did not.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.lib.parsing.model import Fact


@dataclass(slots=True)
class Label:
    source_file: str
    line_no: int | None
    raw_text: str
    value: float
    period: str | None
    metric: str | None
    layout: str


@dataclass(slots=True)
class Score:
    labels: int = 0
    found: int = 0
    wrong: int = 0
    metric_labelled: int = 0
    metric_right: int = 0
    period_labelled: int = 0
    period_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("labels", "found", "wrong", "metric_labelled", "metric_right", "period_labelled", "period_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self) -> dict[str, str]:
        def pct(part: int, whole: int) -> str:
            return f"{100 * part / whole:6.2f}%" if whole else "     -"

        return {
            "labels": str(self.labels),
            "recall": pct(self.found, self.labels),
            "wrong": pct(self.wrong, self.labels),
            "metric ok": pct(self.metric_right, self.metric_labelled),
            "period ok": pct(self.period_right, self.period_labelled),
        }


def digits(token: str) -> str:
    return re.sub(r"[^\d.\-]", "", token.replace(",", ""))


def read_real_labels(path: Path) -> list[Label]:
    with path.open(encoding="utf-8") as handle:
        return [
            Label(row["source_file"], int(row["line_no"]), row["raw_text"], float(row["value"]),
                  row["period"] or None, row["metric"] or None, row["layout"])
            for row in csv.DictReader(handle)
        ]


def read_ground_truth(folder: Path) -> list[Label]:
    labels = []
    for path in sorted(folder.glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        by_line = truth.get("line_basis") == "file_line"
        labels += [
            Label(truth["source_file"], fact["line_no"] if by_line else None, fact["raw_text"], float(fact["value"]),
                  fact.get("period"), fact.get("metric"), fact["layout"])
            for fact in truth["facts"]
        ]
    return labels


def score_file(labels: list[Label], facts: list[Fact]) -> dict[str, Score]:
    """Scores per layout for the labels of one file."""
    by_line: dict[int | None, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_line[fact.line_no].append(fact)
        by_line[None].append(fact)
    used: set[int] = set()
    scores: dict[str, Score] = defaultdict(Score)
    for label in labels:
        score = scores[label.layout]
        score.labels += 1
        candidates = by_line[label.line_no]
        match = next(
            (f for f in candidates if id(f) not in used and digits(f.raw_text) == digits(label.raw_text)
             and abs(f.value - label.value) < 1e-6),
            None,
        )
        if match is None:
            if any(_bad_split(f, label) for f in candidates if label.line_no is not None):
                score.wrong += 1
            score.misses.append(f"{label.source_file}:{label.line_no} {label.raw_text}")
            continue
        used.add(id(match))
        score.found += 1
        if label.metric:
            score.metric_labelled += 1
            score.metric_right += match.metric == label.metric
        if label.period:
            score.period_labelled += 1
            score.period_right += match.period == label.period
    return scores


def _bad_split(fact: Fact, label: Label) -> bool:
    printed, labelled = digits(fact.raw_text), digits(label.raw_text)
    return printed != labelled and (printed in labelled or labelled in printed) and len(printed) > 2


def miss_summary(scores: list[Score], limit: int = 15) -> list[str]:
    counter = Counter(miss for score in scores for miss in score.misses)
    return [miss for miss, _ in counter.most_common(limit)]
