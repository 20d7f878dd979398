"""The only reader of environment variables: every default of zhisuan is decided here.

ZHISUAN_FILINGS_DIR   landing folder of filings (default: the generated sample corpus)
ZHISUAN_WAREHOUSE     DuckDB file (default: data/warehouse.duckdb)
ZHISUAN_DATA_DIR      where generated data lives (default: data/ under the repository)
ZHISUAN_UI_HOST       host the Dagster UI binds to (default: 127.0.0.1, never all interfaces by default)
ZHISUAN_UI_PORT       port of the Dagster UI (default: 3000)

Everything a run leaves beside a warehouse is kept per warehouse under the data folder, named by
`warehouse_key`: the Dagster instance (`dagster_home`), the charts and the HTML report. `zhisuan run`
and `zhisuan ui` open the same `dagster_home`, so a run from the terminal shows in the UI.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
SAMPLE_CORPUS_SEED = 2026
# The committed instance settings (one queued run at a time, no telemetry), copied into each dagster_home.
DAGSTER_YAML = REPO_ROOT / "dagster.yaml"


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    filings_dir: Path | None  # None: use the generated sample corpus
    warehouse: Path
    ui_host: str
    ui_port: int

    @property
    def sample_corpus_dir(self) -> Path:
        return self.data_dir / "sample_corpus"

    @property
    def landing_dir(self) -> Path:
        return self.filings_dir or self.sample_corpus_dir / "filings"

    @property
    def warehouse_key(self) -> str:
        """The warehouse's file name and a digest of its full path: two warehouses never share a folder."""
        digest = hashlib.sha256(str(self.warehouse).encode("utf-8")).hexdigest()[:8]
        return f"{self.warehouse.stem}-{digest}"

    @property
    def dagster_home(self) -> Path:
        return self.data_dir / "dagster_home" / self.warehouse_key

    @property
    def charts_dir(self) -> Path:
        return self.data_dir / "charts" / self.warehouse_key

    @property
    def report_dir(self) -> Path:
        return self.data_dir / "report" / self.warehouse_key

    @property
    def gx_dir(self) -> Path:
        """Great Expectations' project: its Data Docs show this warehouse's validations only."""
        return self.data_dir / "gx" / self.warehouse_key

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs" / self.warehouse_key


def prepare_dagster_home(settings: Settings) -> Path:
    """The warehouse's Dagster home with the committed dagster.yaml in it (refreshed when that changes)."""
    home = settings.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    target = home / "dagster.yaml"
    if not target.exists() or target.read_bytes() != DAGSTER_YAML.read_bytes():
        shutil.copyfile(DAGSTER_YAML, target)
    return home


def load_settings() -> Settings:
    data_dir = _path(os.environ.get("ZHISUAN_DATA_DIR")) or REPO_ROOT / "data"
    return Settings(
        data_dir=data_dir,
        filings_dir=_path(os.environ.get("ZHISUAN_FILINGS_DIR")),
        warehouse=_path(os.environ.get("ZHISUAN_WAREHOUSE")) or data_dir / "warehouse.duckdb",
        ui_host=os.environ.get("ZHISUAN_UI_HOST", "127.0.0.1"),
        ui_port=int(os.environ.get("ZHISUAN_UI_PORT", "3000")),
    )


def _path(value: str | None) -> Path | None:
    # Absolute, because dbt runs with the dbt project as its working directory.
    return Path(value).expanduser().resolve() if value else None
