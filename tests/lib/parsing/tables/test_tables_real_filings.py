"""find_tables on real lines read from the shared filings (read-only, never copied here)."""

from functools import cache

import pytest

from orchestration.lib.parsing.tables import find_tables
from tests.conftest import REAL_FILINGS

FILINGS = REAL_FILINGS

pytestmark = pytest.mark.skipif(not FILINGS.is_dir(), reason="shared filings are not mounted")


@cache
def filing(prefix: str) -> list[str]:
    path = next(FILINGS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")


@cache
def tables(prefix: str):
    return find_tables(filing(prefix))


def row_on(prefix: str, needle: str):
    """The parsed row printed on the first line that contains ``needle``."""
    line_no = next(i + 1 for i, line in enumerate(filing(prefix)) if needle in line)
    for table in tables(prefix):
        for row in table.rows:
            if row.line_no == line_no:
                return table, row
    raise AssertionError(f"no row on line {line_no}")


def values(row):
    return [c.value for c in row.cells]


def test_run_together_revenue_row_under_six_model_years():
    table, row = row_on("001", "营业收入13563.17")

    assert table.layout == "concat"
    assert table.columns == ["第1年", "第2年", "第3年", "第4年", "第5年", "第6年"]
    assert row.label == "营业收入"
    assert values(row) == [13563.17, 27126.34, 27126.34, 24300.68, 21475.02, 14951.31]


def test_count_row_with_its_unit_label_wrapped_after_the_numbers():
    _, row = row_on("001", "384384384384384384")

    assert row.label == "算力服务器数量(台)"
    assert values(row) == [384.0] * 6


def test_glued_row_id_in_a_cost_forecast():
    table, row = row_on("002", "1.1769.251538.49")

    assert table.columns[0] == "第1年" and len(table.columns) == 8
    assert row.row_id == "1.1"
    assert values(row)[:2] == [769.25, 1538.49]
    assert "row-id sequence" in row.cells[0].note


def test_unit_price_quantity_and_amount_of_a_server_purchase():
    table, row = row_on("002", "230.00300台69000.00")

    assert [(c.value, c.unit) for c in row.cells] == [(230.0, None), (300.0, "台"), (69000.0, None)]
    assert table.columns == ["单价", "数量单位", "总金额"]


def test_utilisation_percentages_under_eight_years():
    _, row = row_on("002", "利用率98.0%98.0%98.0%98.0%96.0%94.0%92.0%90.0%")

    assert row.label.startswith("利用率")
    assert values(row) == [98.0, 98.0, 98.0, 98.0, 96.0, 94.0, 92.0, 90.0]


def test_repeated_server_count():
    _, row = row_on("002", "AI 服务器数量130130130130130130130130")

    assert values(row) == [130.0] * 8


def test_pdf_benefit_forecast_keeps_every_cell_under_its_year():
    table, row = row_on("003", "净利润          134.09")

    assert table.layout == "space"
    assert table.unit == "万元"
    assert table.columns == ["第1年", "第2年", "第3年", "第4年", "第5年", "第6年", "第7年"]
    assert (row.row_id, row.label) == ("8", "净利润")
    assert values(row)[2] == 2055.71
    research = next(r for r in table.rows if r.label == "研发费用")
    assert values(research)[:4] == [None, None, None, 388.96]


def test_pdf_sensitivity_table_joins_wrapped_group_labels():
    table, row = row_on("003", "年平均净利润         -172.78")

    assert table.unit == "万元、%"
    assert table.columns == ["单价下降10%", "单价下降5%", "现有单价假设", "单价提升5%"]
    assert (row.group_label, row.label) == ("现有预测销售率水平", "年平均净利润")
    assert values(row) == [-172.78, 679.0, 1609.81, 2730.52]
    groups = {r.group_label for r in table.rows}
    assert groups == {"销售率提升5%", "现有预测销售率水平", "销售率下降5%", "销售率下降10%"}


def test_pdf_header_split_over_two_lines_is_joined():
    table, _ = row_on("003", "19,071.01")

    assert table.columns == ["2022年度", "2021年度", "2020年度"]


def test_pdf_wrapped_label_with_numbers_on_the_middle_line():
    _, row = row_on("003", "1.2                           -   1,789.63")

    assert (row.row_id, row.label) == ("1.2", "其中:带宽成本&专线租赁")
    assert values(row)[:2] == [None, 1789.63]


def test_tab_table_broken_by_page_breaks_is_one_table_without_repeated_headers():
    policy = next(t for t in tables("000") if t.header_label and "政策名称" in t.header_label)

    assert [r.row_id for r in policy.rows] == [str(k) for k in range(1, 15)]


def test_tab_investment_table_with_a_total_row():
    table = tables("000")[0]

    assert table.unit == "万元"
    assert table.columns == ["投资金额", "拟使用募集资金金额"]
    total = table.rows[-1]
    assert (total.label, values(total)) == ("合计", [399125.74, 287000.0])


def test_ambiguous_cells_never_carry_a_guessed_split():
    for prefix in ("001", "002"):
        for table in tables(prefix):
            for row in table.rows:
                for cell in row.cells:
                    if cell.ambiguous and cell.value is None:
                        assert cell.note


def test_table_ids_are_numbered_in_order_of_appearance():
    found = tables("003")

    assert [t.table_id for t in found] == [f"t{k}" for k in range(1, len(found) + 1)]
    assert [t.line_start for t in found] == sorted(t.line_start for t in found)


def test_a_price_range_in_a_run_together_table_is_read_as_its_two_ends_never_as_a_negative_price():
    # 002 prints the peers' prices as ranges under the run-together comparison table: 230.00-255.00万元/台
    for needle, ends in (("230.00-255.00万元/台", [230.0, 255.0]), ("13.60-14.5010.91-13.99万元/台", [13.6, 14.5, 10.91, 13.99])):
        _, row = row_on("002", needle)

        assert values(row) == ends
        assert all(cell.ambiguous and "range" in cell.note for cell in row.cells)  # which column: unproven
