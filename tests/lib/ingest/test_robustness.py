"""No file can stop the ingest: every failure is that file's, with a reason, whatever the bytes."""

import os

import pytest

from orchestration.lib.corpus.hostile import MINI_FILING, hostile_inputs
from orchestration.lib.ingest import read_filing, read_filing_file
from orchestration.lib.ingest.decode import decode_text
from orchestration.lib.ingest.errors import IngestError

PAGE = "<html><head><meta charset=\"{}\"></head><body>{}</body></html>"
BODY = "".join(f"<p>{line}</p>" for line in MINI_FILING.split("\n"))


@pytest.mark.parametrize("charset", ["undefined", "rot13", "base64", "utf-16", "x-no-such-charset"])
def test_a_declared_charset_that_is_no_text_encoding_falls_back_to_detection(charset):
    document = read_filing("page.html", PAGE.format(charset, BODY).encode())

    assert document.status == "parsed", document.error
    assert document.encoding == "utf-8"
    assert "74,628.47" in document.text


def test_an_odd_length_utf16_file_with_a_byte_order_mark_fails_with_its_reason():
    with pytest.raises(IngestError, match="UTF-16"):
        decode_text(MINI_FILING.encode("utf-16") + b"\x00")
    document = read_filing("odd.txt", MINI_FILING.encode("utf-16") + b"\x00")
    assert document.status == "failed"
    assert "byte-order mark" in document.error


def test_a_reader_bug_on_one_file_is_that_files_failure(monkeypatch):
    def broken(text):
        raise RuntimeError("metadata bug")

    monkeypatch.setattr("orchestration.lib.ingest.documents.extract_metadata", broken)
    document = read_filing("x.txt", MINI_FILING.encode())
    assert document.status == "failed"
    assert document.error == "reader error: RuntimeError: metadata bug"


def test_a_file_over_the_size_budget_is_refused_from_its_size_alone(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(5_000_001)  # sparse: reading it would take 5 MB of memory
    document = read_filing_file(big, max_bytes=5_000_000)
    assert document.status == "failed"
    assert document.error == "over the size budget (5 MB): 5,000,001 bytes"
    assert document.size_bytes == 5_000_001


def test_a_pipe_is_never_opened_for_reading(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    document = read_filing_file(tmp_path / "pipe.txt")  # a blocking open would hang here
    assert document.status == "failed"
    assert "not a regular file" in document.error


def test_a_symlink_is_never_followed_by_the_reader(tmp_path):
    (tmp_path / "link.txt").symlink_to("/etc/passwd")
    document = read_filing_file(tmp_path / "link.txt")
    assert document.status == "failed"
    assert document.text is None


def test_an_encrypted_pdf_says_it_is_encrypted():
    encrypted = next(item for item in hostile_inputs(10) if item.name == "encrypted.pdf")
    document = read_filing("encrypted.pdf", encrypted.data)
    assert document.status == "failed"
    assert document.error.startswith("encrypted PDF")


def test_every_hostile_byte_input_is_read_or_failed_with_its_reason():
    for item in hostile_inputs(10, slow_bytes=1_000, scale=0.02):
        if item.write is not None:
            continue
        document = read_filing(item.name, item.data)
        assert document.status in {"parsed", "failed"}, item.name
        if document.status == "failed":
            assert document.error, item.name
        if item.expect == "failed" and item.reason != "time budget":  # that one fails in the parser's budget
            assert document.status == "failed" and item.reason in document.error, (item.name, document.error)
