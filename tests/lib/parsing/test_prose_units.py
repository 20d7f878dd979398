"""Prose numbers whose unit stands apart from the words naming them: after a colon, cut off by
interleaved text, or a price per month per thing (issue 10's prose misses)."""

from functools import cache

from orchestration.lib.parsing.cleanup import clean
from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.prose import prose_facts


def _prose(text: str) -> list[tuple[str, float, str | None]]:
    return [(f.raw_text, f.value, f.unit) for f in prose_facts(clean(text).lines, set())]


@cache
def _facts_of(text: str) -> list:
    """A real filing's facts, parsed once for this module."""
    return parse_filing(text).facts


def _on_line(text: str, line_no: int) -> list[tuple[str, float, str | None, bool]]:
    return [(f.raw_text, f.value, f.unit, f.ambiguous) for f in _facts_of(text) if f.line_no == line_no]


def test_a_value_after_a_words_colon_is_read_but_a_time_or_ratio_is_not():
    facts = _prose("算力服务器:78200元/月/台。每台设备付款期:36个月;会议于10:30召开，配比1:2台。\n")

    assert ("78200元/月/台", 78200.0, "元/月/台") in facts
    assert ("36个月", 36.0, "个月") in facts
    assert not [fact for fact in facts if fact[1] in (30.0, 2.0)]  # 10:30 and 1:2 are no quantities


def test_prices_after_a_colon_in_a_real_contract_table(scraped_reply):
    """001:1733 算力服务器:78200元/月/台 and 1735 算力服务器:73000元/月/台; 5269 每台设备付款期:36个月."""
    assert ("78200元/月/台", 78200.0, "元/月/台", False) in _on_line(scraped_reply, 1733)
    assert ("73000元/月/台", 73000.0, "元/月/台", False) in _on_line(scraped_reply, 1735)
    assert ("36个月", 36.0, "个月", False) in _on_line(scraped_reply, 5269)


def test_a_unit_begun_but_not_finished_keeps_the_value_with_no_unit_and_its_doubt():
    text = (
        "组网配套638900元/排发货。工期为60个日历日内完成。交易价格648900//组网配套:元月套,日期2024/11/27。\n"
        "付款期共计33868.80万产的公允价值相比足够低,因而在租赁开元;另有10万人参与,5G基站200GE接入。\n"
    )
    facts = [(f.raw_text, f.value, f.unit, f.ambiguous, f.period, f.metric) for f in parse_filing(text).facts]

    assert ("638900元/", 638900.0, None, True, None, None) in facts  # not 638900 元: a price per something
    assert ("60个日历", 60.0, None, True, None, None) in facts  # 个日历日 is no unit of the vocabulary
    assert ("648900//", 648900.0, None, True, None, None) in facts  # a price's slashes, its words elsewhere
    assert not [fact for fact in facts if fact[1] in (2024.0, 11.0, 27.0)]  # a date's one slash is no price
    assert ("33868.80万", 33868.80, None, True, None, None) in facts  # 元 printed after interleaved text
    assert not [fact for fact in facts if fact[1] in (10.0, 5.0, 200.0)]  # a numeral 万, a Latin word


def test_a_unit_carried_whole_to_the_next_line_is_its_numbers():
    facts = _prose("公司对外投资合计33,209.31万\n元，全部以自有资金支付。\n")

    assert facts == [("33,209.31万", 33209.31, "万元")]


def test_real_prices_whose_unit_is_cut_by_interleaved_columns(scraped_reply):
    """001:1493 组网配套638900元/排发货 (元/月/套 torn apart); 5323 共计33868.80万产的…开元."""
    assert ("638900元/", 638900.0, None, True) in _on_line(scraped_reply, 1493)
    assert ("33868.80万", 33868.80, None, True) in _on_line(scraped_reply, 5323)
    assert ("648900//", 648900.0, None, True) in _on_line(scraped_reply, 1735)  # …组网配套:元月套 further on


def test_a_floor_stated_of_a_count_is_kept_without_its_metric_and_a_start_year_dates_nothing():
    """机架 names what is counted, so 个 stands alone; 超 makes it a floor, not the count (no metric, so no
    mart reads it as a fleet's size); 从 2014 年开始 says when building began, not the count's period."""
    facts = [
        (f.raw_text, f.period, f.metric, f.label_zh)
        for f in prose_facts(clean("公司从 2014 年开始先后建设 IDC机架超 30000个,目前在运营机架超 10000个。\n").lines, set())
    ]

    assert facts == [
        ("30000个", None, None, "从 开始先后建设 IDC机架"),  # not FY2014: cumulative since then
        ("10000个", None, None, "目前在运营机架"),
    ]


def test_a_list_after_a_start_year_aligns_with_the_periods_it_names(scraped_reply):
    """001:999 自2024年起,…最近一年一期,分别为公司贡献了70.80%、85.68%的收入: 2024 is when it began."""
    facts = [(f.raw_text, f.period) for f in _facts_of(scraped_reply) if f.line_no == 999]

    assert ("70.80%", "FY2024") in facts and ("85.68%", "2025M01-M09") in facts


def test_real_cabinet_counts_stated_with_a_floor_are_kept_as_floors(scraped_reply):
    """001:2117 从 2014 年开始…建设 IDC机架超 30000个,目前在运营智算中心机架超 10000个,在建设机架超 6000个."""
    facts = [(f.raw_text, f.period, f.metric) for f in _facts_of(scraped_reply) if f.line_no == 2117]

    assert facts == [(raw, None, None) for raw in ("30000个", "10000个", "6000个")]


def test_a_count_on_a_wrapped_label_line_of_a_space_table_is_kept_with_its_doubt(pdf_reply):
    """003:2494 "2,800 架标" (2,800 架 of 标准服务器20A机柜) printed on a line of the row label the table
    wrapped over five lines: what its unit says, with no period and its doubt recorded."""
    assert ("2,800 架", 2800.0, "架", True) in _on_line(pdf_reply, 2494)


def test_a_two_column_life_table_printed_run_together_gives_each_name_its_life(scraped_reply):
    """001:6427-6429 "188项目算力服务器折旧年限" over "弘信电子5发行人现有业务5本次募投5" (page 188 glued)."""
    text = "188项目算力服务器折旧年限\n\n弘信电子5发行人现有业务10本次募投5\n\n其中甲公司5乙公司6\n"
    facts = [(f.line_no, f.row_label, f.raw_text, f.unit, f.column_label) for f in parse_filing(text).facts]

    assert facts[:3] == [
        (3, "弘信电子", "5", "年", "算力服务器折旧年限"), (3, "发行人现有业务", "10", "年", "算力服务器折旧年限"),
        (3, "本次募投", "5", "年", "算力服务器折旧年限"),
    ]
    assert not [fact for fact in facts if fact[0] == 5]  # no life table's header above it
    assert [f[1:3] for f in _on_line_facts(scraped_reply, 6429)] == [
        ("弘信电子", "5"), ("发行人现有业务", "5"), ("本次募投", "5"),
    ]


def _on_line_facts(text: str, line_no: int) -> list[tuple]:
    return [(f.line_no, f.row_label, f.raw_text) for f in _facts_of(text) if f.line_no == line_no]
