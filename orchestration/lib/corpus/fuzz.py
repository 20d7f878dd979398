"""The layout-fuzzed corpus: the same kinds of ground-truth tables, printed in many random layouts.

One document per seed. A seeded RNG draws the issuer (invented names and codes), the document
kind (annual, semi-annual or first/third-quarter report, or a financing document), the file format (HTML, text, PDF)
and, per table, its layout and number form. Seeds are split in two ranges (benchmarks/README.md):
DEV_SEEDS may be looked at while fixing the parser; HELD_OUT_SEEDS are only ever scored.

generate_fuzzed_corpus(out_dir, seeds)  writes out_dir/filings/fuzz_<seed>.* and out_dir/ground_truth/*.json
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from orchestration.lib.corpus.blocks import Heading, Paragraph, Style, Table
from orchestration.lib.corpus.companies import Company
from orchestration.lib.corpus.content import DOC_TITLES, ContentBuilder, chinese_year_month
from orchestration.lib.corpus.figures import draw_figures
from orchestration.lib.corpus.fuzz_html import HTML_LAYOUTS, HtmlWriter
from orchestration.lib.corpus.fuzz_text import TEXT_LAYOUTS, TextWriter, concat_lines
from orchestration.lib.corpus.issuers import draw_issuer
from orchestration.lib.corpus.number_forms import draw_form, print_cell
from orchestration.lib.corpus.periodic import PeriodicTables
from orchestration.lib.corpus.periodic_cells import Maker
from orchestration.lib.corpus.periodic_figures import ReportPeriod, draw_periodic_figures
from orchestration.lib.corpus.render_issuer_pdf import PDF_LAYOUTS, IssuerPdf
from orchestration.lib.corpus.tables import FuzzTable, Part, from_block_table
from orchestration.lib.corpus.truth import fact_record

__all__ = ["DEV_SEEDS", "HELD_OUT_SEEDS", "LAYOUTS", "build_fuzzed_document", "generate_fuzzed_corpus"]

DEV_SEEDS = range(1000, 1100)
HELD_OUT_SEEDS = range(9000, 9100)
LAYOUTS = {"html": HTML_LAYOUTS, "txt": TEXT_LAYOUTS, "pdf": PDF_LAYOUTS}
_FORMATS = ("html", "html", "html", "txt", "txt", "txt", "pdf", "pdf")
_KINDS = ("annual_report", "annual_report", "annual_report", "semiannual_report", "semiannual_report",
          "quarterly_report", "inquiry_reply", "auditor_statement", "feasibility_report")  # fmt: skip
PERIODIC_KINDS = ("annual_report", "semiannual_report", "quarterly_report")
LINE_BASIS = {"txt": "file_line", "html": "none", "pdf": "page"}
# Text files as they arrive: mostly UTF-8 with LF; some GB18030, some Windows or old-Mac line ends.
_ENCODINGS = ("utf-8", "utf-8", "utf-8", "utf-8", "gb18030")
_LINE_ENDINGS = ("\n",) * 7 + ("\r\n", "\r", "mixed")


def generate_fuzzed_corpus(out_dir: Path, seeds=DEV_SEEDS, tables_per_document: int | None = None) -> list[Path]:
    filings_dir, truth_dir = Path(out_dir) / "filings", Path(out_dir) / "ground_truth"
    for directory in (filings_dir, truth_dir):
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob("fuzz_*"):
            stale.unlink()
    paths = []
    for seed in seeds:
        name, content, truth = build_fuzzed_document(seed, tables_per_document)
        (filings_dir / name).write_bytes(content)
        (truth_dir / f"{name}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", "utf-8")
        paths.append(filings_dir / name)
    return paths


def build_fuzzed_document(
    seed: int, tables_per_document: int | None = None, *, kind: str | None = None, layout: str | None = None
) -> tuple[str, bytes, dict]:
    """(file name, file bytes, ground truth) of the fuzzed document of one seed.

    ``kind`` and ``layout`` pin the document kind and print every table in one layout (in the file
    format that layout belongs to), to reproduce one case; otherwise both are drawn from the seed.
    """
    rng = random.Random(f"fuzz:{seed}")
    company, drawn_kind, file_format = draw_issuer(rng), rng.choice(_KINDS), rng.choice(_FORMATS)
    kind = kind or drawn_kind
    if layout:
        file_format = next(fmt for fmt, layouts in LAYOUTS.items() if layout in layouts)
    if kind in PERIODIC_KINDS:
        period = ReportPeriod(kind, rng.randint(2019, 2025), rng.choice((1, 3)) if kind == "quarterly_report" else 0)
        blocks, published, running = _periodic_blocks(company, period, rng), period.published, period.title
    else:
        period, published = None, date(2025, rng.randint(10, 12), rng.randint(1, 28))  # after its 2025年1-9月
        blocks, running = _financing_blocks(company, kind, published, rng), DOC_TITLES[kind]
    blocks = _limit_tables(blocks, tables_per_document)
    placed = _place_tables(blocks, (layout,) if layout else LAYOUTS[file_format], rng)
    name = f"fuzz_{seed}.{file_format}"
    header = f"{company.short_name} {running}全文" if period else f"{company.name}{running}"
    content, facts = _render(file_format, placed, header, f"{company.short_name}:{running}", rng)
    encoding, line_ending = "utf-8", "\n"
    if file_format == "txt":
        encoding, line_ending = rng.choice(_ENCODINGS), rng.choice(_LINE_ENDINGS)
        content = _encode_text(content.decode("utf-8"), encoding, line_ending)
    truth = {
        "source_file": name,
        "format": file_format,
        "seed": seed,
        "company_name": company.name,
        "short_name": company.short_name,
        # metadata is true of a document only where it prints it: some feasibility reports never print their code
        "stock_code": company.stock_code if _prints(blocks, company.stock_code) else None,
        "exchange": company.exchange,
        "doc_kind": kind,
        "report_period": period.code if period else None,
        "published_date": published.isoformat(),
        "line_basis": LINE_BASIS[file_format],
        "encoding": encoding,
        "line_ending": {"\n": "lf", "\r\n": "crlf", "\r": "cr"}.get(line_ending, line_ending),
        "tables": [
            {"key": b.key, "layout": layout, "number_form": form, "n_facts": sum(len(_facts(p)) for p in b.parts)}
            for b, layout, form in placed
            if isinstance(b, FuzzTable)
        ],
        "facts": facts,
    }
    return name, content, truth


def _prints(blocks: list, text: str) -> bool:
    """Whether the document's prose (cover, headings, paragraphs) prints ``text`` anywhere."""
    printed = (part for block in blocks if isinstance(block, Paragraph | Heading) for part in _texts(block))
    return any(text in part for part in printed)


