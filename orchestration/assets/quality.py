"""Quality stage: findings a reviewer should read (conflicting printings, impossible dates, totals and
identities that do not add up), as data in quality.findings. Findings never fail a run.

Python owns the arithmetic reconciliation and the conflicts; dbt reads quality.findings as a source."""

import dagster as dg
import polars as pl

from orchestration.assets.ingest import DOCUMENTS_KEY
from orchestration.assets.preview import markdown_preview
from orchestration.lib.quality import KINDS
from orchestration.lib.quality.store import (
    all_findings,
    findings_frame,
    load_facts,
    load_texts,
    source_files,
    write_entity_variants,
    write_findings,
)
from orchestration.lib.quality.store import entity_variants as resolve_entity_variants
from orchestration.resources import Warehouse

FACTS_KEY = dg.AssetKey(["filings", "facts"])
FINDINGS_KEY = dg.AssetKey(["quality", "findings"])
ENTITY_VARIANTS_KEY = dg.AssetKey(["quality", "entity_variants"])

_KIND_DOCS = "\n".join(f"- `{kind}`: {meaning}" for kind, meaning in KINDS.items())


@dg.asset(
    key=FINDINGS_KEY,
    deps=[FACTS_KEY, DOCUMENTS_KEY],
    group_name="quality",
    kinds={"python", "duckdb"},
    description=(
        "One row per finding: kind, severity, the printed values, their fact_ids and file:line locations, "
        f"the gap and the rounding tolerance.\n\n{_KIND_DOCS}"
    ),
)
def quality_findings(warehouse: Warehouse) -> dg.MaterializeResult:
    with warehouse.connect(read_only=True) as conn:
        facts, texts, files = load_facts(conn), load_texts(conn), source_files(conn)
    frame = findings_frame(all_findings(facts, texts), files)
    with warehouse.connect() as conn:
        written = write_findings(conn, frame)
    return dg.MaterializeResult(metadata=findings_metadata(frame, written))


def findings_metadata(frame: pl.DataFrame, written: int) -> dict:
    counts = frame.group_by("kind", "severity").len().sort("kind", "severity")
    serious = frame.filter(pl.col("severity") == "high")
    return {
        "dagster/row_count": written,
        "by_kind": markdown_preview(counts, limit=50),
        "high_severity": markdown_preview(serious.select("kind", "description", "locations")),
    }


@dg.asset(
    key=ENTITY_VARIANTS_KEY,
    deps=[FACTS_KEY, DOCUMENTS_KEY],
    group_name="quality",
    kinds={"python", "duckdb"},
    description=(
        "Every name the filings print an entity under, with the canonical entity it resolves to "
        "(orchestration/lib/entities.py); dbt's dim_entities and fct_segment_margins read it."
    ),
)
def entity_variants(warehouse: Warehouse) -> dg.MaterializeResult:
    with warehouse.connect(read_only=True) as conn:
        frame = resolve_entity_variants(conn)
    with warehouse.connect() as conn:
        written = write_entity_variants(conn, frame)
    return dg.MaterializeResult(metadata={"dagster/row_count": written})
