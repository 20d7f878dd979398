"""Build each disclosed project's assumptions from the facts the marts carry for it (inputs.py).

A project is a dim_projects project with a yearly forecast (revenue or net profit by model year). Its
lines come from the facts that name it, keyed (metric, period); drivers are recognised from their printed pattern:
a price x units schedule becomes a product, a cost that is a fixed share of revenue becomes a
revenue ratio, a straight-line depreciation becomes an implied asset whose residual value can be
recovered. Whatever cannot be recognised is kept as printed, with its fact ids, so a re-run still
reproduces the filing and says which lines it could not explain.

The readings live by concern: series.py (the printed rows by metric and year), revenue_drivers.py,
cost_drivers.py and capital.py (what is invested and what it becomes); this module puts them
together with the taxes and the published returns.
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl

from orchestration.lib.model.assumptions import Assumption, ProjectAssumptions, Taxes
from orchestration.lib.model.capital import (
    capital_schedule,
    capitalised_amount,
    investment_items,
    paid_as_printed,
    total_paid,
    unitemised_proceeds,
    with_implied_input_vat,
)
from orchestration.lib.model.cost_drivers import cost_lines, driven_line, vat_cost_components
from orchestration.lib.model.inputs import ProjectFacts, project_facts
from orchestration.lib.model.revenue_drivers import other_revenue_lines, price_linked, price_schedule_products
from orchestration.lib.model.series import (
    PUBLISHED_METRICS,
    Series,
    assumption,
    first_top_level,
    main_series,
    profit_table,
    series_by_metric,
    table_of,
    yearly_facts,
)
from orchestration.lib.vocabulary.metrics import metrics_in

EXPENSE_METRICS = metrics_in("period_expense_line")
RETURN_METRICS = metrics_in("project_return")
_BASE_CASE = re.compile(r"初始|现有|基准|原")
_SHOCK = re.compile(r"提高|提升|上升|增加|降低|下降|减少|[+-]\d")

# Stated rates the facts rarely carry; each is an override with its reason.
OUTPUT_VAT = 0.06
SURCHARGES = 0.12
DEFAULT_INCOME_TAX = 0.25


def assemble(inputs: pl.DataFrame) -> list[ProjectAssumptions]:
    """One ProjectAssumptions per project of ``inputs`` (rows of marts.fct_project_model_inputs) that
    prints a yearly forecast, in project_id order."""
    return [a for p in project_facts(inputs) if (a := assemble_project(p)) is not None]


def assemble_project(p: ProjectFacts) -> ProjectAssumptions | None:
    """The project's assumptions, or None when it prints no yearly revenue or net profit."""
    rows = yearly_facts(p.facts).get(p.project_id, [])
    if not any(r["metric"] in ("revenue", "net_profit") for r in rows):
        return None
    return _project(p, rows)


def _project(p: ProjectFacts, rows: list[dict]) -> ProjectAssumptions:
    entity, facts = p.project_id, p.facts
    years = max(r["year"] for r in rows)
    series = series_by_metric(rows, years)
    table = profit_table(series)
    published = {
        m: assumption(m, s.values, "万元", s.fact_ids)
        for m in PUBLISHED_METRICS
        if (s := main_series(series, m, table)) is not None
    }
    revenue = main_series(series, "revenue", table)
    service_revenue = revenue.filled() if revenue is not None else np.zeros(years)
    products, product_table = price_schedule_products(series, years)
    revenue_lines = other_revenue_lines(series, products, product_table, revenue, years)
    costs, implied_assets = cost_lines(series, published, service_revenue, years)
    expenses = tuple(
        driven_line(s, metric, service_revenue)
        for metric in EXPENSE_METRICS
        if (s := first_top_level(series, metric)) is not None
    )
    investments, working_capital = investment_items(entity, facts, years)
    yearly_investment = main_series(series, "investment_amount")
    if yearly_investment is not None:  # an investment plan by model year beats a single total
        investments = (paid_as_printed(yearly_investment),)
    investments = investments or capital_schedule(entity, facts, years)
    investment_ids = tuple(i for a in investments for i in a.amount.source.fact_ids)
    capitalised = capitalised_amount(facts, investment_ids)
    investments = with_implied_input_vat(investments, capitalised)
    itemised = total_paid(investments) + (working_capital.value if working_capital else 0.0)
    running = np.flatnonzero(service_revenue > 0)
    vat_components = vat_cost_components(entity, facts, table_of(series, published.get("operating_cost")), years)
    return ProjectAssumptions(
        project=p.name,
        project_id=p.project_id,
        years=years,
        build_years=int(running[0]) if running.size else 0,
        products=products,
        assets=investments + implied_assets,
        costs=costs,
        expenses=expenses,
        taxes=_taxes(series, _stated_rate(entity, facts, "income_tax_rate")),
        working_capital=working_capital,
        capitalised=capitalised,
        unitemised_proceeds=unitemised_proceeds(entity, facts, itemised, investment_ids),
        revenue_lines=revenue_lines,
        vat_cost_components=vat_components,
        price_linked=price_linked(series, products, product_table, revenue, revenue_lines, vat_components, years),
        published=published,
        published_returns=_published_returns(entity, facts),
    )


