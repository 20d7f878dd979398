from benchmarks.accuracy import evaluate_fuzzed


def test_the_fuzzed_benchmark_scores_every_table_of_a_few_seeds():
    per_layout, tables, metadata, crashes = evaluate_fuzzed(range(1000, 1003))
    labels = sum(score.labels for score in per_layout.values())
    assert labels > 300 and sum(tables.values()) >= 15
    assert set(tables) <= set(per_layout)
    assert metadata["doc_kind"][1] == 3 and metadata["stock_code"][1] == 3
    assert isinstance(crashes, list)
