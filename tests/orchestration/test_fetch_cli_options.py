"""`zhisuan fetch` options: explicit codes and kinds, replaying a snapshot, and plain errors for bad input."""

import contextlib
import io

import pytest

from orchestration.cli import main
from orchestration.lib import warehouse
from tests.lib.sources.cninfo_fake import A, FakeCninfo, ServedCninfo, watchlist_rows


@pytest.fixture
def isolated_env(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHISUAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ZHISUAN_WAREHOUSE", str(tmp_path / "w.duckdb"))
    monkeypatch.setenv("ZHISUAN_CNINFO_PACE", "0")
    monkeypatch.delenv("ZHISUAN_WATCHLIST", raising=False)
    return tmp_path


def _fetch(*argv) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["fetch", *argv])
    return status, out.getvalue(), err.getvalue()


def test_a_recorded_fetch_replays_from_its_snapshot_with_the_codes_and_kinds_asked_for(isolated_env, monkeypatch):
    with ServedCninfo(FakeCninfo(rows=watchlist_rows())) as served:
        monkeypatch.setenv("ZHISUAN_CNINFO_URL", served.url)
        monkeypatch.setenv("ZHISUAN_CNINFO_STATIC_URL", served.url)
        status, _, _ = _fetch("--code", A, "--since", "2023-01-01", "--until", "2024-12-31", "--kinds", "annual,reply",
                              "--to", str(isolated_env / "live"), "--record", str(isolated_env / "snap"))
    assert status == 0
    status, output, _ = _fetch("--code", A, "--since", "2023-01-01", "--until", "2024-12-31", "--kinds", "annual,reply",
                               "--to", str(isolated_env / "replayed"), "--snapshot", str(isolated_env / "snap"))
    assert status == 0, output
    assert f"from the snapshot {isolated_env / 'snap'}" in output
    assert sorted(p.name for p in (isolated_env / "replayed").iterdir()) == [
        "300846_2023-04-20_annual_103.pdf", "300846_2023-04-20_reply_101.pdf",
    ]
    with warehouse.connect(isolated_env / "w.duckdb", read_only=True) as conn:
        assert conn.execute("select count(*) from filings.sources").fetchone()[0] == 2


@pytest.mark.parametrize(("argv", "message"), [
    ((), "name at least one --code, or set ZHISUAN_WATCHLIST"),
    (("--code", "30084"), "not a six-digit stock code: 30084"),
    (("--code", A, "--kinds", "annual,memo"), "unknown document kind(s) memo"),
])
def test_bad_input_is_refused_before_anything_is_fetched(isolated_env, argv, message):
    status, _, err = _fetch(*argv, "--to", str(isolated_env / "landing"))
    assert status == 2 and message in err
    assert not (isolated_env / "landing").exists()


def test_a_stock_missing_from_the_snapshot_is_a_named_failure(isolated_env):
    (isolated_env / "snap").mkdir()
    status, output, _ = _fetch("--code", A, "--to", str(isolated_env / "landing"), "--snapshot", str(isolated_env / "snap"))
    assert status == 1
    assert f"failed: {A}: the snapshot {isolated_env / 'snap'} has no recorded announcements of {A}" in output
