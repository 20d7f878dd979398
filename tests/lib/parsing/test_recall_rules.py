"""Kinds of fact the extended hand labels cover (issue 10): ranges, durations and counts in prose,
quarters under year columns, useful lives in tables; and the rules that keep them off a wrong period
or a wrong value: changes, event dates, numbers glued in run-together rows."""

from orchestration.lib.parsing.attribution import FilingContext
from orchestration.lib.parsing.cleanup import clean
from orchestration.lib.parsing.facts import parse_filing
from orchestration.lib.parsing.model import Cell, Row, Table
from orchestration.lib.parsing.periods import fact_period, infer_reporting_window, quarter_of_year
from orchestration.lib.parsing.prose import prose_facts
from orchestration.lib.parsing.prose_meaning import facts_from_prose
from orchestration.lib.parsing.prose_rows import glued_row_numbers
from orchestration.lib.parsing.tables.headers import header_columns
from orchestration.lib.parsing.tables.split import split_run


def _prose(text: str) -> list[tuple[str, float, str | None, str | None, str | None]]:
    lines = clean(text).lines
    return [(f.raw_text, f.value, f.unit, f.period, f.metric) for f in prose_facts(lines, set())]


def _facts(text: str) -> list[tuple[str | None, float, str | None, str | None, str | None]]:
    return [(f.row_label, f.value, f.unit, f.period, f.metric) for f in parse_filing(text).facts]


def test_each_end_of_a_range_is_a_fact_with_the_high_ends_unit():
    facts = _prose("前次募投项目服务器采购单价在261-273万元/台之间，期间费用按收入的1-2%计提。\n")

    assert ("261", 261.0, "万元/台", None, "unit_price") in facts
    assert ("273万元/台", 273.0, "万元/台", None, "unit_price") in facts
    assert ("1", 1.0, "%", None, None) in facts and ("2%", 2.0, "%", None, None) in facts
    assert not [fact for fact in facts if fact[1] < 0]  # the hyphen is never a minus sign


def test_an_amount_glued_to_an_age_bucket_or_a_term_is_no_range():
    facts = _prose("智慧城市业务233.202-370%款项，另有1457.501-2年以内的余额。\n")

    assert not [fact for fact in facts if fact[1] in (233.202, 370.0, 1457.501, 2.0)]


def test_durations_head_counts_and_supplier_counts_in_prose():
    facts = _prose(
        "算力服务器按5年计提折旧，服务期限为36个月，项目验收后5个工作日内付款。\n"
        "2024年末员工数量为603人。2024年，公司的算力设备供应商共13家。\n"
    )

    assert ("5年", 5.0, "年", None, None) in facts
    assert ("36个月", 36.0, "个月", None, None) in facts
    assert ("603人", 603.0, "人", "@2024-12-31", None) in facts
    assert ("13家", 13.0, "家", "FY2024", None) in facts
    assert not [fact for fact in facts if fact[2] == "个"]  # 5个工作日 counts no thing


def test_a_year_count_without_a_life_or_term_is_no_fact():
    assert _prose("公司在该领域深耕3年，积累了丰富经验。\n") == []


def test_a_price_per_server_and_month_is_read_with_its_whole_unit():
    facts = _prose("算力服务器交易价格为78200元/月/台，每P单价为3245元/PFLOPS/月。\n")

    assert ("78200元/月/台", 78200.0, "元/月/台", None, "price_per_server_month") in facts
    assert ("3245元/PFLOPS/月", 3245.0, "元/PFLOPS/月", None, "price_per_pflops_month") in facts


def test_changes_in_a_list_or_a_sentence_carry_no_period():
    facts = _prose(
        "最近一年及一期，前五大客户销售占比分别增加35.30%、8.44%。\n"
        "报告期内，公司销售费用各期金额同比变动率分别为-17.84%、-21.82%、15.66%。\n"
        "2030年起单价水平自第六年开始降低5%。\n"
    )

    assert [fact[3] for fact in facts if fact[2] == "%"] == [None] * 6


