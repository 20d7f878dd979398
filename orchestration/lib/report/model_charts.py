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


CHART_KINDS = ("tornado", "heatmap", "npv_histogram")


def project_chart_paths(charts_dir: Path, filing_id: str, project: str) -> list[Path]:
    return [chart_path(charts_dir, filing_id, project, kind) for kind in CHART_KINDS]


def keep_only_charts(charts_dir: Path, kept: set[Path]) -> Path:
    """The charts folder with these charts only: charts of projects that are gone must not outlive them."""
    charts_dir.mkdir(parents=True, exist_ok=True)
    for path in charts_dir.iterdir():
        if path in kept:
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    return charts_dir


def write_project_charts(stress: Stress, filing_id: str, project: str, hurdle: float, charts_dir: Path) -> dict[str, Path]:
    steps = [float(step) for step in GRID_STEPS]
    drawn = dict(zip(CHART_KINDS, (
        charts.tornado(project, stress.tornado, base_case_npv(stress)),
        charts.heatmap(project, steps, steps, stress.grid_irr, hurdle),
        charts.npv_histogram(project, stress.monte_carlo_npv),
    ), strict=True))
    paths = {}
    for kind, svg in drawn.items():
        paths[kind] = chart_path(charts_dir, filing_id, project, kind)
        paths[kind].write_text(svg, encoding="utf-8")
    return paths
