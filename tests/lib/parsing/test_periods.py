import pytest

from orchestration.lib.parsing.cleanup import clean
from orchestration.lib.parsing.periods import (
    PeriodContext,
    ReportingWindow,
    as_balance_date,
    infer_reporting_window,
    normalize_period,
    periods_in_text,
    split_period,
)
from orchestration.lib.vocabulary.kinds import is_period_code

FORECAST = PeriodContext(model_years=True)
WINDOW = ReportingWindow(
    periods=("FY2022", "FY2023", "FY2024", "2025M01-M09"),
    period_ends=("@2022-12-31", "@2023-12-31", "@2024-12-31", "@2025-09-30"),
)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2024年度", "FY2024"),
        ("2024年", "FY2024"),
        ("2024 年 度", "FY2024"),
        ("2025年1-9月", "2025M01-M09"),
        ("2025 年 1-9 月", "2025M01-M09"),
        ("2023年一季度", "2023M01-M03"),
        ("2025年9月30日", "@2025-09-30"),
        ("2025-09-30", "@2025-09-30"),
        ("2025.9.30", "@2025-09-30"),
        ("2024年末", "@2024-12-31"),
        ("2024年12月31日", "@2024-12-31"),
        ("2025年9月末", "@2025-09-30"),
        ("第3年", "Y3"),
        ("T+3", "Y3"),
        ("第4-11年", "Y4-11"),
        ("建设期", "BUILD"),
        ("营业收入", None),
        ("2025年2月30日", None),
    ],
)
def test_printed_period_labels_map_to_period_codes(label, expected):
    result = normalize_period(label)

    assert result == expected
    assert result is None or is_period_code(result)


def test_total_and_average_are_periods_only_on_a_forecast_year_axis():
    assert normalize_period("合计", FORECAST) == "MODEL_TOTAL"
    assert normalize_period("平均", FORECAST) == "MODEL_AVG"
    assert normalize_period("合计") is None
    assert normalize_period("运营期平均") == "MODEL_AVG"


def test_a_header_with_a_period_and_a_metric_splits_into_both():
    assert split_period("2023 年 1-3 月营业收入") == ("2023M01-M03", "营业收入")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年、2024年及2025年1-6月，公司营业收入", ["FY2023", "FY2024", "2025M01-M06"]),
        ("2021、2022 年公司期间费用", ["FY2021", "FY2022"]),
        ("2023年至2025年1-6月,算力服务业务毛利率", ["FY2023", "FY2024", "2025M01-M06"]),
        ("2022-2024年度,公司下半年营业收入占比", ["FY2022", "FY2023", "FY2024"]),
        ("报告期各期末,发行人应收账款账面余额", list(WINDOW.period_ends)),
        ("报告期内,发行人营业收入", list(WINDOW.periods)),
        ("最近两年一期占比", ["FY2023", "FY2024", "2025M01-M09"]),
    ],
)
def test_period_lists_in_prose_are_expanded_in_order(text, expected):
    assert periods_in_text(text, WINDOW) == expected


def test_reporting_window_is_read_from_the_year_to_date_the_filing_cites_most(
    scraped_reply, auditor_statement, pdf_reply
):
    assert infer_reporting_window(clean(scraped_reply).lines) == WINDOW
    assert infer_reporting_window(clean(auditor_statement).lines).periods[-1] == "2025M01-M03"
    assert infer_reporting_window(clean(pdf_reply).lines).periods == (
        "FY2020",
        "FY2021",
        "FY2022",
        "2023M01-M03",
    )


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("年平均销售收入", ("MODEL_AVG", "销售收入")),
        ("运营期平均毛利率", ("MODEL_AVG", "毛利率")),
        ("第一年增量", ("Y1", "增量")),
        ("第 4-11 年各年度", ("Y4-11", "各年度")),
    ],
)
def test_averages_and_model_years_inside_longer_labels(label, expected):
    # Regression: "运营期平均毛利率" was read whole as MODEL_AVG, losing its metric.
    assert split_period(label, FORECAST) == expected


def test_model_years_printed_as_a_range_of_years():
    assert normalize_period("第4年-第11年") == "Y4-11"


@pytest.mark.parametrize(
    ("metric", "period", "expected"),
    [
        ("ar_gross", "FY2024", "@2024-12-31"),
        ("debt_ratio", "2025M01-M09", "@2025-09-30"),
        ("ar_gross", "@2025-06-30", "@2025-06-30"),
        ("revenue", "FY2024", "FY2024"),
    ],
)
def test_a_balance_printed_under_a_year_is_the_balance_at_its_end(metric, period, expected):
    assert as_balance_date(metric, period) == expected


def test_a_quarter_is_its_own_three_months_and_a_bare_quarter_takes_the_report_year():
    from orchestration.lib.parsing.periods import PeriodContext, normalize_period

    assert normalize_period("2019年第三季度") == "2019M07-M09"
    assert normalize_period("第四季度", PeriodContext(year=2019)) == "2019M10-M12"
    assert normalize_period("第四季度") is None
