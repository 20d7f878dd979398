"""Tables printed without ruling lines: grids from the columns of white space between aligned cells."""

from reportlab.pdfgen import canvas

from orchestration.lib.ingest.pdf import pdf_to_text
from orchestration.lib.ingest.pdf.glyphs import Glyph
from orchestration.lib.ingest.pdf.unruled import find_unruled_tables
from orchestration.lib.parsing.facts import parse_filing
from tests.lib.ingest.pdf_fixtures import SIZE, build_pdf

LEFT = 60
RIGHTS = [250, 325, 390, 470]  # right edges of the four value columns
PITCH = 18  # baseline to baseline from one row to the next
WRAP = SIZE + 1.5  # baseline to baseline inside a cell


def _row(pdf: canvas.Canvas, y: float, label: str, values: list[str]) -> None:
    pdf.drawString(LEFT, y, label)
    for right, value in zip(RIGHTS, values, strict=True):
        pdf.drawRightString(right, y, value)


def _centred(pdf: canvas.Canvas, y: float, text: str, first: int, last: int) -> None:
    """A header centred over value columns first..last."""
    left = RIGHTS[first - 1] + 5 if first else RIGHTS[0] - 55
    pdf.drawCentredString((left + RIGHTS[last]) / 2, y, text)


def _lines(text: str) -> list[str]:
    return [line.strip(" ") for line in text.split("\n") if line.strip()]


def _segment_table(pdf: canvas.Canvas) -> None:
    pdf.drawString(LEFT, 790, "公司报告期内分业务的收入及毛利率情况如下：")
    pdf.drawRightString(RIGHTS[-1], 772, "单位：万元")
    _centred(pdf, 754, "2025年1-9月", 0, 1)
    _centred(pdf, 754, "2024年度", 2, 3)
    for col, text in enumerate(["营业收入", "毛利率", "营业收入", "毛利率"]):
        _centred(pdf, 736, text, col, col)
    pdf.drawString(LEFT, 736, "项目")
    _row(pdf, 718, "智慧城市业务", ["27,378.16", "12.52%", "35,082.89", "12.57%"])
    _row(pdf, 700, "归属于上市公司股东", ["12,082.42", "29.47%", "19,164.49", "7.10%"])
    pdf.drawString(LEFT, 700 - WRAP, "的净利润")
    _row(pdf, 700 - WRAP - PITCH, "合计", ["39,460.58", "17.20%", "54,247.38", "10.74%"])
    pdf.drawString(LEFT, 620, "报告期内公司收入稳定增长，毛利率保持稳定。")


def test_an_unruled_table_is_a_grid_with_its_spanning_header_and_wrapped_label_rejoined():
    text, layout = pdf_to_text(build_pdf([_segment_table]))
    assert _lines(text) == [
        "公司报告期内分业务的收入及毛利率情况如下：",
        "单位：万元",  # a unit caption over the table is not its header
        "\t2025年1-9月\t\t2024年度\t",
        "项目\t营业收入\t毛利率\t营业收入\t毛利率",
        "智慧城市业务\t27,378.16\t12.52%\t35,082.89\t12.57%",
        "归属于上市公司股东的净利润\t12,082.42\t29.47%\t19,164.49\t7.10%",
        "合计\t39,460.58\t17.20%\t54,247.38\t10.74%",
        "报告期内公司收入稳定增长，毛利率保持稳定。",
    ]
    (grid,) = layout.grids
    assert (grid.source, grid.n_rows, grid.n_cols, grid.page) == ("pdf", 5, 5, 1)
    header = grid.expanded()[0]
    assert header[1] is header[2] and (header[1].text, header[1].col_span) == ("2025年1-9月", 2)
    assert header[3] is header[4] and header[3].text == "2024年度"


def _key_indicators(pdf: canvas.Canvas) -> None:
    # the year-end block restates its header, its numbers set a few points further left
    for col, text in enumerate(["2025年", "2024年", "增减(%)", "2023年"]):
        _centred(pdf, 760, text, col, col)
    _row(pdf, 742, "营业收入（元）", ["946,981,984.62", "924,626,058.66", "2.42", "927,206,553.83"])
    _row(pdf, 724, "净利润（元）", ["71,097,168.27", "77,113,886.33", "-7.80", "42,248,007.14"])
    for col, text in enumerate(["2025年末", "2024年末", "增减(%)", "2023年末"]):
        _centred(pdf, 706, text, col, col)
    shifted = [right - 8 for right in RIGHTS]
    pdf.drawString(LEFT, 688, "总资产（元）")
    for right, value in zip(shifted, ["2,041,219,667.85", "1,991,045,325.64", "2.52", "1,866,196,762.25"], strict=True):
        pdf.drawRightString(right, 688, value)
    pdf.drawString(LEFT, 670, "净资产（元）")
    for right, value in zip(shifted, ["827,095,310.09", "1,014,417,185.20", "-18.47", "945,359,368.50"], strict=True):
        pdf.drawRightString(right, 670, value)


def test_a_restated_header_starts_a_second_grid_and_numbers_set_close_stay_apart():
    text, layout = pdf_to_text(build_pdf([_key_indicators]))
    assert _lines(text)[3:6] == [
        "\t2025年末\t2024年末\t增减(%)\t2023年末",
        "总资产（元）\t2,041,219,667.85\t1,991,045,325.64\t2.52\t1,866,196,762.25",
        "净资产（元）\t827,095,310.09\t1,014,417,185.20\t-18.47\t945,359,368.50",
    ]
    assert [(grid.line_start, grid.n_rows, grid.n_cols) for grid in layout.grids] == [(1, 3, 5), (4, 3, 5)]


