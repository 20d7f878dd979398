from __future__ import annotations

from pathlib import Path

import dagster as dg


class LandingFolder(dg.ConfigurableResource):
    """The folder where filings land. Every regular, non-hidden file in it is a candidate filing."""

    path: str

    def file_names(self) -> list[str]:
        folder = Path(self.path)
        if not folder.is_dir():
            raise FileNotFoundError(f"landing folder {folder} does not exist")
        return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))

    def file_path(self, name: str) -> Path:
        return Path(self.path) / name

    def fingerprints(self) -> dict[str, str]:
        """File name -> size and modification time: cheap to poll, and any rewrite changes it."""
        fingerprints = {}
        for name in self.file_names():
            stat = self.file_path(name).stat()
            fingerprints[name] = f"{stat.st_size}:{stat.st_mtime_ns}"
        return fingerprints
