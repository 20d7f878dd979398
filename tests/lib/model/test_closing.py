"""The returns fit finds the cash-flow convention a published IRR and payback were computed with."""

from dataclasses import replace

import polars as pl
import pytest

from orchestration.lib.model.assumptions import Assumption, Source
from orchestration.lib.model.capital import capital_schedule, capitalised_amount, unitemised_proceeds
from orchestration.lib.model.closing import fit_returns
from orchestration.lib.model.cost_drivers import vat_cost_components
from orchestration.lib.model.forecast import Conventions, run_forecast
from orchestration.lib.model.published_tables import published_cells
from orchestration.lib.model.returns import CashFlowConvention, cash_flows, irr, payback
from orchestration.lib.model.synthetic import synthetic_project

PRINTED = Source(reason="generated published figure")


def _published(project, convention: CashFlowConvention):
    """The project with the IRR and payback ``convention`` gives, printed to 0.01% and 0.01 years."""
    f = run_forecast(project, Conventions())
    flows = cash_flows(f, convention, False)
    printed = {
        "irr_post_tax": Assumption("irr_post_tax", round(float(irr(flows)[0]), 4), "%", PRINTED),
        "payback_static": Assumption("payback_static", round(float(payback(flows)[0]), 2), "年", PRINTED),
    }
    return replace(project, published_returns=printed), f


def test_the_fit_names_the_convention_a_published_return_was_computed_with():
    truth = CashFlowConvention("truth", capex_timing="start_of_year", vat="credit", vat_credit_lag=1, working_capital="none")
    project, f = _published(synthetic_project(), truth)

    fit = fit_returns(project, f, residual_as_revenue=False)

    assert fit.best.closes
    assert (fit.best.convention.capex_timing, fit.best.convention.vat, fit.best.convention.vat_credit_lag) == (
        "start_of_year", "credit", 1,
    )
    assert abs(fit.best.gaps["irr_post_tax"]) < 5e-5
    assert all(c.closes for c in fit.closing) and fit.best in fit.closing


def test_a_published_figure_no_convention_reaches_is_reported_with_its_implied_investment():
    project, f = _published(synthetic_project(), CashFlowConvention("as_paid", working_capital="none"))
    raised = {**project.published_returns, "irr_post_tax": Assumption("irr_post_tax", 0.60, "%", PRINTED)}

    fit = fit_returns(replace(project, published_returns=raised), f, residual_as_revenue=False)

    assert fit.closing == ()
    assert not fit.best.closes
    assert fit.implied["extra_investment_wan"] < 0  # 60% needs less investment than disclosed


def test_a_working_capital_the_filing_does_not_print_is_back_solved_from_the_payback():
    truth = CashFlowConvention("truth", working_capital="with_revenue", vat="gross")
    printed = Assumption("working_capital", 4000.0, "万元", PRINTED)
    project, _ = _published(replace(synthetic_project(), working_capital=printed), truth)
    unprinted = replace(project, working_capital=None)

    fit = fit_returns(unprinted, run_forecast(unprinted, Conventions()), residual_as_revenue=False)

    # no printed amount closes both figures; the implied 4,000 paid with the ramp does, reported as implied
    # (to the 0.01 years the payback is printed to: a few tens of 万元)
    assert fit.best.closes and fit.best.implied
    assert fit.best.convention.implied_working_capital_wan == pytest.approx(4000, abs=50)
    assert "working_capital=with_revenue, working_capital_amount=implied" in " | ".join(c.convention.name for c in fit.closing)
    assert fit.implied["working_capital_wan"] == pytest.approx(fit.best.convention.implied_working_capital_wan, abs=0.01)
    assert not any(c.closes for c in fit.candidates if not c.implied)


def test_no_published_return_no_fit():
    project = synthetic_project()

    assert fit_returns(project, run_forecast(project, Conventions()), residual_as_revenue=False) is None


def _fact(fact_id, value, *, entity=None, row_label=None, column_label=None, label_zh=None, period=None,
          table_id=None, line_no=1, metric=None, unit="万元", section_id="s1"):
    return {"fact_id": fact_id, "value": value, "entity": entity, "row_label": row_label, "column_label": column_label,
            "label_zh": label_zh, "period": period, "table_id": table_id, "line_no": line_no, "metric": metric,
            "unit": unit, "section_id": section_id}


