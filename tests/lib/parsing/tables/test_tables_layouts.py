"""find_tables on small printed tables in each layout, and the rules that tie rows together."""

from orchestration.lib.parsing.tables import find_tables
from orchestration.lib.parsing.tables.caption import read_unit


def values(row):
    return [c.value for c in row.cells]


def test_tab_separated_table_with_row_ids_caption_and_empty_cell():
    lines = [
        "本次募集资金投资项目如下：",
        "单位：万元",
        "序号\t项目名称\t投资金额\t拟使用募集资金金额",
        "1\t智算中心项目\t13,563.17\t-",
        "合计\t\t13,563.17\t0.00",
    ]

    [table] = find_tables(lines)

    assert (table.layout, table.unit, table.title) == ("tab", "万元", "本次募集资金投资项目如下：")
    assert table.columns == ["投资金额", "拟使用募集资金金额"]
    assert table.header_label == "序号 项目名称"
    first, total = table.rows
    assert (first.row_id, first.label, values(first)) == ("1", "智算中心项目", [13563.17, None])
    assert (total.row_id, total.label) == (None, "合计")


def test_tab_separated_two_line_header_carries_each_period_over_its_column_group():
    """Regression: the period line was the header and the column names line became a text row."""
    for periods in ("\t2024年度\t\t2023年度\t", "2024年度\t\t2023年度\t"):  # label cell printed or spanning
        lines = [
            periods,
            "项目\t营业收入\t毛利率\t营业收入\t毛利率",
            "算力服务\t28,622.03\t26.14%\t28,882.66\t4.45%",
        ]

        [table] = find_tables(lines)

        assert table.columns == ["2024年度营业收入", "2024年度毛利率", "2023年度营业收入", "2023年度毛利率"]
        assert table.header_label == "项目"
        [row] = table.rows
        assert (row.label, values(row)) == ("算力服务", [28622.03, 26.14, 28882.66, 4.45])


def test_tab_separated_unit_column_between_quantity_and_amount_keeps_price_and_quantity_as_values():
    """Regression: the text column 单位 (台) hid 单价 and 数量 in the row label; only 金额 was read."""
    lines = [
        "设备名称\t单价(万元/台)\t数量\t单位\t金额",
        "AI服务器\t234.64\t298\t台\t69,922.72",
        "合计\t\t\t\t69,922.72",
    ]

    [table] = find_tables(lines)

    assert table.columns == ["单价(万元/台)", "数量", "单位", "金额"]
    server, total = table.rows
    assert (server.label, values(server)) == ("AI服务器", [234.64, 298.0, None, 69922.72])
    assert (total.label, values(total)) == ("合计", [None, None, None, 69922.72])


def test_space_aligned_table_with_two_line_header_and_wrapped_label():
    lines = [
        "                                 单位：万元",
        "   项目              2022 年      2021 年",
        "                       度           度",
        "   营业收入        -1,234.56     13,563.17",
        "   其中:算力服务",
        "                      12.00            -",
        "   业务收入",
    ]

    [table] = find_tables(lines)

    assert table.layout == "space"
    assert table.columns == ["2022年度", "2021年度"]
    revenue, segment = table.rows
    assert values(revenue) == [-1234.56, 13563.17]
    assert (segment.label, values(segment)) == ("其中:算力服务业务收入", [12.0, None])
    assert segment.line_no == 6


def test_space_aligned_row_with_a_missing_cell_is_placed_by_x_position():
    lines = [
        "  项目          第1年        第2年        第3年",
        "  收入         100.00       200.00       300.00",
        "  补贴                       50.00",
        "  成本          60.00       120.00       180.00",
    ]

    [table] = find_tables(lines)

    subsidy = table.rows[1]
    assert [(c.col, c.value) for c in subsidy.cells] == [(1, 50.0)]


def test_concatenated_table_with_interleaved_label_and_repeated_header_after_page_break():
    lines = [
        "序号项目第1年第2年第3年",
        "1营业收入100.00200.00300.00服务器数量",
        "300300300",
        "(台)",
        "",
        "7-2-18",
        "序号项目第1年第2年第3年",
        "利用率98.0%97.5%90.0%",
    ]

    [table] = find_tables(lines)

    assert table.columns == ["第1年", "第2年", "第3年"]
    labels = [r.label for r in table.rows]
    assert labels == ["营业收入", "服务器数量(台)", "利用率"]
    assert values(table.rows[1]) == [300.0, 300.0, 300.0]
    assert values(table.rows[2]) == [98.0, 97.5, 90.0]


def test_a_total_row_chooses_between_candidate_splits():
    lines = [
        "项目第1年第2年",
        "服务器300台400台",
        "交换机100200",
        "合计400台600台",
    ]

    [table] = find_tables(lines)

    switches = table.rows[1]
    assert values(switches) == [100.0, 200.0]
    assert switches.cells[0].note == "split by total equals the sum of its parts"


def test_an_undecidable_run_is_kept_whole_and_flagged():
    lines = ["项目第1年第2年", "服务器数量12345678", "交换机数量2030"]

    [table] = find_tables(lines)

    [cell] = table.rows[0].cells
    assert (cell.raw_text, cell.value, cell.ambiguous) == ("12345678", None, True)
    assert cell.note.startswith("candidates: 1 2345678")


def test_prose_with_numbers_is_not_a_table():
    lines = [
        "报告期各期,发行人营业收入分别为74628.47万元、77060.50万元,2023 年 1-3 月毛利率为 12.55%。",
        "详见 7-2-19 页及 2017/3/14 公告,第 4-11 年保持不变。",
    ]

    assert find_tables(lines) == []


def test_units_from_captions():
    assert read_unit("单位：万元") == "万元"
    assert read_unit("单位:万元、%") == "万元、%"
    assert read_unit("金额单位:万元") == "万元"
    assert read_unit("本项目收入如下") is None


def test_cleaned_page_breaks_still_join_a_tab_table():
    lines = ["序号\t项目\t金额", "1\t甲\t1.00", "", "序号\t项目\t金额", "2\t乙\t2.00"]

    [table] = find_tables(lines, page_breaks=frozenset({3}))

    assert [r.label for r in table.rows] == ["甲", "乙"]


def test_tab_total_row_whose_label_spans_the_id_and_name_columns():
    lines = [
        "序号\t费用名称\t金额\t占比\t拟使用募集资金",
        "1\t设备购置费\t47,900.26\t91.62%\t41,673.23",
        "2\t铺底流动资金\t1,915.61\t3.66%\t",
        "合计\t52,281.30\t100.00%\t42,390.55",
    ]

    [table] = find_tables(lines)

    total = table.rows[-1]
    assert (total.row_id, total.label) == (None, "合计")
    assert values(total) == [52281.30, 100.0, 42390.55]


def test_tab_count_takes_the_unit_printed_in_the_next_column():
    # 2087 个 is a count, not the year 2087.
    lines = ["设备名称\t单价(万元/台)\t数量\t单位\t金额", "400G光模块\t0.65\t2087\t个\t1,356.55", "服务器\t234.64\t298\t台\t69,922.72"]

    [table] = find_tables(lines)

    assert [(c.value, c.unit) for c in table.rows[0].cells][:2] == [(0.65, None), (2087.0, "个")]
