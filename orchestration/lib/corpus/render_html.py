"""Renders laid-out lines as a portal web page: one block element per line inside <article>.

Tab-separated table rows become <tr> rows of a <table>; concatenated rows stay <p> text, the way a
scraped page shows them. The page chrome (<header>/<nav>, <script>, <footer>) is outside <article>.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

from orchestration.lib.corpus.layout import Line
from orchestration.lib.corpus.portal import MENU, PORTAL_NAME

ARTICLE_BLOCK_TAGS = ("p", "h3", "tr")  # the elements that ground-truth line numbers count


def render_html(lines: list[Line], page_title: str) -> bytes:
    menu = "".join(f'<li><a href="/c/{index}">{escape(item)}</a></li>' for index, item in enumerate(MENU))
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        f'<head><meta charset="utf-8"><title>{escape(page_title)}</title>',
        "<script>window.dataLayer=window.dataLayer||[];function track(e){dataLayer.push(e);}</script>",
        "</head>",
        "<body>",
        f'<header><div class="logo">{PORTAL_NAME}</div><nav><ul>{menu}</ul></nav></header>',
        f'<div class="notice-title"><h1>{escape(page_title)}</h1></div>',
        '<article class="filing">',
    ]
    tail = [
        "</article>",
        f"<footer><p>Copyright © {PORTAL_NAME} 版权所有</p><p>本站信息仅供参考,不构成投资建议</p></footer>",
        '<script>track({"page":"notice"});</script>',
        "</body>",
        "</html>",
    ]
    return ("\n".join([*head, *_article_elements(lines), *tail]) + "\n").encode("utf-8")


def _article_elements(lines: list[Line]) -> list[str]:
    elements = []
    for is_tab_table, group in groupby(
        lines, key=lambda line: line.tab_cells is not None and line.table_index
    ):
        group = list(group)
        if is_tab_table:
            elements.append("<table>")
            elements += [
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in line.tab_cells) + "</tr>" for line in group
            ]
            elements.append("</table>")
        else:
            elements += [_text_element(line) for line in group]
    return elements


def _text_element(line: Line) -> str:
    if line.kind == "blank":
        raise ValueError("HTML styles print no blank lines: every line must be one counted element")
    tag = "h3" if line.kind == "heading" else "p"
    return f"<{tag}>{escape(line.text)}</{tag}>"
