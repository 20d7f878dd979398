"""How a table prints its numbers: separators, negatives, full-width digits, a space inside a cell.

A form rewrites a fact's printed token only; its value never changes, so the truth still says
what the number is while ``raw_text`` says exactly how it was printed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from orchestration.lib.corpus.blocks import Cell, Fact

_FULL_WIDTH = str.maketrans("0123456789.,%-()", "０１２３４５６７８９．，％－（）")
NEGATIVE_STYLES = ("-", "－", "()", "（）")


@dataclass(frozen=True)
class NumberForm:
    thousands: bool = True  # keep "3,564,707,872.26"; False prints "3564707872.26"
    negative: str = "-"  # one of NEGATIVE_STYLES
    full_width: bool = False  # "３，５６４．２６"
    split: bool = False  # a space inside long numbers, after a separator: "205,021,446. 76"

    def name(self) -> str:
        parts = [
            "" if self.thousands else "nosep",
            {"-": "", "－": "fwminus", "()": "paren", "（）": "fwparen"}[self.negative],
            "fullwidth" if self.full_width else "",
            "split" if self.split else "",
        ]
        return "+".join(part for part in parts if part) or "plain"


def draw_form(rng: random.Random, **forced) -> NumberForm:
    drawn = {"thousands": rng.random() < 0.85, "negative": rng.choice(NEGATIVE_STYLES)}
    return NumberForm(**{**drawn, **forced})


def print_cell(cell: Cell, form: NumberForm, rng: random.Random) -> Cell:
    if cell.fact is None:
        return cell
    fact = print_fact(cell.fact, form, rng)
    return Cell(fact.raw_text, fact)


def print_fact(fact: Fact, form: NumberForm, rng: random.Random) -> Fact:
    text = fact.raw_text
    if not form.thousands:
        text = text.replace(",", "")
    if text.startswith("-"):
        body = text[1:]
        # Parentheses mark negative amounts; a negative percentage or change keeps its minus sign.
        style = "-" if fact.unit in ("%", "pp") and form.negative in ("()", "（）") else form.negative
        text = {"-": f"-{body}", "－": f"－{body}", "()": f"({body})", "（）": f"（{body}）"}[style]
    if form.split:
        text = _split_inside(text, rng)
    if form.full_width:
        text = text.translate(_FULL_WIDTH)
    return replace(fact, raw_text=text)


def _split_inside(text: str, rng: random.Random) -> str:
    """A converter's stray space after a separator of a long number; short numbers stay whole."""
    digits = sum(ch.isdigit() for ch in text)
    cuts = [i + 1 for i, ch in enumerate(text[:-1]) if ch in ",." and text[i + 1].isdigit()]
    if digits < 7 or not cuts:
        return text
    cut = rng.choice(cuts)
    return f"{text[:cut]} {text[cut:]}"
