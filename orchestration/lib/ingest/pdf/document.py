"""A whole PDF read as its issuer printed it: text lines, table rows as tab-separated lines, and grids.

PDFium (through pypdfium2, Apache-2.0/BSD) gives each glyph with its position; the pages are laid
out from that geometry alone (see ``glyphs``), running page headers and footers are removed, and a
table that continues on the next page is read as one grid. Every table row is one line of the
stored text, its cells separated by tabs; the grid records which line carries each cell and
``page_starts`` where each page begins, so a fact read anywhere points back to its page.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from orchestration.lib.grid import DocumentLayout, Grid, GridCell
from orchestration.lib.ingest.errors import IngestError
from orchestration.lib.ingest.pdf.pages import PageLayout, TextLine, layout_page
from orchestration.lib.ingest.pdf.running import remove_running_lines
from orchestration.lib.ingest.pdf.tables import PageTable

OCR_OUT_OF_SCOPE = "OCR is out of scope for now"
GARBAGE_SHARE = 0.5  # more unreadable glyphs than this share: the text layer is not text
HEADER_ROWS = 3  # a continuation may repeat up to this many header rows of the table it continues
COLUMN_MATCH = 3.0  # pt: a table on the next page with its columns this close continues the table


def pdf_to_text(data: bytes) -> tuple[str, DocumentLayout]:
    """Return the text of all pages (table rows tab-separated) and its layout (grids, page starts)."""
    pages = _read_pages(data)
    _check_text_layer(pages)
    remove_running_lines(pages)
    return _emit(pages)


def _read_pages(data: bytes) -> list[PageLayout]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if pdfium_c.FPDF_GetLastError() == pdfium_c.FPDF_ERR_PASSWORD:
            raise IngestError("encrypted PDF: it cannot be opened without its password") from error
        raise IngestError(f"unreadable PDF (truncated or corrupt): {error}") from error
    try:
        return [layout_page(document[index]) for index in range(len(document))]
    except pdfium.PdfiumError as error:
        raise IngestError(f"unreadable PDF page (corrupt): {error}") from error
    finally:
        document.close()


def _check_text_layer(pages: list[PageLayout]) -> None:
    readable = sum(page.n_glyphs for page in pages)
    unreadable = sum(page.unreadable for page in pages)
    if readable + unreadable == 0:
        raise IngestError(f"PDF has no text layer (a scanned image?); {OCR_OUT_OF_SCOPE}")
    if unreadable > (readable + unreadable) * GARBAGE_SHARE:
        raise IngestError(
            f"PDF text layer is garbage ({unreadable} of {readable + unreadable} characters are replacement "
            f"or private-use characters, a font without a Unicode map); {OCR_OUT_OF_SCOPE}"
        )


def _emit(pages: list[PageLayout]) -> tuple[str, DocumentLayout]:
    lines: list[str] = []
    page_starts: list[int] = []
    grids: list[Grid] = []
    builder: _GridBuilder | None = None  # the table still open: it may continue at the top of the next page
    for page_no, page in enumerate(pages, start=1):
        page_starts.append(len(lines) + 1)
        for position, item in enumerate(page.items):
            if isinstance(item, TextLine):
                if builder is not None:
                    grids.append(builder.grid())
                    builder = None
                lines.append(item.text)
                continue
            if builder is not None and position == 0 and builder.continues_with(item):
                builder.append(item)
            else:
                if builder is not None:
                    grids.append(builder.grid())
                builder = _GridBuilder(page_no, len(lines) + 1, item)
            lines.extend(builder.take_lines())
    if builder is not None:
        grids.append(builder.grid())
    extra = {"overprinted_glyphs_dropped": sum(p.overprinted for p in pages)}
    return "\n".join(lines) + "\n", DocumentLayout(tuple(grids), tuple(page_starts), extra)


class _GridBuilder:
    """One grid assembled from a table and its continuations on the following pages."""

    def __init__(self, page: int, first_line: int, table: PageTable) -> None:
        self.page = page
        self.first_line = first_line
        self.column_lefts = table.column_lefts
        self.head = [table.row_texts(row) for row in range(min(HEADER_ROWS, table.n_rows))]
        self.cells: list[GridCell] = []
        self.n_rows = 0
        self._pending: list[str] = []
        self._add(table, skip_rows=0)

    def continues_with(self, table: PageTable) -> bool:
        """The next page's first table carries this one on: the same columns at the same places, or the
        same number of columns under the same header (an unruled table's columns are as wide as the
        numbers each page happens to print)."""
        if table.n_cols != len(self.column_lefts):
            return False
        same_places = all(abs(a - b) <= COLUMN_MATCH for a, b in zip(table.column_lefts, self.column_lefts, strict=True))
        return same_places or table.n_rows > 1 and table.row_texts(0) == self.head[0]

    def append(self, table: PageTable) -> None:
        """Add a continuation, less the header rows it repeats (the same texts as the table's first rows)."""
        repeated = 0
        while repeated < min(len(self.head), table.n_rows - 1) and table.row_texts(repeated) == self.head[repeated]:
            repeated += 1
        self._add(table, skip_rows=repeated)

    def take_lines(self) -> list[str]:
        lines, self._pending = self._pending, []
        return lines

    def grid(self) -> Grid:
        return Grid(
            source="pdf",
            line_start=self.first_line,
            line_end=self.first_line + self.n_rows - 1,
            n_rows=self.n_rows,
            n_cols=len(self.column_lefts),
            cells=tuple(self.cells),
            page=self.page,
        )

    def _add(self, table: PageTable, skip_rows: int) -> None:
        for row in range(skip_rows, table.n_rows):
            line_no = self.first_line + self.n_rows
            for cell in table.cells:
                if cell.row == row:
                    span = min(cell.row_span, table.n_rows - row)
                    self.cells.append(GridCell(_clean(cell.text), line_no, self.n_rows, cell.col, span, cell.col_span))
            self._pending.append("\t".join(_clean(text) for text in table.row_texts(row)))
            self.n_rows += 1


def _clean(text: str) -> str:
    return " ".join(text.split())
