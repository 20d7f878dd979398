"""The report's own CJK font: Noto Sans SC from a PyPI package, cut down to the characters the pages use.

The report must show Chinese on a machine without CJK system fonts and without a network, so it carries
its font. The full font is 8 MB; the subset holds only the glyphs the written pages need.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from importlib import resources
from pathlib import Path

FONT_PACKAGE = "pylopdf_fonts_zh_cn"
FONT_NAME = "NotoSansSC-Regular.otf"  # SIL Open Font License


def write_font_subset(characters: set[str], target: Path) -> Path:
    """Write the font with only `characters` (plus ASCII) to `target`, in a process of its own: fontTools holds
    the whole font as ~100 MB of Python objects, which the caller (a pipeline run) would keep to its end."""
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as worker:
        return worker.submit(_write_subset, characters, target).result()


def _write_subset(characters: set[str], target: Path) -> Path:
    # Seconds to import: only when a report is written, not when the definitions load.
    from fontTools import subset

    source = resources.files(FONT_PACKAGE) / FONT_NAME
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    wanted = {ord(c) for c in characters if not c.isspace()} | set(range(0x20, 0x7F))
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)
    return target
