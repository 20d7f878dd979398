"""Entity kinds and period kinds: what a fact is about, and the grammar of its period code.

Period codes (docs/periods.md)
    FY2024          a fiscal year (2024年度, 2024年, 2024 年度)
    2025M01-M09     months of one year, year to date (2025年1-9月, 2023 年 1-3 月)
    @2025-09-30     a balance date (2025-09-30, 2024年末, 2024年12月31日)
    Y3              model year 3 of a project forecast (第3年, T+3)
    Y4-11           model years 4 to 11 printed as one column (第4-11年)
    BUILD           the construction period (建设期) as a whole
    MODEL_TOTAL     a total over all model years (合计 column of a forecast)
    MODEL_AVG       an average over the operating years (平均, 运营期平均)
"""

from __future__ import annotations

import re

# entity kind -> what it names
ENTITY_KINDS: dict[str, str] = {
    "issuer": "The listed company that filed, or the group as a whole.",
    "segment": "A business segment or product line of the issuer (or a server class of a fleet table).",
    "project": "A project financed by the filing (募投项目), with its sub-projects.",
    "peer": "A comparable listed company (同行业可比公司).",
    "customer": "A customer or debtor of the issuer.",
    "market": "A market or region whose size a sentence states (中国智能算力规模).",
}

# period kind -> the full-match regex of its codes (DuckDB and Python read the same syntax)
PERIOD_KINDS: dict[str, str] = {
    "fiscal_year": r"FY\d{4}",
    "year_to_date": r"\d{4}M\d{2}-M\d{2}",
    "balance_date": r"@\d{4}-\d{2}-\d{2}",
    "model_year": r"Y\d{1,2}",
    "model_years": r"Y\d{1,2}-\d{1,2}",
    "build": r"BUILD",
    "model_total": r"MODEL_TOTAL",
    "model_avg": r"MODEL_AVG",
}

PERIOD_PATTERN = re.compile("^(" + "|".join(PERIOD_KINDS.values()) + ")$")


def is_period_code(code: str) -> bool:
    return bool(PERIOD_PATTERN.match(code))


def period_kind(code: str | None) -> str | None:
    """The kind of a period code; None for no code or one outside the grammar."""
    return next((kind for kind, pattern in PERIOD_KINDS.items() if code and re.fullmatch(pattern, code)), None)
