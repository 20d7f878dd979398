"""Run-together rows whose split a table's own arithmetic proves (issue 10): counts glued to their shares
under the total row's 100%, glued days and row ids under a total line, and the cells a share's % or an aging
bucket closes."""

from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.prose_rows import glued_row_numbers

_COUNTS_AND_SHARES = (
    "报告期各期末，公司机柜情况如下：\n"
    "单位:个\n"
    "2024年12月31日2023年12月31日\n"
    "类别数量比例数量比例\n"
    "自建{first}--\n"
    "外租35264.12%120100.00%\n"
    "合计549100.00%120100.00%\n"
)


def test_a_count_run_together_with_its_share_is_split_where_the_total_row_proves_it():
    facts = [f for f in parse_filing(_COUNTS_AND_SHARES.format(first="19735.88%")).facts if f.table_id]

    read = {(f.line_no, f.raw_text, f.value, f.period) for f in facts}

    # 197 | 35.88% (197/549), not 19 | 735.88% nor 1973 | 5.88%; 352 | 64.12%; the totals 549 and 120 | 100.00%
    assert {(5, "197", 197.0, "@2024-12-31"), (5, "35.88%", 35.88, "@2024-12-31")} <= read
    assert {(6, "352", 352.0, "@2024-12-31"), (6, "120", 120.0, "@2023-12-31")} <= read
    assert {(7, "549", 549.0, "@2024-12-31"), (7, "100.00%", 100.0, "@2023-12-31")} <= read
    assert not [f for f in facts if f.value in (19735.88, 1973.0, 5.88)]
    assert {f.row_label for f in facts if f.line_no == 5} == {"自建"}


def test_counts_and_shares_the_arithmetic_contradicts_are_not_split():
    # 197 + 352 is 549, but 35.80% is not 197 / 549 (35.88%): no reading of the run is proven
    facts = [f for f in parse_filing(_COUNTS_AND_SHARES.format(first="19735.80%")).facts if f.table_id]

    assert not [f for f in facts if f.value in (197.0, 35.8, 352.0, 64.12)]


_ROWS_OVER_A_TOTAL = (
    "单位:万元\n"
    "序号项目名称客户名称签订时间开始时间合同金额存货余额\n"
    "1 某某学校改造工程 某某建设有限公司 2022/3/8 2022/3/9 5100.00 3200.50\n"
    "2某某园区机房工程甲科技有限公司2023/4/102023/4/121875.40960.25尚未结转\n"
    "312000.00某某医院智能化工程乙医院尚未签订2024/1/2350.75尚未结转\n"
    "合计18975.40{inventory}\n"
)


def _glued_amounts(text: str) -> set[tuple[int, str]]:
    return {(n.line_no, n.raw_text) for n in glued_row_numbers(text.split("\n"), set())}


def test_a_glued_day_or_row_id_is_read_the_one_way_the_total_line_proves():
    # 2023/4/1 + 21875.40 or 2023/4/12 + 1875.40; row 3 + 12000.00 or 312000.00; 2024/1/2 + 350.75 or 2024/1/23 + 50.75:
    # only 1875.40, 12000.00 and 350.75 make both columns add up to the total line
    read = _glued_amounts(_ROWS_OVER_A_TOTAL.format(inventory="4511.50"))

    assert {(4, "1875.40"), (4, "960.25"), (5, "12000.00"), (5, "350.75")} <= read
    assert not {raw for line, raw in read if line in (4, 5)} & {"21875.40", "312000.00", "2000.00", "50.75"}


def test_glued_rows_whose_columns_do_not_add_up_to_the_total_are_not_read():
    read = _glued_amounts(_ROWS_OVER_A_TOTAL.format(inventory="4500.00"))

    assert not [
        raw for line, raw in read if line in (4, 5) and raw in ("1875.40", "21875.40", "12000.00", "350.75")
    ]


def _top_customers(total: str) -> list[str]:
    return [
        "序号客户名称销售额占比合作开始时间",
        "1150000.0075.00%2023年",  # 150000.00 / 75.00% = 200000, the total's whole; 1150000.00 or 50000.00 would not be
        "甲公司及其子公司",
        "2乙公司30000.0015.00%2024年",
        f"合计{total}",
    ]


def test_a_row_id_glued_before_an_amount_and_share_is_read_off_where_the_total_rows_whole_proves_it():
    numbers = [
        (n.line_no, n.column, n.raw_text) for n in glued_row_numbers(_top_customers("180000.0090.00%"), set())
    ]

    assert (2, 1, "150000.00") in numbers and (2, 10, "75.00%") in numbers
    assert not [n for n in numbers if n[2] in ("1150000.00", "50000.00", "2023")]


def test_a_glued_row_id_is_not_read_off_when_no_reading_gives_the_total_rows_whole():
    numbers = [n.line_no for n in glued_row_numbers(_top_customers("180000.0095.00%"), set())]

    assert 2 not in numbers


def _customers_over_a_total(total: str) -> list[str]:
    return [
        "合计9000.00--",  # the table above: not this table's row
        "2024年,公司主要客户的基本情况如下:",
        "序销售额(万元)客户名称经营规模",
        "甲公司 6000.00 2024年营业收入为2.37亿元",  # 2.37 with its unit is the row's prose, no cell
        "23757.60乙公司注册资金1.36亿",  # row 2 with 3757.60, or 23757.60, or row 23 with 757.60
        "丙公司1242.40",
        f"合计{total}--",
    ]


