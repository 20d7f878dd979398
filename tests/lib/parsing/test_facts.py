from collections import Counter

import pytest

from orchestration.lib.ingest import read_filing_file
from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.model import Cell, Row, Table
from orchestration.lib.vocabulary.kinds import is_period_code
from orchestration.lib.vocabulary.metrics import METRICS


def tables_from(*tables):
    return lambda lines, page_breaks: list(tables)


FORECAST = Table(
    table_id="t1",
    layout="concat",
    line_start=3,
    line_end=5,
    title="本项目效益测算情况如下:",
    unit="单位：万元",
    columns=["建设期", "第1年", "第2年", "合计"],
    rows=[
        Row(
            "营业收入",
            None,
            4,
            [Cell(1, "13563.17", 13563.17, None, 4), Cell(3, "27126.34", 27126.34, None, 4)],
        ),
        Row("毛利率", None, 5, [Cell(1, "41.04%", 41.04, "%", 5), Cell(2, "--", None, None, 5)]),
    ],
)
CAPEX = Table(
    table_id="t1",
    layout="tab",
    line_start=3,
    line_end=4,
    title=None,
    unit="单位：万元",
    columns=["单价(万元/台)", "数量", "总金额"],
    rows=[
        Row(
            "超高性能 AI 服务器",
            "1",
            4,
            [
                Cell(0, "230.00", 230.0, None, 4),
                Cell(1, "300台", 300.0, "台", 4),
                Cell(2, "69000.00", 69000.0, None, 4),
            ],
        ),
    ],
)
FORECAST_TEXT = "(一)智算中心建设项目\n\n本项目效益测算情况如下:\n营业收入 13563.17 27126.34\n毛利率 41.04%\n"
CAPEX_TEXT = "(一)智算中心建设项目\n\n单位：万元\n超高性能 AI 服务器 230.00 300台 69000.00\n"


def test_a_forecast_has_metrics_in_rows_and_model_years_in_columns():
    result = parse_filing(FORECAST_TEXT, table_finder=tables_from(FORECAST))

    facts = [(f.metric, f.period, f.value, f.unit, f.entity, f.entity_kind) for f in result.facts]
    assert facts == [
        ("revenue", "Y1", 13563.17, "万元", "智算中心建设项目", "project"),
        ("revenue", "MODEL_TOTAL", 27126.34, "万元", "智算中心建设项目", "project"),
        ("gross_margin", "Y1", 41.04, "%", "智算中心建设项目", "project"),
    ]


def test_a_capex_table_has_items_in_rows_and_metrics_in_columns():
    result = parse_filing(CAPEX_TEXT, table_finder=tables_from(CAPEX))

    facts = [(f.metric, f.value, f.unit, f.entity, f.label_zh) for f in result.facts]
    assert facts == [
        ("unit_price", 230.0, "万元/台", "超高性能AI服务器", "单价(万元/台)"),
        ("quantity", 300.0, "台", "超高性能AI服务器", "数量"),
        ("investment_amount", 69000.0, "万元", "超高性能AI服务器", "总金额"),
    ]


def test_an_ambiguous_cell_without_a_value_is_reported_not_dropped():
    cell = Cell(2, "1538.49769", None, None, 4, ambiguous=True, note="two splits fit")
    table = Table(
        "t1",
        "concat",
        3,
        4,
        None,
        "单位：万元",
        ["2024年", "2023年", "2022年"],
        [Row("营业收入", None, 4, [cell])],
    )

    result = parse_filing("\n\n\n营业收入1538.49769\n", table_finder=tables_from(table))

    assert result.facts == []
    assert result.ambiguous_cells == [cell]


@pytest.fixture(scope="module")
def parsed(feasibility_report, scraped_reply, auditor_statement, pdf_reply):
    texts = [feasibility_report, scraped_reply, auditor_statement, pdf_reply]
    return [(text, parse_filing(text)) for text in texts]


def test_every_fact_points_to_the_line_that_prints_it(parsed):
    for text, result in parsed:
        lines = text.split("\n")
        assert result.facts
        for fact in result.facts:
            assert fact.raw_text in lines[fact.line_no - 1], fact


def test_fact_ids_are_unique_and_codes_follow_the_vocabulary(parsed):
    for _, result in parsed:
        assert len({fact.fact_id for fact in result.facts}) == len(result.facts)
        for fact in result.facts:
            assert fact.period is None or is_period_code(fact.period)
            assert fact.metric is None or fact.metric in METRICS


