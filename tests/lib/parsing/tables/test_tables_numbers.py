"""Reading one printed number: what counts as a number, an empty cell, or text."""

import pytest

from orchestration.lib.parsing.tables.numbers import display_width, is_row_id, parse_number


@pytest.mark.parametrize(
    ("raw", "value", "unit"),
    [
        ("13,563.17", 13563.17, None),
        ("-1,234.56", -1234.56, None),
        ("98.0%", 98.0, "%"),
        ("-14.92%", -14.92, "%"),
        ("300台", 300.0, "台"),
        ("2256 个", 2256.0, "个"),
        ("0.66", 0.66, None),
    ],
)
def test_a_cell_that_is_one_number_reads_as_that_number(raw, value, unit):
    result = parse_number(raw)

    assert (result.value, result.unit) == (value, unit)


@pytest.mark.parametrize("raw", ["-", "--", "—"])
def test_dashes_are_an_empty_cell_not_a_minus(raw):
    assert parse_number(raw).value is None


@pytest.mark.parametrize("raw", ["2023 年 1-3 月", "第 4-11 年", "7-2-19", "1-84", "2017/3/14", "1,2", "投资金额"])
def test_periods_page_ids_and_dates_are_not_numbers(raw):
    assert parse_number(raw) is None


def test_a_prose_comma_is_not_a_thousands_separator():
    assert parse_number("2024,公司") is None
    assert parse_number("12,34.5") is None


@pytest.mark.parametrize(("raw", "expected"), [("1.1", True), ("(1)", True), ("①", True), ("2024", False)])
def test_row_ids_as_printed(raw, expected):
    assert is_row_id(raw) is expected


def test_cjk_characters_are_double_width_in_pdf_text():
    assert display_width("第1年") == 5
    assert display_width("2022 年") == 7


@pytest.mark.parametrize(
    ("printed", "value", "unit"),
    [
        ("205,021,446. 76", 205021446.76, None),  # a PDF conversion broke the number at its point
        ("205,021, 446.76", 205021446.76, None),
        ("１２３．４５", 123.45, None),
        ("－12.5%", -12.5, "%"),
        ("(1,234.56)", -1234.56, None),
        ("（1,234.56）", -1234.56, None),
        ("1\u200b234.5\u00ad", 1234.5, None),
        ("3‰", 3.0, "‰"),
    ],
)
def test_printed_number_forms(printed, value, unit):
    number = parse_number(printed)
    assert (number.value, number.unit) == (value, unit)


@pytest.mark.parametrize("printed", ["(1)", "（2）", "12.5 30", "12 30"])
def test_row_ids_and_two_numbers_stay_text(printed):
    assert parse_number(printed) is None
