"""Versions of the code that turns a file into rows: a re-run redoes a step only when its input or its code changed.

A version is a digest of the source files of a stage (their paths and bytes), so an upgraded reader
re-reads, an upgraded parser re-parses, and a changed dbt model or model library rebuilds what is
downstream, while a run on the same files with the same code redoes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

LIB = Path(__file__).resolve().parent
REPO_ROOT = LIB.parents[1]
_SOURCE_SUFFIXES = frozenset({".py", ".csv", ".sql", ".yml", ".yaml", ".json", ".md"})

# What reads a file into text and metadata, and what parses that text into tables and facts.
READER_SOURCES = (LIB / "ingest", LIB / "grid.py")
PARSER_SOURCES = (LIB / "parsing", LIB / "grid.py")
# Everything downstream of the parsed rows: dbt, the quality findings, the suites, the model and the report.
DOWNSTREAM_SOURCES = (
    REPO_ROOT / "dbt_project" / "models", REPO_ROOT / "dbt_project" / "macros", REPO_ROOT / "dbt_project" / "seeds",
    REPO_ROOT / "dbt_project" / "tests", REPO_ROOT / "dbt_project" / "dbt_project.yml",
    LIB / "quality", LIB / "model", LIB / "report", REPO_ROOT / "expectations", REPO_ROOT / "assumptions",
    REPO_ROOT / "orchestration" / "assets", REPO_ROOT / "orchestration" / "checks",
)


def source_digest(sources: Iterable[Path]) -> str:
    """A digest of every source file under these paths: their paths relative to the repository, and bytes."""
    digest = hashlib.sha256()
    for path in sorted(_source_files(sources)):
        digest.update(str(path.relative_to(REPO_ROOT)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _source_files(sources: Iterable[Path]) -> set[Path]:
    files = set()
    for source in sources:
        candidates = source.rglob("*") if source.is_dir() else [source]
        files.update(
            path for path in candidates
            if path.is_file() and path.suffix in _SOURCE_SUFFIXES and "__pycache__" not in path.parts
        )
    return files


@cache
def reader_version() -> str:
    return source_digest(READER_SOURCES)


@cache
def parser_version() -> str:
    return source_digest(PARSER_SOURCES)


def downstream_version() -> str:
    """Not cached: the dbt models or the assumptions may be edited while the UI's code location lives on."""
    return source_digest(DOWNSTREAM_SOURCES)
