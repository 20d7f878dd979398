"""One landed file in, one accounted-for document out: parsed with its text, or failed with a reason."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from orchestration.lib.grid import DocumentLayout
from orchestration.lib.ingest.decode import count_lines, decode_text
from orchestration.lib.ingest.errors import IngestError
from orchestration.lib.ingest.html_text import html_to_text
from orchestration.lib.ingest.metadata import DocumentMetadata, extract_metadata
from orchestration.lib.ingest.normalize import normalize_characters
from orchestration.lib.ingest.pdf import pdf_to_text

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf"}


@dataclass(slots=True)
class IngestedDocument:
    filing_id: str
    source_file: str
    sha256: str
    size_bytes: int
    format: str | None
    encoding: str | None
    status: str  # "parsed" | "failed" ("duplicate" is decided against the warehouse, not here)
    error: str | None
    n_lines: int
    text: str | None
    metadata: DocumentMetadata = field(default_factory=DocumentMetadata)
    layout: DocumentLayout = field(default_factory=DocumentLayout)  # the source's tables as grids, its pages


def filing_id_of(sha256: str) -> str:
    """A short stable id from the content: the same bytes are the same filing, whatever the file name."""
    return sha256[:16]


def read_filing(name: str, data: bytes) -> IngestedDocument:
    """Read one landed file. Never raises for bad content: failures carry their reason."""
    sha256 = hashlib.sha256(data).hexdigest()
    base = {"filing_id": filing_id_of(sha256), "source_file": PurePath(name).name, "sha256": sha256, "size_bytes": len(data)}
    file_format = FORMATS.get(PurePath(name).suffix.lower())
    if file_format is None:
        reason = f"unsupported file type {PurePath(name).suffix or '(none)'}: expected .txt, .html/.htm or .pdf"
        return IngestedDocument(**base, format=None, encoding=None, status="failed", error=reason, n_lines=0, text=None)
    try:
        text, encoding, layout = _extract_text(file_format, data)
        text, layout = normalize_characters(text), _normalized(layout)
        metadata = extract_metadata(text)
    except IngestError as error:
        return IngestedDocument(
            **base, format=file_format, encoding=None, status="failed", error=str(error), n_lines=0, text=None
        )
    except Exception as error:  # noqa: BLE001 - a reader bug on one file is that file's failure, not the run's
        reason = f"reader error: {type(error).__name__}: {error}"
        return IngestedDocument(**base, format=file_format, encoding=None, status="failed", error=reason, n_lines=0, text=None)
    return IngestedDocument(
        **base,
        format=file_format,
        encoding=encoding,
        status="parsed",
        error=None,
        n_lines=count_lines(text),
        text=text,
        metadata=metadata,
        layout=layout,
    )


def _normalized(layout: DocumentLayout) -> DocumentLayout:
    """Grid cells normalized as the stored text is, so a cell's text is what its line prints."""
    grids = tuple(
        replace(grid, cells=tuple(replace(cell, text=normalize_characters(cell.text)) for cell in grid.cells))
        for grid in layout.grids
    )
    return replace(layout, grids=grids) if grids else layout


def read_filing_file(path: Path, max_bytes: int | None = None, name: str | None = None) -> IngestedDocument:
    """Read a landed file from disk; an unreadable or oversized file is a failed document, not an exception.

    A file over ``max_bytes`` is refused from its size alone, before any of it is read into memory.
    ``name`` is the file's name in the landing folder when ``path`` is a link's target.
    """
    name = name or path.name
    try:
        data = _read_regular_file(path, max_bytes)
    except _Refused as refused:
        return failed_document(name, refused.reason, refused.size)
    except OSError as error:
        return failed_document(name, f"unreadable file: {error.strerror or error}")
    return read_filing(name, data)


def file_sha256(path: Path, max_bytes: int | None = None) -> str | None:
    """The content hash a file would be recorded under, or None when it would not be read (too big, unreadable).

    Cheap next to reading: a re-run compares it with the warehouse and reads again only what changed.
    """
    try:
        return hashlib.sha256(_read_regular_file(path, max_bytes)).hexdigest()
    except (_Refused, OSError):
        return None


class _Refused(Exception):
    def __init__(self, reason: str, size: int = 0) -> None:
        super().__init__(reason)
        self.reason, self.size = reason, size


def _read_regular_file(path: Path, max_bytes: int | None) -> bytes:
    """The bytes of a regular file, opened without following a symlink and without blocking on a pipe."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(descriptor, "rb") as handle:
        found = os.fstat(handle.fileno())
        if not stat.S_ISREG(found.st_mode):
            raise _Refused("not a regular file: refused")
        if max_bytes is not None and found.st_size > max_bytes:
            raise _Refused(f"over the size budget ({_megabytes(max_bytes)}): {found.st_size:,} bytes", found.st_size)
        return handle.read()


def failed_document(name: str, reason: str, size_bytes: int = 0) -> IngestedDocument:
    """A file that could not be read at all: no content, so no hash; the reason says why."""
    return IngestedDocument(
        filing_id="", source_file=PurePath(name).name, sha256="", size_bytes=size_bytes,
        format=FORMATS.get(PurePath(name).suffix.lower()), encoding=None, status="failed", error=reason, n_lines=0,
        text=None,
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def _extract_text(file_format: str, data: bytes) -> tuple[str, str | None, DocumentLayout]:
    if not data.strip():
        raise IngestError("empty file: no bytes or only whitespace")
    if file_format == "pdf":
        if not data.startswith(b"%PDF"):
            raise IngestError("not a PDF: the file does not start with %PDF")
        text, layout = pdf_to_text(data)
        return text, None, layout
    if file_format == "html":
        return html_to_text(data)
    return (*decode_text(data), DocumentLayout())
