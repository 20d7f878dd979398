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
text cannot be pointed to on one line. A unit begun but not finished where it is printed (torn by
text interleaved from another column: "638900元/排…", "33868.80万产的…") is never completed by guess:
the value is kept with no unit and its doubt recorded (``unit_cut``).

The patterns of numbers and units live in ``prose_numbers``, what the words before a number say in
``prose_context``, which metric a number takes in ``prose_metric``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from orchestration.lib.parsing.metrics import map_metric
from orchestration.lib.parsing.periods import ReportingWindow
from orchestration.lib.parsing.prose_context import (
    Sentence,
    clause_from,
    clause_of,
    context_before,
    context_from,
    label_before,
)
from orchestration.lib.parsing.prose_metric import (
    NOUN_AFTER_CHARS,
    SHARE_OF,
    SHARE_WORD,
    metric_of_label,
    per_unit_metric,
    share_named_before,
    stands_alone,
    unit_fits,
)
from orchestration.lib.parsing.prose_numbers import (
    RANGE,
    VALUE,
    cut_unit,
    decimals,
    is_not_a_quantity,
    unit_of,
    units_shared_backwards,
)
from orchestration.lib.parsing.prose_spans import Paragraph, Span

# "分别为 a、b和c" or "分别实现营业收入 a、b和c": a list of values, one per period named before it.
_LIST_INTRO = re.compile(r"分别|依次")
# "a、b和c", and "a、b、和c" too.
_LIST_SEPARATOR = re.compile(r"\s*(?:[、，,]\s*(?:和|及|与|以及)?|和|及|与|以及)\s*")
# A note (注3:) opens a sentence of its own even when the text before it has no full stop.
_SENTENCE_END = re.compile(r"[。；;！？!?]|(?=注\s*\d{1,2}\s*[:：])")
# Words before a number that make it a bound ("大于100万元") or a change ("由50%变更为30%").
_BOUND_AT_END = re.compile(r"(?:大于|小于|(?<!不)超过|(?<!不)低于|高于|以上|以下)\s*$")
_CHANGE_AT_END = re.compile(
    r"(?:由|从|增长|下降|降低|减少|增加|提升|提高|上升|上涨|上调|下调|上浮|下浮|变更|变动|调整|较|(?<!占)比|涨幅|降幅)\s*$"
)
# A floor stated of a figure ("机架超 30000个", "同比增长超65%"): printed, but not the figure's level.
_FLOOR_AT_END = re.compile(r"(?<!不)超\s*$")
# A comparison ("较公司2024年财务费用率高0.9%") states a difference, not a level.
_COMPARED = re.compile(r"^较.{1,30}(?:高|低|多|少)$")
# A period right before the number, joined by 的, is the base of a share: "约为2024财政年度的73.71%".
_OF_PERIOD = re.compile(r"(?:年|年度|月|季度|月末|年末|财年)\s*的\s*$")
_OF_PERIOD_CHARS = 8
# How far back a number's own clause is looked for: a clause is a few dozen characters.
_CLAUSE_CHARS = 200
# A month named in the number's own clause ("2024年6月集中交付…4400P") dates an event, not a period.
_EVENT_MONTH = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?!\s*(?:末|底|份?\s*[-—–~至到]|\d))")
_GLUED_BEFORE = re.compile(r"\d%?$")
# A list's label naming a rate of change: "同比变动率", "增长率", "增幅".
_CHANGE_NAMED = re.compile(r"(?:变动|增长|变化|下降)(?:率|幅度|比例)$|增幅$|降幅$|增速$")
# An ordinal or code mark right before a number, spaces allowed between: "第5条", "A3", "-2", "1/2".
_ORDINAL_MARKS = frozenset("第-/." + string.ascii_letters)
# A Latin word of two letters or more set apart from the number by a space ("AI 4787P", "GPU 300台").
_SPACED_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2,}\s+$")
_WINDOW_WORDS = re.compile(r"报告期")
_SENTENCE_CLOSERS = "。；;:：!?！？"
_SINGLE_VALUE_CHARS = 40
_SPACES = re.compile(r"\s*")
_DURATIONS = frozenset({"年", "个月"})  # a length of time is no period's figure
_ENDS_WITH_TOTAL = re.compile(r"(?:合计|共计|总计)\s*(?:为|约)?\s*$")
# A forecast figure stated for the operating years as a whole: "运营期平均毛利率", "达产后预计毛利率".
_MODEL_AVERAGE = re.compile(r"运营期.{0,3}(?:平均|年均|综合)|达产(?:后|期)|年均|年平均")


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
    unit_cut: bool = False  # the unit was begun but not finished where it is printed: kept with no unit


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
    value = VALUE.search(sentence)
    if value is None:
        return  # most sentences state no number: their periods and markets are not indexed
    indexed = Sentence(sentence, window)
    metric_before: str | None = None
    intro = _LIST_INTRO.search(sentence)
    while value is not None:
        listed = intro is not None and intro.end() <= value.start()
        if listed and len(run := list(_value_list(sentence, value.start()))) >= 2:
            facts = list(_list_facts(paragraph, start, indexed, value.start(), run, metric_before))
            metric_before = next((fact.metric for fact in facts if fact.metric), metric_before)
            yield from facts
            position = run[-1].end()
        elif ranged := RANGE.match(sentence, value.start()):
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
        value = VALUE.search(sentence, position)


