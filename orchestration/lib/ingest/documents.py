"""One landed file in, one accounted-for document out: parsed with its text, or failed with a reason."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from orchestration.lib.grid import DocumentLayout
from orchestration.lib.ingest.decode import count_lines, decode_text
from orchestration.lib.ingest.errors import IngestError
from orchestration.lib.ingest.html_text import html_to_text
from orchestration.lib.ingest.metadata import DocumentMetadata, extract_metadata
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
    except IngestError as error:
        return IngestedDocument(
            **base, format=file_format, encoding=None, status="failed", error=str(error), n_lines=0, text=None
        )
    return IngestedDocument(
        **base,
        format=file_format,
        encoding=encoding,
        status="parsed",
        error=None,
        n_lines=count_lines(text),
        text=text,
        metadata=extract_metadata(text),
        layout=layout,
    )


def read_filing_file(path: Path) -> IngestedDocument:
    """Read a landed file from disk; an unreadable file is a failed document, not an exception."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return IngestedDocument(
            filing_id="", source_file=path.name, sha256="", size_bytes=0, format=FORMATS.get(path.suffix.lower()),
            encoding=None, status="failed", error=f"unreadable file: {error.strerror or error}", n_lines=0, text=None,
        )
    return read_filing(path.name, data)


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
