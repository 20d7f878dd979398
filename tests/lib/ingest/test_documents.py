import hashlib

import pytest

from orchestration.lib.ingest import read_filing, read_filing_file
from tests.conftest import REAL_ISSUERS


@pytest.mark.parametrize("source_file", sorted(REAL_ISSUERS))
def test_real_txt_filing_keeps_the_files_own_lines(real_filings, source_file):
    data = (real_filings / source_file).read_bytes()
    document = read_filing(source_file, data)
    assert document.status == "parsed"
    assert document.n_lines == REAL_ISSUERS[source_file][4]
    assert document.text.split("\n")[100] == data.decode("utf-8").split("\n")[100]
    assert document.filing_id == hashlib.sha256(data).hexdigest()[:16]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.html", b"\n\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary file"),
        ("latin1.txt", "r\xe9ponse \xe0 la lettre \xa9".encode("latin-1") * 30, "invalid encoding"),
        ("truncated.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "truncated or corrupt"),
        ("fake.pdf", "这不是PDF".encode(), "not a PDF"),
        ("portal.html", "<html><nav>行情中心</nav><footer>版权所有</footer></html>".encode(), "no filing text"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported file type .xlsx"),
        ("README", "说明".encode(), "unsupported file type (none)"),
    ],
)
def test_bad_input_fails_with_a_clear_reason(name, data, reason):
    document = read_filing(name, data)
    assert document.status == "failed"
    assert reason in document.error
    assert document.text is None and document.n_lines == 0


def test_an_unreadable_file_is_a_failure_not_an_exception(tmp_path):
    document = read_filing_file(tmp_path / "vanished.txt")
    assert document.status == "failed" and document.error.startswith("unreadable file")
