"""The GX suites validate pandas frames in a file context under the data directory, and name the
failing rows by filing and line."""

import gc
import re
import weakref

import pandas as pd
import pytest

from expectations import SUITES, context
from expectations.context import build_context, build_docs, docs_index, validate


def _facts(changes: dict | None = None) -> pd.DataFrame:
    rows = [
        {"filing_id": "f1", "fact_id": "t1-r0-c0", "table_id": "t1", "section_id": None, "line_no": 813,
         "raw_text": "36.83", "value": 36.83, "unit": "%", "row_label": "毛利率", "column_label": "2020年度",
         "period": "FY2020", "entity": "云计算服务", "entity_kind": "segment", "label_zh": "毛利率",
         "metric": "gross_margin", "ambiguous": False, "decimals": 2},
        {"filing_id": "f1", "fact_id": "p59-0", "table_id": None, "section_id": None, "line_no": 59,
         "raw_text": "192023.48", "value": 192023.48, "unit": "万元", "row_label": None, "column_label": None,
         "period": None, "entity": "中贝通信", "entity_kind": "issuer", "label_zh": "拟投入募集资金",
         "metric": "proceeds_used", "ambiguous": False, "decimals": 2},
    ]
    frame = pd.DataFrame(rows)
    for (row, column), value in (changes or {}).items():
        frame.loc[row, column] = value
    return frame


@pytest.fixture(scope="module")
def gx_root(tmp_path_factory):
    return tmp_path_factory.mktemp("gx")


def test_clean_facts_pass_and_the_data_docs_site_is_written(gx_root):
    result = validate(SUITES["filings_facts"], _facts(), gx_root, "run-clean")
    assert (result.success, result.failures) == (True, [])
    assert result.evaluated >= 10
    assert result.docs_index.is_file()


@pytest.mark.parametrize(
    ("change", "expectation", "column"),
    [
        ({(1, "unit"): "万美金"}, "expect_column_values_to_be_in_set", "unit"),
        ({(0, "period"): "2020"}, "expect_column_values_to_match_regex", "period"),
        ({(0, "value"): 3683.0}, "expect_column_values_to_be_between", "value"),
        ({(0, "metric"): "gross_margn"}, "expect_column_values_to_be_in_set", "metric"),
    ],
)
def test_a_bad_fact_fails_its_expectation_and_is_named_by_filing_and_line(gx_root, change, expectation, column):
    result = validate(SUITES["filings_facts"], _facts(change), gx_root, "run-bad")
    (failure,) = result.failures
    assert (failure.expectation, failure.column, failure.unexpected_count) == (expectation, column, 1)
    ((row_index, _),) = change
    expected_line = [813, 59][row_index]
    assert {k: failure.sample[0][k] for k in ("filing_id", "line_no")} == {"filing_id": "f1", "line_no": expected_line}


def test_a_duplicate_fact_id_breaks_the_key(gx_root):
    result = validate(SUITES["filings_facts"], _facts({(1, "fact_id"): "t1-r0-c0"}), gx_root, "run-dup")
    assert [f.expectation for f in result.failures] == ["expect_compound_columns_to_be_unique"]


def test_mart_suites_follow_the_naming_convention(gx_root):
    forecast = pd.DataFrame({
        "forecast_line_id": ["p/Y1/revenue", "p/Y1/gross_margin"], "project_id": ["p", "p"],
        "stock_code": ["603220", "603220"], "period": ["Y1", "Y1"], "line_item": ["revenue", "gross_margin"],
        "amount_wan": [100.0, None], "ratio_pct": [None, -20.0], "utilisation_pct": [98.0, 120.0],
        "fact_ids": [["t1-r0-c0"], ["t1-r1-c0"]],
    })
    result = validate(SUITES["fct_project_forecast"], forecast, gx_root, "run-forecast")
    assert [(f.expectation, f.column, f.unexpected_count) for f in result.failures] == [
        ("expect_column_values_to_be_between", "utilisation_pct", 1),
    ]
    assert SUITES["fct_project_forecast"].blocking and not SUITES["fct_segment_margins"].blocking


def test_the_context_never_sends_usage_statistics(gx_root):
    assert build_context(gx_root).variables.analytics_enabled is False


