"""Filings sources: where filings come from before they land (cninfo live, or a recorded snapshot of it).

CninfoSource(http, cache_dir, base_url, static_url)  the live client; off unless a caller builds it
SnapshotSource(folder)                               replays recorded announcements and documents
RecordingSource(source, folder)                      records what a source answers, for the snapshot
fetch_filings(source, request, landing)              lists, classifies, downloads new documents once
make_source(mode, ...)                               the one place a configured mode becomes a source
"""

from collections.abc import Callable
from pathlib import Path

from orchestration.lib.sources.cninfo import DEFAULT_BASE_URL, DEFAULT_STATIC_URL, CninfoSource
from orchestration.lib.sources.fetch import (
    FetchedFile,
    FetchReport,
    FetchRequest,
    fetch_filings,
)
from orchestration.lib.sources.http import PoliteHttp, Politeness
from orchestration.lib.sources.model import KINDS, Announcement, Blocked, FilingSource, SourceError
from orchestration.lib.sources.snapshot import RecordingSource, SnapshotSource

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_STATIC_URL",
    "KINDS",
    "Announcement",
    "Blocked",
    "CninfoSource",
    "FetchReport",
    "FetchRequest",
    "FetchedFile",
    "FilingSource",
    "PoliteHttp",
    "Politeness",
    "RecordingSource",
    "SnapshotSource",
    "SourceError",
    "fetch_filings",
    "make_source",
]


def make_source(
    mode: str,
    *,
    cache_dir: Path,
    snapshot_dir: Path | None = None,
    base_url: str = DEFAULT_BASE_URL,
    static_url: str = DEFAULT_STATIC_URL,
    politeness: Politeness | None = None,
    progress: Callable[[str], None] = print,
) -> FilingSource:
    """The one place a mode becomes a source: "live" is cninfo over HTTP, "snapshot" a recorded folder."""
    if mode == "snapshot":
        if snapshot_dir is None:
            raise ValueError("the snapshot source needs a folder (ZHISUAN_SNAPSHOT_DIR or --snapshot DIR)")
        return SnapshotSource(snapshot_dir, progress=progress)
    if mode == "live":
        http = PoliteHttp(politeness or Politeness())
        return CninfoSource(http, cache_dir, base_url=base_url, static_url=static_url, progress=progress)
    raise ValueError(f"no filings source for mode {mode!r} (live or snapshot)")
