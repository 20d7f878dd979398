"""A three-year project printed as facts, as the model's input mart carries them, consistent to the cent.

Revenue 1,000 / 2,000 / 2,000; operating cost includes a 400 depreciation; selling expense 1% of
revenue; income tax 25%; 1,500 invested. Used where a whole facts-to-tables run is under test.
"""

import polars as pl

PROJECT = "示例算力项目"
PROJECT_ID = "000001/示例算力项目"
LINES = {  # metric: (printed label, Y1, Y2, Y3)
    "revenue": ("营业收入", 1000.00, 2000.00, 2000.00),
    "operating_cost": ("营业成本", 600.00, 1000.00, 1000.00),
    "depreciation": ("折旧费", 400.00, 400.00, 400.00),
    "selling_expense": ("销售费用", 10.00, 20.00, 20.00),
    "taxes_surcharges": ("税金及附加", 3.00, 6.00, 6.00),
    "total_cost": ("总成本费用", 610.00, 1020.00, 1020.00),
    "total_profit": ("利润总额", 387.00, 974.00, 974.00),
    "income_tax": ("所得税", 96.75, 243.50, 243.50),
    "net_profit": ("净利润", 290.25, 730.50, 730.50),
}
FILING_ID = "f-small"


def small_project_inputs() -> pl.DataFrame:
    """Rows of marts.fct_project_model_inputs."""
    rows = []
    for row, (metric, (label, *values)) in enumerate(LINES.items()):
        for year, value in enumerate(values, start=1):
            rows.append(_fact(f"t1-r{row}-c{year}", "t1", 10 + row, value, label, f"第{year}年", f"Y{year}", metric))
    rows.append(_fact("p5-5", None, 5, 1500.00, "投资总额", None, None, "investment_amount", unit="万元"))
    rows.append(_fact("p6-6", None, 6, 12.34, "税后内部收益率", None, None, "irr_post_tax", unit="%"))
    return pl.DataFrame(rows, infer_schema_length=None)


def _fact(fact_id, table_id, line_no, value, label, column, period, metric, unit=None) -> dict:
    return {
        "filing_id": FILING_ID, "fact_id": fact_id, "table_id": table_id, "section_id": "s1", "line_no": line_no,
        "raw_text": f"{value:.2f}", "value": value, "unit": unit, "row_label": label if table_id else None,
        "column_label": column, "period": period, "entity": PROJECT, "entity_kind": "project", "label_zh": label,
        "metric": metric, "project_id": PROJECT_ID, "project_name": PROJECT, "names_project": True,
        "model_input_id": f"{PROJECT_ID}/{fact_id}",
    }
