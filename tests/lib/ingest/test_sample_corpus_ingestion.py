"""Ingestion reads the generated corpus (txt, GB18030, HTML with portal chrome, PDF) as its truth says."""

import json

import pytest

from orchestration.lib.ingest import read_filing_file

FIELDS = ("company_name", "short_name", "stock_code", "exchange", "doc_kind", "sponsor", "auditor")


def _truths(sample_corpus):
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((sample_corpus / "ground_truth").glob("*.json"))]


def test_the_corpus_has_every_format(sample_corpus):
    assert {t["format"] for t in _truths(sample_corpus)} == {"txt", "html", "pdf"}
    assert "gb18030" in {t["encoding"] for t in _truths(sample_corpus)}


def test_every_generated_filing_is_read_with_the_metadata_it_printed(sample_corpus):
    for truth in _truths(sample_corpus):
        document = read_filing_file(sample_corpus / "filings" / truth["source_file"])
        assert document.status == "parsed", (truth["source_file"], document.error)
        found = {field: getattr(document.metadata, field) for field in FIELDS}
        assert found == {field: truth[field] for field in FIELDS}, truth["source_file"]
        assert document.metadata.published_date.isoformat() == truth["published_date"]


@pytest.mark.parametrize("file_format", ["html", "pdf"])
def test_every_number_printed_in_html_and_pdf_survives_extraction(sample_corpus, file_format):
    for truth in (t for t in _truths(sample_corpus) if t["format"] == file_format):
        text = read_filing_file(sample_corpus / "filings" / truth["source_file"]).text
        missing = [fact["raw_text"] for fact in truth["facts"] if fact["raw_text"] not in text]
        assert missing == [], truth["source_file"]


def test_portal_chrome_does_not_reach_the_text(sample_corpus):
    for truth in (t for t in _truths(sample_corpus) if t["format"] == "html"):
        text = read_filing_file(sample_corpus / "filings" / truth["source_file"]).text
        assert "<script" not in text and "版权所有" not in text, truth["source_file"]
