"""A fuzzed document as HTML converted from a PDF: ``<table>`` with colspan/rowspan and empty stubs.

Tables in the ``html`` and ``html_split`` layouts keep their structure (a period spanning its
measures, a change column two rows tall, the key-indicator year-end block as a second header row
inside the same table, labels wrapped with ``<br>``); a ``concat`` table prints as the run-together
paragraphs a scrape leaves.
"""

from __future__ import annotations

import random
from html import escape

from orchestration.lib.corpus.blocks import Heading, Paragraph, Row
from orchestration.lib.corpus.tables import FuzzTable, Part, header_grid, stub_header

HTML_LAYOUTS = ("html", "html_split", "concat")
_WRAP_AT = 10  # characters of a label before a converter breaks it with <br>


class HtmlWriter:
    def __init__(self, title: str, running_header: str, rng: random.Random):
        self.title, self.running_header, self.rng = title, running_header, rng
        self.elements: list[str] = []
        self.page = 1  # the source PDF's page, printed where a converted table breaks

    def block(self, block) -> None:
        if isinstance(block, Heading):
            self.elements.append(f"<h3>{escape(block.marker + block.title)}</h3>")
        elif isinstance(block, Paragraph):
            text = "".join(p if isinstance(p, str) else p.raw_text for p in block.parts)
            style = ' style="text-align:center"' if block.centered else ""
            self.elements.append(f"<p{style}>{escape(text)}</p>")

    def table(self, table: FuzzTable, layout: str, run_together: list[str] | None = None) -> None:
        if table.unit_caption:
            self.elements.append(f'<p style="text-align:right">{escape(table.unit_caption)}</p>')
        if run_together is not None:
            self.elements += [f"<p>{escape(line)}</p>" for line in run_together if line]
            return
        cell_tag = self.rng.choice(("td", "th"))
        grouped = not table.has_row_ids and any(map(_is_group, _rows(table))) and self.rng.random() < 0.5
        if not grouped and len(table.parts) == 1 and len(table.parts[0].rows) >= 8 and self.rng.random() < 0.3:
            self._across_pages(table, cell_tag)
            return
        rows = []
        for part in table.parts:
            rows += self._header_rows(table, part, cell_tag, grouped)
            rows += self._grouped_rows(part) if grouped else [self._body_row(table, row) for row in part.rows]
        self._emit_table(rows)

    def _emit_table(self, rows: list[str]) -> None:
        self.elements.append('<table border="1" cellspacing="0">' + "".join(rows) + "</table>")

    def _across_pages(self, table: FuzzTable, cell_tag: str) -> None:
        """A table the source PDF broke over two pages: the page's footer and the next page's running
        header between two <table>s, the continuation with its header rows repeated or not."""
        part = table.parts[0]
        header = self._header_rows(table, part, cell_tag, False)
        body = [self._body_row(table, row) for row in part.rows]
        cut = self.rng.randrange(3, len(body) - 2)
        self._emit_table(header + body[:cut])
        self.elements += [f"<p>{self.page}</p>", f"<p>{escape(self.running_header)}</p>"]
        self.page += 1
        self._emit_table((header if self.rng.random() < 0.7 else []) + body[cut:])

    def _header_rows(self, table: FuzzTable, part: Part, tag: str, grouped: bool) -> list[str]:
        depth = len(part.header_lines)
        rows = [[] for _ in range(depth)]
        span = (f' rowspan="{depth}"' if depth > 1 else "") + (' colspan="2"' if grouped else "")
        if table.has_row_ids:
            rows[0].append(f"<{tag}{span}>序号</{tag}>")
        rows[0].append(f"<{tag}{span}>{escape(stub_header(part))}</{tag}>")
        for cell in header_grid(part):
            attrs = (f' colspan="{cell.col_span}"' if cell.col_span > 1 else "") + (
                f' rowspan="{cell.row_span}"' if cell.row_span > 1 else ""
            )
            rows[cell.row].append(f"<{tag}{attrs}>{escape(cell.text)}</{tag}>")
        return ["<tr>" + "".join(cells) + "</tr>" for cells in rows]

    def _body_row(self, table: FuzzTable, row: Row) -> str:
        cells = [f"<td>{escape(row.row_id or '')}</td>"] if table.has_row_ids else []
        cells.append(f"<td>{self._label(row.label)}</td>")
        cells += [f"<td>{escape(cell.text)}</td>" for cell in row.cells]
        return "<tr>" + "".join(cells) + "</tr>"

    def _grouped_rows(self, part: Part) -> list[str]:
        """Group rows (分行业, 流动资产：) become a first column spanning their items' rows."""
        rows, out = list(part.rows), []
        spans = _group_spans(rows)
        for index, row in enumerate(rows):
            if _is_group(row):
                continue
            values = "".join(f"<td>{escape(cell.text)}</td>" for cell in row.cells)
            if index in spans:
                group, size = spans[index]
                out.append(f'<tr><td rowspan="{size}">{escape(group)}</td><td>{self._label(row.label)}</td>{values}</tr>')
            elif any(first < index < first + size for first, (_, size) in spans.items()):
                out.append(f"<tr><td>{self._label(row.label)}</td>{values}</tr>")
            else:
                out.append(f'<tr><td colspan="2">{self._label(row.label)}</td>{values}</tr>')
        return out

    def _label(self, label: str) -> str:
        if len(label) > _WRAP_AT and self.rng.random() < 0.5:
            cut = self.rng.randint(_WRAP_AT // 2, len(label) - 2)
            return f"{escape(label[:cut])}<br>{escape(label[cut:])}"
        return escape(label)

    def render(self) -> bytes:
        head = f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head><meta charset="utf-8"><title>{escape(self.title)}</title></head>\n<body>'
        return ("\n".join([head, *self.elements, "</body>", "</html>"]) + "\n").encode("utf-8")


def _rows(table: FuzzTable) -> list[Row]:
    return [row for part in table.parts for row in part.rows]


def _is_group(row: Row) -> bool:
    """A row that only names a block of the rows below it: no cell printed."""
    return bool(row.cells) and not any(cell.text for cell in row.cells)


def _group_spans(rows: list[Row]) -> dict[int, tuple[str, int]]:
    """First item row -> (group label, rows spanned): up to the next group, or through its 合计 row."""
    spans = {}
    for index, row in enumerate(rows):
        if not _is_group(row):
            continue
        end = index + 1
        while end < len(rows) and not _is_group(rows[end]):
            end += 1
            if rows[end - 1].label.endswith("合计"):
                break
        if end > index + 1:
            spans[index + 1] = (row.label, end - index - 1)
    return spans
