"""The same PDF reads the same on every machine, whichever font the machine substitutes.

The generated PDFs use STSong-Light without embedding it, so PDFium draws and measures them with a
system font. Each reading runs in a subprocess whose PDFium is started with a chosen font folder
(it reads its font folders once, at start): no fonts at all (PDFium's built-in fallback, which has
no CJK glyphs), the machine's own folders, and a folder holding a CJK font where the machine has
one (Debian's fonts-noto-cjk, which `make test` installs where apt-get can, or a folder named in
ZHISUAN_CJK_FONTS). The readings must agree in text, layout and the facts parsed from them; the last
test shows the substitution really changes what PDFium measures, so the others could fail if the
reader used it. PDFium finds fonts by scanning folders, not through fontconfig, so the folders it is
started with are what decides the substitution.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from orchestration.lib.ingest.pdf import pdf_to_text
from orchestration.lib.parsing.facts import parse_filing
from tests.lib.ingest.pdf_fixtures import RuledTable, build_pdf

RUNNER = """
import ctypes, json, sys
import pypdfium2.raw as pdfium_c
from pypdfium2 import _library_scope
from pypdfium2.internal import bases

folders = json.loads(sys.argv[1])
if folders is not None:  # PDFium started on import with its default folders: start it again with ours
    _library_scope.destroy_lib()
    buffers = [ctypes.create_string_buffer(f.encode()) for f in folders]
    paths = (ctypes.POINTER(ctypes.c_char) * (len(buffers) + 1))(
        *[ctypes.cast(b, ctypes.POINTER(ctypes.c_char)) for b in buffers], None
    )
    pdfium_c.FPDF_InitLibraryWithConfig(pdfium_c.FPDF_LIBRARY_CONFIG(
        version=2, m_pUserFontPaths=paths, m_pIsolate=None, m_v8EmbedderSlot=0
    ))
    bases.LIBRARY_AVAILABLE = True

import pypdfium2 as pdfium
from orchestration.lib.ingest.pdf import pdf_to_text
from tests.lib.ingest.test_pdf_host_fonts import facts_of

out = {}
for path in sys.argv[2:]:
    data = open(path, "rb").read()
    text, layout = pdf_to_text(data)
    page = pdfium.PdfDocument(data)[0].get_textpage()
    boxes = [[round(v, 2) for v in page.get_charbox(i)] for i in range(page.count_chars())]
    out[path] = {"reading": [text, layout.to_json()], "facts": facts_of(text, layout), "pdfium_boxes": boxes}
print(json.dumps(out))
"""
CJK_FONT_NAMES = ("cjk", "wqy", "droidsansfallback", "sourcehan", "uming", "ukai", "arphic")
SYSTEM_FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts")


def facts_of(text: str, layout) -> list[list]:
    """What the parser makes of a reading: every fact's number, meaning and place, JSON-comparable."""
    return [
        [f.raw_text, f.value, f.period, f.metric, f.row_label, f.column_label, f.line_no, f.page]
        for f in parse_filing(text, layout=layout).facts
    ]


def _cjk_font_folder() -> str | None:
    candidates = [os.environ.get("ZHISUAN_CJK_FONTS", ""), *SYSTEM_FONT_FOLDERS]
    for folder in filter(None, candidates):
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix.lower() in {".ttf", ".ttc", ".otf"} and any(n in path.name.lower() for n in CJK_FONT_NAMES):
                return str(path.parent)
    return None


def _read_with_fonts(folders: list[str] | None, pdfs: list[Path]) -> dict:
    """Read the PDFs in a fresh process whose PDFium sees only these font folders (None: its defaults)."""
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, json.dumps(folders), *map(str, pdfs)],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[3],
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def pdfs(sample_corpus, tmp_path_factory) -> list[Path]:
    table = RuledTable(60, 760, [120, 100, 100], [
        ["项目", "2025年", "2024年"],
        [["归属于上市公司", "股东的净利润"], "1,380,240,203.63", "-33.46"],
        ["Total assets (yuan)", "3,564,707,872.26", "3,069,056,752.97"],
    ], heights={1: 30})
    fixture = tmp_path_factory.mktemp("host_fonts") / "ruled_table.pdf"
    fixture.write_bytes(build_pdf([table.draw]))
    return [fixture, *sorted((sample_corpus / "filings").glob("*.pdf"))]


@pytest.fixture(scope="module")
def readings(pdfs, tmp_path_factory) -> dict[str, dict]:
    setups = {"no fonts at all": [str(tmp_path_factory.mktemp("no_fonts"))], "the machine's fonts": None}
    if (cjk := _cjk_font_folder()) is not None:
        setups["a CJK font"] = [cjk]
    return {name: _read_with_fonts(folders, pdfs) for name, folders in setups.items()}


def test_the_same_pdf_reads_the_same_whichever_font_the_machine_substitutes(pdfs, readings):
    for path in pdfs:
        expected = list(pdf_to_text(path.read_bytes()))
        expected[1] = expected[1].to_json()
        for setup, reading in readings.items():
            assert reading[str(path)]["reading"] == expected, (path.name, setup)


def test_the_same_pdf_gives_the_same_facts_with_and_without_a_cjk_font(pdfs, readings):
    _require_cjk_reading(readings)
    for path in pdfs:
        without = readings["no fonts at all"][str(path)]["facts"]
        assert without, path.name  # every fixture prints numbers: an empty reading proves nothing
        assert readings["a CJK font"][str(path)]["facts"] == without, path.name
        assert readings["the machine's fonts"][str(path)]["facts"] == without, path.name


def test_a_cjk_system_font_changes_what_pdfium_itself_measures(pdfs, readings):
    _require_cjk_reading(readings)
    changed = [
        path.name for path in pdfs
        if readings["a CJK font"][str(path)]["pdfium_boxes"] != readings["no fonts at all"][str(path)]["pdfium_boxes"]
    ]
    assert pdfs[0].name in changed  # the ruled fixture, nearly all CJK text: the proof that matters


def _require_cjk_reading(readings: dict) -> None:
    """Skip only where no CJK font can be had; where apt-get could install one, its absence is a failure."""
    if "a CJK font" in readings:
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        pytest.fail("no CJK font although apt-get can install one: run `make cjk-fonts` (make test does)")
    pytest.skip("no CJK font on this machine and no apt-get to install fonts-noto-cjk (or set ZHISUAN_CJK_FONTS)")
