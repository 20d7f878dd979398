"""The report's font is cut again only when the pages use other characters than the last report's font."""

from pathlib import Path

import pytest

from orchestration.lib.report import font


@pytest.fixture
def cuts(monkeypatch) -> list[list[int]]:
    """Records each cut instead of making it (a real cut takes seconds; the browser test makes one)."""
    made: list[list[int]] = []

    def cut(code_points: list[int], target: Path) -> Path:
        made.append(code_points)
        target.write_bytes(bytes(len(made)))  # each cut's file differs from the one before
        return target

    monkeypatch.setattr(font, "_cut_in_own_process", cut)
    return made


def test_a_font_cut_to_the_same_characters_is_copied_not_cut_again(tmp_path, cuts):
    first = font.write_font_subset(set("中贝通信 IRR"), tmp_path / "a" / "font.otf")
    second = font.write_font_subset(set("信通贝中RI"), tmp_path / "b" / "font.otf", earlier=first)
    assert len(cuts) == 1
    assert second.read_bytes() == first.read_bytes()
    assert ord("中") in cuts[0] and ord("A") in cuts[0]  # ASCII always


def test_a_new_character_or_no_earlier_font_cuts_again(tmp_path, cuts):
    first = font.write_font_subset(set("中贝通信"), tmp_path / "a" / "font.otf")
    font.write_font_subset(set("中贝通信首"), tmp_path / "b" / "font.otf", earlier=first)
    font.write_font_subset(set("中贝通"), tmp_path / "c" / "font.otf", earlier=first)  # fewer: a smaller font
    font.write_font_subset(set("中贝通信"), tmp_path / "d" / "font.otf", earlier=tmp_path / "missing.otf")
    assert len(cuts) == 4
    assert ord("首") in cuts[1] and ord("信") not in cuts[2]
