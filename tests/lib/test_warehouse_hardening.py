"""parse_runs says partial with the tables lost; one run writes a warehouse at a time."""

import duckdb
import pytest

from orchestration.lib import warehouse
from orchestration.lib.corpus.hostile import MINI_FILING
from orchestration.lib.ingest import read_filing
from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.outcome import ParseOutcome


def test_a_filing_that_lost_tables_is_partial_with_the_count_and_the_reasons(tmp_path):
    document = read_filing("a.txt", MINI_FILING.encode())
    parsed = parse_filing(document.text)
    parsed.table_errors.append("table at lines 7-10: ZeroDivisionError: a bug")
    failed = ParseOutcome("f2", None, "parsing: over the time budget (60 s)", 60.0)
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.write_documents(conn, [document, read_filing("b.txt", (MINI_FILING + "x").encode())])
        second = read_filing("b.txt", (MINI_FILING + "x").encode()).filing_id
        failed.filing_id = second
        warehouse.write_parse_results(conn, [ParseOutcome(document.filing_id, parsed, None, 0.1), failed])
        rows = conn.execute("select status, error, tables_lost, fact_count from filings.parse_runs order by status").fetchall()

    assert rows == [
        ("failed", "parsing: over the time budget (60 s)", None, None),
        ("partial", "1 table(s) lost: table at lines 7-10: ZeroDivisionError: a bug", 1, 11),
    ]


def test_a_warehouse_made_before_tables_lost_gains_the_column(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute("create schema filings; create table filings.parse_runs (filing_id varchar primary key, "
                     "status varchar not null, error varchar, section_count integer, table_count integer, "
                     "fact_count integer, ambiguous_cell_count integer, unmapped_label_count integer, seconds double)")
    with warehouse.connect(path) as conn:
        columns = [row[0] for row in conn.execute("describe filings.parse_runs").fetchall()]
    assert "tables_lost" in columns


def test_a_second_holder_of_the_lock_is_refused_at_once_with_the_holders_pid(tmp_path):
    lock = tmp_path / "w.duckdb.lock"
    busy = pytest.raises(warehouse.WarehouseBusy, match=r"another zhisuan run \(pid \d+\)")
    with warehouse.exclusive_lock(lock), busy, warehouse.exclusive_lock(lock):
        pass
    with warehouse.exclusive_lock(lock):  # released when its holder is done
        pass


def test_a_run_that_waits_takes_the_lock_when_the_holder_is_done(tmp_path):
    import threading
    import time

    lock = tmp_path / "w.duckdb.lock"
    held = threading.Event()

    def hold_for_a_moment():
        with warehouse.exclusive_lock(lock):
            held.set()
            time.sleep(1.0)

    holder = threading.Thread(target=hold_for_a_moment)
    holder.start()
    held.wait(10)
    started = time.monotonic()
    with warehouse.exclusive_lock(lock, wait=True):
        waited = time.monotonic() - started
    holder.join()
    assert waited >= 0.5  # it waited for the holder instead of failing
