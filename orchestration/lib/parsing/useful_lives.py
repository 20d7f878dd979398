"""Useful lives and residual rates of depreciation-policy tables printed run together.

A policy table (类别 | 公司 | 折旧方法 | 折旧年限(年) | 残值率(%)) extracted from a PDF may print its
cells glued, several rows to a line: ``润建股份年限平均法20-305华星创业年限平均法305``.  The method
word ends each row's text, and the digits after it are a life and a rate glued together: a life is
a whole number of years or a range of them (``20-30``), a rate a whole or decimal percent, a range
(``0-5``) or alternatives (``4/5``).  Neither prints a redundant leading 0, a range rises, and a
rate stays under 100, so ``305`` can only be 30 years and 5%.  A run read more than one way
gives nothing.  Each end of a range is a fact of its own; none carries a period or a metric.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from orchestration.lib.parsing.attribution import FilingContext
from orchestration.lib.parsing.model import Fact
from orchestration.lib.parsing.prose_meaning import fact_in_text
from orchestration.lib.parsing.prose_rows import RowNumber

_HEADER_WORDS = ("折旧年限", "残值率")
# The table ends at a note, a sentence, or this many lines below its last header.
_MAX_SPAN = 60
_END = re.compile(r"^\s*注|。")
_METHOD = re.compile(r"(?:年限平均法|平均年限法|直线法|工作量法|双倍余额递减法|年数总和法)")
_RUN = re.compile(r"[\d\-/.]+")
# A page break inside the table glues the page id (7-2-76) and the repeated header after a row's run.
_PAGE_ID = re.compile(r"\d{1,2}-\d{1,2}-\d{1,4}")
_YEARS = re.compile(r"(?P<low>[1-9]\d?)(?:-(?P<high>[1-9]\d?))?")
_PERCENT = r"(?:0|[1-9]\d?)(?:\.\d+)?"
_RATE = re.compile(rf"(?P<low>{_PERCENT})(?:(?P<sep>[-/])(?P<high>{_PERCENT}))?")
LIFE_LABEL, RATE_LABEL = "折旧年限", "残值率"
# A two-column life table's header: a stub word and one measure naming a life, a page number glued before it.
_LIFE_TABLE_HEADER = re.compile(
    r"^\s*\d{0,4}\s*(?:项目|公司名称|公司|名称|类别)\s*(?P<measure>[\u4e00-\u9fff]{0,12}(?:折旧|使用)年限)\s*(?:[(（]年[)）])?\s*$"
)
_NAME = r"[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z()（）]*?"
_NAMED_LIFE = re.compile(rf"(?P<name>{_NAME})(?P<life>[1-9]\d?)(?!\d)")
_NAMED_LIVES = re.compile(rf"(?:{_NAME}[1-9]\d?(?!\d)){{2,}}")
CONFIDENCE = 0.7


@dataclass(frozen=True, slots=True)
class _End:
    text: str
    offset: int  # within the run


def with_useful_lives(facts: list[Fact], lines: list[str], context: FilingContext) -> list[Fact]:
    """``facts`` with the lives and rates of run-together policy rows, in place of any number a table
    reader took from those rows' digits (``215`` is no number: 2 years and 15%, or 21 and 5), and the
    lives of two-column life tables printed run together."""
    facts = _with_named_lives(facts, lines, context)
    runs = list(_policy_runs(lines))
    if not runs:
        return facts
    glued: dict[int, list[str]] = {}
    for line_no, run, _ in runs:
        glued.setdefault(line_no, []).append(run.group())
    kept = [f for f in facts if not any(f.raw_text.strip() in run for run in glued.get(f.line_no, ()))]
    return kept + [
        _fact(context, line_no, run.start() + end.offset, end.text, unit, label, column)
        for line_no, run, label in runs
        for column, unit, end in _split(run.group(), lines[line_no - 1][run.end() :])
    ]


def _with_named_lives(facts: list[Fact], lines: list[str], context: FilingContext) -> list[Fact]:
    """A table of one life per name (项目 | 算力服务器折旧年限) printed run together under its header
    (``弘信电子5发行人现有业务5本次募投5``): a life is a whole number of years under 100 with no leading 0
    between names, so each digit run is its name's life. The header's 年限 says the unit: years."""
    found: list[Fact] = []
    above = ""  # the last line with text
    for line_no, line in enumerate(lines, start=1):
        header, above = _LIFE_TABLE_HEADER.match(above), line if line.strip() else above
        if header is None or not _NAMED_LIVES.fullmatch(line.strip()):
            continue
        column = len(line) - len(line.lstrip())
        for named in _NAMED_LIFE.finditer(line.strip()):
            found.append(_fact(context, line_no, column + named.start("life"), named.group("life"), "年",
                               named.group("name"), header.group("measure")))
    if not found:
        return facts
    lines_read = {fact.line_no for fact in found}
    return [fact for fact in facts if fact.line_no not in lines_read] + found


def _policy_runs(lines: list[str]) -> Iterator[tuple[int, re.Match[str], str]]:
    """(line, run, row text) of each run of digits glued after a method word in a policy table."""
    for line_no in _policy_lines(lines):
        line = lines[line_no - 1]
        for method in _METHOD.finditer(line):
            if run := _RUN.match(line, method.end()):
                yield line_no, run, _row_text(line, method.start())


def _policy_lines(lines: list[str]) -> list[int]:
    """Line numbers (1-based) from each header naming a life and a rate to the table's end."""
    found: list[int] = []
    last_header = None
    for line_no, line in enumerate(lines, start=1):
        if last_header is None and _HEADER_WORDS[1] not in line:
            continue
        if all(word in line for word in _HEADER_WORDS):
            last_header = line_no
        elif last_header is None or _END.search(line) or line_no - last_header > _MAX_SPAN:
            last_header = None
            continue
        found.append(line_no)
    return found


