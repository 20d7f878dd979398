"""On the generated corpus the findings are exactly the injected inconsistencies: none when nothing is
injected, and every kind found, pointing at the printed lines, when one is."""

from dataclasses import replace

import pytest

from orchestration.lib.ingest import read_filing_file
from orchestration.lib.quality.store import all_findings


@pytest.fixture(scope="module")
def texts(sample_corpus) -> list[tuple[str, str]]:
    """The text files as the reader decodes them (GB18030 among them), keyed like the ground truth."""
    return [(path.name, read_filing_file(path).text) for path in sorted((sample_corpus / "filings").glob("*.txt"))]


def _printed_twice(facts: list[dict], metric: str, entity_kind: str) -> tuple[dict, dict]:
    """A table printing and a prose printing of one figure in one filing."""
    prose = {(f["filing_id"], f["entity"], f["metric"], f["period"]): f for f in facts if f["layout"] == "prose"}
    for fact in facts:
        other = prose.get((fact["filing_id"], fact["entity"], fact["metric"], fact["period"]))
        if fact["table_id"] and other and fact["metric"] == metric and fact["entity_kind"] == entity_kind:
            return fact, other
    raise AssertionError(f"the corpus prints no {metric} of a {entity_kind} in a table and in prose")


def _misprinted(facts: list[dict], target: dict, delta: float) -> list[dict]:
    """The facts with one value changed, as if the filing had printed it so."""
    return [dict(f, value=f["value"] + delta) if f is target else f for f in facts]


def test_no_finding_on_the_generated_corpus(sample_truth_facts, texts):
    assert [(f.kind, f.description) for f in all_findings(sample_truth_facts, texts)] == []


@pytest.mark.parametrize(("metric", "entity_kind"), [("revenue", "issuer"), ("gross_margin", "segment")])
def test_a_table_figure_misprinted_in_prose_is_one_conflict_naming_both_lines(sample_truth_facts, texts, metric, entity_kind):
    table, prose = _printed_twice(sample_truth_facts, metric, entity_kind)
    (finding,) = all_findings(_misprinted(sample_truth_facts, prose, 0.5), texts)
    assert (finding.kind, finding.severity, finding.metric, finding.period) == ("conflict", "high", metric, table["period"])
    assert {(r.filing_id, r.line_no) for r in finding.refs} >= {
        (table["filing_id"], table["line_no"]), (prose["filing_id"], prose["line_no"]),
    }
    assert finding.description_zh and finding.description


def test_a_figure_misprinted_in_another_filing_of_the_issuer_is_a_medium_conflict(sample_truth_facts, texts):
    """A filing printing the figure once, against another filing of the issuer: a restatement or a typo,
    not a filing contradicting itself."""
    printings: dict[tuple, list[dict]] = {}
    for fact in sample_truth_facts:
        if fact["metric"] and fact["entity_kind"] in ("issuer", "segment") and fact["period"]:
            printings.setdefault((fact["issuer"], fact["entity"], fact["metric"], fact["period"]), []).append(fact)
    target = next(
        fact for facts in printings.values() for fact in facts
        if len({f["filing_id"] for f in facts}) > 1 and sum(f["filing_id"] == fact["filing_id"] for f in facts) == 1
    )
    findings = all_findings(_misprinted(sample_truth_facts, target, 1.0), texts)
    (finding,) = [f for f in findings if f.kind == "conflict"]
    assert finding.severity == "medium"
    assert len({r.filing_id for r in finding.refs}) > 1
    assert {f.kind for f in findings} <= {"conflict", "column_total"}  # a segment row also breaks its table's total


def test_a_misprinted_total_is_an_arithmetic_finding(sample_truth_facts, texts):
    target = next(f for f in sample_truth_facts if f["table_id"] and f["metric"] == "investment_amount"
                  and f["row_label"] == "合计" and f["column_label"] == "金额")
    findings = all_findings(_misprinted(sample_truth_facts, target, 1.0), texts)
    assert {f.kind for f in findings} == {"column_total"}
    assert all(f.description_zh for f in findings)