def _first_page(pdf: canvas.Canvas) -> None:
    pdf.drawString(LEFT, 780, "项目")
    for col, text in enumerate(["2025年", "2024年", "2023年", "2022年"]):
        _centred(pdf, 780, text, col, col)
    _row(pdf, 762, "货币资金", ["1.00", "2.00", "3.00", "4.00"])
    _row(pdf, 744, "应收账款", ["5.00", "6.00", "7.00", "8.00"])


def _second_page(pdf: canvas.Canvas) -> None:
    pdf.drawString(LEFT, 780, "项目")
    for col, text in enumerate(["2025年", "2024年", "2023年", "2022年"]):
        _centred(pdf, 780, text, col, col)
    _row(pdf, 762, "存货", ["9,000.00", "10,000.00", "11,000.00", "12,000.00"])
    _row(pdf, 744, "资产总计", ["9,006.00", "10,008.00", "11,010.00", "12,012.00"])


def test_an_unruled_table_continued_under_its_header_on_the_next_page_is_one_grid():
    text, layout = pdf_to_text(build_pdf([_first_page, _second_page]))
    (grid,) = layout.grids
    assert (grid.n_rows, grid.page, layout.page_of(grid.line_end)) == (5, 1, 2)
    assert [line.split("\t")[0] for line in _lines(text)] == ["项目", "货币资金", "应收账款", "存货", "资产总计"]


def _glyphs(baseline: float, cells: list[tuple[float, str]]) -> list[Glyph]:
    """Each cell's text from its left edge, one glyph per character half an em wide (size 8)."""
    return [Glyph(char, left + 4 * k, left + 4 * (k + 1), baseline, 8.0) for left, text in cells for k, char in enumerate(text)]


def test_two_cells_of_one_line_are_never_one_column_even_where_other_rows_overlap_them():
    # the lower rows' numbers sit 10 pt further right: their extents join the two value columns
    glyphs = [
        *_glyphs(700, [(60, "营业收入"), (297, "297939915.07"), (360, "292785821.74")]),
        *_glyphs(684, [(60, "净利润"), (301, "19500167.44"), (356, "-10225298.8")]),
        *_glyphs(668, [(60, "总资产"), (310, "496546662.46"), (367, "482037338.57")]),
    ]
    (table,), left_over = find_unruled_tables(glyphs)
    assert left_over == []
    assert [table.row_texts(row) for row in range(table.n_rows)] == [
        ["营业收入", "297939915.07", "292785821.74"],
        ["净利润", "19500167.44", "-10225298.8"],
        ["总资产", "496546662.46", "482037338.57"],
    ]


def test_a_letter_spaced_label_is_one_cell_not_a_column_of_its_own():
    glyphs = [
        *_glyphs(700, [(60, "项"), (84, "目"), (200, "期末数"), (280, "期初数")]),
        *_glyphs(684, [(60, "保函保证金"), (190, "1,220,000.00"), (270, "2,000.00")]),
        *_glyphs(668, [(60, "合"), (84, "计"), (190, "4,838,631.51"), (270, "3,000.00")]),
    ]
    (table,), _ = find_unruled_tables(glyphs)
    assert table.n_cols == 3
    assert [table.row_texts(row)[0].replace(" ", "") for row in range(table.n_rows)] == ["项目", "保函保证金", "合计"]


def _items(pdf: canvas.Canvas) -> None:
    pdf.drawRightString(RIGHTS[-1], 790, "单位：万元")
    pdf.drawString(LEFT, 772, "序号")
    pdf.drawString(LEFT + 30, 772, "费用名称")
    for col, text in enumerate(["金额", "占比", "拟使用募集资金"], start=1):
        _centred(pdf, 772, text, col, col)
    for k, (item, amount, share, proceeds) in enumerate(
        [("设备购置费", "54,533.66", "92.29%", "49,080.29"), ("软件购置费", "951.32", "1.61%", "951.32"),
         ("机柜租赁费", "846.83", "1.44%", "-"), ("网络带宽费", "24.69", "0.04%", "-")]
    ):
        y = 754 - PITCH * k
        pdf.drawString(LEFT, y, str(k + 1))
        pdf.drawString(LEFT + 30, y, item)
        for right, value in zip(RIGHTS[1:], [amount, share, proceeds], strict=True):
            pdf.drawRightString(right, y, value)


def test_a_numbered_item_table_reads_items_by_name_and_a_dash_as_no_value():
    # lib/parsing's grid reader: the 序号 column is the rows' ids, and a value column printing "-"
    # where nothing was planned is still a value column
    text, layout = pdf_to_text(build_pdf([_items]))
    facts = parse_filing(text, layout=layout).facts
    amounts = {f.row_label: f.raw_text for f in facts if f.column_label == "金额"}
    assert amounts == {"设备购置费": "54,533.66", "软件购置费": "951.32", "机柜租赁费": "846.83", "网络带宽费": "24.69"}
    assert {f.row_label: f.raw_text for f in facts if f.column_label == "拟使用募集资金"} == {
        "设备购置费": "49,080.29", "软件购置费": "951.32"
    }
