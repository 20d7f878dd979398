"""A filing's text to facts: clean-up, sections, tables, prose, and the meaning of every number."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise

from orchestration.lib.grid import DocumentLayout
from orchestration.lib.ingest.report_title import find_report_title
from orchestration.lib.parsing.cleanup import clean, normalise_label
from orchestration.lib.parsing.columns import ColumnReading, names_relative_period, read_columns
from orchestration.lib.parsing.metrics import (
    map_metric,
    metric_excluded,
    metric_key,
    metrics_named,
)
from orchestration.lib.parsing.model import Cell, Fact, ParsedFiling, Row, Section, Table, TableFinding
from orchestration.lib.parsing.periods import (
    PeriodContext,
    ReportingWindow,
    as_balance_date,
    infer_reporting_window,
    local_window,
    periods_in_text,
    split_period,
)
from orchestration.lib.parsing.prose import ProseFact, prose_facts
from orchestration.lib.parsing.reread import reread_columns
from orchestration.lib.parsing.sections import find_sections
from orchestration.lib.parsing.units import caption_units, header_unit, resolve_unit
from orchestration.lib.parsing.verify import placed_by_total, verify_table
from orchestration.lib.vocabulary.metrics import metric_unit_kind
from orchestration.lib.vocabulary.units import MONEY_UNITS, in_wan

TableFinder = Callable[..., list[Table]]  # (lines, page_breaks, grids) -> tables

# A table whose columns are mostly periods is a time series: metrics live in its rows.
PERIOD_AXIS_SHARE = 0.5
ISSUER = "issuer"

_NOT_A_QUANTITY_COLUMN = re.compile(r"序号|代码|编号|时间|日期|年份|年限|账龄|期限|签署|成立|注册")
_YEAR_OR_CODE = re.compile(r"^(?:(?:19|20)\d{2}|0\d+)$")
_DATE_TEXT = re.compile(r"\d{4}[/-]\d{1,2}(?:[/-]\d{1,2})?|\d{4}年\d{1,2}月")
_ROW_TOTAL = re.compile(r"^(?:合计|总计|小计|总额)")
_SUB_ITEM = re.compile(r"^(?:其中[:：]?|[-—]+)")
# A row saying how an amount is stated (不含税金额 / 含税金额 / 金额) names no entity of its own.
_AMOUNT_QUALIFIER = re.compile(r"^(?:不?含税)?(?:金额|价格|单价|收入|数额)(?:\(.*\))?$")
# A sensitivity scenario row (价格提高5%, 初始价格, 销售率下降10%) is a case of the project's model.
_SCENARIO = re.compile(
    r"(?:提高|提升|降低|下降|上升|增加|减少|上浮|下浮|变动)\d+(?:\.\d+)?%|^(?:初始|基准|原始|现有|当前)(?:价格|单价|预测|假设|情况|方案)"
)
# A heading that is a project's name ("(一)智算中心建设及运营项目") or quotes one ("“渲染云项目”").
# A project's name may carry a phase after a dash ("…研发中心项目-算力中心(一期)").
_PROJECT_NAME = re.compile(
    r"^(?P<name>[^，,。:：“”]{2,40}项目(?:[-—][^，,。:：“”()]{1,12})?(?:\([^)]{1,10}\))?)$"
    r"|“(?P<quoted>[^“”]{2,40}项目(?:[-—][^“”()]{1,12})?(?:\([^)]{1,10}\))?)”"
)
# Running text names the project a passage is about: in a sentence about the offering
# ("本次募投项目“智能算力集群建设及运营项目”") or as a sentence's subject ("“渲染云项目”的固定资产…");
# a sentence comparing it with an earlier or a peer's project names those after a marker.
_QUOTED_PROJECT = re.compile(r"“(?P<name>[^“”]{2,40}项目(?:[-—][^“”()]{1,12})?(?:\([^)]{1,10}\))?)”")
# A sentence opening with the project's name: "华东智算中心建设项目总投资额为…".
_PROJECT_OPENING = re.compile(r"^\s*(?P<name>[\u4e00-\u9fffA-Za-z0-9]{2,30}?项目(?:\([^)]{1,10}\))?)")
# Words that make an opening phrase a reference to projects, not a project's name.
_REFERS_TO_PROJECTS = re.compile(r"本次|前次|募投|募集资金|上述|该项目|本项目|可比|同行业|同类|相关")
_ABOUT_THE_OFFERING = re.compile(r"本次|募投|募集资金|本项目")
_OTHER_PROJECT_MARKER = re.compile(r"(?:前次|以前|可比|同行业|同类)[^“”]{0,8}$")
# Where a project's own figures are: its forecast (效益/收益测算) sections, or a passage on 本项目.
_FORECAST_SECTION = re.compile(r"效益|收益|测算")
_THIS_PROJECT = re.compile(r"本(?:次)?(?:募投)?项目")
_MODEL_PERIOD = re.compile(r"^(?:Y\d|BUILD$|MODEL_)")
# Headings that speak about projects without naming one: "关于本次募投项目", "本项目".
_NOT_A_PROJECT_NAME = re.compile(r"^关于|^(?:本次|前次)?(?:募投|募集资金投资)?项目$|^本(?:次)?募投项目|^本项目")
_SEGMENT = re.compile(r"(?:业务|服务|板块)$")
_SEGMENT_IN_LABEL = re.compile(r"(?P<segment>(?!主营业务|其他业务)[\u4e00-\u9fffA-Za-z]{2,12}?业务)")
_PEER_MARKERS = re.compile(r"可比|同行业|证券名称|证券简称|公司名称")
# Text of a peer table's 类型 column run into a company's name: "同行业可比公司铜牛信息" -> "铜牛信息".
_PEER_HEADING_PREFIX = re.compile(r"^.*?(?:可比公司|可比上市公司|同行业公司)")
_PEER_AVERAGE = re.compile(r"平均")
PEER_AVERAGE = "可比公司平均值"
_CUSTOMER = re.compile(r"^[A-Z]公司$|客户")
_ISSUER_PATTERNS = (
    re.compile(r"证券简称\s*[:：]\s*(?P<name>\S{2,10})"),
    re.compile(r"^\s*(?P<name>[^\s:：]{2,8})[:：]\s*关于"),
    re.compile(r"关于(?P<name>\S{2,30}?(?:股份)?有限公司)"),
)
_ISSUER_SEARCH_LINES = 80
_MONEY_AMOUNT = re.compile(r"^-?[\d,]+\.\d{2}$")  # amounts carry exactly two decimals
# Columns that say how a number is measured, not what it measures: the row names the metric.
_GENERIC_COLUMN = re.compile(r"^(?:金额|数额|余额|数量|占比|比例|比重)(?:\(.*\))?$")
_AGING = re.compile(r"账龄")
_REPLY_START = re.compile(r"^\s*回复\s*[:：]?\s*$|^\s*【回复】|^\s*回复[:：]")
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
_SHARE_COLUMN = re.compile(r"(?:占比|比例|比重)(?:\(%\))?$")
# Cost lines an investment plan can also list as items (机柜租赁费, 带宽费 …): not totals or period expenses.
_INVESTMENT_ITEM_METRICS = _COST_LINES - {
    "operating_cost", "selling_expense", "admin_expense", "rd_expense", "financial_expense", "period_expense",
}
# Row labels a PDF may print interleaved with a group label beside them: "服务价庆阳格(万1智算元/台/
# 集群月)" is 庆阳智算集群 (and row id 1) woven into 服务价格(万元/台/月).
_WOVEN_LABELS = ("服务价格(万元/台/月)", "服务价格(元/台/月)", "服务价格(万元/台/年)")
_RATE_OF_TAX = {"income_tax": "income_tax_rate"}
# How far a fact's period and metric are proven, by how its table's columns were decided.
CONFIDENCE = {"verified": 0.95, "header": 0.9, "unverifiable": 0.75, "contradicted": 0.2}
PROSE_CONFIDENCE = 0.7
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


def parse_filing(
    text: str, layout: DocumentLayout | None = None, table_finder: TableFinder | None = None
) -> ParsedFiling:
    """Every printed number of a filing as a fact with its meaning and provenance.

    ``layout`` is what the reader kept of the source's structure: tables printed as grids are
    read from their grids, and facts get the page that prints them.
    """
    layout = layout or DocumentLayout()
    table_errors: list[str] = []  # one per table lost to a parser error
    find_tables = table_finder or _default_table_finder(table_errors)
    cleaned = clean(text)
    lines = cleaned.lines
    sections = find_sections(lines)
    tables = find_tables(lines, cleaned.page_breaks, layout.grids) if layout.grids else find_tables(lines, cleaned.page_breaks)
    context = _FilingContext(lines, sections, infer_reporting_window(lines), _issuer_name(lines))
    context.default_money_unit = _usual_money_unit(tables)
    facts: list[Fact] = []
    ambiguous: list[Cell] = []
    findings: list[TableFinding] = []
    for table in tables:
        try:
            facts.extend(list(_table_facts(table, context, ambiguous, findings)))
        except Exception as exc:  # noqa: BLE001 - one table's facts lost, recorded; the others are kept
            table_errors.append(f"facts of table {table.table_id} (lines {table.line_start}-{table.line_end}): "
                                f"{type(exc).__name__}: {exc}")
    facts.extend(_prose_facts(lines, tables, sections, context))
    facts = [replace(fact, page=layout.page_of(fact.line_no)) for fact in facts] if layout.page_starts else facts
    unmapped = Counter(fact.label_zh for fact in facts if fact.metric is None)
    return ParsedFiling(
        sections=sections,
        tables=tables,
        facts=facts,
        unmapped_labels=dict(unmapped.most_common()),
        ambiguous_cells=ambiguous,
        table_findings=findings,
        table_errors=table_errors,
    )


def _default_table_finder(errors: list[str]) -> TableFinder:
    from orchestration.lib.parsing.tables import find_tables

    return lambda lines, page_breaks, grids=(): find_tables(lines, page_breaks, grids, errors)


class _FilingContext:
    """What every fact of one filing shares: sections by line, the reporting window, the issuer."""

    def __init__(
        self, lines: list[str], sections: list[Section], window: ReportingWindow | None, issuer: str | None
    ) -> None:
        self.lines = lines
        self.default_money_unit: str | None = None
        self.window = window
        self.issuer = issuer or ISSUER
        title = find_report_title(lines)
        # "第一季度" printed bare in a quarterly table is a quarter of the report's year
        self.report_year = int(title.period[2:6] if title.period.startswith("FY") else title.period[:4]) if title else None
        self.section_at = _innermost_sections(sections, len(lines))
        self.sections = {section.section_id: section for section in sections}
        self.project_named_at = _projects_named_in_text(lines, sections)
        self._names_this_project: dict[int, bool] = {}  # by line: one search per line, not per number on it

    def section_of(self, line_no: int) -> Section | None:
        return self.section_at[line_no] if 0 < line_no < len(self.section_at) else None

    def project_of(self, line_no: int) -> str | None:
        """The project an enclosing heading names, e.g. "(一)智算中心建设及运营项目"."""
        section = self.section_of(line_no)
        while section is not None:
            match = _PROJECT_NAME.search(section.title)
            name = (match.group("name") or match.group("quoted")) if match else None
            if name and not _NOT_A_PROJECT_NAME.search(name):
                return name
            section = self.sections.get(section.parent_id) if section.parent_id else None
        return None

    def project_in_scope(self, line_no: int, period: str | None) -> str | None:
        """The project a number belongs to: a heading's, else, for a forecast figure or one in a
        forecast section, the project the text last named (a reader carries it down the passage)."""
        project = self.project_of(line_no)
        if project or not 0 < line_no < len(self.project_named_at):
            return project
        if (period and _MODEL_PERIOD.match(period)) or self._in_forecast_section(line_no):
            return self.project_named_at[line_no]
        return None

    def _in_forecast_section(self, line_no: int) -> bool:
        section = self.section_of(line_no)
        while section is not None:
            if _FORECAST_SECTION.search(section.title):
                return True
            section = self.sections.get(section.parent_id) if section.parent_id else None
        if line_no not in self._names_this_project:
            self._names_this_project[line_no] = bool(_THIS_PROJECT.search(self.lines[line_no - 1]))
        return self._names_this_project[line_no]


def _projects_named_in_text(lines: list[str], sections: list[Section]) -> list[str | None]:
    """For each line number, the project the text last named since its question began."""
    question_starts = {section.line_start for section in sections if section.level == 0}
    named: list[str | None] = [None] * (len(lines) + 1)
    current: str | None = None
    for line_no, line in enumerate(lines, start=1):
        if line_no in question_starts:
            current = None
        current = _project_named(line) or current
        named[line_no] = current
    return named


def _project_named(line: str) -> str | None:
    if "“" not in line:
        return _project_opening(line) if _ABOUT_THE_OFFERING.search(line) else None
    about_the_offering = bool(_ABOUT_THE_OFFERING.search(line))
    for match in _QUOTED_PROJECT.finditer(line):
        before = line[: match.start()]
        subject = not before.strip() or before.rstrip()[-1] in "。；;"
        if not (about_the_offering or subject) or _OTHER_PROJECT_MARKER.search(before):
            continue
        if not _NOT_A_PROJECT_NAME.search(match.group("name")):
            return match.group("name")
    return None


def _project_opening(text: str) -> str | None:
    """The project a sentence or label opens with, if it names one."""
    match = _PROJECT_OPENING.match(text)
    name = match.group("name") if match else None
    return name if name and not _REFERS_TO_PROJECTS.search(name) else None


def _innermost_sections(sections: list[Section], line_count: int) -> list[Section | None]:
    """For each line number, the deepest section holding it; sections come parents first."""
    at: list[Section | None] = [None] * (line_count + 1)
    for section in sections:
        for line_no in range(section.line_start, min(section.line_end, line_count) + 1):
            current = at[line_no]
            if current is None or section.level >= current.level:
                at[line_no] = section
    return at


def _issuer_name(lines: list[str]) -> str | None:
    head = lines[:_ISSUER_SEARCH_LINES]
    for pattern in _ISSUER_PATTERNS:
        for line in head:
            match = pattern.search(line)
            if match:
                return match.group("name")
    return None


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


def _table_facts(
    table: Table, context: _FilingContext, ambiguous: list[Cell], findings: list[TableFinding]
) -> Iterator[Fact]:
    meaning_of = _table_context(table, context.window, context.report_year)
    readings, reread_findings = reread_columns(table, meaning_of.readings)
    if reread_findings or readings != meaning_of.readings:
        meaning_of = _with_readings(meaning_of, readings)
    verdict = verify_table(table, meaning_of.readings)
    table.decided_by = verdict.decided_by
    findings.extend(reread_findings + verdict.findings)
    row_entities = _peer_row_entities(table, context.issuer) if _is_peer_table(table) else {}
    metric_above: str | None = None
    money_above: str | None = None
    for row_index, printed_row in enumerate(table.rows):
        row = _unwoven(printed_row)
        row_metric = _row_metric(row, meaning_of, money_above, metric_above)
        metric_above = row_metric or metric_above
        if metric_unit_kind(row_metric) == "money":
            money_above = row_metric
        for cell_index, cell in enumerate(row.cells):
            if cell.value is None:
                if cell.ambiguous:
                    ambiguous.append(cell)
                continue
            column = table.columns[cell.col] if 0 <= cell.col < len(table.columns) else ""
            if not _is_quantity(cell, column):
                continue
            meaning = _cell_meaning(row, row_metric, cell, column, meaning_of)
            if meaning.entity is None:
                # a peer table's row is about the company beside it; "云计算业务收入" over the years is
                # the segment's revenue, never the project a passage happens to be about
                named = row_entities.get(row_index) or _segment_in_label(row.label)
                meaning = replace(meaning, entity=named) if named else meaning
            if table.decided_by == "contradicted" or (cell.ambiguous and not placed_by_total(table, cell)):
                # never resolved by guessing: a contradicted table, or a value whose column only a guess
                # placed (a short row put from the left) and no total proves, has no period at all
                meaning = replace(meaning, period=None)
            fact_id = f"{table.table_id}-r{row_index}-c{cell_index}"
            fact = _table_fact(fact_id, table, printed_row, cell, column, meaning, context)
            yield replace(fact, confidence=AMBIGUOUS_CONFIDENCE) if id(cell) in verdict.doubtful else fact


def _is_peer_table(table: Table) -> bool:
    return bool(_PEER_MARKERS.search(" ".join(filter(None, [table.title, table.header_label]))))


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
        sub_item = bool(_SUB_ITEM.match(group))
        name = _SUB_ITEM.sub("", group)
        names_company = "-" in name  # "<company>-<segment>" is complete as printed
        if company and not names_company and (sub_item or (in_segments and _SEGMENT.search(name))):
            entities[index], in_segments = f"{company}-{name}", True
            continue
        company, in_segments = name, False
        entities[index] = name
    return entities


def _unwoven(row: Row) -> Row:
    """The row read apart from a group label woven into its own: "庆阳智算集群 服务价格(万元/台/月)"."""
    label = normalise_label(row.label)
    if map_metric(label) is not None:
        return row
    for own in _WOVEN_LABELS:
        rest = _without_subsequence(label, own)
        if rest is not None:
            group = re.sub(r"\d", "", rest).strip()  # the digits are the row id
            return replace(row, label=f"{group} {own}" if group else own)
    return row


def _without_subsequence(text: str, wanted: str) -> str | None:
    """``text`` less the characters of ``wanted`` taken in order, or None when they are not all there."""
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


def _is_quantity(cell: Cell, column: str) -> bool:
    """Row ids, years, dates and codes are printed numbers, not facts."""
    raw = cell.raw_text.strip()
    if _NOT_A_QUANTITY_COLUMN.search(column) or _DATE_TEXT.search(raw):
        return False
    return not (cell.unit is None and _YEAR_OR_CODE.match(raw))


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


def _entity_label(label: str) -> str | None:
    """A row label as the entity a number is about: "其中:机柜租用" -> "机柜租用"; totals, amount
    qualifiers and scenarios name none."""
    text = _SUB_ITEM.sub("", normalise_label(label))
    names_none = (_ROW_TOTAL, _AGING_BUCKET, _AMOUNT_QUALIFIER)
    if not text or any(pattern.match(text) for pattern in names_none) or _SCENARIO.search(text):
        return None
    return text


def _table_fact(
    fact_id: str, table: Table, row: Row, cell: Cell, column: str, meaning: _Meaning, context: _FilingContext
) -> Fact:
    metric = _as_rate(meaning.metric, cell.unit)
    period = as_balance_date(metric, meaning.period)
    entity, kind = _entity(meaning.entity, table, cell.line_no, period, context)
    section = context.section_of(cell.line_no)
    printed = _as_printed(cell.raw_text, context.lines[cell.line_no - 1])
    row_label = _with_scenario(row)
    unit = _unit(cell, column, table, metric, context, row.label)
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


def _as_rate(metric: str | None, unit: str | None) -> str | None:
    """A tax printed in percent (企业所得税 | 15%) is its rate, not an amount."""
    return _RATE_OF_TAX.get(metric, metric) if unit == "%" and metric else metric


def _usual_money_unit(tables: list[Table]) -> str | None:
    """The money unit most tables of the filing state: it also holds for tables printed without a
    caption (many filings state "金额单位均为万元" once for the whole document)."""
    units = Counter(unit for table in tables for unit in caption_units(table.unit) if unit in MONEY_UNITS)
    return units.most_common(1)[0][0] if units else None


def _unit(
    cell: Cell, column: str, table: Table, metric: str | None, context: _FilingContext, row_label: str = ""
) -> str | None:
    kind = metric_unit_kind(metric)
    if cell.unit is None and kind in (None, "pct") and _SHARE_COLUMN.search(normalise_label(column)):
        return "%"  # "2024年度占比": a share printed without its % sign
    if cell.unit is None and header_unit(column) is None and (in_label := header_unit(row_label)):
        return in_label  # "营业收入（元）", "基本每股收益（元/股）": the row label states the unit
    unit = resolve_unit(cell.unit, column, table.unit, kind)
    if unit is None and kind in (None, "money") and _MONEY_AMOUNT.match(cell.raw_text.strip()):
        return context.default_money_unit
    return unit


def _as_printed(token: str, line: str) -> str:
    """The token as the line prints it: a cell read as "130台" is printed "130 台"."""
    if token in line:
        return token
    spaced = re.compile(r"\s*".join(re.escape(char) for char in token if not char.isspace()))
    match = spaced.search(line)
    return match.group(0) if match else token


def _entity(
    named: str | None, table: Table | None, line_no: int, period: str | None, context: _FilingContext
) -> tuple[str, str]:
    """Who a number is about: the row that names it, else the project in scope, else the issuer."""
    if named:
        return named, _entity_kind(named, table, context, line_no)
    if table is not None and _is_peer_table(table):
        return context.issuer, "issuer"  # a comparison with peers is never about the offering's project
    project = context.project_in_scope(line_no, period)
    if project:
        return project, "project"
    return context.issuer, "issuer"


def _entity_kind(name: str, table: Table | None, context: _FilingContext, line_no: int) -> str:
    if name == context.issuer:
        return "issuer"
    if name.startswith(f"{context.issuer}-"):
        return "segment"  # "首都在线-云计算服务": the issuer's segment in a comparison with peers
    if "项目" in name:
        return "project"
    if name == PEER_AVERAGE:
        return "peer"
    if _CUSTOMER.search(name):
        return "customer"
    if table is not None and _PEER_MARKERS.search(" ".join(filter(None, [table.title, table.header_label]))):
        return "peer"
    section = context.section_of(line_no)
    if section is not None and _PEER_MARKERS.search(section.title) and not _SEGMENT.search(name):
        return "peer"
    return "segment"


def _prose_facts(
    lines: list[str], tables: list[Table], sections: list[Section], context: _FilingContext
) -> Iterator[Fact]:
    table_lines = {no for table in tables for no in range(table.line_start, table.line_end + 1)}
    heading_lines = {section.line_start for section in sections}
    window_at = _passage_windows(lines, sections, context.window)
    for found in prose_facts(lines, table_lines, heading_lines, context.window, window_at):
        yield _prose_fact(found, context)


def _passage_windows(
    lines: list[str], sections: list[Section], window: ReportingWindow | None
) -> Callable[[int], ReportingWindow | None]:
    """The window of each passage: a question's quoted inquiry text (问题N up to 回复) and each
    answer may report on their own year to date."""
    starts = sorted(
        {1}
        | {section.line_start for section in sections if section.level == 0}
        | {no for no, line in enumerate(lines, start=1) if _REPLY_START.match(line)}
    )
    bounds = [*starts, len(lines) + 1]
    windows = [local_window(lines[a - 1 : b - 1], window) for a, b in pairwise(bounds)]
    return lambda line_no: windows[bisect_right(starts, line_no) - 1]


def _prose_fact(found: ProseFact, context: _FilingContext) -> Fact:
    metric = _as_rate(found.metric, found.unit)
    period = as_balance_date(metric, found.period)
    segment = _segment_in_label(found.label_zh)
    quoted = _QUOTED_PROJECT.search(found.label_zh)
    project = quoted.group("name") if quoted else _project_opening(found.label_zh)
    if found.market:
        entity, kind = found.market, "market"  # "2025年中国智能算力规模将达到…": the market's size
    elif project:
        entity, kind = project, "project"  # "“智能算力集群建设及运营项目”投资总额"
    elif segment:
        entity, kind = segment, "segment"
    else:
        entity, kind = _entity(None, None, found.line_no, period, context)
    section = context.section_of(found.line_no)
    return Fact(
        fact_id=f"p{found.line_no}-{found.column}",
        table_id=None,
        section_id=section.section_id if section else None,
        line_no=found.line_no,
        raw_text=found.raw_text,
        value=found.value,
        unit=found.unit,
        row_label=None,
        column_label=None,
        period=period,
        entity=entity,
        entity_kind=kind,
        label_zh=found.label_zh,
        metric=metric,
        confidence=PROSE_CONFIDENCE,
        value_wan=in_wan(found.value, found.unit),
    )


def _segment_in_label(label: str) -> str | None:
    """ "算力服务业务毛利率" is about the segment 算力服务业务; 主营业务 and 其他业务 are the company's
    revenue by nature, not segments."""
    match = _SEGMENT_IN_LABEL.search(normalise_label(label))
    return match.group("segment") if match else None
