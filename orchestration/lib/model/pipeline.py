"""Marts in, model tables out: every disclosed project assembled, calibrated, returned and stressed.

The input is marts.fct_project_model_inputs (inputs.py); the frames are the model schema's rows (long
format, keyed by project_id, units in the column names); the Dagster assets only read the mart, call
these functions and write.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from orchestration.lib.model import sensitivity as sn
from orchestration.lib.model.assemble import assemble_project
from orchestration.lib.model.assumptions import ProjectAssumptions, apply_overrides
from orchestration.lib.model.calibrate import Calibration, calibrate, implied_extra_investment
from orchestration.lib.model.closing import ReturnsFit, fit_returns
from orchestration.lib.model.incremental import override_path
from orchestration.lib.model.inputs import ProjectFacts, project_facts
from orchestration.lib.model.published_tables import Cell, published_cells
from orchestration.lib.model.returns import CONVENTIONS, CashFlowConvention, project_returns

FORECAST_LINES = (
    "revenue", "operating_cost", "depreciation_amortization", "total_cost", "taxes_surcharges",
    "total_profit", "income_tax", "net_profit",
)
PUBLISHED_RETURN_OF = {  # recomputed measure -> the published metric it sits beside
    "irr_post_tax": "irr_post_tax",
    "irr_pre_tax": "irr_pre_tax",
    "payback_static_post_tax": "payback_static",
    "payback_dynamic_post_tax": "payback_dynamic",
    "npv_post_tax": "npv",
}
FITTED_MEASURE = {"irr_post_tax": "irr_post_tax", "payback_static": "payback_static_post_tax"}
IMPLIED_BESIDE = {  # implied parameter -> what the filing prints beside it (first one printed)
    "extra_investment_wan": (),
    "terminal_value_wan": ("book_value_end_wan",),
    "working_capital_wan": ("working_capital_wan", "unitemised_proceeds_wan"),
}
GRID_STEPS = np.round(np.linspace(0.8, 1.2, 9), 2)
DEFAULT_CONVENTION = CONVENTIONS[0]
# A rate the model computes as a fraction of one: an IRR (pre- or post-tax, or a Monte Carlo percentile of
# it) or a gross margin. Not a share of runs (irr_undefined_share) nor a Sobol index.
RATE_NAME = r"^(irr|avg_gross_margin)(_pre_tax|_post_tax|_p\d+)?$"


def in_percent(frame: pl.DataFrame, name_column: str, value_columns: tuple[str, ...]) -> pl.DataFrame:
    """Rates in percent under a name ending in ``_pct``, as the marts print them (fct_project_returns
    .irr_post_tax_pct): a published 12.00% and its recomputed 11.997 are one unit from the filing to the
    report, and no reader has to know which table keeps fractions. Computation stays in fractions."""
    rate = pl.col(name_column).str.contains(RATE_NAME)
    unit = [pl.when(rate).then(pl.lit("%")).otherwise(pl.col("unit")).alias("unit")] if "unit" in frame.columns else []
    return frame.with_columns(
        # rounded where the scaling's float noise sits (0.1200 * 100 = 12.000000000000002), far below any print
        *(pl.when(rate).then((pl.col(c) * 100).round(10)).otherwise(pl.col(c)).alias(c) for c in value_columns),
        pl.when(rate).then(pl.col(name_column) + "_pct").otherwise(pl.col(name_column)).alias(name_column),
        *unit,
    )


@dataclass(frozen=True, slots=True)
class ProjectRun:
    """One project assembled, calibrated to its P&L and to its published returns (computed once, reused
    by the returns table and every sensitivity analysis)."""

    filing_id: str
    assumptions: ProjectAssumptions
    calibration: Calibration
    returns_fit: ReturnsFit | None = None
    published_cells: tuple[Cell, ...] = ()

    @property
    def cash_flow(self) -> CashFlowConvention:
        """The convention that closes the published returns best, else the default one."""
        return self.returns_fit.best.convention if self.returns_fit is not None else DEFAULT_CONVENTION


def run_projects(inputs: pl.DataFrame, overrides_dir: Path | None = None) -> list[ProjectRun]:
    """Assemble and calibrate every project of ``inputs`` (rows of marts.fct_project_model_inputs)."""
    return [run for facts in project_facts(inputs) if (run := run_project(facts, overrides_dir)) is not None]


def run_project(facts: ProjectFacts, overrides_dir: Path | None = None) -> ProjectRun | None:
    """One project assembled from its rows, its reviewed overrides applied, calibrated; None when its rows
    do not make a project."""
    project = assemble_project(facts)
    if project is None:
        return None
    override = override_path(project.project_id, overrides_dir)
    if override is not None:
        project = apply_overrides(project, override)
    calibration = calibrate(project)
    fit = fit_returns(project, calibration.forecast, calibration.conventions.residual_as_revenue)
    cells = tuple(published_cells(project.project_id, facts.facts))
    return ProjectRun(facts.filing_id, project, calibration, fit, cells)


# The runs of the last call, by project key: the tables asset calibrates a project and the sensitivity asset
# after it, in the same process, reuses the run instead of calibrating it again. A process of its own (the
# multiprocess executor) finds nothing here and calibrates: the same run, computed twice.
_LAST_RUNS: dict[str, ProjectRun | None] = {}


def runs_of(projects: list[ProjectFacts], keys: dict[str, str], overrides_dir: Path | None) -> list[ProjectRun]:
    """The runs of these projects (keyed by incremental.project_key), reused from the last call where its
    key is the same."""
    runs = {}
    for project in projects:
        key = keys[project.project_id]
        runs[key] = _LAST_RUNS[key] if key in _LAST_RUNS else run_project(project, overrides_dir)
    _LAST_RUNS.clear()
    _LAST_RUNS.update(runs)
    return [run for run in runs.values() if run is not None]


def assumptions_frame(runs: list[ProjectRun]) -> pl.DataFrame:
    rows = [{**row, **_key(r)} for r in runs for row in r.assumptions.rows()]
    for r in runs:
        rows.append(_convention_row(r, "conventions", r.calibration.conventions.label()))
        rows.append(_convention_row(r, "income_tax_rate", r.assumptions.taxes.income_tax_source,
                                    r.assumptions.taxes.income_tax_rate))
    return in_percent(pl.DataFrame(rows, schema=_ASSUMPTION_SCHEMA), "name", ("value",))


def _convention_row(r: ProjectRun, name: str, source: str, value: float | None = None) -> dict:
    return {**_key(r), "group": "calibrated", "name": name,
            "year": None, "value": value, "unit": "", "source": source}


def _key(r: ProjectRun) -> dict:
    """The columns that say which project a model row is about: its id first, its filing and name beside."""
    return {"filing_id": r.filing_id, "project_id": r.assumptions.project_id, "project": r.assumptions.project}


KEY_SCHEMA = {"filing_id": pl.String, "project_id": pl.String, "project": pl.String}
_ASSUMPTION_SCHEMA = {
    **KEY_SCHEMA, "group": pl.String, "name": pl.String, "year": pl.Int64,
    "value": pl.Float64, "unit": pl.String, "source": pl.String,
}


def forecast_frame(runs: list[ProjectRun]) -> pl.DataFrame:
    rows = []
    for r in runs:
        f = r.calibration.forecast
        for line in FORECAST_LINES:
            for year, value in enumerate(f.line(line)[0], start=1):
                rows.append({**_key(r), "year": year,
                             "line": line, "value_wan": round(float(value), 6)})
    return pl.DataFrame(rows, schema={**KEY_SCHEMA, "year": pl.Int64,
                                      "line": pl.String, "value_wan": pl.Float64})


def reconciliation_frame(runs: list[ProjectRun]) -> pl.DataFrame:
    rows = [
        {**row, **_key(r), "conventions": r.calibration.conventions.label()}
        for r in runs
        for row in r.calibration.residuals
    ]
    return pl.DataFrame(rows, schema={
        **KEY_SCHEMA, "conventions": pl.String, "metric": pl.String,
        "year": pl.Int64, "published": pl.Float64, "recomputed": pl.Float64, "difference": pl.Float64,
        "within_tolerance": pl.Boolean,
    }).rename({"published": "published_wan", "recomputed": "recomputed_wan", "difference": "difference_wan"})


def returns_frame(runs: list[ProjectRun], discount_rate: float) -> pl.DataFrame:
    """Every return under every cash-flow convention, the published figure and the gap beside it."""
    rows = []
    for r in runs:
        a, c = r.assumptions, r.calibration
        residual = c.conventions.residual_as_revenue
        for row in project_returns(c.forecast, residual, a.build_years, discount_rate):
            published_metric = PUBLISHED_RETURN_OF.get(row["measure"])
            published = a.published_returns.get(published_metric) if published_metric else None
            value = published.value if published is not None else None
            extra = None
            if row["measure"] == "irr_post_tax" and value is not None:
                convention = next(x for x in CONVENTIONS if x.name == row["convention"])
                extra = implied_extra_investment(c.forecast, convention, residual, value)
            rows.append({
                **_key(r), "discount_rate": discount_rate, **row,
                "published": value, "gap": None if value is None else row["value"] - value,
                "implied_extra_investment_wan": extra,
            })
        if r.returns_fit is not None:
            rows += _fit_rows(r, discount_rate)
    frame = pl.DataFrame(rows, schema=RETURNS_SCHEMA).rename({"value": "recomputed"})
    return in_percent(frame, "measure", ("recomputed", "published", "gap")).with_columns(
        (pl.col("discount_rate") * 100).alias("discount_rate")
    ).rename({"discount_rate": "discount_rate_pct"})


RETURNS_SCHEMA = {
    **KEY_SCHEMA, "discount_rate": pl.Float64, "convention": pl.String,
    "measure": pl.String, "value": pl.Float64, "conventional_flows": pl.Boolean, "irr_count": pl.Int64,
    "published": pl.Float64, "gap": pl.Float64, "implied_extra_investment_wan": pl.Float64,
    "fit": pl.String,
}


def _fit_rows(r: ProjectRun, discount_rate: float) -> list[dict]:
    """The conventions that close the published returns (every one within tolerance, else the best), the
    best that reads the filing's amounts as printed when the best does not, and the implied parameters
    under the best one beside what the filing prints."""
    fit = r.returns_fit
    head = {**_key(r), "discount_rate": discount_rate,
            "conventional_flows": None, "irr_count": None, "implied_extra_investment_wan": None}
    ranked = [("best" if rank == 0 else "tie", c) for rank, c in enumerate(fit.closing or fit.candidates[:1])]
    as_printed = fit.best_as_printed
    if as_printed is not None and as_printed is not fit.best:  # what the amounts read as printed reach, beside it
        ranked.append(("as printed", as_printed))
    rows = []
    for label, candidate in ranked:
        label += "" if candidate.closes else " (outside tolerance)"
        label += " (implied working capital, not printed)" if candidate.implied else ""
        label += " (printed working capital read as 30% 铺底流动资金)" if candidate.grossed_up else ""
        for metric, value in candidate.values.items():
            published = fit.published.get(metric)
            rows.append({**head, "convention": candidate.convention.name, "measure": FITTED_MEASURE[metric],
                         "value": value, "published": published,
                         "gap": candidate.gaps.get(metric), "fit": label})
    for name, value in fit.implied.items():
        printed = next((fit.printed[k] for k in IMPLIED_BESIDE[name] if fit.printed.get(k) is not None), None)
        rows.append({**head, "convention": fit.best.convention.name, "measure": f"implied_{name}",
                     "value": value, "published": printed,
                     "gap": None if value is None or printed is None else value - printed, "fit": "implied"})
    return rows


@dataclass(frozen=True, slots=True)
class Stress:
    """One project's sensitivity results: long rows, and what the charts draw."""

    rows: list[dict]
    tornado: list[dict]
    grid_irr: np.ndarray  # price steps x utilisation steps
    monte_carlo_npv: np.ndarray


