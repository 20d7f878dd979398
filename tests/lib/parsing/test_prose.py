import pytest

from orchestration.lib.parsing.cleanup import clean
from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.periods import infer_reporting_window
from orchestration.lib.parsing.prose import prose_facts
from orchestration.lib.parsing.prose_context import market_named


def facts_on(text, line_no):
    lines = clean(text).lines
    facts = prose_facts(lines, set(), set(), infer_reporting_window(lines))
    return [fact for fact in facts if fact.line_no == line_no]


def test_a_list_sentence_gives_one_fact_per_period_it_names(pdf_reply):
    """发行人综合毛利率分别为 23.61%、21.81%、13.96%和 5.64% (报告期各期)."""
    result = [(f.value, f.period, f.metric) for f in facts_on(pdf_reply, 238)]

    assert result == [
        (23.61, "FY2020", "gross_margin"),
        (21.81, "FY2021", "gross_margin"),
        (13.96, "FY2022", "gross_margin"),
        (5.64, "2023M01-M03", "gross_margin"),
    ]


def test_a_list_with_a_shared_year_suffix_and_thousands_separators(pdf_reply):
    """2021、2022 年公司期间费用分别为 27,025.34 万元、31,613.56 万元."""
    result = [(f.raw_text, f.value, f.unit, f.period, f.metric) for f in facts_on(pdf_reply, 541)]

    assert result == [
        ("27,025.34 万元", 27025.34, "万元", "FY2021", "period_expense"),
        ("31,613.56 万元", 31613.56, "万元", "FY2022", "period_expense"),
    ]


def test_balance_dates_of_the_reporting_window_align_with_a_list(scraped_reply):
    """报告期各期末,发行人应收账款账面余额分别为62615.12万元、…和107706.85万元."""
    result = [(f.value, f.period, f.metric) for f in facts_on(scraped_reply, 67) if f.metric == "ar_gross"]

    assert result == [
        (62615.12, "@2022-12-31", "ar_gross"),
        (80578.21, "@2023-12-31", "ar_gross"),
        (72377.28, "@2024-12-31", "ar_gross"),
        (107706.85, "@2025-09-30", "ar_gross"),
    ]


def test_a_list_wrapped_over_a_blank_line_keeps_each_value_on_its_own_line(scraped_reply):
    """2023年至2025年1-6月,算力服务业务毛利率分别为19.61%、12.55%、<br><br>11.75%."""
    result = [(f.line_no, f.value, f.period) for f in facts_on(scraped_reply, 49)]

    assert result == [(49, 11.75, "2025M01-M06")]


def test_list_without_分别为_but_with_分别实现(feasibility_report):
    result = [(f.value, f.period, f.metric) for f in facts_on(feasibility_report, 236)]

    assert result == [
        (366544.55, "FY2023", "revenue"),
        (403414.19, "FY2024", "revenue"),
        (408675.79, "FY2025", "revenue"),
        (130305.70, "2026M01-M03", "revenue"),
    ]


def test_single_statements_of_irr_payback_and_raise_amount(auditor_statement, feasibility_report):
    result = [(f.raw_text, f.metric) for f in facts_on(auditor_statement, 1019)]
    assert result == [("10.17%", "irr_post_tax"), ("5.72年", "payback_static")]

    result = [(f.raw_text, f.value, f.metric) for f in facts_on(feasibility_report, 19)]
    assert result == [("287,000.00万元", 287000.0, "proceeds_used")]


def test_dates_codes_and_bounds_are_not_facts():
    lines = [
        "中瑞云祥已于 2023 年 6 月 29 日办理变更登记，证券代码:300846。",
        "中国移动(600941.SH)根据第5条的规定，余额大于100万元的客户如下。",
    ]

    assert prose_facts(lines, set()) == []


def test_a_latin_word_set_apart_before_a_number_is_no_code_mark_but_a_lone_letter_is():
    lines = ["公司为客户提供 AI 4787P 算力服务。", "采购型号 B 2台与型号C3台。"]

    assert [(f.line_no, f.raw_text) for f in prose_facts(lines, set())] == [(1, "4787P")]


def test_a_raise_amount_capped_by_不超过_is_a_fact_not_a_bound(auditor_statement):
    # Regression: "不超过" was read as the bound "超过" and the raise amount was dropped.
    result = [(f.raw_text, f.metric) for f in facts_on(auditor_statement, 49)]
    assert result == [("192023.48万元", "proceeds_used")]


