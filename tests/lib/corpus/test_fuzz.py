"""The layout-fuzzed corpus: deterministic per seed, every layout prints every table, truth points at it."""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from html.parser import HTMLParser

import pypdfium2 as pdfium
import pytest

from orchestration.lib.corpus.blocks import Fact
from orchestration.lib.corpus.fuzz import (
    DEV_SEEDS,
    HELD_OUT_SEEDS,
    LAYOUTS,
    build_fuzzed_document,
    generate_fuzzed_corpus,
)
from orchestration.lib.corpus.number_forms import NumberForm, print_fact
from orchestration.lib.corpus.tables import Part, header_grid, leaf_labels
from orchestration.lib.vocabulary.kinds import PERIOD_PATTERN
from orchestration.lib.vocabulary.metrics import METRICS

ALL_LAYOUTS = [layout for layouts in LAYOUTS.values() for layout in layouts]
PERIODIC_TABLES = {"key_indicators", "revenue_composition", "segment_margins", "balance_sheet", "income_statement"}
FINANCING_TABLES = {"segments", "receivables", "aging", "investment", "hardware", "forecast"}


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


class CellText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text = []

    def handle_data(self, data):
        self.text.append(data)


def printed_text(name: str, content: bytes, encoding: str = "utf-8") -> list[str]:
    """What a reader sees, per line (txt, whatever its line ends), per page (pdf) or as one block (html)."""
    if name.endswith(".txt"):
        return re.split(r"\r\n|\r|\n", content.decode(encoding))
    if name.endswith(".html"):
        parser = CellText()
        parser.feed(content.decode("utf-8"))
        return ["".join(parser.text)]
    document = pdfium.PdfDocument(content)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def test_a_seed_gives_the_same_bytes_and_truth_every_time():
    for seed in (1000, 1001, 1006, 9000):
        assert build_fuzzed_document(seed) == build_fuzzed_document(seed)


def test_seeds_differ_and_the_two_ranges_never_overlap():
    assert build_fuzzed_document(1000)[1] != build_fuzzed_document(1001)[1]
    assert not set(DEV_SEEDS) & set(HELD_OUT_SEEDS)
    assert len(HELD_OUT_SEEDS) >= 100


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
@pytest.mark.parametrize("kind", ["annual_report", "semiannual_report", "quarterly_report", "inquiry_reply"])
def test_every_layout_prints_every_table_and_each_fact_where_the_truth_says(layout, kind):
    name, content, truth = build_fuzzed_document(1003, kind=kind, layout=layout)
    expected = {
        "annual_report": PERIODIC_TABLES | {"quarterly"},
        "semiannual_report": PERIODIC_TABLES,
        "quarterly_report": {"key_indicators", "balance_sheet", "income_statement"},
        "inquiry_reply": FINANCING_TABLES,
    }[kind]
    assert {table["key"] for table in truth["tables"]} - {"key_balances"} == expected
    assert {table["layout"] for table in truth["tables"]} == {layout}
    assert all(table["n_facts"] > 0 for table in truth["tables"])
    assert Counter(f["layout"] for f in truth["facts"])[layout] == sum(t["n_facts"] for t in truth["tables"])
    pieces = printed_text(name, content, truth["encoding"])
    for fact in truth["facts"]:
        if truth["line_basis"] == "file_line":
            assert fact["raw_text"] in pieces[fact["line_no"] - 1], fact
        elif truth["line_basis"] == "page":
            assert squeezed(fact["raw_text"]) in squeezed(pieces[fact["page"] - 1]), fact
        else:
            assert fact["raw_text"] in pieces[0], fact


def test_truth_speaks_the_shared_vocabulary_and_values_are_the_printed_tokens():
    for seed in range(1000, 1012):
        truth = build_fuzzed_document(seed)[2]
        for fact in truth["facts"]:
            assert fact["metric"] in METRICS or (fact["metric"] is None and fact["change_of"] in METRICS), fact
            assert fact["period"] is None or PERIOD_PATTERN.match(fact["period"]), fact
            token = unicodedata.normalize("NFKC", fact["raw_text"]).replace(" ", "").replace(",", "")
            negative = token.startswith(("-", "("))  # NFKC made （ and － half-width
            number = float(token.strip("-()（）%"))
            assert (-number if negative else number) == pytest.approx(fact["value"]), fact


def test_change_cells_name_a_change_never_a_period():
    truth = build_fuzzed_document(1003, kind="annual_report", layout="html")[2]
    changes = [f for f in truth["facts"] if f["change_of"]]
    assert changes and all(f["period"] is None and f["metric"] is None and len(f["compared"]) == 2 for f in changes)
    assert {f["column_label"] for f in changes if f["table_key"] == "key_indicators"} <= {
        "本年比上年增减", "同比增减", "变动幅度", "增减变动", "本年末比上年末增减", "较上年末增减",
    }  # fmt: skip


