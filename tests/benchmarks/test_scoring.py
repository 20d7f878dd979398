from dataclasses import dataclass

from benchmarks.scoring import Label, score_file
from orchestration.lib.parsing.model import Fact


def _fact(line_no: int, raw_text: str, value: float, metric: str | None = None, period: str | None = None) -> Fact:
    return Fact(
        fact_id=f"f{line_no}-{raw_text}", table_id="t1", section_id=None, line_no=line_no, raw_text=raw_text,
        value=value, unit="万元", row_label=None, column_label=None, period=period, entity=None, entity_kind=None,
        label_zh="营业收入", metric=metric,
    )


def _label(line_no: int, raw_text: str, value: float, metric="revenue", period="Y1") -> Label:
    return Label("f.txt", line_no, raw_text, value, period, metric, "concat")


def test_a_repeated_value_needs_one_fact_per_label():
    labels = [_label(3, "130", 130), _label(3, "130", 130), _label(3, "130", 130)]
    score = score_file(labels, [_fact(3, "130", 130), _fact(3, "130", 130)])["concat"]
    assert (score.labels, score.found, score.wrong) == (3, 2, 0)


def test_a_wrong_split_of_run_together_digits_counts_as_a_wrong_value():
    # "1.1769.25" read as 1.17 and 69.25 instead of row id 1.1 and 769.25
    score = score_file([_label(9, "769.25", 769.25)], [_fact(9, "69.25", 69.25)])["concat"]
    assert (score.found, score.wrong) == (0, 1)


def test_metric_and_period_are_scored_on_found_labels_only():
    labels = [_label(1, "13,563.17", 13563.17), _label(2, "27,126.34", 27126.34)]
    facts = [_fact(1, "13,563.17", 13563.17, metric="revenue", period="Y2")]
    score = score_file(labels, facts)["concat"]
    assert (score.found, score.metric_labelled, score.metric_right, score.period_right) == (1, 1, 1, 0)


def test_labels_without_a_line_match_anywhere_in_the_file():
    label = Label("f.pdf", None, "2,055.71", 2055.71, "Y3", "net_profit", "space")
    assert score_file([label], [_fact(88, "2,055.71", 2055.71)])["space"].found == 1


def _truth(raw_text: str, value: float, period, metric, row: str, line_no: int | None = None) -> Label:
    return Label("r.html", line_no, raw_text, value, period, metric, "html", row_label=row, meaning_known=True)


def _read(raw_text: str, value: float, period, metric, row: str, line_no: int = 1) -> Fact:
    fact = _fact(line_no, raw_text, value, metric=metric, period=period)
    fact.row_label = row
    return fact


def test_wrong_and_missing_periods_are_counted_apart_on_a_key_indicators_table():
    # 营业收入 | 2019年 | 2018年 | 本年比上年增减 | 2017年, read one column left of its header:
    labels = [
        _truth("3,564.26", 3564.26, "FY2019", "revenue", "营业收入（元）"),
        _truth("3,069.05", 3069.05, "FY2018", "revenue", "营业收入（元）"),
        _truth("16.14%", 16.14, None, None, "营业收入（元）"),  # a change column has no period
        _truth("2,801.77", 2801.77, "FY2017", "revenue", "营业收入（元）"),
        _truth("88.00", 88.0, "FY2019", "total_assets", "总资产（元）"),
    ]
    facts = [
        _read("3,564.26", 3564.26, "FY2019", "revenue", "营业收入（元）"),  # right
        _read("3,069.05", 3069.05, "FY2019", "revenue", "营业收入（元）"),  # wrong period
        _read("16.14%", 16.14, "FY2018", "revenue", "营业收入（元）"),  # change read as a year: wrong both ways
        _read("2,801.77", 2801.77, None, "revenue", "营业收入（元）"),  # no period: a miss of meaning
        _read("88.00", 88.0, "FY2019", None, "总资产（元）"),  # no metric
    ]
    score = score_file(labels, facts)["html"]
    assert (score.found, score.wrong_period, score.period_missing) == (5, 2, 1)
    assert (score.wrong_metric, score.metric_missing) == (1, 1)


def test_a_number_printed_twice_is_paired_with_the_fact_that_reads_it_right():
    # The same amount under 2024 in one table and under 2023 in another: the facts are swapped in order.
    labels = [_truth("100.00", 100.0, "FY2024", "revenue", "营业收入"), _truth("100.00", 100.0, "FY2023", "revenue", "营业收入")]
    facts = [_read("100.00", 100.0, "FY2023", "revenue", "营业收入"), _read("100.00", 100.0, "FY2024", "revenue", "营业收入")]
    assert score_file(labels, facts)["html"].wrong_period == 0
    one_wrong = [_read("100.00", 100.0, "FY2024", "revenue", "营业收入"), _read("100.00", 100.0, "FY2022", "revenue", "营业收入")]
    assert score_file(labels, one_wrong)["html"].wrong_period == 1


def test_a_hand_label_without_a_period_judges_no_period():
    label = Label("f.txt", 4, "12.50%", 12.5, None, None, "tab")
    score = score_file([label], [_fact(4, "12.50%", 12.5, metric="gross_margin", period="FY2024")])["tab"]
    assert (score.found, score.wrong_period, score.wrong_metric) == (1, 0, 0)


def test_full_width_parenthesised_and_split_numbers_match_their_printed_digits():
    labels = [
        Label("f.txt", 2, "（１，２３４．５６）", -1234.56, None, None, "fullwidth"),
        Label("f.txt", 2, "205,021,446. 76", 205021446.76, None, None, "fullwidth"),
    ]
    facts = [_fact(2, "-1,234.56", -1234.56), _fact(2, "205,021,446.76", 205021446.76)]
    score = score_file(labels, facts)["fullwidth"]
    assert (score.found, score.spaced) == (2, 0)
    spaced = score_file(labels[1:], [_fact(2, "205,021,446. 76", 205021446.76)])["fullwidth"]
    assert spaced.spaced == 1


@dataclass(slots=True)
class PagedFact(Fact):
    """A fact as the grid contract's PDF reader gives it, with its page."""

    page: int | None = None


def _on_page(page: int, line_no: int, raw_text: str, value: float) -> PagedFact:
    fact = _fact(line_no, raw_text, value)
    return PagedFact(**{**{name: getattr(fact, name) for name in Fact.__dataclass_fields__}, "page": page})


def test_a_number_wrapped_in_a_pdf_cell_and_read_as_two_is_a_wrong_value_on_its_page():
    label = Label("r.pdf", None, "1,380,240,203.63", 1380240203.63, "FY2024", "revenue", "pdf_ruled", page=3)
    halves = [_on_page(3, 40, "1,380,240", 1380240.0), _on_page(3, 41, "203.63", 203.63)]
    assert (score_file([label], halves)["pdf_ruled"].found, score_file([label], halves)["pdf_ruled"].wrong) == (0, 1)
    assert score_file([label], [_on_page(5, 40, "1,380,240", 1380240.0)])["pdf_ruled"].wrong == 0
    assert score_file([label], [_on_page(3, 9, "1,380,240,203.63", 1380240203.63)])["pdf_ruled"].found == 1
