"""Staged Parquet parses load as direct writes do; unchanged files and filings are recognised by hash and version."""

import hashlib

import pytest

from orchestration.lib import warehouse
from orchestration.lib.corpus.hostile import MINI_FILING
from orchestration.lib.ingest import read_filing
from orchestration.lib.ingest.documents import failed_document
from orchestration.lib.parsing.outcome import parse_safely
from orchestration.lib.warehouse.staged import load_staged, parse_and_stage, stage_outcome
from orchestration.lib.warehouse.state import stale_filings, unchanged_files

TABLES = ("parse_runs", "sections", "tables", "cells", "facts", "unmapped_labels", "table_findings")


def _rows(conn, table: str) -> list[tuple]:
    return conn.execute(f"select * exclude (seconds) from filings.{table} order by all" if table == "parse_runs"
                        else f"select * from filings.{table} order by all").fetchall()


@pytest.fixture
def document():
    return read_filing("mini.txt", MINI_FILING.encode())


def test_a_staged_parse_loads_the_same_rows_as_a_direct_write(tmp_path, document):
    with warehouse.connect(tmp_path / "direct.duckdb") as conn:
        warehouse.write_documents(conn, [document])
        warehouse.write_parse_results(conn, [parse_safely(document.filing_id, document.text)], "p1", "run-1")
        direct = {table: _rows(conn, table) for table in TABLES}
    staged = parse_and_stage((document.filing_id, document.text, document.layout), tmp_path / "staging", "p1", "run-1")
    assert (staged.filing_id, staged.error, staged.tables_lost) == (document.filing_id, None, 0)
    with warehouse.connect(tmp_path / "staged.duckdb") as conn:
        warehouse.write_documents(conn, [document])
        written = load_staged(conn, [document.filing_id], tmp_path / "staging")
        loaded = {table: _rows(conn, table) for table in TABLES}
    assert loaded == direct
    assert written["filings.facts"] == len(direct["facts"]) > 5
    assert not (tmp_path / "staging" / document.filing_id).exists()  # loaded, so no longer staged


def test_a_filing_whose_worker_did_not_finish_is_not_loaded(tmp_path, document):
    outcome = parse_safely(document.filing_id, document.text)
    stage_outcome(outcome, tmp_path / "staging", "p1", "run-1")
    (tmp_path / "staging" / document.filing_id / "filings.parse_runs.parquet").unlink()  # died before its last file
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.write_documents(conn, [document])
        with pytest.raises(FileNotFoundError, match=document.filing_id):
            load_staged(conn, [document.filing_id], tmp_path / "staging")
        assert conn.execute("select count(*) from filings.facts").fetchone() == (0,)


def test_a_file_is_unchanged_only_with_the_same_content_and_reader(tmp_path, document):
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.write_documents(conn, [document], "reader-1")
        same = {"mini.txt": hashlib.sha256(MINI_FILING.encode()).hexdigest()}
        assert unchanged_files(conn, same, "reader-1") == {"mini.txt"}
        assert unchanged_files(conn, same, "reader-2") == set()
        assert unchanged_files(conn, {"mini.txt": hashlib.sha256(b"edited").hexdigest()}, "reader-1") == set()
        assert unchanged_files(conn, {"new.txt": same["mini.txt"]}, "reader-1") == set()


def test_a_filing_is_parsed_again_only_under_another_parser(tmp_path, document):
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.write_documents(conn, [document])
        assert stale_filings(conn, [document.filing_id], "parser-1") == [document.filing_id]
        warehouse.write_parse_results(conn, [parse_safely(document.filing_id, document.text)], "parser-1", "run-1")
        assert stale_filings(conn, [document.filing_id], "parser-1") == []
        assert stale_filings(conn, [document.filing_id], "parser-2") == [document.filing_id]


def test_a_file_refused_unread_stays_refused_without_being_read_again(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.write_documents(conn, [failed_document("huge.pdf", "over the size budget (1 MB)", 2_000_000)], "r1")
        assert unchanged_files(conn, {"huge.pdf": None}, "r1") == {"huge.pdf"}
        # Shrunk under the budget: it has a hash now, and is read.
        assert unchanged_files(conn, {"huge.pdf": hashlib.sha256(b"%PDF").hexdigest()}, "r1") == set()
