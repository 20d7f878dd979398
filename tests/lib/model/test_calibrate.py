"""Calibration finds the conventions a generated project was printed with, and reproduces its lines."""

import pytest

from orchestration.lib.model.calibrate import calibrate, implied_extra_investment
from orchestration.lib.model.forecast import Conventions, run_forecast
from orchestration.lib.model.returns import CONVENTIONS, cash_flows, irr
from orchestration.lib.model.synthetic import synthetic_project, with_published_lines

# (price incl. VAT, conventions): a low price makes early losses, so carry-forward shows in the lines
TRUTHS = [
    (6.36, Conventions(inclusive_price_decimals=2, half_first_year=True, residual_as_revenue=True,
                       staff_rounding="ceil", revenue_tax_rate=0.0003)),
    (5.0, Conventions(depreciation_base_ex_vat=False, loss_carry_forward=True, staff_rounding="round")),
    (6.36, Conventions(half_last_year=True, capex_vat_credit=False)),
]


@pytest.mark.parametrize(("price", "truth"), TRUTHS, ids=lambda x: x.label() if isinstance(x, Conventions) else str(x))
def test_calibration_recovers_the_conventions_a_project_was_printed_with(price, truth):
    printed = with_published_lines(synthetic_project(price_incl=price), truth)

    result = calibrate(printed)

    assert result.reproduced
    assert result.conventions == truth
    assert all(abs(r["difference"]) <= 0.005 for r in result.residuals)


def test_residuals_name_the_line_and_year_a_wrong_convention_misses():
    printed = with_published_lines(synthetic_project(), TRUTHS[0][1])

    result = calibrate(printed, candidates=[Conventions()])

    missed = {(r["metric"], r["year"]) for r in result.residuals if not r["within_tolerance"]}
    assert ("revenue", 1) in missed  # a full first year where the filing counted six months
    assert ("revenue", 10) in missed  # the residual value the filing booked as revenue
    assert result.misses == len(missed)


def test_the_implied_extra_investment_makes_the_target_irr_true():
    project = synthetic_project()
    forecast = run_forecast(project, Conventions())
    convention = CONVENTIONS[0]

    extra = implied_extra_investment(forecast, convention, False, target_irr=0.10)

    flows = cash_flows(forecast, convention, False)
    flows[0, 1] -= extra  # paid as the investment is: at the end of year 1 (column 0 is t0)
    assert extra > 0
    assert irr(flows)[0] == pytest.approx(0.10, abs=1e-6)
