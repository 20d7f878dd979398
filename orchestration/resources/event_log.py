"""The Dagster instance's event log (dagster.yaml): Dagster's SQLite storage, one database per run plus an index,
with each database kept open instead of opened and closed for every event.

Dagster's own SQLite storage creates an engine, opens the file, writes, commits and closes it for each of the
~700 events of a `zhisuan run` (~230 of them, one per asset and check it plans, before the first step
starts). Closing the last connection to a WAL database checkpoints it, with two fsyncs: 10-40 ms of wall
and 4-5 ms of CPU per event, most of a run's start-up and of each small step's time. Here each database has
one connection for the life of the process (a few at a time: a run's own and the index), committing in WAL
mode with ``synchronous=NORMAL`` (SQLite's advice for WAL: a commit survives a crash of the process; a
power cut may lose the last ones, never the database).

While a connection is open, the events go to the database's ``-wal`` file, so the watch behind the UI's
live run view follows that file too.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as db
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    SqliteEventLogStorage,
    SqliteEventLogStorageWatchdog,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool
from watchdog.events import FileSystemEvent, PatternMatchingEventHandler
from watchdog.observers import Observer

# Databases kept open at once: the index and the runs being written or watched; the oldest is closed first.
OPEN_DATABASES = 8
BUSY_TIMEOUT_SECONDS = 15  # as Dagster's own storage: another process may be writing the same database


class KeptOpenEventLogStorage(SqliteEventLogStorage):
    """``SqliteEventLogStorage`` with one lasting connection per database (run or index)."""

    def __init__(self, base_dir: str, inst_data=None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()  # before Dagster's init, which writes the index
        super().__init__(base_dir, inst_data)

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> KeptOpenEventLogStorage:
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
