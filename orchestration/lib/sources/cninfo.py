"""The live cninfo (巨潮资讯网) client: announcement queries by stock, paged and split by date window."""

from __future__ import annotations

import http.client
import json
import math
import os
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from orchestration.lib.sources.http import DESKTOP_USER_AGENT, PoliteHttp
from orchestration.lib.sources.model import Announcement, Blocked, SourceError, parse_rows

DEFAULT_BASE_URL = "http://www.cninfo.com.cn"
DEFAULT_STATIC_URL = "http://static.cninfo.com.cn"
QUERY_PATH = "/new/hisAnnouncement/query"
STOCK_LIST_PATH = "/new/data/szse_stock.json"
SEARCH_PAGE_PATH = "/new/commonUrl/pageOfSearch?url=disclosure/list/search"
PAGE_SIZE = 30
MAX_PAGES = 100  # cninfo serves no more than about 100 pages (3,000 rows) of one query
STOCK_LIST_MAX_AGE_SECONDS = 7 * 24 * 3600

# Annual and semi-annual reports have category codes; the other kinds are found by a title keyword and
# classified by title afterwards (说明书 finds both 招股说明书 and 募集说明书).
CATEGORIES = {"annual": "category_ndbg_szsh", "semiannual": "category_bndbg_szsh"}
SEARCH_KEYS = {"reply": "回复", "prospectus": "说明书", "feasibility": "可行性"}

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Query:
    """One search: a category list or a title keyword."""

    label: str
    category: str = ""
    searchkey: str = ""


def queries_for(kinds: Sequence[str]) -> list[Query]:
    """As few searches as cover the kinds: one for all category kinds, one per keyword kind."""
    categories = [CATEGORIES[kind] for kind in kinds if kind in CATEGORIES]
    queries = [Query("+".join(k for k in kinds if k in CATEGORIES), category=";".join(categories))] if categories else []
    queries += [Query(kind, searchkey=SEARCH_KEYS[kind]) for kind in kinds if kind in SEARCH_KEYS]
    return queries


