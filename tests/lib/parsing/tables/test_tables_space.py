"""Space-aligned tables: headers over groups of columns and labels wrapped around their numbers."""

from orchestration.lib.parsing.tables.space import parse_space

GROUPED_HEADER = [
    "                     2025 年                             2024 年",
    "                      1-9 月                                  度",
    "项目                营业收入    营业成本      毛利率    营业收入    营业成本      毛利率",
    "算力服务业务       18,353.95   14,238.99       22.42   32,353.86   27,222.54       15.86",
    "合计               36,321.65   28,614.01       21.22   56,398.08   45,380.56       19.54",
]

WRAPPED_LABELS = [
    "序号 项目                   第1年       第2年        合计",
    "     算力服务器",
    " 1                            258         258           -",
    "     数量(台)",
    "     服务单价(万",
    " 2                           8.72        8.72           -",
    "     元/台/月)",
    " 3   利用率                 90.0%       98.0%           -",
]


def test_a_period_printed_over_two_lines_heads_each_column_of_its_block():
    table = parse_space(GROUPED_HEADER, 0, 3, len(GROUPED_HEADER))

    assert table.columns == [
        "2025年1-9月营业收入",
        "2025年1-9月营业成本",
        "2025年1-9月毛利率",
        "2024年度营业收入",
        "2024年度营业成本",
        "2024年度毛利率",
    ]


def test_a_label_wrapped_above_and_below_its_numbers_stays_with_its_row():
    table = parse_space(WRAPPED_LABELS, 0, 2, len(WRAPPED_LABELS))

    assert [(row.row_id, row.label) for row in table.rows] == [
        ("1", "算力服务器数量(台)"),
        ("2", "服务单价(万元/台/月)"),
        ("3", "利用率"),
    ]
    assert table.columns == ["第1年", "第2年", "合计"]


def test_the_next_sections_heading_is_not_part_of_the_last_row():
    lines = [
        "账龄                 2025 年     2024 年",
        "                   9 月30 日  12 月31 日",
        "1年以内            37,869.65   22,180.41",
        "合计               57,681.72   29,302.79",
        "",
        "（四）期后回款情况",
    ]

    table = parse_space(lines, 0, 2, len(lines))

    assert [row.label for row in table.rows] == ["1年以内", "合计"]


def test_a_unit_column_keeps_price_quantity_and_amount():
    # Regression: the unit text "台" was taken for the row label, dropping price and quantity.
    lines = [
        "设备名称          单价(万元/台)           数量           单位           金额",
        "AI训练服务器             234.64            298             台      69,922.72",
        "通用服务器                 7.87             10             台          78.70",
    ]

    table = parse_space(lines, 0, 1, len(lines))

    (first, _) = table.rows
    assert first.label == "AI训练服务器"
    assert [(c.col, c.raw_text, c.unit) for c in first.cells] == [
        (0, "234.64", None),
        (1, "298", "台"),
        (3, "69,922.72", None),
    ]
    assert table.columns == ["单价(万元/台)", "数量", "单位", "金额"]


def test_a_date_column_right_of_the_amounts_is_not_the_row_label():
    # Regression: "2024-12-31" in a 预计完工时间 column hid every row but the total.
    lines = [
        "序号              项目                拟投入金额       完工时间",
        " 1      一体化云服务平台升级项目           2,759.02   2024-12-31",
        " 2      弹性裸金属平台建设项目             2,273.23   2024-12-31",
        "               合计                        5,032.25",
    ]

    table = parse_space(lines, 0, 1, len(lines))

    assert [(row.label, [c.raw_text for c in row.cells]) for row in table.rows] == [
        ("一体化云服务平台升级项目", ["2,759.02"]),
        ("弹性裸金属平台建设项目", ["2,273.23"]),
        ("合计", ["5,032.25"]),
    ]


def test_a_last_column_of_words_right_of_the_numbers_is_not_the_row_label():
    # Regression: a 依据 column ("租用期限") hid the amortisation life of every row.
    lines = [
        "      项目           摊销年限                              依据",
        "  管道租用费        20                            租用期限",
        "  场地租用费        15                            租用期限",
        "    软件著作权            5                                     -",
    ]

    table = parse_space(lines, 0, 1, len(lines))

    assert [(row.label, [c.raw_text for c in row.cells]) for row in table.rows] == [
        ("管道租用费", ["20"]),
        ("场地租用费", ["15"]),
        ("软件著作权", ["5", "-"]),  # an empty 依据 cell
    ]
