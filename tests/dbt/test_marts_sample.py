"""The marts on the generated sample corpus agree with the corpus's ground truth."""

import json
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _truth_facts(sample_corpus: Path) -> list[dict]:
    facts = []
    for path in sorted((sample_corpus / "ground_truth").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        facts += [fact | {"stock_code": document["stock_code"]} for fact in document["facts"]]
    return facts


def _wan(fact: dict) -> float:
    return round(fact["value"] / 10000 if fact["unit"] == "元" else fact["value"] * 10000 if fact["unit"] == "亿元"
                 else fact["value"], 6)


def test_every_dbt_test_passes_on_the_sample_corpus(sample_marts):
    assert sample_marts.dbt_tests_run > 0
    assert sample_marts.failed_dbt_tests == []
    # every table of the sample corpus is consistent by construction, so no reconciliation may even warn
    assert sample_marts.warned_dbt_tests == []


def _segment_key(name: str) -> str:
    """A segment as dim_entities keys it: its printed variants without trailing 业务/服务/板块 are one."""
    return re.sub(r"(?:业务|服务|板块)+$", "", name)


def test_segment_gross_margins_are_the_printed_ones(sample_marts, sample_corpus):
    expected = {
        (fact["stock_code"], _segment_key(fact["entity"]), fact["period"]): fact["value"]
        for fact in _truth_facts(sample_corpus)
        if fact["metric"] == "gross_margin" and fact["entity_kind"] == "segment"
        and re.match(r"FY|\d{4}M", fact["period"] or "")
    }
    result = {
        (code, _segment_key(segment), period): margin
        for code, segment, period, margin in sample_marts.rows(
            "select stock_code, segment_name, period, gross_margin_pct from marts.fct_segment_margins"
        )
    }
    assert expected
    assert {key: result.get(key) for key in expected} == expected


def test_project_net_profit_by_model_year_is_the_printed_one(sample_marts, sample_corpus):
    expected = {
        (fact["stock_code"], fact["entity"], fact["period"]): _wan(fact)
        for fact in _truth_facts(sample_corpus)
        if fact["metric"] == "net_profit" and fact["entity_kind"] == "project" and fact["breakdown"] is None
        and re.fullmatch(r"Y\d+", fact["period"] or "")
    }
    rows = sample_marts.rows(
        "select projects.stock_code, unnest(projects.name_variants), forecast.period, forecast.amount_wan "
        "from marts.fct_project_forecast as forecast join marts.dim_projects as projects using (project_id) "
        "where forecast.line_item = 'net_profit'"
    )
    result = {(code, name, period): round(amount, 6) for code, name, period, amount in rows}
    assert expected
    assert {key: result.get(key) for key in expected} == expected


def test_project_total_investment_is_the_printed_one(sample_marts, sample_corpus):
    expected = {
        (fact["stock_code"], fact["entity"]): _wan(fact)
        for fact in _truth_facts(sample_corpus)
        if fact["metric"] == "investment_amount" and fact["entity_kind"] == "project"
        and fact["breakdown"] is None and fact["period"] is None
    }
    rows = sample_marts.rows(
        "select projects.stock_code, unnest(projects.name_variants), capex.total_investment_wan "
        "from marts.fct_project_capex as capex join marts.dim_projects as projects using (project_id)"
    )
    result = {(code, name): amount for code, name, amount in rows}
    assert expected
    assert {key: result.get(key) for key in expected} == expected


def test_investment_items_carry_their_printed_amounts(sample_marts, sample_corpus):
    expected = {
        (fact["stock_code"], fact["breakdown"], _wan(fact))
        for fact in _truth_facts(sample_corpus)
        if fact["metric"] == "investment_amount" and fact["breakdown"] is not None and fact["period"] is None
    }
    result = set(sample_marts.rows("select stock_code, item_name, amount_wan from marts.fct_capex_items"))
    assert expected
    assert expected - result == set()


def test_receivable_balances_are_the_printed_ones(sample_marts, sample_corpus):
    expected = {
        (fact["stock_code"], fact["period"]): _wan(fact)
        for fact in _truth_facts(sample_corpus)
        if fact["metric"] == "ar_gross" and fact["entity_kind"] == "issuer" and fact["breakdown"] is None
    }
    result = {
        (code, period): balance
        for code, period, balance in sample_marts.rows(
            "select stock_code, period, gross_balance_wan from marts.fct_receivables where aging_bucket = 'total'"
        )
    }
    assert expected
    assert {key: result.get(key) for key in expected} == expected
