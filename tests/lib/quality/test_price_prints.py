"""A contract's price printed in two passages of a real filing one digit apart (issue 13), and the prices
that look alike but are not one figure: the supplier's rent beside the customer's price, and the prices of one
contract's table."""

import pytest

from orchestration.lib.quality.store import all_findings

SCRAPED = "001_1cef971acf991f87.txt"


@pytest.fixture(scope="module")
def price_findings(real_inputs):
    facts, texts, files = real_inputs
    return [
        (f.kind, f.severity, tuple((files[r.filing_id], r.line_no, r.raw_text) for r in f.refs), f)
        for f in all_findings(facts, texts)
        if any(r.raw_text.rstrip().endswith(("/", "元/月/台", "元/月/套")) for r in f.refs)
    ]


def test_the_networking_set_price_of_one_contract_printed_as_638900_and_648900(price_findings):
    """001:1493, the contract list (X公司, 第一批124台及第二批40台算力服务器均为78200元/月/台, 组网配套638900元/
    月/套, 服务期限12个月) and 1735, the same contract against its supplier's (客户(X公司): 78200元/月/台, 组网配套
    648900元/月/套; 服务期限12个月): one item of one contract, printed one digit apart. Both units are torn by
    the extraction (638900元/排…月/套, 648900//…组网配套:元月套), so the finding is an ambiguity to settle."""
    ((kind, severity, refs, finding),) = [p for p in price_findings if {r[1] for r in p[2]} == {1493, 1735}]

    assert (kind, severity) == ("ambiguous_label", "medium")
    assert refs == ((SCRAPED, 1493, "638900元/"), (SCRAPED, 1735, "648900//"))
    assert (finding.expected, finding.actual, finding.gap) == (638900.0, 648900.0, 10000.0)
    assert all(ref.line_text for ref in finding.refs) and finding.description_zh and finding.description


def test_the_suppliers_rent_and_one_contracts_price_table_are_no_finding(price_findings):
    """78200元/月/台 (the customer's price, 1733) and 73000元/月/台 (the rent paid to the supplier, 1735) are two
    contracts; 50000元/ (1779) and 51000, 50500元/月/台 (1781) are one contract's prices for two terms."""
    lines = [{r[1] for r in p[2]} for p in price_findings]
    assert {1733, 1735} not in lines
    assert not [pair for pair in lines if pair & {1779, 1781}]
