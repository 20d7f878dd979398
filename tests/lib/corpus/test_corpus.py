"""The synthetic corpus is the parser's answer key: these tests pin that the key is exact and complete."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from orchestration.lib.corpus import ensure_sample_corpus, generate_corpus
from orchestration.lib.vocabulary.kinds import PERIOD_PATTERN
from orchestration.lib.vocabulary.metrics import METRICS


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory) -> Path:
    out_dir = tmp_path_factory.mktemp("corpus")
    generate_corpus(out_dir)
    return out_dir


@pytest.fixture(scope="session")
def truths(corpus_dir) -> dict[str, dict]:
    return {
        path.name.removesuffix(".json"): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((corpus_dir / "ground_truth").glob("*.json"))
    }


def printed(fact: dict) -> Decimal:
    return Decimal(fact["raw_text"].replace(",", "").rstrip("%"))


def table_facts(truth: dict, title_fragment: str) -> list[dict]:
    return [f for f in truth["facts"] if f["table_title"] and title_fragment in f["table_title"]]


def test_two_runs_with_the_same_seed_are_byte_identical(tmp_path):
    first, second = generate_corpus(tmp_path / "a"), generate_corpus(tmp_path / "b")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name
        truth = f"ground_truth/{a.name}.json"
        assert (tmp_path / "a" / truth).read_bytes() == (tmp_path / "b" / truth).read_bytes()


def test_another_seed_prints_other_numbers(tmp_path):
    default, other = generate_corpus(tmp_path / "a"), generate_corpus(tmp_path / "b", seed=7)
    assert default[0].read_bytes() != other[0].read_bytes()


def test_generation_takes_well_under_three_seconds(tmp_path):
    started = time.perf_counter()
    generate_corpus(tmp_path)
    assert time.perf_counter() - started < 3


def test_corpus_covers_every_format_and_layout_in_several_files(truths):
    formats = defaultdict(int)
    files_per_layout = defaultdict(set)
    for name, truth in truths.items():
        formats[truth["format"]] += 1
        for fact in truth["facts"]:
            files_per_layout[fact["layout"]].add(name)
    assert 8 <= len(truths) <= 12
    assert min(formats["txt"], formats["html"], formats["pdf"]) >= 3
    assert {layout: len(names) >= 3 for layout, names in files_per_layout.items()} == {
        "tab": True,
        "space": True,
        "concat": True,
        "prose": True,
    }
    assert {t["doc_kind"] for t in truths.values()} == {
        "feasibility_report",
        "inquiry_reply",
        "auditor_statement",
    }


def test_every_period_and_metric_comes_from_the_shared_vocabulary(truths):
    for truth in truths.values():
        for fact in truth["facts"]:
            assert fact["metric"] in METRICS
            assert fact["period"] is None or PERIOD_PATTERN.match(fact["period"]), fact["period"]


def test_each_value_is_the_printed_token_read_as_a_number(truths):
    for truth in truths.values():
        for fact in truth["facts"]:
            assert Decimal(str(fact["value"])) == printed(fact), fact


def test_exchange_follows_the_stock_code_board(truths):
    for truth in truths.values():
        expected = "SSE" if truth["stock_code"].startswith(("60", "688")) else "SZSE"
        assert truth["exchange"] == expected


def test_txt_line_numbers_point_at_the_line_printing_the_token(corpus_dir, truths):
    for name, truth in truths.items():
        if truth["format"] != "txt":
            continue
        lines = (corpus_dir / "filings" / name).read_bytes().decode(truth["encoding"]).split("\n")
        for fact in truth["facts"]:
            assert fact["raw_text"] in lines[fact["line_no"] - 1], (name, fact)


class ArticleBlocks(HTMLParser):
    """Text of each <p>/<h3>/<tr> inside <article>: what an HTML truth's line_no counts."""

    def __init__(self):
        super().__init__()
        self.in_article, self.blocks, self.depth = False, [], 0

    def handle_starttag(self, tag, attrs):
        self.in_article |= tag == "article"
        if self.in_article and tag in ("p", "h3", "tr"):
            self.blocks.append("")

    def handle_endtag(self, tag):
        self.in_article &= tag != "article"

    def handle_data(self, data):
        if self.in_article and self.blocks:
            self.blocks[-1] += data


def test_html_line_numbers_count_block_elements_inside_the_article(corpus_dir, truths):
    for name, truth in truths.items():
        if truth["format"] != "html":
            continue
        assert truth["line_basis"] == "html_block"
        parser = ArticleBlocks()
        parser.feed((corpus_dir / "filings" / name).read_text(encoding="utf-8"))
        for fact in truth["facts"]:
            assert fact["raw_text"] in parser.blocks[fact["line_no"] - 1], (name, fact)


