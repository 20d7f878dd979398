"""Column headers: period labels, labels split over lines, and headers printed without separators."""

from __future__ import annotations

import re

_CJK = r"\u3400-\u9fff\uff00-\uffef"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_PERIOD = re.compile(
    r"第\s*\d+(?:\s*-\s*\d+)?\s*年(?:各年度)?"
    r"|\d{4}\s*年\s*(?:\d{1,2}\s*-\s*\d{1,2}\s*月|\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?|度)?\s*(?:末|年末)?"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|T\s*\+\s*\d+"
)
_TRAILING_TOTAL = re.compile(r"\s*(合计|小计|平均值?|总计)")
# Column names that headers printed without separators are split by, longest first.
_COLUMN_WORDS = sorted(
    [
        "拟使用募集资金金额",
        "拟使用募集资金",
        "拟投入募集资金",
        "募集资金投入",
        "投资总额",
        "总投资",
        "投资金额",
        "总金额",
        "金额",
        "占比",
        "比例",
        "单价",
        "数量单位",
        "数量",
        "单位",
        "账面余额",
        "坏账准备",
        "账面价值",
        "营业收入",
        "营业成本",
        "毛利率",
        "毛利",
        "收入",
        "成本",
        "净利润",
        "合计",
        "小计",
    ],
    key=len,
    reverse=True,
)
MAX_HEADER_EXTRA = 20  # label-column words beside the periods (序号项目, 建设期运营期)
_PAGE_ID = re.compile(r"^\d{1,3}(?:-\d{1,3}){1,2}(?=\D)")


def tidy(label: str) -> str:
    """Drop the spaces a PDF puts around CJK characters (``2022 年 度`` -> ``2022年度``)."""
    return _SPACE_BY_CJK.sub("", label.strip())


def strip_page_id(text: str) -> str:
    """A page id glued to the start of a repeated header (``7-2-18序号``) is not header text."""
    return _PAGE_ID.sub("", text, count=1)


def period_labels(text: str) -> list[str]:
    """Period column labels in printed order, plus a trailing total column (``合计``)."""
    labels = [tidy(m.group()) for m in _PERIOD.finditer(text)]
    if labels:
        last = list(_PERIOD.finditer(text))[-1]
        if total := _TRAILING_TOTAL.match(text, last.end()):
            labels.append(total.group(1))
    return labels


def is_period_header(text: str) -> bool:
    """A line of two or more period labels and no other digits (``第1年第2年…``)."""
    text = strip_page_id(text.strip())
    if len(_PERIOD.findall(text)) < 2:
        return False
    rest = _PERIOD.sub("", text)
    return not re.search(r"\d|[。，,；;：:]", rest) and len(rest) <= MAX_HEADER_EXTRA


def split_run_together_header(text: str, count: int) -> tuple[str | None, list[str]]:
    """Split ``序号费用名称金额占比拟使用募集资金`` into the ``count`` value-column names from the right.

    Returns the text left over (the label columns' header) and the column names; unknown
    names come back as empty strings rather than guesses.
    """
    text = strip_page_id(tidy(text))
    periods = period_labels(text)
    if len(periods) == count:
        return text[: _PERIOD.search(text).start()] or None, periods
    names: list[str] = []
    rest = text
    while rest and len(names) < count:
        word = next((w for w in _COLUMN_WORDS if rest.endswith(w)), None)
        if word is None:
            break
        names.insert(0, word)
        rest = rest[: -len(word)]
    if len(names) == count:
        return rest or None, names
    return text or None, [""] * count
