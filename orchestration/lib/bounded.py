"""One function over many items, each in a child process that is ended when it overruns its time budget.

A parser that loops or allocates without bound on one hostile file must cost that file, not the run:
items run in forked children (pure library code, no Dagster), at most ``workers`` at a time, and a child
still busy with an item at its deadline is killed. The result of an item is exactly what the function
returns in process; an exception or a dead child becomes that item's error with its reason.

A child takes item after item (up to ``ITEMS_PER_CHILD``) rather than one: forking a run process of a few
hundred MB costs ~40 ms of CPU, which a thousand files paid twice (reading, parsing). A child that is
killed or dies takes only its current item with it; the next item gets a new child.
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

# Fork: the child starts with the parent's imported modules and the items, so only an item's index and its
# result cross the pipe.
_CONTEXT = multiprocessing.get_context("fork")
_KILL_GRACE_SECONDS = 5.0
# A child is retired after this many items, so whatever the function caches or leaks stays bounded.
ITEMS_PER_CHILD = 64


@dataclass(slots=True)
class Bounded(Generic[Result]):
    value: Result | None
    error: str | None  # None when the function returned; otherwise why there is no value
    seconds: float


@dataclass(slots=True)
class _Child:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    index: int = -1  # the item it is working on; -1 when idle
    started: float = 0.0
    done: int = 0


def run_bounded(
    function: Callable[[Item], Result], items: Sequence[Item], seconds: float, workers: int = 2
) -> list[Bounded[Result]]:
    """``function(item)`` for every item, in order, each within ``seconds`` of wall time."""
    results: list[Bounded[Result] | None] = [None] * len(items)
    waiting = list(range(len(items)))[::-1]
    children: list[_Child] = []
    try:
        while waiting or any(child.index >= 0 for child in children):
            _hand_out(function, items, waiting, children, max(1, workers))
            busy = [child for child in children if child.index >= 0]
            deadline = min(child.started for child in busy) + seconds
            ready = wait([child.connection for child in busy], timeout=max(0.0, deadline - time.monotonic()))
            for child in busy:
                index = child.index  # read first: collecting the result makes the child idle
                if child.connection in ready:
                    results[index] = _collect(child, children)
                elif time.monotonic() - child.started >= seconds:
                    results[index] = _end_overrun(child, children, seconds)
    finally:
        for child in children:
            _retire(child)
    return results  # type: ignore[return-value]  # every slot is filled by the loop above


def _hand_out(function: Callable, items: Sequence, waiting: list[int], children: list[_Child], workers: int) -> None:
    """Give every idle child its next item, retiring worn-out children and starting new ones up to ``workers``."""
    for child in [child for child in children if child.index < 0 and child.done >= ITEMS_PER_CHILD]:
        children.remove(child)
        _retire(child)
    while waiting and len(children) < workers:
        children.append(_start(function, items))
    for child in children:
        if child.index < 0 and waiting:
            child.index, child.started = waiting.pop(), time.monotonic()
            child.connection.send(child.index)


def _start(function: Callable, items: Sequence) -> _Child:
    parent_end, child_end = _CONTEXT.Pipe()
    process = _CONTEXT.Process(target=_serve, args=(child_end, function, items), daemon=True)
    process.start()
    child_end.close()  # the child holds the only other end: its exit is seen as end of file
    return _Child(process, parent_end)


def _serve(connection: Connection, function: Callable, items: Sequence) -> None:
    """The child: the result of each index it is sent, until it is sent None."""
    while True:
        try:
            index = connection.recv()
        except EOFError:
            return
        if index is None:
            return
        try:
            message = ("value", function(items[index]))
        except BaseException as error:  # noqa: BLE001 - reported to the parent as this item's reason
            message = ("error", f"{type(error).__name__}: {error}")
        connection.send(message)


def _collect(child: _Child, children: list[_Child]) -> Bounded:
    elapsed = time.monotonic() - child.started
    try:
        kind, payload = child.connection.recv()
    except (EOFError, OSError):
        child.process.join(_KILL_GRACE_SECONDS)
        children.remove(child)
        _retire(child)
        return Bounded(None, f"the worker process died (exit code {child.process.exitcode})", elapsed)
    child.index, child.done = -1, child.done + 1
    return Bounded(payload, None, elapsed) if kind == "value" else Bounded(None, payload, elapsed)


def _end_overrun(child: _Child, children: list[_Child], seconds: float) -> Bounded:
    child.process.kill()
    children.remove(child)
    _retire(child)
    return Bounded(None, f"over the time budget ({seconds:g} s)", time.monotonic() - child.started)


def _retire(child: _Child) -> None:
    """Tell the child to stop and wait for its exit; one that lingers is killed, so none outlives the call.

    Said, not signalled by closing the pipe: every child forked later holds a copy of this end of it, so the
    child would never see the pipe close."""
    try:
        child.connection.send(None)
    except OSError:
        pass  # the child is gone already
    child.connection.close()
    child.process.join(_KILL_GRACE_SECONDS)
    if child.process.is_alive():
        child.process.kill()
        child.process.join()
