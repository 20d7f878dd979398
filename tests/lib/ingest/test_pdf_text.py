import io

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from orchestration.lib.ingest.errors import IngestError
from orchestration.lib.ingest.pdf import pdf_to_text

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _pdf(pages: list[list[tuple[float, float, str]]]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    for page in pages:
        pdf.setFont(FONT, 10)
        for x, y, text in page:
            pdf.drawString(x, y, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _right_aligned(right_edge: float, y: float, text: str) -> tuple[float, float, str]:
    return right_edge - pdfmetrics.stringWidth(text, FONT, 10), y, text


FORECAST_PAGE = [
    (50, 800, "项目"), _right_aligned(200, 800, "第1年"), _right_aligned(290, 800, "第2年"),
    (50, 786, "营业收入"), _right_aligned(200, 786, "13,563.17"), _right_aligned(290, 786, "27,126.34"),
    (50, 772, "净利润"), _right_aligned(200, 772, "-"), _right_aligned(290, 772, "2,055.71"),
]


def test_space_aligned_columns_become_a_grid_of_tab_separated_rows():
    text, layout = pdf_to_text(_pdf([FORECAST_PAGE]))
    assert text.split("\n")[:3] == ["项目\t第1年\t第2年", "营业收入\t13,563.17\t27,126.34", "净利润\t-\t2,055.71"]
    (grid,) = layout.grids
    assert (grid.line_start, grid.n_rows, grid.n_cols, grid.page) == (1, 3, 3, 1)
    assert [cell.text for cell in grid.expanded()[2]] == ["净利润", "-", "2,055.71"]


def test_pages_follow_each_other_in_order():
    text, layout = pdf_to_text(_pdf([[(50, 800, "第一页")], [(50, 800, "第二页")]]))
    assert text.index("第一页") < text.index("第二页")
    assert layout.page_starts == (1, 2)


def test_truncated_pdf_fails_with_a_reason():
    with pytest.raises(IngestError, match="truncated or corrupt"):
        pdf_to_text(_pdf([FORECAST_PAGE])[:400])


def test_pdf_without_a_text_layer_fails_with_a_reason():
    with pytest.raises(IngestError, match="no text layer.*OCR is out of scope"):
        pdf_to_text(_pdf([[]]))
