"""The scheduled fetch: the filings/sources asset lands new documents, and the landing sensor picks them up."""

import dataclasses
import json
from datetime import date

import dagster as dg
import pytest

from orchestration.assets.fetch import sources
from orchestration.definitions import defs, filings_source_resource
from orchestration.lib import warehouse
from orchestration.resources import FilingsSource, LandingFolder, Warehouse
from orchestration.schedules import fetch_watchlist_schedule
from orchestration.sensors import landing_folder_sensor
from orchestration.settings import FetchSettings
from tests.lib.sources.cninfo_fake import (
    EXPECTED_KEPT,
    PDF_BYTES,
    A,
    B,
    FakeCninfo,
    ServedCninfo,
    watchlist_rows,
)
from tests.orchestration.conftest import settings_for


def _snapshot(folder):
    """A recorded folder in the layout the snapshot source replays."""
    for code in (A, B):
        rows = [{k: v for k, v in r.items() if k != "category"} for r in watchlist_rows() if r["secCode"] == code]
        (folder / "announcements").mkdir(parents=True, exist_ok=True)
        (folder / "announcements" / f"{code}.json").write_text(json.dumps({"announcements": rows}), encoding="utf-8")
        for row in rows:
            (folder / row["adjunctUrl"]).parent.mkdir(parents=True, exist_ok=True)
            (folder / row["adjunctUrl"]).write_bytes(PDF_BYTES)
    return folder


def _materialize(tmp_path, source: FilingsSource, raise_on_error=True):
    (tmp_path / "landing").mkdir(exist_ok=True)
    return dg.materialize(
        [sources],
        resources={
            "filings_source": source,
            "landing": LandingFolder(path=str(tmp_path / "landing")),
            "warehouse": Warehouse(path=str(tmp_path / "w.duckdb")),
        },
        raise_on_error=raise_on_error,
    )


def _recorded(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb", read_only=True) as conn:
        return conn.execute("select announcement_id, kind, version, origin from filings.sources").fetchall()


def test_the_asset_lands_the_watchlist_from_a_snapshot_and_the_landing_sensor_picks_it_up(tmp_path):
    source = FilingsSource(mode="snapshot", watchlist=[A, B], snapshot_dir=str(_snapshot(tmp_path / "snap")),
                           cache_dir=str(tmp_path / "cache"))
    result = _materialize(tmp_path, source)
    assert result.success
    assert {(a, k, v) for a, k, v, _ in _recorded(tmp_path)} == EXPECTED_KEPT
    assert {origin for *_, origin in _recorded(tmp_path)} == {"snapshot"}
    context = dg.build_sensor_context(
        instance=dg.DagsterInstance.ephemeral(), resources={"landing": LandingFolder(path=str(tmp_path / "landing"))}
    )
    ticked = landing_folder_sensor(context)
    # one run carries the whole batch of fetched files; each becomes a partition of it
    assert len(ticked.run_requests) == 1
    added = {key for request in ticked.dynamic_partitions_requests for key in request.partition_keys}
    assert added == {p.name for p in (tmp_path / "landing").iterdir()}
    assert len(added) == len(EXPECTED_KEPT)


def test_the_asset_fetches_nothing_while_the_source_is_off(tmp_path):
    result = _materialize(tmp_path, FilingsSource(watchlist=[A], cache_dir=str(tmp_path / "cache")))
    assert result.success
    assert list((tmp_path / "landing").iterdir()) == []
    assert not (tmp_path / "w.duckdb").exists()


def test_a_403_fails_the_asset_with_the_resume_message_and_keeps_what_was_fetched(tmp_path):
    site = FakeCninfo(rows=watchlist_rows(), forbidden_pages={(B, 1)})
    with ServedCninfo(site) as served:
        source = FilingsSource(mode="live", watchlist=[A, B], since="2023-01-01", cache_dir=str(tmp_path / "cache"),
                               cninfo_url=served.url, cninfo_static_url=served.url, pace_seconds=0)
        result = _materialize(tmp_path, source, raise_on_error=False)
    assert not result.success
    failure = result.get_step_failure_events()[0].step_failure_data.error
    assert "HTTP 403" in str(failure) and "run the same command again" in str(failure)
    assert {code for code, in _codes(tmp_path)} == {A}


@pytest.mark.parametrize(("fetch", "status"), [
    (FetchSettings(), dg.DefaultScheduleStatus.STOPPED),
    (FetchSettings(source="live", watchlist=(A,)), dg.DefaultScheduleStatus.RUNNING),
    (FetchSettings(source="live"), dg.DefaultScheduleStatus.STOPPED),
])
def test_the_fetch_schedule_runs_by_default_only_once_a_source_and_watchlist_are_set(tmp_path, fetch, status):
    settings = dataclasses.replace(settings_for(tmp_path / "landing", tmp_path / "w.duckdb"), fetch=fetch)
    schedule = fetch_watchlist_schedule(filings_source_resource(settings).enabled)
    assert schedule.default_status == status
    assert schedule.execution_timezone == "Asia/Shanghai"


def test_the_fetch_job_and_schedule_are_defined():
    assert defs.resolve_job_def("fetch_filings") is not None
    assert defs.resolve_schedule_def("fetch_watchlist").cron_schedule == "0 5 * * *"


def _codes(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb", read_only=True) as conn:
        return conn.execute("select distinct stock_code from filings.sources").fetchall()


def test_watchlist_settings_are_validated():
    from orchestration.settings import fetch_kinds, stock_codes

    assert stock_codes("300846, 603220 300846") == ("300846", "603220")
    with pytest.raises(ValueError, match="not a six-digit stock code: 30084"):
        stock_codes("30084")
    with pytest.raises(ValueError, match="unknown document kind"):
        fetch_kinds("reply,bogus")
    assert date(2023, 1, 1) == FetchSettings().since
