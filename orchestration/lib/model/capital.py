"""What a project invests and what it becomes, read from the facts the parser produces.

The **investment items**: the project's investment total and the rows of its table that add up to
it, equipment (paid with 13% input VAT) apart from the rest and from 铺底流动资金, or an investment
plan by model year paid as printed. Three readings the returns need beside them:

- a **capital schedule**: a by-year table of asset additions (固定资产投入, 研发支出 …) whose total
  row is labelled with the project's name, for a project that prints no ``investment_amount``;
- the **capitalised amount**: the prose right after the investment table that says what it becomes
  in fixed and intangible assets (预计固定资产增加额 …, 无形资产增加额 …); the difference to the
  amount paid is input VAT (and whatever is expensed), so it fixes both the VAT share of the
  investment and the base of the book value left at the end;
- the **unitemised proceeds**: the proceeds the financing plans to spend on the project (拟使用募集
  资金) beyond what the investment items add up to, a candidate for unprinted working capital.

The parser gives these facts no metric (they are labelled rows and prose figures); the readings
here key on their printed labels and their place next to the project's own facts.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import polars as pl

from orchestration.lib.model.assumptions import Asset, Assumption, Source
from orchestration.lib.model.series import CENT, Series, assumption

_MODEL_YEAR = re.compile(r"^Y(\d{1,2})$")
_TOTAL = re.compile(r"合计|总计")
_CAPITALISED = re.compile(r"固定资产增加|无形资产增加")
_PLANNED_PROCEEDS = re.compile(r"拟使用募(?:集|投)资金|拟投入募集资金")
_WORKING_CAPITAL = re.compile(r"流动资金")
_EQUIPMENT = re.compile(r"设备|硬件|服务器|购置")
EQUIPMENT_VAT = 0.13  # stated rates the facts rarely carry: an override with its reason


def capital_schedule(entity: str, facts: pl.DataFrame, years: int) -> tuple[Asset, ...]:
    """Asset additions by model year from a table whose total row names the project.

    The rows must add up to the total in every year; each row becomes an asset paid as printed
    (the amounts are additions to fixed or intangible assets, so no input VAT is taken off them).
    """
    totals = facts.filter(
        (pl.col("entity") == entity) & pl.col("metric").is_null() & pl.col("table_id").is_not_null()
        & pl.col("row_label").fill_null("").str.contains(_TOTAL.pattern)
        & pl.col("period").fill_null("").str.contains(_MODEL_YEAR.pattern)
    )
    for (table_id,), total in totals.group_by("table_id", maintain_order=True):
        items = facts.filter(
            (pl.col("table_id") == table_id) & pl.col("metric").is_null()
            & ~pl.col("row_label").fill_null("").str.contains(_TOTAL.pattern)
            & pl.col("period").fill_null("").str.contains(_MODEL_YEAR.pattern)
        )
        rows = {label: _by_year(rows, years) for (label,), rows in items.group_by("row_label", maintain_order=True)}
        total_by_year = _by_year(total, years)
        if rows and np.allclose(sum(v for v, _ in rows.values()), total_by_year[0], atol=CENT):
            return tuple(_addition(label, values, ids) for label, (values, ids) in rows.items())
    return ()


def _by_year(rows: pl.DataFrame, years: int) -> tuple[np.ndarray, tuple[str, ...]]:
    values = np.zeros(years)
    for row in rows.iter_rows(named=True):
        year = int(_MODEL_YEAR.match(row["period"]).group(1))
        if year <= years:
            values[year - 1] += row["value"]
    return values, tuple(str(i) for i in rows["fact_id"])


def _addition(label: str, values: np.ndarray, fact_ids: tuple[str, ...]) -> Asset:
    amount = Assumption(label, tuple(float(v) for v in values), "万元", Source(fact_ids=fact_ids))
    return Asset(name=label, amount=amount, vat_rate=0.0, life_years=0, residual_rate=0.0, service_start_year=1)


def capitalised_amount(facts: pl.DataFrame, investment_fact_ids: tuple[str, ...]) -> Assumption | None:
    """Fixed + intangible assets the investment becomes, as the prose after its table states them."""
    table = facts.filter(pl.col("fact_id").is_in(list(investment_fact_ids)) & pl.col("table_id").is_not_null())
    if table.is_empty():
        return None
    table_id, section = table["table_id"][0], table["section_id"][0]
    table_rows = facts.filter(pl.col("table_id") == table_id)
    end = table_rows["line_no"].max()
    later_tables = facts.filter(
        (pl.col("section_id") == section) & pl.col("table_id").is_not_null() & (pl.col("line_no") > end)
    )
    stop = later_tables["line_no"].min() if later_tables.height else None
    prose = facts.filter(
        (pl.col("section_id") == section) & pl.col("table_id").is_null() & (pl.col("line_no") > end)
        & (pl.col("unit") == "万元") & pl.col("label_zh").fill_null("").str.contains(_CAPITALISED.pattern)
    )
    if stop is not None:
        prose = prose.filter(pl.col("line_no") < stop)
    if prose.is_empty():
        return None
    ids = tuple(str(i) for i in prose["fact_id"])
    return Assumption("capitalised", round(float(prose["value"].sum()), 2), "万元", Source(fact_ids=ids))


def unitemised_proceeds(entity: str, facts: pl.DataFrame, itemised: float, itemised_ids: tuple[str, ...]) -> Assumption | None:
    """Planned proceeds for the project beyond its itemised investment (万元), when they exceed it."""
    planned = facts.filter(
        (pl.col("entity") == entity) & (pl.col("unit") == "万元") & pl.col("period").is_null()
        & pl.concat_str([pl.col("label_zh").fill_null(""), pl.col("column_label").fill_null("")])
        .str.contains(_PLANNED_PROCEEDS.pattern)
    )
    if planned.is_empty():
        return None
    row = planned.sort("value", descending=True).row(0, named=True)
    gap = round(float(row["value"]) - itemised, 2)
    if gap <= CENT:
        return None
    source = Source(
        fact_ids=(str(row["fact_id"]), *itemised_ids),
        reason="planned proceeds less the itemised investment: not printed as an item",
    )
    return Assumption("unitemised_proceeds", gap, "万元", source)


def with_implied_input_vat(assets: tuple[Asset, ...], capitalised: Assumption | None) -> tuple[Asset, ...]:
    """Investment items without a VAT rate carry the share the capitalised amount leaves out.

    What is paid beyond what becomes fixed and intangible assets is input VAT (the one part of a
    construction investment that is not capitalised), as a rate on top of the capitalised amount.
    """
    paid = total_paid(assets)
    if capitalised is None or not assets or any(a.vat_rate for a in assets) or paid <= capitalised.value + CENT:
        return assets
    rate = paid / float(capitalised.value) - 1
    return tuple(replace(a, vat_rate=rate) for a in assets)


def total_paid(assets: tuple[Asset, ...]) -> float:
    """The investment paid over every year (万元, as printed)."""
    return float(sum(sum(np.atleast_1d(a.amount.value)) for a in assets if a.cash))


def investment_items(entity: str, facts: pl.DataFrame, years: int) -> tuple[tuple[Asset, ...], Assumption | None]:
    """The project's investment: equipment items (13% input VAT), the rest, and working capital apart.

    The total is the project's largest investment fact (a table's total row before a prose
    mention); the items are the other rows of that table.
    """
    own = facts.filter((pl.col("metric") == "investment_amount") & (pl.col("entity") == entity))
    if own.is_empty():
        return (), None
    total, items = _investment_table(own, facts)
    working_capital = None
    assets = []
    rest = float(total["value"])
    for item in items.iter_rows(named=True):
        label = item["row_label"] or ""
        if _WORKING_CAPITAL.search(label):
            working_capital = assumption("working_capital", item["value"], "万元", (str(item["fact_id"]),))
            rest -= item["value"]
        elif _EQUIPMENT.search(label):
            assets.append(_paid_in_year_one(label, item["value"], (str(item["fact_id"]),), years, EQUIPMENT_VAT))
            rest -= item["value"]
    if abs(rest) > CENT:
        assets.append(_paid_in_year_one("other investment", rest, (str(total["fact_id"]),), years, 0.0))
    return tuple(assets), working_capital


def _investment_table(own: pl.DataFrame, facts: pl.DataFrame) -> tuple[dict, pl.DataFrame]:
    """The project's investment total and its items: the largest figure, from the table whose other
    rows add up to it (a list of several projects also prints the total, without its parts)."""
    largest = own.filter(pl.col("value") == pl.col("value").max()).sort(pl.col("table_id").is_null(), "line_no")
    candidates = []
    for total in largest.iter_rows(named=True):
        if total["table_id"] is None:
            candidates.append((True, total, facts.clear()))
            continue
        items = facts.filter(
            (pl.col("metric") == "investment_amount")
            & (pl.col("table_id") == total["table_id"])
            & (pl.col("fact_id") != total["fact_id"])
        )
        adds_up = abs(float(items["value"].sum()) - total["value"]) <= CENT * max(items.height, 1)
        candidates.append((not adds_up, total, items))
    _, total, items = min(candidates, key=lambda c: c[0])
    return total, items


def paid_as_printed(s: Series) -> Asset:
    return Asset(
        name=s.label or "investment",
        amount=assumption(s.label or "investment", s.filled(), "万元", s.fact_ids),
        vat_rate=0.0,
        life_years=0,
        residual_rate=0.0,
        service_start_year=1,
    )


def _paid_in_year_one(label: str, value: float, fact_ids: tuple[str, ...], years: int, vat: float) -> Asset:
    amount = (float(value),) + (0.0,) * (years - 1)
    source = Source(fact_ids=fact_ids, reason="investment timing not printed: paid in model year 1")
    return Asset(
        name=label,
        amount=Assumption(label, amount, "万元", source),
        vat_rate=vat,
        life_years=0,
        residual_rate=0.0,
        service_start_year=1,
    )
