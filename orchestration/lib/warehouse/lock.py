"""One writer per warehouse: a run holds an exclusive lock on a file beside it from its first write to its end."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse's lock; the message names the lock file and the holder's pid."""


@contextmanager
def exclusive_lock(lock_file: Path, wait: bool = False) -> Iterator[None]:
    """Hold ``lock_file`` exclusively; raise WarehouseBusy at once when another process holds it, unless ``wait``.

    The operating system releases the lock when its holder exits, however it exits (even kill -9), so
    a crashed run never leaves the warehouse locked. The file is kept: deleting it would let two runs
    lock two different files of the same name.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(descriptor, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise WarehouseBusy(
                f"another zhisuan run (pid {holder}) is writing this warehouse (lock {lock_file}); "
                "wait for it to finish or pass --wait"
            ) from None
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(descriptor)


@contextmanager
def connection_lock(lock_file: Path, exclusive: bool) -> Iterator[None]:
    """Wait for the warehouse between processes: many readers, or one writer (dbt's build included).

    DuckDB refuses, rather than waits for, a process opening a file another process has open for
    writing; steps of one run in separate processes (the multiprocess executor) queue here instead.
    Connections do not nest within a process, so a process never waits for itself.
    """
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(descriptor)
