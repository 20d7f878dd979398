"""filings.facts is derived from the parser's Fact: one definition, whatever writes or checks the table."""

import dataclasses

import duckdb
import polars as pl

from orchestration.lib.parsing.model import Fact
from orchestration.lib.warehouse.fact_table import (
    fact_columns,
    fact_ddl,
    fact_polars_schema,
    fact_row,
    required_columns,
)
from orchestration.lib.warehouse.schema import DDL


def _fact() -> Fact:
    return Fact(fact_id="t1-r0-c0", table_id="t1", section_id=None, line_no=813, raw_text="36.80%", value=36.8,
                unit="%", row_label="毛利率", column_label="2020年度", period="FY2020", entity="云计算服务",
                entity_kind="segment", label_zh="毛利率", metric="gross_margin")


def test_the_table_has_every_field_of_the_fact_and_its_printed_precision():
    names = [column.name for column in fact_columns()]
    assert names == ["filing_id", *(f.name for f in dataclasses.fields(Fact)), "decimals"]
    assert required_columns() == ("filing_id", "fact_id", "line_no", "raw_text", "value", "label_zh", "ambiguous",
                                  "decimals")


def test_a_fact_written_through_the_derived_schema_reads_back_with_its_decimals():
    conn = duckdb.connect()
    conn.execute(DDL)
    frame = pl.DataFrame([fact_row("f1", _fact())], schema=fact_polars_schema(), orient="row")
    conn.register("frame", frame)
    conn.execute("insert into filings.facts by name select * from frame")

    assert conn.execute("select raw_text, value, decimals, page from filings.facts").fetchone() == ("36.80%", 36.8, 2, None)


def test_a_warehouse_created_before_a_column_gains_it():
    conn = duckdb.connect()
    conn.execute("create schema filings; create table filings.facts (filing_id varchar, fact_id varchar, "
                 "line_no integer, raw_text varchar, value double, label_zh varchar, ambiguous boolean)")
    conn.execute(fact_ddl())

    columns = [row[0] for row in conn.execute("describe filings.facts").fetchall()]
    assert sorted(columns) == sorted(column.name for column in fact_columns())
