"""The invented financial portal whose menus and footer wrap scraped filings (not part of the filing)."""

from __future__ import annotations

from datetime import date

PORTAL_NAME = "星河财经网"
MENU = (
    "首页",
    "行情中心",
    "沪深京A股",
    "板块行情",
    "数据中心",
    "资金流向",
    "公告掘金",
    "研报中心",
    "智能选股",
)


def notice_title(short_name: str, title: str, exchange_name: str, published: date) -> str:
    return f"{short_name}:{title} {exchange_name} {published.isoformat()} 查看全文"


def text_menu_lines() -> list[str]:
    """How the menu reads once a page is saved as text: one run of items per line."""
    return [" ".join(MENU[:5]), " ".join(MENU[5:])]
