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
from dataclasses import dataclass, replace

from orchestration.lib.parsing.metrics import map_metric, price_named_by_unit
from orchestration.lib.parsing.periods import ReportingWindow, period_mentions
from orchestration.lib.parsing.prose_spans import Mentions, Paragraph, Span
from orchestration.lib.vocabulary.metrics import PER_SERVER_MONTH, metric_unit_kind
from orchestration.lib.vocabulary.units import (
    MONEY_UNITS,
    PROSE_COUNT_UNITS,
    PROSE_PRICE_MONEY,
    PROSE_PRICE_PARTS,
    PROSE_UNITS,
    STANDALONE_UNITS,
    units_of_kind,
)


def _alternation(symbols: tuple[str, ...]) -> str:
    """A regex that reads any of the symbols, the longest first (万元 before 元, 个月 before 个); a Latin
    symbol in any case (PFlops), a single Latin letter only where no other letter follows it (P, not PUE)."""
    def one(symbol: str) -> str:
        if not symbol.isascii() or not symbol.isalpha():
            return re.escape(symbol)
        return f"(?i:{symbol})" if len(symbol) > 1 else rf"{symbol}(?![A-Za-z])"
    return "|".join(one(symbol) for symbol in sorted(symbols, key=len, reverse=True))


_NUMBER = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
# A price per thing and time: 万元/台, 元/月/台, 元/PFLOPS/月 (the money unit and its "per" parts).
_PER_UNIT = rf"(?:{_alternation(PROSE_PRICE_MONEY)})(?:/(?:{_alternation(PROSE_PRICE_PARTS)}))+"
# The vocabulary's prose units, and a bare 万 closing a number ("3万、5万")
_UNIT = rf"{_PER_UNIT}|{_alternation(PROSE_UNITS)}|万(?=[、，,。和及与;；)）\s]|$)"
_VALUE = re.compile(rf"(?<![\d.\-/:])(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT})?")
# A range, each end a fact with the high end's unit: "261-273万元/台", "110万元-240万元/台", "1-2%".
_RANGE = re.compile(
    rf"(?<![\d.\-/:])(?P<low>\d+(?:\.\d+)?)\s*(?P<low_unit>{_UNIT})?\s*[-—–~～至]\s*"
    rf"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT})"
)
# "分别为 a、b和c" or "分别实现营业收入 a、b和c": a list of values, one per period named before it.
_LIST_INTRO = re.compile(r"分别|依次")
# "a、b和c", and "a、b、和c" too.
_LIST_SEPARATOR = re.compile(r"\s*(?:[、，,]\s*(?:和|及|与|以及)?|和|及|与|以及)\s*")
# A note (注3:) opens a sentence of its own even when the text before it has no full stop.
_SENTENCE_END = re.compile(r"[。；;！？!?]|(?=注\s*\d{1,2}\s*[:：])")
# An ASCII comma between digits ("74,628.47") is a thousands separator, anywhere else a comma.
_CLAUSE_START = re.compile(r"[，；;。:：]|(?<!\d),|,(?!\d{3})|[(（]\d+[)）]|\d[)）]|\s{3,}")
# Words before a number that make it a bound ("大于100万元") or a change ("由50%变更为30%").
_BOUND_AT_END = re.compile(r"(?:大于|小于|(?<!不)超过|(?<!不)低于|高于|以上|以下)\s*$")
_CHANGE_AT_END = re.compile(
    r"(?:由|从|增长|下降|降低|减少|增加|提升|提高|上升|上涨|上调|下调|上浮|下浮|变更|变动|调整|较|(?<!占)比|涨幅|降幅)\s*$"
)
# A comparison ("较公司2024年财务费用率高0.9%") states a difference, not a level.
_COMPARED = re.compile(r"^较.{1,30}(?:高|低|多|少)$")
# A period right before the number, joined by 的, is the base of a share: "约为2024财政年度的73.71%".
_OF_PERIOD = re.compile(r"(?:年|年度|月|季度|月末|年末|财年)\s*的\s*$")
_OF_PERIOD_CHARS = 8
# How far back a number's own clause is looked for: a clause is a few dozen characters.
_CLAUSE_CHARS = 200
# A month named in the number's own clause ("2024年6月集中交付…4400P") dates an event, not a period.
_EVENT_MONTH = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?!\s*(?:末|底|份?\s*[-—–~至到]|\d))")
# A list's label naming a rate of change: "同比变动率", "增长率", "增幅".
_GLUED_BEFORE = re.compile(r"\d%?$")
_CHANGE_NAMED = re.compile(r"(?:变动|增长|变化|下降)(?:率|幅度|比例)$|增幅$|降幅$|增速$")
_CONNECTOR = re.compile(r"(?:分别|依次)?(?:为|达到|达|约为|约|不超过|不低于|合计|共计|总计|是)?\s*$")
_SUBJECT_WORDS = re.compile(
    r"^(?:其中|此外|同时|另外|综上|报告期内|报告期各期末?|最近[一两二三]年(?:及|和)?(?:一期)?(?:末)?|截至|公司|发行人"
    r"|本项目|本次|分别|依次|实现|各期)+"
)
_NOT_A_QUANTITY = re.compile(r"\s*(?:[月日号条款项次名家位期季度]|\.S[HZ]|\.HK|-\d)")
# An ordinal or code mark right before a number, spaces allowed between: "第5条", "A3", "-2", "1/2".
_ORDINAL_MARKS = frozenset("第-/." + string.ascii_letters)
# A Latin word of two letters or more set apart from the number by a space ("AI 4787P", "GPU 300台").
_SPACED_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2,}\s+$")
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
    "pct": units_of_kind("pct") & frozenset(PROSE_UNITS),
    "count": PROSE_COUNT_UNITS,
    "price": MONEY_UNITS,
}
_TEN_THOUSAND = "万"
# Units that are facts only with a word saying what they count or last: "折旧年限为5年", "3个项目".
_DURATION_WORDS = re.compile(r"年限|期限|周期|寿命|工期|折旧|摊销|使用期|建设期|计算期|运营期|服务期|付款期")
# A clause changing a figure named before it: "…后变更为3-10年", "调整为5年".
_CHANGED_TO = re.compile(r"(?:变更|调整|改|延长|缩短)(?:为|至)\s*$")
_DURATIONS = frozenset({"年", "个月"})  # a length of time is no period's figure
_DURATION_AFTER_CHARS = 6  # "按5年计提折旧": the word may follow the number
_COUNTED_AFTER_GE = re.compile(r"(?!工作日|日历|自然日|月|季度|百分点|小时|交易日)[\u4e00-\u9fff]")
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
    value = _VALUE.search(sentence)
    if value is None:
        return  # most sentences state no number: their periods and markets are not indexed
    indexed = _Sentence(sentence, window)
    metric_before: str | None = None
    intro = _LIST_INTRO.search(sentence)
    while value is not None:
        listed = intro is not None and intro.end() <= value.start()
        if listed and len(run := list(_value_list(sentence, value.start()))) >= 2:
            facts = list(_list_facts(paragraph, start, indexed, value.start(), run, metric_before))
            metric_before = next((fact.metric for fact in facts if fact.metric), metric_before)
            yield from facts
            position = run[-1].end()
        elif ranged := _RANGE.match(sentence, value.start()):
            ends = _range_facts(paragraph, start, indexed, ranged, metric_before)
            metric_before = next((fact.metric for fact in ends if fact.metric), metric_before)
            yield from ends
            position = ranged.end()
        else:
            fact = _single_fact(paragraph, start, indexed, value, metric_before)
            if fact is not None:
                metric_before = fact.metric or metric_before
                yield fact
            position = value.end()
        value = _VALUE.search(sentence, position)