def test_html_pages_carry_portal_chrome_outside_the_filing(corpus_dir):
    page = (corpus_dir / "filings" / "lanjing_auditor.html").read_text(encoding="utf-8")
    assert "<nav>" in page and "<script>" in page and "<footer><p>Copyright" in page
    assert "<table>" in page
    scraped = (corpus_dir / "filings" / "lanjing_feasibility.html").read_text(encoding="utf-8")
    assert "<table>" not in scraped


def test_gb18030_reply_decodes_and_is_not_utf8(corpus_dir, truths):
    raw = (corpus_dir / "filings" / "qiyun_reply.txt").read_bytes()
    assert truths["qiyun_reply.txt"]["encoding"] == "gb18030"
    assert "深圳证券交易所：" in raw.decode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_pdf_text_layer_holds_every_printed_number_on_its_page(corpus_dir, truths):
    for name, truth in truths.items():
        if truth["format"] != "pdf":
            continue
        document = pdfium.PdfDocument(corpus_dir / "filings" / name)
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        for fact in truth["facts"]:
            assert fact["raw_text"] in pages[fact["page"] - 1], (name, fact)
        assert "1-1" in pages[0] and len(pages) >= 2


def appear_in_order(tokens: list[str], line: str) -> bool:
    position = 0
    for token in tokens:
        position = line.find(token, position)
        if position < 0:
            return False
        position += len(token)
    return True


def test_concatenated_rows_glue_their_cells_without_separators(corpus_dir, truths):
    lines = (corpus_dir / "filings" / "lanjing_reply.txt").read_text(encoding="utf-8").split("\n")
    by_line = defaultdict(list)
    for fact in truths["lanjing_reply.txt"]["facts"]:
        if fact["layout"] == "concat":
            by_line[fact["line_no"]].append(fact["raw_text"])
    for line_no, tokens in by_line.items():
        line = lines[line_no - 1]
        assert " " not in line and "\t" not in line and appear_in_order(tokens, line), line
    assert any(line.startswith("5.1") and line[3].isdigit() for line in lines)  # row id glued to numbers
    assert any("台" in line and line.endswith(tuple("0123456789")) for line in lines)  # 230.00300台69000.00


def test_pdf_like_text_shows_split_headers_page_markers_and_repeated_headers(corpus_dir):
    lines = [
        line.strip()
        for line in (corpus_dir / "filings" / "huaxin_auditor.txt").read_text(encoding="utf-8").split("\n")
    ]
    assert {"7-2-1", "7-2-2"} <= set(lines)
    assert "2025 年 2024 年 2023 年" in [" ".join(line.split()) for line in lines]
    assert any(line.split() == ["1-9", "月", "度", "度"] for line in lines)  # "2024 年" over "度"
    header_counts = defaultdict(int)
    for line in lines:
        if line.startswith(("序号", "账龄", "项目", "设备名称")):
            header_counts[line] += 1
    assert max(header_counts.values()) >= 2  # a table broken by a page break repeats its header
    assert any(cell == "-" for line in lines for cell in line.split())


def test_stock_code_is_printed_only_in_the_preface_of_one_reply(corpus_dir, truths):
    text = (corpus_dir / "filings" / "lanjing_reply.txt").read_text(encoding="utf-8")
    assert "证券代码" not in text
    assert f"股票代码:{truths['lanjing_reply.txt']['stock_code']}" in text


# ----- arithmetic as printed


def test_investment_items_add_up_to_the_printed_totals(truths):
    for truth in truths.values():
        facts = table_facts(truth, "投资构成")
        for metric in ("investment_amount", "investment_share", "proceeds_used"):
            parts = [printed(f) for f in facts if f["metric"] == metric and f["row_label"] != "合计"]
            (total,) = [printed(f) for f in facts if f["metric"] == metric and f["row_label"] == "合计"]
            assert sum(parts) == total, (truth["source_file"], metric)
        assert [
            printed(f) for f in facts if f["metric"] == "investment_share" and f["row_label"] == "合计"
        ] == [Decimal("100.00")]


def test_hardware_unit_price_times_quantity_is_the_amount(truths):
    for truth in truths.values():
        by_item = defaultdict(dict)
        for fact in table_facts(truth, "设备购置费主要用于"):
            by_item[fact["row_label"]][fact["metric"]] = printed(fact)
        total = by_item.pop("合计")["investment_amount"]
        for item in by_item.values():
            assert item["unit_price"] * item["quantity"] == item["investment_amount"]
        assert sum(item["investment_amount"] for item in by_item.values()) == total


