"""The two real annual-report PDFs read as printed: every hand-labelled figure in its grid row and column.

The labels in data/real_pdf_labels.csv were read off the rendered pages (not off this reader's
output): key indicators, quarterly figures, revenue composition, balance sheet and income
statement lines. A label names the row by its printed stub text (wrapped labels rejoined) and the
column by its printed header; the header is the nearest row above that prints it, as tables that
repeat their header per block (分行业 / 分产品 / 分地区) do.
"""

import csv
import re
import unicodedata
from pathlib import Path

import pytest

from orchestration.lib.grid import DocumentLayout, Grid, GridCell
from orchestration.lib.ingest.pdf import pdf_to_text
from orchestration.lib.parsing.facts import parse_filing

REAL_PDFS = Path(__file__).resolve().parents[3].parent / "shared" / "pdfs"
LABELS = Path(__file__).parent / "data" / "real_pdf_labels.csv"
# The key figures of each report's key-indicator table (revenue, net profit, cash flow, equity, total
# assets by period), read off the rendered page: the parser must give each under its period and page.
KEY_FIGURES = Path(__file__).parent / "data" / "real_pdf_key_figures.csv"
SPACED_NUMBER = re.compile(r"\d[,.]\s+\d|\d\s+[,.]\d")


def _labels(path: Path = LABELS) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def readings() -> dict[str, tuple[str, DocumentLayout]]:
    if not REAL_PDFS.is_dir():
        pytest.fail(f"the real PDFs are expected in {REAL_PDFS} (../shared beside the checkout)")
    names = sorted({label["file"] for label in _labels()})
    return {name: pdf_to_text((REAL_PDFS / name).read_bytes()) for name in names}


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _column(rows: list[list[GridCell | None]], row: int, key: str) -> int | None:
    """The column whose header (the nearest row above that prints the key) names the label's column."""
    for above in range(row - 1, -1, -1):
        texts = [_norm(cell.text) if cell else "" for cell in rows[above]]
        exact = [c for c, text in enumerate(texts) if text == _norm(key)]
        if exact:
            return exact[0]
    return None


def _found(text: str, layout: DocumentLayout, label: dict) -> list[str]:
    """Every cell value the reader puts at the label's row and column on the label's page."""
    lines = text.split("\n")
    values = []
    for grid in layout.grids:
        rows = grid.expanded()
        for r, row in enumerate(rows):
            stub = row[0]
            if stub is None or _norm(stub.text) != _norm(label["row_label"]) or stub.row != r:
                continue
            if layout.page_of(stub.line_no) != int(label["page"]):
                continue
            column = _column(rows, r, label["column"])
            if column is not None and row[column] is not None:
                cell = row[column]
                assert cell.text in lines[cell.line_no - 1].split("\t"), (label, lines[cell.line_no - 1])
                values.append(cell.text)
    return values


@pytest.mark.parametrize("label", _labels(), ids=lambda label: f"{label['file'][:6]}-p{label['page']}-"
                         f"{label['row_label']}-{label['column']}")
def test_every_printed_figure_is_in_its_grid_row_and_column(readings, label):
    text, layout = readings[label["file"]]
    assert _found(text, layout, label) == [label["value"]]


def test_no_number_has_a_space_inside_it(readings):
    for name, (text, _) in readings.items():
        assert SPACED_NUMBER.findall(text) == [], name


def test_running_headers_and_page_numbers_are_gone(readings):
    text, layout = readings["600519_moutai_2025_annual.pdf"]
    lines = text.split("\n")
    assert len(layout.page_starts) == 143
    assert not any(_norm(line) == "贵州茅台酒股份有限公司2025年年度报告" for line in lines)
    assert not any(re.fullmatch(r"\d+/143", _norm(line)) for line in lines)


def test_a_table_crossing_pages_is_one_grid_without_its_header_twice(readings):
    text, layout = readings["600519_moutai_2025_annual.pdf"]
    lines = text.split("\n")
    balance_sheet = _grid_with_row(layout, "货币资金", page=56)
    assert layout.page_of(balance_sheet.line_end) > 57
    headers = [line for line in lines[balance_sheet.line_start - 1 : balance_sheet.line_end] if line.startswith("项目\t")]
    assert len(headers) == 1


def _grid_with_row(layout: DocumentLayout, label: str, page: int) -> Grid:
    return next(
        grid for grid in layout.grids
        if any(c.col == 0 and _norm(c.text) == label and layout.page_of(c.line_no) == page for c in grid.cells)
    )


def test_rows_of_a_grid_are_its_lines_and_cells_never_hold_tabs(readings):
    for text, layout in readings.values():
        lines = text.split("\n")
        for grid in layout.grids:
            assert grid.line_end - grid.line_start + 1 == grid.n_rows
            for cell in grid.cells:
                assert "\t" not in cell.text and "\n" not in cell.text
                assert lines[cell.line_no - 1].split("\t")[cell.col] == cell.text


@pytest.fixture(scope="module")
def facts(readings) -> dict[str, list]:
    return {name: parse_filing(text, layout=layout).facts for name, (text, layout) in readings.items()}


@pytest.mark.parametrize("figure", _labels(KEY_FIGURES), ids=lambda f: f"{f['file'][:6]}-{f['metric']}-{f['period']}")
def test_every_key_figure_is_a_fact_under_its_period_on_its_page(facts, figure):
    on_page = [f for f in facts[figure["file"]] if f.metric == figure["metric"] and f.page == int(figure["page"])]
    assert figure["value"] in [f.raw_text for f in on_page if f.period == figure["period"]]
    assert not [f for f in on_page if f.raw_text == figure["value"] and f.period not in (figure["period"], None)]
