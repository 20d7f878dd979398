"""The landing folder: the boundary of what zhisuan reads.

Every entry in the folder is either a candidate filing or skipped with a reason; nothing outside the
folder is ever read. A symlink is followed only when its target is a regular file inside the folder;
directories, loops, pipes and devices, hidden files and files still being written (``~$x.txt``,
``x.part``, ``x.crdownload``) are skipped, and the run summary lists each with its reason.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg

from orchestration.lib.ingest.documents import file_sha256

if TYPE_CHECKING:
    from orchestration.settings import Settings

# Names a download or an editor writes while a file is not complete yet.
_TEMPORARY_SUFFIXES = frozenset({".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".swp", ".lock"})
_TEMPORARY_PREFIXES = ("~$", ".~lock")


@dataclass(frozen=True, slots=True)
class LandingEntry:
    name: str
    path: Path | None  # what to read: the file itself, or a symlink's target inside the folder
    skipped: str | None  # why the entry is not a candidate filing


def scan_landing_folder(folder: Path) -> list[LandingEntry]:
    """Every entry of the folder, by name, each a candidate or skipped with its reason."""
    if not folder.is_dir():
        raise FileNotFoundError(f"landing folder {folder} does not exist")
    root = folder.resolve()
    return [classify_entry(root, entry.name) for entry in sorted(os.scandir(root), key=lambda e: e.name)]


def classify_entry(root: Path, name: str) -> LandingEntry:
    reason = _name_problem(name)
    if reason:
        return LandingEntry(name, None, reason)
    path = root / name
    if path.is_symlink():
        return _symlink_entry(root, name, path)
    kind = _kind(path)
    return LandingEntry(name, path, None) if kind == "file" else LandingEntry(name, None, _NOT_A_FILE[kind])


def _name_problem(name: str) -> str | None:
    if name.startswith(_TEMPORARY_PREFIXES) or Path(name).suffix.lower() in _TEMPORARY_SUFFIXES or name.endswith("~"):
        return "temporary file (a download or an editor still writing it): skipped"
    if name.startswith("."):
        return "hidden file: skipped"
    if "..." in name or any(unicodedata.category(ch) == "Cc" for ch in name):
        return "file name holds control characters or '...', which a partition key cannot: rename the file"
    return None


def _symlink_entry(root: Path, name: str, path: Path) -> LandingEntry:
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return LandingEntry(name, None, "symlink loop: refused")
    except OSError:
        return LandingEntry(name, None, "broken symlink (its target does not exist): refused")
    if not target.is_relative_to(root):
        return LandingEntry(name, None, "symlink to a file outside the landing folder: refused, never read")
    if target.parent != root:
        return LandingEntry(name, None, "symlink into a subfolder: refused (subfolders are not read)")
    kind = _kind(target)
    return LandingEntry(name, target, None) if kind == "file" else LandingEntry(name, None, _NOT_A_FILE[kind])


_NOT_A_FILE = {
    "directory": "directory, not a file: its contents are not read",
    "special": "not a regular file (a pipe, socket or device): skipped",
    "gone": "vanished while the folder was read: skipped",
}


def _kind(path: Path) -> str:
    try:
        mode = path.stat(follow_symlinks=False).st_mode
    except OSError:
        return "gone"
    if stat.S_ISREG(mode):
        return "file"
    return "directory" if stat.S_ISDIR(mode) else "special"


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None  # removed since the folder was scanned: the next poll sees it gone


class LandingFolder(dg.ConfigurableResource):
    """The folder where filings land, and what one file may cost: its size, and its time to read and to parse."""

    path: str
    max_file_bytes: int = 100_000_000
    file_seconds: float = 60.0
    workers: int = 2

    def entries(self) -> list[LandingEntry]:
        return scan_landing_folder(Path(self.path))

    def file_names(self) -> list[str]:
        """The candidate filings: regular files in the folder (or linked to from inside it)."""
        return [entry.name for entry in self.entries() if entry.skipped is None]

    def skipped(self) -> dict[str, str]:
        """Entries that are not candidate filings, with the reason for each."""
        return {entry.name: entry.skipped for entry in self.entries() if entry.skipped is not None}

    def file_path(self, name: str) -> Path:
        """Where to read a candidate: never outside the folder (a symlink is resolved and checked again)."""
        entry = classify_entry(Path(self.path).resolve(), name)
        if entry.path is None:
            raise FileNotFoundError(f"{name} is not a candidate filing: {entry.skipped}")
        return entry.path

    def content_hashes(self, names: list[str]) -> dict[str, str | None]:
        """Each file's content hash (None for one too big or gone): what a re-run compares with the warehouse."""
        return {name: self._content_hash(name) for name in names}

    def _content_hash(self, name: str) -> str | None:
        try:
            return file_sha256(self.file_path(name), self.max_file_bytes)
        except FileNotFoundError:
            return None  # changed since the folder was listed: read it, and its row says what became of it

    def fingerprints(self) -> dict[str, str]:
        """File name -> size and modification time: cheap to poll, and any rewrite changes it."""
        fingerprints = {}
        for entry in self.entries():
            if entry.path is not None and (found := _stat_or_none(entry.path)):
                fingerprints[entry.name] = f"{found.st_size}:{found.st_mtime_ns}"
        return fingerprints


def landing_folder(settings: Settings) -> LandingFolder:
    return LandingFolder(
        path=str(settings.landing_dir), max_file_bytes=settings.file_max_bytes,
        file_seconds=settings.file_seconds, workers=settings.workers,
    )