def test_an_impossible_date_is_found_on_its_line(sample_truth_facts, texts):
    name, text = texts[0]
    injected = [(name, text + "\n签署日期:2024年2月30日"), *texts[1:]]
    (finding,) = all_findings(sample_truth_facts, injected)
    assert (finding.kind, finding.refs[0].line_no) == ("invalid_date", len(injected[0][1].splitlines()))
    assert finding.refs[0].line_text == "签署日期:2024年2月30日"


def test_a_peer_printed_for_itself_and_for_its_segment_with_different_values_is_an_ambiguous_label(
    sample_truth_facts, texts,
):
    base = next(f for f in sample_truth_facts if f["metric"] == "revenue" and f["table_id"] and f["period"] == "FY2024")
    peer = dict(base, entity="甲科技", entity_kind="peer", fact_id="peer-a", table_id="peers-1", row_label="甲科技",
                value=54790.58, raw_text="54790.58", line_no=9001)
    segment = dict(peer, entity="甲科技智慧城市业务", fact_id="peer-b", table_id="peers-2", row_label="甲科技智慧城市业务",
                   value=53082.89, raw_text="53082.89", line_no=9050)
    (finding,) = all_findings([*sample_truth_facts, peer, segment], texts)
    assert (finding.kind, finding.entity, finding.expected, finding.actual) == ("ambiguous_label", "甲科技", 54790.58, 53082.89)
    assert replace(finding, refs=()).severity == "medium"


def _sub_business_printings(base: dict, elsewhere: float) -> list[dict]:
    """A by-product table detailing two segments under 其中, both with a 带宽租用 row, then the first
    segment's bandwidth margin printed again in a table of its own part of the filing."""
    rows = [("甲服务", "甲服务", 15.35), ("其中:机柜租用", "机柜租用", 8.77), ("带宽租用", "带宽租用", 19.62),
            ("乙服务", "乙服务", 11.50), ("其中:云主机服务", "云主机服务", -6.34), ("带宽租用", "带宽租用", 36.47)]
    common = dict(base, metric="gross_margin", unit="%", column_label="毛利率", period="FY2024", ambiguous=False)
    table = [
        dict(common, fact_id=f"product-{n}", table_id="by-product", line_no=9001 + n, row_label=label, entity=entity,
             entity_kind="segment", value=value, raw_text=f"{value:.2f}", label_zh=label)
        for n, (label, entity, value) in enumerate(rows)
    ]
    again = dict(common, fact_id="bandwidth", table_id="bandwidth", line_no=9101, row_label="带宽销售毛利率",
                 label_zh="带宽销售毛利率", entity=base["entity"], entity_kind="issuer", value=elsewhere,
                 raw_text=f"{elsewhere:.2f}%", section_title="(一)甲服务")
    return [*table, again]


@pytest.mark.parametrize("elsewhere", [19.62, 19.27])
def test_a_sub_business_margin_printed_again_under_its_segment_is_compared_with_that_segment_row_only(
    sample_truth_facts, texts, elsewhere,
):
    """带宽销售 under the heading 甲服务 is 甲服务's 带宽租用 (19.62), not 乙服务's (36.47): agreeing, no
    finding; misprinted, one conflict naming both lines."""
    base = next(f for f in sample_truth_facts if f["entity_kind"] == "issuer" and f["table_id"] and f["period"])
    findings = all_findings([*sample_truth_facts, *_sub_business_printings(base, elsewhere)], texts)
    if elsewhere == 19.62:
        assert findings == []
        return
    (finding,) = findings
    assert (finding.kind, finding.severity, finding.entity) == ("conflict", "high", "甲服务带宽租用")
    assert {r.line_no for r in finding.refs} == {9003, 9101}


