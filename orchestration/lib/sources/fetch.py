"""Fetch the filings of a list of stocks from a source into the landing folder, once each, resumably.

Per stock: list its announcements, keep the wanted kinds in their latest version, download what the
landing folder does not hold yet into a hidden ``.part`` file (a broken download resumes from it), check
that it is a PDF and rename it into place, so the landing sensor never sees half a file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from orchestration.lib.sources.cninfo import DEFAULT_STATIC_URL
from orchestration.lib.sources.model import KINDS, Blocked, FilingSource, NotAPdf, SourceError, is_stock_code
from orchestration.lib.sources.titles import Classified, classify, exclusion_reason, latest_versions

_UNSAFE = re.compile(r"[^0-9A-Za-z_.-]")


@dataclass(frozen=True, slots=True)
class FetchRequest:
    codes: tuple[str, ...]
    since: date
    until: date
    kinds: tuple[str, ...]

    def __post_init__(self) -> None:
        # Codes become file and folder names: only six digits may pass.
        wrong = [code for code in self.codes if not is_stock_code(code)]
        if wrong:
            raise ValueError(f"not a six-digit stock code: {', '.join(wrong)}")
        unknown = [kind for kind in self.kinds if kind not in KINDS]
        if unknown:
            raise ValueError(f"unknown document kind(s): {', '.join(unknown)}")


@dataclass(frozen=True, slots=True)
class FetchedFile:
    """One document in the landing folder and the announcement it came from: a row of filings.sources."""

    announcement_id: str
    stock_code: str
    sec_name: str
    title: str
    kind: str
    version: str
    announcement_date: date
    url: str
    size_bytes: int
    sha256: str
    file_name: str
    origin: str  # live | snapshot
    downloaded: bool  # False: the landing folder already held it


@dataclass(slots=True)
class FetchReport:
    listed: int = 0
    excluded: int = 0
    superseded: int = 0
    files: list[FetchedFile] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stopped: str | None = None  # why fetching stopped early, and how to resume

    @property
    def downloaded(self) -> list[FetchedFile]:
        return [f for f in self.files if f.downloaded]

    @property
    def ok(self) -> bool:
        return not self.errors and self.stopped is None


def landing_name(document: Classified) -> str:
    """code_date_kind_id.pdf: unique per announcement, and nothing from the response used unsanitized."""
    announcement = document.announcement
    parts = (announcement.code, announcement.published.isoformat(), document.kind, announcement.announcement_id)
    return _UNSAFE.sub("_", "_".join(parts)) + ".pdf"


def fetch_filings(
    source: FilingSource, request: FetchRequest, landing: Path, progress: Callable[[str], None] = print
) -> FetchReport:
    landing.mkdir(parents=True, exist_ok=True)
    report = FetchReport()
    for code in request.codes:
        try:
            wanted = _select(source, code, request, report)
            progress(f"{code}: {len(wanted)} documents of the kinds asked for, in their latest versions")
            for document in wanted:
                _fetch_one(source, document, landing, report, progress)
        except Blocked as blocked:
            report.stopped = (
                f"{blocked}. Stopped at {code} so as not to be banned; the {len(report.files)} documents fetched so far "
                "are kept. Wait an hour or more, then run the same command again: it resumes, skipping what is held."
            )
            break
        except SourceError as error:
            report.errors.append(f"{code}: {error}")
    return report


def _select(source: FilingSource, code: str, request: FetchRequest, report: FetchReport) -> list[Classified]:
    announcements = source.announcements(code, request.since, request.until, request.kinds)
    report.listed += len(announcements)
    classified = [c for c in map(classify, announcements) if c and c.kind in request.kinds]
    report.excluded += sum(1 for a in announcements if exclusion_reason(a.title))
    kept, superseded = latest_versions(classified)
    report.superseded += len(superseded)
    return kept


def _fetch_one(
    source: FilingSource, document: Classified, landing: Path, report: FetchReport, progress: Callable[[str], None]
) -> None:
    announcement = document.announcement
    target = landing / landing_name(document)
    downloaded = not target.exists()
    if downloaded:
        progress(f"{announcement.code}: downloading {announcement.published} {announcement.title}")
        try:
            _download(source, document, target)
        except NotAPdf as error:
            report.errors.append(f"{announcement.code}: {error}")
            return
        except Blocked as blocked:
            raise Blocked(f"{blocked} while downloading {announcement.title} ({announcement.announcement_id})") from None
        except SourceError as error:
            report.errors.append(f"{announcement.code}: {announcement.title}: {error} (the partial file resumes next time)")
            return
    data = target.read_bytes()
    report.files.append(FetchedFile(
        announcement_id=announcement.announcement_id, stock_code=announcement.code, sec_name=announcement.sec_name,
        title=announcement.title, kind=document.kind, version=document.version,
        announcement_date=announcement.published, url=f"{DEFAULT_STATIC_URL}/{announcement.adjunct_url}",
        size_bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), file_name=target.name,
        origin=source.name, downloaded=downloaded,
    ))


def _download(source: FilingSource, document: Classified, target: Path) -> None:
    # Hidden while partial: the landing folder ignores dot files, so a half document is never ingested.
    partial = target.with_name(f".{target.name}.part")
    source.download(document.announcement, partial)
    with partial.open("rb") as head:
        start = head.read(1024).lstrip()
    if not start.startswith(b"%PDF-"):
        partial.unlink()
        kind = "an HTML page" if start[:1] == b"<" else f"{start[:16]!r}"
        raise NotAPdf(
            f"{document.announcement.title} ({document.announcement.adjunct_url}) is not a PDF: the source answered "
            f"{kind}, which is how a missing document comes back; not kept"
        )
    partial.replace(target)

