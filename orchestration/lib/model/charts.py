"""Charts of a stressed project, written as PNG files: tornado, price x utilisation heatmap, NPV histogram."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display in a pipeline run

import matplotlib.pyplot as plt
import numpy as np

from orchestration.lib.model.pipeline import GRID_STEPS, Stress

_UNSAFE = re.compile(r"[^\w.-]+")


def write_charts(stress: Stress, project: str, folder: Path) -> dict[str, Path]:
    """The three charts of one project; file names are the project's name made safe."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = _UNSAFE.sub("_", project)
    paths = {
        "tornado": folder / f"{stem}_tornado.png",
        "heatmap": folder / f"{stem}_irr_heatmap.png",
        "monte_carlo": folder / f"{stem}_npv_histogram.png",
    }
    _tornado(stress, paths["tornado"])
    _heatmap(stress, paths["heatmap"])
    _histogram(stress, paths["monte_carlo"])
    return paths


def _tornado(stress: Stress, path: Path) -> None:
    rows = sorted(stress.tornado, key=lambda r: abs(r["npv_high"] - r["npv_low"]))
    base = np.median([v for r in rows for v in (r["npv_low"], r["npv_high"])])
    fig, ax = plt.subplots(figsize=(7, 4))
    for i, r in enumerate(rows):
        ax.barh(i, r["npv_low"] - base, left=base, color="#c0504d")
        ax.barh(i, r["npv_high"] - base, left=base, color="#4f81bd")
    ax.set_yticks(range(len(rows)), [r["driver"] for r in rows])
    ax.set_xlabel("NPV (10k CNY): low / high setting")
    _save(fig, path)


def _heatmap(stress: Stress, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(6, 5))
    image = ax.imshow(stress.grid_irr * 100, origin="lower", cmap="RdYlGn", aspect="auto")
    ticks = range(len(GRID_STEPS))
    ax.set_xticks(ticks, [f"{u:.2f}" for u in GRID_STEPS])
    ax.set_yticks(ticks, [f"{p:.2f}" for p in GRID_STEPS])
    ax.set_xlabel("utilisation multiplier")
    ax.set_ylabel("price multiplier")
    fig.colorbar(image, label="IRR after tax (%)")
    _save(fig, path)


def _histogram(stress: Stress, path: Path) -> None:
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.hist(stress.monte_carlo_npv, bins=80, color="#4f81bd")
    ax.axvline(0, color="black", linewidth=1)
    ax.set_xlabel("NPV (10k CNY)")
    ax.set_ylabel("scenarios")
    _save(fig, path)


def _save(fig, path: Path) -> None:
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
