"""Who rows and labels are about, on the auditor's statement (002): a row of a table whose label column
names companies is the company printed there, a table by business category holds the issuer's segments
even in a passage about peers, and a label read across table cells names no project."""

import pytest

from orchestration.lib.parsing.facts import parse_filing


@pytest.fixture(scope="module")
def by_line(auditor_statement):
    facts = parse_filing(auditor_statement).facts
    return lambda line_no: {(f.entity, f.entity_kind, f.metric) for f in facts if f.line_no == line_no}


def test_a_peers_business_named_like_a_cost_line_stays_the_peers(by_line):
    """Regression: line 1309 (公司名称可比业务分部 | 元道通信通信技术服务 127897.00 177928.05) was read as the
    issuer's technical-service cost: the row names a peer and its business, not a cost line."""
    assert by_line(1309) == {("元道通信通信技术服务", "peer", None)}
    assert by_line(1313) == {("超讯通信通信技术服务业务", "peer", None)}


def test_a_table_headed_company_and_business_name_lists_peers(by_line):
    """Regression: under 公司业务名称 (line 1123), 润建股份通信网络业务 was the issuer's segment."""
    assert by_line(1125) == {("润建股份通信网络业务", "peer", "gross_margin")}


def test_a_table_by_business_category_holds_the_issuers_segments(by_line):
    """Regression: under 业务类别 (line 1249, in a passage comparing the issuer with peers) the issuer's
    5G 新基建 and 智慧城市及其他 were read as peers."""
    assert {kind for _, kind, _ in by_line(1251) | by_line(1255)} == {"segment"}


def test_a_label_holding_a_measures_words_names_no_project(by_line):
    """Regression: line 2861 (车项目46.64%, the end of a customer's row whose cells the text runs together:
    回款比例 | 湖州玛恩摩科技有限公司 | 共享电单车项目) made a project 回款比例技有限公司车项目."""
    assert by_line(2861) and "project" not in {kind for _, kind, _ in by_line(2861)}
