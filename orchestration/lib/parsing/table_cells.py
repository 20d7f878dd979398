"""One table cell as a fact's value: whether it is a quantity at all, its unit, its printed text."""

from __future__ import annotations

import re

from orchestration.lib.parsing.attribution import FilingContext
from orchestration.lib.parsing.cleanup import normalise_label
from orchestration.lib.parsing.empty_cells import dash_is_no_sign
from orchestration.lib.parsing.model import Cell, Table
from orchestration.lib.parsing.units import header_unit, resolve_unit
from orchestration.lib.vocabulary.metrics import metric_unit_kind
from orchestration.lib.vocabulary.units import MONEY_UNITS

_NOT_A_QUANTITY_COLUMN = re.compile(r"序号|代码|编号|时间|日期|年份|年限|账龄|期限|签署|成立|注册")
# A column of useful lives or terms in years (折旧年限(年), 摊销年限, 使用寿命): its numbers are years.
# A column that counts things (数量, 台数): its whole numbers are counts, even one that reads like a year (2087 台).
_COUNT_COLUMN = re.compile(r"数量|[台个套架人户]数")
_WHOLE_NUMBER = re.compile(r"^\d+$")
_LIFE_COLUMN = re.compile(r"(?:折旧|摊销|使用|受益)年限|使用寿命|预计寿命")
_LIFE = re.compile(r"^\d{1,2}(?:\.\d)?$")  # a life of 1 to 99 years, never a year or a code
_YEARS = "年"
_YEAR_OR_CODE = re.compile(r"^(?:(?:19|20)\d{2}|0\d+)$")
_DATE_TEXT = re.compile(r"\d{4}[/-]\d{1,2}(?:[/-]\d{1,2})?|\d{4}年\d{1,2}月")
_GLUED_PERCENT = re.compile(r"^\d{5,}(?:\.\d+)?%$")
_THREE_DECIMALS = re.compile(r"^\d+\.\d{3}$")
GLUED_NOTE = "two cells of a run-together row glued into one number; the split is unknown"
_MONEY_AMOUNT = re.compile(r"^-?[\d,]+\.\d{2}$")  # amounts carry exactly two decimals
_SHARE_COLUMN = re.compile(r"(?:占比|比例|比重)(?:\(%\))?$")
_RATE_OF_TAX = {"income_tax": "income_tax_rate"}


def glued_percentage(cell: Cell, table: Table) -> bool:
    """A run-together row's "30740.61%" is a count (307) glued to its share (40.61%): a percentage
    of five or more integer digits printed without separators is two cells whose split is unknown."""
    return table.layout == "concat" and cell.unit == "%" and bool(_GLUED_PERCENT.match(cell.raw_text.strip()))


def glued_decimal(cell: Cell, table: Table) -> bool:
    """A run-together row's "566.001" is an amount (566.00) glued to the next cell's digit: a third
    decimal no other number of its table prints is a digit of another cell."""
    if table.layout != "concat" or cell.unit is not None or not _THREE_DECIMALS.match(cell.raw_text.strip()):
        return False
    others = [c.raw_text for row in table.rows for c in row.cells if c is not cell and c.value is not None]
    return not any(_THREE_DECIMALS.match(raw.strip().rstrip("%")) for raw in others)


def glued_cells(cell: Cell, table: Table, lines: list[str]) -> bool:
    """Two cells of a run-together row read as one number: the table leaves it unread."""
    return glued_percentage(cell, table) or glued_decimal(cell, table) or _dash_glued(cell, table, lines)


def _dash_glued(cell: Cell, table: Table, lines: list[str]) -> bool:
    """A run-together row's "-1397.38" read as a negative amount where every dash its line prints before
    those digits is proven no minus sign (an empty cell, the dash before an aged balance): empty cell and
    amount glued into one number."""
    raw = cell.raw_text.strip()
    if table.layout != "concat" or not raw.startswith("-") or not 0 < cell.line_no <= len(lines):
        return False
    line = lines[cell.line_no - 1]
    dashes = [m.start() for m in re.finditer(re.escape(raw), line)]
    return bool(dashes) and all(dash_is_no_sign(lines, cell.line_no, at) for at in dashes)


def is_quantity(cell: Cell, column: str) -> bool:
    """Row ids, years, dates and codes are printed numbers, not facts; a useful life (折旧年限 | 20)
    is a number of years."""
    raw = cell.raw_text.strip()
    if _DATE_TEXT.search(raw):
        return False
    if _LIFE_COLUMN.search(column):
        return _LIFE.match(raw) is not None
    if _NOT_A_QUANTITY_COLUMN.search(column):
        return False
    if _COUNT_COLUMN.search(column) and _WHOLE_NUMBER.match(raw):
        return True
    return not (cell.unit is None and _YEAR_OR_CODE.match(raw))


def as_rate(metric: str | None, unit: str | None) -> str | None:
    """A tax printed in percent (企业所得税 | 15%) is its rate, not an amount; any other amount's line
    printed in another unit than money (机柜租赁费 | 7.46% in a cost structure, 折旧 | 20年) is not
    the amount."""
    if not unit or not metric or unit in MONEY_UNITS:
        return metric
    if unit == "%" and metric in _RATE_OF_TAX:
        return _RATE_OF_TAX[metric]
    return None if metric_unit_kind(metric) == "money" else metric


def fact_unit(
    cell: Cell, column: str, table: Table, metric: str | None, context: FilingContext, row_label: str = ""
) -> str | None:
    kind = metric_unit_kind(metric)
    if cell.unit is None and _LIFE_COLUMN.search(column):
        return _YEARS  # "摊销年限 | 20": a useful life is in years, whatever the caption's money unit
    if cell.unit is None and kind in (None, "pct") and _SHARE_COLUMN.search(normalise_label(column)):
        return "%"  # "2024年度占比": a share printed without its % sign
    if cell.unit is None and header_unit(column) is None and (in_label := header_unit(row_label)):
        return in_label  # "营业收入（元）", "基本每股收益（元/股）": the row label states the unit
    unit = resolve_unit(cell.unit, column, table.unit, kind)
    if unit is None and kind in (None, "money") and _MONEY_AMOUNT.match(cell.raw_text.strip()):
        return context.default_money_unit
    return unit


def as_printed(token: str, line: str) -> str:
    """The token as the line prints it: a cell read as "130台" is printed "130 台"."""
    if token in line:
        return token
    spaced = re.compile(r"\s*".join(re.escape(char) for char in token if not char.isspace()))
    match = spaced.search(line)
    return match.group(0) if match else token