def test_a_list_closing_with_a_comma_and_and_keeps_all_its_values_and_periods():
    text = "报告期各期末，公司存货占总资产的比例分别为12.80%、14.06%、19.42%、和12.22%。\n"
    window_text = "2022年、2023年、2024年及2025年1-9月\n" * 3 + "2025年1-9月\n" * 3 + text
    lines = clean(window_text).lines
    facts = [(f.value, f.period) for f in prose_facts(lines, set(), set(), infer_reporting_window(lines))]

    assert facts == [(12.80, "@2022-12-31"), (14.06, "@2023-12-31"), (19.42, "@2024-12-31"), (12.22, "@2025-09-30")]


def test_an_event_month_or_a_note_does_not_date_a_number():
    facts = _prose(
        "根据上表，公司2024年度智算服务收入与规模匹配，其中，公司于2024年6月集中交付的算力规模约为4400P。\n"
        "其机器设备原始折旧年限自2019年收购后变更为3-10年注3:光纤熔接机原值478.44万元。\n"
    )

    assert ("4400P", 4400.0, "P", None, "compute_power") in facts
    assert ("478.44万元", 478.44, "万元", None, None) in facts


def test_a_day_that_closes_no_month_is_an_event_not_a_period():
    assert fact_period(None, "@2024-10-18") is None
    assert fact_period("server_count", "@2025-09-30") == "@2025-09-30"
    assert fact_period("ar_gross", "FY2024") == "@2024-12-31"


def test_numbers_printed_back_to_back_take_no_period_from_the_words_before_them():
    facts = _prose("成本项目本募投项目成本结构2024年智算业务成本结构合计100.00%100.00%\n")

    assert [fact[3] for fact in facts] == [None, None]


def test_a_quarter_row_under_a_year_column_is_that_years_quarter():
    assert quarter_of_year("一季度", "FY2024") == "2024M01-M03"
    assert quarter_of_year("第四季度", "FY2022") == "2022M10-M12"
    assert quarter_of_year("合计", "FY2024") is None
    assert quarter_of_year("一季度", "@2024-12-31") is None


def test_a_run_together_two_level_header_keeps_each_period_over_its_pair_of_columns():
    _, columns, _ = header_columns(["2024年度2023年度2022年度", "期间收入占比收入占比收入占比"], 6)

    assert columns == ["2024年度收入", "2024年度占比", "2023年度收入", "2023年度占比", "2022年度收入", "2022年度占比"]


def test_a_quarterly_revenue_table_files_each_quarter_under_its_year():
    text = (
        "公司业务收入按季度分布情况如下表所示:\n"
        "2024年度2023年度\n"
        "期间收入占比收入占比\n"
        "一季度46500.4623.66%47749.8021.32%\n"
        "二季度150000.0076.34%176174.0978.68%\n"
        "合计196500.46100.00%223923.89100.00%\n"
    )

    facts = _facts(text)

    assert ("一季度", 46500.46, None, "2024M01-M03", "revenue") in facts
    assert ("一季度", 21.32, "%", "2023M01-M03", "revenue_share") in facts
    assert ("合计", 223923.89, None, "FY2023", "revenue") in facts


def test_a_count_glued_to_its_share_in_a_run_together_row_is_split_by_the_total_row_not_misread():
    text = (
        "服务器构成情况如下:\n"
        "2025年9月30日2024年12月31日\n"
        "项目数量占比数量占比\n"
        "自有30740.61%--\n"
        "租赁44959.39%95100.00%\n"
        "合计756100.00%95100.00%\n"
    )

    parsed = parse_filing(text)

    assert not [fact for fact in parsed.facts if fact.value > 1000 and fact.unit == "%"]
    read = {(fact.raw_text, fact.unit, fact.period) for fact in parsed.facts if fact.line_no == 4}
    assert read == {("307", None, "@2025-09-30"), ("40.61%", "%", "@2025-09-30")}


