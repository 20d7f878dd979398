"""Tornado, grid, break-even and Monte Carlo on the generated project."""

import numpy as np
import pytest

from orchestration.lib.model import sensitivity as sn
from orchestration.lib.model.forecast import Conventions, Shocks
from orchestration.lib.model.returns import CONVENTIONS
from orchestration.lib.model.synthetic import synthetic_project


@pytest.fixture(scope="module")
def setting():
    return sn.Setting(synthetic_project(), Conventions(), CONVENTIONS[0], discount_rate=0.08)


def test_the_tornado_moves_irr_with_price_and_against_capex(setting):
    rows = {r["driver"]: r for r in sn.tornado(setting)}

    assert rows["price"]["irr_low"] < rows["price"]["irr_high"]
    assert rows["capex"]["irr_low"] > rows["capex"]["irr_high"]
    assert rows["income_tax_rate"]["npv_low"] > rows["income_tax_rate"]["npv_high"]
    assert rows["discount_rate"]["irr_low"] == rows["discount_rate"]["irr_high"]
    assert rows["discount_rate"]["npv_low"] > rows["discount_rate"]["npv_high"]


def test_grid_cells_equal_single_runs_of_the_same_shock(setting):
    rows = sn.grid(setting, [0.95, 1.0], [0.9, 1.0])

    cell = next(r["value"] for r in rows if (r["price"], r["utilisation"], r["output"]) == (0.95, 0.9, "npv"))
    single = sn.evaluate(setting, Shocks(price=np.array([0.95]), utilisation=np.array([0.9])))["npv"][0]
    assert cell == pytest.approx(single)
    assert len(rows) == 4 * 7


def test_at_the_break_even_price_npv_is_zero(setting):
    multiplier = sn.break_even(setting, "price", "npv")

    npv = sn.evaluate(setting, Shocks(price=np.array([multiplier])))["npv"][0]
    assert 0 < multiplier < 1
    assert npv == pytest.approx(0, abs=1e-3)


def test_a_project_under_water_needs_a_price_rise_to_break_even():
    loss_making = sn.Setting(synthetic_project(price_incl=3.0), Conventions(), CONVENTIONS[0], 0.08)

    multiplier = sn.break_even(loss_making, "price", "npv")

    assert multiplier > 1
    npv = sn.evaluate(loss_making, Shocks(price=np.array([multiplier])))["npv"][0]
    assert npv == pytest.approx(0, abs=1e-3)


def test_monte_carlo_percentiles_are_ordered_and_reproducible(setting):
    first = sn.monte_carlo(setting, n=10_000, seed=7)
    again = sn.monte_carlo(setting, n=10_000, seed=7)

    s = first.summary
    assert s["irr_p10"] < s["irr_p50"] < s["irr_p90"]
    assert s["npv_p10"] < s["npv_p50"] < s["npv_p90"]
    assert 0 <= s["prob_npv_negative"] < 0.5
    assert first.summary == again.summary
    assert first.outputs["npv"].shape == (10_000,)


def test_price_dominates_the_sobol_indices_of_npv(setting):
    rows = [r for r in sn.sobol_indices(setting, base_samples=256) if r["output"] == "npv"]

    ranked = sorted(rows, key=lambda r: -r["st"])
    assert ranked[0]["driver"] == "price"
    assert sum(r["s1"] for r in rows) == pytest.approx(1, abs=0.1)  # the model is near-additive in ±10%
