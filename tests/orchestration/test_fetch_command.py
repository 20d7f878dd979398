"""`zhisuan fetch` against a loopback cninfo, then one pipeline run: fetched filings are parsed and traceable."""

import contextlib
import io

import dagster as dg
import pytest

from orchestration.cli import main
from orchestration.cli.run import run_pipeline
from orchestration.lib import warehouse
from orchestration.lib.corpus.layout import Line
from orchestration.lib.corpus.render_pdf import render_pdf
from tests.lib.sources.cninfo_fake import EXPECTED_KEPT, A, B, FakeCninfo, ServedCninfo, watchlist_rows
from tests.orchestration.conftest import settings_for

pytestmark = pytest.mark.slow

# Real generated filings for three of the announcements; small real PDFs for the others.
CORPUS_DOCUMENTS = {
    "finalpage/2023-04-20/101.PDF": "huaxin_reply.pdf",
    "finalpage/2023-02-01/108.PDF": "qiyun_feasibility.pdf",
    "finalpage/2023-05-10/200.PDF": "xingchen_feasibility.pdf",
}


def _small_pdf(code: str, title: str) -> bytes:
    texts = [f"证券代码：{code}    证券简称：样本", title, "单位：万元", "营业收入    12,345.67    10,000.00"]
    return render_pdf([Line(text, "prose", 1, cells=((0, text),)) for text in texts], title)


def _documents(sample_corpus) -> dict[str, bytes]:
    documents = {row["adjunctUrl"]: _small_pdf(row["secCode"], row["announcementTitle"]) for row in watchlist_rows()}
    return documents | {url: (sample_corpus / "filings" / name).read_bytes() for url, name in CORPUS_DOCUMENTS.items()}


def _fetch(argv) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["fetch", *argv])
    return status, out.getvalue()


@pytest.fixture(scope="module")
def fetched(tmp_path_factory, sample_corpus):
    root = tmp_path_factory.mktemp("fetch")
    landing, warehouse_file = root / "landing", root / "warehouse.duckdb"
    site = FakeCninfo(rows=watchlist_rows(), documents=_documents(sample_corpus))
    argv = ["--since", "2023-01-01", "--until", "2024-12-31", "--to", str(landing), "--warehouse", str(warehouse_file)]
    with ServedCninfo(site) as served, pytest.MonkeyPatch.context() as env:
        for name, value in {
            "ZHISUAN_CNINFO_URL": served.url, "ZHISUAN_CNINFO_STATIC_URL": served.url, "ZHISUAN_CNINFO_PACE": "0",
            "ZHISUAN_DATA_DIR": str(root / "data"), "ZHISUAN_WAREHOUSE": str(warehouse_file),
            "ZHISUAN_WATCHLIST": f"{A},{B}",
        }.items():
            env.setenv(name, value)
        first = _fetch(argv)
        first_downloads = list(site.downloads)
        site.downloads.clear()
        second = _fetch(argv)
        second_downloads = list(site.downloads)
    exit_code = run_pipeline(settings_for(landing, warehouse_file), dg.DagsterInstance.ephemeral())
    return first, first_downloads, second, second_downloads, landing, warehouse_file, exit_code


def test_the_watchlist_fetch_downloads_exactly_the_latest_wanted_documents(fetched):
    (status, output), downloads, *_ = fetched
    assert status == 0, output
    assert sorted(path for path, _ in downloads) == sorted(
        f"finalpage/{day}/{announcement_id}.PDF" for announcement_id, day in _expected_days()
    )
    assert "Downloaded 7" in output and "Recorded 7 in filings.sources" in output


def test_every_fetched_file_is_recorded_in_filings_sources(fetched):
    *_, landing, warehouse_file, _ = fetched
    with warehouse.connect(warehouse_file, read_only=True) as conn:
        rows = conn.execute("select announcement_id, kind, version, file_name from filings.sources").fetchall()
    assert {(a, k, v) for a, k, v, _ in rows} == EXPECTED_KEPT
    assert sorted(name for *_, name in rows) == sorted(p.name for p in landing.iterdir())


def test_a_second_fetch_downloads_nothing(fetched):
    _, _, (status, output), second_downloads, *_ = fetched
    assert status == 0, output
    assert second_downloads == []
    assert "Downloaded 0" in output and "7 were already in the landing folder" in output


def test_the_next_run_parses_the_fetched_filings_and_facts_reach_their_announcement(fetched):
    *_, warehouse_file, exit_code = fetched
    assert exit_code == 0
    with warehouse.connect(warehouse_file, read_only=True) as conn:
        statuses = conn.execute("select announcement_id, document_status from staging.stg_filings__sources").fetchall()
        facts_of_reply = conn.execute(
            "select count(*) from staging.stg_filings__facts join staging.stg_filings__sources using (filing_id) "
            "where announcement_id = '101'"
        ).fetchone()[0]
    assert sorted(statuses) == sorted((announcement_id, "parsed") for announcement_id, _, _ in EXPECTED_KEPT)
    assert facts_of_reply > 50


def _expected_days():
    days = {row["announcementId"]: row["adjunctUrl"].split("/")[1] for row in watchlist_rows()}
    return [(announcement_id, days[announcement_id]) for announcement_id, _, _ in EXPECTED_KEPT]
