"""Stopping a child command and everything it started, on SIGTERM, SIGINT or SIGHUP (`zhisuan ui`)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

EXIT_INTERRUPTED = 130
_STOP_GRACE_SECONDS = 10.0


class _Stop(Exception):
    pass


def supervise(command: list[str], grace_seconds: float = _STOP_GRACE_SECONDS, **popen: object) -> int:
    """Run ``command`` in its own process group; on SIGTERM, SIGINT or SIGHUP stop it and every process it started.

    `dagster dev` starts a webserver, a daemon and code servers: ending only the first would leave the others.
    """

    def stop(signum: int, _frame: object) -> None:
        raise _Stop(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)}
    process = subprocess.Popen(command, start_new_session=True, **popen)
    try:
        return process.wait()
    except (_Stop, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    finally:
        _stop_tree(process, grace_seconds)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop_tree(process: subprocess.Popen, grace_seconds: float) -> None:
    """SIGTERM to the group and every descendant, SIGKILL to whatever is left after the grace period."""
    tree = _descendants(process.pid) | {process.pid}
    _signal_all(process.pid, tree, signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    while time.monotonic() < deadline and _alive(process, tree):
        time.sleep(0.1)
    _signal_all(process.pid, {pid for pid in tree if _running(pid)}, signal.SIGKILL)
    process.wait()


def _signal_all(group: int, pids: set[int], sig: int) -> None:
    for send, target in [(os.killpg, group), *((os.kill, pid) for pid in pids)]:
        try:
            send(target, sig)
        except (ProcessLookupError, PermissionError):
            pass  # already gone


def _alive(process: subprocess.Popen, pids: set[int]) -> bool:
    process.poll()  # reaps our own child once it has exited
    return any(_running(pid) for pid in pids)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _descendants(root: int) -> set[int]:
    """Every process below ``root``, from /proc: a child that left the group is still found by its parent."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, frontier = set(), [root]
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in found:
                found.add(child)
                frontier.append(child)
    return found
