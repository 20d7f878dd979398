from orchestration.lib.quality.precision import decimals, half_unit, intervals_overlap
from orchestration.lib.vocabulary.units import to_wan_factor


def test_decimals_count_the_digits_printed_after_the_point():
    assert [decimals(t) for t in ("13,563.17", "12.50%", "300台", "-0.5", "1,000")] == [2, 2, 0, 1, 0]


def test_half_unit_is_half_the_last_printed_digit_and_counts_are_exact():
    assert half_unit("36.83") == 0.005
    assert half_unit("12.5%") == 0.05
    assert half_unit("298") == 0.5
    assert half_unit("300", "台") == 0.0


def test_the_same_number_printed_with_more_digits_agrees_and_a_different_number_does_not():
    assert intervals_overlap(12.5, half_unit("12.5"), 12.50, half_unit("12.50"))
    assert not intervals_overlap(36.83, half_unit("36.83"), 36.79, half_unit("36.79"))
    assert intervals_overlap(36.8, half_unit("36.8"), 36.83, half_unit("36.83"))


def test_money_units_convert_to_wan_and_other_units_do_not():
    assert (to_wan_factor("元"), to_wan_factor("万元"), to_wan_factor("亿元"), to_wan_factor("%")) == (1e-4, 1.0, 1e4, None)