def _texts(block) -> list[str]:
    if isinstance(block, Heading):
        return [block.marker + block.title]
    return [part if isinstance(part, str) else part.raw_text for part in block.parts]


# ----- content


def _periodic_blocks(company: Company, period: ReportPeriod, rng: random.Random) -> list:
    figures = draw_periodic_figures(period, rng)
    tables = {t.key: t for t in PeriodicTables(company, period, figures, rng).build()}
    gap = rng.choice(("", " "))
    cover = [
        Paragraph((f"证券代码：{company.stock_code}{' ' * 6}证券简称：{company.short_name}",)),
        Paragraph((company.name,), centered=True),
        Paragraph((period.title.replace("年", f"{gap}年", 1),), centered=True),
        Paragraph((chinese_year_month(period.published),), centered=True),
    ]
    make = Maker(company, None)
    current = figures.flows[0]
    sentence = Paragraph(
        (
            "报告期内，公司实现营业收入",
            make.value(current["revenue"], "元", "revenue", period.code, None, None).fact,
            "元，归属于上市公司股东的净利润",
            make.value(current["net_profit_attributable"], "元", "net_profit_attributable", period.code, None, None).fact,
            "元。",
        )
    )
    if period.kind == "quarterly_report":
        sections = [
            Heading("一、", "主要财务数据"),
            Heading("（一）", "主要会计数据和财务指标"),
            *[tables[key] for key in ("key_indicators", "key_balances") if key in tables],
            sentence,
            Heading("二、", "季度财务报表"),
            Heading("（一）", "合并资产负债表"),
            tables["balance_sheet"],
            Heading("（二）", "合并利润表"),
            tables["income_statement"],
        ]
        return [*cover, *sections]
    sections = [
        Heading("第二节", " 公司简介和主要财务指标"),
        Heading("一、", "主要会计数据和财务指标"),
        tables["key_indicators"],
        *([Heading("二、", "分季度主要财务指标"), tables["quarterly"]] if "quarterly" in tables else []),
        Heading("第三节", " 管理层讨论与分析"),
        sentence,
        Heading("一、", "营业收入构成"),
        tables["revenue_composition"],
        Heading("二、", tables["segment_margins"].title),
        tables["segment_margins"],
        Heading("第十节", " 财务报告"),
        Heading("一、", "合并资产负债表"),
        tables["balance_sheet"],
        Heading("二、", "合并利润表"),
        tables["income_statement"],
    ]
    return [*cover, *sections]


