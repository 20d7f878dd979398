"""Arithmetic reconciliation of printed tables: totals, margins, forecast identities, price x quantity.

Every function takes the facts of one table (dicts with the columns of filings.facts, plus an optional
``row_id`` from filings.cells) and returns a Finding for each identity that fails by more than the
rounding of the printed inputs allows. An identity that involves a fact flagged ambiguous is not
checked: that value is a guess, so neither a pass nor an alarm would mean anything.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from orchestration.lib.quality.findings import Finding, ref
from orchestration.lib.quality.precision import half_unit, within
from orchestration.lib.vocabulary.metrics import metric_unit_kind, metrics_in
from orchestration.lib.vocabulary.totals import GRAND_TOTAL_ROW, OF_WHICH_ROW, SUBTOTAL_ROW
from orchestration.lib.vocabulary.units import to_wan_factor

_MODEL_YEAR = re.compile(r"^Y\d+$")
_MODEL_YEAR_RANGE = re.compile(r"^Y\d+-\d+$")
# Periods of a project forecast; an income statement's years have lines (other income, impairment ...)
# the forecast identities do not know.
_FORECAST_PERIOD = re.compile(r"^(Y\d+(-\d+)?|MODEL_TOTAL|MODEL_AVG)$")

COST_LINES = metrics_in("forecast_cost_line")
EXPENSE_LINES = metrics_in("period_expense_line")


def reconcile(facts: Iterable[dict]) -> list[Finding]:
    """Every arithmetic finding over the table facts of any number of filings."""
    tables: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for fact in facts:
        if fact.get("table_id"):
            tables[(fact["filing_id"], fact["table_id"])].append(fact)
    findings: list[Finding] = []
    for table in tables.values():
        for check in TABLE_CHECKS:
            findings.extend(check(table))
    return findings


# ----- totals


def column_totals(table: list[dict]) -> Iterator[Finding]:
    """A 小计 row equals the rows above it since the last subtotal; a 合计/总计 row equals its subtotals plus
    the rows after the last subtotal. Percent columns are skipped: shares and margins do not add up."""
    for column_label, column in _group(table, lambda f: f.get("column_label")).items():
        if column_label is None or _any_percent(column) or _any_ambiguous(column) or not _one_value_per_line(column):
            continue
        parts: list[dict] = []
        subtotals: list[dict] = []
        for fact in sorted(column, key=lambda f: (f["line_no"], f["fact_id"])):
            label = fact.get("row_label") or ""
            if SUBTOTAL_ROW.match(label):
                yield from _sum_finding("column_total", fact, parts, f"小计 of column {column_label}")
                subtotals.append(fact)
                parts = []
            elif GRAND_TOTAL_ROW.match(label):
                yield from _sum_finding("column_total", fact, subtotals + parts, f"合计 of column {column_label}")
                parts, subtotals = [], []
            else:
                parts.append(fact)


def row_totals(table: list[dict]) -> Iterator[Finding]:
    """A total column over model years (period MODEL_TOTAL) equals the sum of the row's yearly values."""
    for label, row in _group(table, lambda f: (f.get("row_label"), f.get("metric"))).items():
        totals = [f for f in row if f.get("period") == "MODEL_TOTAL"]
        years = [f for f in row if _MODEL_YEAR.match(f.get("period") or "")]
        # A column printed once for several years (第4-11年) hides how many years it stands for.
        if len(totals) != 1 or any(_MODEL_YEAR_RANGE.match(f.get("period") or "") for f in row):
            continue
        if len({f["period"] for f in years}) != len(years) or _any_percent(row) or _any_ambiguous(row):
            continue
        yield from _sum_finding("row_total", totals[0], years, f"合计 of row {label[0]}")


def _sum_finding(kind: str, total: dict, parts: list[dict], subject: str) -> Iterator[Finding]:
    units = {f.get("unit") for f in [total, *parts] if f.get("unit")}
    if len(parts) < 2 or len(units) > 1:
        return
    parts = _without_details(_top_level(parts))
    expected = sum(f["value"] for f in parts)
    tolerance = half_unit(total["raw_text"], total.get("unit")) + sum(half_unit(f["raw_text"], f.get("unit")) for f in parts)
    gap = total["value"] - expected
    if not within(gap, tolerance, expected):
        yield Finding(
            kind=kind, severity="medium",
            description=f"{subject}: printed {total['raw_text']}, the {len(parts)} parts sum to {expected:.4f}",
            refs=(ref(total), *(ref(f) for f in parts)),
            entity=total.get("entity"), metric=total.get("metric"), period=total.get("period"),
            unit=total.get("unit"), expected=expected, actual=total["value"], gap=abs(gap), tolerance=tolerance,
        )


