"""Visible filing text from an HTML page, with portal chrome left out, and its tables as grids.

The page is parsed as data by the standard library's tokenizer: no script runs and nothing is
fetched. Block elements end lines. A data table's row becomes one line with its cells separated by
tabs (a spanned cell printed once, in its first position), and the table itself is kept as a
``Grid`` with its ``colspan``/``rowspan`` so the table engine reads structure instead of guessing it
(see ``orchestration/lib/grid.py``). A table that holds another table, or a whole article in one
cell, lays out the page rather than data: its cells end lines like any block.

Every end tag is matched against a count of open tags, and every open element is popped once, so
sloppy markup (stray or unclosed tags) costs time linear in the number of tags.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from orchestration.lib.grid import DocumentLayout, Grid
from orchestration.lib.ingest.decode import decode_text
from orchestration.lib.ingest.errors import IngestError
from orchestration.lib.ingest.html_tables import TableBuilder

_INVISIBLE = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas"}
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form", "button", "select", "menu", "dialog"}
_CHROME_ATTR = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|header|breadcrumb|sidebar|banner|copyright|toolbar|share|login|ad|ads|"
    r"topbar|foot|links)([\s_-]|$)",
    re.IGNORECASE,
)
_BLOCK = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4",
    "h5", "h6", "table", "thead", "tbody", "tfoot", "tr", "blockquote", "pre", "center", "caption", "hr",
}
# Inside a cell these say the table lays out a page, not data.
_PAGE_BLOCKS = {"table", "article", "section", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"}
_TABLE_PARTS = {"tr", "td", "th"}
_VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "col", "area", "base", "source", "embed", "param"}
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.IGNORECASE)
_MIN_FILING_CJK_CHARS = 40
_MAX_DATA_CELL_CHARS = 200  # a cell longer than this that opens a paragraph holds prose, not a value


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.grids: list[Grid] = []
        self._line: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hides its content)
        self._open_count: Counter[str] = Counter()  # tags in _open: a stray end tag is found in O(1), not O(depth)
        self._hidden_depth = 0
        self._pre_depth = 0
        self._tables: list[TableBuilder] = []  # open tables, innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        table = self._data_table()
        if tag in _VOID:
            if tag in {"br", "hr"} and not self._hidden_depth:
                self._break(table)
            return
        if table is not None and not self._hidden_depth:
            self._before_table_part(table, tag)
        hides = tag in _INVISIBLE or tag in _CHROME_TAGS or _is_chrome(attrs)
        self._push(tag, hides)
        if self._hidden_depth:
            return
        if tag == "table":
            self._end_line()
            self._tables.append(TableBuilder(depth=len(self._open) - 1))
        elif tag in _TABLE_PARTS and (table := self._data_table()) is not None:
            self._open_table_part(table, tag, dict(attrs))
        elif tag == "thead" and (table := self._data_table()) is not None:
            table.in_head = True
        elif tag in _BLOCK or tag in _TABLE_PARTS:
            self._break(table)

    def handle_endtag(self, tag: str) -> None:
        if not self._open_count[tag]:
            return  # a stray end tag in sloppy markup
        while self._open:
            open_tag = self._pop()
            if open_tag == tag:
                break
        if not self._hidden_depth and (tag in _BLOCK or tag in _TABLE_PARTS):
            self._break(self._data_table())

    def handle_data(self, data: str) -> None:
        if self._hidden_depth:
            return
        table = self._data_table()
        if table is not None and table.in_cell:
            table.add_text(data)
            return
        if self._pre_depth:
            first, *rest = data.split("\n")
            self._line.append(first)
            for part in rest:
                self._end_line(keep_empty=True)
                self._line.append(part)
            return
        text = re.sub(r"[ \t\r\n\f\u00a0]+", " ", data)
        if text.strip() or (self._line and text == " "):
            self._line.append(text)

    def close(self) -> None:
        super().close()
        while self._open:
            self._pop()
        self._end_line()

    def _push(self, tag: str, hides: bool) -> None:
        self._open.append((tag, hides))
        self._open_count[tag] += 1
        self._hidden_depth += hides
        self._pre_depth += tag == "pre"

    def _pop(self) -> str:
        """Close the innermost open element, and the table structure it ends."""
        tag, hides = self._open.pop()
        self._open_count[tag] -= 1
        self._hidden_depth -= hides
        self._pre_depth -= tag == "pre"
        depth = len(self._open)
        if self._tables and self._tables[-1].depth == depth and tag == "table":
            self._finish_table(self._tables.pop())
        elif (table := self._data_table()) is not None:
            if tag in {"td", "th"} and table.cell_depth == depth:
                table.close_cell()
            elif tag == "tr" and table.row_depth == depth:
                self._emit_row(table)
            elif tag == "thead":
                table.in_head = False
        return tag

    def _data_table(self) -> TableBuilder | None:
        table = self._tables[-1] if self._tables else None
        return table if table is not None and not table.lays_out_page else None

    def _before_table_part(self, table: TableBuilder, tag: str) -> None:
        """A new cell or row closes the open one (HTML lets ``</td>`` and ``</tr>`` be left out);
        a page-level block inside a cell turns the table into page layout."""
        if tag in {"td", "th", "tr"} and table.in_cell:
            self._pop_to(table.cell_depth)
        if tag == "tr" and table.row_depth is not None:
            self._pop_to(table.row_depth)
        if table.in_cell and (tag in _PAGE_BLOCKS or (tag in _BLOCK and table.cell_length() > _MAX_DATA_CELL_CHARS)):
            self._to_page_layout(table)

    def _pop_to(self, depth: int) -> None:
        while len(self._open) > depth:
            self._pop()

    def _open_table_part(self, table: TableBuilder, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "tr":
            table.open_row(len(self._open) - 1)
        else:
            table.open_cell(len(self._open) - 1, attrs, header=tag == "th")

    def _break(self, table: TableBuilder | None) -> None:
        """A line break: between a cell's wrapped pieces inside a data table, else the end of a line."""
        if table is not None and table.in_cell:
            table.add_break()
        elif table is None:
            self._end_line()

    def _emit_row(self, table: TableBuilder) -> None:
        line = table.close_row()
        if line is not None:
            self._end_line()
            self.lines.append(line)
            table.row_printed_on(len(self.lines))

    def _to_page_layout(self, table: TableBuilder) -> None:
        """The rows read so far stay as printed lines; from here on cells end lines like blocks."""
        pending = table.abandon()
        self._end_line()
        if pending:
            self.lines.append(pending)

    def _finish_table(self, table: TableBuilder) -> None:
        if not table.lays_out_page:
            if table.row_depth is not None:
                self._emit_row(table)
            grid = table.grid()
            if grid is not None:
                self.grids.append(grid)
        self._end_line()

    def _end_line(self, keep_empty: bool = False) -> None:
        line = "".join(self._line).strip(" ")
        line = re.sub(r" *\t *", "\t", line)
        self._line = []
        if line or keep_empty:
            self.lines.append(line)


def _is_chrome(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name in {"class", "id", "role"} and value and _CHROME_ATTR.search(value):
            return True
        if name == "role" and value in {"navigation", "banner", "contentinfo"}:
            return True
        if name in {"hidden", "aria-hidden"} and (value is None or value == "true"):
            return True
    return False


def html_to_text(data: bytes) -> tuple[str, str, DocumentLayout]:
    """Return (visible text, encoding, layout with the page's tables as grids).

    Raises IngestError when the page holds no filing text.
    """
    declared = _CHARSET.search(data[:4096])
    markup, encoding = decode_text(data, declared.group(1).decode("ascii") if declared else None)
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    text = "\n".join(parser.lines)
    if sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") < _MIN_FILING_CJK_CHARS:
        raise IngestError("HTML page with no filing text: only navigation, scripts or footers were found")
    return text + "\n", encoding, DocumentLayout(grids=tuple(parser.grids))
