"""The only reader of environment variables: every default of zhisuan is decided here.

ZHISUAN_FILINGS_DIR   landing folder of filings (default: the generated sample corpus)
ZHISUAN_WAREHOUSE     DuckDB file (default: data/warehouse.duckdb)
ZHISUAN_DATA_DIR      where generated data lives (default: data/ under the repository)
ZHISUAN_UI_HOST       host the Dagster UI binds to (default: 127.0.0.1, never all interfaces by default)
ZHISUAN_UI_PORT       port of the Dagster UI (default: 3000)
ZHISUAN_FILE_SECONDS  time budget of one file's reading, and again of its parsing (default: 60)
ZHISUAN_FILE_MB       size budget of one landed file in megabytes; larger files are refused unread (default: 100)
ZHISUAN_WORKERS       files read or parsed at the same time, each in its own process (default: 2)
ZHISUAN_EXECUTOR      where a run's steps execute: in_process (default), multiprocess, celery or k8s (these two
                      need dagster-celery or dagster-k8s installed, and the warehouse on storage every worker sees)

Fetching filings from cninfo (off unless asked for: no default run touches the internet):
ZHISUAN_SOURCE        off (default) | live (cninfo itself) | snapshot (a recorded folder) for the scheduled fetch
ZHISUAN_WATCHLIST     stock codes the scheduled fetch follows, comma-separated (e.g. 300846,603220)
ZHISUAN_FETCH_SINCE   first announcement date to fetch (default: 2023-01-01)
ZHISUAN_FETCH_KINDS   reply,prospectus,feasibility,annual,semiannual (default: all of them)
ZHISUAN_SNAPSHOT_DIR  the recorded folder the snapshot source replays
ZHISUAN_CNINFO_URL, ZHISUAN_CNINFO_STATIC_URL  cninfo's search and document hosts (a mirror, or a test server)
ZHISUAN_CNINFO_PACE   seconds between two requests to cninfo, before jitter (default: 1.5)

Everything a run leaves beside a warehouse is kept per warehouse under the data folder, named by
`warehouse_key`: the Dagster instance (`dagster_home`), the charts and the HTML report. `zhisuan run`
and `zhisuan ui` open the same `dagster_home`, so a run from the terminal shows in the UI.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from orchestration.lib.sources.cninfo import DEFAULT_BASE_URL, DEFAULT_STATIC_URL
from orchestration.lib.sources.model import KINDS as FETCH_KINDS
from orchestration.lib.sources.model import is_stock_code

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
SAMPLE_CORPUS_SEED = 2026
# The committed instance settings (one queued run at a time, no telemetry), copied into each dagster_home.
DAGSTER_YAML = REPO_ROOT / "dagster.yaml"

SOURCE_MODES = ("off", "live", "snapshot")
EXECUTORS = ("in_process", "multiprocess", "celery", "k8s")


@dataclass(frozen=True, slots=True)
class FetchSettings:
    source: str = "off"
    watchlist: tuple[str, ...] = ()
    since: date = date(2023, 1, 1)
    kinds: tuple[str, ...] = FETCH_KINDS
    snapshot_dir: Path | None = None
    cninfo_url: str = DEFAULT_BASE_URL
    cninfo_static_url: str = DEFAULT_STATIC_URL
    pace_seconds: float = 1.5


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    filings_dir: Path | None  # None: use the generated sample corpus
    warehouse: Path
    ui_host: str
    ui_port: int
    fetch: FetchSettings = field(default_factory=FetchSettings)
    file_seconds: float = 60.0
    file_megabytes: float = 100.0
    workers: int = 2
    executor: str = "in_process"

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

    @property
    def staging_dir(self) -> Path:
        """Where parse workers stage each filing's tables as Parquet before the warehouse loads them."""
        return self.data_dir / "staging" / self.warehouse_key


def settings_environment(settings: Settings) -> dict[str, str]:
    """The environment that loads these settings again: a step in another process rebuilds the definitions
    from it."""
    environment = {
        "ZHISUAN_DATA_DIR": str(settings.data_dir),
        "ZHISUAN_WAREHOUSE": str(settings.warehouse),
        "ZHISUAN_FILE_SECONDS": str(settings.file_seconds),
        "ZHISUAN_FILE_MB": str(settings.file_megabytes),
        "ZHISUAN_WORKERS": str(settings.workers),
        "ZHISUAN_EXECUTOR": settings.executor,
    }
    if settings.filings_dir is not None:
        environment["ZHISUAN_FILINGS_DIR"] = str(settings.filings_dir)
    return environment


