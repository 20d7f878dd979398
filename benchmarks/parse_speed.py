"""`make bench`: parse throughput per core on the four real filings, and its scaling with generated filings.

The baseline is the least work any parser must do, measured in the same process on the same texts:
one regular-expression pass that finds every number-like token. Each measurement runs in a fresh
process (the parser remembers per-line answers within a process, so a repeat in one process would
flatter it) and times ``parse_filing`` alone, after the files are read. Scaling parses 10, 100 and
1,000 distinct generated filings (the layout-fuzzed generator, seeds from BENCH_SEEDS, outside the
dev and held-out ranges) and prints the CPU per filing between sizes: flat when parsing is linear.
"""

from __future__ import annotations

import argparse
import json
import re
import time

from benchmarks import REAL_FILINGS
from benchmarks.timing import machine_line, measured_child, median_of

NUMBER_TOKEN = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")
REPEATS = 5
SCALES = (10, 100, 1000)
BENCH_SEEDS = range(20_000, 21_000)
TARGET_MB_PER_CORE = 5.0


def _real_documents() -> list:
    from orchestration.lib.ingest import read_filing_file

    return [read_filing_file(path) for path in sorted(REAL_FILINGS.glob("*"))]


def _generated_documents(count: int) -> list:
    from orchestration.lib.corpus.fuzz import build_fuzzed_document
    from orchestration.lib.ingest import read_filing

    documents = []
    for seed in BENCH_SEEDS[:count]:
        name, content, _ = build_fuzzed_document(seed)
        documents.append(read_filing(name, content))
    return [d for d in documents if d.status == "parsed"]


def _measure(documents: list) -> dict:
    """CPU and wall seconds of parsing ``documents`` once, and of the regex pass over the same texts."""
    from orchestration.lib.parsing.facts import parse_filing

    parse_filing("一、营业收入\n项目\t2024年度\n收入\t1.00\n")  # the parser's lazy imports, not its work
    texts = [d.text for d in documents]
    cpu, wall = time.process_time(), time.perf_counter()
    facts = sum(len(parse_filing(d.text, d.layout).facts) for d in documents)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    base_cpu, base_wall = time.process_time(), time.perf_counter()
    for text in texts:
        NUMBER_TOKEN.findall(text)
    base_cpu, base_wall = time.process_time() - base_cpu, time.perf_counter() - base_wall
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    return {"filings": len(texts), "mb": megabytes, "facts": facts, "cpu": cpu, "wall": wall,
            "base_cpu": base_cpu, "base_wall": base_wall}  # fmt: skip


def _real_rows() -> None:
    runs = measured_child("benchmarks.parse_speed", ["--child", "real"], REPEATS)
    mb, facts = runs[0]["mb"], runs[0]["facts"]
    cpu, wall = median_of(runs, "cpu"), median_of(runs, "wall")
    base_cpu, base_wall = median_of(runs, "base_cpu"), median_of(runs, "base_wall")
    print(f"parse, pure library: 4 real filings, {mb:.2f} MB, {facts} facts, median of {REPEATS} fresh processes")
    print(f"  {'':40} {'CPU s':>8} {'wall s':>8} {'MB/s per core':>14}")
    print(f"  {'baseline: one regex pass over numbers':40} {base_cpu:8.3f} {base_wall:8.3f} {mb / base_cpu:14.1f}")
    print(f"  {'parse_filing':40} {cpu:8.3f} {wall:8.3f} {mb / cpu:14.2f}")
    verdict = "met" if mb / cpu >= TARGET_MB_PER_CORE else "MISSED"
    print(f"  parse costs {cpu / base_cpu:.0f}x the baseline; target >= {TARGET_MB_PER_CORE} MB/s per core: {verdict}")


def _scaling_rows() -> None:
    print(f"parse scaling: generated filings (seeds {BENCH_SEEDS.start}-), one fresh process per size")
    print(f"  {'filings':>8} {'MB':>7} {'facts':>7} {'CPU s':>8} {'wall s':>8} {'ms/filing':>10} "
          f"{'slope ms/filing':>16} {'regex CPU s':>12}")  # fmt: skip
    previous = None
    for count in SCALES:
        run = measured_child("benchmarks.parse_speed", ["--child", "generated", str(count)], 1)[0]
        slope = "" if previous is None else f"{1000 * (run['cpu'] - previous['cpu']) / (run['filings'] - previous['filings']):16.1f}"
        print(f"  {run['filings']:8d} {run['mb']:7.2f} {run['facts']:7d} {run['cpu']:8.2f} {run['wall']:8.2f} "
              f"{1000 * run['cpu'] / run['filings']:10.1f} {slope:>16} {run['base_cpu']:12.3f}")  # fmt: skip
        previous = run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs="+", help="measure in this process: real | generated COUNT")
    parser.add_argument("--scales", type=int, nargs="+", help="generated filing counts (default 10 100 1000)")
    args = parser.parse_args()
    if args.child:
        documents = _real_documents() if args.child[0] == "real" else _generated_documents(int(args.child[1]))
        print(json.dumps(_measure(documents)))
        return
    if args.scales:
        global SCALES
        SCALES = tuple(args.scales)
    print(machine_line())
    _real_rows()
    _scaling_rows()


if __name__ == "__main__":
    main()
