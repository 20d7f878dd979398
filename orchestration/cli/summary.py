"""The closing summary of `zhisuan run`: files, rows, checks, findings, each project's IRR, where to look."""

from __future__ import annotations

import sys
from datetime import datetime

import dagster as dg

from orchestration.lib import warehouse
from orchestration.lib.report import queries
from orchestration.lib.report.html import percent_points
from orchestration.settings import Settings


def print_summary(settings: Settings, result: dg.ExecuteInProcessResult | None, skipped: dict[str, str]) -> None:
    """``result`` is None when nothing changed and no run was needed: the warehouse is summarized as it stands."""
    if not settings.warehouse.exists():
        print(f"\nNo warehouse was written to {settings.warehouse}.", file=sys.stderr)
        print_skipped(skipped)
        _print_failures(result)
        return
    with warehouse.connect(settings.warehouse, read_only=True) as conn:
        _print_files(conn)
        print_skipped(skipped)
        _print_rows(conn)
        _print_checks(result)
        _print_findings(conn)
        _print_projects(conn)
    _print_failures(result)
    _print_where_to_look(settings)


def _print_files(conn) -> None:
    statuses = dict(conn.execute("select status, count(*) from filings.documents group by status").fetchall())
    print("\nFiles: " + ", ".join(f"{statuses.get(s, 0)} {s}" for s in ("parsed", "failed", "duplicate")))
    for source_file, error in conn.execute(
        "select source_file, error from filings.documents where status <> 'parsed' order by source_file"
    ).fetchall():
        print(f"  {shown(source_file)}: {error}")
    for source_file, status, error in conn.execute(
        "select d.source_file, r.status, r.error from filings.parse_runs r join filings.documents d "
        "using (filing_id) where r.status <> 'parsed' and d.status = 'parsed' order by d.source_file"
    ).fetchall():
        print(f"  {shown(source_file)}: parse {status}: {error}")


def print_skipped(skipped: dict[str, str]) -> None:
    """Entries of the landing folder that are not filings: each with its reason, so none goes unexplained."""
    if skipped:
        print(f"Skipped entries of the landing folder: {len(skipped)}")
    for name, reason in skipped.items():
        print(f"  {shown(name)}: {reason}")


def shown(name: str) -> str:
    """A file name safe to print: control characters escaped, so a name cannot rewrite the terminal."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in name)


def _print_rows(conn) -> None:
    schemas = [row[0] for row in conn.execute(
        "select distinct table_schema from information_schema.tables order by table_schema"
    ).fetchall()]
    print("Rows:")
    for schema in schemas:
        for table, count in warehouse.table_counts(conn, schema).items():
            print(f"  {f'{schema}.{table}':<44} {count:>9,}")
    unmapped = conn.execute("select count(*), coalesce(sum(fact_count), 0) from filings.unmapped_labels").fetchone()
    print(f"Unmapped labels: {unmapped[0]:,} printed labels ({unmapped[1]:,} numbers) have no metric yet "
          "(filings.unmapped_labels)")


def _print_checks(result: dg.ExecuteInProcessResult | None) -> None:
    if result is None:
        print("Checks: not run again (their inputs did not change); the last run's results are in the UI")
        return
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    failed = [e for e in evaluations if not e.passed]
    warned = [e for e in failed if e.severity == dg.AssetCheckSeverity.WARN]
    errors = [e for e in failed if e.severity != dg.AssetCheckSeverity.WARN]
    print(f"Checks: {len(evaluations) - len(failed)} passed, {len(warned)} warned, {len(errors)} failed")
    for label, group in (("warned", warned), ("FAILED", errors)):
        for check in group:
            print(f"  {label}: {check.asset_key.to_user_string()} {check.check_name}")


def _print_findings(conn) -> None:
    findings = queries.findings(conn)
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding["severity"]] = counts.get(finding["severity"], 0) + 1
    print(f"Findings: {len(findings)}" + (f" ({', '.join(f'{n} {s}' for s, n in counts.items())})" if counts else ""))
    if findings:
        worst = findings[0]
        where = ", ".join(f"{f}:{line}" for f, line in zip(worst["source_files"], worst["line_nos"], strict=True))
        print(f"  worst ({worst['severity']}, {worst['kind']}): {worst['description']}  [{where}]")


def _print_projects(conn) -> None:
    projects = queries.projects(conn)
    print(f"Projects modelled: {len(projects)}")
    for project in projects:
        closing = project.closing_irr
        # the model stores rates in percent (irr_post_tax_pct), as the marts do
        recomputed = f"{percent_points(closing['recomputed'])} ({closing['convention']})" if closing else "not computable"
        published = percent_points(project.published_irr) if project.published_irr is not None else "not printed"
        # A project printed in several filings is modelled once per filing.
        print(f"  {project.name} ({project.company}, {project.source_file}): published IRR {published}, "
              f"recomputed {recomputed}")


def _print_failures(result: dg.ExecuteInProcessResult | None) -> None:
    failures = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"] if result else []
    if not failures:
        print("\nAll assets materialized and all blocking checks passed.")
        return
    print(f"\nFAILED steps: {', '.join(e.step_key for e in failures)}", file=sys.stderr)
    for event in failures:
        print(f"  {event.step_key}: {_root_cause(event.event_specific_data.error)}", file=sys.stderr)


def _root_cause(error) -> str:
    """The innermost error's message: Dagster wraps the asset's own exception in its step error."""
    while getattr(error, "cause", None) is not None:
        error = error.cause
    return error.message.strip()


def _print_where_to_look(settings: Settings) -> None:
    report = settings.report_dir / "index.html"
    if report.exists():
        # When a blocking check stopped the model, the report on disk is an earlier run's: say when it was written.
        written = datetime.fromtimestamp(report.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
        print(f"Report: {report} (written {written})")
    print(f"dbt log: {settings.log_dir / 'dbt.log'}")
    print(f"This run is in the Dagster instance {settings.dagster_home}: `zhisuan ui` shows it.")