def test_counts_named_after_the_number_and_a_total_of_the_items_before_it(scraped_reply):
    result = [(f.raw_text, f.metric) for f in facts_on(scraped_reply, 6281)]
    assert result == [("384台", "server_count"), ("3000P", "compute_power")]

    provisions = [(f.value, f.metric, f.period) for f in facts_on(scraped_reply, 4109)]
    assert provisions[-1] == (14759.70, "ar_provision", "@2025-09-30")


def test_a_bare_share_is_the_share_of_the_amount_or_the_share_named_before_it(scraped_reply):
    # Regression: "软硬件购置费95732.00万元,占比96.70%" lost 占比 to the comparison word "比".
    result = [(f.raw_text, f.metric) for f in facts_on(scraped_reply, 5437)]
    assert result[-2:] == [("95732.00万元", "investment_amount"), ("96.70%", "investment_share")]

    shares = [(f.value, f.metric) for f in facts_on(scraped_reply, 53)]
    assert shares == [(15.02, "revenue_share"), (70.80, "revenue_share"), (91.28, "revenue_share")]


def test_an_operating_period_average_is_a_model_average(pdf_reply):
    result = [(f.value, f.metric, f.period) for f in facts_on(pdf_reply, 2694)]
    assert result == [(27.95, "gross_margin", "MODEL_AVG")]


def test_a_change_is_a_fact_without_a_metric_and_compute_units_in_any_case(feasibility_report):
    result = [(f.raw_text, f.metric) for f in facts_on(feasibility_report, 73)]
    assert result[:2] == [("4,495EFlops", "compute_power"), ("117%", None)]


def test_a_window_list_shorter_than_the_window_takes_its_latest_periods():
    lines = [
        "2025年1-9月、2024年度，公司营业收入分别为1.00万元和2.00万元。",
        "报告期各期末，公司应收账款账面余额分别为37,590.23万元、29,302.79万元和57,681.72万元。",
    ]
    window = infer_reporting_window(lines)

    result = [(f.value, f.period) for f in prose_facts(lines, set(), set(), window) if f.line_no == 2]
    assert result == [(37590.23, "@2023-12-31"), (29302.79, "@2024-12-31"), (57681.72, "@2025-09-30")]


def test_an_inquiry_letter_quoted_in_a_reply_keeps_its_own_reporting_window(scraped_reply):
    # Regression: the letter's 报告期 (ending 2025年1-6月) was read with the reply's window (1-9月).
    result = parse_filing(scraped_reply)

    listed = [(f.value, f.period) for f in result.facts if f.line_no == 45 and f.metric == "revenue"]
    assert listed == [
        (74628.47, "FY2022"),
        (77060.50, "FY2023"),
        (65777.79, "FY2024"),
        (118780.92, "2025M01-M06"),
    ]
    (debt_ratio,) = [f for f in result.facts if f.line_no == 75 and f.value == 65.22]
    assert (debt_ratio.metric, debt_ratio.period) == ("debt_ratio", "@2025-06-30")


@pytest.mark.parametrize(
    ("text", "market"),
    [
        ("根据国际数据公司最新预测结果,2025年中国智能算力规模将达到 ", "中国"),
        ("根据工业和信息化部发布的数据，截至 2025 年末，我国已建成万卡智算集群 42 个，智能算力规模达 ", "我国"),
        ("中国智能算力规模将达到2,782EFlops，公司在运营的算力资源规模为 ", None),
        ("报告期内，公司 IDC 服务毛利率进一步回升至 ", None),
    ],
)
def test_a_sentence_about_a_markets_size_names_the_market(text, market):
    assert market_named(text) == market


def test_a_cost_line_printed_per_server_month_is_that_cost_per_server_month_and_a_total_after_it_is_not():
    text = "本次项目,公司租赁机柜,机柜租赁费为0.85万元/台/月,运维人员费用为0.17万元/台/月,二者合计1.02万元/台/月,加上对应的毛利,合计1.26万元/台/月。\n"
    facts = {fact.raw_text: fact.metric for fact in facts_on(text, 1)}
    assert facts["0.85万元/台/月"] == "cabinet_rent_per_server_month"
    assert facts.get("1.26万元/台/月") is None
    assert [f.metric for f in facts_on("机柜租赁费用为300.00万元。\n", 1)] == ["cabinet_rent"]
