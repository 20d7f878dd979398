"""A project's assumptions: every number with its unit and where it came from.

A value comes either from a printed fact (``fact_id``) or from an analyst's override with a written
reason; nothing enters the model without one of the two. Series are per model year, year 1 first.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import yaml

CostDriver = Literal["printed", "per_unit_month", "revenue_ratio", "staff"]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value comes from: a fact of a filing, or an override and its reason."""

    fact_ids: tuple[str, ...] = ()
    reason: str | None = None

    def __post_init__(self) -> None:
        if not self.fact_ids and not self.reason:
            raise ValueError("an assumption needs a fact_id or an override reason")

    @property
    def label(self) -> str:
        return ",".join(self.fact_ids) if self.fact_ids else f"override: {self.reason}"


@dataclass(frozen=True, slots=True)
class Assumption:
    """A scalar or a per-year series, in ``unit``, from ``source``."""

    name: str
    value: float | tuple[float, ...]
    unit: str
    source: Source

    def series(self, years: int) -> tuple[float, ...]:
        """The value for each model year; a scalar holds for every year."""
        if isinstance(self.value, tuple):
            if len(self.value) != years:
                raise ValueError(f"{self.name}: {len(self.value)} values for {years} years")
            return self.value
        return (float(self.value),) * years


@dataclass(frozen=True, slots=True)
class Product:
    """A server class or product: revenue = units x monthly price x months x utilisation."""

    name: str
    units: Assumption  # count per year
    price_month: Assumption  # ex-VAT price per unit-month as printed (万元), per year
    utilisation: Assumption  # share 0..1 per year
    months: Assumption  # operating months per year (6 in a half year, 0 in a build year)
    price_months: float = 1.0  # months one printed price covers: 1 for 万元/台/月, 12 for 万元/架/年


@dataclass(frozen=True, slots=True)
class Asset:
    """An investment, paid in the build years and written off straight-line.

    ``life_years == 0``: the model does not depreciate it (the filing prints its depreciation as a
    cost line). ``cash=False``: a depreciable base implied by a printed depreciation line, not a
    payment (the payments are the investment items). ``residual_rate=None``: found by calibration.
    """

    name: str
    amount: Assumption  # paid (or implied) per model year (万元, VAT-inclusive as printed)
    vat_rate: float  # 0.13 for equipment, 0.09 for buildings, 0 for services and intangibles
    life_years: int
    residual_rate: float | None
    service_start_year: int  # first model year of depreciation
    cash: bool = True


@dataclass(frozen=True, slots=True)
class CostLine:
    """One operating-cost line and its driver.

    printed: the filing's own series; per_unit_month: rate x units x months (x utilisation when
    ``follows_utilisation``); revenue_ratio: rate x revenue; staff: heads = units / rate, paid
    ``wage`` per person-month.
    """

    name: str
    metric: str
    driver: CostDriver
    value: Assumption
    vat_rate: float = 0.0  # input VAT credited against output VAT
    vat_inclusive: bool = False  # the printed rate includes VAT
    follows_utilisation: bool = False
    wage: Assumption | None = None


@dataclass(frozen=True, slots=True)
class Taxes:
    output_vat_rate: float
    income_tax_rate: float
    surcharge_rate: float  # city construction 7%/5%/1% + education 3% + local education 2%, on VAT paid
    income_tax_source: str = "stated"