def _range_facts(
    paragraph: Paragraph, offset: int, indexed: _Sentence, ranged: re.Match[str], metric_before: str | None
) -> list[ProseFact]:
    """Both ends of a range, each as printed, with the meaning the words before the range give it
    and the high end's unit; none when either end cannot be pointed to on one line."""
    low, high = ranged.group("low"), ranged.group("number")
    if float(low) >= float(high) or _decimals(low) != _decimals(high):
        return []  # "233.202-3年", "233.202-370%": an amount glued to an age bucket or a term, not a range
    meaning = _single_fact(paragraph, offset, indexed, ranged, metric_before)
    if meaning is None:
        return []
    ends = []
    for number, unit in (("low", "low_unit"), ("number", "unit")):
        start = offset + ranged.start(number)
        end = offset + ranged.end(unit if ranged.group(unit) else number)
        where = paragraph.locate(start, end)
        if where is None:
            return []
        value = float(ranged.group(number))
        ends.append(replace(meaning, line_no=where[0], column=where[1], raw_text=paragraph.text[start:end], value=value))
    return ends


def _decimals(number: str) -> int:
    return len(number.partition(".")[2])


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
    if _CHANGE_AT_END.search(label) or _CHANGE_NAMED.search(label):
        # "占比分别增加35.30%、8.44%", "同比变动率分别为…": changes, neither period's level
        metric, aligned = None, [None] * len(values)
    elif _MODEL_AVERAGE.search(label) and not any(aligned):
        aligned = ["MODEL_AVG"] * len(values)  # "项目一、项目二达产后预计毛利率分别为27.95%和23.80%"
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


