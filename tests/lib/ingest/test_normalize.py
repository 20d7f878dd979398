"""Text normalization at the ingest boundary: line endings, invisible and full-width characters."""

import pytest

from orchestration.lib.corpus.hostile import MINI_FILING
from orchestration.lib.ingest import read_filing
from orchestration.lib.ingest.normalize import normalize_characters, normalize_line_breaks
from orchestration.lib.parsing.facts import parse_filing


@pytest.mark.parametrize("separator", ["\r", "\r\n", "\u2028", "\u2029", "\u0085"])
def test_every_kind_of_line_ending_ends_one_line(separator):
    assert normalize_line_breaks(separator.join(["一", "二", "", "三"])) == "一\n二\n\n三"


def test_a_cr_only_file_keeps_its_lines_and_its_facts():
    document = read_filing("cr.txt", MINI_FILING.replace("\n", "\r").encode())

    assert document.text == MINI_FILING
    assert document.n_lines == MINI_FILING.count("\n")
    facts = [(f.line_no, f.raw_text) for f in parse_filing(document.text).facts]
    assert facts == [(f.line_no, f.raw_text) for f in parse_filing(MINI_FILING).facts]
    assert len(facts) == 11


@pytest.mark.parametrize(
    ("printed", "plain"),
    [
        ("74,\u200b628.47", "74,628.47"),  # zero-width space
        ("74,628.4\u200d7", "74,628.47"),  # zero-width joiner
        ("60,\u00ad100.00", "60,100.00"),  # soft hyphen
        ("1\u2060234", "1234"),  # word joiner
        ("12\ufeff.5%", "12.5%"),  # a byte-order mark inside text
        ("１２，３４５．６７万元", "12,345.67万元"),  # full-width digits and separators
        ("１２．５％", "12.5%"),
        ("－５", "-5"),
        ("＋３", "+3"),
        ("营业收入\u00a0100万元", "营业收入 100万元"),  # no-break spaces
        ("100\u202f万元", "100 万元"),
    ],
)
def test_numbers_printed_with_invisible_or_full_width_characters_read_plain(printed, plain):
    assert normalize_characters(printed) == plain


@pytest.mark.parametrize("prose", ["公司，２０２３年", "（一）项目", "收入：，％－", "第１条，其他"])
def test_chinese_prose_punctuation_stays_full_width(prose):
    normalized = normalize_characters(prose)
    assert [ch for ch in normalized if ch in "，（）：％－"] == [ch for ch in prose if ch in "，（）：％－"]


def test_character_normalization_never_adds_or_removes_a_line_break():
    text = "一\r二\u2028三\n四\u00a0\u200b\n"
    assert normalize_characters(text).count("\n") == text.count("\n")
    assert "\r" in normalize_characters(text) and "\u2028" in normalize_characters(text)


def test_numbers_with_invisible_characters_become_facts():
    hidden = MINI_FILING.replace("74,628.47", "74,\u200b628.4\u00ad7").translate({ord("6"): "６"})
    facts = {(f.line_no, f.value) for f in parse_filing(read_filing("x.txt", hidden.encode()).text).facts}
    assert facts == {(f.line_no, f.value) for f in parse_filing(MINI_FILING).facts}
