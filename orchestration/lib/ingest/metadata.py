"""Who filed what, and when, read from the filing's own words.

File names say nothing, so every field comes from the content: the cover (证券代码/证券简称),
the title, the preface (the exchange it is addressed to, the sponsor and auditor introduced with
以下简称), the portal header or the signature date. Each rule is a pattern of how filings print a
field, never a list of known companies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from orchestration.lib.ingest.report_title import (
    ReportTitle,
    code_and_name_before_title,
    compact,
    find_report_title,
)

_HEAD_LINES = 120  # the cover, title and preface sit in the first lines
_TAIL_LINES = 60  # the signature date sits in the last lines, before any portal footer
# Lone CRs stay in a document's text (its line numbers count "\n" only), but still end a cover's lines.
_LINE_BREAK = re.compile(r"\r\n?|\n")
# A single space between two characters is letter spacing (示 例 智 算); tabs and wider gaps part cells.
_LETTER_SPACING = re.compile(r"(?<=\S)[ \u3000](?=\S)")
_TITLE_CONTINUATION = 3  # a title broken over lines still names its kind within this many

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_COMPANY = r"[\u4e00-\u9fa5()（）A-Za-z]{2,40}?(?:集团)?股份有限公司"
# Words that join a firm's name to the sentence before it: the name is what follows the last one.
# Single characters such as 同, 和, 及 also begin real firm names (同瑞, 和信), so they are not joiners.
_JOINERS = re.compile(r"会同|以及|并与|与|申报会计师|发行人会计师|、|,|，")

# Covers label the code and short name 证券代码/股票代码, or 公司代码/A股代码 on exchange templates.
_STOCK_CODE_LABELLED = re.compile(r"(?:证券|股票|公司|A\s?股)代码\s*[:：]?\s*(\d{6})")
_SHORT_NAME_LABELLED = re.compile(r"(?:证券|股票|公司|A\s?股)简称\s*[:：]\s*([\u4e00-\u9fa5A-Za-z*]{2,10})")
_ISSUER_IN_TITLE = re.compile(r"关于(" + _COMPANY + r")(?:申请)?向特定对象发行|关于(" + _COMPANY + r")")
_STANDALONE_COMPANY = re.compile(r"(" + _COMPANY + r")$")
_COMPANY_BEFORE_REPORT_TITLE = re.compile(r"(" + _COMPANY + r")(?:19|20)\d{2}年?(?:半年|中期|年|第?[一二三四1-4]季)")
_ALIAS_AFTER_NAME = r"\s*[(（]以下简称\s*[“\"]([^”\"]{2,10})[”\"]"
_ADDRESSEE = re.compile(r"^\s*(上海|深圳|北京)证券交易所\s*[:：]\s*$")
_EXCHANGE_ANYWHERE = re.compile(r"(上海|深圳|北京)证券交易所")
_EXCHANGES = {"上海": "SSE", "深圳": "SZSE", "北京": "BSE"}
_SPONSOR = re.compile(
    r"([\u4e00-\u9fa5]{2,30}?(?:证券|承销保荐|投资银行)(?:股份|有限责任)?有限公司|[\u4e00-\u9fa5]{2,30}?证券有限责任公司)"
    r"[(（]以下简称[^)）]{0,40}?(?:保荐机构|保荐人)"
)
_SPONSOR_FORWARDING = re.compile(r"([\u4e00-\u9fa5]{2,30}?证券(?:股份|有限责任)?有限公司)转来")
_SPONSOR_HEADING = re.compile(r"保荐(?:机构|人)\s*[(（]主承销商[)）]\s*[:：]?\s*(" + r"[\u4e00-\u9fa5]{2,30}?证券[\u4e00-\u9fa5]*?公司)")
_AUDITOR = re.compile(r"([\u4e00-\u9fa5]{2,30}?会计师事务所(?:[(（]特殊普通合伙[)）])?)")
_ISO_DATE = re.compile(r"(20\d{2})-(\d{1,2})-(\d{1,2})")
_MONTH_DAY_ONLY = re.compile(r"(?<![\d-])(\d{2})-(\d{2})\s+\d{2}:\d{2}")
_REFERENCE_YEAR = re.compile(r"[〔\[(（](20\d{2})[〕\])）]")
_CN_DATE = re.compile(r"^\s*(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_CN_NUMERAL_MONTH = re.compile(r"([二〇○零一三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月")

DOC_KINDS = (
    ("auditor_statement", re.compile(r"有关财务事项的说明|财务问题的专项说明|审核问询函的专项说明")),
    ("inquiry_reply", re.compile(r"问询函的回复|问询函之回复|问询函回复")),
    ("feasibility_report", re.compile(r"可行性(?:分析)?报告")),
    ("prospectus", re.compile(r"募集说明书|招股说明书")),
)


@dataclass(slots=True)
class DocumentMetadata:
    company_name: str | None = None
    short_name: str | None = None
    stock_code: str | None = None
    exchange: str | None = None
    doc_kind: str | None = None
    published_date: date | None = None
    published_date_precision: str | None = None  # "day" or "month"
    sponsor: str | None = None
    auditor: str | None = None
    report_period: str | None = None  # the period a periodic report covers (FY2019, 2020M01-M06)


def extract_metadata(text: str) -> DocumentMetadata:
    lines = _LINE_BREAK.split(text)
    head = "\n".join(lines[:_HEAD_LINES])
    company_name = _company_name(head, [_LETTER_SPACING.sub("", line).strip() for line in lines[:_HEAD_LINES]])
    coded_title = code_and_name_before_title(lines)
    short_name = _short_name(head, company_name) or (coded_title and coded_title[1])
    stock_code = _stock_code(head, text, short_name) or (coded_title and coded_title[0])
    published, precision = _published_date(lines)
    report = find_report_title(lines, short_name)
    doc_kind = _doc_kind(lines, report)
    return DocumentMetadata(
        company_name=company_name,
        short_name=short_name,
        stock_code=stock_code,
        exchange=_exchange(lines[:_HEAD_LINES], stock_code),
        doc_kind=doc_kind,
        published_date=published,
        published_date_precision=precision,
        sponsor=_sponsor(head),
        auditor=_auditor(head),
        report_period=report.period if report and doc_kind == report.kind else None,
    )


def exchange_of_code(code: str) -> str | None:
    """The listing venue implied by an A-share code's prefix."""
    if code.startswith(("60", "68", "90")):
        return "SSE"
    if code.startswith(("00", "30", "20")):
        return "SZSE"
    if code.startswith(("43", "83", "87", "88", "92")):
        return "BSE"
    return None


