"""The instance's event log keeps each database open: events are stored, read by another instance, and followed
live by a watcher (the UI's run view) although they go to the database's -wal file first."""

import threading
import time

import dagster as dg
from dagster._core.events.log import EventLogEntry

from orchestration.resources.event_log import OPEN_DATABASES, KeptOpenEventLogStorage
from orchestration.settings import prepare_dagster_home
from tests.orchestration.conftest import settings_for

RUN_ID = "0" * 32


def _entry(message: str, run_id: str = RUN_ID) -> EventLogEntry:
    return EventLogEntry(error_info=None, level=10, user_message=message, run_id=run_id, timestamp=time.time())


def test_the_warehouse_instance_stores_events_another_instance_reads(tmp_path):
    home = prepare_dagster_home(settings_for(tmp_path / "landing", tmp_path / "w.duckdb"))
    with dg.DagsterInstance.from_config(str(home)) as writer:
        assert isinstance(writer.event_log_storage, KeptOpenEventLogStorage)
        for i in range(3):
            writer.event_log_storage.store_event(_entry(f"event {i}"))
        with dg.DagsterInstance.from_config(str(home)) as reader:  # the UI, while the run still writes
            assert [e.user_message for e in reader.all_logs(RUN_ID)] == ["event 0", "event 1", "event 2"]


def test_a_watcher_sees_each_event_while_the_writer_keeps_the_database_open(tmp_path):
    storage = KeptOpenEventLogStorage(str(tmp_path / "runs"))
    storage.store_event(_entry("before the watch"))  # the run's database exists and is open
    seen: list[str] = []
    arrived = threading.Event()

    def callback(entry, _cursor):
        seen.append(entry.user_message)
        arrived.set()

    storage.watch(RUN_ID, None, callback)
    try:
        storage.store_event(_entry("while watched"))
        assert arrived.wait(timeout=20)  # loose: only that it comes, not how fast
        assert "while watched" in seen
    finally:
        storage.end_watch(RUN_ID, callback)
        storage.dispose()


def test_only_a_few_databases_stay_open(tmp_path):
    storage = KeptOpenEventLogStorage(str(tmp_path / "runs"))
    runs = [f"{i:032d}" for i in range(OPEN_DATABASES + 3)]
    for run_id in runs:
        storage.store_event(_entry("one", run_id))
    assert len(storage._engines) == OPEN_DATABASES
    assert all(len(storage.get_records_for_run(run_id).records) == 1 for run_id in runs)
    storage.wipe()  # deletes the run databases: their connections are closed first
    assert list(storage._engines) == ["index"] and storage.get_all_run_ids() == []
    storage.store_event(_entry("after the wipe", runs[0]))
    assert [r.event_log_entry.user_message for r in storage.get_records_for_run(runs[0]).records] == ["after the wipe"]
