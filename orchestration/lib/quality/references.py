"""Stale references: a sentence that sends the reader to a part of the filing that is not where it says.

Replies are edited and reordered between drafts, and a "详见前文问题三" written when question 3 came
first survives the move. A reference is checked when it names its target: a quoted heading
(参见后文"(二)结合…") or a question (问题三, 问题 3). It is stale when no heading of the filing starts
with the quoted words, or when it says 前文 (earlier) and the target comes later, or 后文 (later) and the
target came earlier. Table-of-contents lines are not headings.
"""

from __future__ import annotations

import re

from orchestration.lib.quality.findings import FactRef, Finding

_REFERENCE = re.compile(
    r"(?:详见|参见)(?P<where>前文|后文|上文|下文)?(?:本[^“”。;；,，]{0,8}?之?)?"
    r"(?:“(?P<quoted>[^”]{6,})|问题(?P<question>[0-9一二三四五六七八九十]+))"
)
# Numbering in front of a heading ("(三)、3、", "2."), which a reference may quote or leave out.
_ENUMERATORS = re.compile(r"^(?:(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十\d]{1,3}[、.．]|[①-⑩])[、.．]?)+")
_QUESTION = re.compile(r"^\s*问题\s*(?P<number>[0-9一二三四五六七八九十]+)\s*[:：]?")
_TOC = re.compile(r"\.{4,}|…{2,}")
_SPACE = re.compile(r"\s+")
_CHINESE_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
# The words of a quoted heading compared: enough to name one heading, short enough to survive a line wrap.
_QUOTED_CHARS = 12
_EARLIER, _LATER = frozenset({"前文", "上文"}), frozenset({"后文", "下文"})


def find_stale_references(filing_id: str, text: str) -> list[Finding]:
    lines = text.splitlines()
    compact = [_SPACE.sub("", line) for line in lines]
    questions = _question_lines(lines)
    findings = []
    for line_no, line in enumerate(compact, start=1):
        for match in _REFERENCE.finditer(line):
            targets = _targets(match, compact, questions, line_no)
            problem = _problem(match["where"], targets, line_no)
            if problem is not None:
                findings.append(_finding(filing_id, line_no, lines[line_no - 1], match.group(0), problem))
    return findings


def _question_lines(lines: list[str]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for line_no, line in enumerate(lines, start=1):
        match = _QUESTION.match(line)
        if match and not _TOC.search(line):
            found.setdefault(_number(match["number"]), []).append(line_no)
    return found


def _targets(match: re.Match[str], compact: list[str], questions: dict[int, list[int]], line_no: int) -> list[int] | None:
    """Lines the reference can point at; None when it names nothing checkable."""
    if match["question"]:
        return questions.get(_number(match["question"]), []) if questions else None
    words = _ENUMERATORS.sub("", match["quoted"])[:_QUOTED_CHARS]
    return [
        no for no, line in enumerate(compact, start=1)
        if no != line_no and _ENUMERATORS.sub("", line).startswith(words) and not _TOC.search(line)
    ]


def _problem(where: str | None, targets: list[int] | None, line_no: int) -> tuple[str, str] | None:
    """(English, Chinese) of what is wrong, or None."""
    if targets is None:
        return None
    if not targets:
        return "points to a part the filing does not contain", "所指内容在文件中不存在"
    if where in _EARLIER and all(t > line_no for t in targets):
        return f"says earlier but the part begins later, on line {min(targets)}", f"称“前文”,但所指内容在其后第{min(targets)}行"
    if where in _LATER and all(t < line_no for t in targets):
        return f"says later but the part came earlier, on line {max(targets)}", f"称“后文”,但所指内容在其前第{max(targets)}行"
    return None


def _finding(filing_id: str, line_no: int, line: str, reference: str, problem: tuple[str, str]) -> Finding:
    return Finding(
        kind="stale_reference", severity="medium",
        description=f"The reference {reference} on line {line_no} {problem[0]}.",
        description_zh=f"第{line_no}行的引用“{reference}”{problem[1]}。",
        refs=(FactRef(filing_id, None, line_no, reference, None, line.strip()),),
    )


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 2 and text[0] == "十":
        return 10 + _CHINESE_DIGITS[text[1]]
    return _CHINESE_DIGITS.get(text, 0)
