"""Cost drivers recognised from their printed pattern: cash cost lines (a share of revenue or as
printed), depreciation as an implied straight-line asset, and the components that carry input VAT.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from orchestration.lib.model.assumptions import Asset, CostLine
from orchestration.lib.model.series import (
    CENT,
    Series,
    assumption,
    line_in,
    metric_of,
    printed_rows,
    table_of,
)
from orchestration.lib.vocabulary.metrics import metrics_in
from orchestration.lib.vocabulary.totals import SUB_ITEM_ROW

CASH_COST_METRICS = metrics_in("cash_cost_line")
NON_CASH_METRICS = metrics_in("non_cash_cost_line")
RATIO_DIGITS = 4  # expense ratios are stated like 1.35%: four decimals of a share
VAT_COST_METRICS = frozenset({"cabinet_rent", "bandwidth_cost", "power_cost", "technical_service_cost", "other_cost"})


def cost_lines(series, published, service_revenue, years):
    """Cash cost lines (flat components, else one remainder line) plus depreciation lines or assets.

    Lines are read from the table that prints the operating cost when it prints them, so that
    depreciation and the cost it belongs to come from one breakdown.
    """
    table = table_of(series, published.get("operating_cost"))
    non_cash = _non_cash_lines(series, table)
    components = [(m, s) for m in CASH_COST_METRICS if (s := line_in(series, m, table)) is not None]
    operating = published.get("operating_cost")
    cash_sum = sum((s.filled() for _, s in components), np.zeros(years))
    non_cash_sum = sum((s.filled() for s in non_cash), np.zeros(years))
    costs: list[CostLine] = []
    if operating is not None:
        printed = np.nan_to_num(np.asarray(operating.series(years), dtype=float))
        flat = _close(cash_sum + non_cash_sum, printed) or _close(cash_sum, printed)
        if not flat:
            remainder = printed - non_cash_sum
            ids = operating.source.fact_ids + tuple(i for s in non_cash for i in s.fact_ids)
            components = [("other_cost", Series(remainder, ids, "营业成本 less depreciation"))]
    for metric, s in components:
        costs.append(driven_line(s, metric, service_revenue))
    assets: list[Asset] = []
    for s in non_cash:
        asset = _implied_asset(s)
        if asset is None:
            costs.append(CostLine(s.label, metric_of(series, s), "printed", assumption(s.label, s.filled(), "万元", s.fact_ids)))
        else:
            assets.append(asset)
    return tuple(costs), tuple(assets)


def _non_cash_lines(series, table: str | None) -> list[Series]:
    """Depreciation and amortisation as printed beside the operating cost: separate lines or one line."""
    for where in (table, None):
        rows: dict[str, Series] = {}
        for m in NON_CASH_METRICS:
            for s in series.get(m, []):
                if not SUB_ITEM_ROW.match(s.label) and (where is None or s.table_id == where):
                    rows.setdefault(m, s)
        separate = [rows[m] for m in NON_CASH_METRICS[:2] if m in rows]
        if separate or "depreciation_amortization" in rows:
            return separate or [rows["depreciation_amortization"]]
    return []


def _close(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(np.all(np.abs(a - b) <= 0.02 * 3))  # three printed roundings of a cent


def driven_line(s: Series, metric: str, service_revenue: np.ndarray) -> CostLine:
    """A revenue ratio when the line is a share of revenue, else the printed series.

    The share is tried constant as stated (1.35% = four decimals), constant unrounded (a ratio
    carried over from last year's accounts), then as a yearly schedule of stated shares (5%, 3%,
    2% ...), each within the rounding of the printed cents.
    """
    running = service_revenue > 0
    values = s.filled()
    if running.sum() >= 2 and np.all(values[~running] == 0):
        shares = np.zeros_like(values)
        shares[running] = values[running] / service_revenue[running]
        constant = float(np.median(shares[running]))
        candidates = (
            (round(constant, RATIO_DIGITS), 0.0051),
            (constant, 0.0101),
            (np.round(shares, RATIO_DIGITS), 0.0051),
        )
        for ratio, tolerance in candidates:
            positive = np.all(np.broadcast_to(ratio, values.shape)[running] > 0)
            if positive and np.all(np.abs(service_revenue * ratio - values)[running] <= tolerance):
                return CostLine(s.label, metric, "revenue_ratio", assumption(s.label, ratio, "share", s.fact_ids))
    return CostLine(s.label, metric, "printed", assumption(s.label, values, "万元", s.fact_ids))


def _implied_asset(s: Series) -> Asset | None:
    """A printed straight-line depreciation ([half,] full, ..., full [, half]) as a depreciable amount."""
    values = s.filled()
    charged = np.flatnonzero(values > 0)
    if charged.size < 2:
        return None
    full = float(values[charged].max())
    shares = values[charged] / full
    whole = np.all(np.isclose(shares, 1.0, atol=1e-4))
    halves = np.isclose(shares[0], 0.5, atol=1e-3) and np.isclose(shares[-1], 0.5, atol=1e-3)
    if not (whole or (halves and np.all(np.isclose(shares[1:-1], 1.0, atol=1e-4)))):
        return None
    if not np.all(np.diff(charged) == 1):
        return None
    life = round(float(shares.sum()))
    amount = np.zeros(len(values))
    amount[charged[0]] = full * life  # depreciable amount; the base adds the (calibrated) residual
    return Asset(
        name=s.label,
        amount=assumption(s.label, amount, "万元", s.fact_ids),
        vat_rate=0.0,
        life_years=life,
        residual_rate=None,
        service_start_year=int(charged[0]) + 1,
        cash=False,
    )


def vat_cost_components(entity: str, facts: pl.DataFrame, table: str | None, years: int) -> tuple[CostLine, ...]:
    """The operating cost's printed components that carry input VAT: the parts, not their subtotals.

    Read from the table that prints the operating cost, every row in print order (whatever entity
    the parser gave it): a row whose yearly values are the sum of the rows printed right below it
    (机柜租赁 over its 水电费, 人工 …; 带宽租用 over 带宽成本 and 其他) gives way to them. Only the cash
    effect of VAT reads these (returns.py puts the rates on them by metric); the P&L keeps its lines.
    """
    if table is None:
        return ()
    rows = printed_rows(facts.filter(pl.col("table_id") == table), years)
    components = []
    for i, (row, values) in enumerate(rows):
        if row["entity"] != entity or row["metric"] not in VAT_COST_METRICS:
            continue
        below = np.cumsum([v for _, v in rows[i + 1 :]], axis=0)
        if any(np.all(np.abs(total - values) <= CENT * (k + 2)) for k, total in enumerate(below)):
            continue  # a subtotal of the rows below it
        label = row["row_label"] or row["metric"]
        components.append(CostLine(label, row["metric"], "printed", assumption(label, values, "万元", tuple(row["fact_ids"]))))
    return tuple(components)
