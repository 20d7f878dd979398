"""The Dagster instance's event log: Dagster's SQLite storage, writing a batch of asset events at once.

A run over N landed files records, for each of the eight partitioned assets (documents and the seven parse
tables), one planned and one materialization event per partition: 16,000 events for 1,000 files. Dagster's
SQLite storage writes each event on its own, opening both the run's database and the cross-run index and
committing each (about 30-60 ms an event on a 2-core machine), so the events alone took longer than the
whole run should. Dagster groups these events into batches and hands a storage the whole batch when
DAGSTER_EVENT_BATCH_SIZE is set; this storage writes a batch of asset events in one transaction per database,
with the rows and the asset index exactly as the event-by-event writes make them. Other events (run, step and
check events) are written one at a time, as before.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from dagster._core.events import ASSET_EVENTS
from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log import SqliteEventLogStorage
from dagster._core.storage.sqlalchemy_compat import db_result

# Dagster buffers a batch until it ends or reaches this size: a run's largest batch is one asset's partitions.
EVENT_BATCH_SIZE = "10000"


class BatchedSqliteEventLogStorage(SqliteEventLogStorage):
    """Dagster's per-run SQLite event log (the same files, readable by any Dagster process), batch-writing."""

    def __init__(self, base_dir: str, inst_data=None):
        # Dagster asks for batches only where this is set; every process that opens the instance builds this storage.
        os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", EVENT_BATCH_SIZE)
        super().__init__(base_dir, inst_data)

    @classmethod
    def from_config_value(cls, inst_data, config_value) -> BatchedSqliteEventLogStorage:
        return cls(inst_data=inst_data, **config_value)

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


def _is_asset_event(event: EventLogEntry) -> bool:
    return event.is_dagster_event and event.dagster_event_type in ASSET_EVENTS and bool(event.dagster_event.asset_key)
