from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb

from orchestration.lib import warehouse


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse file. Connections are opened per use and closed at once: DuckDB allows one
    writer process, and dbt needs the file next."""

    path: str

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        with warehouse.connect(self.path, read_only=read_only) as conn:
            yield conn
