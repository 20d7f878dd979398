"""The sensitivity charts of a project as hand-written SVG: vector, offline, and set in the page's font.

Each chart is titled with the project's name. The tornado is centred on the base-case NPV; the heat map's
colours diverge at the hurdle rate (red below, green above, white at it); the NPV histogram marks
P(NPV<0) and the 5th, 50th and 95th percentiles.
"""

from __future__ import annotations

import math
from html import escape

import numpy as np

LOW, HIGH = "#c0504d", "#4f81bd"
WIDTH = 720
FONT = "font-family=\"'Noto Sans SC', sans-serif\""


def _svg(height: int, body: list[str], title: str) -> str:
    header = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
              f'height="{height}" {FONT} font-size="12" role="img">')
    heading = f'<text x="{WIDTH / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">{escape(title)}</text>'
    return "\n".join([header, f"<title>{escape(title)}</title>", heading, *body, "</svg>"])


def _text(x: float, y: float, content: str, anchor: str = "start", size: int = 12, extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" {extra}>'
            f"{escape(content)}</text>")


def _rect(x: float, y: float, w: float, h: float, fill: str, extra: str = "") -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" fill="{fill}" {extra}/>'


def _scale(lo: float, hi: float, left: float, right: float):
    span = (hi - lo) or 1.0
    return lambda v: left + (v - lo) / span * (right - left)


def tornado(project: str, rows: list[dict], base_npv: float) -> str:
    """One bar per driver from its low-setting NPV to its high-setting NPV, around the base case."""
    rows = sorted(rows, key=lambda r: -abs(r["npv_high"] - r["npv_low"]))
    values = [base_npv, *(v for r in rows for v in (r["npv_low"], r["npv_high"]))]
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.08 or 1.0
    x = _scale(lo - pad, hi + pad, 190, WIDTH - 30)
    top, bar = 60, 26
    body = [
        _rect(190, 32, 12, 12, LOW), _text(206, 43, "low setting of the driver"),
        _rect(380, 32, 12, 12, HIGH), _text(396, 43, "high setting of the driver"),
    ]
    for i, r in enumerate(rows):
        y = top + i * (bar + 8)
        for value, colour in ((r["npv_low"], LOW), (r["npv_high"], HIGH)):
            start, end = sorted((x(base_npv), x(value)))
            body.append(_rect(start, y, end - start, bar, colour, 'fill-opacity="0.85"'))
        label = f"{r['driver']} ({_setting(r['low'])} / {_setting(r['high'])})"
        body.append(_text(182, y + bar / 2 + 4, label, "end"))
    bottom = top + len(rows) * (bar + 8)
    body.append(f'<line x1="{x(base_npv):.1f}" y1="{top - 6}" x2="{x(base_npv):.1f}" y2="{bottom}" stroke="black"/>')
    body.append(_text(x(base_npv), bottom + 16, f"base case NPV {base_npv:,.0f} 万元", "middle"))
    body += _axis(x, lo - pad, hi + pad, bottom + 34, "NPV (万元)")
    return _svg(bottom + 70, body, f"{project}: NPV tornado")


def _setting(value: float) -> str:
    return f"{value:.2f}" if abs(value) >= 0.5 else f"{value:.1%}"


def _axis(x, lo: float, hi: float, y: float, label: str) -> list[str]:
    parts = [f'<line x1="{x(lo):.1f}" y1="{y}" x2="{x(hi):.1f}" y2="{y}" stroke="#555"/>']
    for tick in np.linspace(lo, hi, 6):
        parts.append(f'<line x1="{x(tick):.1f}" y1="{y}" x2="{x(tick):.1f}" y2="{y + 4}" stroke="#555"/>')
        parts.append(_text(x(tick), y + 16, f"{tick:,.0f}", "middle", 11))
    parts.append(_text((x(lo) + x(hi)) / 2, y + 32, label, "middle"))
    return parts