def test_rows_under_the_sentence_introducing_their_table_add_up_to_its_total_line_past_prose_amounts():
    proven = {(n.line_no, n.raw_text) for n in glued_row_numbers(_customers_over_a_total("11000.00"), set())}
    unproven = {
        (n.line_no, n.raw_text) for n in glued_row_numbers(_customers_over_a_total("10000.00"), set())
    }

    assert (5, "3757.60") in proven
    assert not {raw for line, raw in proven if line == 5} & {"23757.60", "757.60"}
    assert not [raw for line, raw in unproven if line == 5]


def test_a_whole_percentage_closes_its_cell_so_the_amount_glued_after_it_is_read():
    lines = [
        "某学校智慧校园智慧城市969.752-3年总价的30%872.7790.00%2022/11/15客户结算延迟",
        "某职业学校智慧城市233.202-370%155.2759.76%2023/11/27受客户付款审批影响",
    ]

    numbers = {(n.line_no, n.raw_text) for n in glued_row_numbers(lines, set())}

    assert {(1, "872.77"), (1, "90.00%"), (2, "155.27"), (2, "59.76%")} <= numbers
    assert not {raw for _, raw in numbers} & {"30872.77", "0872.77", "70155.27", "370155.27"}


def test_a_digit_glued_after_an_amount_opens_an_aging_bucket_whose_年以内_or_年以上_is_printed_further_on():
    lines = [
        "5某数据科技算力服务139.481合同签订后,在7天内支付全部集成服务合同年以内组合",
        "14某县教育局智慧城市教学仪器102.141第1年:30%年以内2组合--未逾期--",
        "某项目服务费12.341万元年以内",  # a money unit after the 1: one number of three decimals
        "某项目服务费56.781合同签订后支付",  # no 年以内 on the line: nothing says what the 1 is
        "52某农产品公司智慧城市385.005作日内支付合同金额95%年以上单项",  # 5 of 5年以上
    ]

    numbers = {(n.line_no, n.raw_text) for n in glued_row_numbers(lines, set())}

    assert {(1, "139.48"), (2, "102.14"), (5, "385.00")} <= numbers
    assert not [n for n in numbers if n[0] in (3, 4)]


def test_an_amount_glued_after_a_range_of_years_is_read_after_the_ranges_high_end():
    lines = [
        "45某信息技术有限公司智慧城市工作日内支付2024-2025139.791年以内807486.40组合",
        "46某公司智慧城市2024-2023139.79组合",  # 2023 does not close 2024-: nothing says where the run starts
    ]

    numbers = {(n.line_no, n.raw_text) for n in glued_row_numbers(lines, set())}

    assert (1, "139.79") in numbers and not [n for n in numbers if n[1] in ("2025139.79", "5139.79")]
    assert not [n for n in numbers if n[0] == 2]


def _collections_over_a_total(total: str) -> list[str]:
    return [
        "单位:万元",
        "序号项目名称累计回款金额待回款余额回款比例",
        "1甲学校智能化工程甲建设公司4300.008920.1932.53%项目试运行",  # the share is no amount the total sums
        "2乙寺庙工程(二期)乙寺庙-12000.00-项目设备调试中",  # nothing collected, 12000.00 to collect, no ratio
        "3丙大厦工程 1830.00 960.39 65.58% 已移交",
        f"合计{total}",
    ]


def test_a_dash_beside_an_amount_is_the_empty_cell_the_total_line_proves():
    proven = {
        (n.line_no, n.raw_text)
        for n in glued_row_numbers(_collections_over_a_total("6130.0021880.58"), set())
    }
    unproven = {
        (n.line_no, n.raw_text)
        for n in glued_row_numbers(_collections_over_a_total("6130.0020000.00"), set())
    }

    assert (4, "12000.00") in proven and not [n for n in proven if n[1] == "-12000.00"]
    assert not [n for n in unproven if n[0] == 4]


def _inventory_with_a_merged_cell(total: str) -> list[str]:
    return [
        "单位:万元",
        "存货项目名称客户名称存货余额单项计提跌价金额已预收金额单项计提跌价原因",
        "1142.61262.74甲项目业主未按约定支付进度款",  # balance and advance: its provision is printed below, merged
        "甲项目弱电工程甲公司",
        "444.02综合考虑回收方式计提",  # 1142.61 or row 1 with 142.61 or row 11 with 42.61; 444.02 or 4 | 44.02
        "873.71337.72536.34",
        "乙项目智能化工程乙公司客户为失信被执行人",
        f"合计{total}",
    ]


def test_rows_printing_fewer_amounts_than_the_total_are_read_where_all_their_amounts_add_up_to_it():
    # the columns do not close row by row (the first row prints two of three amounts), but every amount of
    # the rows adds up to the three totals together under one reading only: no row id glued to any
    rows = _inventory_with_a_merged_cell("2016.32781.74799.08")
    proven = {(n.line_no, n.raw_text) for n in glued_row_numbers(rows, set())}

    assert {(3, "1142.61"), (3, "262.74"), (5, "444.02"), (6, "873.71"), (6, "337.72"), (6, "536.34")} <= proven
    assert not {raw for _, raw in proven} & {"142.61", "42.61", "44.02", "73.71"}


def test_rows_whose_amounts_do_not_add_up_to_the_total_together_are_not_read():
    unproven = {n.line_no for n in glued_row_numbers(_inventory_with_a_merged_cell("2016.32781.74800.08"), set())}

    assert not unproven & {3, 5, 6}