def _ends_with_a_code_mark(context: str) -> bool:
    """A mark right before a number makes it an ordinal or a code's digits (第5, A3, 型号 B 2), but a
    Latin word a space sets apart is a word of the sentence, the number after it a quantity (AI 4787P)."""
    return context.rstrip()[-1:] in _ORDINAL_MARKS and not _SPACED_LATIN_WORD.search(context)


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
    if unit is None or _is_not_a_quantity(sentence, value) or _ends_with_a_code_mark(context):
        return None
    before = sentence[max(0, value.start() - _SINGLE_VALUE_CHARS) : value.start()]
    label = _label_before(before, len(before))
    after_total = not label and _ENDS_WITH_TOTAL.search(before)
    after = sentence[value.end() : value.end() + _NOUN_AFTER_CHARS]
    metric = metric_before if after_total else _metric_of_label(label, unit, metric_before, after)
    if _BOUND_AT_END.search(before.rstrip()):
        return None  # a threshold ("余额大于100万元") is a rule, not a reported figure
    change = bool(_CHANGE_AT_END.search(before.rstrip()) or _CHANGE_AT_END.search(label) or _COMPARED.search(label))
    if change:
        metric = None  # a change ("同比增长117%") is printed, but it is not the metric's level
    metric = _per_unit_metric(metric, unit, label)
    if metric is not None and not _unit_fits(metric, unit):
        metric = None
    if metric is None and not _stands_alone(unit, before, after):
        return None
    # A change is between two periods, so it is neither one's figure (docs/periods.md).
    clause = _clause_of(before)
    undated = change or unit in _DURATIONS or _EVENT_MONTH.search(clause) or _glued(sentence, value)
    period = None if undated else _period_of(indexed, value.start())
    if _MODEL_AVERAGE.search(label):
        period = "MODEL_AVG"
    return _fact(paragraph, offset, value, unit, period, label, metric, indexed.market_before(value.start()))


def _clause_of(before: str) -> str:
    """The clause a number sits in, up to the number."""
    return before[_clause_start(before, len(before)) :]


def _stands_alone(unit: str, before: str, after: str) -> bool:
    """A number is a fact without a named metric when its unit says what it is: money, a share, a
    count of things, a price per thing; a number of years when its clause names a life or a term, or
    changes one the words before it named (折旧年限为5-10年，…后变更为3-10年); a count in 个 of a thing
    (not 5个工作日)."""
    if unit in STANDALONE_UNITS or _is_per_unit(unit):
        return True
    clause = _clause_of(before)
    if unit == "年":
        changed = _CHANGED_TO.search(clause) and _DURATION_WORDS.search(before)
        return bool(_DURATION_WORDS.search(clause) or _DURATION_WORDS.search(after, 0, _DURATION_AFTER_CHARS) or changed)
    return unit == "个" and bool(_COUNTED_AFTER_GE.match(after))


def _period_of(sentence: _Sentence, position: int) -> str | None:
    """The one period the number's own clause names ("…，2025年实现营收46,160.36万元"), else the one
    its sentence names; none when either names several."""
    context = sentence.text[max(0, position - _CLAUSE_CHARS) : position]
    if _OF_PERIOD.search(context[-_OF_PERIOD_CHARS:]):
        return None  # "约为2024财政年度的73.71%": a share of that period's figure, not its own
    clause_start = position - len(context) + _clause_start(context, len(context))
    for periods in (sentence.periods_before(position, clause_start), sentence.periods_before(position)):
        if periods:
            return periods[-1] if len(set(periods)) == 1 else None
    return None


def _is_per_unit(unit: str) -> bool:
    return unit.startswith(("元/", "万元/"))


def _per_unit_metric(metric: str | None, unit: str, label: str) -> str | None:
    """A price's unit may say more than its words: 价格 in 元/月/台 is a server's monthly rent, and a
    cost line its own label names, in 万元/台/月, is that cost per server-month (not a 合计 after it)."""
    if metric is None or not _is_per_unit(unit):
        return metric
    if metric == "unit_price":
        return price_named_by_unit(metric, unit)
    named = map_metric(label)
    if metric in PER_SERVER_MONTH or metric in PER_SERVER_MONTH.values():
        per_month = map_metric(unit) == "price_per_server_month" and named in PER_SERVER_MONTH
        return PER_SERVER_MONTH[named] if per_month else None
    return metric


def _glued(sentence: str, value: re.Match[str]) -> bool:
    """Numbers printed back to back ("合计100.00%100.00%") are a table row read as text: which of
    its columns, and so which period, each belongs to is not known."""
    start, end = value.start(), value.end()
    return bool(_GLUED_BEFORE.search(sentence[max(0, start - 2) : start])) or sentence[end : end + 1].isdigit()


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
    if _is_per_unit(unit):
        return kind == "price"  # "235.00万元/台" is a price, never an amount
    if unit == "年":
        return metric in _YEAR_UNIT_METRICS
    return unit in _UNITS_OF_KIND.get(kind, frozenset({unit}))
