"""Debian's headless Chromium, started fresh for each page: what an analyst's browser shows, offline."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
]


def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        pytest.fail("Debian's chromium is needed (make test installs it: apt-get install chromium)")
    return found


def _run(profile: Path, *args: str) -> str:
    profile.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=180, check=True,
    )
    return result.stdout


def rendered_dom(url: str, profile: Path) -> str:
    """The page's DOM after its scripts ran."""
    return _run(profile, "--virtual-time-budget=5000", "--dump-dom", url)


def screenshot(url: str, target: Path, profile: Path, size: str = "1280,1800") -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    _run(profile, f"--window-size={size}", "--virtual-time-budget=5000", f"--screenshot={target}", url)
    assert target.stat().st_size > 0, target
    return target
