"""A table's cells as facts: the period and metric each cell takes from its row, its column and its caption."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from orchestration.lib.parsing.attribution import (
    PEER_AVERAGE,
    SEGMENT,
    FilingContext,
    company_of_row,
    entity_of,
    is_peer_table,
    segment_in_label,
)
from orchestration.lib.parsing.cleanup import normalise_label
from orchestration.lib.parsing.columns import ColumnReading, names_relative_period, read_columns
from orchestration.lib.parsing.metrics import (
    map_metric,
    metric_excluded,
    metric_key,
    metrics_named,
    price_named_by_unit,
)
from orchestration.lib.parsing.model import Cell, Fact, Row, Table, TableFinding
from orchestration.lib.parsing.periods import (
    PeriodContext,
    ReportingWindow,
    fact_period,
    periods_in_text,
    quarter_of_year,
    split_period,
)
from orchestration.lib.parsing.reread import reread_columns
from orchestration.lib.parsing.table_cells import (
    GLUED_NOTE,
    as_printed,
    as_rate,
    fact_unit,
    glued_cells,
    is_quantity,
)
from orchestration.lib.parsing.verify import placed_by_total, verify_table
from orchestration.lib.vocabulary.metrics import metric_unit_kind
from orchestration.lib.vocabulary.totals import SUB_ITEM_ROW, TOTAL_ROW
from orchestration.lib.vocabulary.units import in_wan

# A table whose columns are mostly periods is a time series: metrics live in its rows.
PERIOD_AXIS_SHARE = 0.5
_ROW_TOTAL = re.compile(rf"{TOTAL_ROW.pattern}|^总额")
# A row saying how an amount is stated (不含税金额 / 含税金额 / 金额) names no entity of its own.
_AMOUNT_QUALIFIER = re.compile(r"^(?:不?含税)?(?:金额|价格|单价|收入|数额)(?:\(.*\))?$")
# A sensitivity scenario row (价格提高5%, 初始价格, 销售率下降10%) is a case of the project's model.
_SCENARIO = re.compile(
    r"(?:提高|提升|降低|下降|上升|增加|减少|上浮|下浮|变动)\d+(?:\.\d+)?%|^(?:初始|基准|原始|现有|当前)(?:价格|单价|预测|假设|情况|方案)"
)
# Text of a peer table's 类型 column run into a company's name: "同行业可比公司铜牛信息" -> "铜牛信息".
_PEER_HEADING_PREFIX = re.compile(r"^.*?(?:可比公司|可比上市公司|同行业公司)")
_PEER_AVERAGE = re.compile(r"平均")
# Columns that say how a number is measured, not what it measures: the row names the metric.
_GENERIC_COLUMN = re.compile(r"^(?:金额|数额|余额|数量|占比|比例|比重)(?:\(.*\))?$")
_AGING = re.compile(r"账龄")
_TOTAL_WORDS = frozenset({"合计", "总计"})
_OTHER_ROW = re.compile(r"^其他(?:费用|成本|支出)?$")
_COST_LINES = frozenset(
    {
        "operating_cost",
        "cabinet_rent",
        "bandwidth_cost",
        "staff_cost",
        "power_cost",
        "technical_service_cost",
        "other_cost",
        "depreciation",
        "amortization",
        "depreciation_amortization",
        "selling_expense",
        "admin_expense",
        "rd_expense",
        "financial_expense",
        "period_expense",
    }
)
_AGING_BUCKET = re.compile(r"^(?:\d+(?:[-—~至]\d+)?年(?:以内|以上)?|[一二三四五]年以[内上])(?:\(含\d+年\))?$")
_SHARE = re.compile(r"^(?:占比|比例|比重)(?:\(%\))?$")
# Cost lines an investment plan can also list as items (机柜租赁费, 带宽费 …): not totals or period expenses.
_INVESTMENT_ITEM_METRICS = _COST_LINES - {
    "operating_cost", "selling_expense", "admin_expense", "rd_expense", "financial_expense", "period_expense",
}
# Row labels a PDF may print interleaved with a group label beside them: "服务价庆阳格(万1智算元/台/
# 集群月)" is 庆阳智算集群 (and row id 1) woven into 服务价格(万元/台/月).
_WOVEN_LABELS = ("服务价格(万元/台/月)", "服务价格(元/台/月)", "服务价格(万元/台/年)")
# How far a fact's period and metric are proven, by how its table's columns were decided.
CONFIDENCE = {"verified": 0.95, "header": 0.9, "unverifiable": 0.75, "contradicted": 0.2}
AMBIGUOUS_CONFIDENCE = 0.3  # an undecidable split, or a cell whose row fails its verified table's arithmetic
_SHARE_OF = {
    "revenue": "revenue_share",
    "investment_amount": "investment_share",
    "proceeds_used": "investment_share",
}


@dataclass(frozen=True, slots=True)
class _Meaning:
    metric: str | None
    period: str | None
    label_zh: str
    entity: str | None  # a row or column naming what the number is about, if any


@dataclass(frozen=True, slots=True)
class _TableContext:
    """What a table's caption and columns say about every cell: its period axis, the one metric
    and the one period its title names, and the metric each bare share column (占比) is a share of."""

    periods: PeriodContext
    column_periods: dict[int, tuple[str | None, str]]
    periods_across: bool
    title_metric: str | None
    title_period: str | None
    share_of: dict[int, str | None]
    has_periods: bool  # some column is a period: the rows are line items over time, not an item list
    readings: list[ColumnReading]


def _table_context(table: Table, window: ReportingWindow | None, year: int | None = None) -> _TableContext:
    periods = PeriodContext(model_years=_has_model_years(table.columns), window=window, year=year)
    readings = read_columns(table.columns, periods)
    column_periods = {index: (reading.period, reading.rest) for index, reading in enumerate(readings)}
    title = table.title or ""
    named = metrics_named(title)
    title_periods = set(periods_in_text(title, window))
    title_metric = next(iter(named)) if len(named) == 1 else None
    has_periods = any(period for period, _ in column_periods.values())
    if title_metric is None and _AGING.search(table.header_label or title):
        title_metric = "ar_gross"  # an aging table lists receivable balances by age bucket
    return _TableContext(
        periods=periods,
        column_periods=column_periods,
        periods_across=_share_with_period(column_periods) >= PERIOD_AXIS_SHARE,
        title_metric=title_metric,
        title_period=title_periods.pop() if len(title_periods) == 1 and _columns_share_title(table) else None,
        share_of=_shares_of_columns(column_periods, title_metric, has_periods),
        has_periods=has_periods,
        readings=readings,
    )


def _with_readings(table: _TableContext, readings: list[ColumnReading]) -> _TableContext:
    """The table's context after its columns were read again from its numbers. A column that lost
    its period there is one the table cannot date: the caption's period must not fill it in."""
    column_periods = {index: (reading.period, reading.rest) for index, reading in enumerate(readings)}
    lost = any(old.period and not new.period for old, new in zip(table.readings, readings))
    title_period = None if lost else table.title_period
    return replace(table, readings=readings, column_periods=column_periods, title_period=title_period)


