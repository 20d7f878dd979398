"""The heading tree of a filing: 问题N → 一、 → (一) → 1、/1. → (1) → ① / 1).

A numbered line is a heading only if it continues the numbering of its level under the same
parent (first item 1, then at most one number skipped), so an isolated "(3)" in quoted
question text, a table row "1.1769.25" or a date is not taken for one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from orchestration.lib.parsing.model import Section

TITLE_CHARS = 60
# Real filings skip a number now and then (a missing (四)); more than that is not a sequence.
MAX_NUMBER_GAP = 2
FIRST_NUMBERS = (1,)

_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CN = "[一二三四五六七八九十]{1,3}"

# (level, pattern); group "n" is the number as printed. Patterns run on NFKC text, so full-width
# parentheses and digits are already ASCII.
_HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"^问题\s*(?P<n>\d{1,2})(?!\d)\s*[:.、]?")),
    (1, re.compile(rf"^(?P<n>{_CN})、")),
    (2, re.compile(rf"^\((?P<n>{_CN})\)")),
    (3, re.compile(r"^(?P<n>\d{1,2})(?:、|\.(?![\d.]))")),
    (4, re.compile(r"^\((?P<n>\d{1,2})\)")),
    (5, re.compile(rf"^(?P<n>[{_CIRCLED}])|^(?P<n2>\d{{1,2}})\)")),
)
# A cheap first look: every heading opens with one of these (full-width forms included).
_MAY_OPEN_HEADING = re.compile(rf"^\s*[问一二三四五六七八九十(（0-9０-９{_CIRCLED}]")
_TOC_LEADER = re.compile(r"\.{4,}|…{2,}|·{4,}|第\s*\d+\s*[—\-–~]\s*\d+\s*页")
_AMOUNT = re.compile(r"\d+\.\d{2}")
_WIDE_GAP = re.compile(r"\S\s{3,}\S")
_TITLE_END = re.compile(r"[。;；]")


@dataclass(slots=True)
class _Candidate:
    line_no: int
    level: int
    number: int
    marker: str
    title: str


def find_sections(lines: list[str]) -> list[Section]:
    candidates = [c for no, line in enumerate(lines, start=1) if (c := _heading_candidate(no, line))]
    return _build_tree(_keep_numbered_runs(candidates), last_line=len(lines))


def _heading_candidate(line_no: int, line: str) -> _Candidate | None:
    if not _MAY_OPEN_HEADING.match(line) or "\t" in line or _TOC_LEADER.search(line):
        return None
    text = _normalise_keeping_circled_numbers(line.strip())
    for level, pattern in _HEADING_PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        printed = match.group("n") or match.groupdict().get("n2")
        rest = text[match.end() :].strip()
        if not _looks_like_heading_text(rest):
            return None
        marker = _marker_as_printed(level, printed, match.group(0))
        return _Candidate(line_no, level, _to_int(printed), marker, _title(rest))
    return None


def _normalise_keeping_circled_numbers(text: str) -> str:
    """NFKC turns ① into 1, which would make a level-5 heading look like a level-3 one."""
    return text if text[:1] in _CIRCLED else unicodedata.normalize("NFKC", text)


def _looks_like_heading_text(rest: str) -> bool:
    """A heading names a topic; a table row carries amounts or aligned columns after its number."""
    if rest and (rest[0].isascii() and rest[0].isdigit() or rest[0] in "%.-/"):
        return False
    return len(_AMOUNT.findall(rest)) < 2 and not _WIDE_GAP.search(rest)


def _marker_as_printed(level: int, printed: str, matched: str) -> str:
    if level == 0:
        return f"问题{printed}"
    if level in (2, 4):
        return f"({printed})"
    if level == 5 and matched.endswith(")"):
        return f"{printed})"
    return printed


def _title(rest: str) -> str:
    """The heading text up to the end of its first sentence: headings glued to body text stop there."""
    end = _TITLE_END.search(rest)
    title = rest[: end.start()] if end else rest
    return title.strip(" :")[:TITLE_CHARS]


def _to_int(printed: str) -> int:
    if printed in _CIRCLED:
        return _CIRCLED.index(printed) + 1
    if printed.isascii():
        return int(printed)
    if printed.startswith("十"):
        return 10 + _CHINESE_DIGITS.get(printed[1:], 0)
    if "十" in printed:
        tens, _, units = printed.partition("十")
        return _CHINESE_DIGITS[tens] * 10 + _CHINESE_DIGITS.get(units, 0)
    return _CHINESE_DIGITS[printed]


def _keep_numbered_runs(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep candidates that start or continue the numbering of their level under their parent."""
    last_number: dict[int, int] = {}
    kept: list[_Candidate] = []
    for candidate in candidates:
        previous = last_number.get(candidate.level)
        continues = previous is not None and previous < candidate.number <= previous + MAX_NUMBER_GAP
        if not (continues or _starts_run(candidate, previous)):
            continue
        kept.append(candidate)
        last_number[candidate.level] = candidate.number
        for deeper in [level for level in last_number if level > candidate.level]:
            del last_number[deeper]
    return kept


def _starts_run(candidate: _Candidate, previous: int | None) -> bool:
    """A run starts at 1; only numbered lists (level 3 and deeper) restart at 1 under one parent."""
    if previous is None:
        return candidate.number in FIRST_NUMBERS
    return candidate.level >= 3 and candidate.number == 1


def _build_tree(headings: list[_Candidate], last_line: int) -> list[Section]:
    sections: list[Section] = []
    open_sections: list[Section] = []
    for heading in headings:
        while open_sections and open_sections[-1].level >= heading.level:
            open_sections.pop().line_end = heading.line_no - 1
        parent = open_sections[-1].section_id if open_sections else None
        section = Section(
            section_id=f"s{heading.line_no}",
            parent_id=parent,
            level=heading.level,
            marker=heading.marker,
            title=heading.title,
            line_start=heading.line_no,
            line_end=last_line,
        )
        sections.append(section)
        open_sections.append(section)
    return sections
