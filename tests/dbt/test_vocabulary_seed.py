"""The dbt seeds are written from the vocabulary, their one source, and the vocabulary holds together."""

import csv

import pytest

from orchestration.dbt_project import SEEDS_DIR
from orchestration.lib.vocabulary.kinds import is_period_code, period_kind
from orchestration.lib.vocabulary.metrics import METRIC_GROUPS, METRICS
from orchestration.lib.vocabulary.seeds import seed_csv, seed_tables, write_seeds
from orchestration.lib.vocabulary.units import BY_SYMBOL, UNITS, in_wan


@pytest.mark.parametrize("name", sorted(seed_tables()))
def test_the_checked_in_seed_is_the_vocabulary(name):
    # a vocabulary edit reaches the seeds through `make manifest`; a stale checked-in copy is a defect
    assert (SEEDS_DIR / f"{name}.csv").read_text(encoding="utf-8") == seed_csv(name)


def test_the_metric_seed_holds_every_metric_with_its_kind():
    with (SEEDS_DIR / "metric_vocabulary.csv").open(encoding="utf-8") as handle:
        result = {row["metric"]: (row["unit_kind"], row["definition"]) for row in csv.DictReader(handle)}
    assert result == METRICS


def test_a_seed_is_rewritten_only_when_the_vocabulary_changed(tmp_path):
    (tmp_path / "metric_vocabulary.csv").write_text("metric,unit_kind,definition\nrevenue,money,old\n", encoding="utf-8")

    assert write_seeds(tmp_path) == sorted(seed_tables(), key=list(seed_tables()).index)
    assert (tmp_path / "metric_vocabulary.csv").read_text(encoding="utf-8") == seed_csv("metric_vocabulary")
    assert write_seeds(tmp_path) == []


def test_every_grouped_metric_is_in_the_vocabulary():
    grouped = {metric for members in METRIC_GROUPS.values() for metric in members}
    assert grouped - METRICS.keys() == set()


def test_units_are_unique_and_money_converts_only_from_renminbi():
    assert len(BY_SYMBOL) == len(UNITS)
    assert [in_wan(12345.67, "元"), in_wan(1.5, "亿元"), in_wan(3.0, "万元")] == [1.234567, 15000.0, 3.0]
    assert in_wan(18.935, "元") == 0.001893  # divided by 10000, as the marts do: never a rounding apart
    # regression: prose emits 万美元, which the GX suite rejected; it is a unit, never converted to 万元
    assert "万美元" in BY_SYMBOL and in_wan(10.0, "万美元") is None
    assert BY_SYMBOL["元/台/月"].wan_factor == 1e-4 and BY_SYMBOL["EFLOPS"].pflops_factor == 1000.0


@pytest.mark.parametrize(
    ("code", "kind"),
    [("FY2024", "fiscal_year"), ("2025M01-M09", "year_to_date"), ("@2025-09-30", "balance_date"), ("Y3", "model_year"),
     ("Y4-11", "model_years"), ("BUILD", "build"), ("MODEL_TOTAL", "model_total"), ("MODEL_AVG", "model_avg"),
     ("2024", None), (None, None)],
)
def test_each_period_code_has_one_kind(code, kind):
    assert period_kind(code) == kind
    assert is_period_code(code or "") == (kind is not None)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("服务器1.2万台", "万台"), ("租金为5.30万元/架/年", "万元/架/年"), ("单价18.935元/月/台", "元/月/台"),
     ("算力2.5EFlops", "EFlops"), ("共5家", "家"), ("分别为3万、5万", "万")],
)
def test_prose_reads_the_vocabulary_units(text, unit):
    from orchestration.lib.parsing.prose_numbers import VALUE

    read = VALUE.search(text).group("unit")
    assert read == unit
    # regression: prose read 万台 while the vocabulary did not hold it; a bare 万 closing a number is no unit
    assert read in BY_SYMBOL or read == "万"


def test_a_cell_count_suffix_is_a_count_of_the_vocabulary():
    from orchestration.lib.parsing.tables.numbers import COUNT_UNITS, parse_number

    assert {BY_SYMBOL[suffix].kind for suffix in COUNT_UNITS} == {"count"}
    assert parse_number("300台").unit == "台" and parse_number("12块").unit == "块"
