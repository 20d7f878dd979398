"""The sample corpus: which fictional filing is printed in which format, encoding and layout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from orchestration.lib.corpus.blocks import Style

# A document converted from Word: tab-separated tables, full-width punctuation, long lines.
DOC = Style(table_layout="tab")
# Text extracted from a PDF: space-aligned columns, wrapped prose, page markers, split year headers.
PDF_TEXT = Style(
    table_layout="space",
    wrap_width=76,
    pagination="footer",
    page_marker="7-2-{page}",
    split_year_headers=True,
)
# A web page scraped to text: concatenated cells, ASCII punctuation, page numbers glued to text.
WEB_TEXT = Style(table_layout="concat", thousands=False, ascii_punctuation=True, pagination="glued")
# Drawn into a real PDF; the narrow-header split is left out because PDFium drops lone CJK glyphs.
PDF = Style(table_layout="space", wrap_width=76, pagination="footer", page_marker="1-{page}")
HTML_TABLES = Style(table_layout="tab", blank_lines=False)
HTML_SCRAPED = Style(
    table_layout="concat", thousands=False, ascii_punctuation=True, pagination="glued", blank_lines=False
)


@dataclass(frozen=True)
class FilingSpec:
    stem: str
    company_key: str
    doc_kind: str
    file_format: str  # "txt" | "html" | "pdf"
    style: Style
    published: date
    encoding: str = "utf-8"
    portal: bool = False  # wrapped in a financial portal's navigation text

    @property
    def file_name(self) -> str:
        return f"{self.stem}.{self.file_format}"


FILINGS = (
    FilingSpec("huaxin_feasibility", "huaxin", "feasibility_report", "txt", DOC, date(2025, 6, 18)),
    FilingSpec("huaxin_reply", "huaxin", "inquiry_reply", "pdf", PDF, date(2025, 11, 20)),
    FilingSpec("huaxin_auditor", "huaxin", "auditor_statement", "txt", PDF_TEXT, date(2025, 11, 20)),
    FilingSpec(
        "lanjing_reply",
        "lanjing",
        "inquiry_reply",
        "txt",
        Style(
            table_layout="concat",
            thousands=False,
            ascii_punctuation=True,
            pagination="glued",
            code_on_cover=False,
        ),
        date(2025, 12, 5),
        portal=True,
    ),
    FilingSpec(
        "lanjing_auditor", "lanjing", "auditor_statement", "html", HTML_TABLES, date(2025, 12, 5), portal=True
    ),
    FilingSpec(
        "lanjing_feasibility",
        "lanjing",
        "feasibility_report",
        "html",
        HTML_SCRAPED,
        date(2025, 8, 12),
        portal=True,
    ),
    FilingSpec(
        "qiyun_reply", "qiyun", "inquiry_reply", "txt", PDF_TEXT, date(2025, 10, 28), encoding="gb18030"
    ),
    FilingSpec("qiyun_feasibility", "qiyun", "feasibility_report", "pdf", PDF, date(2025, 7, 3)),
    FilingSpec(
        "xingchen_auditor",
        "xingchen",
        "auditor_statement",
        "txt",
        Style(table_layout="tab", concat_tables=frozenset({"forecast", "hardware"})),
        date(2025, 9, 16),
    ),
    FilingSpec(
        "xingchen_reply",
        "xingchen",
        "inquiry_reply",
        "html",
        Style(table_layout="tab", concat_tables=frozenset({"segments"}), blank_lines=False),
        date(2025, 9, 16),
        portal=True,
    ),
    FilingSpec("xingchen_feasibility", "xingchen", "feasibility_report", "pdf", PDF, date(2025, 5, 22)),
)
