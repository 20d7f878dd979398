"""The vocabulary as the dbt project's seeds: one CSV per table, written by ``make manifest``, never by hand.

A seed is rewritten only when its content changed, so an unchanged vocabulary leaves the files (and the
manifest's freshness) alone.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from orchestration.lib.vocabulary.kinds import ENTITY_KINDS, PERIOD_KINDS
from orchestration.lib.vocabulary.metrics import METRIC_GROUPS, METRICS
from orchestration.lib.vocabulary.units import UNITS


def seed_tables() -> dict[str, tuple[tuple[str, ...], list[tuple]]]:
    """seed name -> (header, rows)."""
    return {
        "metric_vocabulary": (
            ("metric", "unit_kind", "definition"),
            [(metric, kind, definition) for metric, (kind, definition) in METRICS.items()],
        ),
        "metric_groups": (
            ("metric_group", "metric", "position"),
            [(group, metric, position) for group, members in METRIC_GROUPS.items()
             for position, metric in enumerate(members, start=1)],
        ),
        "unit_vocabulary": (
            ("unit", "unit_kind", "wan_factor", "pflops_factor", "is_exact"),
            [(u.symbol, u.kind, _number(u.wan_factor), _number(u.pflops_factor), str(u.exact).lower())
             for u in UNITS],
        ),
        "entity_kinds": (("entity_kind", "description"), list(ENTITY_KINDS.items())),
        "period_kinds": (("period_kind", "pattern"), list(PERIOD_KINDS.items())),
    }


def seed_csv(name: str) -> str:
    header, rows = seed_tables()[name]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def write_seeds(directory: Path) -> list[str]:
    """Write every seed whose content changed into ``directory``; the names of those written."""
    written = []
    for name in seed_tables():
        path = directory / f"{name}.csv"
        content = seed_csv(name)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            written.append(name)
    return written


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)
