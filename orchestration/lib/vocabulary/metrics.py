"""Canonical metric ids with their unit kind and definition, and the groups of metrics that rules
select together (the lines of a project forecast, a project's returns, a compute fleet's figures ...)."""

from __future__ import annotations

# metric id -> (unit kind, English definition). Unit kinds: money (万元 or 元), pct, count, price, ratio, years.
METRICS: dict[str, tuple[str, str]] = {
    # income statement and segments
    "revenue": ("money", "Operating revenue 营业收入 (of the issuer, a segment, a project or a product line)."),
    "operating_cost": ("money", "Operating cost 营业成本 / 主营业务成本."),
    "gross_profit": ("money", "Gross profit 毛利 / 毛利额 = revenue - operating cost."),
    "gross_margin": ("pct", "Gross margin 毛利率 = (revenue - cost) / revenue, in percent."),
    "revenue_share": ("pct", "Share of total revenue 收入占比 / 占营业收入比例, in percent."),
    "net_profit": ("money", "Net profit 净利润."),
    "net_margin": ("pct", "Net margin 净利率 = net profit / revenue, in percent."),
    "net_profit_attributable": ("money", "Net profit attributable to owners of the parent 归属于母公司所有者的净利润."),
    "net_profit_recurring": (
        "money",
        "Attributable net profit after non-recurring gains and losses 扣除非经常性损益后归属于母公司所有者的净利润.",
    ),
    "operating_profit": ("money", "Operating profit 营业利润."),
    "operating_cash_flow": ("money", "Net cash flow from operating activities 经营活动产生的现金流量净额."),
    "eps_basic": ("price", "Basic earnings per share 基本每股收益, in 元/股."),
    "eps_diluted": ("price", "Diluted earnings per share 稀释每股收益, in 元/股."),
    "roe_weighted": ("pct", "Weighted average return on equity 加权平均净资产收益率, in percent."),
    # balance sheet, at a balance date
    "cash": ("money", "Cash and cash equivalents on the balance sheet 货币资金."),
    "inventory": ("money", "Inventory 存货."),
    "current_assets": ("money", "Total current assets 流动资产合计."),
    "fixed_assets": ("money", "Fixed assets 固定资产."),
    "construction_in_progress": ("money", "Construction in progress 在建工程."),
    "goodwill": ("money", "Goodwill 商誉, recognised on an acquisition or carried (账面价值) at a balance date."),
    "non_current_assets": ("money", "Total non-current assets 非流动资产合计."),
    "total_assets": ("money", "Total assets 资产总计 / 总资产."),
    "total_liabilities": ("money", "Total liabilities 负债合计."),
    "total_equity": ("money", "Total owners' equity 所有者权益合计 / 股东权益合计."),
    "equity_attributable": ("money", "Equity attributable to owners of the parent 归属于上市公司股东的净资产."),
    "capex": ("money", "Capital expenditure 购建固定资产、无形资产和其他长期资产支付的现金."),
    # balance-sheet ratios, at a balance date
    "debt_ratio": ("pct", "Debt-to-asset ratio 资产负债率 = total liabilities / total assets, in percent."),
    "current_ratio": ("ratio", "Current ratio 流动比率 = current assets / current liabilities."),
    # project forecast lines
    "total_cost": ("money", "Total cost 营业成本合计 / 总成本费用 of a project forecast year."),
    "depreciation_amortization": ("money", "Depreciation and amortisation 折旧摊销 / 折旧及摊销, printed as one line."),
    "depreciation": ("money", "Depreciation 折旧费, printed as its own line."),
    "amortization": ("money", "Amortisation 摊销费, printed as its own line."),
    "cabinet_rent": ("money", "Cabinet / IDC rent 机柜租赁费 / 机柜托管费."),
    "bandwidth_cost": ("money", "Network bandwidth 网络带宽费 / 带宽费用."),
    "staff_cost": ("money", "Staff cost 人员薪酬 / 职工薪酬 / 人工成本."),
    "power_cost": ("money", "Electricity 电费 / 电力成本."),
    "technical_service_cost": ("money", "Technical services and operations 技术服务费 / 运维费."),
    "other_cost": ("money", "Other operating cost lines 其他成本."),
    "selling_expense": ("money", "Selling expense 销售费用."),
    "admin_expense": ("money", "Administrative expense 管理费用."),
    "rd_expense": ("money", "R&D expense 研发费用."),
    "financial_expense": ("money", "Financial expense 财务费用."),
    "period_expense": ("money", "Period expenses 期间费用 (selling + admin + R&D + financial)."),
    "taxes_surcharges": ("money", "Taxes and surcharges 税金及附加."),
    "total_profit": ("money", "Profit before income tax 利润总额."),
    "income_tax": ("money", "Income tax 所得税 / 所得税费用."),
    "income_tax_rate": ("pct", "Income tax rate 所得税率 applied to a project's profit, in percent."),
    "irr_pre_tax": ("pct", "Project IRR before income tax 税前内部收益率."),
    "irr_post_tax": ("pct", "Project IRR after income tax 税后内部收益率."),
    "npv": ("money", "Net present value 财务净现值."),
    "payback_static": ("years", "Static payback period 静态投资回收期, in years."),
    "payback_dynamic": ("years", "Dynamic (discounted) payback period 动态投资回收期, in years."),
    # capex and proceeds
    "investment_amount": ("money", "Investment amount 投资金额 / 投资总额 of a project or an investment item."),
    "proceeds_used": ("money", "Proceeds to be used 拟使用募集资金 / 拟投入募集资金金额."),
    "investment_share": ("pct", "Share of total investment 投资占比 / 占比."),
    "unit_price": ("price", "Unit price 单价 (万元/台, 元/月/台, 万元/架/年 ...)."),
    "quantity": ("count", "Quantity 数量 (台, 套, 个, 架 ...)."),
    # compute fleet
    "server_count": ("count", "Servers 服务器数量 (台)."),
    "compute_power": ("count", "Compute 算力 in P (PFLOPS) or EFLOPS."),
    "price_per_server_month": ("price", "Rental price per server-month 元/台/月 or 万元/台/月."),
    "cabinet_rent_per_server_month": (
        "price", "Cabinet rent per server and month 机柜租赁费 in 元/台/月 or 万元/台/月: a project's cost assumption.",
    ),
    "price_per_pflops_month": ("price", "Rental price per PFLOPS-month 元/P/月."),
    "utilisation": ("pct", "Utilisation 利用率 / 销售率 / 上架率, in percent."),
    "cabinet_count": ("count", "Cabinets 机柜 (个 / 架)."),
    # receivables
    "ar_gross": ("money", "Accounts receivable gross balance 应收账款账面余额."),
    "ar_provision": ("money", "Bad-debt provision 坏账准备."),
    "ar_net": ("money", "Accounts receivable carrying amount 账面价值 / 净额."),
    "provision_ratio": ("pct", "Provision ratio 计提比例 = provision / gross balance, in percent."),
    "ecl_rate": ("pct", "Expected credit loss rate 预期信用损失率, in percent."),
    "ar_overdue": ("money", "Overdue receivables 逾期金额."),
    "ar_subsequent_collection": ("money", "Subsequent collection 期后回款金额."),
    "collection_ratio": ("pct", "Subsequent collection ratio 期后回款比例 = collected / balance, in percent."),
    "ar_to_revenue": ("pct", "Receivables to revenue 应收账款占营业收入比例, in percent."),
}

