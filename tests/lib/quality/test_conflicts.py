from orchestration.lib.quality import find_conflicts, find_invalid_dates
from orchestration.lib.quality.references import find_stale_references


def _fact(fact_id, raw_text, line_no, table_id=None, issuer="300846", filing_id="f1", **extra):
    return {
        "filing_id": filing_id, "issuer": issuer, "fact_id": fact_id, "table_id": table_id, "line_no": line_no,
        "raw_text": raw_text, "value": float(raw_text.rstrip("%")), "unit": "%", "entity": "云计算服务",
        "metric": "gross_margin", "period": "FY2020", "row_label": "毛利率", "label_zh": "毛利率",
        "ambiguous": False, **extra,
    }


def test_a_value_printed_with_more_digits_is_not_a_conflict():
    assert find_conflicts([_fact("a", "12.5", 10, "t1"), _fact("b", "12.50", 20, "t2")]) == []


def test_two_printings_beyond_rounding_are_one_finding_pointing_to_both_lines():
    (finding,) = find_conflicts([_fact("a", "36.83", 813, "t15"), _fact("b", "36.79", 2713, "t32")])
    assert (finding.kind, finding.severity) == ("conflict", "high")
    assert [(r.line_no, r.raw_text) for r in finding.refs] == [(813, "36.83"), (2713, "36.79")]
    assert round(finding.gap, 2) == 0.04


def test_printings_in_different_filings_of_one_issuer_conflict_with_medium_severity():
    (finding,) = find_conflicts([_fact("a", "36.83", 813, "t1"), _fact("b", "36.79", 90, "t2", filing_id="f2")])
    assert finding.severity == "medium"


def test_different_issuers_may_print_different_values_for_a_like_named_segment():
    assert find_conflicts([_fact("a", "36.83", 813, "t1"), _fact("b", "20.00", 9, "t2", issuer="603220")]) == []


def test_a_table_that_gives_one_key_several_values_cannot_tell_its_rows_apart_and_is_not_a_conflict():
    facts = [_fact("a", "36.83", 1, "t1"), _fact("b", "10.00", 2, "t1"), _fact("c", "36.83", 50, "t2")]
    assert find_conflicts(facts) == []


def test_values_far_apart_are_two_things_the_labels_did_not_tell_apart_not_a_conflict():
    assert find_conflicts([_fact("a", "36.83", 1, "t1"), _fact("b", "5.64", 50, "t2")]) == []


def test_money_printed_in_yuan_and_in_wan_is_compared_in_wan():
    money = {"metric": "proceeds_used", "period": None, "entity": "中贝通信", "row_label": None}
    same = [_fact("a", "192023.48", 49, **money, unit="万元"),
            {**_fact("b", "1920234800", 59, **money), "unit": "元", "value": 1920234800.0}]
    assert find_conflicts(same) == []


def test_no_conflict_in_the_synthetic_corpus(sample_truth_facts):
    assert find_conflicts(sample_truth_facts) == []


def test_dates_that_no_calendar_has_are_findings_with_their_line():
    text = "签署日期:2023年2月30日\n截至2024年2月29日\n2023-13-01 与 2022/4/31\n页码 7-2-19"
    findings = find_invalid_dates("f1", text)
    assert [(f.refs[0].line_no, f.refs[0].raw_text) for f in findings] == [
        (1, "2023年2月30日"), (3, "2023-13-01"), (3, "2022/4/31"),
    ]


def test_references_to_a_missing_or_misplaced_part_are_stale_and_others_are_not():
    lines = [
        "问题1..........3",                          # 1: table of contents, not a heading
        "问题1:关于收入",                             # 2
        "(一)收入构成",                               # 3
        "详见后文“(二)毛利率变动情况”。",              # 4: fine, line 6
        "详见前文问题2。",                             # 5: question 2 begins later
        "(二)毛利率变动情况",                          # 6
        "参见前文“(一)收入构成”,参见本题回复之“(五)不存在的标题内容”。",  # 7: fine, then missing
        "问题2:关于募投项目",                         # 8
        "根据《证券期货法律适用意见第18号》中规定的“围绕产业链上下游以获取技术”",  # 9: a quotation, not a reference
    ]
    findings = find_stale_references("f1", "\n".join(lines))
    assert [(f.kind, f.refs[0].line_no, f.refs[0].raw_text) for f in findings] == [
        ("stale_reference", 5, "详见前文问题2"),
        ("stale_reference", 7, "参见本题回复之“(五)不存在的标题内容"),
    ]
    assert findings[0].refs[0].line_text == "详见前文问题2。"
