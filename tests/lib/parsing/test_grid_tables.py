"""Annual-report tables read by their structure (HTML grids) and proven by their own arithmetic.

The fixture mirrors the layouts of real annual reports converted from PDF to HTML: an empty
top-left cell, a change column between the years, a second header block for balances, units in
row labels, a two-level header with group rows, segment margins, year-less quarters, and a table
whose change column contradicts its header.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.lib.ingest.documents import read_filing
from orchestration.lib.parsing.facts import parse_filing

FIXTURE = Path(__file__).with_name("fixtures") / "annual_report.html"

# (line, printed, period, metric) of every table fact the fixture prints; None where the fixture's
# arithmetic or header cannot prove one.
EXPECTED = {
    # key indicators: 2019 | 2018 | 本年比上年增减 | 2017, units in the row labels
    (8, "205,021,446. 76"): ("FY2019", "revenue", "元"),
    (8, "180,000,000.00"): ("FY2018", "revenue", "元"),
    (8, "13.90%"): (None, None, "%"),
    (8, "150,000,000.00"): ("FY2017", "revenue", "元"),
    (9, "20,000,000.00"): ("FY2019", "net_profit_attributable", "元"),
    (9, "25,000,000.00"): ("FY2018", "net_profit_attributable", "元"),
    (9, "-20.00%"): (None, None, "%"),
    (9, "22,000,000.00"): ("FY2017", "net_profit_attributable", "元"),
    (10, "0.25"): ("FY2019", "eps_basic", "元/股"),
    (10, "0.20"): ("FY2018", "eps_basic", "元/股"),
    (10, "25.00%"): (None, None, "%"),
    (10, "0.18"): ("FY2017", "eps_basic", "元/股"),
    (11, "8.50%"): ("FY2019", "roe_weighted", "%"),
    (11, "7.00%"): ("FY2018", "roe_weighted", "%"),
    (11, "1.50%"): (None, None, "%"),
    (11, "6.80%"): ("FY2017", "roe_weighted", "%"),
    # the balance block: 2019年末 | 2018年末 | 本年末比上年末增减 | 2017年末
    (13, "1,200,000,000.00"): ("@2019-12-31", "total_assets", "元"),
    (13, "1,000,000,000.00"): ("@2018-12-31", "total_assets", "元"),
    (13, "20.00%"): (None, None, "%"),
    (13, "900,000,000.00"): ("@2017-12-31", "total_assets", "元"),
    # quarters of the report's year
    (17, "40,000,000.00"): ("2019M01-M03", "revenue", "元"),
    (17, "50,000,000.00"): ("2019M04-M06", "revenue", "元"),
    (17, "55,000,000.00"): ("2019M07-M09", "revenue", "元"),
    (17, "60,021,446.76"): ("2019M10-M12", "revenue", "元"),
}
REVENUE_COMPOSITION = {  # line -> (2019 amount, 2019 share, 2018 amount, 2018 share, change)
    23: (200_000_000.0, 100.0, 160_000_000.0, 100.0, 25.0),
    25: (150_000_000.0, 75.0, 100_000_000.0, 62.5, 50.0),
    26: (50_000_000.0, 25.0, 60_000_000.0, 37.5, -16.67),
    28: (120_000_000.0, 60.0, 96_000_000.0, 60.0, 25.0),
    29: (80_000_000.0, 40.0, 64_000_000.0, 40.0, 25.0),
}
COMPOSITION_PERIODS = ("FY2019", "FY2019", "FY2018", "FY2018", None)
COMPOSITION_METRICS = ("revenue", "revenue_share", "revenue", "revenue_share", None)


@pytest.fixture(scope="module")
def annual_report():
    document = read_filing(FIXTURE.name, FIXTURE.read_bytes())
    return document, parse_filing(document.text, document.layout)


def _table_of(parsed, line_no):
    return next(t for t in parsed.tables if t.line_start <= line_no <= t.line_end)


def test_the_cover_gives_kind_company_code_and_report_period(annual_report):
    meta = annual_report[0].metadata
    assert (meta.doc_kind, meta.company_name, meta.stock_code, meta.report_period) == (
        "annual_report", "示例智算科技股份有限公司", "300999", "FY2019",
    )


def test_key_indicators_quarters_keep_their_columns_and_change_columns_are_no_period(annual_report):
    _, parsed = annual_report
    found = {(f.line_no, f.raw_text): (f.period, f.metric, f.unit) for f in parsed.facts if f.table_id}
    assert {key: found.get(key) for key in EXPECTED} == EXPECTED


def test_a_two_level_header_gives_each_measure_its_year(annual_report):
    _, parsed = annual_report
    for line_no, values in REVENUE_COMPOSITION.items():
        facts = sorted((f for f in parsed.facts if f.line_no == line_no), key=lambda f: f.fact_id)
        assert [f.value for f in facts] == list(values)
        assert tuple(f.period for f in facts) == COMPOSITION_PERIODS
        assert tuple(f.metric for f in facts) == COMPOSITION_METRICS
    assert not [f for f in parsed.facts if f.row_label in {"分行业", "分地区"}]


def test_segment_margins_are_verified_by_revenue_less_cost(annual_report):
    _, parsed = annual_report
    table = _table_of(parsed, 34)
    assert table.decided_by == "verified"
    assert [(f.metric, f.value) for f in parsed.facts if f.line_no == 34][:3] == [
        ("revenue", 150_000_000.0), ("operating_cost", 90_000_000.0), ("gross_margin", 40.0),
    ]
    assert {f.metric for f in parsed.facts if f.line_no == 34 and "增减" in (f.column_label or "")} == {None}


def test_every_table_records_how_its_columns_were_decided(annual_report):
    _, parsed = annual_report
    decided = [(t.line_start, t.decided_by) for t in parsed.tables]
    assert decided == [(7, "verified"), (12, "verified"), (16, "unverifiable"), (21, "verified"), (32, "verified"),
                       (37, "contradicted")]


def test_a_contradicted_table_keeps_its_values_without_periods_and_files_a_finding(annual_report):
    _, parsed = annual_report
    facts = [f for f in parsed.facts if f.line_no in (38, 39)]
    assert [f.value for f in facts] == [180_000_000.0, 205_021_446.76, 13.9, 100_000_000.0, 130_000_000.0, 30.0]
    assert {f.period for f in facts} == {None}
    assert max(f.confidence for f in facts) < 0.5
    (revenue, cost) = [f for f in parsed.table_findings if f.check == "change"]
    assert (revenue.line_no, revenue.printed, round(revenue.expected, 2)) == (38, 13.9, -12.2)
    assert revenue.header_reading == "同比增减 = 2019年 vs 2018年"
    assert revenue.other_reading == "同比增减 = 2018年 vs 2019年"
    assert cost.line_no == 39


def test_no_fact_of_the_fixture_is_under_a_wrong_period(annual_report):
    _, parsed = annual_report
    right = {key: period for key, (period, _, _) in EXPECTED.items()}
    for line_no in REVENUE_COMPOSITION:
        facts = sorted((f for f in parsed.facts if f.line_no == line_no), key=lambda f: f.fact_id)
        right.update({(f.line_no, f.fact_id): period for f, period in zip(facts, COMPOSITION_PERIODS)})
    table_facts = [f for f in parsed.facts if f.table_id]
    wrong = [
        f for f in table_facts
        if f.period is not None and f.period != right.get((f.line_no, f.raw_text), right.get((f.line_no, f.fact_id)))
    ]
    assert len(table_facts) == 67 and wrong == []


def test_money_is_normalized_to_wan_beside_the_printed_value(annual_report):
    _, parsed = annual_report
    fact = next(f for f in parsed.facts if f.raw_text == "205,021,446. 76")
    assert (fact.value, fact.unit, fact.value_wan) == (205_021_446.76, "元", pytest.approx(20_502.144676))


def test_facts_carry_the_page_that_prints_them():
    from orchestration.lib.grid import DocumentLayout

    text = "第一页\n单位：万元\n第二页开始\n项目\t2024年度\t2023年度\n营业收入\t1,000.00\t900.00\n"
    parsed = parse_filing(text, DocumentLayout(page_starts=(1, 3)))
    assert {(f.value, f.page) for f in parsed.facts} == {(1000.0, 2), (900.0, 2)}


PAGE_BROKEN = """<p>示例智算科技股份有限公司2019年年度报告全文，以下为应收账款按账龄披露的情况，单位为元。</p>
<p>单位：元</p>
<table><tr><td>账龄</td><td>2019年12月31日</td><td>2018年12月31日</td><td>2017年12月31日</td></tr>
<tr><td>1年以内</td><td>1,000.00</td><td>800.00</td><td>600.00</td></tr>
<tr><td>1至2年</td><td>500.00</td><td>400.00</td><td>300.00</td></tr></table>
<p>示例智算科技股份有限公司2019年年度报告全文</p>
<table><tr><td>账龄</td><td>2019年12月31日</td><td>2018年12月31日</td><td>2017年12月31日</td></tr>
<tr><td>2至3年</td><td>250.00</td><td>200.00</td><td>100.00</td></tr>
<tr><td>合计</td><td>1,750.00</td><td>1,500.00</td><td>1,000.00</td></tr></table>"""


def test_a_table_continued_on_the_next_page_is_one_table_and_its_total_is_checked():
    document = read_filing("page_broken.html", PAGE_BROKEN.encode("utf-8"))
    parsed = parse_filing(document.text, document.layout)
    (table,) = parsed.tables
    assert [row.label for row in table.rows] == ["1年以内", "1至2年", "2至3年", "合计"]
    (finding,) = parsed.table_findings
    assert (finding.check, finding.row_label, finding.printed, finding.expected) == ("total", "合计", 1500.0, 1400.0)
    doubtful = {f.value for f in parsed.facts if f.confidence == 0.3}
    assert doubtful == {1500.0, 800.0, 400.0, 200.0}
    assert [(f.value, f.period) for f in parsed.facts if f.row_label == "合计"] == [
        (1750.0, "@2019-12-31"), (1500.0, "@2018-12-31"), (1000.0, "@2017-12-31"),
    ]


def test_the_same_report_as_text_alone_files_no_fact_under_a_wrong_period(annual_report):
    # Without the grids, the tab engine reads the printed lines; what it cannot prove it leaves without a period.
    document, from_grids = annual_report
    right: dict[tuple[int, float], set[str | None]] = {}
    for fact in from_grids.facts:
        right.setdefault((fact.line_no, fact.value), set()).add(fact.period)
    from_text = parse_filing(document.text)
    wrong = [f for f in from_text.facts if f.table_id and f.period and f.period not in right[(f.line_no, f.value)]]
    with_period = [f for f in from_text.facts if f.table_id and f.period]
    assert wrong == [] and len(with_period) == 19  # key indicators, balances, quarters
    assert next(t for t in from_text.tables if t.line_start == 21).decided_by == "contradicted"


LOST_MEASURES = (
    "可比公司收入变动情况如下：\n单位：万元\n"
    "证券名称\t2024年度\t2024年度\t2023年度\t2023年度\t2022年度\n"
    "甲公司\t53082.89\t{a}\t113891.99\t-27.58%\t157266.23\n"
    "乙公司\t22551.60\t{b}\t48256.83\t-5.99%\t51329.30\n"
)


def test_a_percentage_column_under_a_repeated_period_is_a_change_only_where_arithmetic_proves_it():
    # Regression: a header that lost 变动幅度 gave year-on-year changes the period of the amounts.
    proven = parse_filing(LOST_MEASURES.format(a="-53.39%", b="-53.27%"))
    assert [(f.value, f.period) for f in proven.facts if f.line_no == 4] == [
        (53082.89, "FY2024"), (-53.39, None), (113891.99, "FY2023"), (-27.58, None), (157266.23, "FY2022"),
    ]
    assert proven.tables[0].decided_by == "verified"
    unproven = parse_filing(LOST_MEASURES.format(a="-12.00%", b="-8.00%"))  # against a year the table omits
    assert [(f.value, f.period) for f in unproven.facts if f.line_no == 4] == [
        (53082.89, "FY2024"), (-12.0, None), (113891.99, "FY2023"), (-27.58, None), (157266.23, "FY2022"),
    ]
    assert [f.check for f in unproven.table_findings] == ["kind"]


def test_a_grid_cell_may_print_its_money_unit():
    page = (
        "<p>公司主要财务数据如下所示，数据摘自公司年度报告全文并经会计师审计确认无误，请投资者注意。</p>"
        "<table><tr><td>项目</td><td>2019年</td><td>2018年</td></tr>"
        "<tr><td>营业收入</td><td>12.50亿元</td><td>8,000.00万元</td></tr></table>"
    )
    document = read_filing("money.html", page.encode("utf-8"))
    facts = parse_filing(document.text, document.layout).facts
    assert [(f.value, f.unit, f.value_wan, f.period) for f in facts] == [
        (12.5, "亿元", 125000.0, "FY2019"), (8000.0, "万元", 8000.0, "FY2018"),
    ]
