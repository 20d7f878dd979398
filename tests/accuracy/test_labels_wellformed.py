"""Offline well-formedness checks for the hand-labelled accuracy set.

`labels/real_facts.csv` holds facts labelled by hand from the four real filings in
`<repo>/../shared/filings`; `labels/real_facts_extended.csv` adds the kinds of fact that set left
out (issue 10: compound-unit prices and counts, top-5 customer and supplier tables, inventory and
contract tables, overdue and subsequent-collection columns, cost-structure shares, ranges, small
prose integers). These tests do not score any parser. They check that each label of either file
points at text that really is on the cited line, that its value and codes are valid, that no
fact is labelled in both files, and that the first set covers every file and every table layout.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from orchestration.lib.vocabulary.kinds import PERIOD_PATTERN
from orchestration.lib.vocabulary.metrics import METRICS
from orchestration.lib.vocabulary.units import UNIT_SYMBOLS
from tests.conftest import REAL_FILINGS

HERE = Path(__file__).resolve()
LABELS = HERE.parent / "labels" / "real_facts.csv"
EXTENDED = HERE.parent / "labels" / "real_facts_extended.csv"
UNDECIDABLE = HERE.parent / "labels" / "undecidable.md"
# <repo>/tests/accuracy/<this file>: parents[2] is the repo and the filings sit beside it in ../shared.
FILINGS = REAL_FILINGS

HEADER = [
    "source_file",
    "line_no",
    "raw_text",
    "value",
    "unit",
    "period",
    "metric",
    "row_label",
    "column_label",
    "entity",
    "layout",
    "note",
]
REAL_FILES = {
    "000_f0b2696fee94cc90.txt",
    "001_1cef971acf991f87.txt",
    "002_7cdd91bcb8568f2f.txt",
    "003_aee50a10d511e859.txt",
}
LAYOUTS = {"tab", "space", "concat", "prose"}
RAW_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == HEADER, reader.fieldnames
        rows = list(reader)
    # A note holding an unquoted comma would spill into an unnamed column.
    assert all(None not in row for row in rows), path
    return rows


ROWS = _rows(LABELS)
EXTENDED_ROWS = _rows(EXTENDED)
ALL_ROWS = ROWS + EXTENDED_ROWS


@cache
def _lines(name: str) -> list[str]:
    # Lines split on "\n" only, as `sed -n Np` numbers them.
    return (FILINGS / name).read_text(encoding="utf-8").split("\n")


def _filings_available() -> bool:
    return all((FILINGS / name).is_file() for name in REAL_FILES)


needs_filings = pytest.mark.skipif(not _filings_available(), reason=f"real filings not found under {FILINGS}")


def _row_id(row: dict[str, str]) -> str:
    return f"{row['source_file']}:{row['line_no']}:{row['raw_text']}"


def test_enough_rows() -> None:
    assert len(ROWS) >= 300


def test_extended_set_covers_the_three_long_filings() -> None:
    per_file = Counter(r["source_file"] for r in EXTENDED_ROWS)
    assert len(EXTENDED_ROWS) >= 300
    assert all(per_file[name] >= 100 for name in REAL_FILES - {"000_f0b2696fee94cc90.txt"}), per_file


def test_units_are_in_the_documented_vocabulary() -> None:
    """Units are printed forms (元/月/台 stays 元/月/台); labels/extended.md explains each one."""
    bad = [(_row_id(r), r["unit"]) for r in ALL_ROWS if r["unit"] not in UNIT_SYMBOLS]
    assert not bad, bad[:10]


def test_all_files_and_layouts_present() -> None:
    files = {r["source_file"] for r in ROWS}
    assert files == REAL_FILES
    layouts = Counter(r["layout"] for r in ROWS)
    assert set(layouts) == LAYOUTS, layouts
    per_file = Counter(r["source_file"] for r in ROWS)
    assert all(n >= 30 for n in per_file.values()), per_file


def test_no_duplicate_labels() -> None:
    keys = Counter(
        (
            r["source_file"],
            r["line_no"],
            r["raw_text"],
            r["metric"],
            r["period"],
            r["entity"],
            r["column_label"],
        )
        for r in ALL_ROWS
    )
    dups = [k for k, n in keys.items() if n > 1]
    assert not dups, dups[:5]


def test_raw_text_is_a_printed_number() -> None:
    bad = [_row_id(r) for r in ALL_ROWS if not RAW_NUMBER.match(r["raw_text"])]
    assert not bad, bad[:10]


def test_value_parses_from_raw_text() -> None:
    bad = []
    for r in ALL_ROWS:
        expected = float(r["raw_text"].replace(",", "").rstrip("%"))
        try:
            value = float(r["value"])
        except ValueError:
            bad.append(_row_id(r))
            continue
        if value != expected:
            bad.append(_row_id(r))
        # negative only if a minus sign is printed
        if (value < 0) != r["raw_text"].startswith("-"):
            bad.append(_row_id(r))
    assert not bad, bad[:10]


def test_percent_tokens_have_percent_unit() -> None:
    bad = [_row_id(r) for r in ALL_ROWS if r["raw_text"].endswith("%") and r["unit"] != "%"]
    assert not bad, bad[:10]
    assert all(r["unit"] for r in ALL_ROWS), "every label needs a unit"


def test_period_codes_are_valid() -> None:
    bad = [(_row_id(r), r["period"]) for r in ALL_ROWS if r["period"] and not PERIOD_PATTERN.match(r["period"])]
    assert not bad, bad[:10]


def test_metrics_are_known() -> None:
    bad = [(_row_id(r), r["metric"]) for r in ALL_ROWS if r["metric"] and r["metric"] not in METRICS]
    assert not bad, bad[:10]


def test_layout_values() -> None:
    assert {r["layout"] for r in ALL_ROWS} <= LAYOUTS


def test_line_numbers_are_positive_integers() -> None:
    bad = [_row_id(r) for r in ALL_ROWS if not r["line_no"].isdigit() or int(r["line_no"]) < 1]
    assert not bad, bad[:10]


@needs_filings
def test_raw_text_occurs_on_its_line() -> None:
    """The number, without commas, must occur in the cited line without commas.

    This allows run-together cells (`230.00300台69000.00` holds `300`) and thousands
    separators (`13,563.17` against `13563.17`).
    """
    bad = []
    for r in ALL_ROWS:
        lines = _lines(r["source_file"])
        n = int(r["line_no"])
        if n > len(lines):
            bad.append((_row_id(r), "line out of range"))
            continue
        line = lines[n - 1].replace(",", "")
        if r["raw_text"].replace(",", "") not in line:
            bad.append((_row_id(r), lines[n - 1][:80]))
    assert not bad, bad[:10]


@needs_filings
def test_a_line_holds_as_many_copies_as_are_labelled() -> None:
    """Two labels of one token on one line need two copies of it in the print (both files together)."""
    labelled = Counter((r["source_file"], int(r["line_no"]), r["raw_text"].replace(",", "")) for r in ALL_ROWS)
    bad = [
        key for key, n in labelled.items()
        if _lines(key[0])[key[1] - 1].replace(",", "").count(key[2]) < n
    ]
    assert not bad, bad[:10]


@needs_filings
def test_raw_text_with_commas_matches_the_print() -> None:
    """When a label keeps thousands separators, they must be printed that way on the line."""
    bad = []
    for r in ALL_ROWS:
        if "," in r["raw_text"]:
            line = _lines(r["source_file"])[int(r["line_no"]) - 1]
            if r["raw_text"] not in line:
                bad.append(_row_id(r))
    assert not bad, bad[:10]


def test_undecidable_list_exists() -> None:
    text = UNDECIDABLE.read_text(encoding="utf-8")
    for name in ("001_1cef971acf991f87.txt", "002_7cdd91bcb8568f2f.txt", "003_aee50a10d511e859.txt"):
        assert name in text
