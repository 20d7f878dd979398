"""IRR, NPV, payback and flow-shape checks against hand-computed cases."""

import numpy as np
import numpy_financial as npf
import pytest

from orchestration.lib.model.returns import flow_shape, irr, npv, payback


def test_irr_of_a_two_period_loan_is_its_interest_rate():
    result = irr(np.array([[-100.0, 110.0]]))

    assert result[0] == pytest.approx(0.10, abs=1e-12)


def test_irr_agrees_with_numpy_financial_row_by_row():
    flows = np.array([[-1000, 300, 400, 500, 200], [-500, 100, 100, 100, 400], [-800, 0, 0, 0, 1200.0]])

    result = irr(flows)

    expected = [npf.irr(row) for row in flows]
    assert result == pytest.approx(expected, abs=1e-10)


def test_irr_is_nan_when_flows_never_change_sign():
    assert np.isnan(irr(np.array([[100.0, 50.0, 50.0]]))[0])


def test_npv_discounts_the_first_column_from_its_stated_time():
    flows = np.array([[-100.0, 60.0, 60.0]])

    at_t0 = npv(flows, 0.10, first=0)
    at_year_end = npv(flows, 0.10, first=1)

    assert at_t0[0] == pytest.approx(-100 + 60 / 1.1 + 60 / 1.21)
    assert at_year_end[0] == pytest.approx(at_t0[0] / 1.1)


def test_static_payback_interpolates_within_the_year_of_crossing():
    flows = np.array([[-100.0, 60.0, 60.0]])

    assert payback(flows, first=1)[0] == pytest.approx(2 + 40 / 60)
    assert payback(flows, first=0)[0] == pytest.approx(1 + 40 / 60)
    assert payback(flows, first=1, skip_years=1)[0] == pytest.approx(1 + 40 / 60)


def test_dynamic_payback_uses_discounted_flows():
    flows = np.array([[-100.0, 60.0, 60.0]])

    result = payback(flows, first=0, rate=0.10)

    discounted = [-100, 60 / 1.1, 60 / 1.21]
    expected = 1 + -(discounted[0] + discounted[1]) / discounted[2]
    assert result[0] == pytest.approx(expected)


def test_payback_is_nan_when_the_project_never_pays_back():
    assert np.isnan(payback(np.array([[-100.0, 30.0, 30.0]]))[0])


def test_a_mine_with_a_closing_cost_has_two_irrs():
    # -1600, +10000, -10000: the textbook case with IRRs of 25% and 400%
    shape = flow_shape(np.array([-1600.0, 10000.0, -10000.0]))

    assert shape.sign_changes == 2
    assert not shape.conventional
    assert shape.irrs == pytest.approx((0.25, 4.0))


def test_a_conventional_project_has_one_irr():
    shape = flow_shape(np.array([-1000.0, 300, 400, 500, 200]))

    assert shape.conventional
    assert shape.irrs == pytest.approx((npf.irr([-1000.0, 300, 400, 500, 200]),))