def test_capital_schedule_capitalised_amount_and_unitemised_proceeds():
    facts = pl.DataFrame([
        _fact("a1", 70.0, entity="固定资产投入", row_label="固定资产投入", period="Y1", table_id="t1", line_no=10),
        _fact("a2", 30.0, entity="固定资产投入", row_label="固定资产投入", period="Y2", table_id="t1", line_no=10),
        _fact("b1", 10.0, entity="研发支出", row_label="研发支出", period="Y1", table_id="t1", line_no=11),
        _fact("c1", 80.0, entity="P", row_label="合计", period="Y1", table_id="t1", line_no=12),
        _fact("c2", 30.0, entity="P", row_label="合计", period="Y2", table_id="t1", line_no=12),
        _fact("p1", 90.0, label_zh="预计固定资产增加额", line_no=13),
        _fact("p2", 5.0, label_zh="无形资产增加额", line_no=13),
        _fact("q1", 130.0, entity="P", row_label="P", column_label="拟使用募集资金", table_id="t2", line_no=20),
    ])

    assets = capital_schedule("P", facts, years=3)

    assert [(a.name, a.amount.value) for a in assets] == [("固定资产投入", (70.0, 30.0, 0.0)), ("研发支出", (10.0, 0.0, 0.0))]
    assert capitalised_amount(facts, ("a1",)).value == 95.0
    proceeds = unitemised_proceeds("P", facts, itemised=110.0, itemised_ids=("a1",))
    assert proceeds.value == 20.0 and proceeds.source.fact_ids[0] == "q1"
    assert unitemised_proceeds("P", facts, itemised=130.0, itemised_ids=()) is None


def test_sensitivity_cells_read_their_shocks_from_the_labels():
    facts = pl.DataFrame([
        _fact("x1", 13.35, entity="P", row_label="价格提高5%", column_label="税后内部收益率", metric="irr_post_tax",
              table_id="t9", unit="%"),
        _fact("x2", 12.0, entity="P", row_label="初始价格", column_label="税后内部收益率", metric="irr_post_tax",
              table_id="t9", unit="%"),
        _fact("x3", 6785.42, entity="P", row_label="销售率提升5% 年平均销售收入", column_label="单价下降10%",
              metric="revenue", period="MODEL_AVG", table_id="t9"),
        _fact("x4", 100.0, entity="P", row_label="营业收入", metric="revenue", period="Y1", table_id="t9"),
    ])

    cells = published_cells("P", facts)

    assert [(c.output, c.price, c.utilisation, c.published) for c in cells] == [
        ("irr", pytest.approx(1.05), 1.0, pytest.approx(0.1335)),
        ("irr", 1.0, 1.0, pytest.approx(0.12)),
        ("avg_revenue", pytest.approx(0.9), pytest.approx(1.05), 6785.42),
    ]


def test_vat_cost_components_are_the_parts_below_a_subtotal_whatever_entity_they_were_read_with():
    printed = [  # (label, metric, entity, value per year, line)
        ("机柜租赁", "cabinet_rent", "P", 100.0, 1),
        ("其中:设备修理", "total_cost", "设备修理", 10.0, 2),
        ("水电费", "power_cost", "P", 60.0, 3),
        ("人工费用", "staff_cost", "P", 30.0, 4),
        ("带宽租用", "bandwidth_cost", "P", 50.0, 5),
    ]
    facts = pl.DataFrame([
        _fact(f"f{line}-{year}", value, entity=entity, row_label=label, metric=metric, period=f"Y{year}",
              table_id="t1", line_no=line)
        for label, metric, entity, value, line in printed for year in (1, 2)
    ])

    components = vat_cost_components("P", facts, "t1", years=2)

    # 机柜租赁 is the sum of the three rows below it: its parts carry the VAT; staff carries none
    assert [(c.metric, c.value.value) for c in components] == [
        ("power_cost", (60.0, 60.0)), ("bandwidth_cost", (50.0, 50.0)),
    ]