def test_a_count_that_reads_like_a_year_is_kept_in_a_quantity_column():
    text = (
        "本次募投项目设备购置明细如下:\n"
        "序号\t设备名称\t数量\t单价(万元)\t金额(万元)\n"
        "1\tGPU服务器\t2087\t2.00\t4174.00\n"
        "2\t交换机\t12\t3.50\t42.00\n"
    )

    values = [value for _, value, _, _, _ in _facts(text)]

    assert 2087.0 in values and 12.0 in values
    assert 4174.0 in values


def test_useful_lives_in_a_space_aligned_table_are_years_and_a_residual_rate_is_no_amount():
    text = (
        "固定资产采用年限平均法计提折旧，各类固定资产的使用寿命和残值率如下:\n"
        "       类别            折旧方法           折旧年限(年)          残值率(%)\n"
        "   房屋及建筑物       年限平均法               20                      5\n"
        "     机器设备         年限平均法               10                      5\n"
        "     电子设备         年限平均法                5                      5\n"
    )

    facts = [(value, unit, metric) for _, value, unit, _, metric in _facts(text)]

    assert (20.0, "年", None) in facts and (10.0, "年", None) in facts
    assert facts.count((5.0, "%", None)) == 3


def test_amounts_of_a_run_together_row_no_table_reader_read_are_kept_with_their_doubt():
    lines = [
        "付深圳市公司组网集成服务23458.001年以内第一期款,此后每90天内支付一组合--未逾期-5500.00科技有限公司 3974.14",
        "集成合同1226.231年以内款到发货组合1226.2337.48%2025/9/20受客户资金安排影响-",
    ]

    numbers = [(n.line_no, n.raw_text, n.value, n.unit) for n in glued_row_numbers(lines, set())]

    # 23458.00 ends where its two decimals do; 5500.00 after a dash is a part of the balance 23458.00 its row ages
    # (1年以内): never negative (test_recall_row_structure)
    assert numbers[:3] == [(1, "23458.00", 23458.0, None), (1, "5500.00", 5500.0, None), (1, "3974.14", 3974.14, None)]
    assert numbers[3:] == [(2, "1226.23", 1226.23, None), (2, "1226.23", 1226.23, None), (2, "37.48%", 37.48, "%")]


def test_a_run_together_row_whose_split_is_not_certain_gives_nothing():
    lines = [
        "1113121.9372.94%2024年否",  # a row id may be glued before the amount
        "自有30740.61%租赁44959.39%",  # a count glued before a share over 100%
        "型号110302.002023年12月型号264255.002024年9月",  # a model's digits before the amount
        "受客户付款审批2023/12/2815.00及",  # a date's day before the amount: 2 and 815.00, or 28 and 15.00
        "购置日期2024.12.31及2025.03.31",  # dates, not amounts
        "公司营业收入为12.35万元，毛利率为23.41%。",  # prose with units is prose's
    ]

    assert list(glued_row_numbers(lines, set())) == []


def test_the_only_amount_of_a_row_whose_cells_were_interleaved_with_prose_is_kept():
    lines = [
        "3 乙公司 2023/5/9 2718.40 交付后,由乙公司负责保管。",  # a numbered row, its cells run into a note
        "丙公司数据平台运维服务 915.27 已回款",
        "合计6480.52--",
        "单价前24个月5.12,后12个月4.30本公司同型号",  # the comma after 5.12 is punctuation
    ]

    numbers = [(n.line_no, n.raw_text, n.value, n.unit) for n in glued_row_numbers(lines, set())]

    assert numbers == [
        (1, "2718.40", 2718.4, None), (2, "915.27", 915.27, None), (3, "6480.52", 6480.52, None),
        (4, "5.12", 5.12, None), (4, "4.30", 4.3, None),
    ]  # fmt: skip