def _top_level(parts: list[dict]) -> list[dict]:
    """Rows numbered 1.1, 1.2 detail row 1: only undotted rows add up to a total when both kinds exist."""
    ids = [f.get("row_id") for f in parts]
    if any(i and "." in i for i in ids) and any(i and "." not in i for i in ids):
        return [f for f in parts if not (f.get("row_id") and "." in f["row_id"])]
    return parts


def _without_details(parts: list[dict]) -> list[dict]:
    """Rows after a row, starting with one labelled 其中 ("of which"), detail that row and are not parts of
    the total. The detail block ends where its rows add up to the row they detail; when no prefix adds up
    (the details name only some components), only the 其中 row itself is known to be a detail."""
    kept: list[dict] = []
    index = 0
    while index < len(parts):
        kept.append(parts[index])
        following = parts[index + 1:]
        if following and OF_WHICH_ROW.match(following[0].get("row_label") or ""):
            index += 1 + _detail_length(parts[index], following)
        else:
            index += 1
    return kept


def _detail_length(parent: dict, following: list[dict]) -> int:
    total, tolerance = 0.0, half_unit(parent["raw_text"], parent.get("unit"))
    for length, fact in enumerate(following, start=1):
        total += fact["value"]
        tolerance += half_unit(fact["raw_text"], fact.get("unit"))
        if length > 1 and within(parent["value"] - total, tolerance, total):
            return length
    return 1


# ----- margins


def gross_margins(table: list[dict]) -> Iterator[Finding]:
    """Printed gross margin = (revenue - cost) / revenue and gross profit = revenue - cost, per row
    (a segment table) or else per period of the table (a forecast, where each metric is a row)."""
    seen: set[frozenset[str]] = set()
    by_row = _group(table, lambda f: (f.get("period"), f.get("row_label")))
    by_period = _group(table, lambda f: (f.get("period"), None))
    for group in [*by_row.values(), *by_period.values()]:
        # Gross margin is on operating cost; a total cost (总成本费用) may include the period expenses.
        revenue, cost = _one(group, "revenue"), _one(group, "operating_cost")
        if revenue is None or cost is None or revenue["value"] == 0:
            continue
        for target in (_one(group, "gross_margin"), _one(group, "gross_profit")):
            if target is None:
                continue
            members = frozenset(f["fact_id"] for f in (revenue, cost, target))
            if members not in seen:
                seen.add(members)
                yield from _margin_finding(revenue, cost, target)


def _margin_finding(revenue: dict, cost: dict, target: dict) -> Iterator[Finding]:
    r, c = revenue["value"], cost["value"]
    er, ec = half_unit(revenue["raw_text"]), half_unit(cost["raw_text"])
    et = half_unit(target["raw_text"])
    if target["metric"] == "gross_margin":
        expected = 100.0 * (r - c) / r
        # d/dr and d/dc of (r - c) / r, in percent points.
        tolerance = 100.0 * (abs(c) / r**2 * er + ec / abs(r)) + et
    else:
        expected, tolerance = r - c, er + ec + et
    gap = target["value"] - expected
    if not within(gap, tolerance, expected):
        yield Finding(
            kind=target["metric"], severity="medium",
            description=(
                f"{target.get('row_label') or target['metric']} {target.get('period')}: printed {target['raw_text']}, "
                f"revenue {revenue['raw_text']} and cost {cost['raw_text']} give {expected:.4f}"
            ),
            refs=(ref(target), ref(revenue), ref(cost)),
            entity=target.get("entity"), metric=target["metric"], period=target.get("period"),
            unit=target.get("unit"), expected=expected, actual=target["value"], gap=abs(gap), tolerance=tolerance,
        )


# ----- forecast identities


