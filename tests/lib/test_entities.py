"""Canonical entities by rule: one name per segment whatever variant a table or a sentence prints, and
customers, suppliers and labels never segments."""

import pytest

from orchestration.lib.entities import Issuer, Printing, printed_entity, resolve

CAPITAL_ONLINE = Issuer.of("300846", "首都在线", "北京首都在线科技股份有限公司", stock_code="300846")


@pytest.mark.parametrize(
    ("printed", "kind", "expected"),
    [
        ("首都在线-IDC业务", "segment", ("segment", "IDC")),
        ("IDC服务", "segment", ("segment", "IDC")),
        ("其中:IDC 业务", "segment", ("segment", "IDC")),
        ("首都在线", "issuer", ("issuer", "")),
        ("300846.SZ首都在线", "peer", ("issuer", "")),
        ("300846首都在线云计算服务", "peer", ("segment", "云计算")),
        ("算力服务业务", "segment", ("segment", "算力")),
        ("300020.SZST银江", "peer", ("peer", "ST银江")),
        ("X公司及其子公司", "segment", ("customer", "X公司及其子公司")),
        ("客户一", "segment", ("customer", "客户一")),
        ("供应商A", "segment", ("supplier", "供应商A")),
        ("主营业务毛利率", "segment", ("label", "主营业务毛利率")),
        ("速动比率(倍)", "segment", ("label", "速动比率(倍)")),
        ("二季度", "segment", ("label", "二季度")),
        ("可比公司平均值", "peer", ("peer_aggregate", "可比公司平均值")),
        ("济南超级计算中心有限公司", "segment", ("counterparty", "济南超级计算中心有限公司")),
        ("公司", "peer", ("issuer", "")),
        ("公司 5G 新基建", "peer", ("segment", "5G新基建")),
        ("发行人", "peer", ("issuer", "")),
        ("公司本次募投项目", "project", ("project", "公司本次募投项目")),
    ],
)
def test_a_printed_name_read_by_rule(printed, kind, expected):
    entity = printed_entity(printed, kind, CAPITAL_ONLINE)
    assert (entity.kind, entity.key) == expected


def test_variants_of_one_segment_resolve_to_the_name_printed_in_most_places():
    printings = [
        Printing(CAPITAL_ONLINE, "IDC服务", "segment", "t3"),
        Printing(CAPITAL_ONLINE, "首都在线-IDC业务", "segment", "t16"),
        Printing(CAPITAL_ONLINE, "IDC业务", "segment", None),
        Printing(CAPITAL_ONLINE, "IDC业务", "segment", "t40"),
    ]
    resolved = resolve(printings)
    assert {canonical for _, canonical in resolved.values()} == {"IDC业务"}
    assert len({entity.key for entity, _ in resolved.values()}) == 1


def test_two_names_a_table_prints_as_rows_of_their_own_stay_two_entities():
    printings = [Printing(CAPITAL_ONLINE, "云计算服务", "segment", "t1"), Printing(CAPITAL_ONLINE, "云计算业务", "segment", "t1")]
    assert {canonical for _, canonical in resolve(printings).values()} == {"云计算服务", "云计算业务"}


def test_a_segment_read_with_words_of_its_sentence_in_front_is_the_segment_it_ends_with():
    printings = [Printing(CAPITAL_ONLINE, "智算业务", "segment", "t1"), Printing(CAPITAL_ONLINE, "低于公司智算业务", "segment", None),
                 Printing(CAPITAL_ONLINE, "非智算业务", "segment", "t2")]
    resolved = resolve(printings)
    names = {printed: canonical for (_, printed, _), (_, canonical) in resolved.items()}
    assert names == {"智算业务": "智算业务", "低于公司智算业务": "智算业务", "非智算业务": "非智算业务"}


def test_the_same_segment_name_of_two_issuers_is_two_entities():
    other = Issuer.of("603220", "中贝通信", stock_code="603220")
    resolved = resolve([Printing(CAPITAL_ONLINE, "IDC业务", "segment"), Printing(other, "IDC业务", "segment")])
    assert len({(entity.issuer, entity.key) for entity, _ in resolved.values()}) == 2


def test_a_sentence_about_someone_elses_business_is_not_the_issuers_segment():
    printings = [Printing(CAPITAL_ONLINE, "算力服务业务", "segment", "t1"),
                 Printing(CAPITAL_ONLINE, "并为其在贡献算力服务业务", "segment", None)]
    resolved = {printed: (entity.kind, canonical) for (_, printed, _), (entity, canonical) in resolve(printings).items()}
    # regression: it stayed a segment of its own in fct_segment_margins
    assert resolved["并为其在贡献算力服务业务"] == ("counterparty", "并为其在贡献算力服务业务")
    assert resolved["算力服务业务"] == ("segment", "算力服务业务")


def test_a_row_of_a_table_of_customers_is_a_customer_never_a_segment():
    # regression: 中国联通, a row under 客户名称 in a table of 智算业务 customers, was a segment
    printings = [Printing(CAPITAL_ONLINE, "中国联通", "segment", "t47", "客户名称"),
                 Printing(CAPITAL_ONLINE, "华为技术", "segment", "t48", "供应商名称"),
                 Printing(CAPITAL_ONLINE, "合计", "segment", "t47", "客户名称"),
                 Printing(CAPITAL_ONLINE, "IDC业务", "segment", "t3", "项目")]
    kinds = {printed: entity.kind for (_, printed, _), (entity, _) in resolve(printings).items()}
    assert kinds == {"中国联通": "customer", "华为技术": "supplier", "合计": "label", "IDC业务": "segment"}


def test_a_name_printed_as_a_peer_is_a_peer_where_a_table_gave_it_no_kind():
    """Regression: 002 lists 润建股份 among peers (line 2483) and in a table of quarterly revenue the parser
    did not see as a comparison (1613), where it was read as a segment of the issuer."""
    zhongbei = Issuer.of("603220", "中贝通信", stock_code="603220")
    printings = [Printing(zhongbei, "润建股份", "peer", "t85"), Printing(zhongbei, "润建股份", "segment", "t55"),
                 Printing(zhongbei, "智算业务", "segment", "t45")]
    kinds = {printed_kind: entity.kind for (_, _, printed_kind), (entity, _) in resolve(printings).items() if entity.name == "润建股份"}
    assert kinds == {"peer": "peer", "segment": "peer"}
    assert {entity.kind for (_, printed, _), (entity, _) in resolve(printings).items() if printed == "智算业务"} == {"segment"}
