"""Numbers stated in sentences.

Two shapes carry facts in these filings:

- lists: "2023年、2024年及2025年1-6月，公司营业收入分别为74,628.47万元、77,060.50万元和38,120.10万元"
  gives one value per period the sentence names, in order;
- single statements: "税后内部收益率为10.17%", "投资回收期为5.72年(含建设期)",
  "募集资金总额不超过287,000.00万元", with the metric the words before the number name (or, for
  "新增384台高性能算力服务器", the words after it). A money amount, a percentage, a server count or
  a compute figure is a fact even when no metric is named (it is then reported as unmapped); a
  bound ("余额大于100万元") is not.

Sentences wrap over lines (and over blank lines in web scrapes), so lines are joined into
paragraphs first; a number whose digits are split by a line break is skipped, because its printed
text cannot be pointed to on one line.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from orchestration.lib.parsing.metrics import map_metric
from orchestration.lib.parsing.periods import ReportingWindow, period_mentions
from orchestration.lib.parsing.prose_spans import Mentions, Paragraph, Span
from orchestration.lib.vocabulary.metrics import metric_unit_kind
from orchestration.lib.vocabulary.units import MONEY_UNITS

_NUMBER = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
_UNIT = r"万元|亿元|亿美元|万美元|元|%|台|套|个|架|人|(?i:PFLOPS|EFLOPS)|P(?![A-Za-z])|年|万(?=[、，,。和及与;；)）\s]|$)"
_VALUE = re.compile(rf"(?<![\d.\-/:])(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT})?")
# "分别为 a、b和c" or "分别实现营业收入 a、b和c": a list of values, one per period named before it.
_LIST_INTRO = re.compile(r"分别|依次")
_LIST_SEPARATOR = re.compile(r"\s*(?:、|，|,|和|及|与|以及)\s*")
_SENTENCE_END = re.compile(r"[。；;！？!?]")
# An ASCII comma between digits ("74,628.47") is a thousands separator, anywhere else a comma.
_CLAUSE_START = re.compile(r"[，；;。:：]|(?<!\d),|,(?!\d{3})|[(（]\d+[)）]|\d[)）]|\s{3,}")
# Words before a number that make it a bound ("大于100万元") or a change ("由50%变更为30%").
_BOUND_AT_END = re.compile(r"(?:大于|小于|(?<!不)超过|(?<!不)低于|高于|以上|以下)\s*$")
_CHANGE_AT_END = re.compile(r"(?:由|从|增长|下降|减少|增加|提升|提高|变更|变动|调整|较|(?<!占)比|涨幅|降幅)\s*$")
_CONNECTOR = re.compile(r"(?:分别|依次)?(?:为|达到|达|约为|约|不超过|不低于|合计|共计|总计|是)?\s*$")
_SUBJECT_WORDS = re.compile(
    r"^(?:其中|此外|同时|另外|综上|报告期内|报告期各期末?|最近[一两二三]年(?:及|和)?(?:一期)?(?:末)?|截至|公司|发行人"
    r"|本项目|本次|分别|依次|实现|各期)+"
)
_NOT_A_QUANTITY = re.compile(r"\s*(?:[月日号条款项次名家位期季度]|\.S[HZ]|\.HK|-\d)")
# An ordinal or code mark right before a number, spaces allowed between: "第5条", "A3", "-2", "1/2".
_ORDINAL_MARKS = frozenset("第-/." + string.ascii_letters)
_WINDOW_WORDS = re.compile(r"报告期")
_SENTENCE_CLOSERS = "。；;:：!?！？"
_YEAR_UNIT_METRICS = frozenset({"payback_static", "payback_dynamic"})
_SINGLE_VALUE_CHARS = 40
# How far back in its sentence a number's periods, market and list label are looked for. A printed
# sentence is a few hundred characters (the longest in the real filings ~1,200); a bound keeps a
# "sentence" of thousands of numbers with no full stop linear instead of quadratic.
_CONTEXT_CHARS = 1600
_SPACES = re.compile(r"\s*")
_UNITS_OF_KIND = {
    "money": MONEY_UNITS,
    "pct": frozenset({"%"}),
    "count": frozenset({"台", "套", "个", "架", "人", "P", "PFLOPS", "EFLOPS"}),
    "price": MONEY_UNITS,
}
_TEN_THOUSAND = "万"
# Units whose numbers are facts even when the words before them name no metric.
_STANDALONE_UNITS = frozenset({*MONEY_UNITS, "%", "台", "套", "架", "P", "PFLOPS", "EFLOPS"})
_ENDS_WITH_TOTAL = re.compile(r"(?:合计|共计|总计)\s*(?:为|约)?\s*$")
# A forecast figure stated for the operating years as a whole: "运营期平均毛利率", "达产后预计毛利率".
_MODEL_AVERAGE = re.compile(r"运营期.{0,3}(?:平均|年均|综合)|达产(?:后|期)|年均|年平均")
_NAMED_SHARE = re.compile(r"[\u4e00-\u9fff]{1,8}占比")
_TOTAL_WORD = re.compile(r"^(?:合计|共计|总计|小计)$")
_SHARE_WORD = re.compile(r"^(?:占比|比例|比重)$")
_SHARE_OF = {"revenue": "revenue_share", "investment_amount": "investment_share"}
_NOUN_AFTER_CHARS = 12
_NOUN_AFTER = re.compile(rf"[^，,。；;、]{{0,{_NOUN_AFTER_CHARS}}}")
_COUNT_NOUNS = {"台": re.compile(r"服务器"), "P": re.compile(r"算力"), "PFLOPS": re.compile(r"算力"), "EFLOPS": re.compile(r"算力")}
_COUNT_METRIC = {"台": "server_count", "P": "compute_power", "PFLOPS": "compute_power", "EFLOPS": "compute_power"}
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


@dataclass(frozen=True, slots=True)
class ProseFact:
    line_no: int
    column: int  # 0-based offset of raw_text on its line
    raw_text: str  # the number and its unit exactly as printed
    value: float
    unit: str | None
    period: str | None
    label_zh: str
    metric: str | None
    market: str | None = None  # the region or industry whose size the number states, if any


class _Sentence:
    """A sentence with its period and market mentions indexed, so each number's context costs little."""

    def __init__(self, text: str, window: ReportingWindow | None) -> None:
        self.text = text
        self.periods = Mentions(period_mentions(text, window))
        self.markets = Mentions.of(_MARKET_SUBJECT, text)
        self.own_subjects = Mentions.of(_OWN_SUBJECT, text)

    def periods_before(self, end: int, start: int | None = None) -> list[str]:
        """periods_in_text of text[start:end], the start bounded by the context a number looks back over."""
        start = _context_start(end) if start is None else start
        return [code for codes in self.periods.within(start, end) for code in codes]

    def market_before(self, end: int) -> str | None:
        """market_named of the context before ``end``."""
        start = _context_start(end)
        return _market_of(self.text, self.markets.within(start, end), self.own_subjects.within(start, end), end)


