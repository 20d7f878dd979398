"""The four disclosed project models of the real filings, assembled from the model's input mart.

Every published yearly line (revenue, total cost, taxes, profit, net profit: whichever the filing
prints) must be reproduced within 0.02 万元 or 0.05%; the published returns are in test_real_returns.py.
"""

import pytest

from orchestration.lib.model.assemble import assemble
from orchestration.lib.model.calibrate import calibrate
from orchestration.lib.model.returns import CONVENTIONS, cash_flows, irr
from tests.lib.model.real_projects import (
    HONGJING,
    HONGJING_PROJECT,
    JINGBEI_PROJECT,
    RENDER_PROJECT,
    SHOUDU,
    ZHONGBEI,
    ZHONGBEI_PROJECT,
    filing_inputs,
    project,
)


@pytest.fixture(scope="module")
def facts(real_marts):
    return lambda name: filing_inputs(real_marts.warehouse, name)


def reproduced(calibration, metric: str) -> list[bool]:
    return [r["within_tolerance"] for r in calibration.residuals if r["metric"] == metric]


def published_lines(calibration) -> dict[str, int]:
    """How many yearly cells of each published line the calibration compared."""
    counts: dict[str, int] = {}
    for r in calibration.residuals:
        counts[r["metric"]] = counts.get(r["metric"], 0) + 1
    return counts


# 宏景科技: revenue = 384 servers x a price that steps down after 36 months, half first and last years,
# the equipment's residual value booked as revenue in year 6.

def test_hongjing_revenue_is_rebuilt_from_its_price_schedule(facts):
    (model,) = [p for p in assemble(facts(HONGJING)) if p.products]

    result = calibrate(model)

    assert reproduced(result, "revenue") == [True] * 6
    c = result.conventions
    assert (c.half_first_year, c.half_last_year, c.residual_as_revenue) == (True, True, True)
    assert c.inclusive_price_decimals == 2  # 5.89 = 6.24 / 1.06 and 4.66 = 4.94 / 1.06
    assert c.implied_residual_rates == (0.05, 0.0)  # electronic equipment 5%, software 0%
    assert [round(v, 2) for v in result.forecast.revenue[0]] == [
        13563.17, 27126.34, 27126.34, 24300.68, 21475.02, 14951.31,
    ]


def test_hongjing_project_is_named_as_printed(facts):
    assert HONGJING_PROJECT in [p.project for p in assemble(facts(HONGJING))]


def test_hongjing_income_tax_is_the_stated_rate(facts):
    model = project(assemble(facts(HONGJING)), HONGJING_PROJECT)

    # no profit or tax line is printed, so the rate is the stated 企业所得税15%, not the statutory 25%
    assert model.taxes.income_tax_rate == 0.15
    assert model.taxes.income_tax_source.startswith("stated: ")


def test_hongjing_total_cost_and_an_irr_the_filing_does_not_publish(facts):
    model = project(assemble(facts(HONGJING)), HONGJING_PROJECT)

    result = calibrate(model)

    assert published_lines(result) == {"revenue": 6, "total_cost": 6}  # no profit lines are printed
    assert result.reproduced
    flows = cash_flows(result.forecast, CONVENTIONS[0], result.conventions.residual_as_revenue)
    # Checked by hand: profit before tax 3,342.11 / 6,684.23 / 6,684.23 / 3,878.91 / 1,073.60 /
    # 4,750.60 less 15% tax, plus depreciation and amortisation ((80,062.30 + 471.70) / 5 a year, half
    # in years 1 and 6), less 98,994.60 invested in year 1 (no timing is printed), gives flows
    # -88,100.40, 21,788.40, 21,788.40, 19,403.88, 17,019.36, 12,091.41: they sum to 3,991 and
    # discount to zero at 1.64%. The investment barely comes back in the six years.
    assert irr(flows)[0] == pytest.approx(0.0164, abs=5e-4)


# 中贝通信: eight years, four clusters, prices −10% a year from year 6, a 0.03% revenue tax.

def test_zhongbei_lines_are_reproduced(facts):
    model = project(assemble(facts(ZHONGBEI)), ZHONGBEI_PROJECT)

    result = calibrate(model)

    lines = ("revenue", "total_cost", "taxes_surcharges", "total_profit", "net_profit")
    assert published_lines(result) == dict.fromkeys(lines, 8)
    assert result.reproduced
    assert result.conventions.revenue_tax_rate == pytest.approx(0.0003)
    assert model.taxes.income_tax_rate == 0.15


# 首都在线 京北: cabinets x 5.30 万元/架/年 (half of year 2), bandwidth and line resale as printed.

def test_jingbei_project_is_named_as_printed(facts):
    assert JINGBEI_PROJECT in [p.project for p in assemble(facts(SHOUDU))]


def test_jingbei_lines_are_reproduced(facts):
    model = project(assemble(facts(SHOUDU)), JINGBEI_PROJECT)

    result = calibrate(model)

    lines = ("revenue", "total_cost", "taxes_surcharges", "total_profit", "net_profit")
    assert published_lines(result) == dict.fromkeys(lines, 10)
    assert result.reproduced
    assert result.conventions.half_first_year
    assert not result.conventions.utilisation_in_revenue  # revenue counts powered cabinets, not rented ones


def test_jingbei_investment_is_paid_over_the_two_build_years_as_printed(facts):
    model = project(assemble(facts(SHOUDU)), JINGBEI_PROJECT)

    (investment,) = [a for a in model.assets if a.cash]

    assert investment.amount.value[:3] == (13472.52, 17827.24, 0.0)  # 建设投资 by build year


# 首都在线 渲染: revenue as printed, selling and admin expenses on yearly ratio schedules.

def test_render_platform_lines_and_expense_schedules(facts):
    model = project(assemble(facts(SHOUDU)), RENDER_PROJECT)

    result = calibrate(model)

    # the profit table prints 营业成本 but no total cost line
    lines = ("revenue", "taxes_surcharges", "total_profit", "net_profit")
    assert published_lines(result) == dict.fromkeys(lines, 7)
    assert result.reproduced
    ratios = {e.metric: e.value.value for e in model.expenses if e.driver == "revenue_ratio"}
    assert ratios == {
        "selling_expense": (0.05, 0.03, 0.02, 0.02, 0.02, 0.02, 0.02),
        "admin_expense": (0.02, 0.018, 0.016, 0.014, 0.012, 0.01, 0.01),
    }
    assert model.taxes.income_tax_rate == 0.15


def test_no_project_is_named_after_a_row_label(facts):
    assert "不含税金额" not in [p.project for p in assemble(facts(SHOUDU))]
