"""Calibration settles every candidate sharing its operations in one forecast of many rows: it must choose
exactly what the plain loop (one forecast per candidate, kept as the benchmark's baseline) chose."""

from dataclasses import replace

import numpy as np
import pytest

from benchmarks.model_speed import plain_calibrate
from orchestration.lib.model.assemble import assemble
from orchestration.lib.model.calibrate import Calibration, calibrate, candidate_conventions, row_medians
from orchestration.lib.model.forecast import Conventions
from orchestration.lib.model.synthetic import synthetic_project, with_published_lines
from tests.lib.model.real_projects import HONGJING, SHOUDU, ZHONGBEI, filing_inputs
from tests.lib.model.test_calibrate import TRUTHS


def assert_same(ours: Calibration, plain: Calibration) -> None:
    assert ours.conventions == plain.conventions
    assert ours.residuals == plain.residuals
    assert ours.misses == plain.misses
    for name in ours.forecast.__slots__:
        mine, theirs = getattr(ours.forecast, name), getattr(plain.forecast, name)
        pairs = [(mine[k], theirs[k]) for k in theirs] if isinstance(theirs, dict) else [(mine, theirs)]
        assert all(np.array_equal(m, t, equal_nan=True) for m, t in pairs), name


SAMPLE = 7  # prime to every option's count (2, 3, 4), so the sample still varies every convention
SYNTHETIC = [
    *((price, truth) for price, truth in TRUTHS),
    # printed with taxes the search cannot derive, so no candidate reproduces every cell: the ties and
    # the tie-break on the total residual decide
    (5.5, Conventions(revenue_tax_rate=0.0123, half_first_year=True, half_last_year=True)),
]


@pytest.mark.parametrize(("price", "truth"), SYNTHETIC, ids=lambda x: x.label() if isinstance(x, Conventions) else str(x))
def test_calibration_of_a_synthetic_project_is_the_plain_loops(price, truth):
    printed = with_published_lines(synthetic_project(price_incl=price), truth)
    # a sample (the plain loop is slow) that still holds every setting of each convention, and the truth
    candidates = [*candidate_conventions(printed)[::SAMPLE], replace(truth, revenue_tax_rate=0.0)]

    assert_same(calibrate(printed, candidates), plain_calibrate(printed, candidates))


def test_calibration_of_every_real_project_is_the_plain_loops(real_marts):
    projects = [p for filing in (HONGJING, ZHONGBEI, SHOUDU) for p in assemble(filing_inputs(real_marts.warehouse, filing))]

    assert len(projects) == 4
    for project in projects:
        assert_same(calibrate(project), plain_calibrate(project))


def testrow_medians_are_numpys_median_of_each_rows_usable_values():
    rng = np.random.default_rng(3)
    values = rng.normal(size=(400, 9)).round(2)  # rounded: equal values, and middle pairs that average inexactly
    usable = rng.random((400, 9)) < 0.6

    medians = row_medians(values, usable)

    for row, mask, median in zip(values, usable, medians, strict=True):
        if mask.any():
            assert median == np.median(row[mask])
