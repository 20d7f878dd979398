"""Run-together (scraped) tables: headers, row labels and cells rebuilt from what is printed.

The first half uses small printed fixtures, the second the lines of the real filings as the
pipeline sees them (after clean-up, with the page breaks it found).
"""

from functools import cache

import pytest

from orchestration.lib.parsing.cleanup import clean
from orchestration.lib.parsing.tables import find_tables
from tests.conftest import REAL_FILINGS


def values(row):
    return [c.value for c in row.cells]


def test_a_sub_item_label_with_a_colon_is_a_row_not_prose():
    lines = ["项目2024年度2023年度", "营业成本100.00200.00", "其中:外购劳务60.00120.00", "直接材料40.0080.00"]

    [table] = find_tables(lines)

    assert [r.label for r in table.rows] == ["营业成本", "其中:外购劳务", "直接材料"]
    assert values(table.rows[1]) == [60.0, 120.0]


def test_several_rows_printed_on_one_line_are_split_at_each_run_of_values():
    lines = [
        "项目2025年度2026年度",
        "短期借款100.00--租赁负债(包含一年内到50.0020.00期的租赁负债)长期借款(包含一年内到30.0010.00期的长期借款)",
    ]

    [table] = find_tables(lines)

    assert [r.label for r in table.rows] == [
        "短期借款",
        "租赁负债(包含一年内到期的租赁负债)",
        "长期借款(包含一年内到期的长期借款)",
    ]
    assert [values(r) for r in table.rows] == [[100.0, None], [50.0, 20.0], [30.0, 10.0]]
    assert {r.line_no for r in table.rows} == {2}


def test_a_percentage_inside_a_label_does_not_open_a_row_of_its_own():
    lines = ["项目第1年第2年", "单价下降10%时净利润1234.561500.00", "单价不变时净利润1434.561700.00"]

    [table] = find_tables(lines)

    assert [r.label for r in table.rows] == ["单价下降10%时净利润", "单价不变时净利润"]
    assert values(table.rows[0]) == [1234.56, 1500.0]


def test_a_title_line_above_a_run_together_header_stays_out_of_it():
    lines = ["本项目投资构成", "序号费用名称金额占比", "1设备购置费100.0080.00%", "2软件购置费25.0020.00%"]

    [table] = find_tables(lines)

    assert table.title == "本项目投资构成"
    assert (table.header_label, table.columns) == ("序号费用名称", ["金额", "占比"])


def test_text_after_a_row_values_starts_the_next_row_label():
    lines = [
        "指标第1年第2年",
        "利用率98.0%96.0%销售收",
        "入(万元)100.00200.00",
        "合计100.00200.00",
    ]

    [table] = find_tables(lines)

    assert [r.label for r in table.rows] == ["利用率", "销售收入(万元)", "合计"]


def test_a_formula_letter_after_a_row_values_ends_that_row_label_not_the_next():
    # A PDF text layer prints the end of a label (合计(b)) after its row's values, then the next
    # row's label; a formula letter ends a label, so 合计(b) cannot start the next one.
    lines = [
        "项目2025年2026年",
        "外购设备折旧合计(a) 10.00 20.00自建机房折旧",
        "30.0040.00合计(b)在建工程转固折旧",
        "5.006.00合计(c)",
        "新增总折旧合计(d) 45.00 66.00",
    ]

    [table] = find_tables(lines)

    assert [r.label for r in table.rows] == [
        "外购设备折旧合计(a)", "自建机房折旧合计(b)", "在建工程转固折旧合计(c)", "新增总折旧合计(d)",
    ]
    assert [values(r) for r in table.rows] == [[10.0, 20.0], [30.0, 40.0], [5.0, 6.0], [45.0, 66.0]]


def test_labels_wrapped_around_their_values_in_a_narrow_column_are_rejoined():
    # Each label is printed over two lines with its values between them; the end of one label
    # and the start of the next share a line.
    lines = [
        "项目第1年第2年号营业收",
        "1100.00200.00",
        "入总成本",
        "260.00120.00",
        "费用税金及",
        "31.002.00",
        "4净利润39.0078.00",
    ]

    [table] = find_tables(lines)

    assert [(r.row_id, r.label) for r in table.rows] == [
        ("1", "营业收入"),
        ("2", "总成本费用"),
        ("3", "税金及"),
        ("4", "净利润"),
    ]
    assert values(table.rows[1]) == [60.0, 120.0]


