"""Printed period labels to the period codes of ``vocabulary.py`` (see docs/periods.md)."""

from __future__ import annotations

import calendar
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from orchestration.lib.parsing.cleanup import normalise_label

# An A-share reporting window (报告期) is three full years and the year to date of the fourth.
WINDOW_YEARS = 3
# A passage needs this many citations of its own year to date to report on its own window.
LOCAL_WINDOW_CITATIONS = 2

_CN_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_QUARTER_END_MONTH = {1: 3, 2: 6, 3: 9, 4: 12}
# A year-less quarter column (分季度主要财务指标: 第一季度 … 第四季度) of the year the report covers.
_BARE_QUARTER = re.compile(r"^(?:第)?(?P<q>[一二三四1-4])季度$")
_FISCAL_YEAR_CODE = re.compile(r"FY(?P<year>(?:19|20)\d{2})")
# The title of a periodic report: 2019年年度报告, 2020年半年度报告, 2021年第一季度报告 (全文/摘要).
REPORT_TITLE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<kind>半年度|年度|第?[一二三四]季度)\s*报告(?:全文|摘要|正文)?"
)
_RECENT_COUNTS = {"一": 1, "两": 2, "二": 2, "三": 3}

_Y = r"(?P<year>(?:19|20)\d{2})"
_FULL_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ytd", re.compile(rf"^{_Y}年?度?(?P<first>\d{{1,2}})[-—–~至到](?P<last>\d{{1,2}})月份?$")),
    ("quarter", re.compile(rf"^{_Y}年?(?:第)?(?P<q>[一二三四1-4])季度$")),
    ("half", re.compile(rf"^{_Y}年?(?:上半年|半年度|1-6月)$")),
    ("date", re.compile(rf"^{_Y}(?:年|[-./])(?P<month>\d{{1,2}})(?:月|[-./])(?P<day>\d{{1,2}})日?$")),
    ("month_end", re.compile(rf"^{_Y}年(?P<month>\d{{1,2}})月(?:末|底)$")),
    ("year_end", re.compile(rf"^{_Y}年(?:末|底)$")),
    ("fiscal_year", re.compile(rf"^{_Y}(?:年度?|财年|财政年度|年年度|A|E)?$")),
    ("model_year", re.compile(r"^(?:第(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})年|T\+(?P<t>\d{1,2}))$")),
    (
        "model_years",
        re.compile(
            r"^第?(?P<a>\d{1,2})年?[-—–~至到]第?(?P<b>\d{1,2})年$|^T\+(?P<ta>\d{1,2})[-~至]T\+(?P<tb>\d{1,2})$"
        ),
    ),
    ("build", re.compile(r"^(?:建设期|T0|T\+0|第0年)$")),
)
_TOTAL = re.compile(r"^(?:合计|总计|累计|小计)$")
_AVERAGE = re.compile(r"^(?:运营期)?(?:平均|年均|年平均|平均值|均值)$")