def _financing_blocks(company: Company, kind: str, published: date, rng: random.Random) -> list:
    figures = draw_figures(company, rng)
    style = Style(table_layout="tab", code_on_cover=rng.random() < 0.8)
    blocks = ContentBuilder(company, figures, style, published).build(kind)
    return [from_block_table(b) if isinstance(b, Table) else b for b in blocks]


def _limit_tables(blocks: list, limit: int | None) -> list:
    if limit is None:
        return blocks
    kept, count = [], 0
    for block in blocks:
        if isinstance(block, FuzzTable):
            count += 1
            if count > limit:
                continue
        kept.append(block)
    return kept


def _place_tables(blocks: list, layouts: tuple[str, ...], rng: random.Random) -> list[tuple]:
    """Each table with its drawn layout and number form, its numbers reprinted in that form."""
    placed = []
    for block in blocks:
        if not isinstance(block, FuzzTable):
            placed.append((block, None, None))
            continue
        layout = rng.choice(layouts)
        form = draw_form(rng, full_width=layout == "fullwidth", split=layout == "html_split")
        parts = tuple(
            Part(p.header_lines, tuple(_reprint(row, form, rng) for row in p.rows)) for p in block.parts
        )
        placed.append((FuzzTable(block.key, block.title, block.unit_caption, parts, block.has_row_ids), layout, form.name()))
    return placed


def _reprint(row, form, rng):
    return type(row)(row.label, tuple(print_cell(cell, form, rng) for cell in row.cells), row.row_id)


def _facts(part: Part) -> list:
    return [cell.fact for row in part.rows for cell in row.cells if cell.fact]


# ----- rendering and truth


def _render(file_format: str, placed: list[tuple], running_header: str, title: str, rng) -> tuple[bytes, list[dict]]:
    keys = {id(f): b.key for b, _, _ in placed if isinstance(b, FuzzTable) for p in b.parts for f in _facts(p)}
    if file_format == "txt":
        writer = TextWriter(running_header, rng)
        for block, layout, _ in placed:
            if layout:
                writer.table(block, layout)
            else:
                writer.block(block)
        lines = writer.finish()
        records = [
            _record(fact, layout, keys, line_no=n) for n, line in enumerate(lines, 1) for fact, layout in line.facts
        ]
        return ("\n".join(line.text for line in lines) + "\n").encode("utf-8"), records
    if file_format == "html":
        writer, records = HtmlWriter(title, running_header, rng), []
        for block, layout, _ in placed:
            if not layout:
                writer.block(block)
                records += [_record(p, "prose", keys) for p in getattr(block, "parts", ()) if not isinstance(p, str)]
                continue
            run = [t for p in block.parts for t, _, _ in concat_lines(block, p, layout)] if layout == "concat" else None
            writer.table(block, layout, run)
            records += [_record(f, layout, keys) for p in block.parts for f in _facts(p)]
        return writer.render(), records
    cover = _cover_length(placed)
    pdf = IssuerPdf(title, running_header, rng.choice(("{page}", "- {page} -", "第 {page} 页")), rng)
    pdf.cover([(" ".join(b.parts), b.centered) for b, _, _ in placed[:cover]])
    for block, layout, _ in placed[cover:]:
        if layout:
            pdf.table(block, layout)
        else:
            pdf.block(block)
    content = pdf.finish()
    return content, [_record(fact, layout, keys, page=page) for fact, layout, page in pdf.facts]


def _encode_text(text: str, encoding: str, line_ending: str) -> bytes:
    """The text in its encoding; "mixed" ends odd lines with CRLF and even ones with LF."""
    lines = text.split("\n")
    if line_ending == "mixed":
        joined = "".join(line + ("\r\n" if k % 2 else "\n") for k, line in enumerate(lines[:-1])) + lines[-1]
    else:
        joined = line_ending.join(lines)
    return joined.encode(encoding)


def _cover_length(placed: list[tuple]) -> int:
    """The leading blocks a PDF prints on its cover page: centred title lines and the code line."""
    count = 0
    for block, layout, _ in placed:
        if layout or not isinstance(block, Paragraph):
            break
        if not (block.centered or block.parts[0].startswith(("证券代码", "证券简称"))):
            break
        count += 1
    return count


def _record(fact, layout: str, keys: dict, line_no: int | None = None, page: int | None = None) -> dict:
    return fact_record(
        fact, layout, line_no, page, table_key=keys.get(id(fact)), change_of=fact.change_of,
        compared=list(fact.compared) if fact.compared else None,
    )
