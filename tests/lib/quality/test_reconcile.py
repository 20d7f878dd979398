"""Reconciliation never alarms on tables that are consistent to their rounding and catches every
injected misprint. The synthetic corpus is consistent by construction; its ground truth says exactly
what each table printed."""

import pytest

from orchestration.lib.quality import reconcile


def _bump(facts: list[dict], fact_id: str, delta: float) -> list[dict]:
    return [dict(f, value=f["value"] + delta) if f["fact_id"] == fact_id else f for f in facts]


def _first(facts: list[dict], **where) -> dict:
    return next(f for f in facts if all(f.get(k) == v for k, v in where.items()))


def test_no_reconciliation_alarm_on_the_synthetic_corpus(sample_truth_facts):
    assert reconcile(sample_truth_facts) == []


@pytest.mark.parametrize(
    ("where", "kinds"),
    [
        ({"metric": "investment_amount", "row_label": "合计", "column_label": "金额"}, {"column_total"}),
        ({"metric": "proceeds_used", "row_label": "合计"}, {"column_total"}),
        ({"metric": "revenue", "period": "Y3", "layout": "tab"}, {"row_total", "forecast_profit"}),
        ({"metric": "depreciation_amortization", "period": "Y1"}, {"row_total", "forecast_cost"}),
        ({"metric": "net_profit", "period": "Y2"}, {"row_total", "forecast_net_profit"}),
        ({"metric": "gross_margin", "entity_kind": "segment", "period": "FY2024"}, {"gross_margin"}),
        ({"metric": "ar_net"}, {"receivable_net"}),
        ({"metric": "provision_ratio"}, {"provision_ratio"}),
        ({"metric": "unit_price", "layout": "tab"}, {"price_quantity"}),
    ],
)
def test_an_injected_misprint_is_caught_by_the_identity_it_breaks(sample_truth_facts, where, kinds):
    target = _first([f for f in sample_truth_facts if f["table_id"]], **where)
    findings = reconcile(_bump(sample_truth_facts, target["fact_id"], 0.10 if target["unit"] == "%" else 1.0))
    caught = {f.kind for f in findings if any(r.fact_id == target["fact_id"] for r in f.refs)}
    assert caught == kinds
    assert {r.filing_id for f in findings for r in f.refs} == {target["filing_id"]}


def test_every_printed_money_amount_in_a_table_takes_part_in_some_identity(sample_truth_facts):
    filing = sample_truth_facts[0]["filing_id"]
    facts = [f for f in sample_truth_facts if f["filing_id"] == filing]
    amounts = [f for f in facts if f["table_id"] and f["unit"] == "万元"]
    missed = [
        (f["table_title"], f["row_label"], f["column_label"])
        for f in amounts
        if not any(r.fact_id == f["fact_id"] for x in reconcile(_bump(facts, f["fact_id"], 1.0)) for r in x.refs)
    ]
    assert len(amounts) > 100
    assert missed == []


def test_rounding_of_the_parts_is_tolerated_and_one_cent_beyond_it_is_not():
    parts = [("a", "10.004"), ("b", "20.004"), ("c", "30.004")]
    facts = [
        {"filing_id": "f", "table_id": "t", "fact_id": name, "line_no": line, "raw_text": f"{float(text):.2f}",
         "value": round(float(text), 2), "unit": "万元", "row_label": name, "column_label": "金额",
         "metric": "investment_amount"}
        for line, (name, text) in enumerate(parts, start=1)
    ]
    total = {**facts[0], "fact_id": "total", "line_no": 9, "row_label": "合计"}
    # 10.004 + 20.004 + 30.004 = 60.012 prints as 60.01 while the printed parts add to 60.00.
    assert reconcile([*facts, {**total, "raw_text": "60.01", "value": 60.01}]) == []
    (finding,) = reconcile([*facts, {**total, "raw_text": "60.03", "value": 60.03}])
    assert (finding.kind, round(finding.gap, 2), finding.tolerance) == ("column_total", 0.03, 0.02)


def _column(rows: list[tuple[str, str]]) -> list[dict]:
    return [
        {"filing_id": "f", "table_id": "t", "fact_id": f"r{line}", "line_no": line, "raw_text": text,
         "value": float(text.replace(",", "")), "unit": "万元", "row_label": label, "column_label": "毛利",
         "metric": "gross_profit"}
        for line, (label, text) in enumerate(rows, start=1)
    ]


def test_rows_after_a_qizhong_row_detail_the_row_above_and_are_not_parts_of_the_total():
    # A gross-profit-by-product table laid out as 首都在线 prints it (2023年1-3月 column).
    rows = [
        ("IDC 服务", "2,542.96"), ("其中:机柜租用", "572.08"), ("带宽租用", "1,691.81"), ("IP 地址租用", "-120.07"),
        ("专线租用", "399.13"), ("云计算服务", "-1,404.96"), ("其中:云主机服务", "-1,827.91"), ("裸金属服务", "-688.60"),
        ("带宽租用", "1,130.52"), ("IP 地址租用", "109.43"), ("存储服务", "-128.39"), ("其他", "389.69"),
        ("合计", "1,527.69"),
    ]
    assert reconcile(_column(rows)) == []
    (finding,) = reconcile(_column([*rows[:-1], ("合计", "1,627.69")]))
    assert [r.raw_text for r in finding.refs] == ["1,627.69", "2,542.96", "-1,404.96", "389.69"]


def _forecast_year(rows: list[tuple[str, str, str]], row_ids: tuple[str, ...] = ()) -> list[dict]:
    return [
        {"filing_id": "f", "table_id": "t", "fact_id": f"r{line}", "line_no": line, "raw_text": text,
         "value": float(text), "unit": "万元", "row_label": label, "column_label": "第1年", "period": "Y1",
         "metric": metric, "row_id": row_ids[line - 1] if line <= len(row_ids) else None}
        for line, (label, metric, text) in enumerate(rows, start=1)
    ]


# A cost table laid out as 宏景科技 prints it: depreciation and amortisation on two rows outside 营业成本.
COST_ROW_IDS = ("1", "1.1", "1.2", "2", "3")
COST_TABLE = [
    ("营业成本", "operating_cost", "2070.00"), ("机柜租赁费", "cabinet_rent", "1728.00"),
    ("人员成本", "staff_cost", "342.00"), ("折旧费", "depreciation_amortization", "8006.23"),
    ("摊销费", "depreciation_amortization", "47.17"),
]


def test_a_total_cost_adds_every_row_of_each_cost_line():
    assert reconcile(_forecast_year([*COST_TABLE, ("合计", "total_cost", "10123.40")], COST_ROW_IDS)) == []
    findings = reconcile(_forecast_year([*COST_TABLE, ("合计", "total_cost", "10124.40")], COST_ROW_IDS))
    assert {(f.kind, round(f.expected, 2)) for f in findings} == {("forecast_cost", 10123.40), ("column_total", 10123.40)}


def test_a_total_cost_that_includes_the_period_expenses_reconciles():
    # 中贝通信's layout: 营业成本 and the four expenses above a 合计 row (第1年 column).
    rows = [("营业成本", "operating_cost", "10309.11"), ("销售费用", "selling_expense", "209.25"),
            ("管理费用", "admin_expense", "622.81"), ("研发费用", "rd_expense", "504.94"),
            ("财务费用", "financial_expense", "1193.15")]
    assert reconcile(_forecast_year([*rows, ("合计", "total_cost", "12839.24")])) == []
    broken = reconcile(_forecast_year([*rows, ("合计", "total_cost", "12939.24")]))
    assert sorted(f.kind for f in broken) == ["column_total", "forecast_cost"]
