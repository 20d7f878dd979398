"""A generated compute-centre project with known conventions, for tests and the benchmark.

Its published lines are produced by the model itself under ``conventions`` and printed to two
decimals, the way a filing prints them, so calibration must find the conventions back.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from orchestration.lib.model.assumptions import (
    Asset,
    Assumption,
    CostLine,
    Product,
    ProjectAssumptions,
    Source,
    Taxes,
)
from orchestration.lib.model.forecast import Conventions, run_forecast
from orchestration.lib.vocabulary.metrics import metrics_in

GENERATED = Source(reason="generated synthetic project")
PRINTED_LINES = metrics_in("published_forecast_line")


def _a(name: str, value, unit: str) -> Assumption:
    return Assumption(name, tuple(float(v) for v in value) if isinstance(value, list | tuple) else float(value), unit, GENERATED)


def synthetic_project(years: int = 10, servers: int = 200, price_incl: float = 6.36) -> ProjectAssumptions:
    """A one-build-year GPU rental project: prices fall 10% a year from year 6, utilisation erodes."""
    ex_vat = price_incl / 1.06
    prices = [ex_vat if y < 5 else ex_vat * 0.9 ** (y - 4) for y in range(years)]
    months = [12.0] * years
    utilisation = [0.98 if y < 4 else max(0.98 - 0.02 * (y - 3), 0.8) for y in range(years)]
    gpu = Product(
        "gpu_servers",
        units=_a("units", [servers] * years, "台"),
        price_month=_a("price_month", [round(p, 2) for p in prices], "万元/台/月"),
        utilisation=_a("utilisation", utilisation, "share"),
        months=_a("months", months, "月"),
    )
    servers_capex = Asset(
        "servers",
        amount=_a("servers", [servers * 230.0] + [0.0] * (years - 1), "万元"),
        vat_rate=0.13,
        life_years=5,
        residual_rate=0.05,
        service_start_year=1,
    )
    costs = (
        CostLine("cabinet", "cabinet_rent", "per_unit_month", _a("cabinet", 0.75, "万元/台/月"), 0.06, vat_inclusive=True),
        CostLine("staff", "staff_cost", "staff", _a("staff", 15.0, "台/人"), wage=_a("wage", 1.5, "万元/人/月")),
        CostLine("bandwidth", "bandwidth_cost", "printed", _a("bandwidth", [30.0] * years, "万元"), 0.06),
    )
    expenses = (
        CostLine("selling", "selling_expense", "revenue_ratio", _a("selling", 0.0135, "share")),
        CostLine("admin", "admin_expense", "revenue_ratio", _a("admin", [0.04] * 3 + [0.03] * (years - 3), "share")),
    )
    return ProjectAssumptions(
        project="synthetic",
        years=years,
        build_years=1,
        products=(gpu,),
        assets=(servers_capex,),
        costs=costs,
        expenses=expenses,
        taxes=Taxes(output_vat_rate=0.06, income_tax_rate=0.15, surcharge_rate=0.12),
        working_capital=_a("working_capital", 500.0, "万元"),
    )


def with_published_lines(a: ProjectAssumptions, conventions: Conventions) -> ProjectAssumptions:
    """The project with the lines its conventions produce, rounded to 2 decimals as printed."""
    forecast = run_forecast(a, conventions)
    published = {metric: _a(metric, list(np.round(forecast.line(metric)[0], 2)), "万元") for metric in PRINTED_LINES}
    return replace(a, published=published)
