"""Renders laid-out lines as a text file in the filing's encoding."""

from __future__ import annotations

from orchestration.lib.corpus.layout import Line


def render_txt(lines: list[Line], encoding: str) -> bytes:
    return ("\n".join(line.text for line in lines) + "\n").encode(encoding)
