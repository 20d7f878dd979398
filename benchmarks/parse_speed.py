"""`make bench`: parsing throughput on the four real filings, against a baseline measured in the same run.

The baseline is the least work any parser must do: one regular-expression pass that finds every
number-like token in the text. The ratio says how many such passes the real parse costs.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from benchmarks import REAL_FILINGS
from orchestration.lib.ingest import read_filing_file
from orchestration.lib.parsing.facts import parse_filing

NUMBER_TOKEN = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")
REPEATS = 5


def best_of(repeats: int, work: Callable[[], object]) -> float:
    """The fastest of several runs: the least disturbed by whatever else the machine is doing."""
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    texts = [read_filing_file(path).text for path in sorted(REAL_FILINGS.glob("*"))]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    baseline = best_of(REPEATS, lambda: [NUMBER_TOKEN.findall(text) for text in texts])
    parse = best_of(REPEATS, lambda: [parse_filing(text) for text in texts])
    facts = sum(len(parse_filing(text).facts) for text in texts)
    print(f"corpus: {len(texts)} real filings, {megabytes:.2f} MB of text, {facts} facts")
    print(f"baseline (one regex pass over every number token): {baseline:.3f} s  {megabytes / baseline:8.1f} MB/s")
    print(f"parse_filing (sections, tables, prose, facts):     {parse:.3f} s  {megabytes / parse:8.1f} MB/s")
    print(f"parse costs {parse / baseline:.0f}x the baseline; target: under 2 s on one core "
          f"({'met' if parse < 2 else 'MISSED'})")


if __name__ == "__main__":
    main()
