"""The words that mark a table's total rows and sub-item rows, for the parser, the model and the quality
checks alike.

A grand total (合计, 总计) closes a table; a subtotal (小计) closes a group of its rows; an "of which" row
(其中:) and a dash-led row detail the row above them. A space-aligned or scraped table may print the word
with a space inside it (合 计, 其 中) or after an indent, so every pattern allows both.
"""

from __future__ import annotations

import re

GRAND_TOTAL = r"合\s*计|总\s*计"
SUBTOTAL = r"小\s*计"
GRAND_TOTAL_ROW = re.compile(rf"^\s*(?:{GRAND_TOTAL})")
SUBTOTAL_ROW = re.compile(rf"^\s*(?:{SUBTOTAL})")
TOTAL_ROW = re.compile(rf"^\s*(?:{GRAND_TOTAL}|{SUBTOTAL})")  # a grand total or a subtotal
GRAND_TOTAL_WORD = re.compile(GRAND_TOTAL)  # anywhere in a label (营业收入合计)
OF_WHICH_ROW = re.compile(r"^\s*其\s*中\s*[:：]?")  # "of which": the rows below detail the row above
SUB_ITEM_ROW = re.compile(r"^\s*(?:其\s*中\s*[:：]?|[-—]+)")  # an "of which" row, or a dash-led detail row