def _columns_share_title(table: Table) -> bool:
    """A caption's period holds for every column unless several columns print no label: then the
    caption may be their unsplit header (本募投项目 | 2024年公司), naming the period of one column only;
    nor over columns that name periods relative to each other (本期发生额 | 上期发生额, 期末 | 期初):
    one period cannot be both."""
    if sum(names_relative_period(column) for column in table.columns) >= 2:
        return False
    return len(table.columns) < 2 or any(column.strip() for column in table.columns)


def _shares_of_columns(
    column_periods: dict[int, tuple[str | None, str]], title_metric: str | None, has_periods: bool
) -> dict[int, str | None]:
    """A bare 占比 column is the share of the amount on its left (金额 -> investment, 收入 -> revenue)."""
    shares: dict[int, str | None] = {}
    left: str | None = title_metric
    for index in sorted(column_periods):
        rest = column_periods[index][1]
        if _SHARE.match(rest):
            shares[index] = _SHARE_OF.get(left or "")
            continue
        # A bare 金额 is an investment amount only in an item list; over periods (成本构成 by year)
        # it is the amount of what the caption names, if anything.
        if not ((title_metric or has_periods) and _GENERIC_COLUMN.match(rest)):
            left = map_metric(rest) or left
    return shares


def table_facts(
    table: Table, context: FilingContext, ambiguous: list[Cell], findings: list[TableFinding]
) -> Iterator[Fact]:
    meaning_of = _table_context(table, context.window, context.report_year)
    readings, reread_findings = reread_columns(table, meaning_of.readings)
    if reread_findings or readings != meaning_of.readings:
        meaning_of = _with_readings(meaning_of, readings)
    verdict = verify_table(table, meaning_of.readings)
    table.decided_by = verdict.decided_by
    findings.extend(reread_findings + verdict.findings)
    row_entities = _peer_row_entities(table, context.issuer) if is_peer_table(table) else {}
    metric_above: str | None = None
    money_above: str | None = None
    for row_index, printed_row in enumerate(table.rows):
        row = _unwoven(printed_row)
        company = company_of_row(row, table)
        row_metric = None if company else _row_metric(row, meaning_of, money_above, metric_above)
        metric_above = row_metric or metric_above
        if metric_unit_kind(row_metric) == "money":
            money_above = row_metric
        for cell_index, cell in enumerate(row.cells):
            if cell.value is None:
                if cell.ambiguous:
                    ambiguous.append(cell)
                continue
            if glued_cells(cell, table, context.lines):
                ambiguous.append(replace(cell, value=None, ambiguous=True, note=GLUED_NOTE))
                continue
            column = table.columns[cell.col] if 0 <= cell.col < len(table.columns) else ""
            if not is_quantity(cell, column):
                continue
            meaning = _cell_meaning(row, row_metric, cell, column, meaning_of)
            if meaning.entity is None:
                # a peer table's row is about the company beside it; "云计算业务收入" over the years is
                # the segment's revenue, never the project a passage happens to be about
                named = row_entities.get(row_index) or company or segment_in_label(row.label)
                meaning = replace(meaning, entity=named) if named else meaning
            if table.decided_by == "contradicted" or (cell.ambiguous and not placed_by_total(table, cell)):
                # never resolved by guessing: a contradicted table, or a value whose column only a guess
                # placed (a short row put from the left) and no total proves, has no period at all
                meaning = replace(meaning, period=None)
            fact_id = f"{table.table_id}-r{row_index}-c{cell_index}"
            fact = _table_fact(fact_id, table, printed_row, cell, column, meaning, context)
            yield replace(fact, confidence=AMBIGUOUS_CONFIDENCE) if id(cell) in verdict.doubtful else fact


