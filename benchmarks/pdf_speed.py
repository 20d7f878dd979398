"""`make bench`: ms per page of zhisuan's PDF reader beside PDFium's plain text and pdfplumber.

All readers get the same pages: the first PAGES pages of each real annual report in ../shared/pdfs
(cover, key indicators, quarterly figures, revenue composition), cut into one PDF per report so
every reader starts from bytes. PDFium's plain text (``get_text_range``) is the floor: it finds
no words, columns or tables. pdfplumber is timed for its text alone and for text plus tables.
"""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2 as pdfium

from benchmarks import REAL_PDFS
from benchmarks.timing import in_process, machine_line
from orchestration.lib.ingest.pdf import pdf_to_text

PAGES = 40
REPEATS = 3


def first_pages(data: bytes, count: int) -> bytes:
    source = pdfium.PdfDocument(data)
    sample = pdfium.PdfDocument.new()
    sample.import_pages(source, list(range(min(count, len(source)))))
    buffer = io.BytesIO()
    sample.save(buffer)
    return buffer.getvalue()


def pdfium_plain_text(data: bytes) -> None:
    document = pdfium.PdfDocument(data)
    for page in document:
        page.get_textpage().get_text_range()


def pdfplumber_text(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            page.extract_text()


def pdfplumber_text_and_tables(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            page.extract_text()
            page.extract_tables()


READERS = {
    "zhisuan pdf_to_text (text, grids, page starts)": lambda data: pdf_to_text(data),
    "PDFium plain text (get_text_range)": pdfium_plain_text,
    "pdfplumber extract_text": pdfplumber_text,
    "pdfplumber extract_text + extract_tables": pdfplumber_text_and_tables,
}


def main() -> None:
    samples = {path.name: first_pages(path.read_bytes(), PAGES) for path in sorted(REAL_PDFS.glob("*.pdf"))}
    pages = sum(len(pdfium.PdfDocument(data)) for data in samples.values())
    print(machine_line())
    print(f"PDF readers on pages 1-{PAGES} of each of {', '.join(samples)} ({pages} pages)")
    for name, read in READERS.items():
        repeats = REPEATS if name.startswith(("zhisuan", "PDFium")) else 1  # pdfplumber is slow: once
        timing = in_process(lambda read=read: [read(data) for data in samples.values()], repeats)
        print(f"  {name:<48} CPU {1000 * timing.cpu / pages:8.1f} ms/page  wall {1000 * timing.wall / pages:8.1f} ms/page"
              f"  (median of {repeats})")


if __name__ == "__main__":
    main()