def prose_facts(
    lines: list[str],
    skip_lines: set[int],
    heading_lines: set[int] = frozenset(),
    window: ReportingWindow | None = None,
    window_at: Callable[[int], ReportingWindow | None] | None = None,
) -> list[ProseFact]:
    """Facts stated in the sentences of ``lines``.

    ``skip_lines`` (1-based) are table lines; ``heading_lines`` are paragraphs of their own, so a
    heading is never read as the subject of the sentence below it. ``window_at`` gives the window
    of the passage a line sits in, when passages report on different windows.
    """
    facts: list[ProseFact] = []
    for paragraph in _paragraphs(lines, skip_lines, heading_lines):
        here = window_at(paragraph.spans[0].line_no) if window_at else window
        for start, end in _sentences(paragraph.text):
            facts.extend(_facts_in_sentence(paragraph, start, end, here))
    return facts


def _paragraphs(lines: list[str], skip_lines: set[int], heading_lines: set[int]) -> Iterator[Paragraph]:
    """Lines joined until a sentence closes before a blank line, a table or a heading."""
    text_parts: list[str] = []
    spans: list[Span] = []
    length = 0
    for line_no, line in enumerate(lines, start=1):
        stripped = line.strip()
        if line_no in heading_lines and text_parts:
            yield Paragraph("".join(text_parts), spans)
            text_parts, spans, length = [], [], 0
        if line_no in skip_lines or (
            not stripped and (not text_parts or text_parts[-1][-1] in _SENTENCE_CLOSERS)
        ):
            if text_parts:
                yield Paragraph("".join(text_parts), spans)
            text_parts, spans, length = [], [], 0
            continue
        if not stripped:
            continue
        column = len(line) - len(line.lstrip())
        spans.append(Span(length, length + len(stripped), line_no, column))
        text_parts.append(stripped)
        length += len(stripped)
        if line_no in heading_lines:
            yield Paragraph("".join(text_parts), spans)
            text_parts, spans, length = [], [], 0
    if text_parts:
        yield Paragraph("".join(text_parts), spans)


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, match.end()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _facts_in_sentence(
    paragraph: Paragraph, start: int, end: int, window: ReportingWindow | None
) -> Iterator[ProseFact]:
    sentence = paragraph.text[start:end]
    indexed = _Sentence(sentence, window)
    position = 0
    metric_before: str | None = None
    intro = _LIST_INTRO.search(sentence)
    while (value := _VALUE.search(sentence, position)) is not None:
        listed = intro is not None and intro.end() <= value.start()
        if listed and len(run := list(_value_list(sentence, value.start()))) >= 2:
            facts = list(_list_facts(paragraph, start, indexed, value.start(), run, metric_before))
            metric_before = next((fact.metric for fact in facts if fact.metric), metric_before)
            yield from facts
            position = run[-1].end()
            continue
        fact = _single_fact(paragraph, start, indexed, value, metric_before)
        if fact is not None:
            metric_before = fact.metric or metric_before
            yield fact
        position = value.end()