# Groups of metrics that a mart, a reconciliation or the model selects together. A metric may sit in
# several groups (revenue is a forecast line, a segment figure and a debtor's comparison base).
METRIC_GROUPS: dict[str, tuple[str, ...]] = {
    # every line of a project's profit forecast (marts.fct_project_forecast)
    "forecast_line": (
        "revenue", "operating_cost", "total_cost", "depreciation_amortization", "cabinet_rent", "bandwidth_cost",
        "staff_cost", "power_cost", "technical_service_cost", "other_cost", "gross_profit", "gross_margin",
        "selling_expense", "admin_expense", "rd_expense", "financial_expense", "period_expense",
        "taxes_surcharges", "total_profit", "income_tax", "net_profit", "net_margin",
    ),
    # the lines a forecast's total cost adds up (reconciliation)
    "forecast_cost_line": (
        "depreciation_amortization", "depreciation", "amortization", "cabinet_rent", "bandwidth_cost", "staff_cost",
        "power_cost", "technical_service_cost", "other_cost",
    ),
    # the cost lines paid in cash, and those that are not (the model's cash flow tells them apart)
    "cash_cost_line": (
        "cabinet_rent", "bandwidth_cost", "staff_cost", "power_cost", "technical_service_cost", "other_cost",
    ),
    "non_cash_cost_line": ("depreciation", "amortization", "depreciation_amortization"),
    # the expenses that make up 期间费用
    "period_expense_line": ("selling_expense", "admin_expense", "rd_expense", "financial_expense"),
    # the statement lines of a forecast the model reads as published
    "published_statement_line": (
        "revenue", "operating_cost", "total_cost", "taxes_surcharges", "total_profit", "income_tax", "net_profit",
    ),
    # the forecast lines the model re-computes and compares with the published ones
    "published_forecast_line": ("revenue", "total_cost", "taxes_surcharges", "total_profit", "net_profit"),
    # a project's published returns (marts.fct_project_returns)
    "project_return": ("irr_post_tax", "irr_pre_tax", "npv", "payback_static", "payback_dynamic"),
    # a compute fleet's size, prices and use (marts.fct_compute_fleet; a unit price counts where its unit
    # prices a unit per time, 万元/架/年)
    "fleet": (
        "server_count", "compute_power", "price_per_server_month", "price_per_pflops_month", "utilisation",
        "cabinet_count", "unit_price",
    ),
    # what a fleet rents out one by one: servers, cabinets
    "fleet_unit_count": ("server_count", "cabinet_count"),
    # a segment's margin figures (marts.fct_segment_margins)
    "segment_margin": ("revenue", "operating_cost", "gross_profit", "gross_margin", "revenue_share"),
    # the issuer's receivables, by aging bucket (marts.fct_receivables)
    "receivable": (
        "ar_gross", "ar_provision", "ar_net", "provision_ratio", "ecl_rate", "ar_overdue", "ar_subsequent_collection",
        "collection_ratio",
    ),
    # a debtor's receivable figures and the revenue they compare with (marts.fct_receivable_debtors)
    "receivable_debtor": (
        "ar_gross", "ar_provision", "ar_net", "ar_overdue", "ar_subsequent_collection", "collection_ratio", "revenue",
    ),
    # the amounts an investment item or a project's capex is stated in
    "capex_amount": ("investment_amount", "proceeds_used"),
    # figures stated once for a project or an offering, not for a period (its investment, proceeds, returns)
    "periodless": (
        "investment_amount", "proceeds_used", "investment_share", "irr_pre_tax", "irr_post_tax", "npv",
        "payback_static", "payback_dynamic", "cabinet_rent_per_server_month",
    ),
    # every figure of an investment item (marts.fct_capex_items)
    "capex_item": ("investment_amount", "proceeds_used", "investment_share", "unit_price", "quantity"),
}


