"""Column headers: period labels, labels split over lines, and headers printed without separators."""

from __future__ import annotations

import functools
import re

_CJK = r"\u3400-\u9fff\uff00-\uffef"
_SPACE_BY_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
# A period label starts with 第, a digit or T: looked ahead for first, the scan skips other positions at once.
PERIOD_FIRST = r"(?=[第\dT])"
_PERIOD = re.compile(
    PERIOD_FIRST + r"(?:第\s*\d+(?:\s*-\s*\d+)?\s*年(?:各年度)?"
    r"|\d{4}\s*年\s*(?:第?[一二三四1-4]\s*季度|上半年|前三季度|\d{1,2}\s*-\s*\d{1,2}\s*月|\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?|度)?\s*(?:末|年末)?"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|T\s*\+\s*\d+)"
)
_TRAILING_TOTAL = re.compile(r"\s*(合计|小计|平均值?|总计)")
# Column names that headers printed without separators are split by, longest first.
_COLUMN_WORDS = sorted(
    [
        "拟使用募集资金金额",
        "拟使用募集资金",
        "拟投入募集资金",
        "募集资金投入",
        "投资总额",
        "总投资",
        "投资金额",
        "总金额",
        "金额",
        "收入占比",
        "毛利占比",
        "毛利金额",
        "收入金额",
        "占比",
        "比重",
        "同比变动",
        "变动幅度",
        "单价",
        "比例",
        "数量单位",
        "数量",
        "单位",
        "账面余额",
        "坏账准备",
        "账面价值",
        "营业收入",
        "营业成本",
        "毛利率",
        "毛利",
        "收入",
        "成本",
        "净利润",
        "合计",
        "小计",
    ],
    key=len,
    reverse=True,
)
_COLUMN_SET = frozenset(_COLUMN_WORDS)
# The same words as one pattern: its alternatives are tried in the list's order, so a match at a
# position is the first (longest) word printed there, found in one call.
_COLUMN_WORD = re.compile("|".join(map(re.escape, _COLUMN_WORDS)))
MAX_HEADER_EXTRA = 20  # label-column words beside the periods (序号项目, 建设期运营期)
# A page id or a bare page number glued before a header (7-2-18序号, 162025年1-9月).
_PAGE_ID = re.compile(r"^(?:\d{1,3}(?:-\d{1,3}){1,2}(?=[^\d年月日天个期]))|^\d{1,3}(?=(?:19|20)\d\d\s*年)")
_NAME_PREFIX = re.compile(r"[\u4e00-\u9fff]{1,4}")
_SENTENCE_MARK = re.compile(r"[。，,；;：:]")
_DIGIT = re.compile(r"\d")
# 序号 printed over two lines leaves 号 after the period labels.
_WRAPPED_ID_HEADER = re.compile(r"^号")


def tidy(label: str) -> str:
    """Drop the spaces a PDF puts around CJK characters (``2022 年 度`` -> ``2022年度``)."""
    return _SPACE_BY_CJK.sub("", label.strip())


def strip_page_id(text: str) -> str:
    """A page id glued to the start of a repeated header (``7-2-18序号``) is not header text."""
    return _PAGE_ID.sub("", text, count=1)


def period_labels(text: str) -> list[str]:
    """Period column labels in printed order, plus a trailing total column (``合计``)."""
    labels = [tidy(m.group()) for m in _PERIOD.finditer(text)]
    if labels:
        last = list(_PERIOD.finditer(text))[-1]
        if total := _TRAILING_TOTAL.match(text, last.end()):
            labels.append(total.group(1))
    return labels


@functools.lru_cache(maxsize=1 << 14)  # detection and each table reader ask again of the same lines
def is_period_header(text: str) -> bool:
    """A line of two or more period labels and no other digits (``第1年第2年…``)."""
    if _SENTENCE_MARK.search(text):
        return False  # no period label prints one, so it is left beside them: a sentence, not a header
    text = strip_page_id(text.strip())
    if len(_PERIOD.findall(text)) < 2:
        return False
    rest = _PERIOD.sub("", text)
    return not _DIGIT.search(rest) and len(rest) <= MAX_HEADER_EXTRA


