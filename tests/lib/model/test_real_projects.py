"""The four disclosed project models of the real filings, assembled from the parser's facts as parsed.

Every published yearly line (revenue, total cost, taxes, profit, net profit: whichever the filing
prints) must be reproduced within 0.02 万元 or 0.05%; returns are set beside the published ones with
the gap and the range the cash-flow conventions span.
"""

from dataclasses import asdict, replace

import numpy as np
import polars as pl
import pytest

from orchestration.lib.model.assemble import assemble
from orchestration.lib.model.assumptions import Asset, Assumption, Source
from orchestration.lib.model.calibrate import calibrate, implied_extra_investment
from orchestration.lib.model.forecast import Shocks
from orchestration.lib.model.returns import (
    CONVENTIONS,
    CashFlowConvention,
    cash_flows,
    first_period,
    irr,
    payback,
)
from orchestration.lib.model.sensitivity import Setting, evaluate
from orchestration.lib.parsing.facts import parse_filing

HONGJING = "001_1cef971acf991f87.txt"
ZHONGBEI = "002_7cdd91bcb8568f2f.txt"
SHOUDU = "003_aee50a10d511e859.txt"
HONGJING_PROJECT = "智能算力集群建设及运营项目"
ZHONGBEI_PROJECT = "智算中心建设项目"
JINGBEI_PROJECT = "京北云计算软件研发中心项目-算力中心(一期)"
RENDER_PROJECT = "渲染一体化智算平台项目"


@pytest.fixture(scope="module")
def facts(real_filings):
    cache = {}

    def load(name: str) -> pl.DataFrame:
        if name not in cache:
            parsed = parse_filing((real_filings / name).read_text(encoding="utf-8"))
            cache[name] = pl.DataFrame([asdict(f) for f in parsed.facts], infer_schema_length=None)
        return cache[name]

    return load


def project(projects, name: str):
    return next(p for p in projects if p.project == name)


def reproduced(calibration, metric: str) -> list[bool]:
    return [r["within_tolerance"] for r in calibration.residuals if r["metric"] == metric]


def published_lines(calibration) -> dict[str, int]:
    """How many yearly cells of each published line the calibration compared."""
    counts: dict[str, int] = {}
    for r in calibration.residuals:
        counts[r["metric"]] = counts.get(r["metric"], 0) + 1
    return counts


def returns_by_convention(result) -> dict[str, tuple[float, float]]:
    """(IRR, static payback) of the calibrated forecast under every cash-flow convention."""
    out = {}
    for c in CONVENTIONS:
        flows = cash_flows(result.forecast, c, result.conventions.residual_as_revenue)
        out[c.name] = (float(irr(flows)[0]), float(payback(flows, first_period(c))[0]))
    return out


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


def test_zhongbei_published_irr_lies_within_the_convention_range(facts):
    model = project(assemble(facts(ZHONGBEI)), ZHONGBEI_PROJECT)
    result = calibrate(model)
    published_irr = model.published_returns["irr_post_tax"].value
    published_payback = model.published_returns["payback_static"].value
    by_name = {c.name: c for c in CONVENTIONS}

    returns = returns_by_convention(result)
    irrs = [r[0] for r in returns.values()]
    paybacks = [r[1] for r in returns.values()]

    assert (published_irr, published_payback) == pytest.approx((0.1017, 5.72))
    assert min(irrs) < published_irr < max(irrs)
    # equipment ex-VAT paid in year 1 vs VAT paid and recovered through output VAT
    assert returns["as_paid"][0] == pytest.approx(0.1109, abs=5e-4)
    assert returns["as_paid_vat_cash"][0] == pytest.approx(0.0947, abs=5e-4)
    # every convention pays back sooner than published: 5.27 to 5.62 years against 5.72
    assert (min(paybacks), max(paybacks)) == pytest.approx((5.27, 5.62), abs=0.01)
    assert published_payback - returns["as_paid_vat_cash"][1] == pytest.approx(0.10, abs=0.01)
    assert implied_extra_investment(result.forecast, by_name["as_paid_vat_cash"], False, published_irr) < 0


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


def test_jingbei_returns_beside_the_published_ones(facts):
    model = project(assemble(facts(SHOUDU)), JINGBEI_PROJECT)
    result = calibrate(model)

    returns = returns_by_convention(result)
    irrs = [r[0] for r in returns.values()]
    paybacks = [r[1] for r in returns.values()]

    assert model.published_returns["irr_post_tax"].value == pytest.approx(0.12)
    assert model.published_returns["payback_static"].value == pytest.approx(7.83)
    # paid as printed over the two build years: 9.28% and 7.71 years, 2.72 points and 0.12 years
    # short of the published; investing it all at t0 only widens the gap (6.96%). The input-VAT
    # test below shows what closes it.
    assert returns["as_paid"][0] == pytest.approx(0.0928, abs=5e-4)
    assert returns["as_paid"][1] == pytest.approx(7.71, abs=0.01)
    assert (min(irrs), max(irrs)) == pytest.approx((0.0696, 0.0928), abs=5e-4)
    assert max(irrs) < 0.12
    assert set(np.round(paybacks, 2)) == {7.71}


JINGBEI_PRICE_TABLE = {0.95: 0.1061, 0.97: 0.1117, 1.0: 0.12, 1.03: 0.1281, 1.05: 0.1335}  # 003 lines 3066-3072


def test_jingbei_price_sensitivity_table_is_reproduced_within_half_a_point(facts):
    model = project(assemble(facts(SHOUDU)), JINGBEI_PROJECT)
    result = calibrate(model)
    setting = Setting(model, result.conventions, CashFlowConvention("as_paid"), 0.08)

    moved = evaluate(setting, Shocks(price=np.array(list(JINGBEI_PRICE_TABLE))))["irr"]

    # around its own base case the engine moves IRR by the published amounts (cabinet price only:
    # the bandwidth and line resale revenue is not priced per cabinet)
    expected = np.array(list(JINGBEI_PRICE_TABLE.values())) - 0.12
    assert np.all(np.abs((moved - moved[2]) - expected) < 0.005)


def test_jingbei_published_irr_is_true_for_the_investment_net_of_input_vat(facts):
    model = project(assemble(facts(SHOUDU)), JINGBEI_PROJECT)
    result = calibrate(model)

    extra = implied_extra_investment(result.forecast, CONVENTIONS[0], False, 0.12)

    # 31,299.75 of construction investment less 3,240.30 is within 20 万元 of what the filing says
    # becomes assets (27,521.70 fixed + 518.80 intangible): the IRR was computed ex input VAT
    assert 31299.75 + extra == pytest.approx(27521.70 + 518.80, abs=20)
    lowered = replace(model, assets=model.assets + (_paid_in_year_one(extra, model.years),))
    setting = Setting(lowered, result.conventions, CashFlowConvention("as_paid"), 0.08)
    levels = evaluate(setting, Shocks(price=np.array(list(JINGBEI_PRICE_TABLE))))["irr"]
    assert np.all(np.abs(levels - np.array(list(JINGBEI_PRICE_TABLE.values()))) < 0.005)


def _paid_in_year_one(amount: float, years: int) -> Asset:
    paid = Assumption("implied", (amount,) + (0.0,) * (years - 1), "万元", Source(reason="back-solved"))
    return Asset("implied investment", paid, vat_rate=0.0, life_years=0, residual_rate=0.0, service_start_year=1)


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