def test_whole_labels_printed_above_their_rows_are_not_cut_as_wrapped():
    lines = [
        "序号项目第1年第2年",
        "1营业成本100.00200.00",
        "折旧摊销",
        "1.160.00120.00",
        "机柜租赁费",
        "1.230.0060.00",
        "电费",
        "1.310.0020.00",
    ]

    [table] = find_tables(lines)

    assert [r.label for r in table.rows] == ["营业成本", "折旧摊销", "机柜租赁费", "电费"]


def test_row_ids_between_label_and_value_and_formulas_over_earlier_rows():
    lines = [
        "项目计算公式计算结果",
        "营业成本1241517.49",
        "期间费用238467.60",
        "非付现成本320757.58",
        "付现成本总额4=1+2-3259227.51",
        "现金周转期(天)584.69",
        "周转次数(次)6=360/54.25",
    ]

    [table] = find_tables(lines)

    assert [(r.row_id, r.label, values(r)) for r in table.rows] == [
        ("1", "营业成本", [241517.49]),
        ("2", "期间费用", [38467.6]),
        ("3", "非付现成本", [20757.58]),
        ("4", "付现成本总额", [259227.51]),
        ("5", "现金周转期(天)", [84.69]),
        ("6", "周转次数(次)", [4.25]),
    ]


def test_an_amount_alone_in_an_item_row_goes_under_the_amount_column():
    lines = ["设备名称单价数量单位总金额", "服务器230.00300台69000.00", "其他设备898.90", "合计69898.90"]

    [table] = find_tables(lines)

    assert [(c.col, c.value) for c in table.rows[1].cells] == [(2, 898.9)]
    assert [(c.col, c.ambiguous) for c in table.rows[2].cells] == [(2, False)]


def test_a_table_continued_with_other_periods_is_a_new_table():
    lines = [
        "2025年9月30日2024年12月31日",
        "账龄账面余额账面余额",
        "1年以内100.0090.00",
        "小计100.0090.00(续上表)",
        "2023年12月31日2022年12月31日",
        "账龄账面余额账面余额",
        "1年以内80.0070.00",
        "小计80.0070.00",
    ]

    first, second = find_tables(lines)

    assert first.columns == ["2025年9月30日账面余额", "2024年12月31日账面余额"]
    assert second.columns == ["2023年12月31日账面余额", "2022年12月31日账面余额"]
    assert second.rows[0].label == "1年以内" and second.rows[0].row_id is None


def test_a_header_glued_after_the_unit_caption_is_read_as_the_header():
    lines = ["单位:万元业务账龄账面余额占比坏账准备", "1年以内(含1年)7392.436.28%369.64", "1-2年(含2年)13336.1111.33%1334.14"]

    [table] = find_tables(lines)

    assert table.unit == "万元"
    assert table.columns == ["账面余额", "占比", "坏账准备"]
    assert [(r.row_id, r.label) for r in table.rows] == [(None, "1年以内(含1年)"), (None, "1-2年(含2年)")]


# --- the real filings ---------------------------------------------------------------------

pytestmark_real = pytest.mark.skipif(not REAL_FILINGS.is_dir(), reason="shared filings are not mounted")


@cache
def parsed(prefix: str):
    path = next(REAL_FILINGS.glob(f"{prefix}_*.txt"))
    cleaned = clean(path.read_text(encoding="utf-8"))
    return cleaned.lines, find_tables(cleaned.lines, cleaned.page_breaks)


def rows_on(prefix: str, needle: str):
    lines, found = parsed(prefix)
    line_no = next(i + 1 for i, line in enumerate(lines) if needle in line)
    hits = [(t, r) for t in found for r in t.rows if r.line_no == line_no]
    assert hits, f"no row on line {line_no}"
    return hits


