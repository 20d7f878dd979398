"""The sensitivity tables filings print, read as cells the engine can re-run.

A cell is a published output (IRR, payback, average revenue, gross margin or net profit) under the
shocks its row and column labels state: 价格提高5% is price x 1.05, 销售率下降5% is sales rate
x 0.95, 初始价格 / 现有单价假设 is the base case. A table is a sensitivity table when it prints the
same output more than once for the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

OUTPUTS = {  # metric as the parser names it -> output of sensitivity.evaluate
    "irr_post_tax": "irr",
    "payback_static": "payback_static",
    "revenue": "avg_revenue",
    "gross_margin": "avg_gross_margin",
    "net_profit": "avg_net_profit",
}
SHARE_UNITS = ("%",)
WHOLE_HORIZON = "MODEL_AVG"  # a yearly average over the forecast, as sensitivity tables print it
_DRIVERS = {
    "price": re.compile(r"价格|单价|售价"),
    "utilisation": re.compile(r"销售率|利用率|出租率|上架率|使用率"),
}
_MOVE = re.compile(r"(提高|提升|上升|增加|上涨|降低|下降|减少|下调)\s*(\d+(?:\.\d+)?)\s*%")
_DOWN = re.compile(r"降低|下降|减少|下调")


@dataclass(frozen=True, slots=True)
class Cell:
    table_id: str
    fact_id: str
    output: str  # an output of sensitivity.evaluate
    price: float  # multiplier
    utilisation: float  # multiplier
    published: float  # shares as fractions, money in 万元, payback in years


def published_cells(entity: str, facts: pl.DataFrame) -> list[Cell]:
    """Every cell of the project's printed sensitivity tables, with the shocks its labels state."""
    own = facts.filter(
        (pl.col("entity") == entity) & pl.col("table_id").is_not_null() & pl.col("metric").is_in(list(OUTPUTS))
        & pl.col("value").is_not_null() & (pl.col("period").is_null() | (pl.col("period") == WHOLE_HORIZON))
    )
    cells = []
    for (table_id,), table in own.group_by("table_id", maintain_order=True):
        labels = pl.concat_str([pl.col("row_label").fill_null(""), pl.col("column_label").fill_null("")], separator=" ")
        if not table.select(labels.str.contains(_MOVE.pattern).any()).item():
            continue  # no cell states a shock: a forecast or a summary, not a sensitivity table
        for row in table.sort("line_no").iter_rows(named=True):
            shocks = _shocks(f"{row['row_label'] or ''} {row['column_label'] or ''}")
            if shocks is None:
                continue
            value = row["value"] / 100 if row["unit"] in SHARE_UNITS else row["value"]
            cells.append(Cell(str(table_id), str(row["fact_id"]), OUTPUTS[row["metric"]], *shocks, float(value)))
    return cells


def _shocks(label: str) -> tuple[float, float] | None:
    """(price, utilisation) multipliers a cell's labels state; None when a label names a move of
    something else."""
    out = {"price": 1.0, "utilisation": 1.0}
    for move in _MOVE.finditer(label):
        before = label[: move.start()]
        driver = max(_DRIVERS, key=lambda d: max((m.end() for m in _DRIVERS[d].finditer(before)), default=-1))
        if not _DRIVERS[driver].search(before):
            return None
        size = float(move.group(2)) / 100
        out[driver] *= 1 - size if _DOWN.search(move.group(1)) else 1 + size
    return out["price"], out["utilisation"]
