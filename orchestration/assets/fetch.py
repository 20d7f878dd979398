"""Fetch stage: new announcements of the watchlist land as files, and filings.sources records where each came from.

The landing-folder sensor then ingests the new files like any other; this asset only fetches.
"""

from datetime import date
from pathlib import Path

import dagster as dg

from orchestration.lib.sources import FetchReport, FetchRequest, fetch_filings
from orchestration.lib.sources.model import today_in_china
from orchestration.lib.warehouse import write_sources
from orchestration.resources import FilingsSource, LandingFolder, Warehouse

SOURCES_KEY = dg.AssetKey(["filings", "sources"])


@dg.asset(
    key=SOURCES_KEY,
    group_name="fetch",
    kinds={"python", "duckdb"},
    description=(
        "One row per announcement fetched for the watchlist (ZHISUAN_WATCHLIST) from the configured source "
        "(ZHISUAN_SOURCE: off, live cninfo or a snapshot): its id, title, kind, version, date, URL, size, "
        "sha256 and the file it landed as. Only the latest version of each document is fetched, once."
    ),
)
def sources(
    context: dg.AssetExecutionContext, filings_source: FilingsSource, landing: LandingFolder, warehouse: Warehouse
) -> dg.MaterializeResult:
    if not filings_source.enabled:
        context.log.info("fetching is off (set ZHISUAN_SOURCE and ZHISUAN_WATCHLIST to turn it on)")
        return dg.MaterializeResult(metadata={"fetched": 0, "source": filings_source.mode})
    request = FetchRequest(
        codes=tuple(filings_source.watchlist),
        since=date.fromisoformat(filings_source.since),
        until=today_in_china(),
        kinds=tuple(filings_source.kinds),
    )
    report = fetch_filings(filings_source.build(progress=context.log.info), request, Path(landing.path), context.log.info)
    with warehouse.connect() as conn:
        write_sources(conn, report.files)
    for error in report.errors:
        context.log.warning(error)
    if report.stopped:
        # What was fetched is recorded above; the failure makes the stop visible and the next tick resumes.
        raise dg.Failure(description=report.stopped, metadata=_metadata(report, filings_source.mode))
    return dg.MaterializeResult(metadata=_metadata(report, filings_source.mode))


def _metadata(report: FetchReport, mode: str) -> dict:
    return {
        "source": mode,
        "announcements_listed": report.listed,
        "documents_held": len(report.files),
        "downloaded": len(report.downloaded),
        "superseded_versions": report.superseded,
        "excluded": report.excluded,
        "errors": len(report.errors),
        "dagster/row_count": len(report.files),
    }