def _peer_row_entities(table: Table, issuer: str) -> dict[int, str]:
    """Who each row of a peer comparison is about when its label is only the metric: the company
    printed beside it, "<company>-<segment>" for a segment; a "其中:" row and the segment rows under
    it are segments of the company above; a peer average is about the peers."""
    entities: dict[int, str] = {}
    company: str | None = None
    in_segments = False
    for index, row in enumerate(table.rows):
        group = _PEER_HEADING_PREFIX.sub("", normalise_label(row.group_label or ""))
        if not group or _SCENARIO.search(group):
            company, in_segments = None, False
            if _PEER_AVERAGE.search(row.label):
                entities[index] = PEER_AVERAGE
            continue
        sub_item = bool(SUB_ITEM_ROW.match(group))
        name = SUB_ITEM_ROW.sub("", group)
        names_company = "-" in name  # "<company>-<segment>" is complete as printed
        if company and not names_company and (sub_item or (in_segments and SEGMENT.search(name))):
            entities[index], in_segments = f"{company}-{name}", True
            continue
        company, in_segments = name, False
        entities[index] = name
    return entities


def _unwoven(row: Row) -> Row:
    """The row read apart from a group label woven into its own: "庆阳智算集群 服务价格(万元/台/月)"."""
    label = _unwoven_label(row.label)
    return row if label is None else replace(row, label=label)