def _company_name(head: str, unspaced_lines: list[str]) -> str | None:
    """The issuer named in a title (关于…), else on a cover line of its own (letter-spaced or not), else
    before a periodic report's title (某某股份有限公司2019年年度报告全文), else introduced with 以下简称."""
    for match in _ISSUER_IN_TITLE.finditer(head):
        return _after_joiners(match.group(1) or match.group(2))
    for pattern in (_STANDALONE_COMPANY, _COMPANY_BEFORE_REPORT_TITLE):
        for line in unspaced_lines:
            if found := pattern.match(line):
                return found.group(1)
    aliased = re.search(r"(" + _COMPANY + r")[(（]以下简称", head)
    return _after_joiners(aliased.group(1)) if aliased else None


def _short_name(head: str, company_name: str | None) -> str | None:
    labelled = _SHORT_NAME_LABELLED.search(head)
    if labelled:
        return labelled.group(1)
    if company_name:
        alias = re.search(re.escape(company_name) + _ALIAS_AFTER_NAME, head)
        if alias:
            return alias.group(1)
        portal_title = re.search(r"^\s*([\u4e00-\u9fa5A-Za-z*]{2,8})\s*[:：]\s*\S*?(?:关于|(?:19|20)\d{2}\s*年)", head, re.MULTILINE)
        if portal_title and _is_abbreviation(portal_title.group(1), company_name):
            return portal_title.group(1)
    return None


def _is_abbreviation(short: str, full: str) -> bool:
    """A 证券简称 is written with characters of the full name, in order (宏景科技 / 宏景科技股份有限公司)."""
    position = 0
    for char in short:
        position = full.find(char, position)
        if position < 0:
            return False
        position += 1
    return True


