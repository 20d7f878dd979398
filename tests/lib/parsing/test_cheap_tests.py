"""The cheap tests that keep lines and labels from the expensive readers decide as the readers would.

Each shortcut of issue 15 (parse throughput) claims that what it rules out could not have given
anything; these tests hold each claim against every line of the real filings.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from orchestration.lib.parsing import cleanup, periods, prose_numbers
from orchestration.lib.parsing.cleanup import clean
from orchestration.lib.parsing.tables import concat, headers
from orchestration.lib.parsing.tables.fields import field_count, fields
from orchestration.lib.parsing.tables.headers import is_period_header
from orchestration.lib.parsing.tables.labels import RawRow
from orchestration.lib.parsing.tables.rowids import strip_sequence_ids
from orchestration.lib.parsing.tables.split import most_cells, split_run
from orchestration.lib.parsing.tables.split_tokens import lattice
from tests.conftest import REAL_FILINGS


@pytest.fixture(scope="module")
def real_lines() -> list[str]:
    return [line for path in sorted(REAL_FILINGS.glob("*.txt")) for line in clean(path.read_text("utf-8")).lines]


def test_a_line_is_counted_into_as_many_fields_as_it_is_cut_into(real_lines):
    lines = [*real_lines, "项目\u3000\u3000金额", "  收入    1.00  2.00 "]
    assert all(field_count(line) == len(fields(line)) for line in lines)


def test_sentence_punctuation_rules_out_a_period_header():
    assert is_period_header("2023年度2024年度2025年1-6月")
    assert not is_period_header("2023年度、2024年度，公司收入")
    assert not is_period_header("2023年度：2024年度")


def test_a_run_is_tokenized_once_for_all_its_readings():
    run = "13563.1727126.3427126.3424300.6821475.0214951.31"
    lattice.cache_clear()
    assert [n.value for n in split_run(run, 6).numbers] == [13563.17, 27126.34, 27126.34, 24300.68, 21475.02, 14951.31]
    split_run(run, None)
    info = lattice.cache_info()
    assert (info.misses, info.hits) == (1, 1)


def test_without_a_column_count_a_bare_integer_ends_only_where_the_run_or_a_space_does():
    run = lattice("1200.001300", frozenset(), False)
    assert [(t.raw, end) for t, end in run.tokens(7)] == [("1", 8), ("13", 9), ("130", 10), ("1300", 11)]
    assert [(t.raw, end) for t, end in run.delimited(7)] == [("1300", 11)]


def test_a_line_printing_a_word_of_text_is_no_page_marker(real_lines):
    markers = (cleanup._PAGE_ID, cleanup._DASHED_PAGE, cleanup._WORDED_PAGE, cleanup._BARE_PAGE)
    worded = [line for line in [*real_lines, "第 3 页 共 9 页", "－ 12 －"] if cleanup._WORD_OF_TEXT.search(line)]
    assert len(worded) > 1000
    assert not any(m.match(unicodedata.normalize("NFKC", line).strip()) for line in worded for m in markers)
    assert not cleanup._WORD_OF_TEXT.search("第 3 页，共 9 页")


@pytest.mark.parametrize(
    ("guarded", "guard"),
    [
        (periods._PERIOD_IN_TEXT, f"(?=[{periods.PERIOD_FIRST_CHARS}])"),
        (headers._PERIOD, headers.PERIOD_FIRST),
    ],
)
def test_period_mentions_are_found_where_the_bare_alternatives_find_them(guarded, guard):
    bare = re.compile(guarded.pattern.removeprefix(guard))
    assert bare.pattern != guarded.pattern
    texts = [path.read_text("utf-8") for path in sorted(REAL_FILINGS.glob("*.txt"))] + [
        "报告期各期末", "报告期内", "最近三年及一期", "2023年、2024年度", "2022年-2024年1-6月", "2025年1-6月",
        "2024年第三季度", "2024年上半年", "2024年12月31日", "2024.12.31", "2024年末", "2024财年", "第1-3年",
        "T+2", "T + 3", "建设期", "运营期平均", "年平均毛利率", "计算期年平均", "2024-12-31", "2024/6/30",
    ]  # fmt: skip
    found = [[(m.span(), m.groupdict()) for m in guarded.finditer(text)] for text in texts]
    assert found == [[(m.span(), m.groupdict()) for m in bare.finditer(text)] for text in texts]
    assert sum(map(len, found)) > 1000


def test_no_run_of_the_real_filings_splits_into_more_cells_than_most_cells_allows(real_lines):
    runs = {m.group() for line in real_lines for m in concat.RUN.finditer(line)} | {
        "12.3456", "13563.1727126.34", "1,200.00-3.5%12台", "(1,234.56)——12.30", "12 34 56", "100.00不适用12.00"
    }  # fmt: skip
    read = [(run, split_run(run, None).numbers or []) for run in sorted(runs)]
    assert sum(len(numbers) >= 2 for _, numbers in read) > 300
    assert all(len(numbers) <= most_cells(run) for run, numbers in read)
    assert most_cells("13563.1727126.34") == 2  # two amounts ending in their points: nothing left for a bare integer
    assert most_cells("12.3456") == 2  # 12.34 and 56


def test_a_cut_unit_is_the_longest_unit_beginning_no_whole_unit_outreaches(real_lines):
    def by_every_symbol(sentence, value):  # the definition, one symbol at a time
        printed, at = value.group("unit") or "", value.end("number")
        following = sentence[at : at + prose_numbers._LONGEST_UNIT].lstrip()
        if not printed and following.startswith("//"):
            return "//"
        if any(following.startswith(s) and len(s) > len(printed) for s in prose_numbers.UNIT_SYMBOLS):
            return None
        if printed == "万" and value.end() > at:
            return None
        begun = max((b for b in prose_numbers._BEGUN_UNITS if len(b) > len(printed) and following.startswith(b)), key=len, default=None)
        if begun in ("万", "亿") and not prose_numbers._remainder_follows(sentence, at + len(begun), begun):
            return None
        return begun

    sentences = [*real_lines, "单价638900元/排，另有261个日历天", "33868.80万产的设备开元;", "648900//组网", "3万、5万和10万人"]
    values = [(text, v) for text in sentences for v in prose_numbers.VALUE.finditer(text)]
    assert len(values) > 10_000
    cuts = [(prose_numbers.cut_unit(text, v), by_every_symbol(text, v)) for text, v in values]
    assert all(fast == slow for fast, slow in cuts)
    assert {"元/", "//"} <= {fast for fast, _ in cuts}


def test_a_table_with_no_formula_is_not_searched_for_an_id_sequence():
    raws = [RawRow(k, None, label, run, "") for k, (label, run) in enumerate(
        [("营业收入", "1241517.49"), ("营业成本", "2100.00"), ("毛利", "3141517.49")]
    )]  # fmt: skip
    strip_sequence_ids(raws)
    assert [(r.row_id, r.run) for r in raws] == [(None, "1241517.49"), (None, "2100.00"), (None, "3141517.49")]
    with_formula = [*raws, RawRow(3, None, "付现成本总额4=1+2-", "3259227.51", "")]
    strip_sequence_ids(with_formula)
    assert [(r.row_id, r.run) for r in with_formula] == [
        ("1", "241517.49"), ("2", "100.00"), ("3", "141517.49"), ("4", "259227.51")
    ]
