"""Run-together rows read by their table's structure (issue 10): the row-id sequence rules out an id glued
before a line's first run, and a row printing its cells apart shows a dash glued before an amount to be an
empty cell, not a minus sign."""

from orchestration.lib.parsing.prose_rows import glued_row_numbers


def _read(lines: list[str]) -> set[tuple[int, str]]:
    return {(n.line_no, n.raw_text) for n in glued_row_numbers(lines, set())}


def _numbered_rows(opening: str) -> list[str]:
    return [
        "55某数字科技某数字科技智慧城市487.301-2*工程进度款:已完工程量的客户项目结算进度延迟影年",
        "有限公司广东有限公司广东业务80%组合",
        f"{opening}18.39%2025/7/1070.83响,回款周期相应延长",
    ]


def test_a_run_opening_a_line_is_read_whole_when_no_id_after_the_row_above_can_open_it():
    # row 55 printed its id apart: the next ids are 55.1 and 56, and ids only go up, so 268.41 is no row 2 or 26
    read = _read(_numbered_rows("268.41"))

    assert {(3, "268.41"), (3, "18.39%"), (3, "70.83")} <= read
    assert not {raw for _, raw in read} & {"68.41", "8.41"}


def test_a_run_opening_a_line_with_an_id_that_may_follow_is_not_read_whole():
    # 568.41 opens with 56, the next id (row 56 with 8.41); 1268.41 may open a new numbering: neither is read whole
    assert not {"568.41", "1268.41", "268.41"} & {raw for line, raw in _read(_numbered_rows("568.41")) if line == 3}
    assert not [raw for line, raw in _read(_numbered_rows("1268.41")) if line == 3 and raw != "70.83"]


def _receivable_rows(spaced: str) -> list[str]:
    return [
        "单位:万元",
        f"3 某科技有限公司 算力服务合同 3974.14 1年以内 按月对账并结算服务费 组合 - - 未逾期{spaced}",
        "4某科技有限公司智算项目算力服务23458.00第一期款组合--未逾期-5500.00某科技有限公司",  # no aging bucket
    ]


def test_a_dash_glued_before_an_amount_is_the_empty_cell_a_row_printing_its_cells_apart_shows():
    # row 3 prints 未逾期, a dash alone, then the collection: row 4's dash after 未逾期 is that empty cell
    read = _read(_receivable_rows(" - 3974.14"))

    assert (3, "5500.00") in read and not [raw for _, raw in read if raw.startswith("-")]


def test_a_dash_glued_before_an_amount_is_not_read_without_a_row_printing_it_apart():
    # row 3 prints 未逾期 with nothing after it: nothing says whether the dash is a cell or a minus sign
    assert not [raw for line, raw in _read(_receivable_rows("")) if raw.endswith("5500.00")]


def _rows_printing(precision: str) -> list[str]:
    return [
        "广东某能源服务项目1884.001年以内*剩余合同额的30%组合--未逾期--",
        f"某科技有限公司 算力服务 1909.37 1年以内 组合 - - 未逾期 - {precision} 司科技有",
        "某数据科技有限公司智算项目 1226.23 37.48% 2025/9/20",
        "某通信集团有限公司 965.85 1年以内 组合 - - 未逾期 - 965.85",
    ]


def test_a_digit_left_after_an_amount_is_the_next_cells_where_the_table_prints_two_decimals():
    # the rows around print 1226.23, 37.48%, 965.85: a third decimal is impossible, 1323.001 is 1323.00 and a 1
    read = _read(_rows_printing("1323.001"))

    assert (2, "1323.00") in read and not [raw for _, raw in read if raw.startswith("1323.00") and raw != "1323.00"]


def test_a_digit_left_after_an_amount_is_not_read_where_the_table_prints_another_precision():
    rows = _rows_printing("1323.001")
    rows[2] = "某数据科技有限公司智算项目 1226.2 37.5% 2025/9/20"  # one decimal: the table's precision is not two

    assert not [raw for line, raw in _read(rows) if line == 2 and raw.startswith("1323")]


def test_a_run_glued_after_第_is_the_amounts_alone():
    # an ordinal's digits are followed by its counter (第1期): 第169.611年以内 is no 第1 or 第16 before an amount
    read = _read(["25某工程有限公司智慧城市客户项目一期某县第169.611年以内*承包人收到款项组合161.6761.10%2024/10/18-"])

    assert {(1, "169.61"), (1, "161.67"), (1, "61.10%")} <= read
    assert not {raw for _, raw in read} & {"69.61", "9.61"}


def test_a_dash_before_the_balance_an_aging_bucket_ages_is_no_minus_sign():
    # the amount before 1年以内 or 1-2 is the balance the bucket ages (vocabulary: never negative)
    read = _read([
        "某科技有限公司智算项目组网服务合同-9150.001年以内第一期款组合",
        "某集团有限公司综合体项目-375.001-2组合266.8937.03%2024/5/27",
        "某项目工作日内支付2024-2025139.791年以内组合",  # a dash between digits is a range's: 2025 is no amount's
        "某项目服务合同-9150.00组合",  # no bucket after it: nothing says the dash is no sign
    ])

    assert {(1, "9150.00"), (2, "375.00"), (3, "139.79")} <= read
    assert not [raw for line, raw in read if line == 4 or raw.startswith(("-", "2025"))]


def test_a_day_glued_to_an_amount_is_read_where_only_one_reading_stays_within_the_rows_aged_balance():
    # 2023/12/2 + 815.00 or 2023/12/28 + 15.00: the row's balance 387.84 (aged 1-2年) bounds what it collected
    read = _read([
        "31某节能环保科技有限公司智慧城市387.841-2年进度款80%组合339.9021.27%2023/12/2815.00",
        "32某节能环保科技有限公司智慧城市987.841-2年进度款80%组合339.9021.27%2023/12/2815.00",
        "33某节能环保科技有限公司智慧城市进度款80%组合339.9021.27%2023/12/2815.00",
    ])

    assert (1, "15.00") in read and not [raw for line, raw in read if raw in ("815.00", "2815.00")]
    # 815.00 and 15.00 both fit within 987.84, and a row with no aged balance bounds nothing: unread
    assert not [raw for line, raw in read if line in (2, 3) and raw.endswith("15.00")]


def test_a_dash_before_an_amount_within_the_rows_aged_balance_is_no_minus_sign():
    # 259.54 aged 1年以内, then -259.54: a part of the balance (what was collected) is never negative
    row = "70某能源有限公司某数据机房智慧城市公司某分公259.541年以内*结算款:支付至合同价款的组合--目尚未结-{}"
    read = [(n.line_no, n.column, n.raw_text) for n in glued_row_numbers([row.format("259.54"), row.format("1259.54")], set())]

    assert [(column, raw) for line, column, raw in read if line == 1] == [(23, "259.54"), (55, "259.54")]
    assert not [raw for line, _, raw in read if raw.endswith("1259.54")]  # more than the balance: no part of it


def test_a_glued_day_is_bounded_by_the_balance_the_rows_first_line_ages():
    # row 19 prints its balance 598.37 (aged 1-2年, 2-3年) on its first line; the next line goes on with it
    head = "19某创科技智慧城市598.371-22-3超过项目总工作量90%后,支付受客户结算付款审批流"
    tail = "组合598.3761.06%2022/3/25253.06"
    read = _read([head, tail])
    restarted = _read([head, "20" + tail])  # a line opening with the next id starts a row of its own

    assert (2, "253.06") in read and not [raw for _, raw in read if raw.endswith("5253.06")]
    assert not [raw for line, raw in restarted if line == 2 and raw.endswith("253.06")]
