"""Builds the content of one filing as blocks: cover, preface, question sections, tables, prose facts.

Only facts print digits in the body (plus dates and the stock code), so the ground truth lists
every number a parser should read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from orchestration.lib.corpus.blocks import Block, Cell, Fact, Heading, Paragraph, Row, Style, Table
from orchestration.lib.corpus.companies import BALANCE_DATES, FISCAL_YEARS, YEAR_TO_DATE, Company
from orchestration.lib.corpus.figures import AGING_BUCKETS, FORECAST_YEARS, Figures

DOC_TITLES = {
    "feasibility_report": "募集资金使用可行性分析报告",
    "inquiry_reply": "审核问询函的回复",
    "auditor_statement": "审核问询函中有关财务事项的说明",
}
CHINESE_DIGITS = "〇一二三四五六七八九"
CHINESE_COUNTING = "一二三四五六七八九十"


@dataclass(frozen=True)
class Period:
    code: str
    label: str  # as printed in documents: "2024年度", "2025年1-9月", "2024年12月31日"


REPORTING_PERIODS = (
    *(Period(f"FY{year}", f"{year}年度") for year in FISCAL_YEARS),
    Period(
        f"{YEAR_TO_DATE[0]}M{YEAR_TO_DATE[1]:02d}-M{YEAR_TO_DATE[2]:02d}",
        f"{YEAR_TO_DATE[0]}年{YEAR_TO_DATE[1]}-{YEAR_TO_DATE[2]}月",
    ),
)
BALANCE_PERIODS = tuple(Period(f"@{d.isoformat()}", f"{d.year}年{d.month}月{d.day}日") for d in BALANCE_DATES)


def money_text(value: Decimal, thousands: bool) -> str:
    return f"{value:,.2f}" if thousands else f"{value:.2f}"


def chinese_year_month(day: date) -> str:
    year = "".join(CHINESE_DIGITS[int(digit)] for digit in str(day.year))
    return f"{year}年{_chinese_number(day.month)}月"


def _chinese_number(number: int) -> str:
    if number <= 10:
        return CHINESE_COUNTING[number - 1]
    return "十" + CHINESE_COUNTING[number - 11]


@dataclass(frozen=True)
class FactMaker:
    """Makes facts that share an entity and a table, formatting each number the way the style prints it."""

    entity: str
    entity_kind: str
    table_title: str | None
    thousands: bool

    def money(self, value: Decimal, metric: str, period: str | None, **labels: str | None) -> Fact:
        return self._fact(money_text(value, self.thousands), value, "万元", metric, period, labels)

    def percent(self, value: Decimal, metric: str, period: str | None, sign: bool = True, **labels) -> Fact:
        digits = f"{value:.1f}" if value.as_tuple().exponent == -1 else f"{value:.2f}"
        return self._fact(digits + ("%" if sign else ""), value, "%", metric, period, labels)

    def number(self, value: Decimal | int, unit: str, metric: str, period: str | None, **labels) -> Fact:
        text = f"{value:.2f}" if isinstance(value, Decimal) else str(value)
        return self._fact(text, Decimal(value), unit, metric, period, labels)

    def _fact(
        self, text: str, value: Decimal, unit: str, metric: str, period: str | None, labels: dict
    ) -> Fact:
        return Fact(
            raw_text=text,
            value=float(value),
            unit=unit,
            metric=metric,
            period=period,
            entity=self.entity,
            entity_kind=self.entity_kind,
            table_title=self.table_title,
            **labels,
        )


class ContentBuilder:
    """Assembles the blocks of one filing for one company, document kind and style."""

    def __init__(self, company: Company, figures: Figures, style: Style, published: date):
        self.company = company
        self.figures = figures
        self.style = style
        self.published = published
        self.p = style.punct

    def build(self, doc_kind: str) -> list[Block]:
        sections = {
            "feasibility_report": self._feasibility_body,
            "inquiry_reply": self._reply_body,
            "auditor_statement": self._auditor_body,
        }
        return [*self._cover(doc_kind), *sections[doc_kind](), self._signature_date()]

    def _signature_date(self) -> Paragraph:
        """Real filings close with the signing date on a line of its own: the truth's published_date."""
        day = self.published
        return Paragraph((f"{day.year} 年 {day.month} 月 {day.day} 日",))

    # ----- cover and preface

    def _cover(self, doc_kind: str) -> list[Block]:
        c, p = self.company, self.p
        code_lines = [
            Paragraph((f"证券代码{p('：')}{c.stock_code}",)),
            Paragraph((f"证券简称{p('：')}{c.short_name}",)),
        ]
        if doc_kind == "feasibility_report":
            title = [c.name, f"{self.published.year}年度向特定对象发行A股股票", DOC_TITLES[doc_kind]]
            signer = []
        else:
            title = [f"关于{c.name}", "申请向特定对象发行股票的", DOC_TITLES[doc_kind]]
            signer = ["保荐机构(主承销商)", c.sponsor] if doc_kind == "inquiry_reply" else [c.auditor]
        lines = [*title, *signer, chinese_year_month(self.published)]
        cover = [Paragraph((line,), centered=True) for line in lines]
        return (code_lines if self.style.code_on_cover else []) + cover

    def _preface(self, doc_kind: str) -> list[Block]:
        c, p = self.company, self.p
        code = "" if self.style.code_on_cover else f"{p('（')}股票代码{p('：')}{c.stock_code}{p('）')}"
        asked = f"{self.published.year}年{max(self.published.month - 1, 1)}月{8 + len(c.key)}日"
        if doc_kind == "auditor_statement":
            opening = (
                f"{c.sponsor}转来的《关于{c.name}向特定对象发行股票申请文件的审核问询函》奉悉{p('。')}"
                f"我们已对审核问询函所提及的{c.name}{code}{p('（')}以下简称“{c.short_name}”或“公司”{p('）')}"
                f"财务事项进行了审慎核查{p('，')}现汇报如下{p('。')}"
            )
        else:
            opening = (
                f"贵所于{asked}出具的《关于{c.name}申请向特定对象发行股票的审核问询函》已收悉{p('。')}"
                f"{c.name}{code}{p('（')}以下简称“{c.short_name}”、“公司”或“发行人”{p('）')}会同"
                f"{c.sponsor}{p('（')}以下简称“保荐机构”{p('）')}{p('、')}{c.auditor}{p('（')}以下简称“申报会计师”"
                f"{p('）')}对问询函所列问题进行了逐项核查落实{p('，')}现回复如下{p('，')}请予审核{p('。')}"
            )
        return [
            Paragraph((f"{c.exchange_name}{p('：')}",)),
            Paragraph((opening,)),
            Paragraph(
                (
                    (
                        f"如无特别说明{p('，')}本文件中若出现合计数与各分项数值之和尾数不符的情况{p('，')}"
                        f"均为四舍五入原因造成{p('。')}"
                    ),
                )
            ),
        ]

    # ----- document bodies

    def _reply_body(self) -> list[Block]:
        p = self.p
        return [
            *self._preface("inquiry_reply"),
            Heading(f"问题1{p('：')}", "关于经营业绩及应收账款"),
            Paragraph(
                (
                    f"请发行人说明报告期内各业务收入及毛利率变动的原因{p('，')}应收账款坏账准备计提是否充分{p('。')}",
                )
            ),
            Paragraph((f"回复{p('：')}",)),
            Heading("一、", "发行人说明"),
            Heading(self._level2("一"), "报告期内收入及毛利率情况"),
            *self._segment_blocks(),
            Heading("1、", "算力服务业务毛利率变动分析"),
            Heading(self._level4(1), "价格因素"),
            Paragraph((f"报告期内算力服务价格随市场供需有所波动{p('，')}公司已在定价中予以考虑{p('。')}",)),
            Heading("①", "主要客户价格"),
            Paragraph((f"公司与主要客户的结算价格参考市场公开报价确定{p('。')}",)),
            Heading(self._level2("二"), "应收账款情况"),
            *self._receivable_blocks(),
            # The real replies skip numbers; (三) is missing on purpose.
            Heading(self._level2("四"), "期后回款情况"),
            Paragraph((f"公司主要客户信用良好{p('，')}期后回款情况正常{p('。')}",)),
            Heading("二、", "核查程序及核查意见"),
            Paragraph(
                (
                    (
                        f"保荐机构及申报会计师查阅了发行人收入成本明细表{p('、')}应收账款明细表{p('，')}"
                        f"经核查{p('，')}发行人上述说明与实际情况相符{p('。')}"
                    ),
                )
            ),
            Heading(f"问题2{p('：')}", "关于本次募投项目"),
            Paragraph((f"请发行人说明本次募投项目投资构成及效益测算过程{p('。')}",)),
            Paragraph((f"回复{p('：')}",)),
            Heading("一、", "发行人说明"),
            Heading(self._level2("一"), "本次募投项目投资构成"),
            *self._capex_blocks(),
            Heading(self._level2("二"), "效益测算"),
            Heading("1.", "收入及成本测算"),
            *self._forecast_blocks(),
            Heading("2.", "测算结果"),
            self._return_paragraph(),
            Heading("二、", "核查意见"),
            Paragraph((f"经核查{p('，')}保荐机构认为发行人本次募投项目效益测算审慎{p('、')}合理{p('。')}",)),
        ]

    def _feasibility_body(self) -> list[Block]:
        c, p = self.company, self.p
        return [
            Paragraph(
                (
                    (
                        f"{c.name}{p('（')}以下简称“{c.short_name}”或“公司”{p('）')}是在{c.exchange_name}上市的公司{p('。')}"
                        f"为增强公司核心竞争力{p('，')}公司拟向特定对象发行股票募集资金{p('。')}"
                    ),
                )
            ),
            Heading("一、", "本次募集资金使用计划"),
            *self._capex_blocks(),
            Heading("二、", "本次募集资金投资项目的基本情况"),
            Heading(self._level2("一"), "项目概况"),
            Paragraph(
                (f"本项目通过部署AI服务器等硬件设施建设智算集群{p('，')}向客户提供算力租赁服务{p('。')}",)
            ),
            Heading(self._level2("二"), "项目经济效益"),
            Heading("1.", "效益测算"),
            *self._forecast_blocks(),
            Heading("2.", "测算结果"),
            self._return_paragraph(),
            Heading("三、", "结论"),
            Paragraph((f"本次募集资金投资项目符合国家产业政策和公司发展战略{p('，')}具备可行性{p('。')}",)),
        ]

    def _auditor_body(self) -> list[Block]:
        p = self.p
        return [
            *self._preface("auditor_statement"),
            Heading("一、", "关于融资规模与效益预测"),
            Heading(self._level2("一"), "本次募投项目各项投资构成"),
            *self._capex_blocks(),
            Heading(self._level2("二"), "效益预测"),
            *self._forecast_blocks(),
            self._return_paragraph(),
            Heading("二、", "关于收入与毛利率"),
            Heading(self._level2("一"), "分业务收入及毛利率"),
            *self._segment_blocks(),
            Heading("三、", "关于应收账款"),
            # The auditor's statement jumps from (一) to (三), as real statements do.
            Heading(self._level2("一"), "应收账款余额及坏账准备"),
            *self._receivable_blocks(),
            Heading(self._level2("三"), "核查意见"),
            Paragraph((f"经核查{p('，')}我们认为公司应收账款坏账准备计提充分{p('。')}",)),
        ]

    def _level2(self, numeral: str) -> str:
        return f"{self.p('（')}{numeral}{self.p('）')}"

    def _level4(self, number: int) -> str:
        return f"{self.p('（')}{number}{self.p('）')}"

    # ----- segments

    def _segment_blocks(self) -> list[Block]:
        title = f"公司报告期内分业务的收入{self.p('、')}成本及毛利率情况如下{self.p('：')}"
        layout = self.style.layout_for("segments")
        plain_margin = layout == "space"
        make = self._maker(self.company.name, "issuer", title, layout)
        periods = tuple(reversed(REPORTING_PERIODS))
        index_of = {period.code: REPORTING_PERIODS.index(period) for period in periods}
        rows = []
        for segment, years in [*self.figures.segments.items(), ("合计", None)]:
            cells = []
            for period in periods:
                year = (
                    years[index_of[period.code]]
                    if years
                    else self.figures.segment_total(index_of[period.code])
                )
                seg = make if years is None else replace(make, entity=segment, entity_kind="segment")
                labels = {"row_label": segment}
                cells += [
                    Cell.of(
                        seg.money(
                            year.revenue,
                            "revenue",
                            period.code,
                            column_label=f"{period.label}营业收入",
                            **labels,
                        )
                    ),
                    Cell.of(
                        seg.money(
                            year.cost,
                            "operating_cost",
                            period.code,
                            column_label=f"{period.label}营业成本",
                            **labels,
                        )
                    ),
                    Cell.of(
                        seg.percent(
                            year.margin,
                            "gross_margin",
                            period.code,
                            sign=not plain_margin,
                            column_label=f"{period.label}毛利率",
                            **labels,
                        )
                    ),
                ]
            rows.append(Row(segment, tuple(cells)))
        group_lines = self._period_header_lines([period.label for period in periods], width=3)
        sub_line = ("项目", *(["营业收入", "营业成本", "毛利率"] * len(periods)))
        table = Table(
            title,
            self._caption("万元、%" if plain_margin else "万元"),
            (*group_lines, sub_line),
            tuple(rows),
            layout,
        )
        return [*self._revenue_sentence(), Paragraph((title,)), table]

    def _revenue_sentence(self) -> list[Block]:
        p = self.p
        make = self._maker(self.company.name, "issuer", None, "prose")
        compute = self.company.segments[0]
        seg = replace(make, entity=compute, entity_kind="segment")
        totals = [self.figures.segment_total(i) for i in range(len(REPORTING_PERIODS))]
        margins = [year.margin for year in self.figures.segments[compute]]
        names = (
            f"{REPORTING_PERIODS[0].label}{p('、')}{REPORTING_PERIODS[1].label}及{REPORTING_PERIODS[2].label}"
        )
        revenue = [
            make.money(t.revenue, "revenue", period.code) for t, period in zip(totals, REPORTING_PERIODS)
        ]
        margin = [
            seg.percent(m, "gross_margin", period.code) for m, period in zip(margins, REPORTING_PERIODS)
        ]
        parts = (
            f"{names}{p('，')}公司营业收入分别为",
            *self._series(revenue, "万元"),
            f"{p('，')}其中{compute}毛利率分别为",
            *self._series(margin, ""),
            f"{p('。')}",
        )
        return [Paragraph(parts)]

    def _series(self, facts: list[Fact], unit: str) -> list[str | Fact]:
        """ "A万元、B万元和C万元": the facts in order, joined the way Chinese prose lists them."""
        parts: list[str | Fact] = []
        for index, fact in enumerate(facts):
            if index:
                parts.append("和" if index == len(facts) - 1 else self.p("、"))
            parts += [fact, unit] if unit else [fact]
        return parts

    # ----- receivables

    def _receivable_blocks(self) -> list[Block]:
        p, r = self.p, self.figures.receivables
        periods = tuple(reversed(BALANCE_PERIODS))
        order = [BALANCE_PERIODS.index(period) for period in periods]
        summary_title = f"报告期各期末{p('，')}公司应收账款及坏账准备情况如下{p('：')}"
        summary_layout = self.style.layout_for("receivables")
        make = self._maker(self.company.name, "issuer", summary_title, summary_layout)
        summary_rows = [
            ("账面余额", "ar_gross", r.gross),
            ("坏账准备", "ar_provision", r.provision),
            ("账面价值", "ar_net", r.net),
        ]
        rows = [
            Row(
                label,
                tuple(
                    Cell.of(
                        make.money(
                            values[i], metric, periods[k].code, row_label=label, column_label=periods[k].label
                        )
                    )
                    for k, i in enumerate(order)
                ),
            )
            for label, metric, values in summary_rows
        ]
        rows.append(
            Row(
                "计提比例",
                tuple(
                    Cell.of(
                        make.percent(
                            r.provision_ratio[i],
                            "provision_ratio",
                            periods[k].code,
                            row_label="计提比例",
                            column_label=periods[k].label,
                        )
                    )
                    for k, i in enumerate(order)
                ),
            )
        )
        header = (*self._period_header_lines([period.label for period in periods]),)
        header = self._with_label_header(header, "项目")
        summary = Table(summary_title, self._caption("万元"), header, tuple(rows), summary_layout)

        aging_title = f"公司应收账款账龄结构如下{p('：')}"
        aging_layout = self.style.layout_for("aging")
        make = self._maker(self.company.name, "issuer", aging_title, aging_layout)
        aging_rows = []
        for bucket_index, bucket in enumerate([*AGING_BUCKETS, "合计"]):
            cells = []
            for k, i in enumerate(order):
                amount = r.gross[i] if bucket == "合计" else r.aging[i][bucket_index]
                cells.append(
                    Cell.of(
                        make.money(
                            amount,
                            "ar_gross",
                            periods[k].code,
                            row_label=bucket,
                            column_label=periods[k].label,
                            breakdown=None if bucket == "合计" else bucket,
                        )
                    )
                )
            aging_rows.append(Row(bucket, tuple(cells)))
        aging_header = self._with_label_header(self._period_header_lines([p.label for p in periods]), "账龄")
        aging = Table(aging_title, self._caption("万元"), aging_header, tuple(aging_rows), aging_layout)
        return [
            self._receivable_sentence(),
            Paragraph((summary_title,)),
            summary,
            Paragraph((aging_title,)),
            aging,
        ]

    def _receivable_sentence(self) -> Paragraph:
        p, r = self.p, self.figures.receivables
        make = self._maker(self.company.name, "issuer", None, "prose")
        gross = [make.money(v, "ar_gross", period.code) for v, period in zip(r.gross, BALANCE_PERIODS)]
        ratio = [
            make.percent(v, "provision_ratio", period.code)
            for v, period in zip(r.provision_ratio, BALANCE_PERIODS)
        ]
        return Paragraph(
            (
                f"报告期各期末{p('，')}公司应收账款账面余额分别为",
                *self._series(gross, "万元"),
                f"{p('，')}坏账准备计提比例分别为",
                *self._series(ratio, ""),
                f"{p('。')}",
            )
        )

    # ----- capex

    def _capex_blocks(self) -> list[Block]:
        p, capex, project = self.p, self.figures.capex, self.company.project
        prose = self._maker(project, "project", None, "prose")
        sentence = Paragraph(
            (
                f"{project}总投资额为",
                prose.money(capex.total, "investment_amount", None),
                f"万元{p('，')}拟使用募集资金",
                prose.money(capex.proceeds_total, "proceeds_used", None),
                f"万元{p('。')}",
            )
        )
        items_title = f"{project}投资构成如下{p('：')}"
        layout = self.style.layout_for("investment")
        make = self._maker(project, "project", items_title, layout)
        rows = []
        for number, item in enumerate(capex.items, start=1):
            labels = {"row_label": item.name, "breakdown": item.name}
            proceeds = (
                Cell.of(
                    make.money(item.proceeds, "proceeds_used", None, column_label="拟使用募集资金", **labels)
                )
                if item.proceeds is not None
                else Cell("")
            )
            rows.append(
                Row(
                    item.name,
                    (
                        Cell.of(
                            make.money(item.amount, "investment_amount", None, column_label="金额", **labels)
                        ),
                        Cell.of(
                            make.percent(item.share, "investment_share", None, column_label="占比", **labels)
                        ),
                        proceeds,
                    ),
                    row_id=str(number),
                )
            )
        total = {"row_label": "合计"}
        rows.append(
            Row(
                "合计",
                (
                    Cell.of(make.money(capex.total, "investment_amount", None, column_label="金额", **total)),
                    Cell.of(
                        make.percent(
                            Decimal("100.00"), "investment_share", None, column_label="占比", **total
                        )
                    ),
                    Cell.of(
                        make.money(
                            capex.proceeds_total,
                            "proceeds_used",
                            None,
                            column_label="拟使用募集资金",
                            **total,
                        )
                    ),
                ),
            )
        )
        items = Table(
            items_title,
            self._caption("万元"),
            (("费用名称", "金额", "占比", "拟使用募集资金"),),
            tuple(rows),
            layout,
            has_row_ids=True,
        )
        return [sentence, Paragraph((items_title,)), items, *self._hardware_blocks()]

    def _hardware_blocks(self) -> list[Block]:
        p, capex = self.p, self.figures.capex
        title = f"设备购置费主要用于购置AI服务器{p('、')}存储及网络设备{p('，')}具体如下{p('：')}"
        layout = self.style.layout_for("hardware")
        make = self._maker(self.company.project, "project", title, layout)
        rows = []
        for line in capex.hardware:
            labels = {"row_label": line.name, "breakdown": line.name}
            rows.append(
                Row(
                    line.name,
                    (
                        Cell.of(
                            make.number(
                                line.unit_price,
                                f"万元/{line.unit}",
                                "unit_price",
                                None,
                                column_label="单价",
                                **labels,
                            )
                        ),
                        Cell.of(
                            make.number(
                                line.quantity, line.unit, "quantity", None, column_label="数量", **labels
                            )
                        ),
                        Cell(line.unit),
                        Cell.of(
                            make.money(line.amount, "investment_amount", None, column_label="金额", **labels)
                        ),
                    ),
                )
            )
        rows.append(
            Row(
                "合计",
                (
                    Cell(""),
                    Cell(""),
                    Cell(""),
                    Cell.of(
                        make.money(
                            capex.hardware_total,
                            "investment_amount",
                            None,
                            column_label="金额",
                            row_label="合计",
                            breakdown="设备购置费",
                        )
                    ),
                ),
            )
        )
        header = (("设备名称", "单价(万元/台)", "数量", "单位", "金额"),)
        return [Paragraph((title,)), Table(title, self._caption("万元"), header, tuple(rows), layout)]

    # ----- forecast

    FORECAST_MONEY_ROWS = (
        ("4", "营业收入", "revenue"),
        ("5", "营业成本", "operating_cost"),
        ("5.1", "折旧摊销", "depreciation_amortization"),
        ("5.2", "机柜租赁费", "cabinet_rent"),
        ("5.3", "电费", "power_cost"),
        ("5.4", "人员薪酬", "staff_cost"),
        ("5.5", "网络带宽费", "bandwidth_cost"),
        ("6", "销售费用", "selling_expense"),
        ("7", "管理费用", "admin_expense"),
        ("8", "税金及附加", "taxes_surcharges"),
        ("9", "利润总额", "total_profit"),
        ("10", "所得税", "income_tax"),
        ("11", "净利润", "net_profit"),
    )

    def _forecast_blocks(self) -> list[Block]:
        p, forecast = self.p, self.figures.forecast
        title = f"本项目效益测算情况如下{p('：')}"
        layout = self.style.layout_for("forecast")
        make = self._maker(self.company.project, "project", title, layout)
        years = [(f"Y{year}", f"第{year}年") for year in range(1, FORECAST_YEARS + 1)]

        def yearly(label: str, build) -> tuple[Cell, ...]:
            return tuple(Cell.of(build(index, code, column)) for index, (code, column) in enumerate(years))

        count_label, price_label = "算力服务器数量(台)", "服务单价(万元/台/月)"
        rows = [
            Row(
                count_label,
                (
                    *yearly(
                        count_label,
                        lambda i, code, col: make.number(
                            forecast.server_count,
                            "台",
                            "server_count",
                            code,
                            row_label=count_label,
                            column_label=col,
                        ),
                    ),
                    Cell(""),
                ),
                row_id="1",
            ),
            Row(
                price_label,
                (
                    *yearly(
                        price_label,
                        lambda i, code, col: make.number(
                            forecast.monthly_price[i],
                            "万元/台/月",
                            "price_per_server_month",
                            code,
                            row_label=price_label,
                            column_label=col,
                        ),
                    ),
                    Cell(""),
                ),
                row_id="2",
            ),
            Row(
                "利用率",
                (
                    *yearly(
                        "利用率",
                        lambda i, code, col: make.percent(
                            forecast.utilisation[i], "utilisation", code, row_label="利用率", column_label=col
                        ),
                    ),
                    Cell(""),
                ),
                row_id="3",
            ),
        ]
        for row_id, label, metric in self.FORECAST_MONEY_ROWS:
            values = forecast.rows[metric]
            cells = yearly(
                label,
                lambda i, code, col, values=values, label=label, metric=metric: make.money(
                    values[i], metric, code, row_label=label, column_label=col
                ),
            )
            total = make.money(
                sum(values, Decimal(0)), metric, "MODEL_TOTAL", row_label=label, column_label="合计"
            )
            rows.append(Row(label, (*cells, Cell.of(total)), row_id=row_id))
        header = (("项目", *(column for _, column in years), "合计"),)
        table = Table(title, self._caption("万元"), header, tuple(rows), layout, has_row_ids=True)
        return [Paragraph((title,)), table]

    def _return_paragraph(self) -> Paragraph:
        p, forecast = self.p, self.figures.forecast
        make = self._maker(self.company.project, "project", None, "prose")
        return Paragraph(
            (
                f"经测算{p('，')}本项目税前内部收益率为",
                make.percent(forecast.irr_pre_tax, "irr_pre_tax", None),
                f"{p('，')}税后内部收益率为",
                make.percent(forecast.irr_post_tax, "irr_post_tax", None),
                f"{p('，')}税后静态投资回收期为",
                make.number(forecast.payback_static, "年", "payback_static", None),
                f"年{p('（')}含建设期{p('）')}{p('，')}项目经济效益良好{p('。')}",
            )
        )

    # ----- helpers

    def _maker(self, entity: str, kind: str, title: str | None, layout: str) -> FactMaker:
        # Scraped concatenations never carry thousands separators; neither does web prose.
        thousands = self.style.thousands and layout != "concat"
        return FactMaker(entity, kind, title, thousands)

    def _caption(self, units: str) -> str:
        return f"单位{self.p('：')}{units}"

    def _period_header_lines(self, labels: list[str], width: int = 1) -> tuple[tuple[str, ...], ...]:
        """Header line(s) over period columns; a narrow PDF column breaks "2024 年度" after "年"."""

        def spread(texts: list[str]) -> tuple[str, ...]:
            return ("", *(cell for text in texts for cell in [text] + [""] * (width - 1)))

        if not self.style.split_year_headers:
            return (spread(labels),)
        heads, tails = zip(*(label.split("年", 1) for label in labels))
        spaced_tails = [re.sub(r"(\d+)(?=[月日])", r"\1 ", tail) for tail in tails]
        return spread([f"{head} 年" for head in heads]), spread(spaced_tails)

    @staticmethod
    def _with_label_header(lines: tuple[tuple[str, ...], ...], label: str) -> tuple[tuple[str, ...], ...]:
        return ((label, *lines[0][1:]), *lines[1:])
