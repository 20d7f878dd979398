"""One run over a landing folder of hostile inputs beside two real filings.

Done when: the run exits with a clear status, every landed entry is accounted for with a reason, the
real filings' facts are those the library reads from them directly, no file's step overruns its
budget, and nothing outside the folder reaches the warehouse.
"""

import os
import shutil
import time
from dataclasses import replace

import dagster as dg
import pytest

from orchestration.cli.run import run_pipeline
from orchestration.cli.summary import shown
from orchestration.lib import warehouse
from orchestration.lib.corpus.hostile import write_hostile_corpus
from orchestration.lib.ingest import read_filing_file
from orchestration.lib.parsing import outcome
from orchestration.lib.parsing.facts import parse_filing
from tests.orchestration.conftest import settings_for

pytestmark = pytest.mark.slow

REAL = ("000_f0b2696fee94cc90.txt", "003_aee50a10d511e859.txt")
SECONDS = 30.0  # the per-file time budget of this run: small, so the overrunning input costs little
SLOW_BYTES = 2_000_000  # the one-line input meant to overrun; no other hostile text is this long
SLOW_CHARACTERS = SLOW_BYTES // 3
MEGABYTES = 10.0
SECRET = "机密-outside-the-landing-folder"


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, real_filings):
    root = tmp_path_factory.mktemp("hostile")
    (root / "outside.txt").write_text(f"{SECRET}\n营业收入为100万元。\n" * 20)
    landing = root / "landing"
    inputs = write_hostile_corpus(landing, oversize_bytes=int(MEGABYTES * 1_000_000) + 1, slow_bytes=SLOW_BYTES, scale=0.3)
    for name in REAL:
        shutil.copy(real_filings / name, landing / name)
    settings = replace(settings_for(landing, root / "warehouse.duckdb"), file_seconds=SECONDS, file_megabytes=MEGABYTES)
    started = time.monotonic()
    with pytest.MonkeyPatch.context() as patch:
        # The parser is linear now, so no input of a test's size outlasts a budget on every machine: the
        # overrunning file is made to overrun, which the forked parse workers inherit.
        patch.setattr(outcome, "parse_filing", _overrunning_on_the_slow_input(outcome.parse_filing))
        exit_code = run_pipeline(settings, dg.DagsterInstance.ephemeral())
    elapsed = time.monotonic() - started
    return settings, inputs, exit_code, elapsed


def _overrunning_on_the_slow_input(parse):
    def parse_or_overrun(text, *args, **kwargs):
        if len(text) >= SLOW_CHARACTERS:
            time.sleep(3 * SECONDS)
        return parse(text, *args, **kwargs)

    return parse_or_overrun


@pytest.fixture(scope="module")
def rows(hostile_run):
    settings = hostile_run[0]
    with warehouse.connect(settings.warehouse, read_only=True) as conn:
        documents = {r[0]: r[1:] for r in conn.execute(
            "select source_file, status, error, filing_id, text from filings.documents").fetchall()}
        runs = {r[0]: r[1:] for r in conn.execute("select filing_id, status, error, seconds from filings.parse_runs").fetchall()}
    return documents, runs


def test_the_run_ends_with_a_clear_status(hostile_run):
    _, inputs, exit_code, elapsed = hostile_run
    assert len(inputs) >= 50
    assert exit_code == 0
    assert elapsed < 900  # loose: every overrunning file is stopped at its 30 s budget


def test_every_landed_entry_is_accounted_for_with_a_reason(hostile_run, rows):
    settings, inputs, _, _ = hostile_run
    documents, _ = rows
    from orchestration.resources import LandingFolder

    skipped = LandingFolder(path=str(settings.landing_dir)).skipped()
    entries = set(os.listdir(settings.landing_dir))
    assert entries == set(documents) | set(skipped)
    assert not set(documents) & set(skipped)
    for name, (status, error, _, _) in documents.items():
        assert status in {"parsed", "failed", "duplicate"}
        assert status == "parsed" or error, name
    for item in inputs:
        if item.expect == "skipped":
            assert item.reason in skipped[item.name], item.name
        elif item.expect in {"failed", "duplicate"} and item.reason != "time budget":
            assert documents[item.name][0] == item.expect and item.reason in documents[item.name][1], item.name
        elif item.expect == "parsed":
            assert documents[item.name][0] == "parsed", (item.name, documents[item.name][1])


def test_the_real_filings_facts_are_the_librarys_own(hostile_run, rows, real_filings):
    settings = hostile_run[0]
    documents, runs = rows
    with warehouse.connect(settings.warehouse, read_only=True) as conn:
        for name in REAL:
            filing_id = documents[name][2]
            stored = conn.execute(
                "select fact_id, line_no, raw_text, value, unit, period, entity, metric, table_id from filings.facts "
                "where filing_id = ? order by fact_id", [filing_id]).fetchall()
            direct = parse_filing(read_filing_file(real_filings / name).text).facts
            expected = sorted((f.fact_id, f.line_no, f.raw_text, f.value, f.unit, f.period, f.entity, f.metric,
                               f.table_id) for f in direct)
            assert stored == expected
            assert runs[filing_id][0] == "parsed"


def test_no_file_overruns_its_budget_and_the_one_that_would_is_failed_with_the_reason(hostile_run, rows):
    documents, runs = rows
    assert all(seconds <= SECONDS + 5 for _, _, seconds in runs.values())
    slow = documents["over_the_time_budget_one_line.txt"]
    assert slow[0] == "parsed"  # read within its budget
    assert runs[slow[2]][:2] == ("failed", "parsing: over the time budget (30 s)")
    assert documents["oversized.txt"][:2] == ("failed", "over the size budget (10 MB): 10,000,001 bytes")


def test_nothing_outside_the_landing_folder_reaches_the_warehouse(hostile_run, rows):
    documents, _ = rows
    texts = [text for _, _, _, text in documents.values() if text]
    assert not any(SECRET in text or "root:x:0" in text for text in texts)


def test_file_names_are_printed_escaped(hostile_run):
    assert shown("escape\x1b[31mred.txt") == "escape\\x1b[31mred.txt"