def diverging_colour(value: float | None, centre: float, reach: float) -> str:
    """White at the centre, deeper green above it and deeper red below it; grey when undefined."""
    if value is None or not math.isfinite(value):
        return "#d9d9d9"
    t = max(-1.0, min(1.0, (value - centre) / (reach or 1.0)))
    target = (26, 150, 65) if t >= 0 else (215, 48, 39)
    r, g, b = (round(255 + (c - 255) * abs(t)) for c in target)
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap(project: str, prices: list[float], utilisations: list[float], irr: np.ndarray, hurdle: float) -> str:
    """IRR over price x utilisation multipliers (rows: price, columns: utilisation), centred on the hurdle."""
    finite = irr[np.isfinite(irr)]
    reach = float(np.max(np.abs(finite - hurdle))) if finite.size else 1.0
    cell, left, top = 52, 110, 50
    body = []
    for i, price in enumerate(prices):
        y = top + (len(prices) - 1 - i) * cell  # the highest price on top
        body.append(_text(left - 8, y + cell / 2 + 4, f"{price:.2f}", "end"))
        for j, _ in enumerate(utilisations):
            value = float(irr[i, j])
            body.append(_rect(left + j * cell, y, cell - 2, cell - 2, diverging_colour(value, hurdle, reach)))
            text = f"{value:.1%}" if math.isfinite(value) else "n/a"
            body.append(_text(left + j * cell + cell / 2 - 1, y + cell / 2 + 4, text, "middle", 10))
    bottom = top + len(prices) * cell
    for j, utilisation in enumerate(utilisations):
        body.append(_text(left + j * cell + cell / 2, bottom + 16, f"{utilisation:.2f}", "middle"))
    body.append(_text(left + len(utilisations) * cell / 2, bottom + 36, "utilisation multiplier", "middle"))
    body.append(_text(24, top + len(prices) * cell / 2, "price multiplier", "middle",
                      extra=f'transform="rotate(-90 24 {top + len(prices) * cell / 2})"'))
    body += _legend(left + len(utilisations) * cell + 30, top, hurdle, reach)
    return _svg(bottom + 56, body, f"{project}: IRR after tax by price and utilisation")


def _legend(x: float, top: float, hurdle: float, reach: float) -> list[str]:
    parts, steps, height = [], 9, 26
    for k in range(steps):
        value = hurdle + reach * (1 - 2 * k / (steps - 1))
        parts.append(_rect(x, top + k * height, 18, height, diverging_colour(value, hurdle, reach)))
        parts.append(_text(x + 24, top + k * height + height / 2 + 4, f"{value:.1%}", size=10))
    parts.append(_text(x, top + steps * height + 16, f"white = hurdle rate {hurdle:.1%}", size=11))
    return parts


def npv_histogram(project: str, samples: np.ndarray, bins: int = 60) -> str:
    """The Monte Carlo NPV distribution with P(NPV<0) and P5 / P50 / P95 marked."""
    samples = samples[np.isfinite(samples)]
    if samples.size == 0:
        return _svg(60, [_text(20, 45, "no defined NPV in any scenario")], f"{project}: NPV distribution")
    counts, edges = np.histogram(samples, bins=bins)
    p5, p50, p95 = np.percentile(samples, [5, 50, 95])
    below = float((samples < 0).mean())
    lo, hi = float(edges[0]), float(edges[-1])
    x = _scale(lo, hi, 60, WIDTH - 30)
    top, height = 60, 240
    peak = counts.max() or 1
    body = [_text(60, 46, f"P(NPV<0) = {below:.1%} of {samples.size:,} scenarios", size=13)]
    for count, start, end in zip(counts, edges[:-1], edges[1:], strict=True):
        h = count / peak * height
        colour = LOW if end <= 0 else HIGH
        body.append(_rect(x(start), top + height - h, x(end) - x(start) - 0.5, h, colour))
    if lo < 0 < hi:
        body.append(f'<line x1="{x(0):.1f}" y1="{top}" x2="{x(0):.1f}" y2="{top + height}" stroke="black" stroke-width="2"/>')
    for name, value in (("P5", p5), ("P50", p50), ("P95", p95)):
        body.append(f'<line x1="{x(value):.1f}" y1="{top}" x2="{x(value):.1f}" y2="{top + height}" '
                    'stroke="#333" stroke-dasharray="4 3"/>')
        body.append(_text(x(value), top - 4, f"{name} {value:,.0f}", "middle", 11))
    body += _axis(x, lo, hi, top + height + 8, "NPV (万元); red: NPV below zero")
    return _svg(top + height + 60, body, f"{project}: NPV distribution (Monte Carlo)")
