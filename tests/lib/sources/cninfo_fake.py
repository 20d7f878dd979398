"""A stand-in for cninfo on 127.0.0.1: the stock list, the announcement query and the documents, in its shape.

It behaves like the real site where clients trip: query parameters are read from the form-encoded body
only (a query string is ignored, and unfiltered rows come back), a wrong orgId silently finds nothing,
titles carry <em> highlights around the search key, no more than 100 pages exist, totalpages and hasMore
need not agree with totalRecordNum, and failures can be injected per stock and page or per document.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

from orchestration.lib.sources.model import CHINA, epoch_ms

MAX_PAGES = 100
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def org_id_of(code: str) -> str:
    """Fixture orgIds are deliberately not derivable from the code by a client: cninfo's are not either."""
    return f"gs{int(code) * 7 + 13:010d}"


def row(announcement_id: str, code: str, title: str, day: date, category: str = "", name: str = "样本") -> dict:
    """One announcement as cninfo lists it, plus the server-side category the query filters on."""
    return {
        "announcementId": announcement_id, "secCode": code, "secName": name, "orgId": org_id_of(code),
        "announcementTitle": title, "announcementTime": epoch_ms(day) + 19 * 3600 * 1000,  # 19:00 Beijing time
        "adjunctUrl": f"finalpage/{day.isoformat()}/{announcement_id}.PDF", "adjunctSize": 321,
        "adjunctType": "PDF", "category": category,
    }


