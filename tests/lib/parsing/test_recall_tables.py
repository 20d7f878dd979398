"""Run-together and garbled tables of real filings (issue 10), each rule proven on a small synthetic
table of the same shape: where a row id may be glued to an amount, ranges in price columns, and
tables whose cells a PDF conversion scattered over lines."""

from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.prose_rows import glued_row_numbers


def _values(text: str) -> list[tuple[int, str, float]]:
    return [(f.line_no, f.raw_text, f.value) for f in parse_filing(text).facts if f.table_id]


def test_leading_1_and_2_are_amounts_digits_when_the_rows_above_print_no_row_ids():
    text = (
        "报告期内，公司业务成本构成情况如下:\n"
        "2024年度2023年度\n"
        "项目金额占比金额占比\n"
        "人工\n"
        "5210.3050.10%4100.2048.00%\n"
        "材料\n"
        "13000.0025.00%3300.0038.63%\n"
        "其他\n"
        "2189.7024.90%1141.9813.37%\n"
        "合计20400.00100.00%8542.18100.00%\n"
    )

    values = _values(text)

    assert (7, "13000.00", 13000.0) in values and (9, "2189.70", 2189.7) in values
    assert not [v for v in values if v[2] in (3000.0, 189.7)]  # not rows 1 and 2 with 3000.00 and 189.70


def test_a_leading_1_on_the_only_row_that_would_be_numbered_is_an_amounts_digit():
    text = (
        "各期末存货中的主要项目情况如下:\n"
        "项目名称存货余额占存货比例\n"
        "1357.962.65%\n"
        "某某储能项目\n"
        "某某光纤项目879.381.72%\n"
        "合计2237.344.37%\n"
    )

    values = _values(text)

    assert (3, "1357.96", 1357.96) in values
    assert not [v for v in values if v[2] == 357.96]


def _lives(text: str) -> list[tuple[int, str, str, str | None]]:
    return [(f.line_no, f.raw_text, f.unit, f.column_label) for f in parse_filing(text).facts if f.fact_id.startswith("u")]


def test_lives_and_rates_glued_after_the_method_word_are_read_one_way_only():
    text = (
        "(1)固定资产折旧政策的比较情况\n"
        "资产类别可比公司折旧方法折旧年限(年)残值率(%)\n"
        "甲公司年限平均法20-305乙公司年限平均法305\n"
        "房屋及建筑物丙公司未披露未披露未披露丁公司年限平均法3-204/5\n"
        "戊公司年限平均法50-5己公司年限平均法215\n"
        "注1:以上数据来自各公司年报。\n"
        "庚公司年限平均法305\n"
    )

    lives = _lives(text)

    assert lives[:5] == [
        (3, "20", "年", "折旧年限"), (3, "30", "年", "折旧年限"), (3, "5", "%", "残值率"),
        (3, "30", "年", "折旧年限"), (3, "5", "%", "残值率"),
    ]  # fmt: skip
    assert [(raw, unit) for line, raw, unit, _ in lives if line == 4] == [("3", "年"), ("20", "年"), ("4", "%"), ("5", "%")]
    assert [(raw, unit) for line, raw, unit, _ in lives if line == 5] == [("5", "年"), ("0", "%"), ("5", "%")]
    assert not [fact for fact in parse_filing(text).facts if fact.line_no == 7]  # after the note: no policy table
    assert all(f.period is None and f.metric is None for f in parse_filing(text).facts if f.fact_id.startswith("u"))


def test_a_page_id_glued_between_a_policy_row_and_the_repeated_header_is_no_rate():
    text = (
        "资产类别可比公司折旧方法折旧年限(年)残值率(%)\n"
        "甲公司年限平均法3-105乙公司年限平均法557-2-76资产类别可比公司折旧方法折旧年限(年)残值率(%)\n"
    )

    assert [raw for _, raw, _, _ in _lives(text)] == ["3", "10", "5", "5", "5"]