def test_unmapped_labels_are_counted_from_the_facts_that_carry_them(parsed):
    for _, result in parsed:
        counted = Counter(fact.label_zh for fact in result.facts if fact.metric is None)
        assert result.unmapped_labels == dict(counted)


def test_feasibility_report_use_of_proceeds_table(parsed):
    _, result = parsed[0]

    table_facts = {(f.entity, f.metric): f.value for f in result.facts if f.table_id == "t1"}
    assert table_facts[("智算中心建设及运营项目", "investment_amount")] == 332125.74
    assert table_facts[("智算中心建设及运营项目", "proceeds_used")] == 220000.0
    assert table_facts[("智微智能", "proceeds_used")] == 287000.0


def test_irr_of_the_auditor_statement_sits_in_its_project_section(parsed):
    _, result = parsed[2]

    (irr,) = [f for f in result.facts if f.metric == "irr_post_tax" and f.line_no == 1019]
    assert (irr.value, irr.entity, irr.entity_kind) == (10.17, "智算中心建设项目", "project")
    assert irr.section_id is not None


def test_pdf_reply_product_table_reads_revenue_by_product(parsed):
    _, result = parsed[3]

    ad_revenue = [f for f in result.facts if f.line_no == 133 and f.metric == "revenue"]
    assert [(f.value, f.period) for f in ad_revenue] == [
        (27089.45, "2023M01-M03"),
        (122289.81, "FY2022"),
        (122037.12, "FY2021"),
        (100855.04, "FY2020"),
    ]


def facts_at(result, line_no):
    return [f for f in result.facts if f.line_no == line_no]


def test_a_period_printed_over_a_pair_of_space_aligned_columns_holds_for_both(parsed):
    # Regression: "2022 年度" over 营业收入 | 营业成本 was dropped, leaving both columns without a period.
    _, result = parsed[3]

    rent = [(f.metric, f.period, f.value, f.entity) for f in facts_at(result, 287)]
    assert rent[2:4] == [
        ("revenue", "FY2022", 25597.82, "机柜租用"),
        ("operating_cost", "FY2022", 23118.67, "机柜租用"),
    ]


def test_a_sensitivity_table_reads_metrics_from_rows_not_from_its_scenario_columns(parsed):
    # Regression: the scenario column "单价下降 10%" was read as the metric unit_price.
    _, result = parsed[3]

    revenue = [(f.metric, f.period, f.value) for f in facts_at(result, 2744)]
    assert revenue[0] == ("revenue", "MODEL_AVG", 6785.42)
    assert {metric for metric, _, _ in revenue} == {"revenue"}


def test_the_rendering_project_forecast_gives_net_profit_by_model_year(parsed):
    _, result = parsed[3]

    (y3,) = [f for f in facts_at(result, 2593) if f.period == "Y3"]
    assert (y3.metric, y3.value, y3.unit, y3.entity, y3.entity_kind) == (
        "net_profit",
        2055.71,
        "万元",
        "渲染一体化智算平台项目",
        "project",
    )


def test_a_rate_column_takes_the_period_of_the_amount_on_its_left(parsed):
    # Regression: "2021 年度 | 费用率(%)" left the rate without a period.
    _, result = parsed[3]

    assert [(f.value, f.period) for f in facts_at(result, 533)] == [
        (7708.76, "FY2022"),
        (6.3, "FY2022"),
        (7597.49, "FY2021"),
        (6.23, "FY2021"),
    ]


def test_a_bare_share_row_is_the_share_of_the_amount_row_above(parsed):
    # Regression: the "占比" row under 营业收入 had no metric.
    _, result = parsed[3]

    assert {f.metric for f in facts_at(result, 134)} == {"revenue_share"}


SHARE_OF_INVESTMENT = Table(
    table_id="t1",
    layout="tab",
    line_start=2,
    line_end=3,
    title="本项目投资构成如下:",
    unit="单位：万元",
    columns=["金额", "占比"],
    rows=[
        Row(
            "机柜租赁费",
            "1",
            3,
            [Cell(0, "2,160.00", 2160.0, None, 3), Cell(1, "12.50%", 12.5, "%", 3)],
        ),
    ],
)