@dataclass(slots=True)
class CninfoSource:
    """Announcements and documents from cninfo itself. Nothing here runs unless a caller asks for it."""

    http: PoliteHttp
    cache_dir: Path
    base_url: str = DEFAULT_BASE_URL
    static_url: str = DEFAULT_STATIC_URL
    progress: Progress = print
    name: str = "live"
    _org_ids: dict[str, str] | None = field(default=None, repr=False)

    def announcements(self, code: str, since: date, until: date, kinds: Sequence[str]) -> list[Announcement]:
        org_id = self.org_id(code)
        rows = [row for query in queries_for(kinds) for row in self._window(code, org_id, query, since, until)]
        return parse_rows(rows, code, self.progress)

    def download(self, announcement: Announcement, partial: Path) -> None:
        """Write the document into ``partial``; a transfer that breaks off resumes from the bytes already held."""
        url = f"{self.static_url.rstrip('/')}/{announcement.adjunct_url}"
        attempts = self.http.politeness.retries + 1
        for attempt in range(attempts):
            try:
                self._download_rest(url, partial)
                return
            except (http.client.HTTPException, OSError) as error:
                held = partial.stat().st_size if partial.exists() else 0
                if attempt == attempts - 1:
                    raise SourceError(f"the download of {url} broke off after {held} bytes ({error!r})") from None
                self.http.backoff(attempt, repr(error))

    def _download_rest(self, url: str, partial: Path) -> None:
        held = partial.stat().st_size if partial.exists() else 0
        headers = {"User-Agent": DESKTOP_USER_AGENT, "Referer": f"{self.base_url}/"}
        if held:
            headers["Range"] = f"bytes={held}-"
        with self.http.open(urllib.request.Request(url, headers=headers)) as response:
            resumed = held and response.status == 206  # a 200 is the whole document again
            promised = int(response.headers.get("Content-Length") or -1)
            received = 0
            with partial.open("ab" if resumed else "wb") as out:
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    received += len(chunk)
        # http.client reads a short body without complaint when it is read in chunks: count it ourselves.
        if 0 <= received < promised:
            raise http.client.IncompleteRead(b"", promised - received)

    def org_id(self, code: str) -> str:
        """cninfo's internal id of a listed company: it cannot be derived from the code, so it is looked up."""
        if self._org_ids is None or code not in self._org_ids:
            self._org_ids = self._stock_list(refresh=self._org_ids is not None)
        if code not in self._org_ids:
            raise SourceError(f"{code} is not in cninfo's list of listed companies ({STOCK_LIST_PATH})")
        return self._org_ids[code]

    def _stock_list(self, refresh: bool) -> dict[str, str]:
        cached = self.cache_dir / "szse_stock.json"
        fresh = cached.is_file() and time.time() - cached.stat().st_mtime < STOCK_LIST_MAX_AGE_SECONDS
        if refresh or not fresh:
            self.progress("downloading cninfo's list of listed companies")
            data = self._request_json(urllib.request.Request(self.base_url + STOCK_LIST_PATH, headers=self._headers()))
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            temporary = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            temporary.replace(cached)
        else:
            data = json.loads(cached.read_text(encoding="utf-8"))
        rows = data.get("stockList") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise SourceError(f"cninfo's list of listed companies ({STOCK_LIST_PATH}) has no stockList")
        return {str(row.get("code")): str(row.get("orgId")) for row in rows if isinstance(row, dict)}

    def _window(self, code: str, org_id: str, query: Query, since: date, until: date) -> list[dict]:
        """Every row of one search over [since, until], halving the window while it holds more than 100 pages."""
        first = self._page(code, org_id, query, since, until, 1)
        total = _count(first)
        if total > PAGE_SIZE * MAX_PAGES and since < until:
            middle = since + (until - since) // 2
            self.progress(f"{code} {query.label}: {total} rows in {since}~{until}, more than cninfo pages; splitting")
            return (self._window(code, org_id, query, since, middle)
                    + self._window(code, org_id, query, middle + timedelta(days=1), until))
        if total > PAGE_SIZE * MAX_PAGES:
            self.progress(f"{code} {query.label}: {total} rows on {since} alone; only the first {MAX_PAGES} pages exist")
        # totalpages and hasMore are not to be trusted: the page count follows from the record count.
        pages = min(math.ceil(total / PAGE_SIZE), MAX_PAGES)
        rows = _rows(first, code, query, since, until, 1, pages, total)
        for number in range(2, pages + 1):
            self.progress(f"{code} {query.label} {since}~{until}: page {number}/{pages}")
            try:
                page = self._page(code, org_id, query, since, until, number)
            except Blocked as blocked:
                raise Blocked(f"{blocked} on page {number} of {pages} of {code} {query.label} ({since}~{until})") from None
            rows += _rows(page, code, query, since, until, number, pages, total)
        return rows

    def _page(self, code: str, org_id: str, query: Query, since: date, until: date, number: int) -> dict:
        form = {
            "pageNum": str(number), "pageSize": str(PAGE_SIZE), "column": "szse", "tabName": "fulltext",
            "plate": "", "stock": f"{code},{org_id}", "searchkey": query.searchkey, "secid": "",
            "category": query.category, "trade": "", "seDate": f"{since.isoformat()}~{until.isoformat()}",
            "sortName": "", "sortType": "", "isHLtitle": "true",
        }
        headers = self._headers() | {
            "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
            "X-Requested-With": "XMLHttpRequest",
            "Origin": self.base_url,
            "Referer": self.base_url + SEARCH_PAGE_PATH,
        }
        # The parameters go in the body: cninfo ignores a query string and answers unfiltered results.
        body = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(self.base_url + QUERY_PATH, data=body, headers=headers, method="POST")
        return self._request_json(request)

    def _headers(self) -> dict[str, str]:
        return {"User-Agent": DESKTOP_USER_AGENT, "Accept": "application/json, text/javascript, */*; q=0.01"}

    def _request_json(self, request: urllib.request.Request) -> dict:
        with self.http.open(request) as response:
            payload = response.read()
        try:
            return json.loads(payload.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise SourceError(f"{request.full_url} did not answer JSON: {payload[:80]!r}") from None


def _count(page: dict) -> int:
    try:
        return int(page.get("totalRecordNum") or 0)
    except (TypeError, ValueError):
        raise SourceError(f"totalRecordNum is not a number: {page.get('totalRecordNum')!r}") from None


def _rows(page: dict, code: str, query: Query, since: date, until: date, number: int, pages: int, total: int) -> list:
    rows = page.get("announcements")
    if rows is None and total:
        raise SourceError(
            f"cninfo answered `announcements: null` on page {number} of {pages} of {code} {query.label} "
            f"({since}~{until}) although it counted {total} records: the query is broken or throttled"
        )
    return list(rows or [])
