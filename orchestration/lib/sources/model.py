"""What a filings source hands over: announcements in cninfo's shape, validated, and the errors it can raise."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Protocol

# Beijing time has had no daylight saving since 1991: a fixed offset needs no time-zone database.
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")

KINDS = ("reply", "prospectus", "feasibility", "annual", "semiannual")

_CODE = re.compile(r"\d{6}")
_ANNOUNCEMENT_ID = re.compile(r"[0-9A-Za-z]{1,40}")
# A relative path under finalpage/: no scheme, no host, no "..", nothing a shell or a path could misread.
_ADJUNCT_URL = re.compile(r"finalpage/\d{4}-\d{2}-\d{2}/[0-9A-Za-z_-]{1,60}\.(?:PDF|pdf)")
_TAG = re.compile(r"<[^<>]{0,40}>")


class SourceError(Exception):
    """A query or a document could not be had; other codes and documents go on."""


class Blocked(SourceError):
    """The source refused us (HTTP 403): every further request would make it worse, so everything stops."""


class NotAPdf(SourceError):
    """A document came back, but it is not a PDF (a missing document is served as an HTML page)."""


@dataclass(frozen=True, slots=True)
class Announcement:
    announcement_id: str
    code: str
    sec_name: str
    org_id: str
    title: str  # without highlight tags
    published_ms: int
    adjunct_url: str
    size_kb: int | None
    adjunct_type: str

    @property
    def published(self) -> date:
        return datetime.fromtimestamp(self.published_ms / 1000, tz=CHINA).date()

    @classmethod
    def from_row(cls, row: dict) -> Announcement:
        """Validate one row of a query response; raises SourceError naming the field that is wrong."""
        announcement_id = str(row.get("announcementId") or "")
        code = str(row.get("secCode") or "")
        adjunct_url = str(row.get("adjunctUrl") or "").lstrip("/")
        if not _ANNOUNCEMENT_ID.fullmatch(announcement_id):
            raise SourceError(f"announcement id {announcement_id!r} is not alphanumeric")
        if not is_stock_code(code):
            raise SourceError(f"announcement {announcement_id}: stock code {code!r} is not six digits")
        if not _ADJUNCT_URL.fullmatch(adjunct_url):
            raise SourceError(f"announcement {announcement_id}: document path {adjunct_url!r} is not a finalpage PDF")
        try:
            published_ms = int(row["announcementTime"])
        except (KeyError, TypeError, ValueError):
            raise SourceError(f"announcement {announcement_id}: announcementTime is not a millisecond epoch") from None
        size = row.get("adjunctSize")
        return cls(
            announcement_id=announcement_id,
            code=code,
            sec_name=clean_title(str(row.get("secName") or "")),
            org_id=str(row.get("orgId") or ""),
            title=clean_title(str(row.get("announcementTitle") or "")),
            published_ms=published_ms,
            adjunct_url=adjunct_url,
            size_kb=int(size) if isinstance(size, int | float) else None,
            adjunct_type=str(row.get("adjunctType") or ""),
        )

    def to_row(self) -> dict:
        """Back to cninfo's shape, so a recorded snapshot replays through the same parsing."""
        return {
            "announcementId": self.announcement_id, "secCode": self.code, "secName": self.sec_name,
            "orgId": self.org_id, "announcementTitle": self.title, "announcementTime": self.published_ms,
            "adjunctUrl": self.adjunct_url, "adjunctSize": self.size_kb, "adjunctType": self.adjunct_type,
        }


def is_stock_code(text: str) -> bool:
    return bool(_CODE.fullmatch(text))


def parse_rows(rows: list, code: str, progress: Callable[[str], None]) -> list[Announcement]:
    """The valid rows about ``code``, newest first, each announcement once (pages shift as new ones arrive)."""
    found: dict[str, Announcement] = {}
    for row in rows:
        try:
            announcement = Announcement.from_row(row if isinstance(row, dict) else {})
        except SourceError as error:
            progress(f"{code}: skipped a row: {error}")
            continue
        if announcement.code != code:
            # A query whose filter was dropped answers everyone's announcements: never take those as ours.
            progress(f"{code}: skipped announcement {announcement.announcement_id} of another stock ({announcement.code})")
            continue
        found.setdefault(announcement.announcement_id, announcement)
    return sorted(found.values(), key=lambda a: (a.published_ms, a.announcement_id), reverse=True)


def clean_title(title: str) -> str:
    """Drop highlight tags (cninfo puts <em> around search hits, even mid-word) and collapse whitespace."""
    return " ".join(_TAG.sub("", title).split())


def today_in_china() -> date:
    return datetime.now(CHINA).date()


def epoch_ms(day: date) -> int:
    """Midnight of a Beijing day, as cninfo's announcementTime."""
    return int(datetime(day.year, day.month, day.day, tzinfo=CHINA).astimezone(UTC).timestamp() * 1000)


class FilingSource(Protocol):
    """What fetching needs of a source; the live client and the snapshot both are one."""

    name: str

    def announcements(self, code: str, since: date, until: date, kinds: Sequence[str]) -> list[Announcement]:
        """Announcements of one stock published in [since, until], newest first (may include other kinds)."""

    def download(self, announcement: Announcement, partial: Path) -> None:
        """Write the document's bytes into ``partial``, continuing a partial file where the source can."""


def sanitized_path(root: Path, adjunct_url: str) -> Path:
    """A document's place under ``root``: only a validated finalpage path, and never outside the root."""
    if not _ADJUNCT_URL.fullmatch(adjunct_url):
        raise SourceError(f"document path {adjunct_url!r} is not a finalpage PDF")
    path = (root / adjunct_url).resolve()
    if not path.is_relative_to(root.resolve()):
        raise SourceError(f"document path {adjunct_url!r} leaves {root}")
    return path
