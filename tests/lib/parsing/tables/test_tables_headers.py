"""Run-together headers: period labels over column groups, names split over lines, page ids."""

from orchestration.lib.parsing.tables.headers import (
    header_columns,
    is_period_header,
    split_glued_header,
    strip_page_id,
)


def test_a_period_line_over_a_line_of_names_repeated_per_period():
    _, columns, lead = header_columns(["2025年1-9月2024年度", "按具体品类业务毛利率收入占比毛利率收入占比"], 4)

    assert columns == ["2025年1-9月毛利率", "2025年1-9月收入占比", "2024年度毛利率", "2024年度收入占比"]
    assert lead == ""


def test_names_printed_grouped_by_name_still_sit_under_each_period():
    # 金额金额…比重比重…: the scrape lists the names column by column, not period by period.
    _, columns, _ = header_columns(["2025年1-3月2024年度", "5G 新基建业务 占收入 占收入", "金额金额比重比重"], 4)

    assert columns == ["2025年1-3月金额", "2025年1-3月比重", "2024年度金额", "2024年度比重"]


def test_a_last_period_over_fewer_names_than_the_others():
    _, columns, _ = header_columns(["2024年度2023年度2022年度", "证券名称金额变动幅度金额变动幅度金额"], 5)

    assert columns == ["2024年度金额", "2024年度变动幅度", "2023年度金额", "2023年度变动幅度", "2022年度金额"]


def test_names_after_a_period_in_one_line_carry_that_period():
    label, columns, _ = header_columns(["业务类别2025年一季度占比同比变动2024年一季度占比"], 5)

    assert label == "业务类别"
    assert columns == [
        "2025年一季度",
        "2025年一季度占比",
        "2025年一季度同比变动",
        "2024年一季度",
        "2024年一季度占比",
    ]


def test_a_month_range_wrapped_under_its_year_is_joined_back():
    _, columns, _ = header_columns(["证券2025年证券名称业务类别2024年度2023年度2022年度", "代码1-6月算力设备集成销"], 4)

    assert columns == ["2025年1-6月", "2024年度", "2023年度", "2022年度"]


def test_the_end_of_the_header_line_starts_the_first_row_label():
    # 序 … 号 is 序号 printed over two lines; 营业收 is the first row's label, wrapped.
    label, columns, lead = header_columns(["项目第1年第2年第3年号营业收"], 3)

    assert (label, columns, lead) == ("项目", ["第1年", "第2年", "第3年"], "营业收")


def test_a_bracketed_unit_wrapped_in_the_header_is_not_a_row_label():
    _, columns, lead = header_columns(["单价(万元/软/硬件名称数量单位总金额(万元)台、套)"], 3)

    assert columns == ["单价", "数量单位", "总金额"]
    assert lead == ""


def test_unknown_text_between_names_prefixes_the_next_name():
    label, columns, _ = header_columns(["序号费用名称单价数量单位购置金额"], 3)

    assert (label, columns) == ("序号费用名称", ["单价", "数量单位", "购置金额"])


def test_page_ids_and_bare_page_numbers_glued_to_a_header_are_dropped():
    assert strip_page_id("7-2-18序号项目") == "序号项目"
    assert strip_page_id("162025年1-9月2024年度") == "2025年1-9月2024年度"
    assert strip_page_id("2025年1-9月2024年度") == "2025年1-9月2024年度"


def test_quarter_periods_are_period_labels():
    assert is_period_header("2025年一季度2024年一季度")


def test_a_header_printed_on_the_first_row_line_is_split_off():
    assert split_glued_header("公司业务名称2025年1-6月2024年利通电子算力租赁业务") == (
        "公司业务名称2025年1-6月2024年",
        "利通电子算力租赁业务",
    )
    assert split_glued_header("2024年度营业成本") is None
