"""`make bench`'s scaling rows: each run's phases and fixed cost from what `zhisuan run` printed, and the slope
between the two largest sizes in seconds per filing."""

import io
from contextlib import redirect_stdout

from benchmarks.scale_speed import FIXED, print_phases, print_totals, scale_run
from benchmarks.timing import Timing
from tests.benchmarks.test_run_speed import _progress_line


def _run(filings: int, parse_wall: float, dbt_wall: float, wall: float):
    printed = "".join([
        _progress_line("parsed_filings", parse_wall, parse_wall / 2),
        _progress_line("dbt_models", dbt_wall, dbt_wall / 4),
        "Rows:\n  filings.cells                                    1,864\n",
        f"  filings.facts                                   {176 * filings:,}\n",
    ])
    return scale_run(filings, 0.02 * filings, Timing(cpu=wall / 2, wall=wall, runs=1, peak_mb=500.0), printed)


def test_phases_fixed_cost_and_facts_come_from_the_printed_run():
    run = _run(10, parse_wall=4.0, dbt_wall=30.0, wall=50.0)
    assert run.facts == 1760
    assert round(run.phases["ingest and parse"][0]) == 4 and round(run.phases["dbt (models and data tests)"][0]) == 30
    assert round(run.phases[FIXED][0]) == 16 and run.phases[FIXED][1] == 25 - 2 - 7.5  # run CPU less parse and dbt CPU


def test_the_slope_is_seconds_per_filing_between_the_two_largest_sizes():
    runs = [_run(10, 4.0, 30.0, 50.0), _run(100, 40.0, 60.0, 140.0), _run(1000, 400.0, 360.0, 1040.0)]
    out = io.StringIO()
    with redirect_stdout(out):
        print_totals(runs)
        print_phases(runs)
    lines = out.getvalue().splitlines()
    largest = next(line for line in lines if line.split()[0] == "1000")
    assert largest.split()[-2:] == ["1.000", "0.500"]  # (1040 - 140) / 900 wall, half of it CPU
    parse = next(line for line in lines if line.strip().startswith("ingest and parse"))
    assert parse.split()[-2:] == ["0.400", "(0.200)"]
