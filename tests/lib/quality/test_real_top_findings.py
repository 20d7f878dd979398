"""The most severe findings on the four real filings, each checked by hand against the filing text and
written with its verdict into fixtures/top_real_findings.json. Every one must be a real inconsistency or
a real ambiguity: a finding a parser mistake causes is a parser defect, fixed where it is made."""

import json
from pathlib import Path

import pytest

from orchestration.lib.quality.store import all_findings

FIXTURE = Path(__file__).parent / "fixtures" / "top_real_findings.json"
CHECKED = json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def top(real_inputs):
    facts, texts, files = real_inputs
    return [(f, files) for f in all_findings(facts, texts)[:20]], dict(texts)


def _identity(finding, files) -> tuple:
    return (finding.kind, files[finding.refs[0].filing_id], finding.period, tuple(sorted({r.line_no for r in finding.refs})))


def test_the_most_severe_findings_are_the_ones_checked_by_hand(top):
    findings, _ = top
    assert [_identity(f, files) for f, files in findings] == [
        (c["kind"], c["file"], c["period"], tuple(c["lines"])) for c in CHECKED
    ]


def test_every_one_of_them_is_real():
    for checked in CHECKED:
        assert checked["verdict"].startswith("real"), checked


def test_each_quotes_the_full_lines_it_stands_on(top):
    findings, texts = top
    for finding, _ in findings:
        for ref in finding.refs:
            if ref.fact_id is None:
                continue
            assert ref.line_text == texts[ref.filing_id].splitlines()[ref.line_no - 1].strip()
        assert finding.description and finding.description_zh