def row_on(prefix: str, needle: str):
    return rows_on(prefix, needle)[0]


@pytestmark_real
def test_segment_margins_sit_under_their_period_and_measure():
    table, row = row_on("001", "算力服务业务15.22%85.68%")

    assert table.columns[:4] == ["2025年1-9月毛利率", "2025年1-9月收入占比", "2024年度毛利率", "2024年度收入占比"]
    assert len(table.columns) == 8
    assert values(row)[:6] == [15.22, 85.68, 12.55, 70.8, 19.61, 15.02]
    _, sub = row_on("001", "其中:算力设备运营服务18.26%")
    assert values(sub)[:4] == [18.26, 12.34, -1.21, 0.51]
    _, wrapped = row_on("001", "86.24%3.11%")
    assert wrapped.label == "算力平台开发及应用服务"


@pytestmark_real
def test_peer_table_keeps_negative_changes_and_all_seven_cells():
    table, row = row_on("001", "301085售业务及算力基56401.04")

    assert values(row) == [56401.04, -23.35, 132938.55, -11.28, 149838.34, 8.29, 138362.81]
    assert table.columns[0].startswith("2025年1-6月") and table.columns[-1].startswith("2022年度")


@pytestmark_real
def test_debt_repayment_rows_printed_on_one_line():
    hits = rows_on("001", "短期借款38470.00----租赁负债")

    assert [r.label for _, r in hits] == [
        "短期借款",
        "租赁负债(包含一年内到期的租赁负债)",
        "长期应付款(包含一年内到期的长期应付款)",
        "长期借款(包含一年内到期的长期借款)",
    ]
    assert values(hits[2][1]) == [125469.44, 8131.32, 38908.89, 35302.45, 82342.65]


@pytestmark_real
def test_hardware_purchase_table_reads_its_header_after_the_page_id():
    table, row = row_on("002", "230.00300台69000.00")

    assert table.header_label == "设备类型硬件名称"
    assert row.label == "超高性能 AI 服务器"
    _, cable = row_on("002", "线缆0.073988条279.16")
    assert [(c.value, c.unit) for c in cable.cells] == [(0.07, None), (3988.0, "条"), (279.16, None)]
    _, total = row_on("002", "合计126691.86")
    assert [(c.col, c.value) for c in total.cells] == [(2, 126691.86)]


@pytestmark_real
def test_software_table_broken_by_a_page_keeps_its_total_under_the_amount():
    table, total = row_on("002", "合计914.88")

    assert table.columns == ["单价", "数量单位", "购置金额"]
    assert [r.row_id for r in table.rows] == ["1", "2", "3", "4", None]
    assert [(c.col, c.value) for c in total.cells] == [(2, 914.88)]


@pytestmark_real
def test_revenue_forecast_splits_two_rows_printed_on_one_line():
    hits = rows_on("002", "入(万8071.13")

    (table, revenue), (_, price) = hits
    assert table.columns == [f"第{k}年" for k in range(1, 9)]
    assert "销售收入(万元)" in revenue.label
    assert values(revenue) == [8071.13, 16142.26, 16142.26, 16142.26, 15812.83, 13935.06, 12274.71, 10807.08]
    assert values(price) == [4.58] * 5 + [4.12, 3.71, 3.34]
    _, total = row_on("002", "合计15481.04")
    assert table is _ and total.label == "合计"


@pytestmark_real
def test_profit_forecast_rejoins_labels_wrapped_around_glued_row_ids():
    labels = {r.row_id: r.label for _, r in (row_on("002", needle) for needle in ("115481.04", "212839.24", "34.649.29"))}

    assert labels == {"1": "营业收入", "2": "总成本费用", "3": "税金及附加"}


@pytestmark_real
def test_cash_holding_computation_reads_row_ids_and_formulas_apart_from_values():
    _, row = row_on("002", "2024年度营业成本1241517.49")
    _, formula = row_on("002", "最低货币资金保有量10=4/960979.73")

    assert (row.row_id, values(row)) == ("1", [241517.49])
    assert (formula.row_id, formula.label, values(formula)) == ("10", "最低货币资金保有量", [60979.73])


