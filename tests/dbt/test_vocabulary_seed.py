"""The marts' metric vocabulary seed is written from vocabulary.METRICS, its one source."""

import csv

from orchestration.dbt_project import (
    METRIC_VOCABULARY_SEED,
    metric_vocabulary_csv,
    write_metric_vocabulary_seed,
)
from orchestration.lib.parsing.vocabulary import METRICS


def test_the_checked_in_seed_is_the_vocabulary():
    # a vocabulary edit reaches the seed through prepare_manifest; a stale checked-in copy is a defect
    with METRIC_VOCABULARY_SEED.open(encoding="utf-8") as handle:
        result = {row["metric"]: (row["unit_kind"], row["definition"]) for row in csv.DictReader(handle)}
    assert result == METRICS


def test_the_seed_is_rewritten_only_when_the_vocabulary_changed(tmp_path):
    seed = tmp_path / "metric_vocabulary.csv"
    seed.write_text("metric,unit_kind,definition\nrevenue,money,old\n", encoding="utf-8")

    assert write_metric_vocabulary_seed(seed) is True
    assert seed.read_text(encoding="utf-8") == metric_vocabulary_csv()
    assert write_metric_vocabulary_seed(seed) is False
