"""Filings sources: where filings come from before they land (cninfo live, or a recorded snapshot of it).

CninfoSource(http, cache_dir, base_url, static_url)  the live client; off unless a caller builds it
SnapshotSource(folder)                               replays recorded announcements and documents
RecordingSource(source, folder)                      records what a source answers, for the snapshot
fetch_filings(source, request, landing)              lists, classifies, downloads new documents once
"""

from orchestration.lib.sources.cninfo import DEFAULT_BASE_URL, DEFAULT_STATIC_URL, CninfoSource
from orchestration.lib.sources.fetch import (
    FetchedFile,
    FetchReport,
    FetchRequest,
    fetch_filings,
    select_kinds,
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
    "select_kinds",
]
