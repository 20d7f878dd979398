import pytest

from orchestration.lib.parsing.metrics import map_metric, metric_rules
from orchestration.lib.parsing.units import caption_units, header_unit, resolve_unit


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("营业收入", "revenue"),
        ("营业成本", "operating_cost"),
        ("毛利率", "gross_margin"),
        ("净利润", "net_profit"),
        ("利润总额", "total_profit"),
        ("所得税", "income_tax"),
        ("税金及附加", "taxes_surcharges"),
        ("折旧摊销", "depreciation_amortization"),
        ("机柜租赁费", "cabinet_rent"),
        ("账面余额", "ar_gross"),
        ("坏账准备", "ar_provision"),
        ("计提比例", "provision_ratio"),
        ("期后回款金额", "ar_subsequent_collection"),
        ("单价(万元/台)", "unit_price"),
        ("数量", "quantity"),
        ("机柜销售率", "utilisation"),
        ("上架率", "utilisation"),
        ("税前内部收益率", "irr_pre_tax"),
        ("税后内部收益率", "irr_post_tax"),
        ("静态投资回收期", "payback_static"),
        ("动态投资回收期(年)", "payback_dynamic"),
        ("投资金额", "investment_amount"),
        ("拟使用募集资金金额", "proceeds_used"),
        ("营业成本合计", "total_cost"),
        ("2024年 营业收入", "revenue"),
    ],
)
def test_chinese_labels_map_to_metric_ids(label, expected):
    assert map_metric(label) == expected


@pytest.mark.parametrize("label", ["营业收入变动率", "存货账面余额", "IDC 服务", "同比增速", ""])
def test_growth_rates_other_balances_and_products_stay_unmapped(label):
    assert map_metric(label) is None


def test_every_rule_in_the_mapping_table_compiles_and_names_a_known_metric():
    assert len(metric_rules()) > 40


def test_units_come_from_the_cell_then_the_column_header_then_the_caption():
    assert header_unit("单价（万元/台）") == "万元/台"
    assert caption_units("单位：万元、%") == ("万元", "%")
    assert resolve_unit("%", "金额(万元)", "单位：万元", "pct") == "%"
    assert resolve_unit(None, "单价(万元/台)", "单位：万元", "price") == "万元/台"
    assert resolve_unit(None, "投资金额", "单位：万元", "money") == "万元"


def test_a_caption_money_unit_does_not_apply_to_counts_or_percentages():
    assert resolve_unit(None, "数量", "单位：万元", "count") is None
    assert resolve_unit(None, "毛利率", "单位：万元、%", "pct") == "%"
