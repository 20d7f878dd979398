from benchmarks.accuracy import evaluate_fuzzed


def test_the_fuzzed_benchmark_scores_every_table_of_a_few_seeds():
    result = evaluate_fuzzed(range(1000, 1003))
    labels = sum(score.labels for score in result.per_layout.values())
    assert labels > 300 and sum(result.tables.values()) >= 10
    assert set(result.tables) <= set(result.per_layout)
    assert labels == sum(score.labels for score in result.per_source.values())
    assert result.metadata["doc_kind"][1] == 3 and result.metadata["stock_code"][1] == 3
