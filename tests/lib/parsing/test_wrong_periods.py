"""Regressions for facts filed under a wrong period: a reading the table cannot prove keeps no period."""

from orchestration.lib.ingest.documents import read_filing
from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.model import Cell, Row, Table


def _facts(text: str) -> list[tuple[str, float, str | None, str | None]]:
    return [(f.row_label, f.value, f.period, f.metric) for f in parse_filing(text).facts]


def test_an_aging_bucket_row_is_an_age_never_a_model_year():
    text = (
        "公司应收账款账龄如下：\n单位：万元\n账龄\t余额\t坏账准备\n"
        "1年以内\t8,120.50\t406.03\n1-2年\t6,809.82\t680.98\n2-3年\t1,412.09\t423.63\n"
    )

    facts = _facts(text)

    assert ("1-2年", 6809.82, None, "ar_gross") in facts
    assert ("2-3年", 423.63, None, "ar_provision") in facts
    assert all(period is None for _, _, period, _ in facts)


def test_a_space_aligned_table_restating_its_header_reads_balances_at_their_dates():
    # Regression: the restated header (2024年末 | 2023年末 | 本年末比上年末增减) was glued to the next
    # row's label, and the balances were read under the first header's years.
    text = (
        "主要会计数据\n"
        "  项目                                2024年              2023年            本年比上年增减\n"
        "  营业收入（元）                2,707,105,237.35   2,058,083,638.61             31.54%\n"
        "  净利润（元）                   485,740,040.02      79,373,794.75            511.97%\n"
        "  项目                               2024年末             2023年末           本年末比上年末增\n"
        "                                                                              减\n"
        "  总资产（元）                 3,516,800,413.84   3,362,463,346.25              4.59%\n"
    )

    facts = _facts(text)

    assert ("营业收入（元）", 2058083638.61, "FY2023", "revenue") in facts
    assert ("总资产（元）", 3516800413.84, "@2024-12-31", "total_assets") in facts
    assert ("总资产（元）", 3362463346.25, "@2023-12-31", "total_assets") in facts
    assert ("总资产（元）", 4.59, None, None) in facts


def test_a_run_together_change_column_and_unproven_shares_take_no_period_from_the_caption():
    # Regression: the trailing 变动幅度 was grouped under 2023年, the share columns lost their
    # period to the reread, and the caption's 2024年 then filled it in (60.00% filed as FY2024).
    text = (
        "2024年营业收入构成如下：\n"
        "单位：元\n"
        "项目2024年2023年变动幅度\n"
        "金额占营业收入比重金额占营业收入比重\n"
        "营业收入合计2,400,000.00100.00%2,000,000.00100.00%20.00%\n"
        "智算服务1,800,000.0075.00%1,200,000.0060.00%50.00%\n"
        "设备销售600,000.0025.00%800,000.0040.00%-25.00%\n"
    )

    facts = _facts(text)

    assert ("智算服务", 1200000.0, "FY2023", "revenue") in facts
    assert ("智算服务", 1800000.0, "FY2024", "revenue") in facts
    assert ("智算服务", 60.0, None, None) in facts
    assert ("设备销售", -25.0, None, None) in facts
    assert not [fact for fact in facts if fact[0] == "设备销售" and fact[1] == 40.0 and fact[2] == "FY2024"]


def test_a_run_together_row_short_of_values_keeps_them_without_a_period():
    # Regression: with one value read for two period columns, it was placed from the left and filed
    # under 2019年1-9月 although the row printed the 2018年1-9月 figure there.
    text = (
        "合并利润表\n"
        "单位：元\n"
        "项目2019年1-9月2018年1-9月\n"
        "一、营业收入831,365,130.71987,812,305.68\n"
        "二、营业利润160,519,499.67\n"
    )

    facts = [(period, metric) for label, value, period, metric in _facts(text) if value == 160519499.67]

    assert facts == [(None, "operating_profit")]
    assert ("一、营业收入", 987812305.68, "2018M01-M09", "revenue") in _facts(text)


def test_a_bracketed_negative_in_a_run_together_row_is_its_first_value_and_each_keeps_its_period():
    # The row above was first short because "(18,705,715.44)" was not read as a value at all.
    text = "合并利润表\n单位：元\n项目2019年1-9月2018年1-9月\n二、营业利润(18,705,715.44)160,519,499.67\n"

    facts = [(value, period) for label, value, period, metric in _facts(text) if metric == "operating_profit"]

    assert facts == [(-18705715.44, "2019M01-M09"), (160519499.67, "2018M01-M09")]


def test_a_lone_value_of_a_short_run_together_row_keeps_the_period_its_total_proves():
    # Regression: 中贝's forecast prints "5财务费用1193.15" with one value for eight model years; the 合计
    # row under it misses exactly 1193.15 in year 1 and nothing elsewhere, so year 1 is proven, not guessed.
    text = (
        "单位：万元\n"
        "序号项目第1年第2年第3年\n"
        "1营业成本100.00200.00300.00\n"
        "2管理费用10.0020.0030.00\n"
        "3财务费用55.55\n"
        "合计165.55220.00330.00\n"
    )

    facts = [(period, metric) for label, value, period, metric in _facts(text) if value == 55.55]

    assert facts == [("Y1", "financial_expense")]


