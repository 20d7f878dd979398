"""GX Data Docs that open offline and say which run and which table each validation is.

GX renders its site with stylesheets and scripts from public CDNs, and its index page is an empty table
that a CDN script fills in. After every build, this module drops each remote reference, links one local
stylesheet shipped with this package, names the data asset where GX prints "None", and writes the index
as plain HTML from the stored validation results: newest first, with run name, asset, suite and status.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

STYLESHEET = Path(__file__).with_name("data_docs.css")
_STYLESHEET_IN_SITE = Path("static") / "styles" / STYLESHEET.name

_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=[\"']https?://[^>]*>\s*", re.IGNORECASE)
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>\s*", re.IGNORECASE)
_REMOTE_IMAGE = re.compile(r"<img\b[^>]*\bsrc=[\"']https?://[^>]*>", re.IGNORECASE | re.DOTALL)
_REMOTE_CSS_URL = re.compile(r"url\(\s*[\"']?https?://[^)]*\)", re.IGNORECASE)
_UNNAMED_ASSET = "Data asset: None"


@dataclass(frozen=True, slots=True)
class ValidationEntry:
    """One stored validation result, as the index lists it."""

    page: str  # the result's page, relative to the site root
    suite: str
    asset: str
    run_name: str
    run_time: str
    success: bool
    evaluated: int
    failed: int


def make_offline(site: Path, results: Path, pages: list[Path] | None = None) -> None:
    """Rewrite the site under ``site`` from the validation results stored under ``results``: the given pages
    (those just rendered), or every page, and the index."""
    entries = read_results(results)
    assets = {entry.page: entry.asset for entry in entries}
    target = site / _STYLESHEET_IN_SITE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STYLESHEET, target)
    for page in (site.rglob("*.html") if pages is None else pages):
        relative = page.relative_to(site).as_posix()
        text = _local_only(page.read_text(encoding="utf-8"), _stylesheet_href(relative))
        if relative in assets:
            text = text.replace(_UNNAMED_ASSET, f"Data asset: {html.escape(assets[relative])}")
        page.write_text(text, encoding="utf-8")
    suites = sorted(path.stem for path in (site / "expectations").glob("*.html"))
    (site / "index.html").write_text(index_page(entries, suites), encoding="utf-8")


def read_results(results: Path) -> list[ValidationEntry]:
    """Every stored validation result (``<suite>/<run name>/<run time>/<batch>.json``), newest first."""
    entries = [_entry(path, path.relative_to(results)) for path in results.rglob("*.json")]
    return sorted(entries, key=lambda e: (e.run_time, e.suite), reverse=True)


def index_page(entries: list[ValidationEntry], suites: list[str]) -> str:
    rows = "\n".join(
        f"<tr class=\"{'passed' if e.success else 'failed'}\"><td>{'passed' if e.success else 'FAILED'}</td>"
        f"<td>{html.escape(e.run_time)}</td><td>{html.escape(e.run_name)}</td><td>{html.escape(e.asset)}</td>"
        f"<td><a href=\"{html.escape(e.page)}\">{html.escape(e.suite)}</a></td>"
        f"<td>{e.evaluated}</td><td>{e.failed}</td></tr>"
        for e in entries
    )
    suite_links = "".join(f'<li><a href="expectations/{html.escape(s)}.html">{html.escape(s)}</a></li>' for s in suites)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>zhisuan: GX validations</title>"
        f"<link rel=\"stylesheet\" href=\"{_STYLESHEET_IN_SITE.as_posix()}\"></head><body><main>"
        "<h1>Great Expectations validations</h1>"
        "<p>Every suite run on this warehouse, newest first. Each run name is the Dagster run that validated.</p>"
        "<table><thead><tr><th>status</th><th>run time (UTC)</th><th>run name</th><th>data asset</th>"
        "<th>suite</th><th>expectations</th><th>failed</th></tr></thead>"
        f"<tbody>\n{rows}\n</tbody></table><h2>Suites</h2><ul>{suite_links}</ul></main></body></html>\n"
    )


def _entry(path: Path, relative: Path) -> ValidationEntry:
    result = json.loads(path.read_text(encoding="utf-8"))
    meta = result.get("meta") or {}
    statistics = result.get("statistics") or {}
    run = meta.get("run_id") or {}
    asset = (meta.get("active_batch_definition") or {}).get("data_asset_name")
    return ValidationEntry(
        page=(Path("validations") / relative.with_suffix(".html")).as_posix(),
        suite=result.get("suite_name") or relative.parts[0],
        asset=asset or result.get("suite_name") or "",
        run_name=run.get("run_name") or relative.parts[1],
        run_time=str(run.get("run_time") or relative.parts[2])[:19].replace("T", " "),
        success=bool(result.get("success")),
        evaluated=int(statistics.get("evaluated_expectations") or 0),
        failed=int(statistics.get("unsuccessful_expectations") or 0),
    )


def _local_only(text: str, stylesheet_href: str) -> str:
    for pattern in (_REMOTE_LINK, _REMOTE_SCRIPT, _REMOTE_IMAGE):
        text = pattern.sub("", text)
    text = _REMOTE_CSS_URL.sub("none", text)
    if stylesheet_href not in text:
        text = text.replace("</head>", f'<link rel="stylesheet" href="{stylesheet_href}">\n</head>', 1)
    return text


def _stylesheet_href(page: str) -> str:
    depth = page.count("/")
    return "../" * depth + _STYLESHEET_IN_SITE.as_posix()
