"""Find the unstated conventions that reproduce a filing's published yearly lines, and what remains.

The search is exhaustive over the conventions of domain.md §6 that matter for the project (a
convention about prices is only searched when products drive revenue, and so on); a small revenue
tax is back-solved from the published taxes line rather than guessed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import numpy as np

from orchestration.lib.model.assumptions import ProjectAssumptions
from orchestration.lib.model.forecast import (
    Conventions,
    Forecast,
    Shocks,
    operations,
    run_forecast,
    settled_forecast,
)
from orchestration.lib.model.returns import CashFlowConvention, cash_flows, irr
from orchestration.lib.model.settle import SETTLING_CONVENTIONS, Operations, Settlement
from orchestration.lib.vocabulary.metrics import metrics_in

ABS_TOLERANCE_WAN = 0.02
REL_TOLERANCE = 0.0005
RECONCILED_LINES = metrics_in("published_forecast_line")
REVENUE_TAX_STEP = 1e-5
IMPLIED_RESIDUAL_RATES = (0.0, 0.03, 0.05, 0.10)  # the residual rates Chinese depreciation policies state  # rates such as 0.03% are stated to a thousandth of a percent


@dataclass(frozen=True, slots=True)
class Calibration:
    conventions: Conventions
    forecast: Forecast
    residuals: list[dict]  # metric, year, published, recomputed, difference, within_tolerance
    misses: int  # published cells outside tolerance

    @property
    def reproduced(self) -> bool:
        return self.misses == 0


def within_tolerance(published: np.ndarray, recomputed: np.ndarray) -> np.ndarray:
    difference = np.abs(recomputed - published)
    return (difference <= ABS_TOLERANCE_WAN + 1e-9) | (difference <= REL_TOLERANCE * np.abs(published))


def candidate_conventions(a: ProjectAssumptions) -> list[Conventions]:
    """Every combination of the conventions that can change this project's lines."""
    options: dict[str, tuple] = {
        "residual_as_revenue": (False, True),
        "loss_carry_forward": (False, True),
        "surcharge_on_net_vat": (True, False),
    }
    if a.products:
        options["inclusive_price_decimals"] = (None, 2, 1)
        options["half_first_year"] = (False, True)
        options["half_last_year"] = (False, True)
        if any(min(p.utilisation.series(a.years)) < 1 for p in a.products):
            options["utilisation_in_revenue"] = (True, False)
    elif any(asset.life_years and asset.residual_rate is None for asset in a.assets):
        options["half_first_year"] = (False, True)
    if any(asset.vat_rate and asset.life_years for asset in a.assets):
        options["depreciation_base_ex_vat"] = (True, False)
    if any(asset.vat_rate for asset in a.assets):
        options["capex_vat_credit"] = (True, False)
    implied = sum(asset.residual_rate is None for asset in a.assets)
    if implied:
        options["implied_residual_rates"] = tuple(itertools.product(IMPLIED_RESIDUAL_RATES, repeat=implied))
    if "taxes_surcharges" in a.published:
        options["taxes_as_printed"] = (False, True)
    if any(c.driver == "staff" for c in a.costs):
        options["staff_rounding"] = ("exact", "ceil", "round")
    names = list(options)
    return [Conventions(**dict(zip(names, combo, strict=True))) for combo in itertools.product(*options.values())]


def reconcile(a: ProjectAssumptions, forecast: Forecast, lines=RECONCILED_LINES) -> list[dict]:
    """Published vs recomputed for every published (line, year) of scenario 0."""
    rows = []
    for metric in lines:
        if metric not in a.published:
            continue
        published = np.asarray(a.published[metric].series(a.years), dtype=float)
        recomputed = forecast.line(metric)[0]
        printed = ~np.isnan(published)
        ok = within_tolerance(published, recomputed)
        for year in np.flatnonzero(printed):
            rows.append(
                {
                    "project": a.project,
                    "metric": metric,
                    "year": int(year) + 1,
                    "published": float(published[year]),
                    "recomputed": round(float(recomputed[year]), 6),
                    "difference": round(float(recomputed[year] - published[year]), 6),
                    "within_tolerance": bool(ok[year]),
                }
            )
    return rows


def calibrate(a: ProjectAssumptions, candidates: list[Conventions] | None = None) -> Calibration:
    """The conventions with the fewest published cells missed, then the smallest total residual.

    One forecast of every candidate at once, a row each: the operations (what every convention but
    the settling ones decides) are computed once per distinct setting and settled under each row's
    conventions. The winner is then forecast on its own, as every later step reads it.
    """
    candidates = candidates or candidate_conventions(a)
    keys = [_operating(c) for c in candidates]
    settings: dict[tuple, Conventions] = {}  # each distinct setting of the operating conventions, in order
    for key, conventions in zip(keys, candidates, strict=True):
        if key not in settings:
            settings[key] = replace(conventions, **SETTLED_BY_DEFAULT)
    number = {key: i for i, key in enumerate(settings)}
    ops = _stacked([operations(a, c, Shocks()) for c in settings.values()], np.array([number[k] for k in keys]))
    rows = _with_revenue_taxes(a, ops, candidates)
    published = _published_cells(a)
    recomputed = _recomputed_cells(a, settled_forecast(a, ops, Settlement.rows(rows)))
    misses = (~within_tolerance(published, recomputed)).sum(axis=1)
    best = rows[_best(rows, misses, recomputed - published)]
    forecast = run_forecast(a, best)
    residuals = reconcile(a, forecast)
    return Calibration(best, forecast, residuals, sum(not r["within_tolerance"] for r in residuals))


