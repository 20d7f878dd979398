"""The suites themselves. Facts have the schema of the parser's Fact and the vocabulary's units, metrics,
entity kinds and period codes; marts follow the naming convention of the dbt
project (money in ``*_wan``, percent in ``*_pct``, counts in ``*_count``, a ``period`` code, the
``fact_ids`` a row was built from), so their suite is derived from the columns the mart has."""

from __future__ import annotations

import great_expectations as gx
import great_expectations.expectations as gxe
from great_expectations.expectations.row_conditions import Column

from expectations.registry import SuiteSpec
from orchestration.lib.vocabulary.kinds import ENTITY_KINDS, PERIOD_PATTERN
from orchestration.lib.vocabulary.metrics import METRICS
from orchestration.lib.vocabulary.units import UNIT_SYMBOLS
from orchestration.lib.warehouse.fact_table import required_columns

# Percent columns that are shares of a whole; other percents (margins, IRR, growth) may leave [0, 100].
_SHARE_WORDS = ("share", "utilisation")
# Non-capturing groups: GX matches with pandas str.contains, which warns on capturing groups.
PERIOD_REGEX = PERIOD_PATTERN.pattern.replace("(", "(?:")


def facts_suite() -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name="filings_facts")
    for column in required_columns():
        suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column=column))
    suite.add_expectation(gxe.ExpectCompoundColumnsToBeUnique(column_list=["filing_id", "fact_id"]))
    suite.add_expectation(gxe.ExpectColumnValuesToBeBetween(column="line_no", min_value=1))
    suite.add_expectation(gxe.ExpectColumnValuesToBeInSet(column="unit", value_set=sorted(UNIT_SYMBOLS)))
    suite.add_expectation(gxe.ExpectColumnValuesToMatchRegex(column="period", regex=PERIOD_REGEX))
    suite.add_expectation(gxe.ExpectColumnValuesToBeInSet(column="metric", value_set=sorted(METRICS)))
    suite.add_expectation(gxe.ExpectColumnValuesToBeInSet(column="entity_kind", value_set=sorted(ENTITY_KINDS)))
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
