"""One definition of a table's total and sub-item rows (vocabulary.totals), with the spaces a printed table may put in them."""

from orchestration.lib.parsing.column_totals import proven_rows
from orchestration.lib.vocabulary.totals import (
    GRAND_TOTAL_ROW,
    GRAND_TOTAL_WORD,
    OF_WHICH_ROW,
    SUB_ITEM_ROW,
    SUBTOTAL_ROW,
    TOTAL_ROW,
)


def test_total_rows_are_recognised_with_a_space_inside_or_before_the_word():
    assert all(GRAND_TOTAL_ROW.match(label) for label in ("合计", "合 计", "  总计", "总　计"))
    assert all(TOTAL_ROW.match(label) for label in ("合计", "小 计", " 小计"))
    assert SUBTOTAL_ROW.match("小 计") and not SUBTOTAL_ROW.match("合计")
    assert not [label for label in ("合同", "小型", "计划合计", "总额") if GRAND_TOTAL_ROW.match(label) or TOTAL_ROW.match(label)]
    assert GRAND_TOTAL_WORD.search("营业收入合计") and not GRAND_TOTAL_WORD.search("营业收入")


def test_a_total_line_printed_with_a_space_in_its_word_proves_the_rows_above():
    # the same total line, 合计 or 合 计: row 3 + 12000.00 adds up to it, 312000.00 does not
    for word in ("合计", "合 计"):
        lines = ["单位:万元", "1甲工程 3000.00", "312000.00乙工程", f"{word}15000.00"]
        assert proven_rows(lines) == {3: ((1, "12000.00"),)}


def test_of_which_and_dash_led_rows_detail_the_row_above():
    assert all(OF_WHICH_ROW.match(label) for label in ("其中:机柜租用", "其 中：带宽", " 其中"))
    assert all(SUB_ITEM_ROW.match(label) for label in ("其中:机柜租用", "其 中", "-机柜", "——带宽"))
    assert not OF_WHICH_ROW.match("-机柜") and not [label for label in ("中其", "机柜其中", "合计") if SUB_ITEM_ROW.match(label)]
    assert OF_WHICH_ROW.sub("", "其 中：带宽租用") == "带宽租用" and SUB_ITEM_ROW.sub("", "——带宽") == "带宽"
