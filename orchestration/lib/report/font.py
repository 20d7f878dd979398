"""The report's own CJK font: Noto Sans SC from a PyPI package, cut down to the characters the pages use.

The report must show Chinese on a machine without CJK system fonts and without a network, so it carries
its font. The full font is 8 MB; the subset holds only the glyphs the written pages need. Cutting it takes
a second or more of CPU, so a report whose pages use the same characters as the last one keeps that font:
each font is written beside the list of characters it was cut to.
"""

from __future__ import annotations

import multiprocessing
import shutil
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path

FONT_PACKAGE = "pylopdf_fonts_zh_cn"
FONT_NAME = "NotoSansSC-Regular.otf"  # SIL Open Font License


def write_font_subset(characters: set[str], target: Path, earlier: Path | None = None) -> Path:
    """Write the font with only `characters` (plus ASCII) to `target`: a copy of `earlier` (a font this function
    wrote before) when that was cut to the same characters, else a new cut."""
    wanted = _code_points(characters)
    # What the cut is made of: the source font (its size tells a new release) and the characters.
    listed = "\n".join([f"{FONT_NAME} {_source().stat().st_size}", *map(str, wanted)])
    target.parent.mkdir(parents=True, exist_ok=True)
    if earlier is not None and earlier.is_file() and _read(_characters_file(earlier)) == listed:
        shutil.copyfile(earlier, target)
    else:
        _cut_in_own_process(wanted, target)
    _characters_file(target).write_text(listed, encoding="ascii")
    return target


def _code_points(characters: set[str]) -> list[int]:
    return sorted({ord(c) for c in characters if not c.isspace()} | set(range(0x20, 0x7F)))


def _characters_file(font: Path) -> Path:
    return font.with_suffix(".chars")


def _read(path: Path) -> str | None:
    return path.read_text(encoding="ascii") if path.is_file() else None


def _source() -> Path:
    return Path(str(resources.files(FONT_PACKAGE) / FONT_NAME))


def _cut_in_own_process(code_points: list[int], target: Path) -> Path:
    """fontTools holds the whole font as ~100 MB of Python objects, which the caller (a pipeline run) would keep
    to its end: the cut is made in a process of its own."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as worker:
        return worker.submit(_cut, code_points, target).result()


def _cut(code_points: list[int], target: Path) -> Path:
    # Seconds to import: only when a report is written, not when the definitions load.
    from fontTools import subset

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(_source()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return target
