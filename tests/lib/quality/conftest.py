"""Facts for the quality tests: the synthetic corpus's ground truth, and the real filings parsed into a
warehouse exactly as the pipeline does it."""

import json
from pathlib import Path

import pytest

from orchestration.lib import warehouse
from orchestration.lib.ingest import read_filing_file
from orchestration.lib.parsing.outcome import parse_safely
from orchestration.lib.quality.store import load_facts, load_texts, source_files


def truth_facts(corpus: Path) -> list[dict]:
    """Every fact the generator printed, shaped like filings.facts: each table is identified by its title,
    its rows by their label, and the issuer by its stock code."""
    facts = []
    for path in sorted((corpus / "ground_truth").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        for index, fact in enumerate(truth["facts"]):
            in_table = fact["layout"] != "prose"
            facts.append({
                **fact,
                "filing_id": truth["source_file"],
                "issuer": truth["stock_code"],
                "fact_id": f"{truth['source_file']}:{index}",
                "table_id": fact["table_title"] if in_table else None,
                "label_zh": (fact["column_label"] if fact["breakdown"] else fact["row_label"]) or fact["metric"],
                "ambiguous": False,
            })
    return facts


@pytest.fixture(scope="session")
def sample_truth_facts(sample_corpus) -> list[dict]:
    return truth_facts(sample_corpus)


def parsed_warehouse(files: list[Path], path: Path) -> Path:
    """Files ingested and parsed into a fresh warehouse as the pipeline does it (no Dagster, no dbt)."""
    documents = [read_filing_file(file) for file in files]
    with warehouse.connect(path) as conn:
        warehouse.write_documents(conn, documents)
        warehouse.write_parse_results(conn, [parse_safely(d.filing_id, d.text) for d in documents])
    return path


@pytest.fixture(scope="session")
def real_warehouse(real_filings, tmp_path_factory) -> Path:
    return parsed_warehouse(sorted(real_filings.glob("*.txt")), tmp_path_factory.mktemp("quality") / "real.duckdb")


@pytest.fixture(scope="session")
def real_inputs(real_warehouse):
    with warehouse.connect(real_warehouse, read_only=True) as conn:
        return load_facts(conn), load_texts(conn), source_files(conn)