def forecast_identities(table: list[dict]) -> Iterator[Finding]:
    """Per period of a forecast table: total cost = its cost lines; revenue - cost - expenses - taxes =
    profit before tax; profit before tax - income tax = net profit. A period with a money row the metric
    map does not know is skipped: that row may be a term of the identity.

    A forecast's total cost (营业成本合计 / 总成本费用) may or may not include the period expenses, so each
    identity is read both ways and alarms only when no reading holds."""
    for period, group in _group(table, lambda f: f.get("period")).items():
        unknown_row = any(f.get("metric") is None and f.get("unit") != "%" for f in group)
        if not _FORECAST_PERIOD.match(period or "") or unknown_row or _any_ambiguous(group):
            continue
        expenses = ["period_expense"] if _one(group, "period_expense") else list(EXPENSE_LINES)
        has_total = _one(group, "total_cost") is not None
        cost_lines = [(1, m) for m in COST_LINES]
        cost_readings = [cost_lines]
        if has_total:
            cost_readings += [cost_lines + [(1, m) for m in expenses], [(1, "operating_cost"), *((1, m) for m in expenses)]]
        # Rows under a 其中 row detail a cost line, so which metrics add up to the total is not known.
        if not any(OF_WHICH_ROW.match(f.get("row_label") or "") for f in group):
            yield from _identity(group, "forecast_cost", _cost(group), cost_readings, min_terms=2)
        cost_metric = "total_cost" if has_total else "operating_cost"
        profit = [(1, "revenue"), (-1, cost_metric), *((-1, m) for m in [*expenses, "taxes_surcharges"])]
        profit_readings = [profit, [(1, "revenue"), (-1, "total_cost"), (-1, "taxes_surcharges")]] if has_total else [profit]
        if _one(group, "revenue") and _one(group, cost_metric):
            yield from _identity(group, "forecast_profit", _one(group, "total_profit"), profit_readings, min_terms=3)
        if _one(group, "total_profit") and _one(group, "income_tax"):
            yield from _identity(
                group, "forecast_net_profit", _one(group, "net_profit"),
                [[(1, "total_profit"), (-1, "income_tax")]], min_terms=2,
            )


def _cost(group: list[dict]) -> dict | None:
    return _one(group, "total_cost") or _one(group, "operating_cost")


def _identity(
    group: list[dict], kind: str, result: dict | None, readings: list[list[tuple[int, str]]], min_terms: int,
) -> Iterator[Finding]:
    """``result`` = a signed sum of metrics, under any of ``readings``; the finding shows the first."""
    if result is None:
        return
    evaluations = [e for e in (_evaluate(group, result, terms) for terms in readings) if len(e[0]) >= min_terms]
    if not evaluations or any(within(result["value"] - expected, tolerance, expected) for _, expected, tolerance in evaluations):
        return
    present, expected, tolerance = evaluations[0]
    formula = " ".join(f"{'+' if sign > 0 else '-'} {fact['raw_text']}" for sign, fact in present)
    yield Finding(
        kind=kind, severity="medium",
        description=f"{result['metric']} {result.get('period')}: printed {result['raw_text']}, {formula} = {expected:.4f}",
        refs=(ref(result), *(ref(fact) for _, fact in present)),
        entity=result.get("entity"), metric=result["metric"], period=result.get("period"), unit=result.get("unit"),
        expected=expected, actual=result["value"], gap=abs(result["value"] - expected), tolerance=tolerance,
    )


def _evaluate(group: list[dict], result: dict, terms: list[tuple[int, str]]) -> tuple[list, float, float]:
    """The facts a reading adds up (every row of a metric: 折旧费 and 摊销费 are both depreciation), their
    signed sum and the rounding tolerance of the identity."""
    present = [(sign, fact) for sign, metric in terms for fact in _rows_of(group, metric)]
    expected = sum(sign * fact["value"] for sign, fact in present)
    tolerance = half_unit(result["raw_text"]) + sum(half_unit(fact["raw_text"]) for _, fact in present)
    return present, expected, tolerance


def _rows_of(group: list[dict], metric: str) -> list[dict]:
    """Facts of a metric on distinct rows; none when one row prints it twice (undecidable)."""
    facts = [f for f in group if f.get("metric") == metric]
    labels = [f.get("row_label") for f in facts]
    return facts if len(labels) == len(set(labels)) else []


# ----- receivables


