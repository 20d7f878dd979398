"""The sensitivity charts: titled with the project, centred where an analyst reads them."""

import re

import numpy as np

from orchestration.lib.report import charts

TORNADO = [
    {"driver": "price", "low": 0.9, "high": 1.1, "npv_low": 800.0, "npv_high": 1400.0},
    {"driver": "capex", "low": 0.9, "high": 1.1, "npv_low": 1150.0, "npv_high": 1050.0},
]


def _bars(svg: str) -> list[tuple[float, float, str]]:
    return [(float(x), float(w), fill) for x, w, fill in
            re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="26.0" fill="(#\w+)"', svg)]


def test_the_tornado_is_centred_on_the_base_case_and_has_a_legend():
    svg = charts.tornado("示例项目", TORNADO, base_npv=1100.0)
    assert "示例项目: NPV tornado" in svg
    assert "low setting of the driver" in svg and "high setting of the driver" in svg
    assert "base case NPV 1,100 万元" in svg
    # every bar starts or ends at the base-case line
    base_x = float(re.search(r'<line x1="([\d.]+)" y1="54"', svg).group(1))
    for x, width, _ in _bars(svg):
        assert abs(x - base_x) < 0.2 or abs(x + width - base_x) < 0.2


def test_the_heat_map_is_white_at_the_hurdle_red_below_and_green_above():
    assert charts.diverging_colour(0.08, 0.08, 0.05) == "#ffffff"
    below, above = charts.diverging_colour(0.03, 0.08, 0.05), charts.diverging_colour(0.13, 0.08, 0.05)
    assert below == "#d73027" and above == "#1a9641"
    svg = charts.heatmap("示例项目", [0.9, 1.0], [0.9, 1.0], np.array([[0.05, 0.08], [0.08, 0.12]]), 0.08)
    assert "示例项目: IRR after tax by price and utilisation" in svg
    assert "white = hurdle rate 8.0%" in svg


def test_the_npv_histogram_marks_the_share_below_zero_and_percentiles():
    samples = np.arange(-100.0, 300.0)  # 100 of 400 below zero
    svg = charts.npv_histogram("示例项目", samples)
    assert "P(NPV&lt;0) = 25.0% of 400 scenarios" in svg
    p5, p50, p95 = np.percentile(samples, [5, 50, 95])
    for name, value in (("P5", p5), ("P50", p50), ("P95", p95)):
        assert f"{name} {value:,.0f}" in svg
