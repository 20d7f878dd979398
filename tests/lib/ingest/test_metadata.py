from datetime import date
from pathlib import Path

import pytest

from orchestration.lib.ingest import read_filing, read_filing_file
from orchestration.lib.ingest.metadata import exchange_of_code, extract_metadata, find_code_beside_name
from tests.conftest import REAL_ISSUERS

REAL_PDFS = Path(__file__).resolve().parents[3].parent / "shared" / "pdfs"


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


COVER_HEAD = "证券代码：300999        证券简称：示例智算\n\n    示例智算科技股份有限公司\n\n"


@pytest.mark.parametrize(
    ("title", "kind", "period"),
    [
        ("2 0 2 5 年 年 度 报 告", "annual_report", "FY2025"),  # letter-spaced cover title
        ("2025年\n\n年度报告摘要", "annual_report", "FY2025"),  # year and kind on lines of their own
        ("2019年度报告", "annual_report", "FY2019"),
        ("２０２０年半年度报告", "semiannual_report", "2020M01-M06"),  # full-width digits
        ("2020年中期报告（修订版）", "semiannual_report", "2020M01-M06"),
        ("二〇二一年第三季度报告", "quarterly_report", "2021M01-M09"),  # a quarterly report runs to date
        ("2022 年 第 一 季 度 报 告 正 文", "quarterly_report", "2022M01-M03"),
    ],
)
def test_cover_title_variants_give_kind_and_report_period(title, kind, period):
    meta = extract_metadata(COVER_HEAD + f"    {title}\n\n    二〇二六年三月\n" + "正文\n" * 5)
    assert (meta.doc_kind, meta.report_period, meta.company_name, meta.stock_code) == (
        kind, period, "示例智算科技股份有限公司", "300999",
    )


def test_a_cover_with_lone_carriage_returns_is_read_line_by_line():
    # Regression: old-Mac line ends stay in the text (line numbers count "\n"), so the cover was one line.
    cover = (COVER_HEAD + "2024年第一季度报告\n\n一、主要财务数据\n").replace("\n", "\r")
    meta = extract_metadata(cover)
    assert (meta.doc_kind, meta.report_period, meta.company_name) == (
        "quarterly_report", "2024M01-M03", "示例智算科技股份有限公司",
    )


def test_a_reply_whose_wrapped_title_cites_an_annual_report_is_a_reply():
    head = "关于对示例智算科技股份有限公司\n2024年年度报告\n的信息披露监管问询函的回复\n"
    meta = extract_metadata(head + "正文\n" * 5)
    assert (meta.doc_kind, meta.report_period) == ("inquiry_reply", None)


def test_a_sentence_naming_a_report_is_no_cover_title():
    meta = extract_metadata("示例智算科技股份有限公司\n公司已披露2024年年度报告\n详见2024年年报。\n")
    assert (meta.doc_kind, meta.report_period) == (None, None)


def test_company_code_and_short_name_labels_of_exchange_templates():
    meta = extract_metadata("公司代码：688999                  公司简称：示例智算\n示例智算科技股份有限公司\n2023年年度报告\n")
    assert (meta.stock_code, meta.short_name, meta.exchange, meta.doc_kind) == ("688999", "示例智算", "SSE", "annual_report")


@pytest.mark.parametrize(
    ("pdf", "expected"),
    [
        ("600519_moutai_2025_annual.pdf", ("贵州茅台", "贵州茅台酒股份有限公司", "600519", "SSE", "FY2025")),
        ("603339_sifang_tech_2019_annual.pdf", ("四方科技", "四方科技集团股份有限公司", "603339", "SSE", "FY2019")),
    ],
)
def test_real_annual_report_pdfs_name_their_issuer_and_year(pdf, expected):
    meta = read_filing_file(REAL_PDFS / pdf).metadata
    assert meta.doc_kind == "annual_report"
    assert (meta.short_name, meta.company_name, meta.stock_code, meta.exchange, meta.report_period) == expected


def test_a_letter_spaced_cover_name_and_a_latin_name_are_read_whole():
    spaced = extract_metadata("证券代码：000999  证券简称：示例智算\n 示 例 智 算 科 技 股 份 有 限 公 司 \n2024 年年度报告\n")
    latin = extract_metadata("证券代码：000998  证券简称：XYZ科技\nXYZ科技集团股份有限公司\n2024 年年度报告\n")
    assert (spaced.company_name, spaced.report_period) == ("示例智算科技股份有限公司", "FY2024")
    assert (latin.company_name, latin.short_name, latin.doc_kind) == ("XYZ科技集团股份有限公司", "XYZ科技", "annual_report")


def test_a_portal_page_title_names_the_short_name_and_the_report():
    head = "示例智算：示例智算2025年半年度报告\n示例智算科技股份有限公司（以下简称“示例智算”）\n"
    meta = extract_metadata(head + "正文\n" * 5)
    assert (meta.short_name, meta.doc_kind, meta.report_period) == ("示例智算", "semiannual_report", "2025M01-M06")


@pytest.mark.parametrize("header", ["600999 示例智算 2024 年年度报告", "示例智算（600999）2024年年度报告全文"])
def test_a_page_header_printing_code_and_short_name_before_the_title(header):
    meta = extract_metadata(f"{header}\n示例智算科技股份有限公司\n第一节 重要提示\n")
    assert (meta.stock_code, meta.short_name, meta.exchange, meta.doc_kind, meta.report_period) == (
        "600999", "示例智算", "SSE", "annual_report", "FY2024",
    )


def test_a_cell_beside_a_company_name_is_not_part_of_it():
    meta = extract_metadata("发行人\t示例智算科技股份有限公司\n保荐机构  某某证券股份有限公司\n示例智算科技股份有限公司\n")
    assert meta.company_name == "示例智算科技股份有限公司"


@pytest.mark.parametrize("title", ["首次公开发行股票并在创业板上市招股说明书", "向不特定对象发行可转换公司债券募集说明书"])
def test_a_prospectus_cover_is_a_prospectus_without_a_report_period(title):
    cover = f"示例智算科技股份有限公司\n{title}\n（申报稿）\n本公司2024年年度报告已披露。\n"
    meta = extract_metadata(cover)
    assert (meta.doc_kind, meta.report_period, meta.company_name) == ("prospectus", None, "示例智算科技股份有限公司")