# A cost line printed per server and month (机柜租赁费为0.85万元/台/月) is that line's price, not an amount.
PER_SERVER_MONTH: dict[str, str] = {"cabinet_rent": "cabinet_rent_per_server_month"}


# Measures that are never negative: a balance, what was collected of it, a count. A dash printed against
# such a measure is an empty cell or a code's hyphen, never its minus sign.
NEVER_NEGATIVE = frozenset({
    "ar_gross", "ar_provision", "ar_overdue", "ar_subsequent_collection", "inventory", "server_count", "cabinet_count",
})  # fmt: skip
# The balance an aging bucket (1年以内, 1-2年) ages: the amount printed before the bucket in a row; and the
# parts of it the row prints after it (what is overdue, what was collected since), each at most the balance.
AGED_BALANCE = "ar_gross"
AGED_BALANCE_PARTS = ("ar_overdue", "ar_subsequent_collection")


def never_negative(metric: str | None) -> bool:
    return metric in NEVER_NEGATIVE


def metrics_in(group: str) -> tuple[str, ...]:
    """The metrics of a group, in the group's order; a KeyError for a group the vocabulary lacks."""
    return METRIC_GROUPS[group]


def metric_unit_kind(metric: str | None) -> str | None:
    """money, pct, count, price, ratio or years; None for no metric or one the vocabulary lacks."""
    entry = METRICS.get(metric) if metric else None
    return entry[0] if entry else None

