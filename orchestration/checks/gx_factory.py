"""Turns each Great Expectations suite into a Dagster asset check on the asset whose table it validates.

The frame is read from DuckDB (read-only) and validated through GX's pandas data source; a failing check
carries the failing rows (filing, fact, line) and a link to the GX Data Docs site. Suites on the
financial model's inputs are blocking: the model does not run on rows that fail them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import dagster as dg

from expectations import SUITES, SuiteSpec
from orchestration.resources import Warehouse


class GreatExpectations(dg.ConfigurableResource):
    """Where the GX file context (suites, validation results, Data Docs) lives."""

    root: str


def build_gx_checks(available: Iterable[dg.AssetKey], specs: Iterable[SuiteSpec] = SUITES.values()):
    """One check per suite whose asset exists in the code location (marts appear as dbt adds them)."""
    keys = set(available)
    return [_gx_check(spec) for spec in specs if dg.AssetKey(spec.asset_path) in keys]


def _gx_check(spec: SuiteSpec) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey(spec.asset_path),
        name=f"gx_{spec.name}",
        blocking=spec.blocking,
        description=(
            f"Great Expectations suite `{spec.name}` on {spec.table}: required columns, units, percent ranges, "
            "period codes, keys, row counts per filing."
            + (" Blocking: the financial model reads this table." if spec.blocking else "")
        ),
    )
    # `context` unannotated: Dagster reads the hint at definition time, and this module postpones annotations.
    def _check(context, warehouse: Warehouse, great_expectations: GreatExpectations) -> dg.AssetCheckResult:
        from expectations.context import validate

        with warehouse.connect(read_only=True) as conn:
            changed = _filings_changed_in_run(conn, spec, context.run.run_id)
            frame = _rows(conn, spec, changed)
            thin = _filings_below_floor(conn, spec, changed)
        validation = validate(spec, frame, Path(great_expectations.root), run_name=context.run.run_id)
        failures = [
            {"expectation": f.expectation, "column": f.column, "unexpected": f.unexpected_count, "rows": f.sample}
            for f in validation.failures
        ]
        passed = validation.success and not thin
        return dg.AssetCheckResult(
            passed=passed,
            severity=dg.AssetCheckSeverity.ERROR if spec.blocking else dg.AssetCheckSeverity.WARN,
            description=None if passed else _summary(validation.failures, thin),
            metadata={
                "rows": len(frame),
                "scope": "whole table" if changed is None else f"the {len(changed)} filing(s) parsed in this run",
                "expectations": validation.evaluated,
                "failed_expectations": len(validation.failures),
                "failures": dg.MetadataValue.json(failures),
                "filings_below_row_floor": dg.MetadataValue.json(thin),
                "data_docs": dg.MetadataValue.url(validation.docs_index.as_uri()),
            },
        )

    return _check


def _filings_changed_in_run(conn, spec: SuiteSpec, run_id: str) -> list[str] | None:
    """The filings this run parsed, when it parsed only some of them and the table is keyed by filing:
    the rows of the others were validated by the run that parsed them. None: validate the whole table."""
    columns = {row[0] for row in conn.execute(
        "select column_name from information_schema.columns where table_schema || '.' || table_name = ?", [spec.table]
    ).fetchall()}
    if "filing_id" not in columns:
        return None
    changed = [row[0] for row in conn.execute(
        "select filing_id from filings.parse_runs where run_id = ? order by filing_id", [run_id]
    ).fetchall()]
    total = conn.execute("select count(*) from filings.parse_runs").fetchone()[0]
    return changed if 0 < len(changed) < total else None


def _rows(conn, spec: SuiteSpec, changed: list[str] | None):
    # The table name comes from the suite registry, never from input.
    if changed is None:
        return conn.execute(f"select * from {spec.table}").df()
    return conn.execute(f"select * from {spec.table} where filing_id in (select unnest(?::varchar[]))", [changed]).df()


def _filings_below_floor(conn, spec: SuiteSpec, changed: list[str] | None) -> list[dict]:
    """Parsed filings that contribute fewer rows than the suite's floor (only tables keyed by filing)."""
    if spec.table != "filings.facts":
        return []
    rows = conn.execute(
        "select d.source_file, d.filing_id, count(f.fact_id) as n from filings.documents d "
        "left join filings.facts f using (filing_id) where d.status = 'parsed' "
        "and (?::varchar[] is null or d.filing_id in (select unnest(?::varchar[]))) "
        "group by all having count(f.fact_id) < ? order by d.source_file",
        [changed, changed, spec.min_rows_per_filing],
    ).fetchall()
    return [{"source_file": file, "filing_id": filing_id, "rows": n} for file, filing_id, n in rows]


def _summary(failures, thin: list[dict]) -> str:
    parts = [f"{f.expectation}({f.column or ''}): {f.unexpected_count} rows" for f in failures]
    parts += [f"{row['source_file']} has {row['rows']} rows" for row in thin]
    return "; ".join(parts)
