"""The three sensitivity charts of a stressed project, written as SVG files where the report finds them."""

from __future__ import annotations

import shutil
from pathlib import Path

from orchestration.lib.model.pipeline import GRID_STEPS, Stress
from orchestration.lib.report import charts
from orchestration.lib.report.site import chart_path


def base_case_npv(stress: Stress) -> float:
    """The NPV with every driver at its base setting: the price x utilisation grid's (1, 1) cell."""
    return next(r["value"] for r in stress.rows
                if r["analysis"] == "grid" and r["output"] == "npv" and r["level"] == 1.0 and r["level_2"] == 1.0)


def clear_charts(charts_dir: Path) -> Path:
    """An empty charts folder: charts of projects that are gone must not outlive them."""
    if charts_dir.exists():
        shutil.rmtree(charts_dir)
    charts_dir.mkdir(parents=True)
    return charts_dir


def write_project_charts(stress: Stress, filing_id: str, project: str, hurdle: float, charts_dir: Path) -> dict[str, Path]:
    steps = [float(step) for step in GRID_STEPS]
    drawn = {
        "tornado": charts.tornado(project, stress.tornado, base_case_npv(stress)),
        "heatmap": charts.heatmap(project, steps, steps, stress.grid_irr, hurdle),
        "npv_histogram": charts.npv_histogram(project, stress.monte_carlo_npv),
    }
    paths = {}
    for kind, svg in drawn.items():
        paths[kind] = chart_path(charts_dir, filing_id, project, kind)
        paths[kind].write_text(svg, encoding="utf-8")
    return paths