def split_run_together_header(text: str, count: int) -> tuple[str | None, list[str]]:
    """Split ``序号费用名称金额占比拟使用募集资金`` into the ``count`` value-column names from the right.

    Returns the text left over (the label columns' header) and the column names; unknown
    names come back as empty strings rather than guesses.
    """
    text = strip_page_id(tidy(text))
    periods = period_labels(text)
    if len(periods) == count:
        return text[: _PERIOD.search(text).start()] or None, periods
    names: list[str] = []
    rest = text
    while rest and len(names) < count:
        word = next((w for w in _COLUMN_WORDS if rest.endswith(w)), None)
        if word is None:
            break
        names.insert(0, word)
        rest = rest[: -len(word)]
    if len(names) == count:
        return rest or None, names
    return text or None, [""] * count


def _tokens(text: str) -> list[tuple[str, str]]:
    """The header as (kind, text) pieces: "period", "word" (a known column name) or "other"."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        if m := _PERIOD.match(text, i):
            out.append(("period", tidy(m.group())))
            i = m.end()
            continue
        word = m.group() if (m := _COLUMN_WORD.match(text, i)) else None
        if word:
            out.append(("word", word))
            i += len(word)
            continue
        if out and out[-1][0] == "other":
            out[-1] = ("other", out[-1][1] + text[i])
        else:
            out.append(("other", text[i]))
        i += 1
    return out


def split_glued_header(label: str) -> tuple[str, str] | None:
    """``公司业务名称2025年1-6月2024年利通电子…``: a header printed on the first row's line, as
    (header, label) when the label opens with two or more period labels."""
    found = list(_PERIOD.finditer(label))
    if len(found) < 2 or not is_period_header(label[: found[-1].end()]):
        return None
    return label[: found[-1].end()], label[found[-1].end() :]


def header_names(text: str) -> list[str]:
    """The period labels and known column names printed in a header, in order."""
    return [t for kind, t in _tokens(_rejoin_month_range(strip_page_id(tidy(text)))) if kind != "other"]


def header_columns(lines: list[str], count: int) -> tuple[str | None, list[str], str]:
    """The label columns' header, ``count`` value-column names and the text left after them.

    Periods printed over groups of columns (``2025年1-9月`` over 毛利率 and 收入占比) carry onto
    the names under them, so each column keeps its period.  The text after the last name is
    the start of the first row's label when that label is printed inside the header lines.
    """
    text = _rejoin_month_range("".join(strip_page_id(tidy(line)) for line in lines))
    tokens = _tokens(text)
    values = [k for k, (kind, _) in enumerate(tokens) if kind != "other"]
    if not values:
        return text or None, [""] * count, ""
    label = "".join(t for _, t in tokens[: values[0]]) or None
    trailing = _row_label_start("".join(t for _, t in tokens[values[-1] + 1 :]))
    periods = [t for kind, t in tokens if kind == "period"]
    named = _named_columns(tokens[values[0] : values[-1] + 1])
    if len(found := period_labels(text)) == count:
        label = text[: _PERIOD.search(text).start()] or None
        if columns := _periods_over_names(found, lines, count):
            return label, columns, trailing
        return label, found, _row_label_start(text[_periods_end(text) :])
    if len(named) == count and not _periods_stacked(named):
        return label, _carry_periods(named), trailing
    if periods and (columns := _periods_over_names(periods, lines, count)):
        return label, columns, trailing
    fallback_label, columns = split_run_together_header(text, count)
    return fallback_label, columns, ""


def text_after_periods(text: str) -> str:
    """What a header prints after its last period label (and a trailing 合计)."""
    return text[_periods_end(text) :] if _PERIOD.search(text) else ""


def _periods_end(text: str) -> int:
    last = list(_PERIOD.finditer(text))[-1]
    total = _TRAILING_TOTAL.match(text, last.end())
    return total.end() if total else last.end()


def _row_label_start(text: str) -> str:
    """Header text after the last column name that starts the first row's label: without the
    wrapped end of 序号 (``号``) or of a bracketed unit (``(万元)台、套)``, closing a bracket
    the header opened)."""
    text = _WRAPPED_ID_HEADER.sub("", text)
    depth, cut = 0, 0
    for k, char in enumerate(text):
        depth += (char in "(（") - (char in ")）")
        if depth < 0:
            depth, cut = 0, k + 1
    return text[cut:]


_ORPHAN_MONTHS = re.compile(r"(?<![年\d])\d{1,2}-\d{1,2}月")
_BARE_YEAR = re.compile(r"\d{4}年(?![\d度末上前第一二三四])")


def _rejoin_month_range(text: str) -> str:
    """``2025年`` over ``1-6月`` in a two-line header: the month range completes the bare year."""
    orphan = _ORPHAN_MONTHS.search(text)
    bare = _BARE_YEAR.search(text)
    if not orphan or not bare or bare.start() > orphan.start():
        return text
    months = orphan.group()
    text = text[: orphan.start()] + text[orphan.end() :]
    return text[: bare.end()] + months + text[bare.end() :]


def _periods_over_names(periods: list[str], lines: list[str], count: int) -> list[str] | None:
    """Each period over the same group of names: from a header line printing ``count`` names,
    either grouped by period (金额 变动幅度 金额 变动幅度 金额) or by name (金额金额 比重比重)."""
    for line in lines:
        words = [t for kind, t in _tokens(strip_page_id(tidy(line))) if kind == "word"]
        if len(words) != count:
            words = _finer_words(words)
        if len(words) != count:
            continue
        groups = _groups_opening_with(words, words[0])
        template = max(groups, key=len)
        same_names = len(set(template)) == len(template) and all(g == template[: len(g)] for g in groups)
        if same_names and len(groups) == len(periods):
            return [period + word for period, group in zip(periods, groups) for word in group]
        distinct = list(dict.fromkeys(words))
        if len(distinct) * len(periods) == count:
            return [period + word for period in periods for word in distinct]
    return None


def _finer_words(words: list[str]) -> list[str]:
    """Compound names read as their parts (收入占比 -> 收入, 占比): under periods spanning two
    columns each, ``收入占比收入占比`` is 收入 | 占比 twice, not two share columns."""
    finer: list[str] = []
    for word in words:
        halves = ([word[:k], word[k:]] for k in range(1, len(word)))
        finer.extend(next((pair for pair in halves if set(pair) <= _COLUMN_SET), [word]))
    return finer


def _groups_opening_with(words: list[str], first: str) -> list[list[str]]:
    groups: list[list[str]] = []
    for word in words:
        if word == first or not groups:
            groups.append([])
        groups[-1].append(word)
    return groups


def _named_columns(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Known names with any unknown text between them kept as the next name's prefix
    (``购置`` + ``金额`` is the column 购置金额)."""
    named: list[tuple[str, str]] = []
    prefix = ""
    for kind, text in tokens:
        if kind == "other":
            prefix = text if _NAME_PREFIX.fullmatch(text) else ""
            continue
        named.append((kind, prefix + text))
        prefix = ""
    return named


def _periods_stacked(named: list[tuple[str, str]]) -> bool:
    """Two or more periods printed before every name: a period line over a line of names, whose
    groups only the names' line can tell (never the last period carried onto every name)."""
    kinds = [kind for kind, _ in named]
    if kinds.count("period") < 2 or "word" not in kinds:
        return False
    return kinds.index("word") > max(k for k, kind in enumerate(kinds) if kind == "period")


def _carry_periods(named: list[tuple[str, str]]) -> list[str]:
    """``2025年一季度 占比 同比变动``: the names after a period are that period's columns."""
    columns, period = [], ""
    for kind, text in named:
        period = text if kind == "period" else period
        columns.append(text if kind == "period" else period + text)
    return columns
