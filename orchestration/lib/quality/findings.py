"""A finding: something a reviewer should look at, with every printed value and where it was printed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# What each kind of finding means, for the mart's documentation and the check descriptions.
KINDS = {
    "conflict": "The same (canonical entity, metric, period) is printed with values that differ beyond their rounding.",
    "ambiguous_label": "A peer's figure printed for the company in one table and for a segment of it in another, "
    "or the issuer's figure among peers and its segment's in another comparison with peers, with different "
    "values: nothing in the filing says whether the first is the company or the segment. Also a price printed "
    "in two passages one digit apart whose unit or item the text tears apart: whether both price one item of "
    "one contract is not proven. Also two rows of different tables that print the same amounts in the same order "
    "but one: the differing pair is one column's figure printed twice, and whether it is one measure (goodwill "
    "at acquisition, goodwill allocated to the asset group at a later year end) the filing does not say.",
    "stale_reference": "A 详见/参见 reference to a quoted heading or a question that the filing does not contain, "
    "or that it places earlier (前文) or later (后文) than it is.",
    "invalid_date": "A printed date that does not exist in the calendar (month 13, 30 February ...).",
    "column_total": "A 合计/小计 row differs from the sum of the rows it totals.",
    "row_total": "A total column (合计 over model years) differs from the sum of the yearly values.",
    "gross_margin": "A printed gross margin differs from (revenue - cost) / revenue of its own row or table.",
    "gross_profit": "A printed gross profit differs from revenue - cost of its own row or table.",
    "forecast_profit": "Profit before tax differs from revenue - costs - expenses - taxes of the same year.",
    "forecast_net_profit": "Net profit differs from profit before tax - income tax of the same year.",
    "forecast_cost": "A forecast's total cost differs from the sum of its cost lines.",
    "receivable_net": "A receivable's carrying amount differs from gross balance - provision.",
    "provision_ratio": "A printed provision ratio differs from provision / gross balance.",
    "price_quantity": "Unit price x quantity differs from the printed amount.",
}


@dataclass(frozen=True, slots=True)
class FactRef:
    """One printed value a finding rests on."""

    filing_id: str
    fact_id: str | None  # None for a token that is not a fact (an invalid date)
    line_no: int
    raw_text: str
    value: float | None
    line_text: str = ""  # the full printed line the value stands on
    context: str = ""  # for a table cell: its row label and column header


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    severity: str  # high: a reviewer must act; medium: probably a typo or a scope difference
    description: str  # in English; description_zh says the same in Chinese
    refs: tuple[FactRef, ...]
    description_zh: str = ""
    feeds_model: bool = False  # a printed value of a project the financial model re-runs
    entity: str | None = None
    metric: str | None = None
    period: str | None = None
    unit: str | None = None
    expected: float | None = None  # the recomputed value (arithmetic) or the first printed value (conflict)
    actual: float | None = None  # the printed value checked against it
    gap: float | None = None  # |actual - expected|, in `unit`
    tolerance: float | None = None  # how much rounding alone could explain

    @property
    def finding_id(self) -> str:
        key = "|".join([self.kind, *(f"{r.filing_id}/{r.fact_id or r.line_no}" for r in self.refs)])
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def as_row(self) -> dict:
        return {
            "finding_id": self.finding_id,
            "kind": self.kind,
            "severity": self.severity,
            "description": self.description,
            "description_zh": self.description_zh,
            "feeds_model": self.feeds_model,
            "severity_score": self.severity_score,
            "entity": self.entity,
            "metric": self.metric,
            "period": self.period,
            "unit": self.unit,
            "expected_value": self.expected,
            "printed_value": self.actual,
            "gap": self.gap,
            "gap_pct": 100.0 * self.gap / abs(self.expected) if self.gap is not None and self.expected else None,
            "tolerance": self.tolerance,
            "filing_ids": [r.filing_id for r in self.refs],
            "fact_ids": [r.fact_id for r in self.refs],
            "line_nos": [r.line_no for r in self.refs],
            "raw_texts": [r.raw_text for r in self.refs],
            "printed_values": [r.value for r in self.refs],
            "line_texts": [r.line_text for r in self.refs],
            "contexts": [r.context for r in self.refs],
        }

    @property
    def severity_score(self) -> float:
        """Orders findings for a reviewer: severity first, then a figure the model reads, then the gap
        relative to the figure."""
        base = {"high": 3.0, "medium": 2.0, "low": 1.0}.get(self.severity, 0.0)
        relative = abs(self.gap) / abs(self.expected) if self.gap is not None and self.expected else 0.0
        return base + (0.5 if self.feeds_model else 0.0) + min(relative, 0.49)


def ref(fact: dict) -> FactRef:
    return FactRef(
        fact["filing_id"], fact["fact_id"], fact["line_no"], fact["raw_text"], fact["value"],
        fact.get("line_text") or "", cell_context(fact),
    )


def cell_context(fact: dict) -> str:
    """Where in its table a cell stands: "row 毛利率 | column 2022年度" (empty for prose)."""
    if not fact.get("table_id"):
        return ""
    parts = [f"row {fact['row_label']}" if fact.get("row_label") else "",
             f"column {fact['column_label']}" if fact.get("column_label") else ""]
    return f"{fact['table_id']}: " + " | ".join(p for p in parts if p)
