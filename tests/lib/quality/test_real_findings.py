"""Findings on the four real filings: the inconsistencies reviewers found by hand must be among them,
and every finding must point at lines that print the values it names."""

import pytest

from orchestration.lib.quality.store import all_findings


@pytest.fixture(scope="module")
def real_findings(real_inputs):
    facts, texts, files = real_inputs
    return all_findings(facts, texts), dict(texts), files


def _conflict_between(real_findings, source_file: str, first: str, second: str) -> list:
    findings, _, files = real_findings
    return [
        f for f in findings
        if f.kind == "conflict" and {files[r.filing_id] for r in f.refs} == {source_file}
        and {first, second} <= {r.raw_text.replace(",", "").removesuffix("万元").strip() for r in f.refs}
    ]


def test_every_finding_points_at_lines_that_print_its_values(real_findings):
    findings, texts, _ = real_findings
    assert findings
    for finding in findings:
        for ref in finding.refs:
            line = texts[ref.filing_id].splitlines()[ref.line_no - 1]
            assert ref.raw_text.replace(" ", "") in line.replace(" ", ""), (finding.description, ref)


def test_zhongbei_proceeds_printed_as_192223_48_and_192023_48(real_findings):
    (finding,) = _conflict_between(real_findings, "002_7cdd91bcb8568f2f.txt", "192223.48", "192023.48")
    assert {31, 49} <= {r.line_no for r in finding.refs}


def test_capital_online_2020_cloud_gross_margin_printed_as_36_83_and_36_79(real_findings):
    (finding,) = _conflict_between(real_findings, "003_aee50a10d511e859.txt", "36.83", "36.79")
    assert {813, 2713} <= {r.line_no for r in finding.refs}


def test_capital_online_2022_idc_gross_margin_printed_as_14_74_in_tables_and_14_70_in_prose(real_findings):
    """Line 306 (IDC 服务, by product) and 811 (其中:IDC 业务, against peers) print 14.74; the sentence
    of lines 821-822 ("2022 年 IDC 收入略有下滑…毛利率则提升至14.70%") names IDC on the line before."""
    (finding,) = _conflict_between(real_findings, "003_aee50a10d511e859.txt", "14.74", "14.70%")
    assert finding.entity == "IDC业务" and finding.period == "FY2022"
    assert {306, 811, 822} <= {r.line_no for r in finding.refs}


def test_capital_online_2023q1_idc_bandwidth_margin_printed_as_19_62_and_19_27(real_findings):
    """Line 314 (带宽租用 under IDC 服务 by product; 云计算服务's 带宽租用 on line 320 prints 36.47) gives
    19.62; the IDC bandwidth table (372, 带宽销售毛利率, under the heading IDC 服务) and the sentence of
    lines 378-379 ("公司带宽销售毛利率提升至 19.27%") print 19.27."""
    (finding,) = _conflict_between(real_findings, "003_aee50a10d511e859.txt", "19.62", "19.27%")
    assert (finding.entity, finding.period) == ("IDC业务带宽租用", "2023M01-M03")
    assert {r.line_no for r in finding.refs} == {314, 372, 379}


def test_st_yinjiang_revenue_for_the_company_or_its_segment_is_an_ambiguous_label(real_findings):
    findings, _, files = real_findings
    (finding,) = [f for f in findings if f.kind == "ambiguous_label" and f.entity == "ST银江"]
    assert {(files[r.filing_id], r.line_no) for r in finding.refs} == {("001_1cef971acf991f87.txt", 369),
                                                                         ("001_1cef971acf991f87.txt", 901)}
    assert (finding.expected, finding.actual) == (54790.58, 53082.89)


def test_a_prose_margin_of_a_named_segment_is_not_the_issuers(real_findings):
    """Line 825 prints the cloud segment's margins; the fallback gave them to 首都在线, whose 2022 margin
    is 13.96: no conflict between them."""
    assert not _conflict_between(real_findings, "003_aee50a10d511e859.txt", "13.96%", "11.50%")