@pytestmark_real
def test_service_price_ranges_are_two_ends_in_their_column_beside_the_project_price():
    _, row = row_on("002", "丹江口智算集群一0.660.57-0.66")

    assert [(c.col, c.raw_text, c.value, c.ambiguous) for c in row.cells] == [
        (0, "0.66", 0.66, False), (1, "0.57", 0.57, True), (1, "0.66", 0.66, True),
    ]  # fmt: skip


@pytestmark_real
def test_quarter_revenue_table_has_five_columns_with_their_periods():
    table, row = row_on("002", "智算业务13470.5624.83%")

    assert table.columns[:3] == ["2025年一季度", "2025年一季度占比", "2025年一季度同比变动"]
    assert values(row) == [13470.56, 24.83, 972.79, 1255.66, 1.74]


@pytestmark_real
def test_a_space_aligned_row_carried_over_a_page_under_its_repeated_header_joins_its_table():
    table, row = row_on("003", "裸金属服务器销售单价(元/台/月)")

    assert table.columns == ["2023年1-3月", "2022年度", "2021年度"]
    assert table.rows[0].label == "裸金属销售收入(万元)"
    assert values(row) == [2326.54, 2195.92, 2395.47]


def test_a_lone_spaced_line_under_a_short_text_line_is_not_a_table():
    lines = ["综上所述", "本项目 合计   5,032.25   21,901.30"]

    assert find_tables(lines) == []


def test_values_that_happen_to_start_with_1_2_3_keep_their_digits_without_formulas():
    lines = ["项目金额", "设备购置费1234.56", "软件购置费2345.67", "机柜租赁费3456.78"]

    [table] = find_tables(lines)

    assert [(r.row_id, values(r)) for r in table.rows] == [(None, [1234.56]), (None, [2345.67]), (None, [3456.78])]


def test_bracketed_negative_amounts_run_together_are_read_and_a_label_bracket_is_not():
    lines = [
        "项目2024年度2023年度",
        "营业利润（5,526,897.65）（4,571,750.71）",
        "净利润35,736,481.68(15,786,118.10)",
        "速动比率(倍)1.991.81)",  # a closing bracket after a value is the label's, not a negative
    ]

    [table] = find_tables(lines)

    assert [values(r) for r in table.rows] == [[-5526897.65, -4571750.71], [35736481.68, -15786118.10], [1.99, 1.81]]


def test_a_change_not_applicable_keeps_the_year_after_it_under_its_own_column():
    lines = [
        "项目2023年2022年本年比上年增减2021年",
        "营业收入（元）458,217,765.83442,848,821.463.47%327,388,367.37",
        "经营活动产生的现金流量净额（元）",
        "-41,697,816.69-19,618,202.79不适用12,997,318.18",
        "加权平均净资产收益率",
        "13.25%4.41%8.84%8.81%",
    ]

    [table] = find_tables(lines)

    assert [values(r) for r in table.rows[1:]] == [
        [-41697816.69, -19618202.79, None, 12997318.18],
        [13.25, 4.41, 8.84, 8.81],  # no row id "1" glued on in a table whose rows print none
    ]
    assert [c.col for c in table.rows[1].cells] == [0, 1, 2, 3]


def test_a_whole_label_longer_than_a_fragment_above_its_values_stays_in_the_table():
    lines = [
        "项目2024年度2023年度",
        "归属于上市公司股东的净利润",
        "13983715.2013257076.71",
        "归属于上市公司股东的扣除非经常性损益的净利润（元）",
        "15361926.4010874953.45",
        "经营活动产生的现金流量净额（元）",
        "-12421799.645511920.24",
    ]

    [table] = find_tables(lines)

    assert [r.label for r in table.rows] == [
        "归属于上市公司股东的净利润",
        "归属于上市公司股东的扣除非经常性损益的净利润（元）",
        "经营活动产生的现金流量净额（元）",
    ]
    assert values(table.rows[1]) == [15361926.40, 10874953.45]  # not row id 1 and 5361926.40 of a new table
