"""The numbers behind a filing, drawn at random and then rounded to their printed precision.

Every derived number (totals, margins, net values, forecast profit) is computed from the
already-rounded parts, so each identity holds exactly on the printed values.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from orchestration.lib.corpus.companies import BALANCE_DATES, Company

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
HUNDRED = Decimal(100)

FORECAST_YEARS = 6
# Deliveries arrive in batches and the contract ends mid-year: first and last years run 6 months.
OPERATING_MONTHS = (6, 12, 12, 12, 12, 6)
PRICE_STEP_DOWN_YEAR = 4  # the rental price falls from model year 4 on
DEPRECIATION_YEARS = 5
AGING_BUCKETS = ("1年以内", "1-2年", "2-3年", "3-4年", "4-5年", "5年以上")
AGING_PROVISION_RATES = tuple(Decimal(r) for r in ("0.05", "0.10", "0.30", "0.50", "0.80", "1.00"))


def cents(value: Decimal | float) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def random_cents(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(rng.randint(round(low * 100), round(high * 100))) / 100


def percent_of(part: Decimal, whole: Decimal, places: Decimal = CENT) -> Decimal:
    return (part / whole * HUNDRED).quantize(places, rounding=ROUND_HALF_UP)


def shares_summing_to_100(amounts: list[Decimal]) -> list[Decimal]:
    """Percent shares rounded to cents whose printed sum is exactly 100.00 (largest remainder)."""
    total = sum(amounts)
    exact = [amount / total * HUNDRED for amount in amounts]
    floored = [share.quantize(CENT, rounding=ROUND_FLOOR) for share in exact]
    missing_cents = int((HUNDRED - sum(floored)) / CENT)
    by_remainder = sorted(range(len(amounts)), key=lambda i: (floored[i] - exact[i], i))
    for index in by_remainder[:missing_cents]:
        floored[index] += CENT
    return floored


@dataclass(frozen=True)
class HardwareLine:
    name: str
    unit: str
    unit_price: Decimal
    quantity: int

    @property
    def amount(self) -> Decimal:
        return cents(self.unit_price * self.quantity)


@dataclass(frozen=True)
class InvestmentLine:
    name: str
    amount: Decimal
    share: Decimal  # percent of the project total
    proceeds: Decimal | None  # None when no proceeds go to the item


@dataclass(frozen=True)
class Capex:
    hardware: tuple[HardwareLine, ...]
    items: tuple[InvestmentLine, ...]

    @property
    def hardware_total(self) -> Decimal:
        return sum((line.amount for line in self.hardware), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((item.amount for item in self.items), Decimal(0))

    @property
    def proceeds_total(self) -> Decimal:
        return sum((item.proceeds for item in self.items if item.proceeds is not None), Decimal(0))

    @property
    def working_capital(self) -> Decimal:
        return self.items[-1].amount


@dataclass(frozen=True)
class Forecast:
    server_count: int
    monthly_price: tuple[Decimal, ...]  # 万元 per server-month
    utilisation: tuple[Decimal, ...]  # percent, one decimal
    rows: dict[str, tuple[Decimal, ...]]  # metric id -> one value per model year
    irr_pre_tax: Decimal
    irr_post_tax: Decimal
    payback_static: Decimal  # years, construction period included


@dataclass(frozen=True)
class Receivables:
    aging: tuple[tuple[Decimal, ...], ...]  # per balance date, per bucket
    provision: tuple[Decimal, ...]

    @property
    def gross(self) -> tuple[Decimal, ...]:
        return tuple(sum(buckets, Decimal(0)) for buckets in self.aging)

    @property
    def net(self) -> tuple[Decimal, ...]:
        return tuple(gross - provision for gross, provision in zip(self.gross, self.provision))

    @property
    def provision_ratio(self) -> tuple[Decimal, ...]:
        return tuple(percent_of(p, g) for p, g in zip(self.provision, self.gross))


@dataclass(frozen=True)
class SegmentYear:
    revenue: Decimal
    cost: Decimal

    @property
    def margin(self) -> Decimal:
        return percent_of(self.revenue - self.cost, self.revenue)


@dataclass(frozen=True)
class Figures:
    capex: Capex
    forecast: Forecast
    receivables: Receivables
    segments: dict[str, tuple[SegmentYear, ...]]  # per segment, per reporting period

    def segment_total(self, period_index: int) -> SegmentYear:
        years = [by_period[period_index] for by_period in self.segments.values()]
        return SegmentYear(
            sum((y.revenue for y in years), Decimal(0)), sum((y.cost for y in years), Decimal(0))
        )


def draw_figures(company: Company, rng: random.Random) -> Figures:
    capex = _draw_capex(company, rng)
    return Figures(
        capex=capex,
        forecast=_draw_forecast(capex, rng),
        receivables=_draw_receivables(rng),
        segments=_draw_segments(company, rng),
    )


def _draw_capex(company: Company, rng: random.Random) -> Capex:
    hardware = tuple(
        HardwareLine(
            item.name, item.unit, random_cents(rng, *item.price_range), rng.randint(*item.quantity_range)
        )
        for item in company.hardware
    )
    hardware_total = sum((line.amount for line in hardware), Decimal(0))
    software = random_cents(rng, 400, 1200)
    amounts = [
        ("设备购置费", hardware_total),
        ("软件购置费", software),
        ("机柜租赁费", random_cents(rng, 600, 1500)),
        ("网络带宽费", random_cents(rng, 10, 90)),
        ("预备费", cents(hardware_total * Decimal("0.01"))),
        ("铺底流动资金", random_cents(rng, 1500, 3000)),
    ]
    hardware_proceeds = cents(hardware_total * Decimal(rng.randint(70, 90)) / HUNDRED)
    proceeds = {"设备购置费": hardware_proceeds, "软件购置费": software}
    shares = shares_summing_to_100([amount for _, amount in amounts])
    items = tuple(
        InvestmentLine(name, amount, share, proceeds.get(name))
        for (name, amount), share in zip(amounts, shares)
    )
    return Capex(hardware, items)


def _draw_forecast(capex: Capex, rng: random.Random) -> Forecast:
    servers = capex.hardware[0]
    count = servers.quantity
    opening_price = cents(servers.unit_price * Decimal(rng.randint(40, 46)) / 1000)
    later_price = cents(opening_price * Decimal("0.85"))
    prices = tuple(opening_price if year < PRICE_STEP_DOWN_YEAR else later_price for year in _years())
    steady = Decimal(rng.choice(("96.0", "97.5", "98.0")))
    utilisation = (Decimal("90.0"), *(steady for _ in range(FORECAST_YEARS - 1)))
    months = [Decimal(m) for m in OPERATING_MONTHS]

    revenue = [cents(count * p * m * u / HUNDRED) for p, m, u in zip(prices, months, utilisation)]
    yearly_depreciation = cents(capex.hardware_total / DEPRECIATION_YEARS)
    depreciation = [cents(yearly_depreciation * m / 12) for m in months]
    cabinet_rate = random_cents(rng, 0.60, 0.90)
    cabinet = [cents(count * cabinet_rate * m) for m in months]
    power = [cents(r * Decimal("0.06")) for r in revenue]
    staff_rate = cents(math.ceil(count / 10) * Decimal("1.50"))
    staff = [cents(staff_rate * m) for m in months]
    bandwidth_rate = random_cents(rng, 0.02, 0.06)
    bandwidth = [cents(count * bandwidth_rate * m) for m in months]
    operating_cost = [sum(parts) for parts in zip(depreciation, cabinet, power, staff, bandwidth)]
    selling = [cents(r * Decimal("0.015")) for r in revenue]
    admin = [cents(r * Decimal("0.03")) for r in revenue]
    taxes = [cents(r * Decimal("0.0072")) for r in revenue]
    profit = [r - c - s - a - t for r, c, s, a, t in zip(revenue, operating_cost, selling, admin, taxes)]
    income_tax = [cents(max(p, Decimal(0)) * Decimal("0.25")) for p in profit]
    net = [p - t for p, t in zip(profit, income_tax)]

    rows = {
        "revenue": revenue,
        "depreciation_amortization": depreciation,
        "cabinet_rent": cabinet,
        "power_cost": power,
        "staff_cost": staff,
        "bandwidth_cost": bandwidth,
        "operating_cost": operating_cost,
        "selling_expense": selling,
        "admin_expense": admin,
        "taxes_surcharges": taxes,
        "total_profit": profit,
        "income_tax": income_tax,
        "net_profit": net,
    }
    post_tax_flows = _project_flows(capex, net, depreciation)
    return Forecast(
        server_count=count,
        monthly_price=prices,
        utilisation=utilisation,
        rows={metric: tuple(values) for metric, values in rows.items()},
        irr_pre_tax=_irr_percent(_project_flows(capex, profit, depreciation)),
        irr_post_tax=_irr_percent(post_tax_flows),
        payback_static=_static_payback(post_tax_flows),
    )


def _years() -> range:
    return range(1, FORECAST_YEARS + 1)


def _project_flows(capex: Capex, earnings: list[Decimal], depreciation: list[Decimal]) -> list[float]:
    """End-of-year cash flows: investment at t0, earnings plus depreciation, working capital back at the end."""
    flows = [-float(capex.total)] + [float(e + d) for e, d in zip(earnings, depreciation)]
    flows[-1] += float(capex.working_capital)
    return flows


def _irr_percent(flows: list[float]) -> Decimal:
    def npv(rate: float) -> float:
        return sum(flow / (1 + rate) ** t for t, flow in enumerate(flows))

    low, high = -0.9, 1.0
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if npv(middle) > 0 else (low, middle)
    return cents(Decimal(repr(low * 100)))


def _static_payback(flows: list[float]) -> Decimal:
    remaining = -flows[0]
    for year, flow in enumerate(flows[1:], start=1):
        if flow >= remaining:
            return cents(Decimal(repr(year - 1 + remaining / flow)))
        remaining -= flow
    raise ValueError("the project never pays back; draw a higher rental price")


def _draw_receivables(rng: random.Random) -> Receivables:
    aging = []
    for _ in BALANCE_DATES:
        current = random_cents(rng, 18000, 42000)
        older = [
            random_cents(rng, 80, 0.35 * float(current) / (i + 1)) for i in range(len(AGING_BUCKETS) - 1)
        ]
        aging.append((current, *older))
    provision = tuple(
        sum((cents(amount * rate) for amount, rate in zip(buckets, AGING_PROVISION_RATES)), Decimal(0))
        for buckets in aging
    )
    return Receivables(tuple(aging), provision)


def _draw_segments(company: Company, rng: random.Random) -> dict[str, tuple[SegmentYear, ...]]:
    segments = {}
    for index, segment in enumerate(company.segments):
        scale = 40000 / (index + 1)
        periods = []
        for period_index in range(3):
            months_share = 0.75 if period_index == 2 else 1.0
            revenue = random_cents(rng, 0.6 * scale * months_share, scale * months_share)
            cost = cents(revenue * Decimal(rng.randint(7000, 9600)) / 10000)
            periods.append(SegmentYear(revenue, cost))
        segments[segment] = tuple(periods)
    return segments
