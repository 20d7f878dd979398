"""The snapshot twin of the live client: recorded responses and documents replayed from a folder.

Layout (the one `zhisuan fetch --record DIR` writes):
    DIR/announcements/<code>.json   {"announcements": [rows in cninfo's shape]}
    DIR/finalpage/<date>/<id>.PDF   the documents, at their adjunctUrl
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from orchestration.lib.sources.model import (
    Announcement,
    FilingSource,
    SourceError,
    parse_rows,
    sanitized_path,
)


@dataclass(slots=True)
class SnapshotSource:
    folder: Path
    progress: Callable[[str], None] = print
    name: str = "snapshot"

    def announcements(self, code: str, since: date, until: date, kinds: Sequence[str]) -> list[Announcement]:
        recorded = self.folder / "announcements" / f"{code}.json"
        if not recorded.is_file():
            raise SourceError(f"the snapshot {self.folder} has no recorded announcements of {code}")
        rows = json.loads(recorded.read_text(encoding="utf-8")).get("announcements") or []
        return [a for a in parse_rows(rows, code, self.progress) if since <= a.published <= until]

    def download(self, announcement: Announcement, partial: Path) -> None:
        document = sanitized_path(self.folder, announcement.adjunct_url)
        if not document.is_file():
            raise SourceError(f"the snapshot {self.folder} has no document {announcement.adjunct_url}")
        shutil.copyfile(document, partial)


@dataclass(slots=True)
class RecordingSource:
    """Passes a source through and records what it answered, so the snapshot can replay it later."""

    inner: FilingSource
    folder: Path

    @property
    def name(self) -> str:
        return self.inner.name

    def announcements(self, code: str, since: date, until: date, kinds: Sequence[str]) -> list[Announcement]:
        found = self.inner.announcements(code, since, until, kinds)
        recorded = self.folder / "announcements" / f"{code}.json"
        known = json.loads(recorded.read_text(encoding="utf-8"))["announcements"] if recorded.is_file() else []
        merged = {row["announcementId"]: row for row in known} | {a.announcement_id: a.to_row() for a in found}
        _write_atomically(recorded, json.dumps({"announcements": list(merged.values())}, ensure_ascii=False, indent=1))
        return found

    def download(self, announcement: Announcement, partial: Path) -> None:
        self.inner.download(announcement, partial)
        target = sanitized_path(self.folder, announcement.adjunct_url)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(partial, target)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text + "\n", encoding="utf-8")
    temporary.replace(path)
