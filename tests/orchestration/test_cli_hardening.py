"""The CLI: a busy warehouse is refused before anything is written; `zhisuan ui` leaves no process behind."""

import os
import signal
import subprocess
import sys
import time

import pytest

from orchestration import cli
from orchestration.cli.supervise import _descendants, _running
from orchestration.lib import warehouse


@pytest.fixture(autouse=True)
def _environment_restored():
    """The CLI exports its flags to the environment; other tests must not see them."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_a_second_run_on_a_locked_warehouse_exits_at_once_with_one_line_and_writes_nothing(tmp_path, capsys):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.txt").write_text("公司营业收入为100万元。")
    target = tmp_path / "w.duckdb"
    with warehouse.exclusive_lock(tmp_path / "w.duckdb.lock"):
        started = time.monotonic()
        status = cli.main(["run", "--filings", str(landing), "--warehouse", str(target)])
        elapsed = time.monotonic() - started
    err = capsys.readouterr().err
    assert status == cli.EXIT_WAREHOUSE_BUSY == 75
    assert err.count("\n") == 1 and err.startswith("zhisuan: another zhisuan run (pid ")
    assert "Traceback" not in err
    assert not target.exists()
    assert elapsed < 30  # loose: it does not wait for the holder


def test_an_expected_failure_is_one_line_without_a_traceback(tmp_path, capsys):
    status = cli.main(["run", "--filings", str(tmp_path / "missing"), "--warehouse", str(tmp_path / "w.duckdb")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.strip() == f"error: landing folder {tmp_path / 'missing'} does not exist"


def test_the_ui_supervisor_ends_every_process_it_started_on_sigterm():
    # A tree like `dagster dev`'s: children in the group, one that left it (setsid), one ignoring SIGTERM.
    tree = "sleep 300 & setsid sleep 301 & sh -c 'trap \"\" TERM; sleep 302 & wait' & wait"
    code = f"from orchestration.cli.supervise import supervise; raise SystemExit(supervise(['sh', '-c', {tree!r}], 2.0))"
    supervisor = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 30
        while len(_descendants(supervisor.pid)) < 5 and time.monotonic() < deadline:
            time.sleep(0.1)
        started = _descendants(supervisor.pid)
        assert len(started) >= 5
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=60) == cli.EXIT_INTERRUPTED
        assert [pid for pid in started if _running(pid)] == []
    finally:
        if supervisor.poll() is None:
            supervisor.kill()


def test_the_ui_command_runs_dagster_under_the_supervisor(monkeypatch, tmp_path):
    seen = {}
    monkeypatch.setenv("ZHISUAN_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(cli, "supervise", lambda command, **popen: seen.update(command=command, **popen) or 0)
    assert cli.main(["ui", "--port", "3999"]) == 0
    assert seen["command"][1:3] == ["dev", "-w"] and "3999" in seen["command"]
    assert os.path.basename(seen["command"][0]) == "dagster"


@pytest.mark.slow
def test_zhisuan_ui_leaves_no_dagster_process_behind_on_sigterm(tmp_path):
    import socket
    import urllib.request

    from tests.conftest import REPO_ROOT

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {"ZHISUAN_DATA_DIR": str(tmp_path), "ZHISUAN_WAREHOUSE": str(tmp_path / "w.duckdb")}
    ui = subprocess.Popen([str(REPO_ROOT / ".venv" / "bin" / "zhisuan"), "ui", "--port", str(port)], env=env,
                          cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5)
                break
            except OSError:
                assert ui.poll() is None, "zhisuan ui exited during start-up"
                time.sleep(1)
        else:
            pytest.fail("the Dagster UI did not answer within 240 s")
        started = _descendants(ui.pid)
        assert len(started) >= 3  # dagster dev, its webserver and its daemon at least
        ui.send_signal(signal.SIGTERM)
        ui.wait(timeout=120)
        deadline = time.monotonic() + 30
        while [pid for pid in started if _running(pid)] and time.monotonic() < deadline:
            time.sleep(0.5)
        assert [pid for pid in started if _running(pid)] == []
    finally:
        if ui.poll() is None:
            ui.kill()
