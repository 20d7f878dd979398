"""The periodic-report truth holds the arithmetic a reader may use to prove a column reading."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from orchestration.lib.corpus.fuzz import build_fuzzed_document
from orchestration.lib.corpus.periodic_figures import INCOME_COSTS, change_percent, split_exactly

SEEDS = range(1000, 1008)
CENT = Decimal("0.01")


def amount(fact: dict) -> Decimal:
    return Decimal(repr(fact["value"])).quantize(CENT)


@pytest.fixture(scope="module", params=["annual_report", "semiannual_report", "quarterly_report"])
def truths(request) -> list[dict]:
    return [build_fuzzed_document(seed, kind=request.param, layout="tab")[2] for seed in SEEDS]


def cells(truth: dict, table_key: str) -> dict[tuple, Decimal]:
    """(row label, metric, period) -> printed value, for the non-change cells of one table."""
    return {
        (f["row_label"], f["metric"], f["period"]): amount(f)
        for f in truth["facts"]
        if f["table_key"] == table_key and not f["change_of"]
    }


def test_change_columns_equal_their_arithmetic(truths):
    checked = 0
    for truth in truths:
        printed = {k: v for key in {f["table_key"] for f in truth["facts"]} for k, v in cells(truth, key).items()}
        for change in (f for f in truth["facts"] if f["change_of"]):
            pair = [printed.get((change["row_label"], change["change_of"], p)) for p in change["compared"]]
            if None in pair:
                continue  # a segment's last-year cost is printed nowhere: its change cannot be recomputed
            current, previous = pair
            if change["unit"] == "pp":
                expected = current - previous
            else:
                expected = change_percent(current, previous)
            assert amount(change) == expected, change
            checked += 1
    assert checked > 50


def test_shares_sum_to_100_in_each_split_and_every_split_sums_to_the_total(truths):
    for truth in truths:
        table = cells(truth, "revenue_composition")
        for period in {p for (_, _, p) in table}:
            shares = [v for (row, metric, p), v in table.items() if p == period and metric == "revenue_share"]
            revenue = [v for (row, metric, p), v in table.items() if p == period and metric == "revenue" and row != "营业收入合计"]
            total = table[("营业收入合计", "revenue", period)]
            # Three splits (分行业, 分产品, 分地区), each 100% of the total, plus the total row's own 100%.
            assert sum(shares) == Decimal("400.00")
            assert sum(revenue) == 3 * total


def test_segment_margins_follow_from_revenue_and_cost(truths):
    for truth in truths:
        rows = defaultdict(dict)
        for (row, metric, _), value in cells(truth, "segment_margins").items():
            rows[row][metric] = value
        for values in rows.values():
            recomputed = (values["revenue"] - values["operating_cost"]) / values["revenue"] * 100
            assert recomputed.quantize(CENT, ROUND_HALF_UP) == values["gross_margin"]


def test_statements_add_up_and_agree_with_the_key_indicators(truths):
    for truth in truths:
        balance, income, key = (cells(truth, k) for k in ("balance_sheet", "income_statement", "key_indicators"))
        for period in {p for (_, _, p) in balance}:
            by_metric = {m: v for (_, m, p), v in balance.items() if p == period}
            assert by_metric["current_assets"] + by_metric["non_current_assets"] == by_metric["total_assets"]
            assert by_metric["total_liabilities"] + by_metric["total_equity"] == by_metric["total_assets"]
        for period in {p for (_, _, p) in income}:
            by_metric = {m: v for (_, m, p), v in income.items() if p == period}
            costs = sum(by_metric[m] for m in INCOME_COSTS)
            assert by_metric["revenue"] - costs == by_metric["operating_profit"]
            assert by_metric["total_profit"] - by_metric["income_tax"] == by_metric["net_profit"]
            key_revenue = [v for (_, m, p), v in key.items() if m == "revenue" and p == period]
            assert key_revenue in ([by_metric["revenue"]], [])  # a third-quarter report prints no last year


def test_quarters_sum_to_the_year():
    for seed in SEEDS:
        truth = build_fuzzed_document(seed, kind="annual_report", layout="concat")[2]
        quarters, key = cells(truth, "quarterly"), cells(truth, "key_indicators")
        year = truth["report_period"]
        for metric in ("revenue", "net_profit_attributable", "net_profit_recurring", "operating_cash_flow"):
            parts = [v for (_, m, p), v in quarters.items() if m == metric]
            assert len(parts) == 4
            assert sum(parts) == next(v for (_, m, p), v in key.items() if m == metric and p == year)


def test_split_exactly_keeps_the_total_to_the_cent():
    parts = split_exactly(Decimal("1000.01"), [1.0, 1.0, 1.0])
    assert sum(parts) == Decimal("1000.01") and all(p.as_tuple().exponent == -2 for p in parts)


def test_a_third_quarter_report_prints_the_quarter_and_the_year_to_date():
    for seed in SEEDS:
        truth = build_fuzzed_document(seed, kind="quarterly_report", layout="tab")[2]
        key = cells(truth, "key_indicators")
        periods = {p for (_, _, p) in key if not p.startswith("@")}  # a first quarter adds its balances
        year = truth["report_period"]
        if year.endswith("M01-M03"):
            assert periods == {year, f"{int(year[:4]) - 1}M01-M03"}
            continue
        assert periods == {year, year.replace("M01", "M07")}
        quarter = {m: v for (_, m, p), v in key.items() if p != year}
        to_date = {m: v for (_, m, p), v in key.items() if p == year}
        assert "operating_cash_flow" not in quarter
        assert all(0 < quarter[m] < to_date[m] for m in ("revenue",))
