"""The pages of the report: overview, one per project, findings, facts, and one per filing (its lines)."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from orchestration.lib.report.html import (
    cell,
    filing_page,
    is_number,
    line_links,
    linked,
    number,
    page,
    percent,
    percent_points,
    row,
    table,
    text,
)
from orchestration.lib.report.queries import Line, Project

INPUT_GROUPS = {"asset": "Capex 投资", "product": "Fleet and prices 设备与价格", "revenue": "Other revenue 其他收入",
                "cost": "Costs 成本", "expense": "Expenses 费用", "other": "Other 其他"}


def project_page_name(index: int) -> str:
    return f"project-{index + 1}.html"


def index_page(companies: list[dict], filings: list[dict], projects: list[Project], finding_count: int) -> str:
    company_rows = [row([text(c["stock_code"]), cell(_facts_link(c["short_name"])), text(c["company_name"]),
                         text(c["exchange"]), cell(str(c["filing_count"]), "num")]) for c in companies]
    filing_rows = [row([cell(f'<a href="{filing_page(f["filing_id"])}">{escape(f["source_file"])}</a>'),
                        text(f["short_name"]), text(f["doc_kind"]), text(f["published_date"]),
                        cell(f"{f['n_lines']:,}", "num"), cell(f"{f['fact_count']:,}", "num")]) for f in filings]
    project_rows = [row([cell(f'<a href="{project_page_name(i)}">{escape(p.name)}</a>'), text(p.company),
                         cell(f'<a href="{filing_page(p.filing_id)}">{escape(p.source_file)}</a>'),
                         cell(linked(percent_points(p.published_irr), p.published_irr_line), "num"),
                         cell(_closing_text(p), "num")])
                    for i, p in enumerate(projects)]
    body = (
        f"<p>{len(companies)} companies, {len(filings)} filings, {len(projects)} modelled projects, "
        f'<a href="findings.html">{finding_count} findings</a>.</p>'
        "<h2>Companies 公司</h2>" + table(["stock code", "short name", "name", "exchange", "filings"], company_rows)
        + "<h2>Filings 文件</h2>" + table(["file", "company", "kind", "published", "lines", "facts"], filing_rows)
        + "<h2>Projects 项目</h2>"
        + table(["project", "company", "filing", "published IRR", "recomputed IRR (best-fitting convention)"], project_rows)
    )
    return page("zhisuan 智算 report", body)


def _facts_link(company: str | None) -> str:
    if not company:
        return ""
    return f'<a href="facts.html?company={quote(company)}" title="its facts">{escape(company)}</a>'


def _closing_text(project: Project) -> str:
    closing = project.closing_irr
    return f"{percent_points(closing['recomputed'])} ({escape(closing['convention'])})" if closing else "—"


def project_page(project: Project, charts: dict[str, str]) -> str:
    filing_link = f'<a href="{filing_page(project.filing_id)}">{escape(project.source_file)}</a>'
    body = (
        f"<p>{escape(project.company)} · filing {filing_link} · calibrated conventions: "
        f"<code>{escape(project.conventions or '—')}</code></p>"
        + _returns_section(project) + _forecast_section(project) + _inputs_section(project)
        + _sensitivity_section(project, charts)
    )
    return page(project.name, body)


def _returns_section(project: Project) -> str:
    """One row per measure: the published figure beside the recomputed one under every cash-flow convention."""
    closing = project.closing_irr
    conventions = list(dict.fromkeys(r["convention"] for r in project.returns))
    measures: dict[str, dict[str, dict]] = {}
    for r in project.returns:
        measures.setdefault(r["measure"], {})[r["convention"]] = r
    rows = []
    for measure, by_convention in measures.items():
        show = percent_points if measure.endswith("_pct") else number
        published = next((r for r in by_convention.values() if is_number(r["published"])), None)
        cells = [text(measure), cell(linked(show(published["published"]), published["line"]) if published else "—", "num")]
        for convention in conventions:
            r = by_convention.get(convention)
            css = "num closes" if r is not None and r is closing else "num"
            cells.append(cell(show(r["recomputed"]) if r else "—", css))
        rows.append(row(cells))
    extra = closing["implied_extra_investment_wan"] if closing else None
    note = (f"<p>Published IRR after tax <strong>{percent_points(project.published_irr)}</strong>; recomputed "
            f"<strong>{_closing_text(project)}</strong>, under the cash-flow convention calibration ranked best (highlighted)."
            + (f" Extra investment that would make the published IRR true under it: {number(extra)} 万元." if is_number(extra) else "")
            + "</p>")
    return "<h2>Returns 收益</h2>" + note + table(["measure", "published", *conventions], rows, 'class="returns"')


def _forecast_section(project: Project) -> str:
    rows = []
    for r in project.forecast:
        off = r["within_tolerance"] is False
        rows.append(row([
            text(r["metric"]), cell(str(r["year"]), "num"),
            cell(linked(number(r["published_wan"]), r["line"]), "num"),
            cell(number(r["recomputed_wan"]), "num"), cell(number(r["difference_wan"], 4), "num"),
            text("yes" if r["within_tolerance"] else "NO"),
        ], 'class="off"' if off else ""))
    differing = sum(1 for r in project.forecast if r["within_tolerance"] is False)
    note = (f"<p>{len(project.forecast)} published figures re-run; {differing} differ beyond rounding "
            "(highlighted).</p>")
    headers = ["line", "year", "published (万元)", "recomputed (万元)", "difference", "within rounding"]
    return "<h2>Forecast: published and recomputed 预测对比</h2>" + note + table(headers, rows, 'class="forecast"')


def _inputs_section(project: Project) -> str:
    grouped: dict[tuple[str, str], list[dict]] = {}
    for a in project.inputs:
        grouped.setdefault((a["group"], a["name"]), []).append(a)
    rows = []
    for (group, name), items in grouped.items():
        values = "; ".join(f"Y{a['year']}: {number(a['value'])}" if a["year"] is not None else number(a["value"])
                           for a in items)
        lines = sorted({line for a in items for line in a["lines"]}, key=lambda line: line.line_no)
        rows.append(row([text(INPUT_GROUPS.get(group, group)), text(name), text(items[0]["unit"]), text(values),
                         cell(line_links(lines))]))
    return ("<h2>What the model rests on: capex, fleet, prices, costs 模型输入</h2>"
            + table(["group", "input", "unit", "values", "printed on"], rows, 'class="inputs"'))


def _sensitivity_section(project: Project, charts: dict[str, str]) -> str:
    s = project.sensitivity
    summary = (f"<p>Monte Carlo: P(NPV&lt;0) = {percent(s.get('prob_npv_negative'), 1)}; NPV P10 / P50 / P90 = "
               f"{number(s.get('npv_p10'), 0)} / {number(s.get('npv_p50'), 0)} / {number(s.get('npv_p90'), 0)} 万元.</p>")
    figures = "".join(f'<figure class="chart">{svg}</figure>' for svg in charts.values())
    if not figures:
        figures = '<p class="muted">No charts: they are drawn by the model run (zhisuan run).</p>'
    return "<h2>Sensitivity 敏感性</h2>" + summary + figures


def findings_page(findings: list[dict], texts: dict[str, str]) -> str:
    blocks = []
    for f in findings:
        quotes = []
        for filing_id, line_no, raw, source in zip(f["filing_ids"], f["line_nos"], f["raw_texts"], f["source_files"],
                                                   strict=True):
            line = Line(filing_id, line_no, source)
            printed = _line_text(texts.get(filing_id), line_no)
            quotes.append(f'<li>{linked(f"{source}:{line_no}", line)} printed <strong>{escape(raw)}</strong>: '
                          f'<span class="quote">{escape(printed)}</span></li>')
        blocks.append(
            f'<div class="finding" id="{escape(f["finding_id"])}"><h3><span class="severity-{escape(f["severity"])}">'
            f'{escape(f["severity"])}</span> · {escape(f["kind"])}</h3><p>{escape(f["description"])}</p>'
            f'<p lang="zh">{escape(f["description_zh"] or "")}</p>'
            f'<ul>{"".join(quotes)}</ul></div>'
        )
    counts = {}
    for f in findings:
        counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    summary = ", ".join(f"{n} {severity}" for severity, n in counts.items()) or "none"
    return page("Findings 问题", f"<p>{len(findings)} findings, most severe first: {summary}.</p>" + "".join(blocks))


def _line_text(text_of_filing: str | None, line_no: int) -> str:
    if not text_of_filing:
        return ""
    lines = text_of_filing.split("\n")
    return lines[line_no - 1].strip() if 0 < line_no <= len(lines) else ""


_FILTER_SCRIPT = """
const rows = Array.from(document.querySelectorAll('#facts tbody tr'));
const inputs = ['company', 'metric', 'period', 'entity'].map(id => document.getElementById(id));
// facts.html?company=...&metric=...&period=... opens already filtered (the overview links that way).
const params = new URLSearchParams(location.search);
inputs.forEach(i => { if (params.get(i.id)) i.value = params.get(i.id); });
// Company, metric and period are codes: they match whole. An entity name matches any part of it.
function matches(field, wanted, value) {
  return !wanted || (field === 'entity' ? value.toLowerCase().includes(wanted.toLowerCase()) : value === wanted);
}
function apply() {
  const wanted = inputs.map(i => i.value.trim());
  let shown = 0;
  for (const r of rows) {
    const ok = wanted.every((w, k) => matches(inputs[k].id, w, r.dataset[inputs[k].id] || ''));
    r.style.display = ok ? '' : 'none';
    if (ok) shown += 1;
  }
  document.getElementById('shown').textContent = shown;
}
inputs.forEach(i => i.addEventListener('input', apply));
apply();
"""


def facts_page(facts: list[dict], files: dict[str, str]) -> str:
    companies = sorted({f["company"] or "" for f in facts})
    options = "".join(f'<option value="{escape(c)}">{escape(c)}</option>' for c in companies)
    controls = (f'<p><select id="company"><option value="">all companies</option>{options}</select>'
                '<input id="metric" placeholder="metric id, e.g. revenue"><input id="period" placeholder="period code, e.g. FY2024">'
                '<input id="entity" placeholder="entity"> <span id="shown"></span> shown</p>')
    rows = []
    for f in facts:
        line = Line(f["filing_id"], f["line_no"], files.get(f["filing_id"], f["filing_id"]))
        data = " ".join(f'data-{key}="{escape(str(f[key] or ""))}"' for key in ("company", "metric", "period", "entity"))
        rows.append(row([
            text(f["company"]), text(f["metric"]), text(f["period"]), text(f["entity"]), text(f["label_zh"]),
            cell(linked(f["raw_text"], line), "num"), text(f["unit"]), cell(linked(line.location, line)),
        ], data))
    headers = ["company", "metric", "period", "entity", "printed label", "printed value", "unit", "file:line"]
    return page("Facts 事实", controls + table(headers, rows, 'id="facts"'), _FILTER_SCRIPT)


def filing_text_page(filing: dict, text_of_filing: str, facts_by_line: dict[int, list[dict]]) -> str:
    rows = []
    for number_, content in enumerate(text_of_filing.split("\n"), start=1):
        printed = facts_by_line.get(number_, [])
        labels = "; ".join(f"{f['metric'] or f['label_zh']} {f['raw_text']}" for f in printed)
        rows.append(f'<tr id="L{number_}"><td class="num"><a href="#L{number_}">{number_}</a></td>'
                    f'<td class="text">{escape(content)}</td><td class="muted">{escape(labels)}</td></tr>')
    title = f"{filing['source_file']} · {filing['short_name'] or ''}"
    return page(title, table(["line", "text", "facts read from it"], rows, 'class="filing"'))