def stress(run: ProjectRun, discount_rate: float, scenarios: int, seed: int = 0) -> Stress:
    """Tornado, price x utilisation grid, break-evens, Monte Carlo and Sobol indices of one project."""
    a = run.assumptions
    setting = sn.Setting(a, run.calibration.conventions, run.cash_flow, discount_rate)
    rows: list[dict] = []

    def add(analysis: str, driver: str, level, level_2, output: str, value, published=None) -> None:
        rows.append({**_key(run), "analysis": analysis, "driver": driver,
                     "level": level, "level_2": level_2, "output": output,
                     "value": None if value is None or not np.isfinite(value) else float(value),
                     "published": published})

    cells = run.published_cells
    for analysis, values in (("published_table", sn.published_table(setting, cells)),
                             ("published_table_at_printed_revenue", sn.published_table_at_printed_revenue(setting, cells))):
        for cell, value in zip(cells, values, strict=True):
            add(analysis, "price x utilisation", cell.price, cell.utilisation, cell.output, value, cell.published)

    tornado = sn.tornado(setting)
    for t in tornado:
        for side in ("low", "high"):
            add("tornado", t["driver"], t[side], None, "irr", t[f"irr_{side}"])
            add("tornado", t["driver"], t[side], None, "npv", t[f"npv_{side}"])
    grid = sn.grid(setting, GRID_STEPS, GRID_STEPS)
    for g in grid:
        add("grid", "price x utilisation", g["price"], g["utilisation"], g["output"], g["value"])
    for driver in ("price", "utilisation"):
        for output in ("npv", "total_net_profit"):
            add("break_even", driver, None, None, output, sn.break_even(setting, driver, output))
    mc = sn.monte_carlo(setting, n=scenarios, seed=seed)
    for name, value in mc.summary.items():
        add("monte_carlo", "price, utilisation, capex, opex", float(scenarios), None, name, value)
    for s in sn.sobol_indices(setting, seed=seed):
        add("sobol", s["driver"], None, None, f"{s['output']}_s1", s["s1"])
        add("sobol", s["driver"], None, None, f"{s['output']}_st", s["st"])
    grid_irr = np.array([g["value"] for g in grid if g["output"] == "irr"]).reshape(len(GRID_STEPS), len(GRID_STEPS))
    return Stress(rows, tornado, grid_irr, mc.outputs["npv"])


SENSITIVITY_SCHEMA = {
    **KEY_SCHEMA, "analysis": pl.String, "driver": pl.String,
    "level": pl.Float64, "level_2": pl.Float64, "output": pl.String, "value": pl.Float64, "published": pl.Float64,
}


def sensitivity_frame(stresses: list[Stress]) -> pl.DataFrame:
    frame = pl.DataFrame([row for s in stresses for row in s.rows], schema=SENSITIVITY_SCHEMA)
    return in_percent(frame, "output", ("value", "published"))
