"""The issuer's row of a run-together list of companies: its amount with the unit and measure of the
list's caption and the period of the list's note, or nothing where one of them is not printed."""

import pytest

from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.issuer_list_rows import issuer_list_rows

CAPTION = "金额单位:万元序算力资智算业务上市公司算力业务内容号源规模营业收入"
# Peer names broken over lines around their number and amounts, as a PDF extraction leaves them.
ROWS = ["", "主要提供智算集群设计、建设和运维等服务,为甲通信", "", "1 运营商、云服务商、AI大模型企业等客户提供 15000P 29729.88",
        "", "(603000.SH)智算整体解决方案", "", "公司的算力服务业务主要包括两类:第一类是算", "",
        "力设备集成服务,根据客户需求提供系统设计、设备供应等服务中约", "", "2发行人99263.88", "",
        "的一种或多种;第二类是算力设备运营服务,包 2000P括:算力集群的系统设计", "", "安装调试、运维服务。"]
NOTE = "注:1、上述营业收入数据取自上市公司公开披露的2025年1-6月数据,各公司的统计口径可能略有差异。"


def _rows(lines: list[str]) -> list[tuple]:
    return [(r.line_no, r.raw_text, r.unit, r.metric, r.period) for r in issuer_list_rows(lines, set())]


def test_the_issuers_row_takes_unit_and_measure_from_the_caption_and_period_from_the_note():
    assert _rows([CAPTION, *ROWS, "", NOTE]) == [(13, "99263.88", "万元", "revenue", "2025M01-M06")]


@pytest.mark.parametrize("lines", [
    [CAPTION, *ROWS],  # no note: the period is not printed
    [CAPTION, *ROWS, "", "注:1、同行业公司数据取自2024年度及2025年1-6月数据。"],  # two periods: which is unknown
    ["金额单位:万元序上市公司算力资源规模", *ROWS, "", NOTE],  # the caption names no money column
    [*ROWS, "", NOTE],  # no caption: the unit is not printed
])
def test_a_row_whose_unit_measure_or_period_is_not_printed_gives_nothing(lines):
    assert _rows(lines) == []


def test_a_row_printing_more_than_one_amount_is_not_read_here():
    rows = [line.replace("2发行人99263.88", "2发行人2000P99263.88") for line in ROWS]
    assert _rows([CAPTION, *rows, "", NOTE]) == []


def test_the_fact_is_the_issuers_on_a_row_labelled_for_it():
    text = "\n".join(["宏景科技股份有限公司(以下简称“宏景科技”或“公司”)", "", CAPTION, *ROWS, "", NOTE])
    (fact,) = [f for f in parse_filing(text).facts if f.raw_text == "99263.88"]
    assert (fact.row_label, fact.entity_kind, fact.metric, fact.period, fact.unit, fact.table_id) == (
        "发行人", "issuer", "revenue", "2025M01-M06", "万元", None,
    )
