"""`zhisuan report`, `zhisuan facts` and `zhisuan docs`: reading what a run left in a warehouse."""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
from pathlib import Path

from orchestration.lib import warehouse
from orchestration.lib.report import build_report
from orchestration.settings import Settings

FACT_COLUMNS = ("company", "stock_code", "metric", "period", "entity", "label_zh", "raw_text", "value", "unit",
                "source_file", "line_no", "fact_id")
_FACTS_SQL = """
    select d.short_name as company, d.stock_code, f.metric, f.period, f.entity, f.label_zh, f.raw_text, f.value,
           f.unit, d.source_file, f.line_no, f.fact_id
    from filings.facts f
    join (select filing_id, any_value(short_name) as short_name, any_value(stock_code) as stock_code,
                 min(source_file) as source_file
          from filings.documents group by filing_id) d using (filing_id)
    where (? is null or d.short_name ilike ? or d.stock_code = ?)
      and (? is null or f.metric = ?)
      and (? is null or f.period = ?)
      and (? is null or f.entity ilike ?)
    order by d.stock_code, d.source_file, f.line_no, f.fact_id
"""


def _missing(settings: Settings) -> bool:
    if settings.warehouse.exists():
        return False
    print(f"error: no warehouse at {settings.warehouse}; run `zhisuan run` first", file=sys.stderr)
    return True


def report(settings: Settings) -> int:
    if _missing(settings):
        return 2
    with warehouse.connect(settings.warehouse, read_only=True) as conn:
        index = build_report(conn, settings.report_dir, settings.charts_dir)
    print(f"Report: {index}\nOpen it in a browser (file://{index}); it needs no network.")
    return 0


def facts(settings: Settings, args: argparse.Namespace) -> int:
    """Facts with their file and line, filtered like the report's facts page."""
    if _missing(settings):
        return 2
    company = args.company
    like = f"%{company}%" if company else None
    entity = f"%{args.entity}%" if args.entity else None
    params = [company, like, company, args.metric, args.metric, args.period, args.period, args.entity, entity]
    with warehouse.connect(settings.warehouse, read_only=True) as conn:
        rows = conn.execute(_FACTS_SQL, params).fetchall()
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(FACT_COLUMNS)
        writer.writerows(rows)
        return 0
    _print_table(rows[: args.limit])
    if len(rows) > args.limit:
        print(f"... {len(rows) - args.limit:,} more (raise --limit, or use --csv)")
    print(f"{len(rows):,} facts")
    return 0


def _print_table(rows: list[tuple]) -> None:
    shown = ("company", "metric", "period", "entity", "label_zh", "raw_text", "unit", "source_file", "line_no")
    picked = [[_short(row[FACT_COLUMNS.index(name)]) for name in shown] for row in rows]
    widths = [max([_width(name), *(_width(r[i]) for r in picked)]) for i, name in enumerate(shown)]
    print("  ".join(_pad(name, w) for name, w in zip(shown, widths, strict=True)))
    for r in picked:
        print("  ".join(_pad(value, w) for value, w in zip(r, widths, strict=True)))


def _short(value, limit: int = 24) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def docs(settings: Settings) -> int:
    """dbt docs as one static page (manifest and catalog inline: opens from the file system) and GX Data Docs."""
    from orchestration.dbt_project import DBT_EXECUTABLE, dbt_project, write_dbt_profile

    if _missing(settings):
        return 2
    target = settings.data_dir / "dbt_docs" / settings.warehouse_key
    logs = settings.log_dir / "dbt_docs"
    profiles = write_dbt_profile(settings.warehouse, settings.data_dir / "dbt_profiles")
    command = [DBT_EXECUTABLE, "docs", "generate", "--static", "--project-dir", str(dbt_project.project_dir),
               "--profiles-dir", str(profiles), "--target-path", str(target), "--log-path", str(logs)]
    status = subprocess.call(command, cwd=dbt_project.project_dir, stdout=subprocess.DEVNULL)
    if status == 0:
        print(f"dbt docs: {Path(target) / 'static_index.html'} (opens from the file system)")
    else:
        print(f"error: dbt docs generate failed; see {logs / 'dbt.log'}", file=sys.stderr)
    from expectations.context import build_docs

    # The site shows the suites and the validation results of the last run (the asset checks link to it).
    print(f"GX Data Docs: {build_docs(settings.gx_dir)}")
    return status
