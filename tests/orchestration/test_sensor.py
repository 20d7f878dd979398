import shutil

import dagster as dg

from orchestration.definitions import build_definitions
from orchestration.lib import warehouse
from orchestration.resources import LandingFolder
from orchestration.sensors import changed_files, landing_folder_sensor
from tests.orchestration.conftest import settings_for


def _tick(instance, landing, cursor):
    context = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"landing": LandingFolder(path=str(landing))})
    return landing_folder_sensor(context)


def test_changed_files_are_new_or_different():
    assert changed_files({"a": "1:1", "b": "2:2"}, {"a": "1:1", "b": "2:3", "c": "4:4"}) == ["b", "c"]


def test_the_sensor_ingests_only_a_newly_landed_file(tmp_path, real_filings):
    landing = tmp_path / "landing"
    landing.mkdir()
    shutil.copy(real_filings / "000_f0b2696fee94cc90.txt", landing)
    instance = dg.DagsterInstance.ephemeral()

    first = _tick(instance, landing, None)
    assert [r.partition_key for r in first.run_requests] == ["000_f0b2696fee94cc90.txt"]
    instance.add_dynamic_partitions("filings", ["000_f0b2696fee94cc90.txt"])
    assert _tick(instance, landing, first.cursor).run_requests == []

    shutil.copy(real_filings / "003_aee50a10d511e859.txt", landing)
    second = _tick(instance, landing, first.cursor)
    assert [r.partition_key for r in second.run_requests] == ["003_aee50a10d511e859.txt"]
    assert second.dynamic_partitions_requests[0].partition_keys == ["003_aee50a10d511e859.txt"]

    # Carrying out the request ingests that one file.
    instance.add_dynamic_partitions("filings", ["003_aee50a10d511e859.txt"])
    defs = build_definitions(settings_for(landing, tmp_path / "w.duckdb"))
    result = defs.resolve_job_def("ingest_filings").execute_in_process(
        instance=instance, partition_key="003_aee50a10d511e859.txt"
    )
    assert result.success
    with warehouse.connect(tmp_path / "w.duckdb", read_only=True) as conn:
        rows = conn.execute("select source_file, short_name, status from filings.documents").fetchall()
    assert rows == [("003_aee50a10d511e859.txt", "首都在线", "parsed")]