def _stated_rate(entity: str, facts: pl.DataFrame, metric: str) -> tuple[float, str] | None:
    """A rate the filing states for the entity (a percent fact without a period), with its fact id."""
    stated = facts.filter(
        (pl.col("metric") == metric) & (pl.col("entity") == entity) & (pl.col("unit") == "%") & pl.col("period").is_null()
    ).sort("line_no")
    if stated.is_empty():
        return None
    row = stated.row(0, named=True)
    return row["value"] / 100, str(row["fact_id"])


def _taxes(series: dict[str, list[Series]], stated: tuple[float, str] | None) -> Taxes:
    """Income tax rate: as printed lines imply (tax / profit, or 1 - net / profit), else as stated."""
    profit = main_series(series, "total_profit")
    tax = main_series(series, "income_tax")
    net = main_series(series, "net_profit")
    rate, source = DEFAULT_INCOME_TAX, "no rate printed: statutory 25%"
    if stated is not None:
        rate, source = stated[0], f"stated: {stated[1]}"
    if profit is not None and (tax is not None or net is not None):
        positive = profit.filled() > 1.0
        if positive.any():
            paid = tax.filled() if tax is not None else profit.filled() - net.filled()
            rate = round(float(np.median(paid[positive] / profit.filled()[positive])), 2)
            source = "implied by the printed tax and profit lines"
    return Taxes(output_vat_rate=OUTPUT_VAT, income_tax_rate=rate, surcharge_rate=SURCHARGES, income_tax_source=source)


def _published_returns(entity: str, facts: pl.DataFrame) -> dict[str, Assumption]:
    """Published IRR / NPV / payback of the project: a single figure, or a sensitivity table's base case.

    A table printing the same return several times is a sensitivity table; only its base case
    (labelled 初始 / 现有 / 基准 and no label shocked) is the project's figure.
    """
    own = facts.filter(pl.col("metric").is_in(RETURN_METRICS) & (pl.col("entity") == entity)).sort("line_no")
    out = {}
    for metric in RETURN_METRICS:
        rows = own.filter(pl.col("metric") == metric)
        if rows.height > 1:
            labels = pl.concat_str(
                [pl.col("row_label").fill_null(""), pl.col("column_label").fill_null("")], separator="|"
            )
            base = labels.str.contains(_BASE_CASE.pattern) & ~labels.str.contains(_SHOCK.pattern)
            rows = rows.filter(pl.col("table_id").is_null() | base)
        if rows.is_empty() or rows["value"].n_unique() > 1:
            continue  # nothing printed, or several base-looking cells: no single published figure
        row = rows.row(0, named=True)
        percent = row["unit"] == "%"  # computed as a fraction of one, as the model's rates are
        value, unit = (row["value"] / 100, "share") if percent else (row["value"], row["unit"] or "")
        out[metric] = assumption(metric, value, unit, (str(row["fact_id"]),))
    return out
