from collections import Counter

import pytest

from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.model import Cell, Row, Table
from orchestration.lib.parsing.vocabulary import METRICS, is_period_code


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
    result = parse_filing(FORECAST_TEXT, tables_from(FORECAST))

    facts = [(f.metric, f.period, f.value, f.unit, f.entity, f.entity_kind) for f in result.facts]
    assert facts == [
        ("revenue", "Y1", 13563.17, "万元", "智算中心建设项目", "project"),
        ("revenue", "MODEL_TOTAL", 27126.34, "万元", "智算中心建设项目", "project"),
        ("gross_margin", "Y1", 41.04, "%", "智算中心建设项目", "project"),
    ]


def test_a_capex_table_has_items_in_rows_and_metrics_in_columns():
    result = parse_filing(CAPEX_TEXT, tables_from(CAPEX))

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

    result = parse_filing("\n\n\n营业收入1538.49769\n", tables_from(table))

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
