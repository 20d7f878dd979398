"""What the words before a number in a sentence say: its clause, its label (periods, subjects and
connectors removed), the periods and the market the sentence names up to it."""

from __future__ import annotations

import functools
import re

from orchestration.lib.parsing.periods import ReportingWindow, period_mentions
from orchestration.lib.parsing.prose_spans import Mentions

# An ASCII comma between digits ("74,628.47") is a thousands separator, anywhere else a comma.
_CLAUSE_START = re.compile(r"[，；;。:：]|(?<!\d),|,(?!\d{3})|[(（]\d+[)）]|\d[)）]|\s{3,}")
# A cap or a floor stated of a figure ("不超过287,000.00万元", "机架超 30000个") joins it to its label.
_CONNECTOR = re.compile(r"(?:分别|依次)?(?:为|达到|达|约为|约|不超过|不超|不低于|超|合计|共计|总计|是)?\s*$")
_SUBJECT_WORDS = re.compile(
    r"^(?:其中|此外|同时|另外|综上|报告期内|报告期各期末?|最近[一两二三]年(?:及|和)?(?:一期)?(?:末)?|截至|公司|发行人"
    r"|本项目|本次|分别|依次|实现|各期)+"
)
# How far back in its sentence a number's periods, market and list label are looked for. A printed
# sentence is a few hundred characters (the longest in the real filings ~1,200); a bound keeps a
# "sentence" of thousands of numbers with no full stop linear instead of quadratic.
_CONTEXT_CHARS = 1600
# A sentence about a market ("2025年中国智能算力规模将达到…", "全市智能算力规模达到…", "根据IDC预测…")
# states the size of a region or an industry, not the issuer's or a project's own figure.
_REGION = re.compile(r"中国|我国|全球|全国|全市|全省|国内|世界")
_MARKET_WORD = rf"{_REGION.pattern}|全行业|行业|市场"
_MARKET_SUBJECT = re.compile(
    rf"(?P<market>{_MARKET_WORD})[^，,。；;、]{{0,14}}?(?:规模|总量|需求)"
    r"|国际数据公司|信通院|工业和信息化部|工信部|统计局|研究机构|咨询机构"
    # IDC is also the issuer's data-centre business (IDC服务毛利率): a forecaster only when cited.
    r"|(?:根据|据)\s*(?:IDC|Gartner)|(?:IDC|Gartner)\s*(?:预测|预计|数据|统计|报告)"
)
# Words that make the sentence's subject the issuer or a project again after a market was named.
_OWN_SUBJECT = re.compile(r"(?<!数据)公司|发行人|我司|本项目|本次|募投|项目")


# A year named as the start of something ("从 2014 年开始", "自2020年起", "2018年以来") dates when it began:
# the figures after it are cumulative or current, never that year's.
_SINCE_YEAR = re.compile(r"(?:从|自)\s*(?:19|20)\d{2}\s*年\s*(?:开始|起)|(?:19|20)\d{2}\s*年\s*以来")


class Sentence:
    """A sentence with its period and market mentions indexed, so each number's context costs little.
    Each index is built when first asked for: most numbers of a sentence are let go before their
    period or market is asked (no unit, a date, a code), and so are all of many sentences."""

    def __init__(self, text: str, window: ReportingWindow | None) -> None:
        self.text = text
        self.window = window

    @functools.cached_property
    def periods(self) -> Mentions:
        starts = [match.span() for match in _SINCE_YEAR.finditer(self.text)]
        return Mentions([
            mention for mention in period_mentions(self.text, self.window)
            if not any(a <= mention[0] and mention[1] <= b for a, b in starts)
        ])

    @functools.cached_property
    def markets(self) -> Mentions:
        return Mentions.of(_MARKET_SUBJECT, self.text)

    @functools.cached_property
    def own_subjects(self) -> Mentions:
        return Mentions.of(_OWN_SUBJECT, self.text)

    def periods_before(self, end: int, start: int | None = None) -> list[str]:
        """periods_in_text of text[start:end], the start bounded by the context a number looks back over."""
        start = context_from(end) if start is None else start
        return [code for codes in self.periods.within(start, end) for code in codes]

    def market_before(self, end: int) -> str | None:
        """market_named of the context before ``end``."""
        start = context_from(end)
        return _market_of(self.text, self.markets.within(start, end), self.own_subjects.within(start, end), end)


def market_named(text: str) -> str | None:
    """The market a sentence is about up to a number: the region or industry it names as the subject
    (or "市场" when only a forecaster is named), unless the issuer or a project is named after it."""
    return _market_of(text, list(_MARKET_SUBJECT.finditer(text)), list(_OWN_SUBJECT.finditer(text)), len(text))


def _market_of(text: str, found: list[re.Match[str]], own: list[re.Match[str]], end: int) -> str | None:
    """market_named of text[:end], from the market and own-subject mentions found in it."""
    if not found:
        return None
    last = found[-1]
    if any(match.start() >= last.end() for match in own):
        return None
    named = next((match.group("market") for match in reversed(found) if match.group("market")), None)
    region = _REGION.search(text, last.end(), end)
    return named or (region.group(0) if region else "市场")


def context_from(end: int) -> int:
    return max(0, end - _CONTEXT_CHARS)


def context_before(sentence: str, end: int) -> str:
    return sentence[context_from(end) : end]


def label_before(text: str, end: int) -> str:
    """The words of the clause that ends at ``end``, without periods, subjects and connectors."""
    clause = _CONNECTOR.sub("", text[clause_from(text, end) : end]).strip()
    clause = _strip_periods(clause)
    return _SUBJECT_WORDS.sub("", clause).strip(" ,，、")


def clause_from(text: str, end: int) -> int:
    start = 0
    for match in _CLAUSE_START.finditer(text, 0, end):
        start = match.end()
    return start


def clause_of(before: str) -> str:
    """The clause a number sits in, up to the number."""
    return before[clause_from(before, len(before)) :]


def _strip_periods(clause: str) -> str:
    return re.sub(
        r"(?:19|20)\d{2}\s*(?:年\s*(?:度|\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月|[一二三四]季度|末)?)?[、和及与至,，\-]?\s*",
        "",
        clause,
    )
