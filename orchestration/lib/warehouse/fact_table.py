"""filings.facts as the parser's ``Fact`` defines it: the DDL, the polars schema and the row of one fact.

The table is the fact's fields and properties behind the filing it was read from. A field typed
``X | None`` is a nullable column; the primary key is (filing_id, fact_id). Adding a field to ``Fact``
adds the column everywhere, including to a warehouse created before it.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass

import polars as pl

from orchestration.lib.parsing.model import Fact

TABLE = "filings.facts"
KEY = ("filing_id", "fact_id")
_SQL_TYPES = {str: "varchar", int: "integer", float: "double", bool: "boolean"}
_POLARS_TYPES = {str: pl.String, int: pl.Int32, float: pl.Float64, bool: pl.Boolean}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    python_type: type
    nullable: bool

    @property
    def sql(self) -> str:
        return _SQL_TYPES[self.python_type] + ("" if self.nullable else " not null")


@functools.cache
def fact_columns() -> tuple[Column, ...]:
    """Read once per process: resolving the type hints costs ~2 ms, and the row of every fact a worker stages
    asks for the columns (it was 80% of staging a filing)."""
    hints = typing.get_type_hints(Fact)
    properties = [(name, typing.get_type_hints(attr.fget)["return"])
                  for name, attr in vars(Fact).items() if isinstance(attr, property)]
    return (
        Column("filing_id", str, False),
        *(_column(field.name, hints[field.name]) for field in dataclasses.fields(Fact)),
        *(_column(name, hint) for name, hint in properties),
    )


def required_columns() -> tuple[str, ...]:
    return tuple(column.name for column in fact_columns() if not column.nullable)


def fact_ddl() -> str:
    columns = ",\n".join(f"    {column.name} {column.sql}" for column in fact_columns())
    # A warehouse created before a column existed gains it (nullable: its old rows have no value).
    additions = "".join(
        f"alter table {TABLE} add column if not exists {column.name} {_SQL_TYPES[column.python_type]};\n"
        for column in fact_columns() if column.name not in KEY
    )
    return f"create table if not exists {TABLE} (\n{columns},\n    primary key ({', '.join(KEY)})\n);\n{additions}"


def fact_polars_schema() -> dict[str, pl.DataType]:
    return {column.name: _POLARS_TYPES[column.python_type] for column in fact_columns()}


def fact_row(filing_id: str, fact: Fact) -> dict:
    return {"filing_id": filing_id, **{c.name: getattr(fact, c.name) for c in fact_columns()[1:]}}


def _column(name: str, hint: object) -> Column:
    members = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    concrete = [member for member in members if member is not type(None)]
    if len(concrete) != 1 or concrete[0] not in _SQL_TYPES:
        raise TypeError(f"Fact.{name}: {hint} has no column type")
    return Column(name, concrete[0], nullable=len(concrete) < len(members))