# Periods inside longer labels and sentences; alternatives are tried left to right.
# The characters a period mention starts with (报告期, 最近, 19xx/20xx, 第N年, T+N, 建设期, 运营期/计算期/年平均),
# looked ahead for first: the engine then skips every other position at once instead of trying each
# alternative there (a scan four times as fast; test_cheap_tests checks it finds what the bare alternatives do).
PERIOD_FIRST_CHARS = "报最12第T建运计年"
_PERIOD_IN_TEXT = re.compile(
    rf"(?=[{PERIOD_FIRST_CHARS}])(?:"
    r"(?P<window_ends>报告期(?:各期|各年)末)"
    r"|(?P<window>报告期(?:各期|内|各年度|各年)?)"
    r"|(?P<recent>最近(?P<n_years>[一两二三])年(?:及|和)?(?P<with_ytd>一期)?)"
    r"|(?P<shared>(?:19|20)\d{2}(?:\s*[、,，和及与]\s*(?:19|20)\d{2})+\s*年度?(?!\s*\d{1,2}\s*[-—–~至]))"
    r"|(?P<range>(?P<from>(?:19|20)\d{2})\s*(?:年度?)?\s*(?:[-—–~]|至)\s*(?P<to>(?:19|20)\d{2})\s*年度?"
    r"(?:\s*(?P<to_first>\d{1,2})\s*[-—–~]\s*(?P<to_last>\d{1,2})\s*月)?)"
    r"|(?P<single>(?:19|20)\d{2}\s*(?:"
    r"年?\s*度?\s*\d{1,2}\s*[-—–~至到]\s*\d{1,2}\s*月份?"
    r"|年\s*(?:第\s*)?[一二三四]\s*季度"
    r"|年\s*(?:上半年|半年度)"
    r"|(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|-\d{1,2}-\d{1,2}|\.\d{1,2}\.\d{1,2})"
    r"|年\s*\d{1,2}\s*月\s*(?:末|底)"
    r"|年\s*(?:末|底)"
    r"|\s*(?:财政年度|财年)"
    r"|\s*年\s*度?(?!\s*\d{1,2}\s*月)))"
    r"|(?P<model>第\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:年?\s*[-—–~至]\s*第?\s*\d{1,2}\s*)?年"
    r"|T\+\d{1,2}|建设期(?!\s*第\s*\d))"  # 建设期第1年 is model year 1, not the whole build period
    r"|(?P<average>^(?:运营期|计算期)?年平均|^运营期平均)"
    r")"
)

# The year every year to date prints (the `single` alternative above starts with one).
_YEAR = re.compile(r"(?:19|20)\d{2}")


@dataclass(frozen=True, slots=True)
class ReportingWindow:
    """The periods a filing's 报告期 covers, oldest first."""

    periods: tuple[str, ...]  # e.g. FY2022, FY2023, FY2024, 2025M01-M09
    period_ends: tuple[str, ...]  # e.g. @2022-12-31 ... @2025-09-30


@dataclass(frozen=True, slots=True)
class PeriodContext:
    model_years: bool = False  # the labels sit on a forecast's year axis: 合计 and 平均 are periods
    window: ReportingWindow | None = field(default=None)
    year: int | None = None  # the year a periodic report covers: its year-less quarter columns are of it


@functools.lru_cache(maxsize=1 << 14)  # the same column and row labels are read in every table and sentence
def normalize_period(label: str, context: PeriodContext | None = None) -> str | None:
    """The period code of a whole printed label, or None when the label is not a period."""
    context = context or PeriodContext()
    text = normalise_label(label)
    for kind, pattern in _FULL_LABELS:
        match = pattern.match(text)
        if match:
            return _code(kind, match)
    if context.year and (quarter := _BARE_QUARTER.match(text)):
        q = _CN_NUMBERS.get(quarter["q"]) or int(quarter["q"])
        return f"{context.year}M{_QUARTER_END_MONTH[q] - 2:02d}-M{_QUARTER_END_MONTH[q]:02d}"
    if context.model_years and _TOTAL.match(text):
        return "MODEL_TOTAL"
    if _AVERAGE.match(text) and (context.model_years or text.startswith("运营期")):
        return "MODEL_AVG"
    return None


def quarter_of_year(label: str, period: str | None) -> str | None:
    """A bare quarter row (一季度) under a fiscal-year column (2024年度) is that year's quarter."""
    year = _FISCAL_YEAR_CODE.fullmatch(period or "")
    if year is None or not _BARE_QUARTER.match(normalise_label(label)):
        return None
    return normalize_period(label, PeriodContext(year=int(year["year"])))


@functools.lru_cache(maxsize=1 << 14)  # a row's label is split again for every cell of the row
def split_period(label: str, context: PeriodContext | None = None) -> tuple[str | None, str]:
    """A label such as "2023年1-3月营业收入" as its period code and the rest ("营业收入")."""
    whole = normalize_period(label, context)
    if whole is not None:
        return whole, ""
    text = normalise_label(label)
    for match in _PERIOD_IN_TEXT.finditer(text):
        codes = _codes_of_match(match, context or PeriodContext())
        if len(codes) == 1:
            return codes[0], (text[: match.start()] + text[match.end() :])
    return None, text


