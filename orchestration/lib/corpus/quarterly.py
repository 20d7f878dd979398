"""A third-quarter report's key indicators: the quarter alone and the year to date, each with its change.

``项目 | 本报告期 | 本报告期比上年同期增减变动幅度(%) | 年初至报告期末 | 年初至报告期末比上年同期增减变动幅度(%)``:
last year's figures are not printed, only the changes against them, and operating cash flow is
reported for the year to date only (不适用 for the quarter). The year-end balances follow in a
table of their own (本报告期末 | 上年度末 | 增减).
"""

from __future__ import annotations

from orchestration.lib.corpus.blocks import Cell, Row
from orchestration.lib.corpus.periodic_cells import KEY_BALANCE_ROWS, KEY_FLOW_ROWS, NOT_APPLICABLE, Maker
from orchestration.lib.corpus.tables import FuzzTable, Part

TITLE = "主要会计数据和财务指标"


def quarter_and_year_to_date(tables) -> list[FuzzTable]:
    """The two key-indicator tables of a third-quarter report built by a ``PeriodicTables``."""
    period, figures, rng = tables.period, tables.figures, tables.rng
    make = Maker(tables.company, TITLE)
    quarter_change = rng.choice(("本报告期比上年同期增减变动幅度(%)", "本报告期比上年同期增减"))
    to_date = rng.choice(("年初至报告期末", f"{period.year}年1-{period.months}月"))
    to_date_change = rng.choice(("年初至报告期末比上年同期增减变动幅度(%)", "年初至报告期末比上年同期增减"))
    stub = tables.stub()
    rows = []
    for label, metric, unit in KEY_FLOW_ROWS:
        printed = label if unit == "%" else f"{label}（{unit}）"
        quarter = [flow[metric] for flow in figures.quarter_alone]
        year = [flow[metric] for flow in figures.flows]
        if metric == "operating_cash_flow":
            quarter_cells = (Cell(NOT_APPLICABLE), Cell(NOT_APPLICABLE))
        else:
            quarter_cells = (
                make.value(quarter[0], unit, metric, period.quarter_codes[0], printed, "本报告期"),
                make.change(*quarter, metric, period.quarter_codes, printed, quarter_change),
            )
        year_cells = (
            make.value(year[0], unit, metric, period.flow_codes[0], printed, to_date),
            make.change(*year, metric, period.flow_codes, printed, to_date_change),
        )
        rows.append(Row(printed, (*quarter_cells, *year_cells)))
    header = (stub, "本报告期", quarter_change, to_date, to_date_change)
    flows = FuzzTable("key_indicators", TITLE, None, (Part((header,), tuple(rows)),))
    balance = tables.indicator_part(make, stub, KEY_BALANCE_ROWS, figures.balances, period.balance_codes, True, True)
    return [flows, FuzzTable("key_balances", TITLE, None, (balance,))]
