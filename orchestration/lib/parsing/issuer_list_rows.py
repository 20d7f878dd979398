"""The issuer's own row of a numbered list of companies that no table reader read.

A list of listed companies compared with the issuer (序号, 上市公司, 业务内容, 营业收入) extracted from a
PDF leaves each peer's name broken over several lines, but the issuer's row is printed alone as its
number, 发行人 and its amounts ("13发行人99263.88"). Its meaning is printed around it, never on it:

- the unit and the measure by the list's caption, the nearest amount-unit caption above it, whose
  header ends with the last column's name ("金额单位:万元序…号源规模营业收入": 万元, revenue);
- the period by the note under the list that says where its data come from ("注:…取自上市公司公开
  披露的2025年1-6月数据").

A row is read only where all three are printed, and only when it prints exactly one amount (one money
column, no split to guess). Which business of the issuer the list compares it does not say: the row is
the issuer's figure among its peers (see quality.conflicts for what that is compared with).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from orchestration.lib.parsing.metrics import map_metric
from orchestration.lib.parsing.periods import periods_in_text
from orchestration.lib.vocabulary.metrics import METRICS
from orchestration.lib.vocabulary.units import MONEY_UNITS

ISSUER_ROW_LABEL = "发行人"
_ISSUER_ROW = re.compile(
    rf"^\s*\d{{1,2}}\s*{ISSUER_ROW_LABEL}\s*(?P<amount>\d{{1,3}}(?:,\d{{3}})+\.\d{{2}}|\d+\.\d{{2}})\s*$"
)
_MONEY = "|".join(re.escape(unit) for unit in sorted(MONEY_UNITS, key=lambda unit: (-len(unit), unit)))
_CAPTION = re.compile(rf"(?:金额)?单位\s*[:：]\s*(?P<unit>{_MONEY})(?P<header>.*)$")
_NOTE = re.compile(r"^\s*注\s*\d?\s*[:：]")
# The clause of a note that dates the list's data: "…取自…2025年1-6月数据".
_DATA_CLAUSE = re.compile(r"[^,，。;；]*数据")
_CAPTION_LINES = 120  # how far above the row the list's caption may stand (rows of many lines each)
_NOTE_LINES = 12  # how far below the row the list's note may stand
_HEADER_END_CHARS = (4, 6)  # "营业收入", "主营业务收入": the last column's name


@dataclass(frozen=True, slots=True)
class IssuerListRow:
    line_no: int
    column: int  # 0-based offset of raw_text on its line
    raw_text: str
    value: float
    unit: str
    metric: str
    period: str
    label_zh: str  # the column's name as the caption's header ends


def issuer_list_rows(lines: list[str], skip_lines: set[int]) -> Iterator[IssuerListRow]:
    """The issuer's rows of run-together lists of companies outside ``skip_lines`` whose caption names a
    money column and whose note dates the data."""
    for line_no, line in enumerate(lines, start=1):
        row = _ISSUER_ROW.match(line)
        if row is None or line_no in skip_lines:
            continue
        caption = _caption_above(lines, line_no)
        period = _period_below(lines, line_no)
        if caption is None or period is None:
            continue
        unit, metric, label = caption
        amount = row.group("amount")
        yield IssuerListRow(line_no, row.start("amount"), amount, float(amount.replace(",", "")), unit, metric,
                            period, label)


def _caption_above(lines: list[str], line_no: int) -> tuple[str, str, str] | None:
    """(unit, money metric, column name) of the nearest amount-unit caption above the row."""
    for index in range(line_no - 2, max(line_no - 1 - _CAPTION_LINES, -1), -1):
        caption = _CAPTION.search(lines[index])
        if caption is None:
            continue
        header = re.sub(r"\s+", "", caption.group("header"))
        for chars in _HEADER_END_CHARS:
            metric = map_metric(header[-chars:]) if len(header) >= chars else None
            if metric is not None and METRICS[metric][0] == "money":
                return caption.group("unit"), metric, header[-chars:]
        return None
    return None


def _period_below(lines: list[str], line_no: int) -> str | None:
    """The one period the list's note dates its data with."""
    for line in lines[line_no : line_no + _NOTE_LINES]:
        if not _NOTE.match(line):
            continue
        periods = {p for clause in _DATA_CLAUSE.findall(line) for p in periods_in_text(clause)}
        return periods.pop() if len(periods) == 1 else None
    return None
