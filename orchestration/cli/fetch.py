"""`zhisuan fetch`: download the filings of some stocks from cninfo (or a recorded snapshot) into a landing folder."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from orchestration.lib import warehouse
from orchestration.lib.sources import (
    FetchReport,
    FetchRequest,
    FilingSource,
    Politeness,
    RecordingSource,
    fetch_filings,
    make_source,
)
from orchestration.lib.sources.model import today_in_china
from orchestration.settings import Settings, fetch_kinds, load_settings, stock_codes


def add_parser(commands: argparse._SubParsersAction) -> None:
    fetch = commands.add_parser(
        "fetch",
        help="download filings of some stocks from cninfo (or a recorded snapshot) into a landing folder",
        description="Lists each stock's announcements, keeps the kinds asked for in their latest version (no "
        "summaries, English versions, cancelled or superseded ones), downloads what the folder does not hold yet "
        "and records every file in filings.sources. Run it again to resume or to pick up new announcements.",
    )
    fetch.add_argument("--code", action="append", default=[], help="six-digit stock code (repeat; default: ZHISUAN_WATCHLIST)")
    fetch.add_argument("--since", type=date.fromisoformat, help="first announcement date, YYYY-MM-DD (default: ZHISUAN_FETCH_SINCE)")
    fetch.add_argument("--until", type=date.fromisoformat, help="last announcement date (default: today in Beijing)")
    fetch.add_argument("--kinds", help="comma-separated: reply,prospectus,feasibility,annual,semiannual (default: all)")
    fetch.add_argument("--to", type=Path, help="landing folder (default: ZHISUAN_FILINGS_DIR, else data/filings)")
    fetch.add_argument("--snapshot", type=Path, help="replay this recorded folder instead of asking cninfo")
    fetch.add_argument("--record", type=Path, help="also record every answer into this folder, for --snapshot later")
    fetch.add_argument("--warehouse", type=Path, help="DuckDB file that gets filings.sources (default: data/warehouse.duckdb)")


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    try:
        request = _request(args, settings)
        source = _source(args, settings, _progress(time.monotonic()))
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    landing = (args.to or settings.filings_dir or settings.data_dir / "filings").expanduser().resolve()
    print(f"Fetching {','.join(request.kinds)} of {' '.join(request.codes)} published {request.since}~{request.until} "
          f"from {_where(args, settings)} into {landing}", flush=True)
    report = fetch_filings(source, request, landing, _progress(time.monotonic()))
    with warehouse.connect(settings.warehouse) as conn:
        recorded = warehouse.write_sources(conn, report.files)
    _print_summary(report, recorded, landing, settings)
    return 0 if report.ok else 1


def _request(args: argparse.Namespace, settings: Settings) -> FetchRequest:
    codes = stock_codes(",".join(args.code)) or settings.fetch.watchlist
    if not codes:
        raise ValueError("name at least one --code, or set ZHISUAN_WATCHLIST")
    return FetchRequest(
        codes=codes,
        since=args.since or settings.fetch.since,
        until=args.until or today_in_china(),
        kinds=fetch_kinds(args.kinds) if args.kinds else settings.fetch.kinds,
    )


def _source(args: argparse.Namespace, settings: Settings, progress: Callable[[str], None]) -> FilingSource:
    # Running `zhisuan fetch` is the explicit ask for the live client; --snapshot replays instead.
    source = make_source(
        "snapshot" if args.snapshot else "live",
        cache_dir=settings.data_dir / "cninfo",
        snapshot_dir=args.snapshot.expanduser().resolve() if args.snapshot else None,
        base_url=settings.fetch.cninfo_url,
        static_url=settings.fetch.cninfo_static_url,
        politeness=Politeness.paced(settings.fetch.pace_seconds),
        progress=progress,
    )
    return RecordingSource(source, args.record.expanduser().resolve()) if args.record else source


def _where(args: argparse.Namespace, settings: Settings) -> str:
    return f"the snapshot {args.snapshot}" if args.snapshot else settings.fetch.cninfo_url


def _progress(started: float) -> Callable[[str], None]:
    def say(message: str) -> None:
        print(f"{time.monotonic() - started:6.1f}s  {message}", flush=True)

    return say


def _print_summary(report: FetchReport, recorded: int, landing: Path, settings: Settings) -> None:
    downloaded = report.downloaded
    megabytes = sum(f.size_bytes for f in downloaded) / 1e6
    print(f"Listed {report.listed} announcements: {len(report.files)} documents held in their latest version "
          f"({report.superseded} older versions skipped, {report.excluded} summaries, English, cancelled or "
          "pre-correction documents excluded).")
    print(f"Downloaded {len(downloaded)} ({megabytes:.1f} MB); {len(report.files) - len(downloaded)} were already "
          f"in the landing folder; {len(report.errors)} failed.")
    for error in report.errors:
        print(f"  failed: {error}")
    print(f"Recorded {recorded} in filings.sources of {settings.warehouse}.")
    if report.stopped:
        print(f"STOPPED: {report.stopped}", file=sys.stderr)
    print(f"Next: zhisuan run --filings {landing} --warehouse {settings.warehouse}")
