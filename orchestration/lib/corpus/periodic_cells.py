"""The cells of periodic-report tables: printed numbers, change cells and the key-indicator rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from orchestration.lib.corpus.blocks import Cell, Fact
from orchestration.lib.corpus.companies import Company
from orchestration.lib.corpus.periodic_figures import change_percent

NOT_APPLICABLE = "不适用"

KEY_FLOW_ROWS = (
    ("营业收入", "revenue", "元"),
    ("归属于上市公司股东的净利润", "net_profit_attributable", "元"),
    ("归属于上市公司股东的扣除非经常性损益的净利润", "net_profit_recurring", "元"),
    ("经营活动产生的现金流量净额", "operating_cash_flow", "元"),
    ("基本每股收益", "eps_basic", "元/股"),
    ("稀释每股收益", "eps_diluted", "元/股"),
    ("加权平均净资产收益率", "roe_weighted", "%"),
)
KEY_BALANCE_ROWS = (("总资产", "total_assets", "元"), ("归属于上市公司股东的净资产", "equity_attributable", "元"))
RATE_METRICS = frozenset({"roe_weighted", "gross_margin"})  # their change is a difference in points


def printed_number(value: Decimal, unit: str) -> str:
    if unit == "%":
        return f"{value:.2f}%"
    return f"{value:,.2f}" if unit == "元" else f"{value:.2f}"


@dataclass(frozen=True)
class Maker:
    """Facts of one table: the issuer's unless a row names a segment."""

    company: Company
    title: str

    def value(self, value: Decimal, unit: str, metric: str, period: str, row: str, column: str, entity=None) -> Cell:
        fact = Fact(
            printed_number(value, unit), float(value), unit, metric, period,
            entity or self.company.name, "segment" if entity else "issuer",
            row_label=row, column_label=column, table_title=self.title,
        )  # fmt: skip
        return Cell.of(fact)

    def change(self, current: Decimal, previous: Decimal, metric: str, periods, row: str, column: str, entity=None):
        """A change cell: points for a rate, percent otherwise; 不适用 over a base that is not positive.

        A column headed "…(%)" prints its changes without the sign."""
        if metric in RATE_METRICS:
            value, unit = current - previous, "pp"
        else:
            value, unit = change_percent(current, previous), "%"
        if value is None:
            return Cell(NOT_APPLICABLE)
        fact = Fact(
            f"{value:.2f}" + ("" if column.endswith("(%)") else "%"), float(value), unit, None, None,
            entity or self.company.name, "segment" if entity else "issuer",
            row_label=row, column_label=column, table_title=self.title, change_of=metric, compared=tuple(periods),
        )  # fmt: skip
        return Cell.of(fact)