def test_st_yinjiang_segment_revenue_and_company_revenue_are_not_one_number(real_findings, real_inputs):
    """Line 369 prints ST银江's 智慧城市业务 main-business revenue (a table by 业务类型, 53082.89 for 2024);
    line 901 its revenue as a company (54790.58, in a table without a business column). Two different
    numbers, so no conflict: the entities differ (the peer's segment vs the peer)."""
    assert not _conflict_between(real_findings, "001_1cef971acf991f87.txt", "53082.89", "54790.58")
    facts, _, files = real_inputs
    revenue = {
        (f["line_no"], f["entity"]) for f in facts
        if files[f["filing_id"]] == "001_1cef971acf991f87.txt" and f["metric"] == "revenue" and f["period"] == "FY2024"
        and f["raw_text"] in ("53082.89", "54790.58")
    }
    assert revenue == {(369, "ST银江智慧城市业务"), (901, "ST银江")}


def test_hongjing_cabinet_rent_printed_as_0_85_and_0_75(real_findings):
    """The project's price rationale (6371, '机柜租赁费为0.85万元/台/月') and its cost assumptions (6399,
    '机柜租赁费用为0.75万元/台/月(含税)') give its cabinet rent per server-month two values."""
    (finding,) = _conflict_between(real_findings, "001_1cef971acf991f87.txt", "0.85万元/台/月", "0.75万元/台/月")
    assert {r.line_no for r in finding.refs} == {6371, 6399}
    assert (finding.metric, finding.entity) == ("cabinet_rent_per_server_month", "智能算力集群建设及运营项目")


def test_hongjing_compute_revenue_among_peers_printed_as_99263_88_and_108426_86_is_an_ambiguous_label(real_findings):
    """The list of compute companies (345 and its repeat at 6123: '13发行人99263.88', 2025年1-6月 by the note
    of 350) and the table of compute-revenue trends (1223: '301396算力业务108426.86…', 2025年1-6月) give
    the issuer's half-year figure two values. The company's own 2025H1 revenue is 118780.92 (line 45),
    so the list's figure is one business's, and which the filing does not say: an ambiguous label."""
    findings, _, files = real_findings
    (finding,) = [f for f in findings if f.kind == "ambiguous_label" and f.entity == "宏景科技" and f.metric == "revenue"]
    assert {(files[r.filing_id], r.line_no) for r in finding.refs} == {
        ("001_1cef971acf991f87.txt", 345), ("001_1cef971acf991f87.txt", 1223), ("001_1cef971acf991f87.txt", 6123),
    }
    assert (finding.metric, finding.period, finding.expected, finding.actual) == ("revenue", "2025M01-M06", 99263.88, 108426.86)


def test_zhongbei_goodwill_at_acquisition_and_in_the_impairment_test_is_an_ambiguous_label(real_findings, real_inputs):
    """002 prints its five subsidiaries' goodwill in the table of acquisitions (3433: 商誉 5193.72 1912.27
    1846.50 4201.10 2662.74) and again as the goodwill allocated to their asset groups in the 2024 impairment
    test (3591, the row label wrapped over 3589-3593: 5251.45 and the same four). The column headers are
    garbled; the four equal amounts align the columns, so 天津邮电's goodwill is printed as 5193.72 and 5251.45.
    The acquisitions sum to 15816.33, the asset groups to the 15874.06 the filing gives for every period end
    (3435, 2637), and nothing says where the 57.73 comes from: whether the two are one figure is not proven.
    The carrying amount stays goodwill of the issuer."""
    findings, _, files = real_findings
    (finding,) = [f for f in findings if {"5193.72", "5251.45"} <= {r.raw_text for r in f.refs}]
    assert (finding.kind, finding.severity) == ("ambiguous_label", "medium")
    assert [(files[r.filing_id], r.line_no) for r in finding.refs] == [
        ("002_7cdd91bcb8568f2f.txt", 3433), ("002_7cdd91bcb8568f2f.txt", 3591),
    ]
    assert [r.line_text for r in finding.refs] == [
        "商誉5193.721912.271846.504201.102662.74", "5251.451912.271846.504201.102662.74",
    ]
    assert round(finding.gap, 2) == 57.73
    assert "57.73" in finding.description_zh and "57.73" in finding.description
    facts, _, _ = real_inputs
    carried = {
        (f["line_no"], f["period"], f["value"]) for f in facts
        if files[f["filing_id"]] == "002_7cdd91bcb8568f2f.txt" and f["metric"] == "goodwill" and f["period"]
    }
    assert carried == {(2637, period, 15874.06) for period in ("@2022-12-31", "@2023-12-31", "@2024-12-31", "@2025-03-31")}
