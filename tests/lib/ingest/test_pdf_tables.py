"""Ruled tables, wrapped cells, fake bold, running headers and page-crossing tables in generated PDFs."""

import io

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from orchestration.lib.ingest.errors import IngestError
from orchestration.lib.ingest.pdf import pdf_to_text
from orchestration.lib.ingest.pdf.glyphs import Glyph, drop_overprint
from tests.lib.ingest.pdf_fixtures import FONT, SIZE, RuledTable, build_pdf, running_furniture

KEY_INDICATORS = RuledTable(
    x=60,
    top=760,
    widths=[80, 90, 90, 110],
    rows=[
        ["", "2025年", "2024年", "本期比上年同期增减(%)"],
        ["营业收入（元）", "168,838,102,514.79", "170,899,152,276.34", "-1.21"],
        [["归属于上", "市公司股", "东的净利", "润（元）"], ["1,380,240", ",203.63"], "1,200,000.00", "15.02"],
    ],
    heights={2: 46},
)


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def test_a_ruled_table_is_a_grid_and_each_row_one_tab_separated_line():
    text, layout = pdf_to_text(build_pdf([KEY_INDICATORS.draw]))
    assert _lines(text) == [
        "\t2025年\t2024年\t本期比上年同期增减(%)",
        "营业收入（元）\t168,838,102,514.79\t170,899,152,276.34\t-1.21",
        "归属于上市公司股东的净利润（元）\t1,380,240,203.63\t1,200,000.00\t15.02",
    ]
    (grid,) = layout.grids
    assert (grid.source, grid.n_rows, grid.n_cols, grid.page) == ("pdf", 3, 4, 1)
    rows = grid.expanded()
    assert rows[2][1].text == "1,380,240,203.63" and rows[2][1].line_no == grid.line_start + 2


def test_a_label_wrapped_in_a_narrow_cell_with_its_number_centred_is_one_row():
    # the label starts at the top of the cell while the number sits lower: one cell each, one row
    text, _ = pdf_to_text(build_pdf([KEY_INDICATORS.draw]))
    assert "归属于上市公司股东的净利润（元）\t1,380,240,203.63" in text


def test_fake_bold_glyphs_drawn_over_themselves_are_read_once():
    def page(pdf: canvas.Canvas) -> None:
        # the bold title is stroked three times a hair apart, with other text drawn in between
        # (PDFium only folds a text object into the one drawn just before it)
        for dx in (0, 0.3, 0.6):
            pdf.drawString(100 + dx, 700, "交易融资情况")
            pdf.drawString(100, 680, "单位：元")

    text, _ = pdf_to_text(build_pdf([page]))
    assert _lines(text) == ["交易融资情况", "单位：元"]


def test_overprinted_glyphs_are_dropped_where_pdfium_keeps_them():
    drawn = [Glyph(char, 100 + 9 * i + dx, 109 + 9 * i + dx, 700, 9) for dx in (0, 0.3, 0.6) for i, char in enumerate("交易")]
    assert [(g.char, g.left) for g in drop_overprint(drawn)] == [("交", 100), ("易", 109)]


