"""The ground truth of one filing: its metadata and every fact with the line that prints it."""

from __future__ import annotations

from orchestration.lib.corpus.catalog import FilingSpec
from orchestration.lib.corpus.companies import Company
from orchestration.lib.corpus.layout import Line

# What "line_no" counts in each format.
LINE_BASIS = {
    "txt": "file_line",  # the line of the decoded .txt file
    "html": "html_block",  # the n-th <p>/<h3>/<tr> element inside <article>, in document order
    "pdf": "layout_line",  # the line of the page-ordered layout the PDF was drawn from (blanks and footers count)
}


def ground_truth(spec: FilingSpec, company: Company, lines: list[Line]) -> dict:
    printed = "\n".join(line.text for line in lines)
    return {
        "source_file": spec.file_name,
        "format": spec.file_format,
        "encoding": spec.encoding,
        "company_name": company.name,
        "short_name": company.short_name,
        "stock_code": company.stock_code,
        "exchange": company.exchange,
        "doc_kind": spec.doc_kind,
        "published_date": spec.published.isoformat(),
        # Metadata is true of a filing only where the filing prints it (a feasibility report names neither).
        "sponsor": company.sponsor if company.sponsor in printed else None,
        "auditor": company.auditor if company.auditor in printed else None,
        "line_basis": LINE_BASIS[spec.file_format],
        "facts": [
            fact_record(fact, layout, line_no, line.page if spec.file_format == "pdf" else None)
            for line_no, line in enumerate(lines, start=1)
            for fact, layout in line.facts
        ],
    }


def fact_record(fact, layout: str, line_no: int | None, page: int | None = None, **extra) -> dict:
    """One printed number's truth record: the one schema every generator writes and the scoring reads."""
    return {
        "line_no": line_no,
        "page": page,
        "raw_text": fact.raw_text,
        "value": fact.value,
        "unit": fact.unit,
        "period": fact.period,
        "metric": fact.metric,
        "row_label": fact.row_label,
        "column_label": fact.column_label,
        "entity": fact.entity,
        "entity_kind": fact.entity_kind,
        "breakdown": fact.breakdown,
        "layout": layout,
        "table_title": fact.table_title,
        **extra,
    }