def test_a_tab_table_restating_its_header_with_relative_balance_dates_is_not_read_under_the_first():
    # Regression: 本报告期末 | 上年度末 name no period the header model reads, so the balances stayed
    # under the first header and 上年度末's total assets was filed at 2019-06-30.
    text = (
        "主要会计数据\n"
        "项目\t2020年1-6月\t2019年1-6月\t本报告期比上年同期增减(%)\n"
        "营业收入（元）\t195,536,224.00\t160,909,954.58\t21.52\n"
        "项目\t本报告期末\t上年度末\t本报告期末比上年度末增减(%)\n"
        "总资产（元）\t370,130,518.41\t286,767,272.34\t29.07\n"
    )

    facts = _facts(text)

    assert ("营业收入（元）", 160909954.58, "2019M01-M06", "revenue") in facts
    assert ("总资产（元）", 286767272.34, None, "total_assets") in facts
    assert ("总资产（元）", 370130518.41, None, "total_assets") in facts


def test_a_caption_year_does_not_date_columns_named_relative_to_each_other():
    # Regression: the caption's 2020年 was filed on both 本期发生额 and 上期发生额.
    text = (
        "2020年度合并利润表\n"
        "单位：元\n"
        "项目\t本期发生额\t上期发生额\n"
        "一、营业收入\t4,836,441,506.90\t4,105,261,534.70\n"
        "减：营业成本\t3,344,882,946.17\t3,279,282,913.92\n"
    )

    facts = _facts(text)

    assert ("一、营业收入", 4105261534.70, None, "revenue") in facts
    assert ("减：营业成本", 3344882946.17, None, "operating_cost") in facts


def test_a_period_is_not_carried_onto_a_column_that_names_its_own_relative_period():
    # Regression: 2022年1-6月 heading 金额 | 占营业收入比重 was carried on over 上年同期金额 and its share.
    text = (
        "营业收入构成\n"
        "项目\t2022年1-6月金额\t占营业收入比重\t上年同期金额\t占营业收入比重\t同比增减\n"
        "智算设备\t117,105,376.64\t65.56%\t116,486,406.50\t65.55%\t0.53%\n"
        "技术服务\t61,515,005.12\t34.44%\t61,224,273.66\t34.45%\t0.47%\n"
    )

    facts = _facts(text)

    assert ("智算设备", 117105376.64, "2022M01-M06", "revenue") in facts
    assert ("智算设备", 65.56, "2022M01-M06", "revenue_share") in facts
    assert ("智算设备", 116486406.50, None, "revenue") in facts
    assert ("智算设备", 65.55, None, "revenue_share") in facts


NOT_APPLICABLE_CHANGES = """<html><body><p>主要会计数据</p><table>
<tr><td></td><td>2023年</td><td>2022年</td><td>变动幅度</td><td>2021年</td></tr>
<tr><td>营业收入（元）</td><td>5,785,099,470.38</td><td>5,016,690,724.85</td><td>15.32%</td><td>5,931,119,165.96</td></tr>
<tr><td>归属于上市公司股东的净利润（元）</td><td>288,115,925.04</td><td>-88,426,197.41</td><td>不适用</td><td>-36,013,755.57</td></tr>
<tr><td>经营活动产生的现金流量净额（元）</td><td>346,527,458.28</td><td>-189,630,909.40</td><td>不适用</td><td>749,693,462.58</td></tr>
<tr><td></td><td>2023年末</td><td>2022年末</td><td>较上年末增减</td><td>2021年末</td></tr>
<tr><td>总资产（元）</td><td>7,042,780,095.24</td><td>5,933,260,400.37</td><td>18.70%</td><td>4,935,335,551.80</td></tr>
</table></body></html>"""


def test_a_grid_whose_change_column_prints_not_applicable_keeps_its_columns():
    # Regression: 不适用 made the change column look like labels, the stub swallowed three columns
    # and the 2023年末 total assets sat in the label while 2021年末's was filed as FY2021.
    document = read_filing("not_applicable.html", NOT_APPLICABLE_CHANGES.encode("utf-8"))
    facts = [(f.row_label, f.value, f.period, f.metric) for f in parse_filing(document.text, document.layout).facts]

    assert ("总资产（元）", 4935335551.80, "@2021-12-31", "total_assets") in facts
    assert ("总资产（元）", 7042780095.24, "@2023-12-31", "total_assets") in facts
    assert ("归属于上市公司股东的净利润（元）", -88426197.41, "FY2022", "net_profit_attributable") in facts


def test_a_page_header_read_into_a_column_name_does_not_date_the_column():
    # Regression: "凌峰电子2024年年度报告全文2024年12月31日" was read as FY2024, the report's year.
    table = Table(
        table_id="t1",
        layout="space",
        line_start=2,
        line_end=3,
        title="合并资产负债表",
        unit="单位：元",
        columns=["凌峰电子2024年年度报告全文2024年12月31日", "2023年12月31日"],
        header_label="项目",
        rows=[
            Row(
                "应收账款",
                None,
                3,
                [Cell(0, "1,168,748,065.79", 1168748065.79, None, 3), Cell(1, "908,017,166.04", 908017166.04, None, 3)],
            )
        ],
    )
    text = "合并资产负债表\n凌峰电子 2024年年度报告全文 项目 2024年12月31日 2023年12月31日\n应收账款 1,168,748,065.79 908,017,166.04\n"

    facts = parse_filing(text, table_finder=lambda lines, page_breaks: [table]).facts

    assert [(f.value, f.period, f.metric) for f in facts] == [
        (1168748065.79, "@2024-12-31", None),
        (908017166.04, "@2023-12-31", None),
    ]
