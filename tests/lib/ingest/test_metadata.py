from datetime import date

import pytest

from orchestration.lib.ingest import read_filing
from orchestration.lib.ingest.metadata import exchange_of_code, extract_metadata, find_code_beside_name
from tests.conftest import REAL_ISSUERS


@pytest.mark.parametrize("source_file", sorted(REAL_ISSUERS))
def test_real_filings_name_their_issuer(real_filings, source_file):
    short_name, full_name, code, exchange, _ = REAL_ISSUERS[source_file]
    metadata = extract_metadata((real_filings / source_file).read_text(encoding="utf-8"))
    assert (metadata.short_name, metadata.company_name, metadata.exchange) == (short_name, full_name, exchange)
    # 中贝通信's auditor statement never prints its own code; another filing does.
    assert metadata.stock_code == (None if short_name == "中贝通信" else code)


def test_real_filings_kind_date_sponsor_and_auditor(real_filings):
    found = {
        name: extract_metadata((real_filings / name).read_text(encoding="utf-8")) for name in sorted(REAL_ISSUERS)
    }
    assert [(m.doc_kind, m.published_date) for m in found.values()] == [
        ("feasibility_report", date(2026, 6, 1)),
        ("inquiry_reply", date(2025, 12, 25)),
        ("auditor_statement", date(2025, 7, 30)),
        ("inquiry_reply", date(2023, 7, 27)),
    ]
    assert [m.sponsor for m in found.values()] == [None, "国金证券股份有限公司", "国泰海通证券股份有限公司", "中信证券股份有限公司"]
    assert [m.auditor for m in found.values()] == [
        None,
        "华兴会计师事务所(特殊普通合伙)",
        "天健会计师事务所(特殊普通合伙)",
        "大华会计师事务所(特殊普通合伙)",
    ]


def test_a_code_printed_beside_a_peer_name_is_found_with_its_line(real_filings):
    text = (real_filings / "001_1cef971acf991f87.txt").read_text(encoding="utf-8")
    assert find_code_beside_name(text, "中贝通信") == ("603220", 2477)


def test_cover_month_in_chinese_numerals_gives_a_month_precision_date():
    metadata = extract_metadata("某某股份有限公司\n募集资金使用可行性分析报告\n二〇二六年十一月\n正文")
    assert (metadata.published_date, metadata.published_date_precision) == (date(2026, 11, 1), "month")
    assert metadata.doc_kind == "feasibility_report"


@pytest.mark.parametrize(("code", "exchange"), [("603220", "SSE"), ("688352", "SSE"), ("301396", "SZSE"),
                                                ("001339", "SZSE"), ("830799", "BSE"), ("123456", None)])
def test_exchange_follows_the_code_prefix(code, exchange):
    assert exchange_of_code(code) == exchange


def test_gbk_filing_is_read_with_its_metadata():
    text = "证券代码：603917    证券简称：云岭算力\n云岭算力科技股份有限公司\n关于云岭算力科技股份有限公司申请向特定对象发行股票审核问询函的回复\n"
    document = read_filing("reply.txt", text.encode("gbk"))
    assert (document.status, document.encoding, document.metadata.stock_code) == ("parsed", "gb18030", "603917")
    assert document.metadata.short_name == "云岭算力"


@pytest.mark.parametrize("firm", ["同瑞会计师事务所(特殊普通合伙)", "和信会计师事务所(特殊普通合伙)"])
def test_a_firm_name_starting_like_a_joining_word_is_kept_whole(firm):
    # Regression: 同瑞会计师事务所 was read as 瑞会计师事务所 because 同 was stripped as a joining word.
    head = f"关于某某科技股份有限公司申请向特定对象发行股票审核问询函的回复\n公司会同申报会计师{firm}(以下简称“会计师”)进行了核查。\n"
    assert extract_metadata(head).auditor == firm


@pytest.mark.parametrize(
    ("cover", "kind", "period"),
    [
        ("证券代码：300999 证券简称：示例智算\n示例智算科技股份有限公司\n2019 年年度报告\n", "annual_report", "FY2019"),
        ("示例智算科技股份有限公司 2020 年半年度报告全文\n第一节 重要提示\n", "semiannual_report", "2020M01-M06"),
        ("示例智算科技股份有限公司\n2021年第一季度报告\n", "quarterly_report", "2021M01-M03"),
        ("示例智算科技股份有限公司\n2021年第三季度报告\n", "quarterly_report", "2021M01-M09"),
    ],
)
def test_periodic_reports_get_kind_company_and_report_period_from_the_cover(cover, kind, period):
    meta = extract_metadata(cover + "正文\n" * 5)
    assert (meta.doc_kind, meta.company_name, meta.report_period) == (kind, "示例智算科技股份有限公司", period)


def test_a_reply_citing_an_annual_report_is_still_a_reply_without_a_report_period():
    meta = extract_metadata("关于示例智算科技股份有限公司申请向特定对象发行股票审核问询函的回复\n根据公司2024年年度报告，\n")
    assert (meta.doc_kind, meta.report_period) == ("inquiry_reply", None)
