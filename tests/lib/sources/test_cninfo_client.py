"""The live client against a loopback stand-in for cninfo: queries, paging, window splitting, failure modes."""

from datetime import date, timedelta

import pytest

from orchestration.lib.sources import Blocked, PoliteHttp, Politeness, SourceError
from orchestration.lib.sources.cninfo import MAX_PAGES, PAGE_SIZE
from orchestration.lib.sources.model import parse_rows
from tests.lib.sources.cninfo_fake import NDBG, A, B, FakeCninfo, ServedCninfo, org_id_of, row, watchlist_rows
from tests.lib.sources.conftest import live_client

SINCE, UNTIL = date(2023, 1, 1), date(2024, 12, 31)
ALL_KINDS = ("reply", "prospectus", "feasibility", "annual", "semiannual")


def _many_rows(code: str, count: int, start: date, days: int) -> list[dict]:
    return [row(f"9{n:05d}", code, f"第{n}份年度报告", start + timedelta(days=n % days), NDBG) for n in range(count)]


def test_queries_carry_their_parameters_in_the_form_body_with_the_looked_up_org_id(tmp_path):
    site = FakeCninfo(rows=watchlist_rows())
    with ServedCninfo(site) as served:
        found = live_client(served.url, tmp_path).announcements(A, SINCE, UNTIL, ("reply", "annual"))
    # The stand-in reads the body only, so these rows prove the filter reached it there.
    assert {a.code for a in found} == {A}
    assert {a.announcement_id for a in found} == {"100", "101", "102", "103", "104", "105"}
    annual_query = next(form for form in site.queries if form["category"])
    assert annual_query["stock"] == f"{A},{org_id_of(A)}"
    assert annual_query["seDate"] == "2023-01-01~2024-12-31"
    assert annual_query["column"] == "szse" and annual_query["tabName"] == "fulltext"
    assert {form["searchkey"] for form in site.queries} == {"", "回复"}


def test_titles_arrive_without_highlight_tags(tmp_path):
    with ServedCninfo(FakeCninfo(rows=watchlist_rows())) as served:
        found = live_client(served.url, tmp_path).announcements(B, SINCE, UNTIL, ("reply",))
    titles = {a.title for a in found}
    assert "关于上海证券交易所审核问询函的回复（豁免版）" in titles
    assert not any("<em>" in title for title in titles)


def test_the_stock_list_is_cached_on_disk(tmp_path):
    site = FakeCninfo(rows=watchlist_rows())
    with ServedCninfo(site) as served:
        live_client(served.url, tmp_path).announcements(A, SINCE, UNTIL, ("annual",))
        live_client(served.url, tmp_path).announcements(B, SINCE, UNTIL, ("annual",))
    assert site.stock_list_requests == 1
    assert (tmp_path / "szse_stock.json").is_file()


def test_an_unknown_code_is_named(tmp_path):
    with ServedCninfo(FakeCninfo(rows=watchlist_rows())) as served, pytest.raises(SourceError) as raised:
        live_client(served.url, tmp_path).announcements("688999", SINCE, UNTIL, ("annual",))
    assert "688999 is not in cninfo's list of listed companies" in str(raised.value)


def test_pages_follow_from_the_record_count_when_has_more_and_totalpages_disagree(tmp_path):
    site = FakeCninfo(rows=_many_rows(A, 65, SINCE, 300), honest_paging=False)
    with ServedCninfo(site) as served:
        found = live_client(served.url, tmp_path).announcements(A, SINCE, UNTIL, ("annual",))
    assert len(found) == 65
    assert [form["pageNum"] for form in site.queries] == ["1", "2", "3"]


def test_a_query_over_a_hundred_pages_is_split_into_date_windows(tmp_path):
    count = PAGE_SIZE * MAX_PAGES + 200  # cninfo would serve only the first 3,000 of these
    site = FakeCninfo(rows=_many_rows(A, count, SINCE, 700))
    messages = []
    with ServedCninfo(site) as served:
        found = live_client(served.url, tmp_path, messages).announcements(A, SINCE, UNTIL, ("annual",))
    assert len(found) == count
    windows = {form["seDate"] for form in site.queries}
    assert windows == {"2023-01-01~2024-12-31", "2023-01-01~2024-01-01", "2024-01-02~2024-12-31"}
    assert any("splitting" in message for message in messages)


def test_null_announcements_with_nothing_counted_is_an_empty_result(tmp_path):
    with ServedCninfo(FakeCninfo(rows=watchlist_rows())) as served:
        assert live_client(served.url, tmp_path).announcements(B, date(2020, 1, 1), date(2020, 12, 31), ALL_KINDS) == []


def test_null_announcements_on_a_counted_page_is_a_clear_error(tmp_path):
    site = FakeCninfo(rows=_many_rows(A, 65, SINCE, 300), null_pages={(A, 2)})
    with ServedCninfo(site) as served, pytest.raises(SourceError) as raised:
        live_client(served.url, tmp_path).announcements(A, SINCE, UNTIL, ("annual",))
    assert "`announcements: null` on page 2 of 3" in str(raised.value)
    assert "counted 65 records" in str(raised.value)


def test_a_403_in_the_middle_of_paging_stops_and_names_the_page(tmp_path):
    site = FakeCninfo(rows=_many_rows(A, 95, SINCE, 300), forbidden_pages={(A, 3)})
    with ServedCninfo(site) as served, pytest.raises(Blocked) as raised:
        live_client(served.url, tmp_path, retries=3).announcements(A, SINCE, UNTIL, ("annual",))
    assert "HTTP 403 on page 3 of 4" in str(raised.value)
    # Not retried, and no page after it asked for.
    assert [form["pageNum"] for form in site.queries] == ["1", "2", "3"]


def test_server_errors_are_retried_with_backoff(tmp_path):
    site = FakeCninfo(rows=watchlist_rows(), unavailable_queries=1)
    with ServedCninfo(site) as served:
        client = live_client(served.url, tmp_path, retries=2)
        waits = []
        client.http.sleep = waits.append
        found = client.announcements(B, SINCE, UNTIL, ("annual",))
    assert {a.announcement_id for a in found} == {"203", "204", "205"}
    assert len(waits) == 1


def test_requests_are_paced_with_jitter():
    waits, now = [], iter(range(100))
    http = PoliteHttp(Politeness(interval_seconds=1.5, jitter_seconds=1.0), sleep=waits.append, clock=lambda: next(now) * 0.1)
    for _ in range(3):
        http._wait_turn()
    assert len(waits) == 2
    assert all(1.5 - 0.2 <= wait <= 2.5 for wait in waits)


def test_rows_of_another_stock_or_with_an_unsafe_document_path_are_skipped_with_a_message():
    good = row("1", A, "2023年年度报告", date(2024, 4, 20), NDBG)
    other_stock = row("2", B, "2023年年度报告", date(2024, 4, 20), NDBG)
    escaping = row("3", A, "2023年年度报告", date(2024, 4, 21), NDBG) | {"adjunctUrl": "finalpage/../../etc/passwd.PDF"}
    elsewhere = row("4", A, "2023年年度报告", date(2024, 4, 22), NDBG) | {"adjunctUrl": "http://example.org/x.PDF"}
    messages = []
    found = parse_rows([good, other_stock, escaping, elsewhere, None], A, messages.append)
    assert [a.announcement_id for a in found] == ["1"]
    assert any("another stock (603220)" in m for m in messages)
    assert sum("is not a finalpage PDF" in m for m in messages) == 2