def test_prices_with_ranges_in_a_run_together_row_are_each_a_value_with_no_period_and_no_negative():
    text = (
        "设备单价与公开渠道价格比较如下:\n"
        "2024年度2023年度\n"
        "设备名称本项目单价公开渠道单价\n"
        "甲服务器132.00130.80130.00-139.00某某网万元/台\n"
        "乙交换机(600001.SH)\n"
        "丙交换机 8.00 7.60-8.30 8.00 万元/台\n"
        "丁模块13.60-14.5010.91-13.99万元/台\n"
    )

    facts = [f for f in parse_filing(text).facts if f.table_id]

    assert [(f.line_no, f.value) for f in facts] == [
        (4, 132.0), (4, 130.8), (4, 130.0), (4, 139.0),
        (6, 8.0), (6, 7.6), (6, 8.3), (6, 8.0),
        (7, 13.6), (7, 14.5), (7, 10.91), (7, 13.99),
    ]  # fmt: skip
    assert all(f.period is None and f.ambiguous for f in facts)


def test_an_amount_and_share_opening_a_line_are_read_when_the_total_rows_whole_proves_them():
    from orchestration.lib.parsing.prose_rows import glued_row_numbers

    lines = [
        "项目名称余额占比当期进展",
        "4120.0810.30%是否",  # 4120.08 / 10.30% = 40001, the whole of the total row; 120.08 would not be
        "某某工程项目",
        "另一项目2000.005.00%项目正常实施中是否",  # a share printed with its % takes no unit after it
        "6120.0815.30%否",  # the whole it implies (40000 at 15.30%) is the total's: kept
        "7999.9910.00%否",  # 80000: not the table's whole, and no other reading proves it
        "合计12240.1630.60%",
    ]

    numbers = [(n.line_no, n.raw_text) for n in glued_row_numbers(lines, set())]

    assert (2, "4120.08") in numbers and (2, "10.30%") in numbers
    assert (4, "2000.00") in numbers and (4, "5.00%") in numbers
    assert (5, "6120.08") in numbers
    assert not [n for n in numbers if n[0] == 6]


def test_an_amount_glued_after_a_dates_day_is_read_only_where_one_day_fits():
    lines = [
        "甲供应商2023/5/915500.00约1亿元",  # day 91 does not exist: day 9, 15500.00
        # day 2 and 10000.00 (day 21 leaves 0000.00); the digits after its decimals open a rounded amount, 10余亿元
        "乙供应商2023/8/210000.0010余亿元",
        "戊供应商2023/8/210000.0010余人",  # digits then 余 and no money unit: decimals unproven, nothing
        "丙供应商2020/7/15500.00约1.5亿元",  # day 1 or 15: nothing
        "丁供应商2023/2/305500.00",  # no 30 February: day 3, 05500.00 no amount: nothing
    ]

    assert [(n.line_no, n.raw_text) for n in glued_row_numbers(lines, set())] == [(1, "15500.00"), (2, "10000.00")]


def test_a_run_a_dates_day_opens_is_no_row_of_a_run_together_table():
    text = (
        "前五大供应商情况如下:\n"
        "供应商名称成立时间注册资本采购金额占比\n"
        "甲公司2007/7/1623014.3841.06亿元5392.002.03%否\n"
        "乙公司2010/1/58000.00约5亿元4100.001.54%否\n"
    )

    values = [f.value for f in parse_filing(text).facts]

    assert 5392.0 in values and 2.03 in values
    assert 1623014.38 not in values and 623014.38 not in values and 23014.38 not in values


def test_a_range_printed_in_one_cell_is_its_two_ends_in_that_column_with_no_period():
    text = (
        "本项目服务价格与现有类似项目的情况如下:\n"
        "单位:万元/台/月本项目服务价格现有类似项目服务价格\n"
        "甲集群4.584.95\n"
        "乙集群0.660.57-0.66\n"
    )

    facts = [(f.line_no, f.raw_text, f.period, f.ambiguous) for f in parse_filing(text).facts if f.table_id]

    assert (4, "0.57", None, True) in facts and (4, "0.66", None, True) in facts
    assert not [fact for fact in facts if fact[1].startswith("-")]


def test_a_price_per_unit_printed_in_its_cell_is_a_value_with_that_unit():
    from orchestration.lib.parsing.tables.numbers import parse_number

    price = parse_number("11.12 万元/架/年")

    assert (price.value, price.unit) == (11.12, "万元/架/年")
    assert parse_number("11.12 万元") is None  # a money unit alone is the caption's, not a cell's
    assert parse_number("2024/12 万元/架") is None