_REMOTE_ASSET = re.compile(
    r"<(?:link|script|img)\b[^>]*\b(?:href|src)=[\"']https?://|url\(\s*[\"']?https?://", re.IGNORECASE
)


def test_the_data_docs_open_offline_and_name_each_run_and_asset(gx_root):
    # regression: GX loaded its styles and scripts from CDNs, printed "__none__" and "Data asset: None"
    validate(SUITES["filings_facts"], _facts(), gx_root, "dagster-run-1")
    index = build_docs(gx_root)

    pages = list(index.parent.rglob("*.html"))
    assert len(pages) >= 3
    assert [p.name for p in pages if _REMOTE_ASSET.search(p.read_text(encoding="utf-8"))] == []
    assert (index.parent / "static" / "styles" / "data_docs.css").is_file()
    listing = index.read_text(encoding="utf-8")
    assert "<td>dagster-run-1</td><td>filings_facts</td>" in listing
    assert "__none__" not in listing
    (result_page,) = index.parent.glob("validations/filings_facts/dagster-run-1/*/*.html")
    text = result_page.read_text(encoding="utf-8")
    assert "Data asset: filings_facts" in text and "Data asset: None" not in text
    assert f'href="{result_page.relative_to(index.parent).as_posix()}"' in listing


def test_a_unit_the_parser_emits_passes_the_facts_suite(gx_root):
    # regression: prose emits 万美元, which the suite's own unit list rejected
    result = validate(SUITES["filings_facts"], _facts({(1, "unit"): "万美元"}), gx_root, "run-usd")
    assert (result.success, result.failures) == (True, [])


def test_a_check_renders_its_own_page_and_leaves_earlier_pages_alone(tmp_path):
    # regression: every check rebuilt and rewrote the whole Data Docs site, which grew with every run
    validate(SUITES["filings_facts"], _facts(), tmp_path, "run-first")
    (first,) = docs_index(tmp_path).parent.glob("validations/filings_facts/run-first/*/*.html")
    written = first.stat().st_mtime_ns
    result = validate(SUITES["filings_facts"], _facts({(1, "unit"): "万美金"}), tmp_path, "run-second")

    assert first.stat().st_mtime_ns == written
    (second,) = docs_index(tmp_path).parent.glob("validations/filings_facts/run-second/*/*.html")
    assert "Data asset: filings_facts" in second.read_text(encoding="utf-8")
    listing = result.docs_index.read_text(encoding="utf-8")
    assert "<td>FAILED</td>" in listing and "<td>run-first</td>" in listing and "<td>run-second</td>" in listing


def test_frames_of_several_suites_validate_in_turn_in_one_process(tmp_path):
    # regression: a suite's checkpoint, reused, lost its data asset when another suite replaced the data source
    forecast = pd.DataFrame({"forecast_line_id": ["p/Y1/revenue"], "stock_code": ["603220"], "fact_ids": [["t1"]]})
    for run in ("run-1", "run-2"):
        assert validate(SUITES["filings_facts"], _facts(), tmp_path, run).success
        assert validate(SUITES["fct_project_forecast"], forecast, tmp_path, run).success


def test_a_validated_frame_is_not_kept_in_memory(tmp_path):
    # regression: the shared data source's engine kept every validated table alive for the whole run
    frame = _facts()
    kept = weakref.ref(frame)
    validate(SUITES["filings_facts"], frame, tmp_path, "run-memory")
    del frame
    gc.collect()
    assert kept() is None


def test_a_new_process_validates_against_the_context_an_earlier_one_stored(tmp_path, monkeypatch):
    # regression: the second run on a warehouse (a new process, the GX root already holding the suites)
    # failed every GX check with MissingDataContextError
    assert validate(SUITES["filings_facts"], _facts(), tmp_path, "run-first-process").success
    monkeypatch.setattr(context, "_CONTEXTS", {})
    monkeypatch.setattr(context, "_CHECKPOINTS", {})
    result = validate(SUITES["filings_facts"], _facts({(1, "unit"): "万美金"}), tmp_path, "run-next-process")
    assert [failure.column for failure in result.failures] == ["unit"]