def test_a_sub_business_margin_misprinted_in_prose_under_its_segment_is_one_conflict(sample_truth_facts, texts):
    base = next(f for f in sample_truth_facts if f["entity_kind"] == "issuer" and f["table_id"] and f["period"])
    name = base["filing_id"]
    sentence = "2024 年,公司带宽销售毛利率提升至 19.27%,主要系带宽复用率提升所致。"
    injected = [(n, t + "\n" + sentence if n == name else t) for n, t in texts]
    line_no = len(dict(injected)[name].splitlines())
    prose = dict(base, fact_id="prose", table_id=None, layout="prose", line_no=line_no, row_label=None,
                 column_label=None, metric="gross_margin", unit="%", period="FY2024", value=19.27, raw_text="19.27%",
                 label_zh="毛利率", section_title="(一)甲服务")
    table = _sub_business_printings(base, 19.62)[:-1]
    (finding,) = all_findings([*sample_truth_facts, *table, prose], injected)
    assert (finding.kind, finding.entity) == ("conflict", "甲服务带宽租用")
    assert {(r.line_no, r.line_text) for r in finding.refs} >= {(line_no, sentence)}
    assert 9003 in {r.line_no for r in finding.refs}


def test_a_project_cost_per_server_month_printed_twice_with_two_values_is_one_conflict(sample_truth_facts, texts):
    base = next(f for f in sample_truth_facts if f["entity_kind"] == "project")
    rent = dict(base, fact_id="rent-a", table_id=None, layout="prose", row_label=None, column_label=None, period=None,
                metric="cabinet_rent_per_server_month", unit="万元/台/月", value=0.85, raw_text="0.85万元/台/月",
                label_zh="机柜租赁费", line_no=9201)
    assert all_findings([*sample_truth_facts, rent, dict(rent, fact_id="rent-b", line_no=9301)], texts) == []
    (finding,) = all_findings([*sample_truth_facts, rent, dict(rent, fact_id="rent-b", line_no=9301, value=0.75,
                                                                 raw_text="0.75万元/台/月")], texts)
    assert (finding.kind, finding.metric, finding.entity) == ("conflict", "cabinet_rent_per_server_month", base["entity"])
    assert {r.line_no for r in finding.refs} == {9201, 9301}


def _issuer_among_peers(sample_truth_facts: list[dict], listed: float, segment: float) -> list[dict]:
    """The issuer's row of a list of companies (13发行人…, prose, no table) and, in a peer table, a peer
    and the issuer's 算力业务 row, for the period of a revenue the issuer prints for itself."""
    base = next(f for f in sample_truth_facts if f["metric"] == "revenue" and f["entity_kind"] == "issuer"
                and f["table_id"] and f["period"])
    listed_row = dict(base, fact_id="listed", table_id=None, layout="prose", line_no=9001, row_label="发行人",
                      column_label=None, label_zh="营业收入", value=listed, raw_text=f"{listed:.2f}")
    peer = dict(base, fact_id="peer", table_id="peers", line_no=9048, row_label="甲科技", entity="甲科技",
                entity_kind="peer", value=2428.25, raw_text="2428.25")
    own = dict(peer, fact_id="own", line_no=9050, row_label="算力业务", entity="算力业务", entity_kind="segment",
               value=segment, raw_text=f"{segment:.2f}")
    return [listed_row, peer, own]


def test_the_issuers_row_among_peers_against_its_segment_among_peers_is_an_ambiguous_label(sample_truth_facts, texts):
    """The issuer's figure in one comparison with peers (99263.88) and its 算力业务's in another
    (108426.86): whether the first is the company's or that business's the filing does not say."""
    (finding,) = all_findings([*sample_truth_facts, *_issuer_among_peers(sample_truth_facts, 99263.88, 108426.86)], texts)
    assert (finding.kind, finding.severity, finding.expected, finding.actual) == ("ambiguous_label", "medium", 99263.88, 108426.86)
    assert {r.line_no for r in finding.refs} == {9001, 9050}


def test_the_issuers_row_among_peers_is_not_compared_with_the_company(sample_truth_facts, texts):
    """Agreeing with its segment, the row gives no finding, though the company's own revenue of that
    period (printed elsewhere) is within a near miss of it: a list of peers compares one business."""
    company = next(f for f in sample_truth_facts if f["metric"] == "revenue" and f["entity_kind"] == "issuer"
                   and f["table_id"] and f["period"])
    near = round(company["value"] * 0.9, 2)
    assert all_findings([*sample_truth_facts, *_issuer_among_peers(sample_truth_facts, near, near)], texts) == []