def test_a_cost_line_in_an_investment_list_is_an_investment_item():
    # Regression: "机柜租赁费 | 金额 | 占比" was read as cabinet rent instead of an investment amount and share.
    text = "本项目投资构成如下:\n单位：万元\n机柜租赁费\t2,160.00\t12.50%\n"
    result = parse_filing(text, table_finder=tables_from(SHARE_OF_INVESTMENT))

    assert [(f.metric, f.value, f.entity) for f in result.facts] == [
        ("investment_amount", 2160.0, "机柜租赁费"),
        ("investment_share", 12.5, "机柜租赁费"),
    ]


AGING = Table(
    table_id="t1",
    layout="space",
    line_start=2,
    line_end=3,
    title="截至2025年9月30日，公司应收账款账龄如下：",
    unit="单位：万元",
    columns=["2025年9月30日", "2024年12月31日"],
    header_label="账龄",
    rows=[
        Row(
            "1-2年",
            None,
            3,
            [Cell(0, "6,809.82", 6809.82, None, 3), Cell(1, "1,412.09", 1412.09, None, 3)],
        ),
    ],
)


def test_an_aging_table_lists_gross_receivables_of_the_issuer_by_bucket():
    text = "截至2025年9月30日，公司应收账款账龄如下：\n账龄 2025年9月30日 2024年12月31日\n1-2年 6,809.82 1,412.09\n"

    result = parse_filing(text, table_finder=tables_from(AGING))

    assert [(f.metric, f.period, f.entity_kind, f.label_zh) for f in result.facts] == [
        ("ar_gross", "@2025-09-30", "issuer", "1-2年"),
        ("ar_gross", "@2024-12-31", "issuer", "1-2年"),
    ]


def test_generated_forecasts_read_server_count_from_a_label_wrapped_around_its_numbers(sample_corpus):
    # Regression: "算力服务器 / 1 258 … / 数量(台)" lost its first half to the header and its second
    # half to the next row.
    result = parse_filing(read_filing_file(sample_corpus / "filings" / "qiyun_reply.txt").text)

    servers = [f for f in result.facts if f.metric == "server_count"]
    assert [f.period for f in servers] == ["Y1", "Y2", "Y3", "Y4", "Y5", "Y6"]
    assert {f.label_zh for f in servers} == {"算力服务器数量(台)"}
    prices = [f for f in result.facts if f.metric == "price_per_server_month"]
    assert {f.label_zh for f in prices} == {"服务单价(万元/台/月)"}


def test_a_section_heading_under_a_space_aligned_table_is_not_part_of_its_last_row(sample_corpus):
    # Regression: "（四）期后回款情况" under the aging table became "合计（四）期后回款情况".
    result = parse_filing(read_filing_file(sample_corpus / "filings" / "qiyun_reply.txt").text)

    assert not [f.row_label for f in result.facts if f.row_label and "期后回款情况" in f.row_label]
    totals = [f for f in result.facts if f.row_label == "合计" and f.metric == "ar_gross"]
    assert [f.period for f in totals] == ["@2025-09-30", "@2024-12-31", "@2023-12-31"]


def test_under_forecast_cost_lines_合计_is_total_cost_and_其他_is_another_cost_line(parsed):
    # Regression: both rows took the caption's metric (营业成本) or none.
    _, result = parsed[2]

    assert {f.metric for f in facts_at(result, 953)} == {"other_cost"}
    assert {(f.metric, f.period) for f in facts_at(result, 963) if f.period == "Y1"} == {("total_cost", "Y1")}


def test_a_generic_amount_column_of_a_peer_table_takes_the_metric_its_caption_names(parsed):
    # Regression: "2024年度金额" beside a peer's name was read as an investment amount.
    _, result = parsed[1]

    peer = [(f.metric, f.period, f.value) for f in facts_at(result, 901) if f.unit != "%"]
    assert peer == [("revenue", "FY2024", 54790.58), ("revenue", "FY2023", 116907.79), ("revenue", "FY2022", 161188.74)]


# Project attribution and forecast labels the financial model reads (issue 3 follow-up).

HONGJING_PROJECT = "智能算力集群建设及运营项目"
JINGBEI_PROJECT = "京北云计算软件研发中心项目-算力中心(一期)"
ZHONGBEI_PROJECT = "智算中心建设项目"
RENDER_PROJECT = "渲染一体化智算平台项目"


