"""The few HTML pieces every page is made of: the page shell, tables, numbers and links to printed lines."""

from __future__ import annotations

import math
from collections.abc import Iterable
from html import escape

from orchestration.lib.report.queries import Line

FONT_FILE = "font/NotoSansSC-subset.otf"
FONT_FAMILY = "Noto Sans SC"

_STYLE = """
@font-face { font-family: 'FAMILY'; src: url('FONTFILE') format('opentype'); }
body { font-family: 'FAMILY', sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
nav a { margin-right: 1.2em; }
table { border-collapse: collapse; margin: 0.8em 0 1.6em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; vertical-align: top; }
th { background: #f2f2f2; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.off td, td.off { background: #fde0dc; }
td.closes { background: #c9ebc4; font-weight: bold; }
.severity-high { color: #b00020; font-weight: bold; }
.severity-medium { color: #b36b00; }
.quote { font-family: 'FAMILY', monospace; background: #f7f7f7; padding: 2px 6px; white-space: pre-wrap; }
.filing td.text { white-space: pre-wrap; }
.filing tr:target td { background: #fff3b0; }
.muted { color: #777; }
input, select { font-family: inherit; margin-right: 1em; }
""".replace("FAMILY", FONT_FAMILY).replace("FONTFILE", FONT_FILE)


def page(title: str, body: str, script: str = "") -> str:
    nav = ('<nav><a href="index.html">概览 Overview</a><a href="findings.html">问题 Findings</a>'
           '<a href="facts.html">事实 Facts</a></nav>')
    return (f'<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{_STYLE}</style></head>\n<body>{nav}<h1>{escape(title)}</h1>\n{body}\n"
            f"{f'<script>{script}</script>' if script else ''}</body></html>\n")


def table(headers: Iterable[str], rows: Iterable[str], attrs: str = "") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    return f"<table {attrs}><thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>"


def row(cells: Iterable[str], attrs: str = "") -> str:
    return (f"<tr {attrs}>" if attrs else "<tr>") + "".join(cells) + "</tr>"


def cell(content: str, css: str = "") -> str:
    """A cell of already-escaped HTML."""
    return f'<td class="{css}">{content}</td>' if css else f"<td>{content}</td>"


def text(value) -> str:
    return cell(escape("" if value is None else str(value)))


def is_number(value) -> bool:
    return isinstance(value, int | float) and not (isinstance(value, float) and not math.isfinite(value))


def number(value, digits: int = 2) -> str:
    return f"{value:,.{digits}f}" if is_number(value) else "—"


def percent(value, digits: int = 2) -> str:
    """A fraction of one (a probability) as a percentage."""
    return f"{value:.{digits}%}" if is_number(value) else "—"


def percent_points(value, digits: int = 2) -> str:
    """A rate stored in percent (a ``_pct`` measure)."""
    return f"{value:.{digits}f}%" if is_number(value) else "—"


def filing_page(filing_id: str) -> str:
    return f"filing-{filing_id}.html"


def line_href(line: Line) -> str:
    return f"{filing_page(line.filing_id)}#L{line.line_no}"


def linked(content: str, line: Line | None) -> str:
    """A printed number linked to the line it was printed on (title: file:line)."""
    if line is None:
        return escape(content)
    return f'<a href="{line_href(line)}" title="{escape(line.location)}">{escape(content)}</a>'


def line_links(lines: list[Line]) -> str:
    return ", ".join(linked(f"line {line.line_no}", line) for line in lines) or '<span class="muted">override</span>'
