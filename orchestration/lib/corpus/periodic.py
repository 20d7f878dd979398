"""The tables of a periodic report (domain.md §8) as fuzzable tables, with the truth of every cell.

Key indicators (a change column between the years, a year-end block below), revenue composition
(a period over 金额 | 占比, group rows, a total row), segment margins with three change columns,
quarterly figures, and balance-sheet and income-statement lines in 元. Header wordings are drawn
per table from the variants real reports print, so no reader can rely on one phrasing.
"""

from __future__ import annotations

import random
from decimal import Decimal

from orchestration.lib.corpus.blocks import Cell, Row
from orchestration.lib.corpus.companies import Company
from orchestration.lib.corpus.figures import percent_of, shares_summing_to_100
from orchestration.lib.corpus.periodic_cells import KEY_BALANCE_ROWS, KEY_FLOW_ROWS, Maker
from orchestration.lib.corpus.periodic_figures import (
    PeriodicFigures,
    ReportPeriod,
    SegmentLine,
)
from orchestration.lib.corpus.quarterly import quarter_and_year_to_date
from orchestration.lib.corpus.tables import FuzzTable, Part

_FLOW_CHANGES = ("本年比上年增减", "同比增减", "变动幅度", "增减变动")
_BALANCE_CHANGES = ("本年末比上年末增减", "较上年末增减", "变动幅度")
_HALF_CHANGES = ("本报告期比上年同期增减", "同比增减", "变动幅度", "本报告期比上年同期增减变动幅度(%)")
_HALF_BALANCE_CHANGES = ("本报告期末比上年度末增减", "较上年末增减", "变动幅度", "本报告期末比上年度末增减变动幅度(%)")

