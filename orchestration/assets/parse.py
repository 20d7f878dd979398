"""Parse stage: each parsed document becomes sections, tables, cells and facts with provenance."""

import dagster as dg

from orchestration.assets.ingest import DOCUMENTS_KEY
from orchestration.assets.preview import markdown_preview
from orchestration.lib.bounded import run_bounded
from orchestration.lib.grid import DocumentLayout
from orchestration.lib.parsing.outcome import ParseOutcome, parse_safely
from orchestration.lib.warehouse import parsed_texts, write_parse_results
from orchestration.partitions import filings_partitions
from orchestration.resources import LandingFolder, Warehouse

_DESCRIPTIONS = {
    "parse_runs": (
        "One row per parsed filing: parsed, partial (tables lost to a parser error, counted and described) or "
        "failed (a parser error or over the time budget, with the reason), counts, time."
    ),
    "sections": "The heading tree of each filing (问题N → 一、→ (一) → 1、→ (1) → ①) with line spans and parents.",
    "tables": "Tables found in each filing, with their layout (tab, space, concat), caption unit and column labels.",
    "cells": "Every value cell of every table, as printed, with its row and column; ambiguous splits are flagged.",
    "facts": (
        "One row per printed number: value as printed, unit, period code, entity, original label, canonical "
        "metric, and the line it was printed on."
    ),
    "unmapped_labels": "Labels of facts that map to no canonical metric, counted per filing: reported, not dropped.",
    "table_findings": (
        "Tables whose own arithmetic (change columns, shares, margins, totals) contradicts the reading of their "
        "header: both readings, and the facts of the table keep their values without a period."
    ),
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            ["filings", name], deps=[DOCUMENTS_KEY], description=description, group_name="parse",
            kinds={"python", "duckdb"}, partitions_def=filings_partitions,
        )
        for name, description in _DESCRIPTIONS.items()
    ],
    backfill_policy=dg.BackfillPolicy.single_run(),
    can_subset=False,
)
def parsed_filings(context: dg.AssetExecutionContext, landing: LandingFolder, warehouse: Warehouse):
    with warehouse.connect(read_only=True) as conn:
        texts = parsed_texts(conn, context.partition_keys)
    outcomes = parse_texts(landing, texts)
    for outcome in outcomes:
        if outcome.error:
            context.log.error(f"{outcome.filing_id}: {outcome.error}")
        elif outcome.parsed.table_errors:
            context.log.warning(f"{outcome.filing_id}: {len(outcome.parsed.table_errors)} table(s) lost")
    with warehouse.connect() as conn:
        written = write_parse_results(conn, outcomes)
        facts = conn.execute(
            "select filing_id, line_no, raw_text, value, unit, period, metric, label_zh from filings.facts "
            "where filing_id in (select unnest(?::varchar[])) order by filing_id, line_no limit 20",
            [[o.filing_id for o in outcomes]],
        ).pl()
    for name in _DESCRIPTIONS:
        metadata = {"dagster/row_count": written[f"filings.{name}"]}
        if name == "facts":
            metadata["preview"] = markdown_preview(facts)
        if name == "parse_runs":
            metadata["failed_filings"] = sum(1 for o in outcomes if o.error)
            metadata["partial_filings"] = sum(1 for o in outcomes if o.parsed and o.parsed.table_errors)
        yield dg.MaterializeResult(asset_key=["filings", name], metadata=metadata)


def parse_texts(landing: LandingFolder, texts: list[tuple[str, str, DocumentLayout]]) -> list[ParseOutcome]:
    """Each filing parsed in its own process within the time budget; one that overruns is failed, not waited on."""
    results = run_bounded(_parse_one, texts, landing.file_seconds, landing.workers)
    return [
        result.value if result.value is not None else ParseOutcome(filing_id, None, f"parsing: {result.error}", result.seconds)
        for (filing_id, *_), result in zip(texts, results)
    ]


def _parse_one(filing: tuple[str, str, DocumentLayout]) -> ParseOutcome:
    return parse_safely(*filing)