def test_a_share_closes_its_run_so_the_next_cells_digits_or_text_may_follow_it():
    lines = [
        "2东方云网存储服务8215.367.25%2023同期限不同,主年否",  # the year cell's 年 printed further on
        "3南方学校工程智能化有限公司2150.006130.4525.97%项目已进入试运行",  # 项 opens the next cell, no unit
    ]

    numbers = [(n.line_no, n.raw_text) for n in glued_row_numbers(lines, set())]

    assert numbers == [(1, "8215.36"), (1, "7.25%"), (2, "2150.00"), (2, "6130.45"), (2, "25.97%")]


def test_an_amount_glued_after_a_dates_day_is_read_when_the_calendar_allows_one_day_only():
    lines = [
        "4丁公司2024/3/715060.00乙方负责设备安装",  # day 71 does not exist: 2024/3/7 and 15060.00
        "5丁公司2023/2/314410.00项目服务内容:集成",  # 2 月 31 日 does not exist: 2023/2/3 and 14410.00
        "6丁公司2024/5/216250.00乙方负责设备安装",  # 2024/5/2 or 2024/5/21: the amount is not known
        "受客户付款审批影响2025/4/30190.13",  # 2025/4/3 would leave 0190.13, which no amount prints
    ]

    numbers = [(n.line_no, n.raw_text, n.value) for n in glued_row_numbers(lines, set())]

    assert numbers == [(1, "15060.00", 15060.0), (2, "14410.00", 14410.0), (4, "190.13", 190.13)]


def test_an_aging_bucket_glued_between_two_amounts_is_read_as_the_bucket():
    lines = [
        "东方通信设备采购智慧城市2040.002-32040.0055.10%2024/3/18受客户审批影响",  # 2040.00, 2-3, 2040.00
        "西城医院智能化工程715.301-260%;年组合301.2210.45%",  # 1-2 (年) and 60% glued after 715.30
        "南方公司维保项目480.253-610.00组合",  # 3-6 is no bucket: the digits after 480.25 are not known
    ]

    numbers = [(n.line_no, n.raw_text) for n in glued_row_numbers(lines, set())]

    assert numbers == [
        (1, "2040.00"), (1, "2040.00"), (1, "55.10%"),
        (2, "715.30"), (2, "301.22"), (2, "10.45%"),
    ]  # fmt: skip


def test_a_row_id_glued_before_a_lines_first_amount_is_read_only_after_a_row_that_printed_its_id_apart():
    lines = [
        "1 甲公司及其子公司 算力服务 52310.47 建设及开发",  # row 1, its id printed apart
        "甲公司主要从事算力业务",
        "26120.35智慧园区有限公司",  # row 2 glued: 2 and 6120.35
        "38415.20数字城市运维",  # row 3 follows a glued id, never an id printed apart: not known
    ]

    numbers = [(n.line_no, n.raw_text) for n in glued_row_numbers(lines, set())]

    assert numbers == [(1, "52310.47"), (3, "6120.35")]
    assert list(glued_row_numbers(lines[2:], set())) == []  # no row above: 26120.35 or 2 and 6120.35


def test_a_lone_number_prose_claims_is_left_to_prose():
    lines = [
        "近三年营业收入分别为4215.60万元、3301.25万元,相应的净利润分别为118.42",  # 万元 on the next line
        "预计年综合能源消费量约 2.35 万吨标准煤,数据总量将达 41.07 ZB",  # units after a space
        "销售毛利率为31.26%,较上年提高。",
    ]

    assert list(glued_row_numbers(lines, set())) == []


