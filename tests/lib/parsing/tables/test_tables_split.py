"""Splitting run-together cells: only what the filing prints decides, otherwise ambiguous."""

from orchestration.lib.parsing.tables.split import expected_next_ids, split_run


def values(split):
    return [n.value for n in split.numbers]


def test_six_yearly_amounts_split_on_their_two_decimals():
    result = split_run("13563.1727126.3427126.3424300.6821475.0214951.31", 6)

    assert values(result) == [13563.17, 27126.34, 27126.34, 24300.68, 21475.02, 14951.31]


def test_a_glued_row_id_is_chosen_by_the_column_count_and_the_row_id_sequence():
    # 1.17 | 69.25 also gives eight cells; only 1.1 follows row 1.
    result = split_run("1.1769.251538.491538.491538.491538.491538.491538.491538.49", 8, "1", glued_id=True)

    assert result.row_id == "1.1"
    assert values(result)[:2] == [769.25, 1538.49]
    assert result.rule == "row-id sequence"


def test_unit_price_quantity_with_unit_and_amount():
    result = split_run("230.00300台69000.00", 3)

    assert [(n.value, n.unit) for n in result.numbers] == [(230.0, None), (300.0, "台"), (69000.0, None)]


def test_quantity_without_unit_is_decided_by_price_times_quantity():
    result = split_run("230.0030069000.00", 3)

    assert values(result) == [230.0, 300.0, 69000.0]
    assert result.rule == "unit price x quantity = amount"


def test_a_zero_price_or_quantity_proves_no_split():
    # regression (001:405, 002:767): 0 x 1 = 0 made a stock code 301085 into row 3 with revenue 0, 1, 0, 85,
    # and 98800.00 under three years into 988 | 0 | 0.00
    stock_code = split_run("301085", 4, glued_id=True)
    amount = split_run("98800.00", 3)

    assert stock_code.numbers is None and stock_code.rule != "unit price x quantity = amount"
    assert amount.numbers is None or values(amount) == [98800.0]


def test_a_dash_against_a_rate_is_no_empty_cell_by_the_count_alone():
    # regression (001:413): under four period columns, 2428.25-71.40%10808.28 was read as 2428.25 | - | 71.40% |
    # 10808.28, filing 10808.28 (FY2024) under FY2022 and the change -71.40% as 71.40 under FY2023
    rate = split_run("2428.25-71.40%10808.28", 4)
    amount = split_run("65777.79-85511.13111164.46144513.80", 5)  # a dash before an amount: the count decides

    assert rate.numbers is None
    assert [n.raw for n in amount.numbers] == ["65777.79", "-", "85511.13", "111164.46", "144513.80"]


def test_percentages_end_at_the_percent_sign():
    result = split_run("98.0%98.0%98.0%98.0%96.0%94.0%92.0%90.0%", 8)

    assert values(result) == [98.0, 98.0, 98.0, 98.0, 96.0, 94.0, 92.0, 90.0]
    assert {n.unit for n in result.numbers} == {"%"}


def test_a_repeated_count_fills_the_year_columns():
    result = split_run("130130130130130130130130", 8)

    assert values(result) == [130.0] * 8
    assert result.rule == "repeated values"


def test_undecidable_integers_stay_ambiguous_with_their_candidates():
    result = split_run("12345678", 2)

    assert result.numbers is None
    assert len(result.candidates) == 7


def test_a_row_with_unprinted_empty_cells_keeps_its_self_delimiting_values():
    # 8 | 15.40 and 81 | 5.40 would fill three columns; nothing supports either.
    result = split_run("815.400.63%", 3)

    assert values(result) == [815.40, 0.63]


def test_empty_marks_between_amounts():
    result = split_run("11574.07--", 3)

    assert [n.value for n in result.numbers] == [11574.07, None, None]


def test_a_minus_sign_and_an_empty_mark_are_told_apart_only_by_the_column_count():
    assert values(split_run("-338.41", 1)) == [-338.41]
    assert values(split_run("-338.41", 2)) == [None, 338.41]


def test_long_integer_runs_are_bounded_not_exponential():
    result = split_run("1" * 40, 12)

    assert result.numbers is None


def test_row_ids_that_may_follow_a_row():
    assert expected_next_ids("1") == {"1.1", "2"}
    assert expected_next_ids("1.2") == {"1.2.1", "1.3", "2"}