@dataclass(frozen=True, slots=True)
class ProjectAssumptions:
    """Everything the model needs to re-run one disclosed project forecast."""

    project: str  # the project's name, for people
    years: int
    build_years: int  # leading years with investment and no full operation
    products: tuple[Product, ...]
    assets: tuple[Asset, ...]
    costs: tuple[CostLine, ...]
    expenses: tuple[CostLine, ...]  # selling, admin, R&D, financial: revenue ratios or printed
    taxes: Taxes
    working_capital: Assumption | None = None
    capitalised: Assumption | None = None  # what the filing says the investment becomes in fixed + intangible assets
    unitemised_proceeds: Assumption | None = None  # planned proceeds beyond the itemised investment
    revenue_lines: tuple[Assumption, ...] = ()  # printed revenue no product explains (bandwidth resale ...)
    # the operating cost's printed components that carry input VAT (power, bandwidth, services), for the
    # cash effect of VAT only: the P&L may hold them in one remainder line; rates by metric in returns.py
    vat_cost_components: tuple[CostLine, ...] = ()
    # names of revenue lines and VAT cost components the issuer derives from the products' revenue:
    # a price shock of the products moves them (revenue_drivers.price_linked)
    price_linked: tuple[str, ...] = ()
    published: dict[str, Assumption] = field(default_factory=dict)  # metric -> printed yearly line
    published_returns: dict[str, Assumption] = field(default_factory=dict)  # irr_post_tax, payback_static
    project_id: str = ""  # dim_projects.project_id: the key of every model table and of its overrides

    def rows(self) -> list[dict]:
        """One row per assumption: name, value, unit, source (the model.assumptions grain)."""
        out = []
        for group, items in self._groups():
            for name, item in items:
                values = item.value if isinstance(item.value, tuple) else (item.value,)
                for year, value in enumerate(values, start=1):
                    out.append(
                        {
                            "project": self.project,
                            "group": group,
                            "name": name,
                            "year": year if isinstance(item.value, tuple) else None,
                            "value": float(value),
                            "unit": item.unit,
                            "source": item.source.label,
                        }
                    )
        return out

    def _groups(self):
        yield "product", [
            (f"{p.name}.{a.name}", a) for p in self.products for a in (p.units, p.price_month, p.utilisation, p.months)
        ]
        yield "asset", [(a.name, a.amount) for a in self.assets]
        yield "cost", [(c.name, c.value) for c in self.costs]
        yield "expense", [(c.name, c.value) for c in self.expenses]
        yield "revenue", [(r.name, r) for r in self.revenue_lines]
        others = (self.working_capital, self.capitalised, self.unitemised_proceeds)
        yield "other", [(a.name, a) for a in others if a is not None] + [
            (f"vat_cost_component.{c.name}", c.value) for c in self.vat_cost_components
        ]
        yield "published", list(self.published.items()) + list(self.published_returns.items())


def apply_overrides(assumptions: ProjectAssumptions, path: Path) -> ProjectAssumptions:
    """Pin or correct assumptions from a reviewed YAML file; every entry must carry a reason.

    The file is a list of ``{target, value, unit, reason}``; ``target`` names a product field
    (``<product>.<field>``), a cost or expense line, ``working_capital`` or a published line
    (``published.<metric>``).
    """
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for entry in entries:
        if not entry.get("reason"):
            raise ValueError(f"{path.name}: override of {entry.get('target')} has no reason")
        value = entry["value"]
        pinned = Assumption(
            name=entry["target"].split(".")[-1],
            value=tuple(float(v) for v in value) if isinstance(value, list) else float(value),
            unit=str(entry.get("unit", "")),
            source=Source(reason=str(entry["reason"])),
        )
        assumptions = _pin(assumptions, entry["target"], pinned)
    return assumptions


def _pin(a: ProjectAssumptions, target: str, pinned: Assumption) -> ProjectAssumptions:
    head, _, tail = target.partition(".")
    if head == "published":
        return replace(a, published={**a.published, tail: pinned})
    if head == "working_capital":
        return replace(a, working_capital=pinned)
    products = tuple(replace(p, **{tail: pinned}) if p.name == head and tail else p for p in a.products)
    costs = tuple(replace(c, value=pinned) if c.name == target else c for c in a.costs)
    expenses = tuple(replace(c, value=pinned) if c.name == target else c for c in a.expenses)
    if (products, costs, expenses) == (a.products, a.costs, a.expenses):
        raise KeyError(f"override target {target!r} matches no assumption of {a.project}")
    return replace(a, products=products, costs=costs, expenses=expenses)
