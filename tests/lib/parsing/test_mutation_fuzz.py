"""A bounded fuzz of the reader and the parser: 2,000 mutated windows of real and generated filings."""

import pytest

from orchestration.lib.corpus.hostile import MINI_FILING
from orchestration.lib.corpus.mutate import DESTRUCTIVE, PRESERVING, TRANSPARENT, fuzz
from orchestration.lib.ingest import read_filing_file


@pytest.fixture(scope="module")
def texts(real_filings, sample_corpus):
    # Generated filings come in UTF-8 and GBK: read through the ingest boundary, as stored.
    generated = [read_filing_file(path).text for path in sorted((sample_corpus / "filings").glob("*.txt"))]
    return [path.read_text(encoding="utf-8") for path in sorted(real_filings.glob("*.txt"))] + generated + [MINI_FILING]


def test_two_thousand_mutated_windows_raise_nothing_and_lose_nothing_silently(texts):
    report = fuzz(texts, count=2_000, seed=17)

    assert report.documents == 2_000
    assert report.unhandled == []  # an exception that escaped the reader or the parser
    assert report.silent == []  # a failure without its reason, or a filing left with no fact and no reason
    assert report.changed == []  # line endings or invisible characters that changed a fact
    assert report.by_status["parsed"] > 1_500  # the windows were read, not refused wholesale


def test_the_fuzz_detects_a_silent_loss(monkeypatch):
    # A parser that drops every fact of a file with a tab-only line (the bug of issue 17) is what it must catch.
    from orchestration.lib.corpus import mutate as fuzz_module

    real = fuzz_module.parse_filing

    def loses_tab_only_files(text):
        parsed = real(text)
        if "\t\n" in text and any(not line.strip() and line for line in text.split("\n")):
            parsed.facts.clear()
        return parsed

    monkeypatch.setattr(fuzz_module, "parse_filing", loses_tab_only_files)
    report = fuzz([MINI_FILING.replace("\n一、", "\n\n一、") * 3], count=200, seed=1, window_lines=(30, 30))
    assert any("tab_only_blank_lines" in problem and "became none" in problem for problem in report.silent)


def test_every_mutation_kind_is_exercised():
    assert len(TRANSPARENT) + len(PRESERVING) + len(DESTRUCTIVE) >= 15