@functools.lru_cache(maxsize=1 << 14)  # row labels repeat across a filing's tables
def _unwoven_label(printed: str) -> str | None:
    label = normalise_label(printed)
    if map_metric(label) is not None:
        return None
    for own in _WOVEN_LABELS:
        rest = _without_subsequence(label, own)
        if rest is not None:
            group = re.sub(r"\d", "", rest).strip()  # the digits are the row id
            return f"{group} {own}" if group else own
    return None


def _without_subsequence(text: str, wanted: str) -> str | None:
    """``text`` less the characters of ``wanted`` taken in order, or None when they are not all there."""
    if wanted[:1] not in text:
        return None  # most labels lack even the first character: not walked character by character
    left: list[str] = []
    found = 0
    for char in text:
        if found < len(wanted) and char == wanted[found]:
            found += 1
        else:
            left.append(char)
    return "".join(left) if found == len(wanted) else None


def _has_model_years(columns: list[str]) -> bool:
    return any(re.search(r"第\s*\d+\s*(?:[-—~至]\s*\d+\s*)?年|T\+\d|建设期", column) for column in columns)


def _share_with_period(column_periods: dict[int, tuple[str | None, str]]) -> float:
    if not column_periods:
        return 0.0
    return sum(period is not None for period, _ in column_periods.values()) / len(column_periods)


def _row_metric(row: Row, table: _TableContext, money_above: str | None, metric_above: str | None) -> str | None:
    """The metric a row label names; a bare 占比 row is the share of the amount row above it; in a
    time series, 合计 sums the rows above (cost lines sum to total_cost) and 其他 is one more cost line."""
    rest = split_period(row.label, table.periods)[1]
    if _SHARE.match(rest):
        return _SHARE_OF.get(metric_above or "")
    metric = map_metric(rest)
    if metric is not None or not table.periods_across:
        return metric
    key = metric_key(row.label)
    if _ROW_TOTAL.match(key) and key in _TOTAL_WORDS:
        return "total_cost" if money_above in _COST_LINES else money_above
    if _OTHER_ROW.match(key) and money_above in _COST_LINES:
        return "other_cost"
    return None