def receivable_identities(table: list[dict]) -> Iterator[Finding]:
    """Per balance date: carrying amount = gross balance - provision, and the printed provision ratio =
    provision / gross balance."""
    for group in _group(table, lambda f: f.get("period")).values():
        gross, provision = _one(group, "ar_gross"), _one(group, "ar_provision")
        if gross is None or provision is None or _any_ambiguous(group):
            continue
        yield from _identity(
            group, "receivable_net", _one(group, "ar_net"), [[(1, "ar_gross"), (-1, "ar_provision")]], min_terms=2,
        )
        ratio = _one(group, "provision_ratio")
        if ratio is not None and gross["value"]:
            yield from _ratio_finding(ratio, provision, gross)


def _ratio_finding(ratio: dict, part: dict, whole: dict) -> Iterator[Finding]:
    p, w = part["value"], whole["value"]
    expected = 100.0 * p / w
    tolerance = 100.0 * (half_unit(part["raw_text"]) / abs(w) + abs(p) / w**2 * half_unit(whole["raw_text"]))
    tolerance += half_unit(ratio["raw_text"])
    gap = ratio["value"] - expected
    if not within(gap, tolerance, expected):
        yield Finding(
            kind=ratio["metric"], severity="medium",
            description=f"{ratio['metric']} {ratio.get('period')}: printed {ratio['raw_text']}, "
            f"{part['raw_text']} / {whole['raw_text']} gives {expected:.4f}",
            refs=(ref(ratio), ref(part), ref(whole)),
            entity=ratio.get("entity"), metric=ratio["metric"], period=ratio.get("period"),
            unit=ratio.get("unit"), expected=expected, actual=ratio["value"], gap=abs(gap), tolerance=tolerance,
        )


# ----- unit price x quantity


def price_quantity(table: list[dict]) -> Iterator[Finding]:
    """Unit price x quantity = amount, per row of a purchase table."""
    for label, row in _group(table, lambda f: f.get("row_label")).items():
        price, quantity = _one(row, "unit_price"), _one(row, "quantity")
        amounts = [f for f in row if metric_unit_kind(f.get("metric")) == "money"]
        if price is None or quantity is None or len(amounts) != 1 or _any_ambiguous(amounts):
            continue
        amount = amounts[0]
        price_factor = to_wan_factor((price.get("unit") or "万元").split("/")[0])
        amount_factor = to_wan_factor(amount.get("unit") or "万元")
        if price_factor is None or amount_factor is None:
            continue
        p, q = price["value"] * price_factor, quantity["value"]
        expected = p * q / amount_factor
        ep = half_unit(price["raw_text"]) * price_factor
        eq = half_unit(quantity["raw_text"], quantity.get("unit"))
        tolerance = (abs(q) * ep + abs(p) * eq) / amount_factor + half_unit(amount["raw_text"])
        gap = amount["value"] - expected
        if not within(gap, tolerance, expected):
            yield Finding(
                kind="price_quantity", severity="medium",
                description=(
                    f"{label}: printed amount {amount['raw_text']}, unit price {price['raw_text']} x quantity "
                    f"{quantity['raw_text']} = {expected:.4f}"
                ),
                refs=(ref(amount), ref(price), ref(quantity)),
                entity=amount.get("entity"), metric=amount.get("metric"), period=amount.get("period"),
                unit=amount.get("unit"), expected=expected, actual=amount["value"], gap=abs(gap), tolerance=tolerance,
            )


TABLE_CHECKS: tuple[Callable[[list[dict]], Iterator[Finding]], ...] = (
    column_totals, row_totals, gross_margins, forecast_identities, receivable_identities, price_quantity,
)


# ----- helpers


def _group(facts: list[dict], key: Callable[[dict], object]) -> dict:
    groups: dict = defaultdict(list)
    for fact in facts:
        groups[key(fact)].append(fact)
    return groups


def _one(facts: list[dict], metric: str) -> dict | None:
    """The single fact of a metric in a group; None when absent, printed more than once or ambiguous
    (undecidable)."""
    matches = [f for f in facts if f.get("metric") == metric]
    return matches[0] if len(matches) == 1 and not matches[0].get("ambiguous") else None


def _any_ambiguous(facts: list[dict]) -> bool:
    return any(f.get("ambiguous") for f in facts)


def _any_percent(facts: list[dict]) -> bool:
    return any(f.get("unit") == "%" for f in facts)


def _one_value_per_line(facts: list[dict]) -> bool:
    lines = [f["line_no"] for f in facts]
    return len(lines) == len(set(lines))
