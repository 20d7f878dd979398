import pytest

from orchestration.lib.ingest.decode import count_lines, decode_text
from orchestration.lib.ingest.errors import IngestError

FILING_LINE = "公司本次向特定对象发行股票募集资金总额不超过287,000.00万元\n"


def test_utf8_text_is_read_as_utf8():
    assert decode_text(FILING_LINE.encode("utf-8")) == (FILING_LINE, "utf-8")


def test_gbk_and_gb18030_text_is_detected():
    text, encoding = decode_text(FILING_LINE.encode("gbk"))
    assert (text, encoding) == (FILING_LINE, "gb18030")


def test_utf8_bom_is_dropped():
    assert decode_text(b"\xef\xbb\xbf" + FILING_LINE.encode("utf-8"))[0] == FILING_LINE


def test_crlf_is_folded_without_changing_the_line_count():
    text, _ = decode_text("第一行\r\n第二行\r\n".encode())
    assert text == "第一行\n第二行\n"
    assert count_lines(text) == 2


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (b"report \xff\x80\xfe" * 40, "invalid encoding"),
        ("caf\xe9 cr\xe8me br\xfbl\xe9e".encode("latin-1") * 20, "invalid encoding"),
    ],
)
def test_bad_bytes_fail_with_a_reason(data, reason):
    with pytest.raises(IngestError, match=reason):
        decode_text(data)


@pytest.mark.parametrize(("text", "lines"), [("", 0), ("a", 1), ("a\n", 1), ("a\nb", 2), ("a\n\nb\n", 3)])
def test_lines_are_counted_as_an_editor_counts_them(text, lines):
    assert count_lines(text) == lines


def test_form_feed_and_unicode_separators_do_not_split_lines():
    # str.splitlines would split on these and shift every later line number.
    assert count_lines("页一\x0c页二\u2028续\n") == 1