def prepare_dagster_home(settings: Settings) -> Path:
    """The warehouse's Dagster home with the committed dagster.yaml in it (refreshed when that changes), its own
    folder written where the file names it."""
    home = settings.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    target = home / "dagster.yaml"
    # in a single-quoted YAML string, a quote is written twice
    wanted = DAGSTER_YAML.read_text(encoding="utf-8").replace("{dagster_home}", str(home.resolve()).replace("'", "''"))
    if not target.exists() or target.read_text(encoding="utf-8") != wanted:
        target.write_text(wanted, encoding="utf-8")
    return home


def load_settings() -> Settings:
    data_dir = _path(os.environ.get("ZHISUAN_DATA_DIR")) or REPO_ROOT / "data"
    return Settings(
        data_dir=data_dir,
        filings_dir=_path(os.environ.get("ZHISUAN_FILINGS_DIR")),
        warehouse=_path(os.environ.get("ZHISUAN_WAREHOUSE")) or data_dir / "warehouse.duckdb",
        ui_host=os.environ.get("ZHISUAN_UI_HOST", "127.0.0.1"),
        ui_port=int(os.environ.get("ZHISUAN_UI_PORT", "3000")),
        fetch=load_fetch_settings(),
        file_seconds=float(os.environ.get("ZHISUAN_FILE_SECONDS", "60")),
        file_megabytes=float(os.environ.get("ZHISUAN_FILE_MB", "100")),
        workers=max(1, int(os.environ.get("ZHISUAN_WORKERS", "2"))),
        executor=executor_name(os.environ.get("ZHISUAN_EXECUTOR", "in_process")),
    )


def executor_name(text: str) -> str:
    if text not in EXECUTORS:
        raise ValueError(f"ZHISUAN_EXECUTOR={text!r}: choose one of {', '.join(EXECUTORS)}")
    return text


def load_fetch_settings() -> FetchSettings:
    defaults = FetchSettings()
    source = os.environ.get("ZHISUAN_SOURCE", defaults.source)
    if source not in SOURCE_MODES:
        raise ValueError(f"ZHISUAN_SOURCE={source!r}: choose one of {', '.join(SOURCE_MODES)}")
    return FetchSettings(
        source=source,
        watchlist=stock_codes(os.environ.get("ZHISUAN_WATCHLIST", "")),
        since=date.fromisoformat(os.environ.get("ZHISUAN_FETCH_SINCE", defaults.since.isoformat())),
        kinds=fetch_kinds(os.environ.get("ZHISUAN_FETCH_KINDS", ",".join(defaults.kinds))),
        snapshot_dir=_path(os.environ.get("ZHISUAN_SNAPSHOT_DIR")),
        cninfo_url=os.environ.get("ZHISUAN_CNINFO_URL", defaults.cninfo_url),
        cninfo_static_url=os.environ.get("ZHISUAN_CNINFO_STATIC_URL", defaults.cninfo_static_url),
        pace_seconds=float(os.environ.get("ZHISUAN_CNINFO_PACE", defaults.pace_seconds)),
    )


def stock_codes(text: str) -> tuple[str, ...]:
    """"300846, 603220" -> ("300846", "603220"); anything but six digits is an error naming it."""
    codes = tuple(dict.fromkeys(code.strip() for code in re.split(r"[,\s]+", text) if code.strip()))
    wrong = [code for code in codes if not is_stock_code(code)]
    if wrong:
        raise ValueError(f"not a six-digit stock code: {', '.join(wrong)}")
    return codes


def fetch_kinds(text: str) -> tuple[str, ...]:
    """"reply,annual" -> ("reply", "annual"); an unknown kind is an error naming the known ones."""
    kinds = tuple(dict.fromkeys(kind.strip() for kind in text.split(",") if kind.strip()))
    unknown = [kind for kind in kinds if kind not in FETCH_KINDS]
    if unknown or not kinds:
        raise ValueError(f"unknown document kind(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(FETCH_KINDS)}")
    return kinds


def _path(value: str | None) -> Path | None:
    # Absolute, because dbt runs with the dbt project as its working directory.
    return Path(value).expanduser().resolve() if value else None