def _stock_code(head: str, text: str, short_name: str | None) -> str | None:
    labelled = _STOCK_CODE_LABELLED.search(head)
    if labelled:
        return labelled.group(1)
    found = find_code_beside_name(text, short_name) if short_name else None
    return found[0] if found else None


def find_code_beside_name(text: str, short_name: str) -> tuple[str, int] | None:
    """A 6-digit code printed right beside a company's short name ("301396.SZ 宏景科技", "中贝通信(603220)").

    Returns (code, 1-based line number) of the first such mention.
    """
    name = re.escape(short_name)
    beside_name = re.compile(
        r"(?<!\d)(\d{6})(?:\.(?:SH|SZ|BJ))?\s*" + name + r"|" + name + r"\s*[(（](?:股票代码|证券代码)?[:：]?\s*(\d{6})(?:\.(?:SH|SZ|BJ))?[)）]"
    )
    match = beside_name.search(text)
    if not match:
        return None
    return match.group(1) or match.group(2), text.count("\n", 0, match.start()) + 1


def _exchange(head_lines: list[str], stock_code: str | None) -> str | None:
    if stock_code and exchange_of_code(stock_code):
        return exchange_of_code(stock_code)
    for line in head_lines:
        addressee = _ADDRESSEE.match(line)
        if addressee:
            return _EXCHANGES[addressee.group(1)]
    anywhere = _EXCHANGE_ANYWHERE.search("\n".join(head_lines))
    return _EXCHANGES[anywhere.group(1)] if anywhere else None


def _doc_kind(lines: list[str], report: ReportTitle | None) -> str | None:
    """The kind whose title comes first: a periodic report's cover title, unless a financing document's
    title starts before it or right after it (关于…2024年年度报告 / 的问询函的回复 cites the report)."""
    for index in range(min(len(lines), _HEAD_LINES)):
        if report and index > report.line_index + _TITLE_CONTINUATION:
            break
        window = compact("".join(lines[index : index + _TITLE_CONTINUATION]))
        for kind, pattern in DOC_KINDS:
            if pattern.search(window):
                return kind
    return report.kind if report else None


def _sponsor(head: str) -> str | None:
    match = _SPONSOR.search(head) or _SPONSOR_HEADING.search(head) or _SPONSOR_FORWARDING.search(head)
    return _after_joiners(match.group(1)) if match else None


def _auditor(head: str) -> str | None:
    firms = [_after_joiners(m.group(1)) for m in _AUDITOR.finditer(head)]
    return firms[0] if firms else None


def _after_joiners(name: str) -> str:
    return _JOINERS.split(name)[-1]


def _published_date(lines: list[str]) -> tuple[date | None, str | None]:
    """Portal header date, then a signature date at the end, then the cover's month."""
    head = lines[:_HEAD_LINES]
    for line in head[:40]:
        found = _ISO_DATE.search(line)
        if found and _valid(*found.groups()):
            return _valid(*found.groups()), "day"
    reference_year = next((m.group(1) for line in head if (m := _REFERENCE_YEAR.search(line))), None)
    for line in head[:40]:
        found = _MONTH_DAY_ONLY.search(line)
        if found and reference_year and _valid(reference_year, *found.groups()):
            return _valid(reference_year, *found.groups()), "day"
    for line in reversed(lines[-_TAIL_LINES:]):
        found = _CN_DATE.match(line)
        if found and _valid(*found.groups()):
            return _valid(*found.groups()), "day"
    for line in head:
        found = _CN_NUMERAL_MONTH.search(line)
        if found:
            year = int("".join(str(_CN_DIGITS[c]) for c in found.group(1)))
            month = _cn_number(found.group(2))
            if _valid(year, month, 1):
                return _valid(year, month, 1), "month"
    return None, None


def _cn_number(numeral: str) -> int:
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _CN_DIGITS[numeral[1]]
    if numeral.endswith("十"):
        return _CN_DIGITS[numeral[0]] * 10
    if "十" in numeral:
        tens, ones = numeral.split("十")
        return _CN_DIGITS[tens] * 10 + _CN_DIGITS[ones]
    return _CN_DIGITS[numeral]


def _valid(year: int | str, month: int | str, day: int | str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
