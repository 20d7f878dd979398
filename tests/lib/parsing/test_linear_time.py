"""Hostile inputs at scale finish in time linear in their size, and one bad table costs only itself.

Each bound below is loose on purpose (a shared 2-core CI machine): the inputs took minutes, or raised,
before their fixes, and take about a second now.
"""

import time

import pytest

from orchestration.lib.corpus.hostile import MINI_FILING
from orchestration.lib.ingest import read_filing
from orchestration.lib.parsing import tables as table_engine
from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.outcome import parse_safely

LOOSE_SECONDS = 20  # each input below ran > 60 s (or raised) before its fix, and ~1-4 s after


def _timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def test_40k_unclosed_and_40k_stray_html_tags_read_in_linear_time():
    page = "<html><body><p>" + "公司营业收入为100万元。" * 10 + "</p>" + "<b>x" * 40_000 + "</i>" * 40_000
    document, seconds = _timed(read_filing, "tags.html", page.encode())
    assert document.status == "parsed"
    assert seconds < LOOSE_SECONDS  # 8k of each took 7.9 s (quadratic); 40k never finished


@pytest.mark.parametrize(
    "text",
    [
        "公司收入" + "1," * 30_000,  # a value list with no full stop: 2,000 repeats took > 20 s
        "收入" + "1,234.56万元、" * 20_000,  # a 0.25 MB single line of amounts
        "毛利率为12.5%" * 20_000,  # a 0.25 MB single line of percentages
        "收入分别为" + "1,234.56万元、" * 20_000,
    ],
)
def test_a_quarter_megabyte_sentence_of_numbers_parses_in_linear_time(text):
    parsed, seconds = _timed(parse_filing, text)
    assert seconds < LOOSE_SECONDS
    assert parsed is not None


def test_a_long_run_of_digits_is_not_a_page_number():
    parsed = parse_filing("1" * 250_000 + "\n" + MINI_FILING)  # int() refuses more than 4,300 digits
    assert len(parsed.facts) == 11


def test_a_tab_only_line_costs_no_facts(real_filings):
    text = (real_filings / "000_f0b2696fee94cc90.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    unmutated = len(parse_filing(text).facts)
    assert unmutated > 50
    for at in (30, 100, 200):
        mutated = "\n".join([*lines[:at], "\t", "\t\t", *lines[at:]])
        outcome = parse_safely("x", mutated)
        assert outcome.error is None
        assert len(outcome.parsed.facts) == unmutated  # was 0: max() of an empty sequence lost the whole filing


def test_a_tab_only_line_is_blank_and_does_not_split_a_run_together_table(real_filings):
    lines = (real_filings / "002_7cdd91bcb8568f2f.txt").read_text(encoding="utf-8").split("\n")
    window = lines[489:497]  # a caption, a run-together header, and a lone row "14000.00" (a lone 1 is no row id)
    assert window[5] == "14000.00"
    mutated = [window[0], "\t\t", *window[1:5], "\t", *window[5:], "\t"]

    before = [(f.raw_text, f.value) for f in parse_filing("\n".join(window)).facts]
    after = [(f.raw_text, f.value) for f in parse_filing("\n".join(mutated)).facts]
    assert ("14000.00", 14000.0) in before
    assert after == before  # found by the fuzz: the tab line was read as a table of its own, and the row was lost


def test_one_table_the_engine_fails_on_is_recorded_and_the_rest_of_the_filing_kept(monkeypatch):
    two_tables = MINI_FILING + "\n一、其他\n单位：万元\n项目\t2023年度\n成本\t1,000.00\n"
    real_parse = table_engine._parse

    def fails_on_the_first(lines, region):
        if region.start < 8:
            raise ZeroDivisionError("a bug in one region")
        return real_parse(lines, region)

    monkeypatch.setattr(table_engine, "_parse", fails_on_the_first)
    parsed = parse_filing(two_tables)

    assert len(parsed.tables) == 1
    assert parsed.table_errors == ["table at lines 7-10: ZeroDivisionError: a bug in one region"]
    assert {f.value for f in parsed.facts} >= {1000.0, 10.17}  # the other table and the prose are kept


def test_a_table_whose_facts_fail_is_recorded_and_the_rest_kept(monkeypatch):
    from orchestration.lib.parsing import facts as facts_module

    real = facts_module.table_facts

    def fails(table, *rest):
        if table.table_id == "t1":
            raise KeyError("column")
        return real(table, *rest)

    monkeypatch.setattr(facts_module, "table_facts", fails)
    parsed = parse_filing(MINI_FILING)
    assert parsed.table_errors == ["facts of table t1 (lines 7-10): KeyError: 'column'"]
    assert {f.value for f in parsed.facts} == {74628.47, 77060.50, 38120.10, 10.17, 5.72}


def test_a_long_run_of_digits_in_a_run_together_table_splits_in_linear_time():
    header = "项目" + "".join(f"{year}年" for year in range(2018, 2026))
    row = "收入" + "".join(str(1 + k % 9) for k in range(20_000))  # 800 digits took 2.9 s; 20,000 would take ~30 min
    parsed, seconds = _timed(parse_filing, f"单位：元\n{header}\n{row}\n营业成本100.00200.00\n")
    assert seconds < LOOSE_SECONDS
    assert parsed is not None
