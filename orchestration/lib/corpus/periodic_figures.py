"""The numbers of a periodic report (年度报告, 半年度报告), in 元, drawn and then made consistent.

Derived figures are computed from the printed (rounded) parts, so every identity a reader may use
to prove a column holds exactly: operating profit is revenue less the printed costs, each revenue
split (分行业, 分产品, 分地区) sums to the total, quarters sum to the year, total assets are current
plus non-current assets, and changes are (a - b) / b of the printed values.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from orchestration.lib.corpus.figures import CENT, HUNDRED, cents

_INDUSTRIES = ("软件和信息技术服务业", "计算机、通信和其他电子设备制造业", "互联网和相关服务")
_PRODUCTS = ("算力服务", "智算设备", "云计算服务", "系统集成", "技术服务", "数据中心运维")
_REGIONS = ("华东地区", "华北地区", "华南地区", "西部地区", "境外")

INCOME_COSTS = ("operating_cost", "taxes_surcharges", "selling_expense", "admin_expense", "rd_expense", "financial_expense")


_QUARTER_NAMES = {1: "第一季度", 3: "第三季度"}
_MONTHS_COVERED = {"annual_report": 12, "semiannual_report": 6}


@dataclass(frozen=True)
class ReportPeriod:
    """What a periodic report covers: the fiscal year, its first half, or the year to a quarter's end.

    A quarterly report's own period is the year to date (2025年第三季度报告 → ``2025M01-M09``); its
    key indicators also print the quarter alone (本报告期, ``2025M07-M09``).
    """

    kind: str  # "annual_report" | "semiannual_report" | "quarterly_report"
    year: int
    quarter: int = 0  # 1 or 3 for a quarterly report

    @property
    def annual(self) -> bool:
        return self.kind == "annual_report"

    @property
    def months(self) -> int:
        return _MONTHS_COVERED.get(self.kind, 3 * self.quarter)

    @property
    def code(self) -> str:
        return self.flow_codes[0]

    @property
    def flow_codes(self) -> tuple[str, ...]:
        """Current period first: three fiscal years, or this and last year's same months."""
        if self.annual:
            return tuple(f"FY{self.year - k}" for k in range(3))
        return tuple(f"{year}M01-M{self.months:02d}" for year in (self.year, self.year - 1))

    @property
    def quarter_codes(self) -> tuple[str, ...]:
        """The quarter alone, this year and last (a third-quarter report's 本报告期)."""
        first = self.months - 2
        return tuple(f"{year}M{first:02d}-M{self.months:02d}" for year in (self.year, self.year - 1))

    @property
    def balance_dates(self) -> tuple[date, ...]:
        if self.annual:
            return tuple(date(self.year - k, 12, 31) for k in range(3))
        end = date(self.year, self.months + 1, 1) - timedelta(days=1)
        return (end, date(self.year - 1, 12, 31))

    @property
    def balance_codes(self) -> tuple[str, ...]:
        return tuple(f"@{day.isoformat()}" for day in self.balance_dates)

    @property
    def title(self) -> str:
        if self.kind == "quarterly_report":
            return f"{self.year}年{_QUARTER_NAMES[self.quarter]}报告"
        return f"{self.year}年{'年度报告' if self.annual else '半年度报告'}"

    @property
    def published(self) -> date:
        if self.annual:
            return date(self.year + 1, 3, 28)
        return date(self.year, self.months + (1 if self.kind == "quarterly_report" else 2), 26)


@dataclass(frozen=True)
class SegmentLine:
    group: str  # 分行业 | 分产品 | 分地区
    name: str
    revenue: tuple[Decimal, Decimal]  # current, previous period
    cost: tuple[Decimal, Decimal]


@dataclass(frozen=True)
class PeriodicFigures:
    flows: tuple[dict[str, Decimal], ...]  # per flow period, current first: income lines, cash flow, EPS, ROE
    balances: tuple[dict[str, Decimal], ...]  # per balance date, current first
    segments: tuple[SegmentLine, ...]
    quarters: dict[str, tuple[Decimal, ...]]  # metric -> four quarters of the current year (annual only)
    quarter_alone: tuple[dict[str, Decimal], ...] = ()  # a third-quarter report's 本报告期, this year and last


