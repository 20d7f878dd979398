"""Fuzzing the reader and the parser with mutated windows of filings.

A window is a run of consecutive lines of a filing; a mutation changes it as a careless export, an
odd editor or a hostile user would. Each mutant goes through the ingest boundary (bytes in) and the
parser. Three outcomes are defects: an exception escaping either, a failure without a reason, and a
filing silently reduced to nothing (a mutation that keeps every printed number leaves no fact, with
no recorded failure or lost table). A *transparent* mutation (line endings, invisible characters,
full-width digits) must leave exactly the facts of the window itself.

``python -m orchestration.lib.corpus.mutate --count 20000 FILE...`` runs a long fuzz (``make fuzz``).
"""

from __future__ import annotations

import argparse
import html
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from orchestration.lib.ingest.documents import read_filing
from orchestration.lib.parsing.facts import parse_filing

Mutation = Callable[[list[str], random.Random], tuple[str, bytes]]
_DIGITS_TO_FULL_WIDTH = {ord(str(n)): chr(0xFF10 + n) for n in range(10)}
_JUNK = ["\t", "\t\t\t", "   ", "－", "（", "）", "合计", "单位：万元", "1,", "%", "<b>", "</i>", "&amp;", "\u3000", "项目\t"]


def _lines(sep: str) -> Mutation:
    return lambda window, rng: ("w.txt", sep.join(window).encode())


def _inserted_in_numbers(mark: str) -> Mutation:
    def mutate(window: list[str], rng: random.Random) -> tuple[str, bytes]:
        text = "\n".join(window)
        out = [ch + mark if ch.isdigit() and rng.random() < 0.3 else ch for ch in text]
        return "w.txt", "".join(out).encode()

    return mutate


def _full_width_digits(window: list[str], rng: random.Random) -> tuple[str, bytes]:
    return "w.txt", "\n".join(window).translate(_DIGITS_TO_FULL_WIDTH).encode()


def _tab_only_blank_lines(window: list[str], rng: random.Random) -> tuple[str, bytes]:
    """Blank lines that hold tabs or spaces: still blank, so every table keeps its shape."""
    lines = [rng.choice(["\t", "\t\t", " \t "]) if not line.strip() and rng.random() < 0.5 else line for line in window]
    return "w.txt", "\n".join(lines).encode()


def _inserted_tab_only_lines(window: list[str], rng: random.Random) -> tuple[str, bytes]:
    """New whitespace-only lines: a run of blank lines longer than a table allows splits it."""
    lines = list(window)
    for _ in range(rng.randint(1, 3)):
        lines.insert(rng.randint(0, len(lines)), rng.choice(["\t", "\t\t", " \t "]))
    return "w.txt", "\n".join(lines).encode()


def _junk_lines(window: list[str], rng: random.Random) -> tuple[str, bytes]:
    lines = list(window)
    for _ in range(rng.randint(1, 4)):
        lines.insert(rng.randint(0, len(lines)), "".join(rng.choices(_JUNK, k=rng.randint(1, 6))))
    return "w.txt", "\n".join(lines).encode()


def _duplicated_lines(window: list[str], rng: random.Random) -> tuple[str, bytes]:
    lines = list(window)
    at = rng.randrange(len(lines))
    lines[at:at] = lines[at : at + rng.randint(1, 5)]
    return "w.txt", "\n".join(lines).encode()


def _as_gb18030(window: list[str], rng: random.Random) -> tuple[str, bytes]:
    return "w.txt", "\n".join(window).encode("gb18030")


def _as_html(window: list[str], rng: random.Random) -> tuple[str, bytes]:
    """A page a portal would serve: tab rows as table rows, every other line preformatted, spaces kept."""
    rows = "".join(
        "<table><tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in line.split("\t")) + "</tr></table>"
        if "\t" in line else f"<pre>{html.escape(line)}</pre>"
        for line in window
    )
    return "w.html", f"<html><body><div>{rows}</div></body></html>".encode()


def _deleted_lines(window: list[str], rng: random.Random) -> tuple[str, bytes]:
    lines = [line for line in window if rng.random() > 0.2] or window[:1]
    return "w.txt", "\n".join(lines).encode()


def _cut_anywhere(window: list[str], rng: random.Random) -> tuple[str, bytes]:
    data = "\n".join(window).encode()
    return "w.txt", data[: rng.randint(0, len(data))]


def _flipped_bytes(window: list[str], rng: random.Random) -> tuple[str, bytes]:
    data = bytearray("\n".join(window).encode())
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return "w.txt", bytes(data)


