"""Run-together rows of the real scraped reply (001) that the structure and arithmetic rules read: one
regression per rule, on the cleaned lines the parser reads."""

from __future__ import annotations

import pytest

from orchestration.lib.parsing.cleanup import clean
from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.prose_rows import glued_row_numbers


@pytest.fixture(scope="module")
def reply_rows(scraped_reply: str) -> set[tuple[int, str]]:
    return {(n.line_no, n.raw_text) for n in glued_row_numbers(clean(scraped_reply).lines, set())}


def test_inventory_rows_with_a_merged_provision_cell_are_read_by_the_grand_total(reply_rows):
    # 合计2726.941186.31910.84 at 4659: every amount of the rows adds up to the three totals together
    assert {(4621, "1142.61"), (4621, "262.74"), (4625, "444.02"), (4641, "873.71"), (4641, "337.72")} <= reply_rows
    assert {(4641, "536.34"), (4647, "102.74"), (4647, "71.84"), (4647, "30.90")} <= reply_rows
    assert not {raw for line, raw in reply_rows if 4621 <= line <= 4647} & {"142.61", "42.61", "44.02", "2.74"}


def test_a_run_opening_a_line_after_a_numbered_row_is_read_whole(reply_rows):
    # 55联通数字… at 3513: the run at 3517 opens with no id that may follow 55
    assert {(3517, "268.41"), (3517, "18.39%")} <= reply_rows


def test_a_dash_before_a_collection_is_the_empty_cell_the_spaced_rows_print(reply_rows):
    # 组合 - - 未逾期 - 3974.14 (2659) beside 组合--未逾期-5500.00; 组合 - - 未逾期 - - (2779) beside 2763 and 2771
    assert {(2659, "5500.00"), (2741, "965.85"), (2763, "300.00"), (2771, "350.00")} <= reply_rows
    assert not [raw for line, raw in reply_rows if raw.startswith("-")]


@pytest.fixture(scope="module")
def reply_facts(scraped_reply: str) -> list:
    return parse_filing(scraped_reply).facts


def test_a_digit_glued_after_an_amount_of_a_two_decimal_table_is_the_next_cells(reply_rows, reply_facts):
    # 服务项目566.001 (2717) and - 1323.001 司 (2663): every amount around prints two decimals
    assert {(2717, "566.00"), (2663, "1323.00")} <= reply_rows
    # the table's 566.001 is left unread, never a second reading
    assert [f.raw_text for f in reply_facts if f.line_no == 2717] == ["566.00"]


def test_a_table_cell_whose_dash_is_proven_no_sign_is_left_to_the_glued_row(reply_facts):
    # 服务合同-1397.381年以内…组合--未逾期-1397.38: the balance and the collection, never -1397.38
    for line, amount in ((2667, 1397.38), (2689, 416.04)):
        assert sorted(f.value for f in reply_facts if f.line_no == line and f.unit != "%") == [amount, amount]


def test_an_amount_glued_after_第_is_read(reply_rows):
    assert (3081, "169.61") in reply_rows


def test_a_dash_before_an_aged_balance_is_no_minus_sign(reply_rows):
    # 服务合同-9150.001年以内 (2659), 合体项目-375.001-2组合 (2901)
    assert {(2659, "9150.00"), (2901, "375.00")} <= reply_rows


def test_a_glued_day_is_read_where_the_rows_aged_balance_bounds_the_amount_after_it(reply_rows):
    # 387.841-2年 … 2023/12/2815.00 (3127); 872.821-2年 … 2023/6/28100.65 (3303)
    assert {(3127, "15.00"), (3303, "100.65")} <= reply_rows
    assert not {raw for line, raw in reply_rows if line in (3127, 3303)} & {"815.00", "8100.65"}


def test_a_dash_before_a_part_of_the_aged_balance_is_no_minus_sign(scraped_reply):
    # 259.541年以内 … 组合--目尚未结-259.54 (3701): the collection within the balance
    lines = clean(scraped_reply).lines
    assert [n.raw_text for n in glued_row_numbers(lines, set()) if n.line_no == 3701] == ["259.54", "259.54"]


def test_a_glued_day_is_read_where_the_balance_on_the_rows_first_line_bounds_the_amount(reply_rows):
    # 19…598.371-22-3 (2937) then 组合598.3761.06%2022/3/25253.06 (2939): 25 and 253.06, not 2 and 5253.06
    assert (2939, "253.06") in reply_rows and (2939, "5253.06") not in reply_rows
