"""The Dagster instance's event log (dagster.yaml): Dagster's SQLite storage, one database per run plus an index,
with each database kept open instead of opened and closed for every event, and asset events written in batches.

Dagster's own SQLite storage creates an engine, opens the file, writes, commits and closes it for each of the
~700 events of a `zhisuan run` (~230 of them, one per asset and check it plans, before the first step
starts). Closing the last connection to a WAL database checkpoints it, with two fsyncs: 10-40 ms of wall
and 4-5 ms of CPU per event, most of a run's start-up and of each small step's time. Here each database has
one connection for the life of the process (a few at a time: a run's own and the index), committing in WAL
mode with ``synchronous=NORMAL`` (SQLite's advice for WAL: a commit survives a crash of the process; a
power cut may lose the last ones, never the database).

While a connection is open, the events go to the database's ``-wal`` file, so the watch behind the UI's
live run view follows that file too.

A run over N landed files records, for each of the eight partitioned assets (documents and the seven parse
tables), one planned and one materialization event per partition: 16,000 events for 1,000 files, each
written on its own with a commit in the run's database and one in the index. Dagster hands a storage whole
batches when DAGSTER_EVENT_BATCH_SIZE is set; ``ZhisuanEventLogStorage`` writes a batch's asset events in one
transaction per database, with the rows and the asset index exactly as the event-by-event writes make them.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as db
from dagster._core.events import ASSET_EVENTS
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    SqliteEventLogStorage,
    SqliteEventLogStorageWatchdog,
)
from dagster._core.storage.sqlalchemy_compat import db_result
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool
from watchdog.events import FileSystemEvent, PatternMatchingEventHandler
from watchdog.observers import Observer

# Databases kept open at once: the index and the runs being written or watched; the oldest is closed first.
OPEN_DATABASES = 8
# Dagster buffers a batch until it ends or reaches this size: a run's largest batch is one asset's partitions.
EVENT_BATCH_SIZE = "10000"
BUSY_TIMEOUT_SECONDS = 15  # as Dagster's own storage: another process may be writing the same database


class ZhisuanEventLogStorage(SqliteEventLogStorage):
    """``SqliteEventLogStorage`` with one lasting connection per database (run or index), writing each batch of
    asset events at once (the same files and rows, readable by any Dagster process)."""

    def __init__(self, base_dir: str, inst_data=None) -> None:
        # Dagster asks for batches only where this is set; every process that opens the instance builds this storage.
        os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", EVENT_BATCH_SIZE)
        self._engines: OrderedDict[str, Engine] = OrderedDict()  # before Dagster's init, which writes the index
        super().__init__(base_dir, inst_data)

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> ZhisuanEventLogStorage:
        return cls(inst_data=inst_data, **config_value)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def _engine(self, shard: str) -> Engine:
        engine = self._engines.get(shard)
        if engine is not None:
            self._engines.move_to_end(shard)
            return engine
        engine = db.create_engine(
            self.conn_string_for_shard(shard), poolclass=StaticPool,
            # one connection, used under the storage's lock by whichever thread holds it
            connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        )
        db.event.listen(engine, "connect", _commit_without_fsync)
        if shard not in self._initialized_dbs:
            self._initdb(engine)
            self._initialized_dbs.add(shard)
        self._engines[shard] = engine
        while len(self._engines) > OPEN_DATABASES:
            self._engines.popitem(last=False)[1].dispose()
        return engine

    def _close_all(self) -> None:
        while self._engines:
            self._engines.popitem()[1].dispose()

    def wipe(self) -> None:
        with self._db_lock:
            self._close_all()  # the run databases are deleted: no connection may outlive its file
        super().wipe()

    def dispose(self) -> None:
        with self._db_lock:
            self._close_all()
        super().dispose()

    def watch(self, run_id: str, cursor: str | None, callback) -> None:
        # Dagster's watch, with a watchdog that also follows the run's -wal file.
        if not self._obs:
            self._obs = Observer()
            self._obs.start()
        watchdog = _WalWatchdog(self, run_id, callback, cursor)
        self._watchers[run_id][callback] = (watchdog, self._obs.schedule(watchdog, self._base_dir, recursive=True))

    def store_event_batch(self, events: Sequence[EventLogEntry]) -> None:
        """Each run of consecutive asset events of one run written at once, any other event on its own, in order
        (a run's planned events mix the assets' with their checks')."""
        chunk: list[EventLogEntry] = []
        for event in events:
            if _is_asset_event(event) and (not chunk or chunk[0].run_id == event.run_id):
                chunk.append(event)
                continue
            self._store_asset_events(chunk)
            chunk = [event] if _is_asset_event(event) else []
            if not chunk:
                self.store_event(event)
        self._store_asset_events(chunk)

    def _store_asset_events(self, events: list[EventLogEntry]) -> None:
        if not events:
            return
        statements = [self.prepare_insert_event(event) for event in events]
        with self.run_connection(events[0].run_id) as conn:
            for statement in statements:
                conn.execute(statement)
        # the cross-run index mirrors asset events, with their tags and the asset's latest records
        with self.index_transaction() as conn:
            for event, statement in zip(events, statements, strict=True):
                with db_result(conn, statement) as result:
                    event_id = result.inserted_primary_key[0]
                self._store_asset_event_tags(conn, [event], [event_id])
                self._store_asset_event(conn, event, event_id)


class _WalWatchdog(SqliteEventLogStorageWatchdog):
    """Reads a run's new events when its database or its -wal file changes."""

    def __init__(self, storage: SqliteEventLogStorage, run_id: str, callback, cursor: str | None) -> None:
        super().__init__(storage, run_id, callback, cursor)
        database = storage.path_for_shard(run_id)
        PatternMatchingEventHandler.__init__(self, patterns=[database, f"{database}-wal"])  # Dagster's: the database

    def on_modified(self, event: FileSystemEvent) -> None:
        self._process_log()


def _commit_without_fsync(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA synchronous=NORMAL")

def _is_asset_event(event: EventLogEntry) -> bool:
    return event.is_dagster_event and event.dagster_event_type in ASSET_EVENTS and bool(event.dagster_event.asset_key)