def test_a_percentage_is_not_cut_to_fill_an_unprinted_total_column():
    """Regression: ``90.0%`` became 9 | 0.0% so six rates filled seven columns."""
    result = split_run("90.0%96.0%96.0%96.0%96.0%96.0%", 7)

    assert values(result) == [90.0, 96.0, 96.0, 96.0, 96.0, 96.0]


def test_an_expected_row_id_glued_before_amounts_is_not_read_as_a_value():
    """Regression: row 2's id in ``28.768.76…`` was read as a bare integer cell 2."""
    result = split_run("28.768.768.767.457.457.45", 7, "1", glued_id=True)

    assert result.row_id == "2"
    assert values(result) == [8.76, 8.76, 8.76, 7.45, 7.45, 7.45]


def test_a_repeated_count_after_a_glued_row_id_may_leave_the_total_column_empty():
    """Regression: ``1193193…`` (row 1, 193 servers in six years, no total) stayed undecided."""
    result = split_run("1193193193193193193", 7, glued_id=True)

    assert result.row_id == "1"
    assert values(result) == [193.0] * 6


def test_a_dash_against_a_number_is_its_minus_sign_when_no_column_count_is_known():
    result = split_run("56401.04-23.35%132938.55-11.28%149838.348.29%138362.81", None)

    assert values(result) == [56401.04, -23.35, 132938.55, -11.28, 149838.34, 8.29, 138362.81]
    assert result.rule == "a dash against a number is its sign"


def test_dashes_run_together_after_the_last_value_are_the_fewest_empty_cells():
    result = split_run("2428.25-71.40%10808.28----", None)

    assert [n.raw for n in result.numbers] == ["2428.25", "-71.40%", "10808.28", "--", "--"]


def test_a_negative_percentage_among_percentages_under_a_column_count():
    result = split_run("18.26%12.34%-1.21%0.51%----", 8)

    assert values(result) == [18.26, 12.34, -1.21, 0.51, None, None, None, None]


def test_an_amount_never_starts_with_a_redundant_zero():
    # 1 | 0751.81 would fill four columns with a glued row id; 10751.81 is the amount printed.
    result = split_run("10751.81-7569.174221.766308.42", 4, glued_id=True)

    assert result.row_id is None
    assert values(result) == [10751.81, -7569.17, 4221.76, 6308.42]


def test_a_range_cell_is_read_only_when_nothing_else_reads_the_run():
    result = split_run("0.660.57-0.66", 2)

    assert [(n.raw, n.value) for n in result.numbers] == [("0.66", 0.66), ("0.57-0.66", None)]
    assert values(split_run("5.09-6.32", 2)) == [5.09, -6.32]


def test_a_quantity_counted_in_metres_of_cable():
    result = split_run("0.073988条279.16", 3)

    assert [(n.value, n.unit) for n in result.numbers] == [(0.07, None), (3988.0, "条"), (279.16, None)]


def test_a_bracketed_negative_amount_is_one_cell_of_a_run():
    result = split_run("35,736,481.68（15,786,118.10）(10,643,296.92)160,182,898.28", 4)
    assert [(n.raw, n.value) for n in result.numbers] == [
        ("35,736,481.68", 35736481.68),
        ("（15,786,118.10）", -15786118.10),
        ("(10,643,296.92)", -10643296.92),
        ("160,182,898.28", 160182898.28),
    ]


def test_no_glued_row_id_starts_the_numbering_in_the_middle_of_a_table():
    # 1 | 3.25% … also gives four cells, and 1 would start a numbering; not under rows that printed no id.
    assert values(split_run("13.25%4.41%8.84%8.81%", 4, glued_id=True, numbering_open=False)) == [
        13.25, 4.41, 8.84, 8.81,
    ]  # fmt: skip
    assert split_run("13.25%4.41%8.84%8.81%", 4, glued_id=True).row_id == "1"  # a table's first row may start it


def test_not_applicable_between_amounts_is_an_empty_cell_of_the_run():
    result = split_run("-41,697,816.69-19,618,202.79不适用12,997,318.18", 4)

    assert [(n.raw, n.value) for n in result.numbers] == [
        ("-41,697,816.69", -41697816.69),
        ("-19,618,202.79", -19618202.79),
        ("不适用", None),
        ("12,997,318.18", 12997318.18),
    ]
