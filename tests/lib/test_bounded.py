"""Bounded execution: each item in a child process, ended at its time budget; results as in process."""

import multiprocessing
import os
import time

from orchestration.lib import bounded
from orchestration.lib.bounded import run_bounded
from orchestration.lib.corpus.hostile import MINI_FILING
from orchestration.lib.parsing.facts import parse_filing


def _work(item):
    if item == "loop":
        while True:
            pass
    if item == "raise":
        raise ValueError("bad input")
    if item == "die":
        os._exit(3)
    return item * 2


def test_each_item_gets_its_result_its_error_or_the_time_budget_in_order():
    started = time.monotonic()
    results = run_bounded(_work, [1, "loop", "raise", 4, "die", 6], seconds=2, workers=2)

    assert [r.value for r in results] == [2, None, None, 8, None, 12]
    assert [r.error for r in results] == [
        None, "over the time budget (2 s)", "ValueError: bad input", None,
        "the worker process died (exit code 3)", None,
    ]
    # Loose bound: the endless loop costs its own budget, not the run's (2 s budget, generous slack).
    assert time.monotonic() - started < 30


def test_a_parse_in_a_child_process_is_the_parse_in_process(real_filings):
    texts = [MINI_FILING, (real_filings / "000_f0b2696fee94cc90.txt").read_text(encoding="utf-8")]
    bounded = run_bounded(parse_filing, texts, seconds=120)
    for text, result in zip(texts, bounded):
        assert result.error is None
        assert result.value.facts == parse_filing(text).facts
        assert result.value.tables == parse_filing(text).tables


def test_no_child_outlives_the_call():
    before = _children()  # earlier tests in the session may have left their own (a DuckDB or dbt helper)
    run_bounded(_work, ["loop", 1, "die"], seconds=1, workers=2)
    assert _children() == before


def _children() -> set[str]:
    return {pid for pid in os.listdir("/proc") if pid.isdigit() and _parent(pid) == os.getpid()}


def _parent(pid: str) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None


def test_a_child_takes_item_after_item_and_a_dead_one_is_replaced():
    # Forking a large run process per file cost ~40 ms of CPU each: children are reused, up to ITEMS_PER_CHILD.
    results = run_bounded(_pid_or_die, [1, 2, 3, "die", 5, 6, 7, 8], seconds=30, workers=2)

    pids = [r.value for r in results if r.value is not None]
    assert len(pids) == 7 and results[3].error == "the worker process died (exit code 3)"
    assert len(set(pids)) <= 3  # two children, and one more after the first died


def test_a_child_is_retired_after_its_share_of_items(monkeypatch):
    monkeypatch.setattr(bounded, "ITEMS_PER_CHILD", 2)
    results = run_bounded(_pid_or_die, list(range(6)), seconds=30, workers=1)

    assert len({r.value for r in results}) == 3


def _pid_or_die(item):
    if item == "die":
        os._exit(3)
    return os.getpid()


def test_idle_children_stop_when_told_and_are_never_killed(monkeypatch):
    # Regression: idle children waited for their pipe to close, which a sibling's inherited copy kept open, so
    # every call ended with the 5 s grace and a kill (10 s of a cold run's wall, per bounded step).
    killed, kill = [], multiprocessing.process.BaseProcess.kill
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "kill", lambda process: [killed.append(process.pid), kill(process)])
    results = run_bounded(_pid_or_die, [1, 2, 3], seconds=30, workers=2)

    assert all(r.error is None for r in results)
    assert killed == []