def _cell_meaning(row: Row, row_metric: str | None, cell: Cell, column: str, table: _TableContext) -> _Meaning:
    col_period, col_rest = table.column_periods.get(cell.col) or (None, normalise_label(column))
    row_period, row_rest = split_period(row.label, table.periods)
    if _AGING_BUCKET.match(normalise_label(row.label)):
        row_period = None  # "1-2年" in an aging table is how old a balance is, never a model year
    if 0 <= cell.col < len(table.readings) and table.readings[cell.col].is_change:
        # A change between two periods (本年比上年增减) is neither period's figure nor the row's metric.
        return _Meaning(None, None, f"{row.label} {column}".strip(), _entity_label(row.label) if not row_metric else None)
    period = col_period or row_period or table.title_period
    period = quarter_of_year(row.label, period) or period
    col_metric = map_metric(col_rest)
    if col_metric and not row_metric and table.has_periods and _GENERIC_COLUMN.match(col_rest):
        col_metric = None  # "2024年度金额" beside a peer's name: the amount of what the caption names
    if _SHARE.match(col_rest):
        # A share column holds percentages: the share of the amount it goes with, never an amount.
        share = _SHARE_OF.get(row_metric or "") or table.share_of.get(cell.col)
        if share is None and metric_unit_kind(row_metric) == "pct":
            share = row_metric
        return _Meaning(share, period, column, _entity_label(row.label))
    # A column naming its own metric (2022年度营业收入, 单价, 毛利率) holds it for every row, whose
    # label then names what the number is about; a bare period or amount column takes the row's metric.
    if col_metric and not (row_metric and _GENERIC_COLUMN.match(col_rest) and _row_wins(row_metric, table)):
        return _Meaning(col_metric, period, column, _entity_label(row.label))
    if row_metric:
        return _Meaning(row_metric, period, row.label, None)
    label = row.label if table.periods_across or not col_rest else column
    if (
        table.title_metric
        and (cell.unit == "%") == (metric_unit_kind(table.title_metric) == "pct")
        and not (_SHARE.match(row_rest) or metric_excluded(row_rest) or metric_excluded(col_rest))
    ):
        return _Meaning(table.title_metric, period, label, _entity_label(row.label))
    return _Meaning(None, period, label, _entity_label(row.label))


def _row_wins(row_metric: str, table: _TableContext) -> bool:
    """Over a generic 金额/占比 column: a time series or an income line names the metric in its row,
    while a cost line in an item list without periods (机柜租赁费 | 金额) is an investment item."""
    return table.has_periods or row_metric not in _INVESTMENT_ITEM_METRICS


@functools.lru_cache(maxsize=1 << 14)  # asked for every cell of a row
def _entity_label(label: str) -> str | None:
    """A row label as the entity a number is about: "其中:机柜租用" -> "机柜租用"; totals, amount
    qualifiers and scenarios name none."""
    text = SUB_ITEM_ROW.sub("", normalise_label(label))
    names_none = (_ROW_TOTAL, _AGING_BUCKET, _AMOUNT_QUALIFIER)
    if not text or any(pattern.match(text) for pattern in names_none) or _SCENARIO.search(text):
        return None
    return text


def _table_fact(
    fact_id: str, table: Table, row: Row, cell: Cell, column: str, meaning: _Meaning, context: FilingContext
) -> Fact:
    metric = as_rate(meaning.metric, cell.unit)
    unit = fact_unit(cell, column, table, metric, context, row.label)
    metric = as_rate(metric, unit)  # "残值率(%) | 5": the header's % makes it a rate too
    metric = price_named_by_unit(metric, unit)  # "服务价格 | 4.58" in 万元/台/月: a server-month's price
    period = fact_period(metric, meaning.period)
    entity, kind = entity_of(meaning.entity, table, cell.line_no, period, context)
    section = context.section_of(cell.line_no)
    printed = as_printed(cell.raw_text, context.lines[cell.line_no - 1])
    row_label = _with_scenario(row)
    confidence = CONFIDENCE.get(table.decided_by or "", CONFIDENCE["unverifiable"])
    return Fact(
        fact_id=fact_id,
        table_id=table.table_id,
        section_id=section.section_id if section else None,
        line_no=cell.line_no,
        raw_text=printed,
        value=cell.value,
        unit=unit,
        row_label=row_label,
        column_label=column or None,
        period=period,
        entity=entity,
        entity_kind=kind,
        label_zh=row_label if meaning.label_zh == row.label else meaning.label_zh,
        metric=metric,
        ambiguous=cell.ambiguous,
        confidence=min(confidence, AMBIGUOUS_CONFIDENCE) if cell.ambiguous else confidence,
        value_wan=in_wan(cell.value, unit),
    )


def _with_scenario(row: Row) -> str:
    """A row of a sensitivity block keeps the block's scenario: "销售率提升5% 内部收益率"."""
    group = row.group_label
    return f"{group} {row.label}" if group and _SCENARIO.search(normalise_label(group)) else row.label