def test_a_peer_table_printing_the_issuer_and_its_segment_tells_them_apart(sample_truth_facts, texts):
    """13.96 for 首都在线 and 11.50 for 首都在线-云计算服务 in one peer table: the company and its segment,
    no ambiguity."""
    listed, peer, own = _issuer_among_peers(sample_truth_facts, 99263.88, 108426.86)
    in_table = dict(listed, table_id="peers", line_no=9046, row_label=listed["entity"])
    assert all_findings([*sample_truth_facts, in_table, peer, own], texts) == []


def _price(base: dict, fact_id: str, line_no: int, section: str, raw: str, unit: str | None) -> dict:
    """A contract's price printed in prose: whole (78200元/月/台) or with its unit torn (638900元/, ambiguous)."""
    value = float(raw.rstrip("/元月台套"))
    return dict(base, fact_id=fact_id, table_id=None, layout="prose", row_label=None, column_label=None, period=None,
                metric=None, unit=unit, value=value, raw_text=raw, label_zh="组网配套", line_no=line_no,
                section_id=section, ambiguous=unit is None)


def test_a_contract_price_restated_one_digit_apart_in_another_passage_is_found(sample_truth_facts, texts):
    base = next(f for f in sample_truth_facts if f["entity_kind"] == "issuer")
    listed = _price(base, "price-a", 9401, "s1", "638900元/", None)

    (finding,) = all_findings([*sample_truth_facts, listed, _price(base, "price-b", 9501, "s2", "648900元/月/套", "元/月/套")], texts)
    assert (finding.kind, finding.unit, finding.gap) == ("ambiguous_label", "元/月/套", 10000.0)
    assert [r.line_no for r in finding.refs] == [9401, 9501]
    both_whole = [_price(base, f"whole-{n}", 9400 + n, f"s{n}", raw, "元/月/套") for n, raw in ((1, "638900元/月/套"), (2, "648900元/月/套"))]
    (finding,) = all_findings([*sample_truth_facts, *both_whole], texts)
    assert (finding.kind, finding.severity) == ("conflict", "high")
    for first, other in (
        (listed, _price(base, "price-c", 9501, "s1", "648900元/月/套", "元/月/套")),  # one passage: two items
        (listed, _price(base, "price-d", 9501, "s2", "658800元/月/套", "元/月/套")),  # two digits apart
        (both_whole[0], _price(base, "price-e", 9501, "s2", "648900元/月/台", "元/月/台")),  # per set, per server
    ):
        assert all_findings([*sample_truth_facts, first, other], texts) == []


def _a_row_of_amounts(facts: list[dict]) -> list[dict]:
    """The cells of a generated table row printing at least three amounts with decimals, none a ratio."""
    rows: dict[tuple, list[dict]] = {}
    for fact in facts:
        if fact["table_id"]:
            rows.setdefault((fact["filing_id"], fact["table_id"], fact["line_no"]), []).append(fact)
    return next(
        cells for cells in rows.values()
        if len(cells) >= 3 and all("." in c["raw_text"] and "%" not in c["raw_text"] and c["value"] for c in cells)
    )


def _reprinted(row: list[dict], first_value: float) -> list[dict]:
    """The row printed again in another table whose headers the parser could not read (no metric, no period),
    its first amount printed as given."""
    return [
        dict(cell, fact_id=f"again-{index}", table_id="again", line_no=9501, row_label="分摊金额", metric=None,
             period=None, entity=None, value=first_value if index == 0 else cell["value"],
             raw_text=f"{first_value:.2f}" if index == 0 else cell["raw_text"])
        for index, cell in enumerate(row)
    ]


def test_a_row_reprinted_in_another_table_with_one_amount_changed_is_an_ambiguous_label(sample_truth_facts, texts):
    row = _a_row_of_amounts(sample_truth_facts)
    assert all_findings([*sample_truth_facts, *_reprinted(row, row[0]["value"])], texts) == []
    (finding,) = all_findings([*sample_truth_facts, *_reprinted(row, row[0]["value"] + 57.73)], texts)
    assert (finding.kind, finding.severity) == ("ambiguous_label", "medium")
    assert [(r.filing_id, r.line_no) for r in finding.refs] == [(row[0]["filing_id"], row[0]["line_no"]), (row[0]["filing_id"], 9501)]
    assert finding.refs[0].line_text and finding.description_zh and finding.description
