"""One function over many items, each in a child process that is ended when it overruns its time budget.

A parser that loops or allocates without bound on one hostile file must cost that file, not the run:
each item runs in a forked child (pure library code, no Dagster), at most ``workers`` at a time, and
a child still running at its deadline is killed. The result of an item is exactly what the function
returns in process; an exception or a dead child becomes that item's error with its reason.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Fork: the child starts with the parent's imported modules, so a file costs milliseconds of overhead.
_CONTEXT = multiprocessing.get_context("fork")
_KILL_GRACE_SECONDS = 5.0


@dataclass(slots=True)
class Bounded(Generic[Result]):
    value: Result | None
    error: str | None  # None when the function returned; otherwise why there is no value
    seconds: float


@dataclass(slots=True)
class _Running:
    index: int
    process: multiprocessing.process.BaseProcess
    receiver: Connection
    started: float


def run_bounded(
    function: Callable[[Item], Result], items: Sequence[Item], seconds: float, workers: int = 2
) -> list[Bounded[Result]]:
    """``function(item)`` for every item, in order, each within ``seconds`` of wall time."""
    results: list[Bounded[Result] | None] = [None] * len(items)
    waiting = list(range(len(items)))[::-1]
    running: dict[Connection, _Running] = {}
    while waiting or running:
        while waiting and len(running) < max(1, workers):
            child = _start(function, items, waiting.pop())
            running[child.receiver] = child
        deadline = min(child.started for child in running.values()) + seconds
        for receiver in wait(list(running), timeout=max(0.0, deadline - time.monotonic())):
            child = running.pop(receiver)
            results[child.index] = _collect(child)
        for receiver, child in list(running.items()):
            if time.monotonic() - child.started >= seconds:
                del running[receiver]
                results[child.index] = _end_overrun(child, seconds)
    return results  # type: ignore[return-value]  # every slot is filled by the loop above


def _start(function: Callable, items: Sequence, index: int) -> _Running:
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_child, args=(sender, function, items[index]), daemon=True)
    process.start()
    sender.close()  # the child holds the only sending end: its exit is seen as end of file
    return _Running(index, process, receiver, time.monotonic())


def _child(sender: Connection, function: Callable, item: object) -> None:
    try:
        message = ("value", function(item))
    except BaseException as error:  # noqa: BLE001 - reported to the parent as this item's reason
        message = ("error", f"{type(error).__name__}: {error}")
    sender.send(message)
    sender.close()


def _collect(child: _Running) -> Bounded:
    try:
        kind, payload = child.receiver.recv()
    except (EOFError, OSError):
        child.process.join(_KILL_GRACE_SECONDS)
        kind, payload = "error", f"the worker process died (exit code {child.process.exitcode})"
    finally:
        child.receiver.close()
    _reap(child.process)
    elapsed = time.monotonic() - child.started
    return Bounded(payload, None, elapsed) if kind == "value" else Bounded(None, payload, elapsed)


def _end_overrun(child: _Running, seconds: float) -> Bounded:
    child.process.kill()
    _reap(child.process)
    child.receiver.close()
    return Bounded(None, f"over the time budget ({seconds:g} s)", time.monotonic() - child.started)


def _reap(process: multiprocessing.process.BaseProcess) -> None:
    """Wait for the child's exit; one that lingers after delivering its result is killed, so none outlives the call."""
    process.join(_KILL_GRACE_SECONDS)
    if process.is_alive():
        process.kill()
        process.join()
