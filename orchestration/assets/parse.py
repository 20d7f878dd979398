"""Parse stage: each parsed document becomes sections, tables, cells and facts with provenance."""

from functools import partial
from pathlib import Path

import dagster as dg

from orchestration.assets.ingest import DOCUMENTS_KEY
from orchestration.assets.preview import markdown_preview
from orchestration.jobs import is_full_refresh
from orchestration.lib.bounded import run_bounded
from orchestration.lib.grid import DocumentLayout
from orchestration.lib.parsing.outcome import ParseOutcome
from orchestration.lib.versions import parser_version
from orchestration.lib.warehouse import parsed_texts
from orchestration.lib.warehouse.staged import StagedFiling, load_staged, parse_and_stage, stage_outcome
from orchestration.lib.warehouse.state import stale_filings
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
    with warehouse.connect() as conn:
        texts = parsed_texts(conn, context.partition_keys)
        stale = set(stale_filings(conn, [filing_id for filing_id, *_ in texts], parser_version()))
    to_parse = [filing for filing in texts if is_full_refresh(context) or filing[0] in stale]
    if len(to_parse) < len(texts):
        context.log.info(f"{len(texts) - len(to_parse)} filing(s) parsed before with this parser: not parsed again")
    staged = parse_texts(landing, to_parse, warehouse.staging, context.run_id)
    for filing in staged:
        if filing.error:
            context.log.error(f"{filing.filing_id}: {filing.error}")
        elif filing.tables_lost:
            context.log.warning(f"{filing.filing_id}: {filing.tables_lost} table(s) lost")
    with warehouse.connect() as conn:
        written = load_staged(conn, [filing.filing_id for filing in staged], warehouse.staging)
        facts = conn.execute(
            "select filing_id, line_no, raw_text, value, unit, period, metric, label_zh from filings.facts "
            "where filing_id in (select unnest(?::varchar[])) order by filing_id, line_no limit 20",
            [[filing.filing_id for filing in staged]],
        ).pl()
    for name in _DESCRIPTIONS:
        metadata = {"dagster/row_count": written[f"filings.{name}"]}
        if name == "facts":
            metadata["preview"] = markdown_preview(facts)
        if name == "parse_runs":
            metadata["parsed_filings"] = len(staged)
            metadata["unchanged_filings"] = len(texts) - len(staged)
            metadata["failed_filings"] = sum(1 for filing in staged if filing.error)
            metadata["partial_filings"] = sum(1 for filing in staged if filing.tables_lost)
        yield dg.MaterializeResult(asset_key=["filings", name], metadata=metadata)


def parse_texts(
    landing: LandingFolder, texts: list[tuple[str, str, DocumentLayout]], staging: Path, run_id: str
) -> list[StagedFiling]:
    """Each filing parsed in its own process within the time budget, its rows staged as Parquet by that process;
    one that overruns is failed (and staged so by the caller), not waited on."""
    version = parser_version()
    worker = partial(parse_and_stage, staging=staging, parser_version=version, run_id=run_id)
    results = run_bounded(worker, texts, landing.file_seconds, landing.workers)
    return [
        result.value if result.value is not None
        else stage_outcome(ParseOutcome(filing_id, None, f"parsing: {result.error}", result.seconds), staging, version, run_id)
        for (filing_id, *_), result in zip(texts, results)
    ]