def test_a_forecast_under_unnamed_headings_belongs_to_the_project_the_question_names(parsed):
    # Regression: the 收入测算 table under "2、项目效益测算" carried the issuer; the question names
    # the project once ("拟用于“智能算力集群建设及运营项目”") and the reader carries it down.
    _, result = parsed[1]

    revenue = [(f.period, f.value, f.entity, f.entity_kind) for f in facts_at(result, 6363)]
    assert revenue[0] == ("Y1", 13563.17, HONGJING_PROJECT, "project")
    assert {f.entity for f in facts_at(result, 6417)} == {HONGJING_PROJECT}


def test_an_amount_labelled_with_a_quoted_project_is_that_projects(parsed):
    # Regression: "“智能算力集群建设及运营项目”投资总额为98994.60万元" was the issuer's investment,
    # while the offering's total raise on the same line stays the issuer's.
    _, result = parsed[1]

    entities = {f.value: f.entity for f in facts_at(result, 5437)}
    assert entities[98994.60] == HONGJING_PROJECT
    assert entities[128994.60] == "宏景科技"


def test_a_heading_naming_a_project_phase_scopes_its_forecast(parsed):
    # Regression: the heading "(2)京北云计算软件研发中心项目-算力中心(一期)" was not read as a project.
    _, result = parsed[3]

    facts = [f for f in result.facts if 2790 <= f.line_no <= 2960 and f.period and f.period.startswith("Y")]
    assert facts
    assert {f.entity for f in facts if f.entity_kind != "segment"} == {JINGBEI_PROJECT}


def test_a_tax_inclusive_or_exclusive_amount_row_names_no_entity(parsed):
    # Regression: the row "不含税金额" of the rendering project's revenue became an entity.
    _, result = parsed[3]

    revenue = [(f.metric, f.period, f.value, f.entity) for f in facts_at(result, 2570)]
    assert revenue[0] == ("revenue", "Y1", 1179.40, RENDER_PROJECT)


def test_a_wrapped_profit_label_that_lost_its_last_character_is_total_profit(parsed):
    # Regression: "附加利润总" + numbers (the 额 never printed) left 利润总额 unmapped.
    _, result = parsed[2]

    profit = [(f.metric, f.period, f.value, f.entity) for f in facts_at(result, 1037)]
    assert profit[0] == ("total_profit", "Y1", 2637.16, ZHONGBEI_PROJECT)
    assert len(profit) == 8


def test_an_income_tax_printed_in_percent_is_the_tax_rate(parsed):
    # Regression: "适用的企业所得税率15%" had no metric and "企业所得税 | 15%" read as a tax amount.
    _, zhongbei = parsed[2]
    _, hongjing = parsed[1]

    (stated,) = facts_at(zhongbei, 1015)
    assert (stated.metric, stated.value, stated.unit, stated.entity) == ("income_tax_rate", 15.0, "%", ZHONGBEI_PROJECT)
    (assumed,) = facts_at(hongjing, 6331)
    assert (assumed.metric, assumed.value, assumed.unit, assumed.entity) == (
        "income_tax_rate", 15.0, "%", HONGJING_PROJECT,
    )


def test_a_price_label_woven_with_its_cluster_name_is_the_price_per_server_month(parsed):
    # Regression: "服务价庆阳格(万1智算元/台/集群月)" (庆阳智算集群 woven into the price label) was
    # unmapped and became an entity.
    _, result = parsed[2]

    prices = facts_at(result, 861)
    price = next(f for f in prices if f.metric == "price_per_server_month")
    assert (price.period, price.value, price.entity) == ("Y1", 4.58, ZHONGBEI_PROJECT)
    assert price.label_zh == "庆阳智算集群 服务价格(万元/台/月)"
    assert price.row_label == "服务价庆阳格(万1智算元/台/集群月)"  # as printed


def test_build_years_of_an_investment_schedule_are_model_years(parsed):
    # Regression: "建设期第1年" and "建设期第2年" both read as BUILD and 建设投资 had no metric.
    _, result = parsed[3]

    investment = [(f.metric, f.period, f.value, f.entity) for f in facts_at(result, 3364)]
    assert investment == [
        ("investment_amount", "Y1", 13472.52, JINGBEI_PROJECT),
        ("investment_amount", "Y2", 17827.24, JINGBEI_PROJECT),
        ("investment_amount", "MODEL_TOTAL", 31299.75, JINGBEI_PROJECT),
    ]


