"""IRR, NPV, payback and flow-shape checks against hand-computed cases."""

import numpy as np
import numpy_financial as npf
import pytest

from orchestration.lib.model.forecast import Forecast
from orchestration.lib.model.returns import (
    CashFlowConvention,
    cash_flows,
    cost_input_vat,
    flow_shape,
    irr,
    npv,
    payback,
    retained_output_vat,
    working_capital,
    working_capital_flows,
)


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


# The cash-flow switches, on a hand-sized forecast: 3 years, one scenario.

def _forecast(**lines) -> Forecast:
    def row(values):
        return np.array([values], dtype=float)

    base = {
        "revenue": row([0, 50, 100]), "residual_revenue": row([0, 0, 0]), "cost_lines": {},
        "depreciation": row([0, 10, 10]), "expenses": row([0, 0, 0]), "taxes_surcharges": row([0, 0, 0]),
        "total_profit": row([0, 20, 30]), "income_tax": row([0, 5, 7.5]), "net_profit": row([0, 15, 22.5]),
        "capex_paid": row([113, 0, 0]), "capex_vat": row([13, 0, 0]), "salvage": row([0, 0, 80]),
        "output_vat": row([0, 3, 6]), "input_vat": row([0, 1, 1]), "financial_expense": row([0, 4, 0]),
        "income_tax_on_ebit": row([0, 6, 7.5]), "working_capital": np.array([10.0]),
        "unitemised_proceeds": np.array([0.0]),
    }
    return Forecast(**{**base, **{k: row(v) if isinstance(v, list) else v for k, v in lines.items()}})


def test_as_paid_puts_the_investment_at_the_end_of_its_year_after_a_t0_column():
    flows = cash_flows(_forecast(), CashFlowConvention("as_paid", working_capital="none"), False)

    # net profit + depreciation, less 100 ex VAT in year 1, plus 80 book value recovered in year 3
    assert flows[0].tolist() == pytest.approx([0, -100, 25, 32.5 + 80])


def test_start_of_year_and_t0_pay_before_the_year_runs():
    f = _forecast(capex_paid=[13, 100, 0], capex_vat=[0, 0, 0])
    start = CashFlowConvention("s", capex_timing="start_of_year", working_capital="none", salvage=False)
    t0 = CashFlowConvention("t", capex_timing="t0", working_capital="none", salvage=False)

    assert cash_flows(f, start, False)[0].tolist() == pytest.approx([-13, -100, 25, 32.5])
    assert cash_flows(f, t0, False)[0].tolist() == pytest.approx([-113, 0, 25, 32.5])


def test_working_capital_is_paid_with_the_revenue_ramp_and_recovered_at_the_end():
    revenue = np.array([[0.0, 50, 100]])

    assert working_capital_flows(revenue, np.array([10.0]), "with_revenue")[0].tolist() == [0, 5, -5]
    assert working_capital_flows(revenue, np.array([10.0]), "first_year")[0].tolist() == [0, 10, -10]
    assert working_capital_flows(revenue, np.array([10.0]), "none")[0].tolist() == [0, 0, 0]


def test_output_vat_is_kept_while_the_equipment_credit_lasts_from_its_usable_year():
    f = _forecast(output_vat=[6, 6, 6], input_vat=[1, 1, 1], capex_vat=[8, 0, 0])

    # 5 a year due before the credit; 8 of credit paid in year 1
    assert retained_output_vat(f, lag=0)[0].tolist() == [5, 3, 0]
    assert retained_output_vat(f, lag=1)[0].tolist() == [0, 5, 3]


def test_vat_credit_pays_the_vat_then_gets_it_back_through_output_vat():
    f = _forecast(output_vat=[6, 6, 6], input_vat=[1, 1, 1], capex_vat=[13, 0, 0])
    credit = CashFlowConvention("c", working_capital="none", salvage=False, vat="credit")
    gross = CashFlowConvention("g", working_capital="none", salvage=False, vat="gross")

    assert cash_flows(f, gross, False)[0].tolist() == pytest.approx([0, -113, 25, 32.5])
    assert cash_flows(f, credit, False)[0].tolist() == pytest.approx([0, -108, 30, 35.5])


def test_tax_on_ebit_leaves_the_financial_expense_out_of_the_flows():
    ebit = CashFlowConvention("e", working_capital="none", salvage=False, tax_on_ebit=True)

    # year 2: EBIT 20 + 4 less 6 of tax on it, plus 10 of depreciation
    assert cash_flows(_forecast(), ebit, False)[0, 2] == pytest.approx(24 - 6 + 10)


def test_a_t0_column_with_nothing_paid_is_not_a_payback():
    flows = np.array([[0.0, -100.0, 60.0, 60.0]])

    assert payback(flows)[0] == pytest.approx(2 + 40 / 60)


def test_cost_components_net_the_kept_output_vat_at_their_statutory_rates():
    f = _forecast(output_vat=[6, 6, 6], input_vat=[0, 0, 0], capex_vat=[20, 0, 0])
    f.vat_cost_lines = {"power_cost": np.full((1, 3), 10.0), "bandwidth_cost": np.full((1, 3), 20.0)}

    # power 13%: 1.3; bandwidth 6% (value-added telecom) 1.2 or 9% (basic telecom) 1.8
    assert cost_input_vat(f, "value_added_telecom")[0].tolist() == pytest.approx([2.5, 2.5, 2.5])
    assert cost_input_vat(f, "basic_telecom")[0].tolist() == pytest.approx([3.1, 3.1, 3.1])
    assert cost_input_vat(f, "modelled")[0].tolist() == [0, 0, 0]  # the model's cost lines carry no rate here
    assert retained_output_vat(f, 0, "basic_telecom")[0].tolist() == pytest.approx([2.9, 2.9, 2.9])
    assert retained_output_vat(f, 0, "modelled")[0].tolist() == pytest.approx([6, 6, 6])


def test_an_implied_working_capital_is_read_from_the_convention():
    c = CashFlowConvention("w", working_capital="first_year", working_capital_amount="implied",
                           implied_working_capital_wan=7.0)

    assert working_capital(_forecast(), c).tolist() == [7.0]
    assert "implied_working_capital_wan=7.0" in c.label()
