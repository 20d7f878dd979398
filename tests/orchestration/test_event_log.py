"""The instance's event log keeps each database open and writes a batch of asset events at once: events are
stored, read by another instance and followed live by a watcher (the UI's run view) although they go to the
database's -wal file first; and a batched run records exactly what Dagster's own SQLite event log records one
event at a time: every partition's planned and materialization events, in the run's database and in the
cross-run index the UI and the sensor read."""

import threading
import time
from pathlib import Path

import dagster as dg
from dagster._core.events.log import EventLogEntry

from orchestration.resources.event_log import OPEN_DATABASES, ZhisuanEventLogStorage
from orchestration.settings import prepare_dagster_home
from tests.orchestration.conftest import settings_for

RUN_ID = "0" * 32
FILES = dg.DynamicPartitionsDefinition(name="files")
KEYS = [f"file_{n}.txt" for n in range(6)]


def _entry(message: str, run_id: str = RUN_ID) -> EventLogEntry:
    return EventLogEntry(error_info=None, level=10, user_message=message, run_id=run_id, timestamp=time.time())


def test_the_warehouse_instance_stores_events_another_instance_reads(tmp_path):
    home = prepare_dagster_home(settings_for(tmp_path / "landing", tmp_path / "w.duckdb"))
    with dg.DagsterInstance.from_config(str(home)) as writer:
        assert isinstance(writer.event_log_storage, ZhisuanEventLogStorage)
        for i in range(3):
            writer.event_log_storage.store_event(_entry(f"event {i}"))
        with dg.DagsterInstance.from_config(str(home)) as reader:  # the UI, while the run still writes
            assert [e.user_message for e in reader.all_logs(RUN_ID)] == ["event 0", "event 1", "event 2"]


def test_a_watcher_sees_each_event_while_the_writer_keeps_the_database_open(tmp_path):
    storage = ZhisuanEventLogStorage(str(tmp_path / "runs"))
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
    storage = ZhisuanEventLogStorage(str(tmp_path / "runs"))
    runs = [f"{i:032d}" for i in range(OPEN_DATABASES + 3)]
    for run_id in runs:
        storage.store_event(_entry("one", run_id))
    assert len(storage._engines) == OPEN_DATABASES
    assert all(len(storage.get_records_for_run(run_id).records) == 1 for run_id in runs)
    storage.wipe()  # deletes the run databases: their connections are closed first
    assert list(storage._engines) == ["index"] and storage.get_all_run_ids() == []
    storage.store_event(_entry("after the wipe", runs[0]))
    assert [r.event_log_entry.user_message for r in storage.get_records_for_run(runs[0]).records] == ["after the wipe"]


@dg.asset(partitions_def=FILES, backfill_policy=dg.BackfillPolicy.single_run())
def landed() -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"rows": 1})


@dg.multi_asset(
    specs=[dg.AssetSpec(name, partitions_def=FILES, deps=[landed]) for name in ("cells", "facts")],
    backfill_policy=dg.BackfillPolicy.single_run(), can_subset=False,
)
def parsed():
    yield dg.MaterializeResult(asset_key="cells")
    yield dg.MaterializeResult(asset_key="facts")


@dg.asset_check(asset=landed)
def landed_is_whole() -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=True)


def _run_over_every_file(instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    definitions = dg.Definitions(assets=[landed, parsed], asset_checks=[landed_is_whole], jobs=[dg.define_asset_job("all", selection="*")])
    job = definitions.resolve_job_def("all")
    instance.add_dynamic_partitions(FILES.name, KEYS)
    tags = {"dagster/asset_partition_range_start": KEYS[0], "dagster/asset_partition_range_end": KEYS[-1]}
    return job.execute_in_process(instance=instance, tags=tags)


def _recorded(instance: dg.DagsterInstance, run_id: str) -> tuple[list, dict, dict]:
    """The run's asset events (type, asset, partition), per asset the partitions the index says are done, and
    the latest materialization the asset index holds for each."""
    events = sorted(
        (entry.dagster_event_type.value, entry.dagster_event.asset_key.to_user_string(), entry.dagster_event.partition)
        for entry in instance.all_logs(run_id)
        if entry.is_dagster_event and entry.dagster_event.asset_key
    )
    keys = [dg.AssetKey(key) for key in ("landed", "cells", "facts")]
    done = {key.to_user_string(): sorted(instance.get_materialized_partitions(key)) for key in keys}
    latest = {
        record.asset_entry.asset_key.to_user_string(): record.asset_entry.last_materialization.dagster_event.partition
        for record in instance.get_asset_records(keys)
    }
    return events, done, latest


def test_the_warehouse_instance_batches_asset_events_in_its_usual_folder(tmp_path):
    home = prepare_dagster_home(settings_for(tmp_path / "landing", tmp_path / "w.duckdb"))
    with dg.DagsterInstance.from_config(str(home)) as instance:
        storage = instance.event_log_storage
        assert isinstance(storage, ZhisuanEventLogStorage)
        assert Path(storage._base_dir) == (home / "history" / "runs").resolve()


def test_a_batched_run_records_what_the_event_by_event_log_records(tmp_path, monkeypatch):
    written_alone = []
    store_event = ZhisuanEventLogStorage.store_event
    def spy(storage, event):
        written_alone.append(event.dagster_event_type)
        store_event(storage, event)
    monkeypatch.setattr(ZhisuanEventLogStorage, "store_event", spy)
    home = prepare_dagster_home(settings_for(tmp_path / "landing", tmp_path / "w.duckdb"))
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    recorded = []
    for folder in (home, plain):
        with dg.DagsterInstance.from_config(str(folder)) as instance:
            result = _run_over_every_file(instance)
            assert result.success
            recorded.append(_recorded(instance, result.run_id))
    batched, one_by_one = recorded
    assert batched == one_by_one
    events, done, latest = batched
    assert done == {key: sorted(KEYS) for key in ("landed", "cells", "facts")}
    assert set(latest) == {"landed", "cells", "facts"} and set(latest.values()) <= set(KEYS)
    assert sum(kind == "ASSET_MATERIALIZATION" for kind, _, _ in events) == 3 * len(KEYS)
    # the partitions' planned and materialization events went in batches, beside the checks' planned events
    assert "ASSET_CHECK_EVALUATION_PLANNED" in {kind.value for kind in written_alone}
    assert not {kind.value for kind in written_alone} & {"ASSET_MATERIALIZATION", "ASSET_MATERIALIZATION_PLANNED"}