def test_sensitivity_scenarios_stay_in_the_label_and_the_project_keeps_the_figures(parsed):
    # Regression: the scenario rows (价格提高5%) became entities, and the block label of a
    # scenario group (销售率提升5%) was dropped from its rows.
    _, result = parsed[3]

    price_up = {f.metric: f for f in facts_at(result, 3068)}["irr_post_tax"]
    assert (price_up.value, price_up.entity, price_up.row_label) == (13.35, JINGBEI_PROJECT, "价格提高5%")
    base = [f for f in facts_at(result, 2757) if f.column_label == "现有单价假设"]
    assert [(f.metric, f.value, f.entity, f.row_label) for f in base] == [
        ("irr_post_tax", 12.87, RENDER_PROJECT, "现有预测销售率水平 内部收益率"),
    ]


PEER_MARGINS_TEXT = """证券简称：星云数据
(一)渲染算力平台项目
    本项目效益测算如下。
    (1)可比公司毛利率
                                                              单位：%
  类型        可比公司        指标        2022 年度     2021 年度
           甲科技-云计算      毛利率          5.98          9.59
云计算
              乙数据          毛利率          8.35          3.36
可比公
  司
                 毛利率平均值                  7.17          6.48

         星云数据             毛利率         13.96         21.81

    其中:IDC 业务             毛利率         14.74         12.66

        云计算服务            毛利率         11.50         36.13
    星云数据-云计算服务       毛利率         11.50         36.10
"""


def test_rows_of_a_peer_table_are_about_the_company_printed_beside_them_not_the_project():
    facts = parse_filing(PEER_MARGINS_TEXT).facts

    about = {(f.line_no, f.period): (f.value, f.entity, f.entity_kind) for f in facts if f.metric == "gross_margin"}
    assert about[(7, "FY2022")] == (5.98, "甲科技-云计算", "peer")
    assert about[(12, "FY2022")] == (7.17, "可比公司平均值", "peer")
    assert about[(14, "FY2022")] == (13.96, "星云数据", "issuer")
    assert about[(16, "FY2021")] == (12.66, "星云数据-IDC业务", "segment")
    # A segment row under a 其中 row and a "<company>-<segment>" row name the same segment.
    assert about[(18, "FY2021")] == (36.13, "星云数据-云计算服务", "segment")
    assert about[(19, "FY2021")] == (36.10, "星云数据-云计算服务", "segment")


def test_a_market_size_is_the_markets_not_the_issuers_or_the_projects_compute(parsed):
    # Regression: "2025年中国智能算力规模将达到1037.3EFLOPS" in a project's section was that project's
    # compute, and "全市智能算力规模达到10EFlops" the feasibility project's.
    _, reply = parsed[1]
    _, feasibility = parsed[0]

    market_lines = ((reply, 6251, 1037.3, "中国"), (reply, 227, 1037.3, "中国"), (feasibility, 194, 10, "全市"))
    for result, line_no, value, market in market_lines:
        (fact,) = [f for f in facts_at(result, line_no) if f.value == value]
        assert (fact.metric, fact.entity, fact.entity_kind) == ("compute_power", market, "market")
    (own,) = [f for f in facts_at(reply, 6281) if f.unit == "P"]
    assert (own.value, own.entity_kind) == (3000, "project")


def test_a_share_column_of_a_cost_composition_table_holds_percentages_not_cost(parsed):
    # Regression: the header 占比占比占比占比金额金额金额金额 put 占比 before 金额 under each period, so the
    # 合计 row's 100.00 shares became the issuer's operating cost and its amounts investment shares.
    _, result = parsed[2]

    by_period = {(f.period, f.metric): (f.value, f.unit) for f in facts_at(result, 2121)}
    assert by_period[("FY2024", "operating_cost")][0] == 240198.04
    assert by_period[("FY2024", None)] == (100.00, "%")
    money = [f for f in result.facts if f.metric == "operating_cost" and f.column_label and "占比" in f.column_label]
    assert money == []


def test_a_business_line_over_the_years_is_the_segments_not_the_projects_of_the_passage(parsed):
    # regression: 003 line 3440 prints "云计算业务收入" over 2020.12.31 … T+4 in the passage on the 京北
    # project; its forecast years were filed as the project's revenue
    _, result = parsed[3]
    revenue = [f for f in facts_at(result, 3440) if f.raw_text == "50,441.31"]
    assert [(f.entity, f.entity_kind, f.metric) for f in revenue] == [("云计算业务", "segment", "revenue")]
