"""Whether a parser change keeps every fact: the fact tuples of the real filings and ~55 generated ones.

    python -m benchmarks.same_facts --save before.pkl   # on the old parser
    python -m benchmarks.same_facts --check before.pkl  # on the new one: lists every filing whose facts differ

A speed change must pass ``--check``; a recall change shows here exactly which facts it adds or moves.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

from benchmarks import REAL_FILINGS
from orchestration.lib.corpus import build_filing
from orchestration.lib.corpus.catalog import FILINGS
from orchestration.lib.corpus.fuzz import DEV_SEEDS, build_fuzzed_document
from orchestration.lib.ingest import read_filing, read_filing_file
from orchestration.lib.ingest.documents import IngestedDocument
from orchestration.lib.parsing.facts import parse_filing

SAMPLE_SEED = 2026
DRAWN_SEEDS = DEV_SEEDS[:30]  # every format and layout, as the seed draws them
CONCAT_SEEDS = DEV_SEEDS[:15]  # every table printed run together: the splitter's whole range


def documents() -> Iterator[tuple[str, IngestedDocument]]:
    for path in sorted(REAL_FILINGS.glob("*")):
        yield path.name, read_filing_file(path)
    for spec in FILINGS:
        yield spec.file_name, read_filing(spec.file_name, build_filing(spec, SAMPLE_SEED)[0])
    for seed in DRAWN_SEEDS:
        name, content, _ = build_fuzzed_document(seed)
        yield name, read_filing(name, content)
    for seed in CONCAT_SEEDS:
        name, content, _ = build_fuzzed_document(seed, layout="concat")
        yield f"concat:{name}", read_filing(name, content)


def fact_tuples() -> dict[str, list[tuple]]:
    return {
        name: [dataclasses.astuple(fact) for fact in parse_filing(doc.text, doc.layout).facts]
        for name, doc in documents()
        if doc.status == "parsed"
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", type=Path)
    mode.add_argument("--check", type=Path)
    args = parser.parse_args()
    facts = fact_tuples()
    if args.save:
        args.save.write_bytes(pickle.dumps(facts))
        print(f"saved the facts of {len(facts)} filings ({sum(map(len, facts.values()))} facts) to {args.save}")
        return 0
    before = pickle.loads(args.check.read_bytes())
    changed = sorted(name for name in before.keys() | facts.keys() if before.get(name) != facts.get(name))
    for name in changed:
        old, new = set(before.get(name, [])), set(facts.get(name, []))
        print(f"{name}: {len(old - new)} facts gone, {len(new - old)} new")
    print(f"{len(facts)} filings, {len(changed)} with different facts")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
