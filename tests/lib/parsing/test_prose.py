from orchestration.lib.parsing.cleanup import clean
from orchestration.lib.parsing.periods import infer_reporting_window
from orchestration.lib.parsing.prose import prose_facts


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