@dataclass
class FakeCninfo:
    rows: list[dict] = field(default_factory=list)
    documents: dict[str, bytes] = field(default_factory=dict)  # adjunctUrl -> bytes (default: a tiny PDF)
    html_documents: set[str] = field(default_factory=set)  # served as a 200 HTML page
    forbidden_documents: set[str] = field(default_factory=set)  # answered with 403
    forbidden_pages: set[tuple[str, int]] = field(default_factory=set)  # (code, page) -> 403
    null_pages: set[tuple[str, int]] = field(default_factory=set)  # (code, page) -> announcements: null
    cut_once: set[str] = field(default_factory=set)  # documents whose first delivery stops half-way
    unavailable_queries: int = 0  # the next n queries answer 503
    honest_paging: bool = True  # False: totalpages 1 and hasMore false, whatever the count
    queries: list[dict] = field(default_factory=list)  # every form received
    downloads: list[tuple[str, str | None]] = field(default_factory=list)  # (path, Range header)
    stock_list_requests: int = 0

    def stock_list(self) -> dict:
        codes = sorted({r["secCode"] for r in self.rows})
        return {"stockList": [
            {"orgId": org_id_of(code), "category": "A股", "code": code, "pinyin": "yb", "zwjc": "样本"}
            for code in codes
        ]}

    def query(self, form: dict[str, str]) -> dict:
        self.queries.append(form)
        code, _, org_id = form.get("stock", "").partition(",")
        page, size = int(form.get("pageNum") or 1), int(form.get("pageSize") or 30)
        if (code, page) in self.forbidden_pages:
            return {"status": 403}
        if self.unavailable_queries:
            self.unavailable_queries -= 1
            return {"status": 503}
        matches = sorted(self._matching(form, code, org_id), key=lambda r: r["announcementTime"], reverse=True)
        total = len(matches)
        shown = matches[(page - 1) * size: page * size] if page <= MAX_PAGES else []
        pages = -(-total // size)
        return {
            "totalAnnouncement": total, "totalRecordNum": total,
            "totalpages": pages if self.honest_paging else 1,
            "hasMore": page < pages if self.honest_paging else False,
            "announcements": None if (code, page) in self.null_pages or not total
            else [self._shown(r, form.get("searchkey", "")) for r in shown],
        }

    def _matching(self, form: dict[str, str], code: str, org_id: str):
        since, _, until = form.get("seDate", "").partition("~")
        categories = {c for c in form.get("category", "").split(";") if c}
        for candidate in self.rows:
            if form.get("stock") and (candidate["secCode"], candidate["orgId"]) != (code, org_id):
                continue
            if categories and candidate["category"] not in categories:
                continue
            if form.get("searchkey") and form["searchkey"] not in candidate["announcementTitle"]:
                continue
            day = _day(candidate["announcementTime"]).isoformat()
            if since and not since <= day <= until:
                continue
            yield candidate

    @staticmethod
    def _shown(candidate: dict, searchkey: str) -> dict:
        shown = {k: v for k, v in candidate.items() if k != "category"}
        if searchkey:
            shown["announcementTitle"] = shown["announcementTitle"].replace(searchkey, f"<em>{searchkey}</em>")
        return shown


def _day(ms: int) -> date:
    return datetime.fromtimestamp(ms / 1000, tz=CHINA).date()


class _Handler(BaseHTTPRequestHandler):
    site: FakeCninfo

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path  # the query string is ignored, as cninfo ignores it
        if path != "/new/hisAnnouncement/query":
            return self._send(404, b"not found", "text/plain")
        length = int(self.headers.get("Content-Length") or 0)
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))
        answer = self.site.query(form)
        if answer.get("status"):
            return self._send(answer["status"], b"<html>refused</html>", "text/html")
        self._send(200, json.dumps(answer, ensure_ascii=False).encode("utf-8"), "application/json;charset=UTF-8")

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path.lstrip("/")
        if path == "new/data/szse_stock.json":
            self.site.stock_list_requests += 1
            return self._send(200, json.dumps(self.site.stock_list(), ensure_ascii=False).encode(), "application/json")
        self.site.downloads.append((path, self.headers.get("Range")))
        if path in self.site.forbidden_documents:
            return self._send(403, b"<html>forbidden</html>", "text/html")
        if path in self.site.html_documents:
            return self._send(200, "<html><body>文件不存在</body></html>".encode(), "text/html")
        if not any(r["adjunctUrl"] == path for r in self.site.rows):
            return self._send(404, b"not found", "text/plain")
        self._document(path, self.site.documents.get(path, PDF_BYTES))

    def _document(self, path: str, data: bytes) -> None:
        start = int(self.headers["Range"].removeprefix("bytes=").rstrip("-")) if self.headers.get("Range") else 0
        if path in self.site.cut_once:
            self.site.cut_once.discard(path)
            # Promise the whole document, deliver half, hang up: the client sees a broken transfer.
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.close_connection = True
            return
        self.send_response(206 if start else 200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep test output quiet
        pass


class ServedCninfo:
    """Serve a FakeCninfo on 127.0.0.1 (a free port) for the duration of a with block."""

    def __init__(self, site: FakeCninfo) -> None:
        handler = type("Handler", (_Handler,), {"site": site})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.site = site
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Self:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


A, B = "300846", "603220"
NDBG, BNDBG = "category_ndbg_szsh", "category_bndbg_szsh"
REPLY_A = "关于深圳证券交易所《关于样本公司申请向特定对象发行股票的审核问询函》的回复"
REPLY_B = "关于上海证券交易所审核问询函的回复"


def watchlist_rows() -> list[dict]:
    """Two issuers with every kind, several versions of one reply, summaries, English, cancelled and notices."""
    return [
        row("100", A, REPLY_A, date(2023, 3, 10)),
        row("101", A, REPLY_A + "（修订稿）", date(2023, 4, 20)),
        row("102", A, "关于审核问询函回复的提示性公告", date(2023, 4, 20)),
        row("103", A, "2022年年度报告", date(2023, 4, 20), NDBG),
        row("104", A, "2022年年度报告摘要", date(2023, 4, 20), NDBG),
        row("105", A, "2022 Annual Report", date(2023, 4, 21), NDBG),
        row("106", A, "2023年半年度报告", date(2023, 8, 25), BNDBG),
        row("107", A, "2023年半年度报告摘要", date(2023, 8, 25), BNDBG),
        row("108", A, "向特定对象发行股票募集资金使用可行性分析报告", date(2023, 2, 1)),
        row("109", A, "向特定对象发行股票募集说明书（申报稿）", date(2023, 2, 1)),
        row("110", A, "向特定对象发行股票募集说明书（注册稿）", date(2023, 5, 30)),
        row("111", A, "关于召开2023年第一次临时股东大会的通知", date(2023, 6, 1)),
        row("112", A, "2021年年度报告", date(2022, 4, 20), NDBG),
        row("200", B, REPLY_B + "（豁免版）", date(2023, 5, 10)),
        row("201", B, REPLY_B, date(2023, 5, 10)),
        row("202", B, REPLY_B + "（已取消）", date(2023, 5, 12)),
        row("203", B, "2023年年度报告（更新后）", date(2024, 4, 26), NDBG),
        row("204", B, "2023年年度报告", date(2024, 4, 20), NDBG),
        row("205", B, "2023年年度报告（更正前）", date(2024, 4, 22), NDBG),
    ]


# What fetching A and B since 2023-01-01 must keep: (announcement id, kind, version)
EXPECTED_KEPT = {
    ("101", "reply", "修订稿"), ("103", "annual", "original"), ("106", "semiannual", "original"),
    ("108", "feasibility", "original"), ("110", "prospectus", "original"),
    ("200", "reply", "豁免版"), ("203", "annual", "更新后"),
}