def periods_in_text(text: str, window: ReportingWindow | None = None) -> list[str]:
    """Every period a sentence names, in order, with lists and ranges expanded.

    "2021、2022 年" gives FY2021, FY2022; "2023年至2025年1-6月" gives FY2023, FY2024 and
    2025M01-M06; "报告期各期末" gives the window's balance dates when the window is known.
    """
    return [code for _, _, codes in period_mentions(text, window) for code in codes]


def period_mentions(text: str, window: ReportingWindow | None = None) -> list[tuple[int, int, list[str]]]:
    """Each period ``text`` names: (start, end, codes). The codes of the mentions inside a stretch of the
    text are that stretch's ``periods_in_text``, so a sentence of many numbers is scanned once."""
    context = PeriodContext(window=window)
    return [(match.start(), match.end(), _codes_of_match(match, context)) for match in _PERIOD_IN_TEXT.finditer(text)]


def infer_reporting_window(lines: list[str]) -> ReportingWindow | None:
    """The window the filing reports on: the year to date it cites most and the three years before.

    Replies cite their latest period on almost every page; an older year to date quoted from the
    inquiry letter, or a forecast year, is cited less often.
    """
    ytd_counts = ytd_citations(lines)
    if not ytd_counts:
        return None
    return window_ending(max(ytd_counts, key=lambda code: (ytd_counts[code], code)))


def ytd_citations(lines: list[str]) -> Counter[str]:
    """How often each year to date (2025M01-M09 …) is cited in ``lines``."""
    ytd_counts: Counter[str] = Counter()
    for line in lines:
        if cited := _ytd_cited(line):
            ytd_counts.update(cited)
    return ytd_counts


@functools.lru_cache(maxsize=1 << 16)  # the filing's lines are counted again passage by passage
def _ytd_cited(line: str) -> tuple[str, ...]:
    if not _YEAR.search(line):
        return ()  # a year to date prints its year: most lines are skipped by one cheap search
    singles = (match.group("single") for match in _PERIOD_IN_TEXT.finditer(line))
    codes = (normalize_period(single) for single in singles if single)
    return tuple(code for code in codes if code and "M" in code)


def local_window(lines: list[str], window: ReportingWindow | None) -> ReportingWindow | None:
    """The window a passage reports on when it is not the filing's: an inquiry letter quoted in a
    reply may cite an older year to date (2025年1-6月) than the reply's own (2025年1-9月)."""
    counts = ytd_citations(lines)
    if not counts:
        return window
    ytd = max(counts, key=lambda code: (counts[code], code))
    own = window.periods[-1] if window else None
    if ytd == own or counts[ytd] < LOCAL_WINDOW_CITATIONS or counts[ytd] <= counts.get(own or "", 0):
        return window
    return window_ending(ytd)


def window_ending(ytd: str) -> ReportingWindow:
    """The three fiscal years before a year to date, and the year to date."""
    year = int(ytd[:4])
    years = [f"FY{past}" for past in range(year - WINDOW_YEARS, year)]
    periods = (*years, ytd)
    return ReportingWindow(periods=periods, period_ends=tuple(period_end(code) for code in periods))


# Metrics measured at a date, not over a period: a balance printed under "2024年度" is the
# balance at 2024-12-31.
BALANCE_METRICS = frozenset(
    {
        "ar_gross",
        "ar_provision",
        "total_assets",
        "equity_attributable",
        "inventory",
        "fixed_assets",
        "construction_in_progress",
        "goodwill",
        "cash",
        "current_assets",
        "non_current_assets",
        "total_liabilities",
        "total_equity",
        "ar_net",
        "provision_ratio",
        "ecl_rate",
        "ar_overdue",
        "debt_ratio",
        "current_ratio",
    }
)
_FLOW_PERIOD = re.compile(r"^(?:FY\d{4}|\d{4}M\d{2}-M\d{2})$")
_DATE_CODE = re.compile(r"@(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")


def as_balance_date(metric: str | None, period: str | None) -> str | None:
    """The balance date of a balance metric printed under a fiscal year or a year to date."""
    if metric in BALANCE_METRICS and period and _FLOW_PERIOD.match(period):
        return period_end(period)
    return period


