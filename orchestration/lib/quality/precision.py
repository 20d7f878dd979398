"""How precisely a number was printed, and therefore how far rounding alone can move it.

A value printed as ``36.83`` stands for anything in [36.825, 36.835): its rounding error is half a unit
of its last printed digit. Sums and products of printed values carry the propagated error of every
input, so a check that allows exactly that much never alarms on rounding and always alarms on a real gap.
"""

from __future__ import annotations

import re

from orchestration.lib.vocabulary.units import EXACT_UNITS

_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.(\d+))?")

# Float noise of a sum of a few dozen values of up to ten digits.
FLOAT_SLACK = 1e-9


def decimals(raw_text: str) -> int:
    """Digits printed after the decimal point: 2 for "13,563.17" and "12.50%", 0 for "300台"."""
    match = _NUMBER.search(raw_text)
    if match is None or match.group(1) is None:
        return 0
    return len(match.group(1))


def half_unit(raw_text: str, unit: str | None = None) -> float:
    """The largest rounding error of a printed value, in the unit it was printed in."""
    if unit in EXACT_UNITS:
        return 0.0
    return 0.5 * 10.0 ** -decimals(raw_text)


def intervals_overlap(a: float, a_error: float, b: float, b_error: float) -> bool:
    """True when two printed values can stand for the same number given their rounding."""
    return abs(a - b) <= a_error + b_error + FLOAT_SLACK * max(1.0, abs(a), abs(b))


def within(gap: float, tolerance: float, scale: float) -> bool:
    return abs(gap) <= tolerance + FLOAT_SLACK * max(1.0, abs(scale))
