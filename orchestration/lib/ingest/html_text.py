"""Visible filing text from an HTML page, with portal chrome left out.

The page is parsed as data by the standard library's tokenizer: no script runs and nothing is
fetched. Table rows become one line with tab-separated cells, so HTML tables reach the parser in
the tab layout; block elements end lines.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from orchestration.lib.ingest.decode import decode_text
from orchestration.lib.ingest.errors import IngestError

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
_VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "col", "area", "base", "source", "embed", "param"}
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.IGNORECASE)
_MIN_FILING_CJK_CHARS = 40


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hides its content)
        self._open_count: Counter[str] = Counter()  # tags in _open: a stray end tag is found in O(1), not O(depth)
        self._hidden_depth = 0
        self._pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag in {"br", "hr"} and not self._hidden_depth:
                self._end_line()
            return
        hides = tag in _INVISIBLE or tag in _CHROME_TAGS or _is_chrome(attrs)
        self._open.append((tag, hides))
        self._open_count[tag] += 1
        self._hidden_depth += hides
        self._pre_depth += tag == "pre"
        if self._hidden_depth:
            return
        if tag in _BLOCK:
            self._end_line()
        elif tag in {"td", "th"} and self._line:
            self._line.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if not self._open_count[tag]:
            return  # a stray end tag in sloppy markup
        while self._open:
            open_tag, hides = self._open.pop()
            self._open_count[open_tag] -= 1
            self._hidden_depth -= hides
            self._pre_depth -= open_tag == "pre"
            if open_tag == tag:
                break
        if not self._hidden_depth and tag in _BLOCK:
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self._hidden_depth:
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

    def _end_line(self, keep_empty: bool = False) -> None:
        line = "".join(self._line).strip(" ")
        line = re.sub(r" *\t *", "\t", line)
        self._line = []
        if line or keep_empty:
            self.lines.append(line)

    def close(self) -> None:
        super().close()
        self._end_line()


def _is_chrome(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name in {"class", "id", "role"} and value and _CHROME_ATTR.search(value):
            return True
        if name == "role" and value in {"navigation", "banner", "contentinfo"}:
            return True
        if name in {"hidden", "aria-hidden"} and (value is None or value == "true"):
            return True
    return False


def html_to_text(data: bytes) -> tuple[str, str]:
    """Return (visible text, encoding). Raises IngestError when the page holds no filing text."""
    declared = _CHARSET.search(data[:4096])
    markup, encoding = decode_text(data, declared.group(1).decode("ascii") if declared else None)
    parser = _VisibleText()
    parser.feed(markup)
    parser.close()
    text = "\n".join(parser.lines)
    if sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") < _MIN_FILING_CJK_CHARS:
        raise IngestError("HTML page with no filing text: only navigation, scripts or footers were found")
    return text + "\n", encoding
