"""The landing sensor: off by default, one run per batch of new files, through every stage."""

import os
import shutil
import time

import dagster as dg

from orchestration.definitions import defs
from orchestration.resources import LandingFolder
from orchestration.sensors import changed_files, landing_folder_sensor, partition_range

SMALL, OTHER = "000_f0b2696fee94cc90.txt", "003_aee50a10d511e859.txt"


def _tick(instance, landing, cursor):
    context = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"landing": LandingFolder(path=str(landing))})
    return landing_folder_sensor(context)


def _range(request) -> tuple[str, str]:
    return request.tags["dagster/asset_partition_range_start"], request.tags["dagster/asset_partition_range_end"]


def test_changed_files_are_new_or_different():
    assert changed_files({"a": "1:1", "b": "2:2"}, {"a": "1:1", "b": "2:3", "c": "4:4"}) == ["b", "c"]


def test_a_batch_of_new_files_is_exactly_the_partitions_appended_last():
    assert partition_range(["a", "b"], ["c", "d"], ["c", "d"]) == ("c", "d")
    # A changed old file reaches back to itself; the files after it are re-ingested, which changes nothing.
    assert partition_range(["a", "b", "c"], [], ["b"]) == ("b", "c")


def test_the_sensor_is_off_until_someone_turns_it_on():
    assert landing_folder_sensor.default_status == dg.DefaultSensorStatus.STOPPED


def test_the_sensor_runs_the_job_that_carries_files_through_every_stage():
    job = defs.resolve_job_def(landing_folder_sensor.job_name)
    groups = {defs.resolve_asset_graph().get(key).group_name for key in job.asset_layer.selected_asset_keys}
    assert groups == {"ingest", "parse", "staging", "intermediate", "marts", "quality", "model", "report"}


def test_new_files_land_in_one_run_and_an_unchanged_folder_starts_none(tmp_path, real_filings):
    landing = tmp_path / "landing"
    landing.mkdir()
    for name in (SMALL, OTHER):
        shutil.copy(real_filings / name, landing)
    instance = dg.DagsterInstance.ephemeral()

    first = _tick(instance, landing, None)
    assert len(first.run_requests) == 1
    assert _range(first.run_requests[0]) == (SMALL, OTHER)
    assert first.dynamic_partitions_requests[0].partition_keys == [SMALL, OTHER]
    instance.add_dynamic_partitions("filings", [SMALL, OTHER])
    assert _tick(instance, landing, first.cursor).run_requests == []

    shutil.copy(real_filings / "001_1cef971acf991f87.txt", landing / "zz_new.txt")
    second = _tick(instance, landing, first.cursor)
    assert [_range(r) for r in second.run_requests] == [("zz_new.txt", "zz_new.txt")]


def test_a_file_rewritten_after_its_run_is_picked_up_on_the_first_tick(real_marts):
    """Turning the sensor on (no cursor yet) after `zhisuan run`: only what changed since is run again."""
    landing = real_marts.settings.landing_dir
    instance = real_marts.instance()
    assert _tick(instance, landing, None).run_requests == []

    copy = real_marts.settings.data_dir / "landing_copy"
    shutil.copytree(landing, copy)
    later = time.time() + 60
    os.utime(copy / OTHER, (later, later))
    requests = _tick(instance, copy, None).run_requests
    assert [_range(r) for r in requests] == [(OTHER, instance.get_dynamic_partitions("filings")[-1])]