def change_percent(current: Decimal, previous: Decimal) -> Decimal | None:
    """本年比上年增减 as printed: (a - b) / b in percent, or None (不适用) when the base is not positive."""
    if previous <= 0:
        return None
    return ((current - previous) / previous * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def split_exactly(total: Decimal, weights: list[float]) -> list[Decimal]:
    """Parts in cents, in proportion to weights, whose printed sum is exactly the total."""
    whole = sum(weights)
    parts = [cents(total * Decimal(repr(w / whole))) for w in weights[:-1]]
    return [*parts, total - sum(parts, Decimal(0))]


def draw_periodic_figures(period: ReportPeriod, rng: random.Random) -> PeriodicFigures:
    scale = Decimal(repr(10 ** rng.uniform(8.4, 9.8))) * Decimal(period.months) / 12
    revenues = [cents(scale)]
    for _ in period.flow_codes[1:]:
        revenues.append(cents(revenues[-1] / Decimal(repr(1 + rng.uniform(-0.2, 0.4)))))
    flows = tuple(_draw_year(rng, revenue) for revenue in revenues)
    balances = _draw_balances(rng, revenues[0], len(period.balance_codes))
    for year, flow in enumerate(flows):
        _add_per_share(rng, flow, balances[min(year, len(balances) - 1)])
    segments = _draw_segments(rng, flows[0], flows[1])
    quarters = _draw_quarters(rng, flows[0]) if period.annual else {}
    alone = ()
    if period.kind == "quarterly_report" and period.quarter > 1:
        alone = tuple(_last_quarter(rng, flow) for flow in flows)
        for flow in alone:
            _add_per_share(rng, flow, balances[0])
    return PeriodicFigures(flows, balances, segments, quarters, alone)


def _ratio(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(repr(round(rng.uniform(low, high), 4)))


def _draw_year(rng: random.Random, revenue: Decimal) -> dict[str, Decimal]:
    year = {"revenue": revenue, "operating_cost": cents(revenue * _ratio(rng, 0.62, 0.86))}
    year["taxes_surcharges"] = cents(revenue * _ratio(rng, 0.004, 0.01))
    year["selling_expense"] = cents(revenue * _ratio(rng, 0.02, 0.06))
    year["admin_expense"] = cents(revenue * _ratio(rng, 0.03, 0.07))
    year["rd_expense"] = cents(revenue * _ratio(rng, 0.02, 0.08))
    year["financial_expense"] = cents(revenue * _ratio(rng, -0.012, 0.02))  # interest income can exceed it
    year["operating_profit"] = revenue - sum((year[m] for m in INCOME_COSTS), Decimal(0))
    year["total_profit"] = year["operating_profit"] + cents(revenue * _ratio(rng, -0.003, 0.004))
    year["income_tax"] = cents(max(year["total_profit"], Decimal(0)) * Decimal("0.15"))
    year["net_profit"] = year["total_profit"] - year["income_tax"]
    year["net_profit_attributable"] = year["net_profit"] - cents(abs(year["net_profit"]) * _ratio(rng, 0, 0.05))
    year["net_profit_recurring"] = year["net_profit_attributable"] - cents(revenue * _ratio(rng, -0.01, 0.02))
    year["operating_cash_flow"] = cents(revenue * _ratio(rng, -0.12, 0.25))
    return year


def _last_quarter(rng: random.Random, year_to_date: dict[str, Decimal]) -> dict[str, Decimal]:
    """The last quarter's share of a year to date: about a third of each flow."""
    share = _ratio(rng, 0.3, 0.4)
    flows = ("revenue", "net_profit_attributable", "net_profit_recurring", "operating_cash_flow")
    return {m: cents(year_to_date[m] * (share + _ratio(rng, -0.03, 0.03))) for m in flows}


def _draw_balances(rng: random.Random, revenue: Decimal, count: int) -> tuple[dict[str, Decimal], ...]:
    balances = []
    total = cents(revenue * _ratio(rng, 1.2, 2.4))
    for _ in range(count):
        b = {name: cents(total * _ratio(rng, *bounds)) for name, bounds in _ASSET_SHARES.items()}
        b["current_assets"] = b["cash"] + b["ar_net"] + b["inventory"] + cents(total * _ratio(rng, 0.02, 0.08))
        b["non_current_assets"] = total - b["current_assets"]
        b["total_assets"] = b["current_assets"] + b["non_current_assets"]
        b["total_liabilities"] = cents(total * _ratio(rng, 0.3, 0.6))
        b["total_equity"] = total - b["total_liabilities"]
        b["equity_attributable"] = b["total_equity"] - cents(b["total_equity"] * _ratio(rng, 0, 0.04))
        balances.append(b)
        total = cents(total / _ratio(rng, 1.0, 1.3))
    return tuple(balances)


_ASSET_SHARES = {
    "cash": (0.08, 0.2),
    "ar_net": (0.1, 0.25),
    "inventory": (0.05, 0.15),
    "fixed_assets": (0.1, 0.25),
    "construction_in_progress": (0.01, 0.08),
}


def _add_per_share(rng: random.Random, flow: dict[str, Decimal], balance: dict[str, Decimal]) -> None:
    shares = Decimal(rng.randint(200, 1500)) * Decimal(1_000_000)
    basic = (flow["net_profit_attributable"] / shares).quantize(CENT, rounding=ROUND_HALF_UP)
    flow["eps_basic"] = basic
    flow["eps_diluted"] = basic - CENT if basic > Decimal("0.1") and rng.random() < 0.4 else basic
    equity = balance["equity_attributable"]
    flow["roe_weighted"] = (flow["net_profit_attributable"] / equity * HUNDRED).quantize(CENT, ROUND_HALF_UP)


def _draw_segments(rng: random.Random, current: dict, previous: dict) -> tuple[SegmentLine, ...]:
    lines = []
    for group, names in (("分行业", _INDUSTRIES), ("分产品", _PRODUCTS), ("分地区", _REGIONS)):
        chosen = rng.sample(names, rng.randint(2, min(4, len(names))))
        weights = [rng.uniform(1, 5) for _ in chosen]
        by_year = []
        for year in (current, previous):
            drifted = [w * rng.uniform(0.8, 1.25) for w in weights]
            revenue = split_exactly(year["revenue"], drifted)
            by_year.append((revenue, _split_cost(rng, year, revenue)))
        for index, name in enumerate(chosen):
            lines.append(
                SegmentLine(
                    group,
                    name,
                    (by_year[0][0][index], by_year[1][0][index]),
                    (by_year[0][1][index], by_year[1][1][index]),
                )
            )
    return tuple(lines)


def _split_cost(rng: random.Random, year: dict, revenue: list[Decimal]) -> list[Decimal]:
    """Costs per line summing to the year's operating cost, each line's margin plausible."""
    overall = year["operating_cost"] / year["revenue"]
    while True:
        costs = [cents(r * (overall + _ratio(rng, -0.06, 0.06))) for r in revenue[:-1]]
        last = year["operating_cost"] - sum(costs, Decimal(0))
        if Decimal("0.4") * revenue[-1] < last < revenue[-1]:
            return [*costs, last]


def _draw_quarters(rng: random.Random, year: dict) -> dict[str, tuple[Decimal, ...]]:
    weights = [rng.uniform(0.18, 0.32) for _ in range(4)]
    quarters = {}
    for metric in ("revenue", "net_profit_attributable", "net_profit_recurring", "operating_cash_flow"):
        parts = split_exactly(year[metric], weights)
        if metric == "operating_cash_flow":  # cash flow swings between quarters, often negative early in the year
            swing = [cents(year["revenue"] * _ratio(rng, -0.08, 0.04)) for _ in range(3)]
            parts = [p + s for p, s in zip(parts, swing)] + [parts[3] - sum(swing, Decimal(0))]
        quarters[metric] = tuple(parts)
    return quarters