def _shuffled_cells(window: list[str], rng: random.Random) -> tuple[str, bytes]:
    lines = ["\t".join(rng.sample(cells, len(cells))) for cells in (line.split("\t") for line in window)]
    return "w.txt", "\n".join(lines).encode()


# The text as stored is the window's own: the same facts must come out.
TRANSPARENT: dict[str, Mutation] = {
    "cr_only": _lines("\r"),
    "crlf": _lines("\r\n"),
    "line_separator": _lines("\u2028"),
    "paragraph_separator": _lines("\u2029"),
    "zero_width_in_numbers": _inserted_in_numbers("\u200b"),
    "soft_hyphen_in_numbers": _inserted_in_numbers("\u00ad"),
    "full_width_digits": _full_width_digits,
}
# Every printed number is still there: a filing with facts may not end with none and no reason.
PRESERVING: dict[str, Mutation] = {
    "tab_only_blank_lines": _tab_only_blank_lines,
    "duplicated_lines": _duplicated_lines,
    "gb18030": _as_gb18030,
    "html": _as_html,
}
# Numbers, or the structure of the tables around them, may be gone.
DESTRUCTIVE: dict[str, Mutation] = {
    "junk_lines": _junk_lines,  # table syntax (tabs, 单位：万元, 合计) dropped into tables
    "inserted_tab_only_lines": _inserted_tab_only_lines,
    "deleted_lines": _deleted_lines,
    "cut_anywhere": _cut_anywhere,
    "flipped_bytes": _flipped_bytes,
    "shuffled_cells": _shuffled_cells,
}


@dataclass
class FuzzReport:
    documents: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    unhandled: list[str] = field(default_factory=list)  # exceptions that escaped the reader or the parser
    silent: list[str] = field(default_factory=list)  # failures without a reason, filings reduced to nothing
    changed: list[str] = field(default_factory=list)  # transparent mutations that changed the facts
    tables_lost: int = 0


def fuzz(texts: list[str], count: int, seed: int = 17, window_lines: tuple[int, int] = (8, 40)) -> FuzzReport:
    """Mutate ``count`` random windows of ``texts`` and read and parse each; returns what went wrong."""
    rng = random.Random(seed)
    mutations = {**TRANSPARENT, **PRESERVING, **DESTRUCTIVE}
    report = FuzzReport()
    for n in range(count):
        lines = rng.choice(texts).split("\n")
        start = rng.randrange(len(lines))
        window = lines[start : start + rng.randint(*window_lines)]
        kind = rng.choice(sorted(mutations))
        name, data = mutations[kind](window, rng)
        _check(report, f"#{n} {kind} at line {start + 1}", kind, window, name, data)
    return report


def _check(report: FuzzReport, label: str, kind: str, window: list[str], name: str, data: bytes) -> None:
    report.documents += 1
    try:
        document = read_filing(name, data)
        parsed = parse_filing(document.text) if document.status == "parsed" else None
    except Exception as error:  # noqa: BLE001 - the point of a fuzz: count what escapes, do not stop
        report.unhandled.append(f"{label}: {type(error).__name__}: {error}")
        return
    report.by_status[document.status] = report.by_status.get(document.status, 0) + 1
    if document.status != "parsed":
        if not document.error:
            report.silent.append(f"{label}: {document.status} without a reason")
        return
    report.tables_lost += len(parsed.table_errors)
    if kind not in TRANSPARENT and kind not in PRESERVING:
        return
    baseline = parse_filing("\n".join(window))
    if kind in TRANSPARENT and _facts(parsed) != _facts(baseline):
        report.changed.append(f"{label}: {len(baseline.facts)} facts became {len(parsed.facts)}")
    if baseline.facts and not parsed.facts and not parsed.table_errors:
        report.silent.append(f"{label}: {len(baseline.facts)} facts became none, with no reason recorded")


def _facts(parsed) -> Counter[tuple]:
    return Counter((fact.line_no, fact.raw_text, fact.value, fact.metric, fact.period) for fact in parsed.facts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="fuzz the reader and the parser with mutated windows of filings")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    texts = [path.read_text(encoding="utf-8") for path in args.files]
    started = time.perf_counter()
    report = fuzz(texts, args.count, args.seed)
    print(f"{report.documents} documents in {time.perf_counter() - started:.0f} s: {report.by_status}, "
          f"{report.tables_lost} tables lost (recorded)")
    for title, problems in (("unhandled", report.unhandled), ("silent", report.silent), ("changed", report.changed)):
        print(f"{title}: {len(problems)}")
        for problem in problems[:20]:
            print(f"  {problem}")
    return 1 if report.unhandled or report.silent or report.changed else 0


if __name__ == "__main__":
    sys.exit(main())