def fact_period(metric: str | None, period: str | None) -> str | None:
    """The period a fact is filed under: a balance metric's balance date, and none for a day that
    closes no month, which dates an event (合同签署, 货物运抵) or a cut-off of a count after the balance
    date (截至2025年12月15日已回款), never a reporting period (docs/periods.md)."""
    period = as_balance_date(metric, period)
    date = _DATE_CODE.fullmatch(period or "")
    if date and int(date["day"]) != calendar.monthrange(int(date["year"]), int(date["month"]))[1]:
        return None
    return period


def period_end(code: str) -> str:
    """The balance date that closes a fiscal year or a year to date."""
    if code.startswith("FY"):
        return f"@{code[2:]}-12-31"
    year, last_month = int(code[:4]), int(code[-2:])
    return f"@{year}-{last_month:02d}-{calendar.monthrange(year, last_month)[1]:02d}"


def _codes_of_match(match: re.Match[str], context: PeriodContext) -> list[str]:
    window = context.window
    if match.group("window_ends"):
        return list(window.period_ends) if window else []
    if match.group("window"):
        return list(window.periods) if window else []
    if match.group("recent"):
        return _recent_periods(match, window)
    if match.group("shared"):
        years = re.findall(r"(?:19|20)\d{2}", match.group("shared"))
        return [f"FY{year}" for year in years]
    if match.group("range"):
        return _range_periods(match)
    code = normalize_period(match.group(0), PeriodContext(model_years=True))
    return [code] if code else []


def _recent_periods(match: re.Match[str], window: ReportingWindow | None) -> list[str]:
    """最近两年一期: the last two full years of the window and its year to date."""
    if window is None:
        return []
    years = [code for code in window.periods if code.startswith("FY")]
    recent = years[-_RECENT_COUNTS[match.group("n_years")] :]
    ytd = [code for code in window.periods if not code.startswith("FY")]
    return recent + (ytd if match.group("with_ytd") else [])


def _range_periods(match: re.Match[str]) -> list[str]:
    first, last = int(match.group("from")), int(match.group("to"))
    if last < first:
        return []
    if match.group("to_first"):
        ytd = f"{last}M{int(match.group('to_first')):02d}-M{int(match.group('to_last')):02d}"
        return [f"FY{year}" for year in range(first, last)] + [ytd]
    return [f"FY{year}" for year in range(first, last + 1)]


def _code(kind: str, match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = groups.get("year")
    if kind == "ytd":
        first, last = int(groups["first"]), int(groups["last"])
        return f"{year}M{first:02d}-M{last:02d}" if 1 <= first <= last <= 12 else None
    if kind == "quarter":
        # 第三季度 is July to September alone; the year to date is 前三季度 / 1-9月.
        quarter = _CN_NUMBERS.get(groups["q"]) or int(groups["q"])
        return f"{year}M{_QUARTER_END_MONTH[quarter] - 2:02d}-M{_QUARTER_END_MONTH[quarter]:02d}"
    if kind == "half":
        return f"{year}M01-M06"
    if kind == "date":
        return _balance_date(int(year), int(groups["month"]), int(groups["day"]))
    if kind == "month_end":
        month = int(groups["month"])
        return (
            _balance_date(int(year), month, calendar.monthrange(int(year), month)[1]) if month <= 12 else None
        )
    if kind == "year_end":
        return f"@{year}-12-31"
    if kind == "fiscal_year":
        return f"FY{year}"
    if kind == "model_year":
        number = groups["n"] or groups["t"]
        return f"Y{_to_int(number)}"
    if kind == "model_years":
        first, last = groups["a"] or groups["ta"], groups["b"] or groups["tb"]
        return f"Y{int(first)}-{int(last)}" if int(first) < int(last) else None
    return "BUILD"


def _balance_date(year: int, month: int, day: int) -> str | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"@{year}-{month:02d}-{day:02d}"


def _to_int(number: str) -> int:
    if number.isdigit():
        return int(number)
    if len(number) == 1:
        return _CN_NUMBERS[number]
    tens, _, units = number.partition("十")
    return _CN_NUMBERS.get(tens, 1) * 10 + _CN_NUMBERS.get(units, 0)