def test_aging_buckets_sum_to_the_gross_balance(truths):
    for truth in truths.values():
        buckets = defaultdict(Decimal)
        totals = {}
        for fact in table_facts(truth, "账龄结构"):
            if fact["row_label"] == "合计":
                totals[fact["period"]] = printed(fact)
            else:
                buckets[fact["period"]] += printed(fact)
        assert buckets == totals


def test_receivable_net_and_provision_ratio_follow_from_printed_parts(truths):
    for truth in truths.values():
        rows = defaultdict(dict)
        for fact in table_facts(truth, "应收账款及坏账准备情况"):
            rows[fact["period"]][fact["metric"]] = printed(fact)
        for period in rows.values():
            assert period["ar_gross"] - period["ar_provision"] == period["ar_net"]
            assert abs(
                period["ar_provision"] / period["ar_gross"] * 100 - period["provision_ratio"]
            ) <= Decimal("0.005")


def test_segment_totals_and_margins_hold_on_printed_values(truths):
    for truth in truths.values():
        cells = defaultdict(dict)
        for fact in table_facts(truth, "分业务的收入"):
            cells[(fact["row_label"], fact["period"])][fact["metric"]] = printed(fact)
        for values in cells.values():
            recomputed = (values["revenue"] - values["operating_cost"]) / values["revenue"] * 100
            assert abs(recomputed - values["gross_margin"]) <= Decimal("0.005")
        for period in {period for _, period in cells}:
            for metric in ("revenue", "operating_cost"):
                parts = sum(v[metric] for (label, p), v in cells.items() if p == period and label != "合计")
                assert parts == cells[("合计", period)][metric]


def test_forecast_identities_hold_every_model_year(truths):
    for truth in truths.values():
        years = defaultdict(dict)
        for fact in table_facts(truth, "效益测算"):
            years[fact["period"]][fact["metric"]] = printed(fact)
        totals = years.pop("MODEL_TOTAL")
        cost_lines = (
            "depreciation_amortization",
            "cabinet_rent",
            "power_cost",
            "staff_cost",
            "bandwidth_cost",
        )
        for year in years.values():
            assert sum(year[m] for m in cost_lines) == year["operating_cost"]
            expenses = (
                year["operating_cost"]
                + year["selling_expense"]
                + year["admin_expense"]
                + year["taxes_surcharges"]
            )
            assert year["revenue"] - expenses == year["total_profit"]
            assert year["total_profit"] - year["income_tax"] == year["net_profit"]
        for metric, total in totals.items():
            assert sum(year[metric] for year in years.values()) == total


def test_prose_revenue_series_matches_the_segment_table_total(truths):
    truth = truths["qiyun_reply.txt"]
    prose = {
        f["period"]: printed(f) for f in truth["facts"] if f["layout"] == "prose" and f["metric"] == "revenue"
    }
    table = {
        f["period"]: printed(f)
        for f in table_facts(truth, "分业务的收入")
        if f["metric"] == "revenue" and f["row_label"] == "合计"
    }
    assert prose == table and set(prose) == {"FY2023", "FY2024", "2025M01-M09"}


def test_return_sentence_states_irr_and_payback(truths):
    facts = {f["metric"]: f for f in truths["huaxin_feasibility.txt"]["facts"] if f["layout"] == "prose"}
    assert facts["irr_post_tax"]["unit"] == "%" and facts["payback_static"]["unit"] == "年"
    assert 0 < facts["irr_post_tax"]["value"] < facts["irr_pre_tax"]["value"]


# ----- freshness


def test_ensure_sample_corpus_generates_once_and_then_reuses(tmp_path):
    filings = ensure_sample_corpus(tmp_path)
    stamp_time = (tmp_path / ".corpus-stamp.json").stat().st_mtime_ns
    assert filings == tmp_path / "filings" and len(list(filings.iterdir())) == 11
    assert ensure_sample_corpus(tmp_path) == filings
    assert (tmp_path / ".corpus-stamp.json").stat().st_mtime_ns == stamp_time


def test_ensure_sample_corpus_regenerates_for_another_seed(tmp_path):
    ensure_sample_corpus(tmp_path)
    before = (tmp_path / "filings" / "huaxin_feasibility.txt").read_bytes()
    ensure_sample_corpus(tmp_path, seed=11)
    assert (tmp_path / "filings" / "huaxin_feasibility.txt").read_bytes() != before
