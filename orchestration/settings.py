"""The only reader of environment variables: every default of zhisuan is decided here.

ZHISUAN_FILINGS_DIR   landing folder of filings (default: the generated sample corpus)
ZHISUAN_WAREHOUSE     DuckDB file (default: data/warehouse.duckdb)
ZHISUAN_DATA_DIR      where generated data lives (default: data/ under the repository)
ZHISUAN_UI_HOST       host the Dagster UI binds to (default: 127.0.0.1, never all interfaces by default)
ZHISUAN_UI_PORT       port of the Dagster UI (default: 3000)
ZHISUAN_FILE_SECONDS  time budget of one file's reading, and again of its parsing (default: 60)
ZHISUAN_FILE_MB       size budget of one landed file in megabytes; larger files are refused unread (default: 100)
ZHISUAN_WORKERS       files read or parsed at the same time, each in its own process (default: 2)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
SAMPLE_CORPUS_SEED = 2026


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    filings_dir: Path | None  # None: use the generated sample corpus
    warehouse: Path
    ui_host: str
    ui_port: int
    file_seconds: float = 60.0
    file_megabytes: float = 100.0
    workers: int = 2

    @property
    def sample_corpus_dir(self) -> Path:
        return self.data_dir / "sample_corpus"

    @property
    def landing_dir(self) -> Path:
        return self.filings_dir or self.sample_corpus_dir / "filings"

    @property
    def file_max_bytes(self) -> int:
        return int(self.file_megabytes * 1_000_000)

    @property
    def lock_file(self) -> Path:
        """Beside the warehouse: one run writes a warehouse at a time."""
        return self.warehouse.with_name(self.warehouse.name + ".lock")


def load_settings() -> Settings:
    data_dir = _path(os.environ.get("ZHISUAN_DATA_DIR")) or REPO_ROOT / "data"
    return Settings(
        data_dir=data_dir,
        filings_dir=_path(os.environ.get("ZHISUAN_FILINGS_DIR")),
        warehouse=_path(os.environ.get("ZHISUAN_WAREHOUSE")) or data_dir / "warehouse.duckdb",
        ui_host=os.environ.get("ZHISUAN_UI_HOST", "127.0.0.1"),
        ui_port=int(os.environ.get("ZHISUAN_UI_PORT", "3000")),
        file_seconds=float(os.environ.get("ZHISUAN_FILE_SECONDS", "60")),
        file_megabytes=float(os.environ.get("ZHISUAN_FILE_MB", "100")),
        workers=max(1, int(os.environ.get("ZHISUAN_WORKERS", "2"))),
    )


def _path(value: str | None) -> Path | None:
    # Absolute, because dbt runs with the dbt project as its working directory.
    return Path(value).expanduser().resolve() if value else None