def test_leader_dots_and_narrow_letters_set_one_after_another_are_not_overprint():
    def page(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica", 10)
        pdf.drawString(100, 700, "Wellington.........12")

    text, _ = pdf_to_text(build_pdf([page]))
    assert _lines(text) == ["Wellington.........12"]


def test_repeated_letters_a_full_advance_apart_are_not_overprint():
    text, _ = pdf_to_text(build_pdf([lambda pdf: pdf.drawString(100, 700, "2025年年度报告 1,000,000")]))
    assert _lines(text) == ["2025年年度报告1,000,000"]


def test_no_space_is_ever_put_inside_a_number_whatever_its_glyph_spacing():
    def page(pdf: canvas.Canvas) -> None:
        x = 100.0
        for char, gap in zip("3,564,707,872.26", [0, 2.5, 0, 0, 0, 2.5, 0, 0, 0, 2.5, 0, 0, 0, 2.5, 0, 0], strict=True):
            x += gap  # loose typesetting: separators followed by a visible gap
            pdf.drawString(x, 700, char)
            x += pdfmetrics.stringWidth(char, FONT, SIZE)
        pdf.drawString(100, 680, "Total assets 2019 2018")

    text, _ = pdf_to_text(build_pdf([page]))
    assert _lines(text) == ["3,564,707,872.26", "Total assets 2019 2018"]


def test_running_headers_footers_and_page_numbers_are_removed():
    def page(number: int):
        def draw(pdf: canvas.Canvas) -> None:
            running_furniture(pdf, number, 3)
            pdf.drawString(60, 700, f"正文第{number}段")

        return draw

    text, layout = pdf_to_text(build_pdf([page(1), page(2), page(3)]))
    assert _lines(text) == ["正文第1段", "正文第2段", "正文第3段"]
    assert layout.page_of(text.split("\n").index("正文第3段") + 1) == 3


def test_a_table_continued_on_the_next_page_is_one_grid_without_its_repeated_header():
    header = ["项目", "2025年12月31日", "2024年12月31日"]
    first = RuledTable(60, 200, [120, 100, 100], [header, ["货币资金", "51,690,610,946.50", "59,295,822,956.89"]])
    second = RuledTable(60, 780, [120, 100, 100], [header, ["应收账款", "2,609,048.49", "18,974,192.75"]])

    def page_one(pdf: canvas.Canvas) -> None:
        running_furniture(pdf, 1, 2)
        pdf.drawString(60, 700, "合并资产负债表")
        first.draw(pdf)

    def page_two(pdf: canvas.Canvas) -> None:
        running_furniture(pdf, 2, 2)
        second.draw(pdf)
        pdf.drawString(60, 600, "公司负责人：某某")

    text, layout = pdf_to_text(build_pdf([page_one, page_two]))
    assert _lines(text) == [
        "合并资产负债表",
        "项目\t2025年12月31日\t2024年12月31日",
        "货币资金\t51,690,610,946.50\t59,295,822,956.89",
        "应收账款\t2,609,048.49\t18,974,192.75",
        "公司负责人：某某",
    ]
    (grid,) = layout.grids
    assert grid.n_rows == 3 and grid.page == 1
    assert [layout.page_of(line) for line in range(grid.line_start, grid.line_end + 1)] == [1, 1, 2]


def test_a_cell_spanning_columns_is_printed_once_in_its_first_position():
    def page(pdf: canvas.Canvas) -> None:
        for y in (760, 744, 728):
            pdf.line(60, y, 300, y)
        for x in (60, 300):
            pdf.line(x, 760, x, 728)
        for x in (140, 220):  # no inner rules in the title row: its cell spans all three columns
            pdf.line(x, 744, x, 728)
        pdf.drawCentredString(180, 749, "主营业务分行业情况")
        for x, label in ((62, "分行业"), (142, "营业收入"), (222, "营业成本")):
            pdf.drawString(x, 733, label)

    text, layout = pdf_to_text(build_pdf([page]))
    assert _lines(text) == ["主营业务分行业情况\t\t", "分行业\t营业收入\t营业成本"]
    (grid,) = layout.grids
    title = grid.cells[0]
    assert (title.text, title.row, title.col, title.col_span) == ("主营业务分行业情况", 0, 0, 3)


def test_a_table_printed_turned_a_quarter_turn_reads_like_an_upright_one():
    # Latin text in a standard font: PDFium skips turned text objects whose glyphs have no outline,
    # as a non-embedded CJK font has on a machine without CJK fonts
    rows = [["", "2025", "2024"], ["Revenue", "168,838,102,514.79", "-1.21"], [["Net profit", "attributable"], "82,320.07", "4.53"]]
    table = RuledTable(60, 500, [90, 110, 90], rows, heights={2: 30})

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("Helvetica", SIZE)
        pdf.drawString(60, 540, "Key figures (yuan)")
        table.draw(pdf)

    def turned(pdf: canvas.Canvas) -> None:
        pdf.translate(595, 0)
        pdf.rotate(90)  # landscape content on a portrait page: the text runs up the page
        draw(pdf)

    turned_text, turned_layout = pdf_to_text(build_pdf([turned]))
    upright_text, upright_layout = pdf_to_text(build_pdf([draw]))
    assert _lines(turned_text) == _lines(upright_text) == [
        "Key figures (yuan)",
        "\t2025\t2024",
        "Revenue\t168,838,102,514.79\t-1.21",
        "Net profit attributable\t82,320.07\t4.53",
    ]
    assert turned_layout.grids == upright_layout.grids


def test_a_text_layer_of_private_use_characters_fails_as_garbage():
    with pytest.raises(IngestError, match="garbage.*OCR is out of scope"):
        pdf_to_text(build_pdf([lambda pdf: pdf.drawString(60, 700, "\ue000\ue001\ue002\ue003\ufffd营业")]))


def test_an_encrypted_pdf_says_it_is_encrypted():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt="secret")
    pdf.setFont(FONT, SIZE)
    pdf.drawString(60, 700, "营业收入")
    pdf.showPage()
    pdf.save()
    with pytest.raises(IngestError, match="encrypted"):
        pdf_to_text(buffer.getvalue())
