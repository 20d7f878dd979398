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