def _value_list(sentence: str, position: int) -> Iterator[re.Match[str]]:
    """Values joined by 、/和/及 right after 分别为."""
    while True:
        position = _SPACES.match(sentence, position).end()
        value = _VALUE.match(sentence, position)
        if value is None or _is_not_a_quantity(sentence, value):
            return
        yield value
        separator = _LIST_SEPARATOR.match(sentence, value.end())
        if separator is None:
            return
        position = separator.end()


def _list_facts(
    paragraph: Paragraph,
    offset: int,
    sentence: _Sentence,
    list_start: int,
    values: list[re.Match[str]],
    metric_before: str | None,
) -> Iterator[ProseFact]:
    context = _context_before(sentence.text, list_start)
    label = _label_before(context, len(context))
    aligned = _aligned_periods(sentence, list_start, len(values))
    units = _units_shared_backwards([_unit_of(value) for value in values])
    if _SHARE_WORD.match(label):
        metric = _SHARE_OF.get(metric_before or "") or _share_named_before(context)
    else:
        metric = map_metric(label)
    market = sentence.market_before(list_start)
    for value, period, unit in zip(values, aligned, units):
        fact = _fact(paragraph, offset, value, unit, period, label, metric, market)
        if fact is not None:
            yield fact


def _aligned_periods(sentence: _Sentence, list_start: int, count: int) -> list[str | None]:
    """The periods of a list: those of its own clause, else of its sentence, if they are as many as the values."""
    context_start = _context_start(list_start)
    clause_start = context_start + _clause_start(sentence.text[context_start:list_start], list_start - context_start)
    for start in (clause_start, context_start):
        periods = sentence.periods_before(list_start, start)
        # 报告期 expands to the whole window; a shorter list covers its latest periods.
        if len(periods) == count:
            return list(periods)
        if len(periods) > count and _WINDOW_WORDS.search(sentence.text, start, list_start):
            return list(periods[-count:])
    return [None] * count


def _single_fact(
    paragraph: Paragraph,
    offset: int,
    indexed: _Sentence,
    value: re.Match[str],
    metric_before: str | None,
) -> ProseFact | None:
    """One stated number with its unit; its metric when the words before it name one that fits
    the unit, none when they state a bound or a change ("增长117%") or name nothing."""
    unit = _unit_of(value)
    sentence = indexed.text
    context = _context_before(sentence, value.start())
    if unit is None or _is_not_a_quantity(sentence, value) or context.rstrip()[-1:] in _ORDINAL_MARKS:
        return None
    before = sentence[max(0, value.start() - _SINGLE_VALUE_CHARS) : value.start()]
    label = _label_before(before, len(before))
    after_total = not label and _ENDS_WITH_TOTAL.search(before)
    after = sentence[value.end() : value.end() + _NOUN_AFTER_CHARS]
    metric = metric_before if after_total else _metric_of_label(label, unit, metric_before, after)
    if _BOUND_AT_END.search(before.rstrip()):
        return None  # a threshold ("余额大于100万元") is a rule, not a reported figure
    if _CHANGE_AT_END.search(before.rstrip()) or _CHANGE_AT_END.search(label):
        metric = None  # a change ("同比增长117%") is printed, but it is not the metric's level
    if metric is not None and not _unit_fits(metric, unit):
        metric = None
    if metric is None and unit not in _STANDALONE_UNITS:
        return None
    periods = indexed.periods_before(value.start())
    period = periods[-1] if len(set(periods)) == 1 else None
    if _MODEL_AVERAGE.search(label):
        period = "MODEL_AVG"
    return _fact(paragraph, offset, value, unit, period, label, metric, indexed.market_before(value.start()))


