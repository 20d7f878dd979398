"""Completeness of a project forecast before the financial model reads it.

A forecast is a grid of line items by model years. A cell lost between the filing and the mart (a
deleted row, a year the parser dropped) makes the model re-run a different project, so it must stop the
model. Two holes are certain: a year missing inside the years a line prints (Y2 and Y4 but no Y3), and
years that no longer add up to the line's printed total. A line that starts late or stops early is not
a hole: issuers print '-' for an expense that begins in year 4.
"""

from __future__ import annotations

import re
from collections import defaultdict

from orchestration.lib.quality.precision import FLOAT_SLACK

_MODEL_YEAR = re.compile(r"^Y(\d+)$")


def forecast_gaps(rows: list[dict]) -> list[dict]:
    """Rows are lines of marts.fct_project_forecast (project_id, line_item, period, amount_wan)."""
    lines: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        lines[(row["project_id"], row["line_item"])].append(row)
    gaps = []
    for (project_id, line_item), line in sorted(lines.items()):
        years = {int(m.group(1)): r for r in line if (m := _MODEL_YEAR.match(r.get("period") or ""))}
        missing = sorted(set(range(min(years), max(years) + 1)) - set(years)) if years else []
        if missing:
            gaps.append({"project_id": project_id, "line_item": line_item, "gap": f"no Y{', Y'.join(map(str, missing))}"})
        shortfall = _total_shortfall(line, list(years.values()))
        if shortfall is not None:
            gaps.append({"project_id": project_id, "line_item": line_item, "gap": shortfall})
    return gaps


def _total_shortfall(line: list[dict], years: list[dict]) -> str | None:
    totals = [r for r in line if r.get("period") == "MODEL_TOTAL" and r.get("amount_wan") is not None]
    values = [r["amount_wan"] for r in years if r.get("amount_wan") is not None]
    if len(totals) != 1 or not values or any(_MODEL_YEAR.match(r.get("period") or "") is None for r in years):
        return None
    total = totals[0]["amount_wan"]
    # Money in 万元 is printed to the cent; each printed value may be off by half a cent.
    tolerance = 0.005 * (len(values) + 1) + FLOAT_SLACK * abs(total)
    if abs(total - sum(values)) <= tolerance:
        return None
    return f"{len(values)} years sum to {sum(values):.2f}, the printed total is {total:.2f}"
