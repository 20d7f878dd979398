"""Row labels of run-together tables: wrapped, interleaved and printed around their values.

A scraped row is ``[row id][label]<values>[start of the next row's label]``; a label may also
sit on lines of its own above, below or around its row's values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..metrics import map_metric

MAX_WRAP_WIDTH = 6  # a label column narrow enough to wrap labels around their values
# A row's letter in a formula table (合计(b), 现有营业收入(e)) ends its label; text after it, unless it is
# the formula itself ((d)=(a)+(b), (d/g)), starts another label.
_FORMULA_TAG_THEN_TEXT = re.compile(r"(?<=[^\W\d_])[(（][A-Za-z][)）](?=[^\s=+\-/×÷*(（)）])")
_ENDS_WITH_FORMULA_TAG = re.compile(r"[(（][A-Za-z][)）]$")


@dataclass(slots=True)
class RawRow:
    """One run of values as printed, before it is split into cells."""

    index: int
    row_id: str | None
    label: str
    run: str
    trailing: str
    prices_a_range: bool = False  # the run is two numbers joined by a dash before a price unit: a range


def join_labels(items: list[RawRow | str], lead: str = "") -> list[str]:
    """Join wrapped and interleaved label pieces onto the rows they belong to.

    ``items`` are rows and label-only fragment lines in printed order.  Text trailing a row's
    values starts the next row's label (``利用率98.0%…90.0%销售收`` then ``入(万元)…``); a
    fragment line labels the next row when that row prints none, else it is the wrapped end
    of the previous row's label.  ``lead`` is label text printed at the end of the header.
    Carried text that holds a formula letter followed by more label text ends the previous row's
    label at that letter (``…27016.57合计(b)报告期末…``: ``合计(b)`` closes the row it trails).
    """
    width = _wrap_width(items, lead)
    labels: list[str] = []
    carried, loose = lead, ""
    for item in items:
        if isinstance(item, str):
            if carried:
                carried += item
            elif labels and labels[-1] and item[0] in "(（":
                labels[-1] += item
            else:
                loose += item
            continue
        carried = _close_previous_at_formula_tag(labels, carried, item.label)
        if item.label:
            if loose and labels:
                labels[-1] += loose
            labels.append(carried + item.label)
            carried, loose = item.trailing, ""
            continue
        tail, head = ("", loose) if carried or not labels else _split_wrapped(labels[-1], loose, width)
        if labels and not labels[-1]:
            labels[-1] = carried + head  # printed between two rows without labels: it spans both
        elif labels:
            labels[-1] += tail
        labels.append(carried + head)
        carried, loose = item.trailing, ""
    return labels


def _close_previous_at_formula_tag(labels: list[str], carried: str, label: str) -> str:
    """Move carried text up to a formula letter onto the previous row when label text follows the
    letter; what is left of the carried text."""
    tag = _FORMULA_TAG_THEN_TEXT.search(carried + label)
    if not labels or tag is None or tag.end() > len(carried) or _ENDS_WITH_FORMULA_TAG.search(labels[-1]):
        return carried
    labels[-1] += carried[: tag.end()]
    return carried[tag.end() :]


def _wrap_width(items: list[RawRow | str], lead: str) -> int:
    """The width of a narrow label column whose labels wrap around their values: each row
    without a label of its own is preceded by one full line of its label (all as wide as the
    first), with the end of the previous row's label glued in front.  0 when labels do not wrap."""
    heads, carried, loose = [], lead, ""
    for item in items:
        if isinstance(item, str):
            carried, loose = (carried + item, loose) if carried else (carried, loose + item)
            continue
        if not item.label and (carried or loose):
            heads.append(carried or loose)
        carried, loose = item.trailing, ""
    if len(heads) < 2:
        return 0
    width = len(heads[0])
    fits = width <= MAX_WRAP_WIDTH and all(len(h) >= width for h in heads)
    return width if fits and any(len(h) > width for h in heads) else 0


def _split_wrapped(previous: str, piece: str, width: int) -> tuple[str, str]:
    """A fragment between two rows whose labels wrap around their values: the end of the upper
    row's label, then a full line of the lower row's.  Not when the fragment is a label the
    metric vocabulary knows and the upper label would not become one."""
    if not width or len(piece) <= width or previous.endswith((")", "）")):
        return "", piece
    tail = piece[:-width]
    if map_metric(piece) is not None and map_metric(previous + tail) is None:
        return "", piece
    return tail, piece[-width:]