def _metric_of_label(label: str, unit: str, metric_before: str | None, after: str) -> str | None:
    """合计 and 占比 continue the sentence's previous metric; "384台高性能算力服务器" and
    "3000P算力" name their metric after the number."""
    if _TOTAL_WORD.match(label):
        return metric_before
    if _SHARE_WORD.match(label):
        return _SHARE_OF.get(metric_before or "")
    metric = map_metric(label)
    if metric is None and unit in _COUNT_NOUNS:
        noun = _NOUN_AFTER.match(after)
        if noun and _COUNT_NOUNS[unit].search(noun.group(0)):
            return _COUNT_METRIC[unit]
    return metric


def _share_named_before(text: str) -> str | None:
    """ "收入占比持续上升，最近两年一期占比分别为…": the share the sentence named earlier."""
    return next((map_metric(named) for named in reversed(_NAMED_SHARE.findall(text)) if map_metric(named)), None)


def _fact(
    paragraph: Paragraph,
    offset: int,
    value: re.Match[str],
    unit: str | None,
    period: str | None,
    label: str,
    metric: str | None,
    market: str | None,
) -> ProseFact | None:
    start = offset + value.start()
    # A unit wrapped to the next line ("33,209.31万" / "元"): the printed token is what the line holds.
    end = min(offset + value.end(), paragraph.line_end(start))
    where = paragraph.locate(start, end) if end >= offset + value.end("number") else None
    if where is None:
        return None
    line_no, column = where
    return ProseFact(
        line_no=line_no,
        column=column,
        raw_text=paragraph.text[start:end].rstrip(),
        value=float(value.group("number").replace(",", "")),
        unit=unit,
        period=period,
        label_zh=label,
        metric=metric,
        market=market,
    )


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


def _context_start(end: int) -> int:
    return max(0, end - _CONTEXT_CHARS)


def _context_before(sentence: str, end: int) -> str:
    return sentence[_context_start(end) : end]


def _label_before(text: str, end: int) -> str:
    """The words of the clause that ends at ``end``, without periods, subjects and connectors."""
    clause = _CONNECTOR.sub("", text[_clause_start(text, end) : end]).strip()
    clause = _strip_periods(clause)
    return _SUBJECT_WORDS.sub("", clause).strip(" ,，、")


def _clause_start(text: str, end: int) -> int:
    start = 0
    for match in _CLAUSE_START.finditer(text, 0, end):
        start = match.end()
    return start


def _strip_periods(clause: str) -> str:
    return re.sub(
        r"(?:19|20)\d{2}\s*(?:年\s*(?:度|\d{1,2}\s*[-—–~至]\s*\d{1,2}\s*月|[一二三四]季度|末)?)?[、和及与至,，\-]?\s*",
        "",
        clause,
    )


def _unit_of(value: re.Match[str]) -> str | None:
    unit = value.group("unit")
    if unit and unit.upper().endswith("FLOPS"):
        return unit.upper()  # "4,495EFlops"
    return "万元" if unit == _TEN_THOUSAND else unit


def _units_shared_backwards(units: list[str | None]) -> list[str | None]:
    """ "30.65%、40.82和58.47%": an item printed without its unit takes the next item's unit."""
    shared: list[str | None] = []
    following: str | None = None
    for unit in reversed(units):
        following = unit or following
        shared.append(following)
    return list(reversed(shared))


def _is_not_a_quantity(sentence: str, value: re.Match[str]) -> bool:
    """Dates, article numbers and stock codes: "2022年", "第5条", "600941.SH", "2024/10/18"."""
    number, unit = value.group("number"), value.group("unit")
    if unit == "年" and re.fullmatch(r"(?:19|20)\d{2}", number):
        return True
    return unit is None and bool(_NOT_A_QUANTITY.match(sentence, value.end()))


def _unit_fits(metric: str, unit: str) -> bool:
    kind = metric_unit_kind(metric)
    if unit == "年":
        return metric in _YEAR_UNIT_METRICS
    return unit in _UNITS_OF_KIND.get(kind, frozenset({unit}))