def _row_text(line: str, method_start: int) -> str:
    """The row's text before its method word, back to the previous row's digits."""
    before = line[:method_start]
    digits = list(re.finditer(r"\d", before))
    return before[digits[-1].end() :].strip() if digits else before.strip()


def _split(run: str, after: str) -> list[tuple[str, str, _End]]:
    """(column, unit, printed end) of the one reading of the run as a life and a rate, else nothing."""
    cells = [run]
    if _HEADER_WORDS[0] in after:  # the header repeated after a page break: the run may end in the page id
        cells = [run[:k] for k in range(1, len(run)) if _PAGE_ID.fullmatch(run[k:])] or cells
    readings = [
        (life, rate)
        for text in cells
        for cut in range(1, len(text))
        if (life := _ends(_YEARS, text[:cut], 0)) and (rate := _ends(_RATE, text[cut:], cut))
    ]
    if len(readings) != 1:
        return []
    life, rate = readings[0]
    return [(LIFE_LABEL, "年", end) for end in life] + [(RATE_LABEL, "%", end) for end in rate]


def _ends(pattern: re.Pattern[str], text: str, offset: int) -> list[_End]:
    """The printed ends of one cell, or none when the text is no such cell (a range must rise)."""
    m = pattern.fullmatch(text)
    if m is None:
        return []
    low, high = m.group("low"), m.group("high")
    if high is None:
        return [_End(low, offset)]
    if m.groupdict().get("sep", "-") == "-" and float(low) >= float(high):
        return []
    return [_End(low, offset), _End(high, offset + m.start("high"))]


def _fact(
    context: FilingContext, line_no: int, column: int, raw: str, unit: str, label: str, column_label: str
) -> Fact:
    printed = RowNumber(line_no, column, raw, float(raw), unit)
    return fact_in_text(
        f"u{line_no}-{column}", printed, context, row_label=label or None, column_label=column_label,
        period=None, entity=None, entity_kind=None, label_zh=label, metric=None, confidence=CONFIDENCE,
    )