def _range_facts(
    paragraph: Paragraph, offset: int, indexed: Sentence, ranged: re.Match[str], metric_before: str | None
) -> list[ProseFact]:
    """Both ends of a range, each as printed, with the meaning the words before the range give it
    and the high end's unit; none when either end cannot be pointed to on one line."""
    low, high = ranged.group("low"), ranged.group("number")
    if float(low) >= float(high) or decimals(low) != decimals(high):
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


def _value_list(sentence: str, position: int) -> Iterator[re.Match[str]]:
    """Values joined by 、/和/及 right after 分别为."""
    while True:
        position = _SPACES.match(sentence, position).end()
        value = VALUE.match(sentence, position)
        if value is None or is_not_a_quantity(sentence, value):
            return
        yield value
        separator = _LIST_SEPARATOR.match(sentence, value.end())
        if separator is None:
            return
        position = separator.end()


def _list_facts(
    paragraph: Paragraph,
    offset: int,
    sentence: Sentence,
    list_start: int,
    values: list[re.Match[str]],
    metric_before: str | None,
) -> Iterator[ProseFact]:
    context = context_before(sentence.text, list_start)
    label = label_before(context, len(context))
    aligned = _aligned_periods(sentence, list_start, len(values))
    units = units_shared_backwards([unit_of(value) for value in values])
    if SHARE_WORD.match(label):
        metric = SHARE_OF.get(metric_before or "") or share_named_before(context)
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


def _aligned_periods(sentence: Sentence, list_start: int, count: int) -> list[str | None]:
    """The periods of a list: those of its own clause, else of its sentence, if they are as many as the values."""
    context_start = context_from(list_start)
    clause_start = context_start + clause_from(sentence.text[context_start:list_start], list_start - context_start)
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
    indexed: Sentence,
    value: re.Match[str],
    metric_before: str | None,
) -> ProseFact | None:
    """One stated number with its unit; its metric when the words before it name one that fits
    the unit, none when they state a bound or a change ("增长117%") or name nothing."""
    unit = unit_of(value)
    sentence = indexed.text
    context = context_before(sentence, value.start())
    before = sentence[max(0, value.start() - _SINGLE_VALUE_CHARS) : value.start()]
    if (cut := cut_unit(sentence, value)) and not _ends_with_a_code_mark(context):
        return _unit_cut_fact(paragraph, offset, value, cut, label_before(before, len(before)))
    if unit is None or is_not_a_quantity(sentence, value) or _ends_with_a_code_mark(context):
        return None
    label = label_before(before, len(before))
    after_total = not label and _ENDS_WITH_TOTAL.search(before)
    after = sentence[value.end() : value.end() + NOUN_AFTER_CHARS]
    metric = metric_before if after_total else metric_of_label(label, unit, metric_before, after)
    if _BOUND_AT_END.search(before.rstrip()):
        return None  # a threshold ("余额大于100万元") is a rule, not a reported figure
    change = bool(_CHANGE_AT_END.search(before.rstrip()) or _CHANGE_AT_END.search(label) or _COMPARED.search(label))
    if change:
        metric = None  # a change ("同比增长117%") is printed, but it is not the metric's level
    metric = per_unit_metric(metric, unit, label)
    if metric is not None and not unit_fits(metric, unit):
        metric = None
    if metric is None and not stands_alone(unit, before, after):
        return None
    if _FLOOR_AT_END.search(before.rstrip()):
        metric = None  # "机架超 30000个": what it counts is named, but a floor is not the count
    # A change is between two periods, so it is neither one's figure (docs/periods.md).
    clause = clause_of(before)
    undated = change or unit in _DURATIONS or _EVENT_MONTH.search(clause) or _glued(sentence, value)
    period = None if undated else _period_of(indexed, value.start())
    if _MODEL_AVERAGE.search(label):
        period = "MODEL_AVG"
    return _fact(paragraph, offset, value, unit, period, label, metric, indexed.market_before(value.start()))


def _unit_cut_fact(
    paragraph: Paragraph, offset: int, value: re.Match[str], cut: str, label: str
) -> ProseFact | None:
    """A number whose unit is begun but not finished where it is printed ("33868.80万" before other text,
    "638900元/" before a word no price is per): its value, with no unit, no metric, no period, its doubt recorded."""
    fact = _fact(paragraph, offset, value, None, None, label, None, None)
    if fact is None:
        return None
    start = offset + value.start("number")
    end = min(start + len(value.group("number")) + len(cut), paragraph.line_end(start))
    return replace(fact, raw_text=paragraph.text[start:end], unit_cut=True)


def _period_of(sentence: Sentence, position: int) -> str | None:
    """The one period the number's own clause names ("…，2025年实现营收46,160.36万元"), else the one
    its sentence names; none when either names several."""
    context = sentence.text[max(0, position - _CLAUSE_CHARS) : position]
    if _OF_PERIOD.search(context[-_OF_PERIOD_CHARS:]):
        return None  # "约为2024财政年度的73.71%": a share of that period's figure, not its own
    clause_start = position - len(context) + clause_from(context, len(context))
    for periods in (sentence.periods_before(position, clause_start), sentence.periods_before(position)):
        if periods:
            return periods[-1] if len(set(periods)) == 1 else None
    return None


def _glued(sentence: str, value: re.Match[str]) -> bool:
    """Numbers printed back to back ("合计100.00%100.00%") are a table row read as text: which of
    its columns, and so which period, each belongs to is not known."""
    start, end = value.start(), value.end()
    return bool(_GLUED_BEFORE.search(sentence[max(0, start - 2) : start])) or sentence[end : end + 1].isdigit()


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

