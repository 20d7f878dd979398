"""Deterministic synthetic filings for fictional issuers, with the exact ground truth of every number.

generate_corpus(out_dir, seed)       writes out_dir/filings/* and out_dir/ground_truth/*.json
ensure_sample_corpus(out_dir, seed)  the same, only when the corpus is missing or stale
generate_fuzzed_corpus(out_dir, seeds)  the layout-fuzzed corpus, one document per seed (fuzz.py)
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from orchestration.lib.corpus.blocks import Block, Paragraph
from orchestration.lib.corpus.catalog import FILINGS, FilingSpec
from orchestration.lib.corpus.companies import COMPANY_BY_KEY
from orchestration.lib.corpus.content import DOC_TITLES, ContentBuilder
from orchestration.lib.corpus.figures import draw_figures
from orchestration.lib.corpus.fuzz import generate_fuzzed_corpus
from orchestration.lib.corpus.layout import Layouter, Line
from orchestration.lib.corpus.portal import notice_title, text_menu_lines
from orchestration.lib.corpus.render_html import render_html
from orchestration.lib.corpus.render_pdf import render_pdf
from orchestration.lib.corpus.render_txt import render_txt
from orchestration.lib.corpus.truth import ground_truth

__all__ = ["GENERATOR_VERSION", "ensure_sample_corpus", "generate_corpus", "generate_fuzzed_corpus"]

# Bump whenever the output changes, so ensure_sample_corpus regenerates stale corpora.
GENERATOR_VERSION = "4"
STAMP_FILE = ".corpus-stamp.json"
GENERATED_SUFFIXES = (".txt", ".html", ".pdf", ".json")


def generate_corpus(out_dir: Path, seed: int = 2026) -> list[Path]:
    filings_dir, truth_dir = Path(out_dir) / "filings", Path(out_dir) / "ground_truth"
    for directory in (filings_dir, truth_dir):
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.iterdir():
            if stale.suffix in GENERATED_SUFFIXES:
                stale.unlink()
    paths = []
    for spec in FILINGS:
        content, truth = build_filing(spec, seed)
        path = filings_dir / spec.file_name
        path.write_bytes(content)
        (truth_dir / f"{spec.file_name}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        paths.append(path)
    (Path(out_dir) / STAMP_FILE).write_text(json.dumps(_stamp(seed)), encoding="utf-8")
    return paths


def ensure_sample_corpus(out_dir: Path, seed: int = 2026) -> Path:
    stamp = Path(out_dir) / STAMP_FILE
    fresh = stamp.is_file() and json.loads(stamp.read_text(encoding="utf-8")) == _stamp(seed)
    if not (fresh and (Path(out_dir) / "filings").is_dir()):
        generate_corpus(out_dir, seed)
    return Path(out_dir) / "filings"


def build_filing(spec: FilingSpec, seed: int) -> tuple[bytes, dict]:
    """The file bytes and the ground truth of one filing."""
    company = COMPANY_BY_KEY[spec.company_key]
    # Figures depend on the company only, so a company's filings print the same numbers.
    figures = draw_figures(company, random.Random(f"{seed}:{company.key}"))
    blocks = ContentBuilder(company, figures, spec.style, spec.published).build(spec.doc_kind)
    title = f"关于{company.name}申请向特定对象发行股票{DOC_TITLES[spec.doc_kind]}"
    if spec.portal and spec.file_format == "txt":
        blocks = [*_portal_header_blocks(spec, title), *blocks]
    lines = Layouter(spec.style).layout(blocks)
    return _render(spec, lines, f"{company.short_name}:{title}"), ground_truth(spec, company, lines)


def _portal_header_blocks(spec: FilingSpec, title: str) -> list[Block]:
    company = COMPANY_BY_KEY[spec.company_key]
    heading = notice_title(company.short_name, title, company.exchange_name, spec.published)
    return [*(Paragraph((line,)) for line in text_menu_lines()), Paragraph((heading,))]


def _render(spec: FilingSpec, lines: list[Line], page_title: str) -> bytes:
    if spec.file_format == "html":
        return render_html(lines, page_title)
    if spec.file_format == "pdf":
        return render_pdf(lines, page_title)
    return render_txt(lines, spec.encoding)


def _stamp(seed: int) -> dict:
    return {"generator_version": GENERATOR_VERSION, "seed": seed}