def test_covers_name_kind_company_code_and_report_period():
    name, content, truth = build_fuzzed_document(1002, kind="semiannual_report", layout="tab")
    head = "\n".join(printed_text(name, content, truth["encoding"])[:8])
    assert truth["stock_code"] in head and truth["company_name"] in head and "半年度报告" in head
    assert truth["report_period"].endswith("M01-M06") and truth["doc_kind"] == "semiannual_report"
    annual = build_fuzzed_document(1002, kind="annual_report", layout="pdf_ruled")
    assert annual[2]["report_period"].startswith("FY")
    cover = printed_text(annual[0], annual[1])[0]
    assert annual[2]["stock_code"] in cover and "年度报告" in squeezed(cover)


def test_issuer_pdfs_embed_their_font_and_wrap_numbers_in_narrow_cells():
    name, content, truth = build_fuzzed_document(1006, kind="annual_report", layout="pdf_ruled")
    assert b"/FontFile2" in content and b"STSong" not in content
    pages = printed_text(name, content)
    assert len(pages) >= 3
    wrapped = [f for f in truth["facts"] if f["raw_text"] not in pages[f["page"] - 1]]
    assert wrapped, "some long number should break inside its cell"
    running_header = f"{truth['short_name']} {truth['report_period'][2:]}年年度报告全文"
    assert all(running_header in page for page in pages[1:])


def test_number_forms_rewrite_the_token_never_the_value():
    base = Fact("-1,234,567.89", -1234567.89, "元", "operating_cash_flow", "FY2024", "X", "issuer")
    rng = random.Random(1)
    assert print_fact(base, NumberForm(negative="()"), rng).raw_text == "(1,234,567.89)"
    assert print_fact(base, NumberForm(thousands=False, negative="－"), rng).raw_text == "－1234567.89"
    assert print_fact(base, NumberForm(full_width=True), rng).raw_text == "－１，２３４，５６７．８９"
    split = print_fact(base, NumberForm(split=True), rng)
    assert split.raw_text.count(" ") == 1 and split.raw_text.replace(" ", "") == "-1,234,567.89"
    assert split.value == base.value
    # Parentheses mark negative amounts; a negative percentage keeps its minus.
    percent = replace(base, raw_text="-3.25%", value=-3.25, unit="%")
    assert print_fact(percent, NumberForm(negative="（）"), rng).raw_text == "-3.25%"
    change_without_sign = replace(base, raw_text="-50.00", value=-50.0, unit="%")  # under a "…(%)" header
    assert print_fact(change_without_sign, NumberForm(negative="()"), rng).raw_text == "-50.00"


def test_header_spans_put_a_period_over_its_measures_and_a_change_column_two_rows_tall():
    part = Part((("", "2024年", "", "2023年", "", "同比增减"), ("", "金额", "占比", "金额", "占比", "")), ())
    spans = {(c.text, c.row, c.col, c.row_span, c.col_span) for c in header_grid(part)}
    assert ("2024年", 0, 0, 1, 2) in spans and ("同比增减", 0, 4, 2, 1) in spans and ("占比", 1, 3, 1, 1) in spans
    assert leaf_labels(part) == ["2024年金额", "2024年占比", "2023年金额", "2023年占比", "同比增减"]


def test_text_files_vary_their_encoding_and_line_ends():
    truths = [build_fuzzed_document(seed, kind="annual_report", layout="tab")[2] for seed in range(1000, 1040)]
    assert {t["encoding"] for t in truths} == {"utf-8", "gb18030"}
    assert {t["line_ending"] for t in truths} == {"lf", "crlf", "cr", "mixed"}


def test_generate_writes_one_file_and_one_truth_per_seed(tmp_path):
    paths = generate_fuzzed_corpus(tmp_path, range(1000, 1003), tables_per_document=2)
    assert [p.stem for p in paths] == ["fuzz_1000", "fuzz_1001", "fuzz_1002"]
    for path in paths:
        assert (tmp_path / "ground_truth" / f"{path.name}.json").is_file()


def test_html_tables_span_groups_and_break_across_source_pages():
    pages = [build_fuzzed_document(seed, kind="annual_report", layout="html") for seed in range(1000, 1030)]
    html = [content.decode("utf-8") for _, content, _ in pages]
    assert any(re.search(r'<td rowspan="\d+">分(行业|产品|地区)</td>', page) for page in html)
    broken = [
        (page, truth) for page, (_, _, truth) in zip(html, pages) if re.search(r"</table>\n<p>\d+</p>\n<p>", page)
    ]
    assert broken and all(f"{truth['short_name']} " in page for page, truth in broken)
