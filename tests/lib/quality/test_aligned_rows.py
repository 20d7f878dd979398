"""Two rows of different tables printing the same amounts but one: the differing pair is one figure printed
twice. Synthetic rows shaped like filings.facts, each case one guard."""

from orchestration.lib.quality.aligned_rows import find_aligned_rows

ACQUISITIONS = ["5193.72", "1912.27", "1846.50", "4201.10", "2662.74"]


def _row(table: str, line_no: int, printed: list[str], label: str = "商誉", first_column: int = 0, **fields) -> list[dict]:
    """One table row of one filing, its cells numbered in printed order from first_column (c10 after c9)."""
    return [
        {
            "filing_id": "f1", "fact_id": f"{table}-r{line_no}-c{first_column + index}", "table_id": table, "line_no": line_no,
            "row_label": label, "raw_text": raw, "value": float(raw.replace(",", "").rstrip("%")),
            "unit": "%" if raw.endswith("%") else None, "line_text": label + "".join(printed),
            "metric": None, "period": None, "entity": None, **fields,
        }
        for index, raw in enumerate(printed)
    ]


def test_rows_equal_but_one_amount_are_one_column_printed_twice():
    facts = [*_row("t1", 10, ACQUISITIONS), *_row("t2", 90, ["5251.45", *ACQUISITIONS[1:]], label="分摊商誉")]
    (finding,) = find_aligned_rows(facts)
    assert finding.kind == "ambiguous_label" and finding.severity == "medium"
    assert [(r.line_no, r.raw_text) for r in finding.refs] == [(10, "5193.72"), (90, "5251.45")]
    assert [r.line_text for r in finding.refs] == ["商誉" + "".join(ACQUISITIONS), "分摊商誉5251.45" + "".join(ACQUISITIONS[1:])]
    assert round(finding.gap, 2) == 57.73
    assert "5193.72" in finding.description_zh and "5251.45" in finding.description and "第90行" in finding.description_zh


def test_the_columns_are_aligned_in_printed_order_beyond_ten():
    """Cells c8 c9 c10 against c11 c12 c13: compared as text, c10 would come first in one row only."""
    facts = [*_row("t1", 10, ACQUISITIONS[:3], first_column=8), *_row("t2", 90, [*ACQUISITIONS[:2], "1850.00"], first_column=11)]
    (finding,) = find_aligned_rows(facts)
    assert (finding.expected, finding.actual) == (1846.50, 1850.00)


def test_the_same_metric_and_period_in_both_rows_is_a_conflict():
    facts = [
        *_row("t1", 10, ACQUISITIONS, metric="goodwill", period="@2024-12-31"),
        *_row("t2", 90, ["5251.45", *ACQUISITIONS[1:]], metric="goodwill", period="@2024-12-31"),
    ]
    (finding,) = find_aligned_rows(facts)
    assert (finding.kind, finding.severity) == ("conflict", "high")


def test_rows_differing_in_two_positions_align_nothing():
    facts = [*_row("t1", 10, ACQUISITIONS), *_row("t2", 90, ["5251.45", "1912.28", *ACQUISITIONS[2:]])]
    assert find_aligned_rows(facts) == []


def test_rows_of_years_counts_or_zeros_align_nothing():
    years = [*_row("t1", 10, ["2022", "2023", "2024"]), *_row("t2", 90, ["2022", "2023", "2025"])]
    zeros = [*_row("t1", 20, ["0.00", "0.00", "12.50"]), *_row("t2", 80, ["0.00", "0.00", "13.50"])]
    assert find_aligned_rows([*years, *zeros]) == []


def test_rows_aligned_on_rates_and_one_amount_align_nothing():
    """A row that lost an amount to a wrapped line still prints the change rate computed from it."""
    facts = [*_row("t1", 10, ["132894.30", "302.38%", "11574.07"]), *_row("t2", 90, ["46571.71", "302.38%", "11574.07"])]
    assert find_aligned_rows(facts) == []


def test_an_amount_against_a_ratio_aligns_nothing():
    facts = [*_row("t1", 10, ["58214.08", "1227.38", "56986.70"]), *_row("t2", 90, ["58214.08", "1227.38", "2.11%"])]
    assert find_aligned_rows(facts) == []


def test_the_same_digits_read_with_opposite_signs_align_nothing():
    facts = [*_row("t1", 10, ["2428.25", "71.40", "10808.28", "5.55"]), *_row("t2", 90, ["2428.25", "-71.40", "10808.28", "5.55"])]
    assert find_aligned_rows(facts) == []


def test_rows_of_one_table_or_one_line_repeated_align_nothing():
    same_table = [*_row("t1", 10, ACQUISITIONS), *_row("t1", 11, ["5251.45", *ACQUISITIONS[1:]])]
    # one printed line read twice, the second time with its first amount misread: a parser artefact
    repeated = _row("t2", 90, ACQUISITIONS) + [
        {**cell, "line_text": "商誉" + "".join(ACQUISITIONS)} for cell in _row("t3", 95, ["5243.72", *ACQUISITIONS[1:]])
    ]
    assert find_aligned_rows(same_table) == []
    assert find_aligned_rows(repeated) == []


def test_a_gap_the_filing_prints_is_explained():
    """The second table adds another project's fixed assets to one year, and the filing prints how much."""
    facts = [
        *_row("t1", 10, ["7,254.50", "6,298.83", "7,126.53"], label="固定资产投入"),
        *_row("t2", 90, ["7,254.50", "33,820.53", "7,126.53"], label="募投项目固定资产增量"),
    ]
    other_project = {**facts[0], "fact_id": "p1", "table_id": None, "line_no": 50, "raw_text": "27,521.70 万元", "value": 27521.70}
    assert len(find_aligned_rows(facts)) == 1
    assert find_aligned_rows([*facts, other_project]) == []


def test_a_one_digit_misprint_is_found_though_its_gap_is_printed_elsewhere():
    facts = [*_row("t1", 10, ACQUISITIONS), *_row("t2", 90, ["5194.72", *ACQUISITIONS[1:]], label="分摊商誉")]
    one = {**facts[0], "fact_id": "p1", "table_id": None, "line_no": 50, "raw_text": "1.00", "value": 1.0}
    (finding,) = find_aligned_rows([*facts, one])
    assert (finding.expected, finding.actual) == (5193.72, 5194.72)
