from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.lib import warehouse


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse file. Connections are opened per use and closed at once: DuckDB allows one
    writer process, and dbt needs the file next. Steps in other processes wait their turn for the file."""

    path: str
    # Where parse workers stage each filing's tables as Parquet for the warehouse to load (default: beside it).
    staging_dir: str = ""

    @property
    def staging(self) -> Path:
        return Path(self.staging_dir or f"{self.path}.staged")

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.hold(writing=not read_only), warehouse.connect(self.path, read_only=read_only) as conn:
            yield conn

    @contextmanager
    def hold(self, writing: bool) -> Iterator[None]:
        """Hold the file against other processes of the run: alone for a writer (dbt too), shared for readers."""
        with warehouse.connection_lock(Path(f"{self.path}.connections.lock"), exclusive=writing):
            yield
