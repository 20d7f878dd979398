import pytest

from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.metrics import (
    map_metric,
    metric_excluded,
    metric_rules,
    metrics_named,
    price_named_by_unit,
)
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
        ("5.3电费", "power_cost"),
        ("其中:机柜租用收入(万元)", "revenue"),
        ("毛利率(f)", "gross_margin"),
        ("机房租赁成本", "cabinet_rent"),
        ("设备维保", "technical_service_cost"),
        ("对外租赁数量(架)", "cabinet_count"),
        ("服务单价(月)", "price_per_server_month"),
        ("资产负债率", "debt_ratio"),
        ("归属于母公司所有者的净利润", "net_profit_attributable"),
        ("折旧与摊销", "depreciation_amortization"),
        ("折旧费", "depreciation"),
        ("摊销费", "amortization"),
        ("软硬件购置费", "investment_amount"),
        ("智算业务营收", "revenue"),
        ("基本每股收益（元/股）", "eps_basic"),
        ("稀释每股收益(元/股)", "eps_diluted"),
        ("加权平均净资产收益率", "roe_weighted"),
        ("归属于上市公司股东的扣除非经常性损益的净利润（元）", "net_profit_recurring"),
        ("经营活动产生的现金流量净额（元）", "operating_cash_flow"),
        ("资产总额（元）", "total_assets"),
        ("归属于上市公司股东的净资产（元）", "equity_attributable"),
        ("存货账面余额", "inventory"),
        ("在建工程", "construction_in_progress"),
        ("购建固定资产、无形资产和其他长期资产支付的现金", "capex"),
    ],
)
def test_chinese_labels_map_to_metric_ids(label, expected):
    assert map_metric(label) == expected


@pytest.mark.parametrize(
    "label", ["营业收入变动率", "长期股权投资账面余额", "总资产周转率", "非经常性损益", "IDC 服务", "同比增速", "", "单价下降 10%", "现有单价假设", "含税金额"]
)
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


def test_a_caption_names_its_metrics_once_each():
    assert metrics_named("同行业可比公司毛利率对比情况如下") == {"gross_margin"}
    assert metrics_named("按产品的营业收入、营业成本情况") == {"revenue", "operating_cost"}
    assert metrics_named("营业成本合计") == {"total_cost"}


def test_an_exclusion_rule_claims_scenarios_and_growth_rates_but_not_metrics():
    assert metric_excluded("单价提升5%")
    assert metric_excluded("同比增长")
    assert not metric_excluded("营业收入")
    assert not metric_excluded("GPU 服务器 2.0")


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("万元/台/月", "price_per_server_month"),
        ("元/PFLOPS/月", "price_per_pflops_month"),
        ("万元/台", "unit_price"),  # a purchase price names no period
        ("元/股", "unit_price"),  # a unit naming no price metric
        (None, "unit_price"),
    ],
)
def test_a_unit_price_takes_the_price_metric_its_unit_names(unit, expected):
    assert price_named_by_unit("unit_price", unit) == expected


def test_a_price_table_in_a_per_server_month_unit_holds_server_month_prices():
    text = (
        "本项目服务价格与公司现有类似项目的情况如下:\n"
        "单位:万元/台/月,不含税本募投项目本募投项目服务价格公司现有类似项目服务价格\n"
        "甲智算集群4.584.95\n"
        "乙智算集群5.095.66\n"
    )

    facts = [(f.raw_text, f.metric) for f in parse_filing(text).facts if f.table_id]

    assert facts == [(v, "price_per_server_month") for v in ("4.58", "4.95", "5.09", "5.66")]
