from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import dagster as dg
from pydantic import Field

from orchestration.lib.sources import (
    DEFAULT_BASE_URL,
    DEFAULT_STATIC_URL,
    KINDS,
    FilingSource,
    Politeness,
    make_source,
)


class FilingsSource(dg.ConfigurableResource):
    """Where the scheduled fetch finds filings: "off" (the default: nothing is fetched), "live" (cninfo
    over HTTP, paced) or "snapshot" (a recorded folder). Both kinds of source answer alike, so nothing
    downstream can tell them apart."""

    mode: str = "off"
    watchlist: list[str] = Field(default_factory=list)
    since: str = "2023-01-01"
    kinds: list[str] = Field(default_factory=lambda: list(KINDS))
    snapshot_dir: str = ""
    cache_dir: str
    cninfo_url: str = DEFAULT_BASE_URL
    cninfo_static_url: str = DEFAULT_STATIC_URL
    pace_seconds: float = 1.5

    @property
    def enabled(self) -> bool:
        return self.mode != "off" and bool(self.watchlist)

    def build(self, progress: Callable[[str], None]) -> FilingSource:
        return make_source(
            self.mode,
            cache_dir=Path(self.cache_dir),
            snapshot_dir=Path(self.snapshot_dir) if self.snapshot_dir else None,
            base_url=self.cninfo_url,
            static_url=self.cninfo_static_url,
            politeness=Politeness.paced(self.pace_seconds),
            progress=progress,
        )
