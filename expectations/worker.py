"""Great Expectations validations in a process of their own, one for the life of the calling process.

GX, pandas and the frames they validate take ~170 MB that the calling process (a Dagster run that also holds
Dagster, dbt's artifacts and the model) would keep for the rest of its life; its peak memory is what a run
costs. The worker is started (spawned: it inherits none of that memory) on the first validation and serves
every later one, so GX is imported once per process as before and its file contexts stay cached.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from expectations.registry import SuiteSpec

_POOL: ProcessPoolExecutor | None = None


def validate_table(spec: SuiteSpec, warehouse: Path, filings: list[str] | None, root: Path, run_name: str):
    """Validate the rows of ``spec.table`` (only those of ``filings`` when given) in the worker; returns the
    Validation and the number of rows validated. The caller keeps writers off the warehouse meanwhile."""
    return _pool().submit(_validate_rows, spec, str(warehouse), filings, str(root), run_name).result()


def _pool() -> ProcessPoolExecutor:
    global _POOL
    if _POOL is None:
        _POOL = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    return _POOL


def _validate_rows(spec: SuiteSpec, warehouse: str, filings: list[str] | None, root: str, run_name: str):
    from expectations.context import validate
    from orchestration.lib.warehouse import connect

    with connect(warehouse, read_only=True) as conn:
        frame = table_rows(conn, spec, filings)
    return validate(spec, frame, Path(root), run_name=run_name), len(frame)


def table_rows(conn, spec: SuiteSpec, filings: list[str] | None):
    """The table's rows as a pandas frame: all of them, or those of ``filings``."""
    # The table name comes from the suite registry, never from input.
    if filings is None:
        return conn.execute(f"select * from {spec.table}").df()
    return conn.execute(f"select * from {spec.table} where filing_id in (select unnest(?::varchar[]))", [filings]).df()
