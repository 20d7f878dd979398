"""The model's input mart in, model tables out (keyed by project_id), written idempotently."""

import duckdb
import numpy_financial as npf
import pytest

from orchestration.lib.model.pipeline import (
    assumptions_frame,
    forecast_frame,
    reconciliation_frame,
    returns_frame,
    run_projects,
    sensitivity_frame,
    stress,
)
from orchestration.lib.model.store import write_model_tables
from tests.lib.model.small_project import FILING_ID, PROJECT, PROJECT_ID, small_project_inputs


@pytest.fixture(scope="module")
def runs():
    return run_projects(small_project_inputs())


def test_a_printed_project_is_reconciled_line_by_line(runs):
    (run,) = runs
    frame = reconciliation_frame(runs)

    assert (run.assumptions.project_id, run.assumptions.project, run.filing_id) == (PROJECT_ID, PROJECT, FILING_ID)
    assert set(frame["project_id"]) == {PROJECT_ID}
    assert frame.height == 5 * 3  # revenue, total cost, taxes, profit, net profit over three years
    assert frame["within_tolerance"].all()
    assert run.assumptions.taxes.income_tax_rate == 0.25
    selling = next(e for e in run.assumptions.expenses if e.metric == "selling_expense")
    assert (selling.driver, selling.value.value) == ("revenue_ratio", 0.01)


def test_returns_sit_beside_the_published_irr_with_the_gap(runs):
    frame = returns_frame(runs, discount_rate=0.08)

    row = frame.filter((frame["convention"] == "as_paid") & (frame["measure"] == "irr_post_tax_pct")).row(0, named=True)
    # flows: 290.25 + 400 - 1,500 = -809.75, then 730.50 + 400 = 1,130.50 twice; stored in percent as printed
    expected = 100 * npf.irr([-809.75, 1130.50, 1130.50])
    assert row["recomputed"] == pytest.approx(expected, abs=1e-2)
    assert row["published"] == pytest.approx(12.34)
    assert row["gap"] == pytest.approx(expected - 12.34, abs=1e-2)
    assert row["discount_rate_pct"] == pytest.approx(8.0)
    assert row["implied_extra_investment_wan"] > 0


def test_returns_name_the_convention_that_fits_the_published_irr_and_what_it_implies(runs):
    frame = returns_frame(runs, discount_rate=0.08)

    fitted = frame.filter(frame["fit"].is_not_null())
    best = fitted.filter(fitted["fit"].str.starts_with("best") & (fitted["measure"] == "irr_post_tax_pct")).row(0, named=True)
    implied = set(fitted.filter(fitted["fit"] == "implied")["measure"])

    assert best["published"] == pytest.approx(12.34)
    assert best["gap"] == pytest.approx(best["recomputed"] - 12.34)
    assert best["convention"] == runs[0].cash_flow.name
    assert implied == {"implied_extra_investment_wan", "implied_terminal_value_wan"}  # no payback is printed


def test_writing_twice_leaves_the_same_rows(runs, tmp_path):
    frames = {
        "assumptions": assumptions_frame(runs),
        "forecast": forecast_frame(runs),
        "reconciliation": reconciliation_frame(runs),
        "returns": returns_frame(runs, 0.08),
        "sensitivity": sensitivity_frame([stress(run, 0.08, scenarios=500) for run in runs]),
    }
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))

    first = write_model_tables(conn, frames)
    write_model_tables(conn, frames)

    counts = {name: conn.execute(f"select count(*) from model.{name}").fetchone()[0] for name in frames}
    assert counts == first
    assert counts["forecast"] == 8 * 3
    analyses = {a for (a,) in conn.execute("select distinct analysis from model.sensitivity").fetchall()}
    assert analyses == {"tornado", "grid", "break_even", "monte_carlo", "sobol"}
