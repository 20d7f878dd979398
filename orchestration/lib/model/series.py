"""A project's printed lines as yearly series: the facts that name it, by metric, period and printed row.

Every reading of assemble.py starts here: a fact with a model-year period (Y3, or a range Y4-11
expanded to each year) becomes one year of the row it was printed on, a row being (metric, table,
row label). Sub-items (其中 …) are told apart from whole lines, and the profit table is the one that
prints the most forecast lines.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import polars as pl

from orchestration.lib.model.assumptions import Assumption, Source
from orchestration.lib.vocabulary.metrics import metrics_in
from orchestration.lib.vocabulary.totals import SUB_ITEM_ROW

FORECAST_PERIOD = re.compile(r"^Y(\d{1,2})(?:-(\d{1,2}))?$")
PUBLISHED_METRICS = metrics_in("published_statement_line")
TOTAL_ROW = re.compile(r"合计|总计|总额|总投资")
CENT = 0.02  # a printed amount's rounding (万元)


@dataclass(frozen=True, slots=True)
class Series:
    values: np.ndarray  # per model year; NaN where nothing was printed
    fact_ids: tuple[str, ...]
    label: str
    table_id: str | None = None

    def filled(self) -> np.ndarray:
        return np.nan_to_num(self.values)


def yearly_facts(facts: pl.DataFrame) -> dict[str, list[dict]]:
    """Facts with a model-year period, a metric and an entity, ranges (Y4-11) expanded, by entity."""
    by_entity: dict[str, list[dict]] = defaultdict(list)
    usable = facts.filter(
        pl.col("metric").is_not_null() & pl.col("entity").is_not_null() & pl.col("value").is_not_null()
    ).sort("line_no")
    for row in usable.iter_rows(named=True):
        match = FORECAST_PERIOD.match(row["period"] or "")
        if not match:
            continue
        first = int(match.group(1))
        last = int(match.group(2) or first)
        for year in range(first, last + 1):
            by_entity[row["entity"]].append({**row, "year": year})
    return by_entity


def series_by_metric(rows: list[dict], years: int) -> dict[str, list[Series]]:
    """Every printed row of the entity, per metric, in print order; a row is (table, label)."""
    grouped: dict[tuple, dict] = {}
    for r in rows:
        key = (r["metric"], r.get("table_id"), r.get("row_label") or "")
        grouped.setdefault(key, {})
        grouped[key].setdefault(r["year"], r)
    out: dict[str, list[Series]] = defaultdict(list)
    for (metric, table_id, label), cells in grouped.items():
        values = np.full(years, np.nan)
        for year, r in cells.items():
            values[year - 1] = r["value"]
        ids = tuple(str(r["fact_id"]) for r in cells.values())
        out[metric].append(Series(values, ids, label, table_id))
    return out


def first_top_level(series: dict[str, list[Series]], metric: str) -> Series | None:
    for s in series.get(metric, []):
        if not SUB_ITEM_ROW.match(s.label):
            return s
    return None


def main_series(series: dict[str, list[Series]], metric: str, table_id: str | None = None) -> Series | None:
    """The whole line of a metric: from the profit table when it prints one, else the largest row
    (a total covers its parts)."""
    rows = [s for s in series.get(metric, []) if not SUB_ITEM_ROW.match(s.label)]
    in_table = [s for s in rows if s.table_id == table_id]
    return max(in_table or rows, key=lambda s: float(np.nansum(np.abs(s.values))), default=None)


def profit_table(series: dict[str, list[Series]]) -> str | None:
    """The table printing the most forecast lines (revenue ... net profit): the project's own P&L."""
    counts: dict[str | None, int] = defaultdict(int)
    for metric in PUBLISHED_METRICS:
        for table_id in {s.table_id for s in series.get(metric, [])}:
            counts[table_id] += 1
    return max(counts, key=lambda t: counts[t], default=None)


def table_of(series, line: Assumption | None) -> str | None:
    if line is None:
        return None
    return next((s.table_id for rows in series.values() for s in rows if s.fact_ids == line.source.fact_ids), None)


def line_in(series, metric: str, table: str | None) -> Series | None:
    """The first top-level row of ``metric`` in ``table``, else anywhere."""
    rows = [s for s in series.get(metric, []) if not SUB_ITEM_ROW.match(s.label)]
    return next((s for s in rows if s.table_id == table), rows[0] if rows else None)


def metric_of(series, target: Series) -> str:
    return next(m for m, rows in series.items() if any(r is target for r in rows))


def assumption(name: str, values, unit: str, fact_ids: tuple[str, ...]) -> Assumption:
    values = np.atleast_1d(np.asarray(values, dtype=float))
    value = tuple(float(v) for v in values) if values.size > 1 else float(values[0])
    return Assumption(name, value, unit, Source(fact_ids=fact_ids))


def override(name: str, value, unit: str, reason: str) -> Assumption:
    value = tuple(float(v) for v in value) if isinstance(value, list | tuple | np.ndarray) else float(value)
    return Assumption(name, value, unit, Source(reason=reason))


def printed_rows(table: pl.DataFrame, years: int) -> list[tuple[dict, np.ndarray]]:
    """Each row of a by-model-year table with its values (0 where nothing is printed), in print order."""
    rows: dict[int, tuple[dict, np.ndarray]] = {}
    for fact in table.filter(pl.col("value").is_not_null()).sort("line_no").iter_rows(named=True):
        match = FORECAST_PERIOD.match(fact["period"] or "")
        if not match:
            continue
        row, values = rows.setdefault(fact["line_no"], ({**fact, "fact_ids": []}, np.zeros(years)))
        for year in range(int(match.group(1)), int(match.group(2) or match.group(1)) + 1):
            if year <= years:
                values[year - 1] = fact["value"]
        row["fact_ids"].append(str(fact["fact_id"]))
    return list(rows.values())