def test_a_period_of_use_in_prose_is_a_duration_in_years():
    from orchestration.lib.parsing.cleanup import clean
    from orchestration.lib.parsing.prose import prose_facts

    lines = clean("按照设备账面金额,以 5 年的使用期按照线性折旧法计提折旧。\n").lines

    assert [(f.raw_text, f.value, f.unit, f.period) for f in prose_facts(lines, set())] == [("5 年", 5.0, "年", None)]


def test_years_a_clause_changes_a_life_to_are_durations_but_not_without_the_life_named_in_the_sentence():
    from orchestration.lib.parsing.prose import prose_facts

    lines = ["其设备折旧年限为5-10年,自2019年起变更为3-10年。", "公司自2019年起变更为4年。"]

    assert [(f.line_no, f.raw_text, f.period) for f in prose_facts(lines, set())] == [
        (1, "5", None), (1, "10年", None), (1, "3", None), (1, "10年", None),
    ]


def test_a_price_beside_a_longer_security_code_is_the_rows_value():
    text = (
        "设备单价比较如下:\n"
        "设备名称本项目单价可比公司单价\n"
        "甲交换机20.0019.40万元/台\n"
        "业务接入交 12.00 某某科技(002261.SZ)\n"
        "乙交换机18.0017.80万元/台\n"
    )

    assert (4, "12.00", 12.0) in _values(text)


def test_a_row_whose_label_stands_on_lines_of_its_own_is_split_by_its_printed_formats():
    text = (
        "报告期内，公司新业务成本构成情况如下:\n"
        "2025年1-3月2024年度2023年度2022年度\n"
        "项目占比占比占比占比金额金额金额金额\n"
        "(%)(%)(%)(%)制造\n"
        "7896.7592.8714181.7089.41273.6771.28\n"
        "费用\n"
    )

    values = _values(text)

    assert [v[1] for v in values if v[0] == 5] == ["7896.75", "92.87", "14181.70", "89.41", "273.67", "71.28"]


def _glued_rows(text: str) -> list[tuple[int, str]]:
    return [(n.line_no, n.raw_text) for n in glued_row_numbers(text.splitlines(), set())]


_PARTS_TABLE = (
    "项目名称存货余额占存货比例项目进展\n"
    "某某交通建设项目(一期\n"
    "5823.234.71%设施安装工作,项目正常实施中\n"
    "某某海外项目 1494.58 3.16% 待试运行结束\n"
    "某某储能项目\n"
    "{row}是否\n"
    "合计{total}\n"
)


def test_amounts_opening_lines_are_read_when_the_rows_sum_to_their_total_row():
    # the shares were computed on another base (5823.23 / 4.71% is no whole the total implies), the sum still holds
    rows = _glued_rows(_PARTS_TABLE.format(row="1316.151.39%", total="8633.969.26%"))

    assert (3, "5823.23") in rows and (3, "4.71%") in rows and (6, "1316.15") in rows and (6, "1.39%") in rows


def test_amounts_opening_lines_are_not_read_when_the_rows_do_not_sum_to_their_total_row():
    # as if the second row were row 1 with 316.15: the sum decides nothing, the leading digit stays in doubt
    rows = _glued_rows(_PARTS_TABLE.format(row="1316.151.39%", total="7633.969.26%"))

    assert not [r for r in rows if r[0] in (3, 6)]


_HEAD_COUNT_TABLE = (
    "公司销售人员数量、人均薪酬情况如下:\n"
    "项目2025年1-3月2024年度2023年度2022年度\n"
    "销售人员数量(人){counts}\n"
    "销售人员薪酬总额(万元)465.591661.912496.673116.63\n"
    "销售人员人均薪酬(万元/人)4.4815.9816.3215.66\n"
)


def test_whole_numbers_run_together_are_read_when_two_rows_divide_into_exactly_their_digits():
    facts = parse_filing(_HEAD_COUNT_TABLE.format(counts="104104153199")).facts

    assert [(f.raw_text, f.period) for f in facts if f.line_no == 3] == [
        ("104", "2025M01-M03"), ("104", "FY2024"), ("153", "FY2023"), ("199", "FY2022"),
    ]


def test_whole_numbers_run_together_stay_unread_when_no_quotient_prints_their_digits():
    facts = parse_filing(_HEAD_COUNT_TABLE.format(counts="104105153199")).facts

    assert not [f for f in facts if f.line_no == 3 and f.value is not None and f.table_id]
