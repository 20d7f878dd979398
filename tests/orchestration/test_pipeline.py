"""The whole graph on a landing folder that mixes the real filings with every kind of bad input."""

import shutil

import dagster as dg
import pytest

from orchestration.cli.run import run_pipeline
from orchestration.lib import warehouse
from tests.conftest import REAL_ISSUERS
from tests.orchestration.conftest import DUPLICATE, EXPECTED_REASONS, landing_with_bad_inputs, settings_for

pytestmark = pytest.mark.slow


def _marts(path) -> dict[str, list[tuple]]:
    """Every row of every mart, in a stated order: what an analyst would read."""
    with warehouse.connect(path, read_only=True) as conn:
        tables = [name for (name,) in conn.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1"
        ).fetchall()]
        return {name: conn.execute(f'select * from marts."{name}" order by all').fetchall() for name in tables}


def _documents(path):
    with warehouse.connect(path, read_only=True) as conn:
        return conn.execute(
            "select source_file, filing_id, status, error, short_name, company_name, stock_code, n_lines, "
            "ingested_at from filings.documents order by source_file"
        ).fetchall()


@pytest.fixture(scope="module")
def first_run(tmp_path_factory, real_filings):
    root = tmp_path_factory.mktemp("pipeline")
    landing = landing_with_bad_inputs(root / "landing", real_filings)
    settings = settings_for(landing, root / "warehouse.duckdb")
    exit_code = run_pipeline(settings, dg.DagsterInstance.ephemeral())
    return settings, exit_code, _documents(settings.warehouse), _marts(settings.warehouse)


def test_the_run_succeeds_despite_bad_files(first_run):
    _, exit_code, _, _ = first_run
    assert exit_code == 0


def test_every_real_filing_is_parsed_with_its_issuer_and_line_count(first_run):
    _, _, rows, _ = first_run
    parsed = {row[0]: (row[4], row[5], row[6], row[7]) for row in rows if row[2] == "parsed"}
    assert parsed == {name: (short, full, code, lines) for name, (short, full, code, _, lines) in REAL_ISSUERS.items()}


def test_every_bad_file_is_accounted_for_with_its_reason(first_run):
    _, _, rows, _ = first_run
    failed = {row[0]: row[3] for row in rows if row[2] == "failed"}
    assert set(failed) == set(EXPECTED_REASONS)
    for name, reason in EXPECTED_REASONS.items():
        assert reason in failed[name]


def test_a_copy_of_a_filing_is_a_duplicate(first_run):
    _, _, rows, _ = first_run
    by_name = {row[0]: row for row in rows}
    copy, original = by_name[DUPLICATE[0]], by_name[DUPLICATE[1]]
    assert copy[2] == "duplicate" and copy[3] == f"duplicate of {DUPLICATE[1]} (same content)"
    assert copy[1] == original[1]


def test_marts_are_built_from_the_parsed_filings(first_run):
    settings, _, _, _ = first_run
    with warehouse.connect(settings.warehouse, read_only=True) as conn:
        companies = conn.execute("select stock_code, company_short_name, exchange from marts.dim_companies order by 1").fetchall()
    assert companies == [("001339", "智微智能", "SZSE"), ("300846", "首都在线", "SZSE"),
                         ("301396", "宏景科技", "SZSE"), ("603220", "中贝通信", "SSE")]


def test_a_copied_warehouse_answers_every_query(first_run, tmp_path):
    # regression: staging views named the original file's catalog, so a copy's marts failed to query
    settings, _, _, marts = first_run
    copy = tmp_path / "renamed_copy.duckdb"
    shutil.copy(settings.warehouse, copy)
    with warehouse.connect(copy, read_only=True) as conn:
        views = conn.execute("select table_name from information_schema.tables where table_schema = 'staging'").fetchall()
        for (view,) in views:
            conn.execute(f'select count(*) from staging."{view}"').fetchone()
    assert views
    assert _marts(copy) == marts


def _parse_runs(path) -> list[tuple]:
    with warehouse.connect(path, read_only=True) as conn:
        return conn.execute("select filing_id, run_id, parser_version from filings.parse_runs order by all").fetchall()


def test_running_again_on_the_same_files_reads_parses_and_builds_nothing(first_run, capsys):
    settings, _, rows, marts = first_run
    parsed = _parse_runs(settings.warehouse)
    capsys.readouterr()
    assert run_pipeline(settings, dg.DagsterInstance.ephemeral()) == 0
    assert "Nothing changed since the last run" in capsys.readouterr().out
    assert _parse_runs(settings.warehouse) == parsed
    assert _documents(settings.warehouse) == rows
    assert _marts(settings.warehouse) == marts