QUARTER_ROWS = KEY_FLOW_ROWS[:4]
BALANCE_SHEET_ROWS = (
    ("流动资产：", None),
    ("货币资金", "cash"),
    ("应收账款", "ar_net"),
    ("存货", "inventory"),
    ("流动资产合计", "current_assets"),
    ("非流动资产：", None),
    ("固定资产", "fixed_assets"),
    ("在建工程", "construction_in_progress"),
    ("非流动资产合计", "non_current_assets"),
    ("资产总计", "total_assets"),
    ("负债合计", "total_liabilities"),
    ("所有者权益合计", "total_equity"),
)
INCOME_ROWS = (
    ("一、营业收入", "revenue"),
    ("减：营业成本", "operating_cost"),
    ("税金及附加", "taxes_surcharges"),
    ("销售费用", "selling_expense"),
    ("管理费用", "admin_expense"),
    ("研发费用", "rd_expense"),
    ("财务费用", "financial_expense"),
    ("二、营业利润", "operating_profit"),
    ("三、利润总额", "total_profit"),
    ("减：所得税费用", "income_tax"),
    ("四、净利润", "net_profit"),
    ("归属于母公司所有者的净利润", "net_profit_attributable"),
)
class PeriodicTables:
    """Builds the tables of one periodic report, drawing header wordings from ``rng``."""

    def __init__(self, company: Company, period: ReportPeriod, figures: PeriodicFigures, rng: random.Random):
        self.company, self.period, self.figures, self.rng = company, period, figures, rng
        self.year_mark = rng.choice(("年", " 年"))  # one report prints its years one way

    def build(self) -> list[FuzzTable]:
        if self.period.kind == "quarterly_report":
            indicators = [self.key_indicators()] if self.period.quarter == 1 else quarter_and_year_to_date(self)
            return [*indicators, self.balance_sheet(), self.income_statement()]
        tables = [self.key_indicators(), self.revenue_composition(), self.segment_margins()]
        if self.period.annual:
            tables.append(self.quarterly())
        return [*tables, self.balance_sheet(), self.income_statement()]

    # ----- header wordings

    def _year(self, year: int, suffix: str = "") -> str:
        return f"{year}{self.year_mark}{suffix}"

    def _flow_labels(self) -> list[str]:
        y = self.period.year
        if self.period.annual:
            return [self._year(y - k) for k in range(3)]
        if self.rng.random() < 0.5:
            return ["本报告期", "上年同期"]
        return self._flow_labels_explicit()

    def _balance_labels(self) -> list[str]:
        y = self.period.year
        if self.period.annual:
            return [self._year(y - k, "末") for k in range(3)]
        if self.rng.random() < 0.5:
            return ["本报告期末", "上年度末"]
        return [f"{d.year}年{d.month}月{d.day}日" for d in self.period.balance_dates]

    def _change_label(self, balance: bool) -> str:
        choices = {
            (True, False): _FLOW_CHANGES, (True, True): _BALANCE_CHANGES,
            (False, False): _HALF_CHANGES, (False, True): _HALF_BALANCE_CHANGES,
        }[(self.period.annual, balance)]  # fmt: skip
        return self.rng.choice(choices)

    def stub(self) -> str:
        return self.rng.choice(("", "", "项目"))

    # ----- tables

    def key_indicators(self) -> FuzzTable:
        title = "主要会计数据和财务指标"
        make = Maker(self.company, title)
        units_in_labels = self.rng.random() < 0.7
        stub = self.stub()
        flow = self.indicator_part(make, stub, KEY_FLOW_ROWS, self.figures.flows, self.period.flow_codes, False, units_in_labels)
        balance = self.indicator_part(
            make, stub, KEY_BALANCE_ROWS, self.figures.balances, self.period.balance_codes, True, units_in_labels
        )
        return FuzzTable("key_indicators", title, None if units_in_labels else "单位：元", (flow, balance))

    def indicator_part(self, make, stub, rows_spec, values, codes, balance: bool, units_in_labels: bool) -> Part:
        labels, change = (self._balance_labels() if balance else self._flow_labels()), self._change_label(balance)
        # The change column sits between the latest two periods and the older one(s).
        order = [0, 1, "change", *range(2, len(codes))]
        header = (stub, *(change if k == "change" else labels[k] for k in order))
        rows = []
        for label, metric, unit in rows_spec:
            printed_label = f"{label}（{unit}）" if unit != "%" and (units_in_labels or unit != "元") else label
            cells = []
            for k in order:
                if k == "change":
                    pair = (values[0][metric], values[1][metric])
                    cells.append(make.change(*pair, metric, codes[:2], printed_label, change))
                else:
                    cells.append(make.value(values[k][metric], unit, metric, codes[k], printed_label, labels[k]))
            rows.append(Row(printed_label, tuple(cells)))
        return Part((header,), tuple(rows))

    def revenue_composition(self) -> FuzzTable:
        title = "营业收入构成"
        make = Maker(self.company, title)
        labels, codes = self._flow_labels()[:2], self.period.flow_codes[:2]
        share_label, change = self.rng.choice(("占营业收入比重", "占比")), self._change_label(False)
        top = (self.stub(), labels[0], "", labels[1], "", change)
        sub = ("", "金额", share_label, "金额", share_label, "")
        totals = [self.figures.flows[k]["revenue"] for k in (0, 1)]
        rows = [self._composition_row(make, "营业收入合计", totals, [Decimal("100.00")] * 2, codes, labels, share_label, change)]
        for group in ("分行业", "分产品", "分地区"):
            lines = [line for line in self.figures.segments if line.group == group]
            shares = [shares_summing_to_100([line.revenue[k] for line in lines]) for k in (0, 1)]
            rows.append(Row(group, tuple(Cell("") for _ in range(5))))
            for index, line in enumerate(lines):
                pair = [shares[0][index], shares[1][index]]
                rows.append(
                    self._composition_row(make, line.name, line.revenue, pair, codes, labels, share_label, change, line.name)
                )
        return FuzzTable("revenue_composition", title, "单位：元", (Part((top, sub), tuple(rows)),))

    def _composition_row(self, make, label, amounts, shares, codes, labels, share_label, change, entity=None) -> Row:
        cells = []
        for k in (0, 1):
            cells.append(make.value(amounts[k], "元", "revenue", codes[k], label, f"{labels[k]}金额", entity))
            cells.append(
                make.value(shares[k], "%", "revenue_share", codes[k], label, f"{labels[k]}{share_label}", entity)
            )
        cells.append(make.change(amounts[0], amounts[1], "revenue", codes, label, change, entity))
        return Row(label, tuple(cells))

    def segment_margins(self) -> FuzzTable:
        title = "占公司营业收入或营业利润10%以上的行业、产品或地区情况"
        make = Maker(self.company, title)
        code, codes = self.period.code, self.period.flow_codes[:2]
        than = "比上年同期增减"
        header = (self.stub(), "营业收入", "营业成本", "毛利率", f"营业收入{than}", f"营业成本{than}", f"毛利率{than}")
        rows = []
        for group in ("分行业", "分产品", "分地区"):
            rows.append(Row(group, tuple(Cell("") for _ in range(6))))
            for line in (line for line in self.figures.segments if line.group == group):
                rows.append(self._margin_row(make, line, code, codes, header))
        return FuzzTable("segment_margins", title, "单位：元", (Part((header,), tuple(rows)),))

    def _margin_row(self, make: Maker, line: SegmentLine, code: str, codes, header) -> Row:
        margins = [_margin(line.revenue[k], line.cost[k]) for k in (0, 1)]
        name = line.name
        cells = (
            make.value(line.revenue[0], "元", "revenue", code, name, header[1], name),
            make.value(line.cost[0], "元", "operating_cost", code, name, header[2], name),
            make.value(margins[0], "%", "gross_margin", code, name, header[3], name),
            make.change(*line.revenue, "revenue", codes, name, header[4], name),
            make.change(*line.cost, "operating_cost", codes, name, header[5], name),
            make.change(*margins, "gross_margin", codes, name, header[6], name),
        )
        return Row(name, cells)

    def quarterly(self) -> FuzzTable:
        title = "分季度主要财务指标"
        make = Maker(self.company, title)
        names = ("第一季度", "第二季度", "第三季度", "第四季度")
        y = self.period.year
        codes = [f"{y}M{3 * q + 1:02d}-M{3 * q + 3:02d}" for q in range(4)]
        rows = [
            Row(label, tuple(make.value(v, "元", metric, codes[q], label, names[q]) for q, v in enumerate(self.figures.quarters[metric])))
            for label, metric, _ in QUARTER_ROWS
        ]  # fmt: skip
        return FuzzTable("quarterly", title, "单位：元", (Part((("", *names),), tuple(rows)),))

    def balance_sheet(self) -> FuzzTable:
        title = "合并资产负债表"
        labels = self._statement_labels(balance=True)
        return self._statement("balance_sheet", title, BALANCE_SHEET_ROWS, self.figures.balances, self.period.balance_codes, labels)

    def income_statement(self) -> FuzzTable:
        title = "合并利润表"
        labels = self._statement_labels(balance=False)
        return self._statement("income_statement", title, INCOME_ROWS, self.figures.flows, self.period.flow_codes, labels)

    def _statement_labels(self, balance: bool) -> list[str]:
        y, annual = self.period.year, self.period.annual
        if self.rng.random() < 0.4:
            return ["期末余额", "期初余额"] if balance else ["本期发生额", "上期发生额"]
        if balance:
            return [f"{day.year}年{day.month}月{day.day}日" for day in self.period.balance_dates[:2]]
        return [f"{y}年度", f"{y - 1}年度"] if annual else self._flow_labels_explicit()

    def _flow_labels_explicit(self) -> list[str]:
        y, months = self.period.year, self.period.months
        return [f"{y}年1-{months}月", f"{y - 1}年1-{months}月"]

    def _statement(self, key, title, rows_spec, values, codes, labels) -> FuzzTable:
        make = Maker(self.company, title)
        # The unit sits in the caption, or in each column header ("期末余额（元）").
        unit_in_header = self.rng.random() < 0.25
        if unit_in_header:
            labels = [f"{label}（元）" for label in labels]
        rows = []
        for label, metric in rows_spec:
            if metric is None:
                rows.append(Row(label, (Cell(""), Cell(""))))
                continue
            cells = tuple(make.value(values[k][metric], "元", metric, codes[k], label, labels[k]) for k in (0, 1))
            rows.append(Row(label, cells))
        caption = None if unit_in_header else "单位：元"
        return FuzzTable(key, title, caption, (Part((("项目", *labels),), tuple(rows)),))


def _margin(revenue: Decimal, cost: Decimal) -> Decimal:
    return percent_of(revenue - cost, revenue)
