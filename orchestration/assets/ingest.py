"""Ingest stage: landed files become rows of filings.documents, one per file, parsed or failed with a reason."""

from functools import partial

import dagster as dg
import polars as pl

from orchestration.assets.preview import markdown_preview
from orchestration.jobs import is_full_refresh
from orchestration.lib.bounded import run_bounded
from orchestration.lib.ingest import IngestedDocument, read_filing_file
from orchestration.lib.ingest.documents import failed_document
from orchestration.lib.versions import reader_version
from orchestration.lib.warehouse import resolve_unprinted_stock_codes, write_documents
from orchestration.lib.warehouse.state import unchanged_files
from orchestration.partitions import filings_partitions
from orchestration.resources import LandingFolder, Warehouse

DOCUMENTS_KEY = dg.AssetKey(["filings", "documents"])


@dg.asset(
    key=DOCUMENTS_KEY,
    group_name="ingest",
    partitions_def=filings_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    kinds={"python", "duckdb"},
    description=(
        "One row per landed file: the extracted text (line numbers match a .txt file's own), content hash, "
        "format, encoding, metadata read from the content (company, stock code, exchange, document kind, date, "
        "sponsor, auditor) and a status: parsed, failed (with the reason) or duplicate (of another file)."
    ),
)
def documents(context: dg.AssetExecutionContext, landing: LandingFolder, warehouse: Warehouse) -> dg.MaterializeResult:
    skipped = landing.skipped()
    present = set(landing.file_names())
    names = [name for name in context.partition_keys if name in present]
    for gone in sorted(set(context.partition_keys) - present):
        why = skipped.get(gone, "no longer in the landing folder")
        context.log.warning(f"{gone!r}: {why}; its warehouse rows are kept")
    unchanged = set() if is_full_refresh(context) else _unchanged(landing, warehouse, names)
    if unchanged:
        context.log.info(f"{len(unchanged)} file(s) unchanged since they were read: not read again")
    ingested = read_files(landing, [name for name in names if name not in unchanged])
    with warehouse.connect() as conn:
        written = write_documents(conn, ingested, reader_version())
        resolved = resolve_unprinted_stock_codes(conn)
    return dg.MaterializeResult(metadata=_documents_metadata(written, resolved, skipped) | {"files_unchanged": len(unchanged)})


def _unchanged(landing: LandingFolder, warehouse: Warehouse, names: list[str]) -> set[str]:
    """Files whose content and reader are those of their recorded row: reading them again would change nothing."""
    if not names:
        return set()
    hashes = landing.content_hashes(names)
    with warehouse.connect() as conn:
        return unchanged_files(conn, hashes, reader_version())


def read_files(landing: LandingFolder, names: list[str]) -> list[IngestedDocument]:
    """Each file read in its own process within the folder's size and time budgets: one file's cost is its own."""
    reader = partial(_read_candidate, landing, max_bytes=landing.max_file_bytes)
    results = run_bounded(reader, names, landing.file_seconds, landing.workers)
    return [
        result.value if result.value is not None else failed_document(name, f"reading: {result.error}")
        for name, result in zip(names, results)
    ]


def _read_candidate(landing: LandingFolder, name: str, max_bytes: int) -> IngestedDocument:
    try:
        path = landing.file_path(name)  # checked again: the entry may have changed since the folder was listed
    except FileNotFoundError as changed:
        return failed_document(name, str(changed))
    return read_filing_file(path, max_bytes, name)


def _documents_metadata(written: pl.DataFrame, resolved: int, skipped: dict[str, str]) -> dict:
    counts = written.group_by("status").len().sort("status")
    preview = written.select("source_file", "status", "short_name", "stock_code", "doc_kind", "n_lines", "error")
    return {
        "dagster/row_count": written.height,
        **{f"files_{status}": count for status, count in counts.iter_rows()},
        "stock_codes_resolved_from_mentions": resolved,
        "entries_skipped": len(skipped),
        "skipped": dg.MetadataValue.json(skipped),
        "preview": markdown_preview(preview),
    }
