"""The title on a periodic report's cover: which report it is and the period it covers.

Covers print the title in many hands: ``2019年年度报告``, ``2019年度报告``, ``2020年半年度报告摘要``,
``2021年第三季度报告``, ``2 0 2 5 年 年 度 报 告`` (letter-spaced), full-width digits, Chinese-numeral years,
or the year on one line and the kind on the next. A title is a line (or a few lines joined) that is
nothing but the title, optionally after the issuer's name: a sentence citing a report
(``根据公司2024年年度报告，…``, ``关于…2024年年度报告的问询函``) is not a cover.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

COVER_LINES = 60  # the title sits on the cover or the first pages
_JOINED_LINES = 3  # a title broken over at most this many lines

_CN_YEAR_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
                   "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}  # fmt: skip
_QUARTER_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_TITLE = re.compile(
    r"(?P<year>(?:19|20)\d{2}|[二〇○零一三四五六七八九]{4})年?"
    r"(?:(?P<kind>半年度|半年|中期|年度|第?[一二三四1-4]季度)报告|(?P<short>半年|中|年|[一二三四1-4]季)报)"
    r"(?:全文|摘要|正文)?(?:[(（][^()（）]{1,10}[)）])?"
)
_SHORT_NAME = r"[\u4e00-\u9fa5A-Za-z*]{2,8}"
_EXCHANGE_SUFFIX = r"(?:\.(?:SH|SZ|BJ))?"
# A page header or portal title printing code and short name before the title: 600519 贵州茅台 2025年年度报告.
_CODED_TITLE = re.compile(
    rf"(?:(?P<code>\d{{6}}){_EXCHANGE_SUFFIX}(?P<name>{_SHORT_NAME})|(?P<name2>{_SHORT_NAME})\((?P<code2>\d{{6}}){_EXCHANGE_SUFFIX}\))"
    + _TITLE.pattern
)
_CODE_BESIDE_NAME = re.compile(rf"^\d{{6}}{_EXCHANGE_SUFFIX}|\(\d{{6}}{_EXCHANGE_SUFFIX}\)$")
_ISSUER_PREFIX = re.compile(r"[\u4e00-\u9fa5()（）A-Za-z]{2,40}有限公司")
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060\ufeff\u00ad]+")


@dataclass(frozen=True, slots=True)
class ReportTitle:
    kind: str  # annual_report | semiannual_report | quarterly_report
    period: str  # FY2019, 2020M01-M06, 2021M01-M09 (a quarterly report runs to date)
    line_index: int  # 0-based line where the title starts


def compact(text: str) -> str:
    """Text as compared: full-width forms folded, every space and invisible character removed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def find_report_title(lines: list[str], short_name: str | None = None) -> ReportTitle | None:
    """The first cover title among the first lines, read from one line or a few joined."""
    compacted = [compact(line) for line in lines[:COVER_LINES]]
    for index, line in enumerate(compacted):
        if not line:
            continue
        joined = ""
        for following in [line, *[c for c in compacted[index + 1 :] if c]][:_JOINED_LINES]:
            joined += following
            title = _read_title(joined, short_name)
            if title:
                return ReportTitle(*title, index)
    return None


def _read_title(text: str, short_name: str | None) -> tuple[str, str] | None:
    for match in _TITLE.finditer(text):
        if match.end() == len(text) and _is_issuer(text[: match.start()], short_name):
            return _kind_and_period(match)
    return None


def _is_issuer(prefix: str, short_name: str | None) -> bool:
    """Nothing, the issuer's name, or its short name, optionally after a portal's ``简称:`` (贵州茅台:…)
    and with its code beside it (600519贵州茅台, 贵州茅台(600519))."""
    if short_name and prefix.startswith(short_name + ":"):
        prefix = prefix[len(short_name) + 1 :]
    prefix = _CODE_BESIDE_NAME.sub("", prefix)
    return not prefix or bool(_ISSUER_PREFIX.fullmatch(prefix)) or prefix == short_name


def _kind_and_period(match: re.Match) -> tuple[str, str]:
    year = int("".join(_CN_YEAR_DIGITS.get(c, c) for c in match["year"]))
    kind = match["kind"] or match["short"]
    if kind in ("年度", "年"):
        return "annual_report", f"FY{year}"
    if kind in ("半年度", "半年", "中期", "中"):
        return "semiannual_report", f"{year}M01-M06"
    quarter = _QUARTER_NUMBERS[kind.lstrip("第")[0]]
    return "quarterly_report", f"{year}M01-M{3 * quarter:02d}"


def code_and_name_before_title(lines: list[str]) -> tuple[str, str] | None:
    """(stock code, short name) printed before a report title on a line of its own, if any."""
    for line in lines[:COVER_LINES]:
        found = _CODED_TITLE.fullmatch(compact(line))
        if found:
            return found["code"] or found["code2"], found["name"] or found["name2"]
    return None