def _stacked(settings: list[Operations], setting_of_row: np.ndarray) -> Operations:
    """One operations of many rows: row i holds ``settings[setting_of_row[i]]`` (each one row)."""
    def rows(arrays: list[np.ndarray]) -> np.ndarray:
        return np.concatenate(arrays)[setting_of_row]

    fields = {}
    for name in Operations.__slots__:
        values = [getattr(o, name) for o in settings]
        if isinstance(values[0], dict):
            fields[name] = {key: rows([v[key] for v in values]) for key in values[0]}
        elif isinstance(values[0], np.ndarray):
            fields[name] = rows(values)
        else:  # the income tax rate: unshocked, the same for every setting
            fields[name] = values[0]
    return Operations(**fields)


SETTLED_BY_DEFAULT = {name: getattr(Conventions(), name) for name in SETTLING_CONVENTIONS}
OPERATING_CONVENTIONS = tuple(name for name in Conventions.__slots__ if name not in SETTLING_CONVENTIONS)


def _operating(conventions: Conventions) -> tuple:
    return tuple(getattr(conventions, name) for name in OPERATING_CONVENTIONS)


def _printed_years(a: ProjectAssumptions) -> list[tuple[str, np.ndarray]]:
    """(line, its printed years) of every published line reconciled, in the order ``reconcile`` lists them."""
    lines = [(metric, np.asarray(a.published[metric].series(a.years), dtype=float))
             for metric in RECONCILED_LINES if metric in a.published]
    return [(metric, ~np.isnan(printed)) for metric, printed in lines]


def _published_cells(a: ProjectAssumptions) -> np.ndarray:
    cells = [np.asarray(a.published[metric].series(a.years), dtype=float)[year] for metric, year in _printed_years(a)]
    return np.concatenate([np.zeros(0), *cells])


def _recomputed_cells(a: ProjectAssumptions, forecast: Forecast) -> np.ndarray:
    """Every row's recomputed value of each published cell: (rows, cells)."""
    rows = forecast.revenue.shape[0]
    cells = [np.broadcast_to(forecast.line(metric), (rows, a.years))[:, year] for metric, year in _printed_years(a)]
    return np.concatenate([np.zeros((rows, 0)), *cells], axis=1)


def _best(candidates: list[Conventions], misses: np.ndarray, differences: np.ndarray) -> int:
    """The first candidate of the smallest (misses, taxes as printed, total residual as reconcile rounds it)."""
    # taking taxes as printed explains nothing: only worth it when it reproduces more cells
    first = [(int(m), c.taxes_as_printed) for m, c in zip(misses, candidates, strict=True)]
    fewest = min(first)
    best: tuple[tuple, int] | None = None
    for i in (i for i, key in enumerate(first) if key == fewest):
        score = (*fewest, sum(abs(round(float(d), 6)) for d in differences[i]))
        if best is None or score < best[0]:
            best = (score, i)
    assert best is not None
    return best[1]


def _with_revenue_taxes(a: ProjectAssumptions, ops: Operations, rows: list[Conventions]) -> list[Conventions]:
    """Back-solve each row's revenue-proportional tax from the published taxes line, if there is one: the
    median over the years with service revenue of the taxes unexplained per unit of it."""
    if "taxes_surcharges" not in a.published:
        return rows
    base = settled_forecast(a, ops, replace(Settlement.rows(rows), revenue_tax_rate=0.0))
    published = np.asarray(a.published["taxes_surcharges"].series(a.years), dtype=float)
    service = base.revenue - base.residual_revenue
    usable = (service > 0) & ~np.isnan(published)
    per_revenue = np.divide(published - base.taxes_surcharges, service, out=np.zeros_like(service), where=usable)
    rates = row_medians(per_revenue, usable)
    return [c if c.taxes_as_printed or not usable[i].any() else replace(c, revenue_tax_rate=_on_step(rates[i]))
            for i, c in enumerate(rows)]


def row_medians(values: np.ndarray, usable: np.ndarray) -> np.ndarray:
    """Each row's median of its usable values, computed as np.median does (the middle two averaged)."""
    count = usable.sum(axis=1)
    ordered = np.sort(np.where(usable, values, np.inf), axis=1)
    upper = np.take_along_axis(ordered, np.minimum(count // 2, values.shape[1] - 1)[:, None], axis=1)[:, 0]
    lower = np.take_along_axis(ordered, np.maximum(count - 1, 0)[:, None] // 2, axis=1)[:, 0]
    medians = np.where(count % 2 == 1, upper, (lower + upper) / 2)
    return np.where((np.isnan(values) & usable).any(axis=1), np.nan, medians)  # np.median: NaN in, NaN out


def _on_step(rate: float) -> float:
    return max(round(round(float(rate) / REVENUE_TAX_STEP) * REVENUE_TAX_STEP, 8), 0.0)


def implied_extra_investment(
    forecast: Forecast, convention: CashFlowConvention, residual_as_revenue: bool, target_irr: float
) -> float:
    """The investment to add when the first one is paid (万元, negative = remove) that makes the IRR ``target_irr``."""
    flows = cash_flows(forecast, convention, residual_as_revenue)[:1]
    first = int(np.argmax(flows[0] < 0))

    def gap(extra: float) -> float:
        shifted = flows.copy()
        shifted[0, first] -= extra
        value = float(irr(shifted)[0])
        if np.isnan(value):  # no sign change left: all inflows (too little investment) or all outflows
            return 1.0 if extra < 0 else -1.0
        return value - target_irr

    from scipy.optimize import brentq  # here, not at import: loading the definitions stays light

    scale = float(np.abs(flows).sum())
    return float(brentq(gap, -0.9 * scale, 0.9 * scale, xtol=1e-4))
