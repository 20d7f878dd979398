"""The header model: what each value column of a table holds, read from its (joined) header label.

Every layout hands over one label per value column (a grid joins the header cells stacked over
the column, a text layout joins its header lines); this module reads each as a period, a measure
and a unit, the same way for all of them:

- a period (``2019年``, ``2025年1-9月``, ``第一季度``, ``2019年末``, ``期末余额``, ``第3年``) printed over
  a group of measures (``金额 | 占营业收入比重``) carries onto the group;
- a change column (``本年比上年增减``, ``同比增减``, ``变动幅度``, ``增减``) is a change between two named
  periods, never a period of its own, and it ends the group of the period on its left;
- a share column (``占比``, ``占营业收入比重``) is a share whatever the words between 占 and 比;
- a unit printed in brackets (``（元）``, ``（元/股）``) is the column's unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orchestration.lib.parsing.cleanup import normalise_label
from orchestration.lib.parsing.periods import REPORT_TITLE, PeriodContext, split_period
from orchestration.lib.parsing.units import header_unit

# A column that compares two periods: its numbers are changes (% or pp), not figures of a period.
_CHANGE = re.compile(r"增减|变动|变化|同比|环比|增长率|增幅|降幅|[比较]上年|[比较]上期|[比较]年初")
_CURRENT_VS_PRIOR_END = re.compile(r"年末|期末|年初|期初")
# A share of a named whole: 占比, 比例, 比重, 占营业收入比重, 占营业成本的比例.
_SHARE_OF_WHOLE = re.compile(r"^占(?P<whole>[^比]{0,10}?)的?(?:比重|比例|比)$")
# Balance-date words: the close and the opening of the period the table reports on.
_CLOSING = re.compile(r"^(?:期末|本期末|本年末|报告期末)(?:余额|数|金额|账面余额|账面价值)?$")
_OPENING = re.compile(r"^(?:期初|年初|上年年末|上年末|上期末)(?:余额|数|金额|账面余额|账面价值)?$")
_RELATIVE_PERIOD = re.compile(r"^(?:[本上](?:报告)?(?:期|年度?|年同期)|期末|期初|年初|年末)")
_SUMMARY_COLUMN = re.compile(r"^(?:峰值|合计|总计|小计|平均|平均值|累计)")
_RATE_OF_LEFT = re.compile(r"^(?:[^\d]{0,4}率|占比|比例|比重)(?:\(%\))?$")


@dataclass(frozen=True, slots=True)
class ColumnReading:
    period: str | None  # the period code the column's numbers are for; None for a change column
    rest: str  # the measure left after the period (金额, 占比, 毛利率, 营业收入), normalized
    unit: str | None = None  # a unit the header prints in brackets
    change_of: tuple[str, str] | None = None  # (current, prior): the periods a change column compares
    is_change: bool = False
    balance: str | None = None  # "closing" | "opening" for 期末余额 / 年初 columns without a date


def names_relative_period(label: str) -> bool:
    """A column dated relative to the report (本期发生额, 上年同期金额, 期末余额, 年初数): its own period,
    which neither a carried period nor a caption's may replace."""
    return bool(_RELATIVE_PERIOD.match(normalise_label(label)))


def is_change_label(label: str) -> bool:
    return bool(_CHANGE.search(normalise_label(label)))


def read_columns(columns: list[str], context: PeriodContext) -> list[ColumnReading]:
    """One reading per value column, periods carried over the groups they head."""
    readings: list[ColumnReading] = []
    carried: str | None = None
    previous: str | None = None
    for column in columns:
        reading = _read_one(column, context)
        if reading.is_change or (reading.period is None and names_relative_period(reading.rest)):
            carried = previous = None  # 上年同期金额 after 本报告期金额 | 占比 heads its own group
        elif reading.period is None and reading.rest and carried is not None and not _SUMMARY_COLUMN.match(reading.rest):
            reading = _with_period(reading, carried)
        elif reading.period is None and previous is not None and _RATE_OF_LEFT.search(reading.rest):
            reading = _with_period(reading, previous)  # "2022年度 | 费用率(%)": the rate of the amount on its left
        if not reading.is_change:
            carried = reading.period if reading.period is not None and reading.rest else None
            previous = reading.period
        readings.append(reading)
    return _name_compared_periods(readings)


def share_measure(rest: str) -> str:
    """``占营业收入比重`` -> ``占比``: a share is a share whatever whole it names."""
    return "占比" if _SHARE_OF_WHOLE.match(rest) else rest


def _read_one(column: str, context: PeriodContext) -> ColumnReading:
    unit = header_unit(column)
    label = _without_running_title(normalise_label(column))
    if _CHANGE.search(label):
        # "2023年度 | 变动幅度": a change printed under a period is that period's change on the one before.
        of_period, rest = split_period(label, context)
        return ColumnReading(None, rest, unit, change_of=(of_period, "") if of_period else None, is_change=True)
    period, rest = split_period(label, context)
    balance = "closing" if _CLOSING.match(rest) else "opening" if _OPENING.match(rest) else None
    return ColumnReading(period, share_measure(rest), unit, balance=balance)


def _without_running_title(label: str) -> str:
    """A header read together with the page header above it (``公司 2024年年度报告全文`` over
    ``2024年12月31日``): the report's title names no column's period, only the text after it does."""
    title = REPORT_TITLE.search(label)
    return label[title.end() :] if title else label


def _with_period(reading: ColumnReading, period: str) -> ColumnReading:
    return ColumnReading(period, reading.rest, reading.unit, reading.change_of, reading.is_change, reading.balance)


def _name_compared_periods(readings: list[ColumnReading]) -> list[ColumnReading]:
    """The (current, prior) periods each change column compares: the period it is printed under, else
    the latest of the table (本年, 本年末), and the period before that one of the same kind (balance
    dates for 本年末比上年末, else periods of the same length)."""
    named: list[ColumnReading] = []
    for reading in readings:
        if not reading.is_change:
            named.append(reading)
            continue
        current = reading.change_of[0] if reading.change_of else None
        pair = _current_and_prior(readings, current, bool(_CURRENT_VS_PRIOR_END.search(reading.rest)))
        named.append(ColumnReading(None, reading.rest, reading.unit, pair, True, None))
    return named


def _current_and_prior(readings: list[ColumnReading], current: str | None, dates: bool) -> tuple[str, str] | None:
    kind_of = _period_kind(current) if current else ("date" if dates else None)
    periods = {r.period for r in readings if r.period and not r.is_change}
    same_kind = sorted((p for p in periods if kind_of is None or _period_kind(p) == kind_of), key=_period_order)
    if current is None:
        current = same_kind[-1] if same_kind else None
    older = [p for p in same_kind if _period_order(p) < _period_order(current or "")]
    return (current, older[-1]) if current and older else None


def _period_kind(code: str) -> str:
    """Periods a change can compare: balance dates, fiscal years, the same months of two years."""
    if code.startswith("@"):
        return "date"
    if code.startswith("FY"):
        return "year"
    return code[4:] if re.match(r"^\d{4}M", code) else "model"


def _period_order(code: str) -> str:
    return code[2:] if code.startswith("FY") else code.lstrip("@")
