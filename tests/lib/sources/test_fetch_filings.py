"""Fetching a watchlist into a landing folder: the right documents once each, and every failure said plainly."""

from datetime import date

import pytest

from orchestration.lib.sources import FetchRequest, RecordingSource, SnapshotSource, fetch_filings
from tests.lib.sources.cninfo_fake import (
    EXPECTED_KEPT,
    PDF_BYTES,
    A,
    B,
    FakeCninfo,
    ServedCninfo,
    watchlist_rows,
)
from tests.lib.sources.conftest import live_client

KINDS = ("reply", "prospectus", "feasibility", "annual", "semiannual")
REQUEST = FetchRequest(codes=(A, B), since=date(2023, 1, 1), until=date(2024, 12, 31), kinds=KINDS)


def _fetch(url, tmp_path, request=REQUEST, retries=1):
    return fetch_filings(live_client(url, tmp_path / "cache", retries=retries), request, tmp_path / "landing", lambda _: None)


def _kept(report):
    return {(f.announcement_id, f.kind, f.version) for f in report.files}


def test_only_the_latest_version_of_each_wanted_document_is_downloaded(tmp_path):
    site = FakeCninfo(rows=watchlist_rows())
    with ServedCninfo(site) as served:
        report = _fetch(served.url, tmp_path)
    assert report.ok, report.errors
    assert _kept(report) == EXPECTED_KEPT
    downloaded = {path.rsplit("/", 1)[-1] for path, _ in site.downloads}
    assert downloaded == {f"{announcement_id}.PDF" for announcement_id, _, _ in EXPECTED_KEPT}
    assert sorted(p.name for p in (tmp_path / "landing").iterdir()) == sorted(f.file_name for f in report.files)
    reply = next(f for f in report.files if f.announcement_id == "101")
    assert reply.file_name == "300846_2023-04-20_reply_101.pdf"
    assert reply.url == "http://static.cninfo.com.cn/finalpage/2023-04-20/101.PDF"
    assert reply.size_bytes == len(PDF_BYTES) and reply.announcement_date == date(2023, 4, 20)


def test_a_second_fetch_downloads_nothing(tmp_path):
    site = FakeCninfo(rows=watchlist_rows())
    with ServedCninfo(site) as served:
        first = _fetch(served.url, tmp_path)
        site.downloads.clear()
        second = _fetch(served.url, tmp_path)
    assert site.downloads == []
    assert second.downloaded == [] and _kept(second) == _kept(first)
    assert {f.sha256 for f in second.files} == {f.sha256 for f in first.files}


def test_kinds_narrow_what_is_fetched(tmp_path):
    request = FetchRequest(codes=(A, B), since=REQUEST.since, until=REQUEST.until, kinds=("annual",))
    with ServedCninfo(FakeCninfo(rows=watchlist_rows())) as served:
        report = _fetch(served.url, tmp_path, request)
    assert _kept(report) == {("103", "annual", "original"), ("203", "annual", "更新后")}


def test_a_403_keeps_what_was_fetched_and_says_how_to_resume(tmp_path):
    rows = watchlist_rows() + [r | {"announcementId": f"3{n:02d}", "adjunctUrl": f"finalpage/2024-04-20/3{n:02d}.PDF"}
                               for n, r in enumerate([watchlist_rows()[-1]] * 40)]
    site = FakeCninfo(rows=rows, forbidden_pages={(B, 2)})
    with ServedCninfo(site) as served:
        report = _fetch(served.url, tmp_path)
        assert {f.stock_code for f in report.files} == {A}
        assert "HTTP 403 on page 2 of 2" in report.stopped
        assert "run the same command again" in report.stopped
        assert not report.ok
        site.forbidden_pages.clear()
        site.downloads.clear()
        resumed = _fetch(served.url, tmp_path)
    assert resumed.ok
    assert {path.rsplit("/", 1)[-1] for path, _ in site.downloads} == {"200.PDF", "203.PDF"}


def test_a_403_on_a_document_stops_everything_after_it(tmp_path):
    site = FakeCninfo(rows=watchlist_rows(), forbidden_documents={"finalpage/2023-05-30/110.PDF"})
    with ServedCninfo(site) as served:
        report = _fetch(served.url, tmp_path)
    # A's documents are fetched oldest first: those before the refused one are kept, nothing is asked after it.
    assert [f.announcement_id for f in report.files] == ["108", "101", "103"]
    assert site.downloads[-1][0] == "finalpage/2023-05-30/110.PDF"
    assert not any(form["stock"].startswith(B) for form in site.queries)
    assert "refused with HTTP 403 while downloading 向特定对象发行股票募集说明书（注册稿）" in report.stopped


def test_an_html_page_served_as_a_document_is_rejected(tmp_path):
    site = FakeCninfo(rows=watchlist_rows(), html_documents={"finalpage/2023-04-20/103.PDF"})
    with ServedCninfo(site) as served:
        report = _fetch(served.url, tmp_path)
    assert ("103", "annual", "original") not in _kept(report)
    assert len(report.files) == len(EXPECTED_KEPT) - 1
    [error] = report.errors
    assert "2022年年度报告" in error and "is not a PDF: the source answered an HTML page" in error
    assert not any(p.name.startswith(".") for p in (tmp_path / "landing").iterdir())


def test_a_broken_transfer_resumes_from_the_bytes_already_held(tmp_path):
    big = b"%PDF-1.4\n" + bytes(range(256)) * 800 + b"\n%%EOF\n"
    url = "finalpage/2023-04-20/101.PDF"
    site = FakeCninfo(rows=watchlist_rows(), documents={url: big}, cut_once={url})
    request = FetchRequest(codes=(A,), since=REQUEST.since, until=REQUEST.until, kinds=("reply",))
    with ServedCninfo(site) as served:
        broken = _fetch(served.url, tmp_path, request, retries=0)
        partial = tmp_path / "landing" / ".300846_2023-04-20_reply_101.pdf.part"
        held = partial.stat().st_size
        assert "broke off after" in broken.errors[0] and held == len(big) // 2
        assert broken.files == []
        resumed = _fetch(served.url, tmp_path, request)
    assert site.downloads[-1] == (url, f"bytes={held}-")
    assert (tmp_path / "landing" / "300846_2023-04-20_reply_101.pdf").read_bytes() == big
    assert [f.announcement_id for f in resumed.downloaded] == ["101"]


def test_a_recorded_snapshot_replays_the_same_fetch_without_a_server(tmp_path):
    with ServedCninfo(FakeCninfo(rows=watchlist_rows())) as served:
        live = live_client(served.url, tmp_path / "cache")
        recorded = fetch_filings(RecordingSource(live, tmp_path / "snapshot"), REQUEST, tmp_path / "live", lambda _: None)
    replayed = fetch_filings(SnapshotSource(tmp_path / "snapshot"), REQUEST, tmp_path / "replayed", lambda _: None)
    assert replayed.ok
    assert {(f.file_name, f.sha256) for f in replayed.files} == {(f.file_name, f.sha256) for f in recorded.files}
    assert {f.origin for f in replayed.files} == {"snapshot"}


def test_a_request_refuses_codes_that_could_name_a_path():
    with pytest.raises(ValueError, match="not a six-digit stock code: ../etc"):
        FetchRequest(codes=("../etc",), since=REQUEST.since, until=REQUEST.until, kinds=("annual",))
