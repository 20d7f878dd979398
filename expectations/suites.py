"""The suites themselves. Facts have a fixed schema; marts follow the naming convention of the dbt
project (money in ``*_wan``, percent in ``*_pct``, counts in ``*_count``, a ``period`` code, the
``fact_ids`` a row was built from), so their suite is derived from the columns the mart has."""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

from expectations.registry import SuiteSpec
from orchestration.lib.parsing.vocabulary import METRICS, PERIOD_PATTERN

# Units a fact may carry: money, percent, counts, compute, time and the price units of rentals.
ALLOWED_UNITS = [
    "元", "万元", "亿元", "亿美元", "%", "台", "套", "个", "架", "人", "家", "项", "P", "PFLOPS", "EFLOPS", "KW",
    "年", "月", "天", "倍", "次",
    "万元/台", "万元/台/月", "元/月/台", "元/台/月", "元/PFLOPS/月", "元/P/月", "万元/架/年", "万元/个/年",
    "万元/台/年", "万元/P", "万元/PFLOPS", "元/台", "万元/套", "万元/个", "万元/架",
]
# Percent columns that are shares of a whole; other percents (margins, IRR, growth) may leave [0, 100].
_SHARE_WORDS = ("share", "utilisation")
# Non-capturing groups: GX matches with pandas str.contains, which warns on capturing groups.
PERIOD_REGEX = PERIOD_PATTERN.pattern.replace("(", "(?:")


def facts_suite() -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name="filings_facts")
    for column in ("filing_id", "fact_id", "line_no", "raw_text", "value", "label_zh"):
        suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column=column))
    suite.add_expectation(gxe.ExpectCompoundColumnsToBeUnique(column_list=["filing_id", "fact_id"]))
    suite.add_expectation(gxe.ExpectColumnValuesToBeBetween(column="line_no", min_value=1))
    suite.add_expectation(gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=ALLOWED_UNITS))
    suite.add_expectation(gxe.ExpectColumnValuesToMatchRegex(column="period", regex=PERIOD_REGEX))
    suite.add_expectation(gxe.ExpectColumnValuesToBeInSet(column="metric", value_set=sorted(METRICS)))
    suite.add_expectation(gxe.ExpectColumnValuesToBeInSet(
        column="entity_kind", value_set=["issuer", "segment", "project", "peer", "customer", "market"],
    ))
    # A printed percentage beyond +-1000 is a split of run-together digits gone wrong.
    suite.add_expectation(gxe.ExpectColumnValuesToBeBetween(
        column="value", min_value=-1000, max_value=1000, row_condition=Column("unit") == "%",
    ))
    return suite


def mart_suite(spec: SuiteSpec, columns: list[str]) -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name=spec.name)
    for column in spec.key:
        suite.add_expectation(gxe.ExpectColumnToExist(column=column))
        suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column=column))
    if len(spec.key) == 1:
        suite.add_expectation(gxe.ExpectColumnValuesToBeUnique(column=spec.key[0]))
    else:
        suite.add_expectation(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(spec.key)))
    for column in ("stock_code", "fact_ids"):
        if column in columns:
            suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column=column))
    if "period" in columns:
        suite.add_expectation(gxe.ExpectColumnValuesToMatchRegex(column="period", regex=PERIOD_REGEX))
    for column in columns:
        if column.endswith("_pct"):
            share = any(word in column for word in _SHARE_WORDS)
            suite.add_expectation(gxe.ExpectColumnValuesToBeBetween(
                column=column, min_value=0 if share else -1000, max_value=100 if share else 1000,
            ))
        elif column.endswith(("_count", "_pflops")) or column == "quantity":
            suite.add_expectation(gxe.ExpectColumnValuesToBeBetween(column=column, min_value=0))
    return suite


def build_suite(spec: SuiteSpec, columns: list[str]) -> gx.ExpectationSuite:
    return facts_suite() if spec.table == "filings.facts" else mart_suite(spec, columns)