def test_a_table_line_keeps_the_tables_reading_and_gains_only_the_amounts_no_cell_touched():
    lines = [
        "维保服务项目2716.501年以内*余款的20%验收后支付组合--未逾期--",  # the table placed only the 20%
        # the table read all of it, 1226.231 as two glued cells it leaves unread: their amount is the glued row's
        "集成合同1226.231年以内款到发货组合1226.2337.48%2025/9/20",
        "机房升级项目智慧城市512.301年以内组合未逾期已回款512.30",  # the same amount twice, read once
        "数据中心项目智慧城市845.102-360%年组合",  # a cell the table left unread holds no reading
    ]
    table = Table("t1", "concat", 1, 4, None, None, ["账面余额"], rows=[
        Row("维保服务项目", None, 1, [Cell(0, "20%", 20.0, "%", 1)]),
        Row("集成合同", None, 2, [
            Cell(0, "1226.231", 1226.231, None, 2), Cell(1, "1226.23", 1226.23, None, 2), Cell(2, "37.48%", 37.48, "%", 2),
        ]),
        Row("机房升级项目", None, 3, [Cell(0, "512.30", 512.3, None, 3)]),
        Row("数据中心项目", None, 4, [Cell(0, "845.102-360%", None, None, 4, ambiguous=True)]),
    ])  # fmt: skip

    facts = facts_from_prose(lines, [table], [], FilingContext(lines, [], None, None))

    assert [(f.line_no, f.raw_text, f.unit, f.period, f.ambiguous) for f in facts] == [
        (1, "2716.50", None, None, True),
        (2, "1226.23", None, None, True),
        (3, "512.30", None, None, True),
        (4, "845.10", None, None, True),
    ]


def test_a_number_with_its_unit_left_in_a_table_rows_label_is_a_fact_with_no_period():
    lines = ["2 为客户提供算力服务 2025年1-6月 8600P 41250.33"]
    table = Table("t1", "concat", 1, 1, None, "万元", ["营业收入"], rows=[
        Row("为客户提供算力服务 2025年1-6月 8600P", "2", 1, [Cell(0, "41250.33", 41250.33, None, 1)]),
    ])  # fmt: skip

    facts = facts_from_prose(lines, [table], [], FilingContext(lines, [], None, None))

    assert [(f.raw_text, f.unit, f.period, f.ambiguous) for f in facts] == [("8600P", "P", None, True)]


def test_a_digit_and_a_negative_number_opening_with_the_next_digit_are_an_aging_bucket_not_a_minus_sign():
    assert split_run("845.102-360%", 3).numbers is None  # never 845.10 | 2 | -360%
    assert [n.raw for n in split_run("12.505-6.20", 3).numbers] == ["12.50", "5", "-6.20"]


def test_a_glued_row_amount_is_a_fact_with_no_period_metric_or_unit_and_low_confidence():
    text = "2025年9月末应收账款情况如下:\n广东力创能源算力服务器集339.201年以内组合1434.001年以内组合\n"

    facts = [f for f in parse_filing(text).facts if f.value in (339.2, 1434.0)]

    assert [(f.raw_text, f.period, f.metric, f.unit, f.ambiguous) for f in facts] == [
        ("339.20", None, None, None, True),
        ("1434.00", None, None, None, True),
    ]
    assert all(f.confidence is not None and f.confidence < 0.5 for f in facts)


def test_a_number_takes_the_one_period_its_own_clause_names():
    facts = _prose(
        "2024年公司实现智算业务营收30,093.49万元，占营业收入比重7.5%，2025年实现智算业务营收46,160.36万元，"
        "同比增长53.4%，较公司2024年财务费用率高0.9%，收入约为2024财政年度的73.71%。\n"
    )
    periods = {raw: period for raw, _, _, period, _ in facts}

    assert periods["30,093.49万元"] == "FY2024" and periods["46,160.36万元"] == "FY2025"
    assert periods["53.4%"] is None and periods["0.9%"] is None and periods["73.71%"] is None


def test_a_list_of_forecast_margins_after_full_production_is_the_models_average():
    facts = _prose("项目一、项目二达产后预计毛利率分别为27.95%和23.80%。\n")

    assert [(value, period, metric) for _, value, _, period, metric in facts] == [
        (27.95, "MODEL_AVG", "gross_margin"),
        (23.80, "MODEL_AVG", "gross_margin"),
    ]
