"""filings.sources is written idempotently and joins the landed file's row in filings.documents."""

from datetime import date

from orchestration.lib import warehouse
from orchestration.lib.ingest import read_filing
from orchestration.lib.sources import FetchedFile

REPLY = "证券代码：300846 证券简称：首都在线\n北京首都在线科技股份有限公司\n深圳证券交易所：\n正文\n".encode()


def _fetched(sha256: str, downloaded: bool = True) -> FetchedFile:
    return FetchedFile(
        announcement_id="1216000001", stock_code="300846", sec_name="首都在线", title="关于审核问询函的回复（修订稿）",
        kind="reply", version="修订稿", announcement_date=date(2023, 4, 20),
        url="http://static.cninfo.com.cn/finalpage/2023-04-20/1216000001.PDF", size_bytes=len(REPLY), sha256=sha256,
        file_name="300846_2023-04-20_reply_1216000001.txt", origin="live", downloaded=downloaded,
    )


def test_writing_the_same_announcement_again_keeps_one_row_and_its_first_fetch_time(tmp_path):
    document = read_filing("300846_2023-04-20_reply_1216000001.txt", REPLY)
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        assert warehouse.write_sources(conn, [_fetched(document.sha256)]) == 1
        first = conn.execute("select * from filings.sources").fetchall()
        warehouse.write_sources(conn, [_fetched(document.sha256, downloaded=False)])
        assert conn.execute("select * from filings.sources").fetchall() == first


def test_an_announcement_reaches_the_document_landed_from_it(tmp_path):
    document = read_filing("300846_2023-04-20_reply_1216000001.txt", REPLY)
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.write_documents(conn, [document])
        warehouse.write_sources(conn, [_fetched(document.sha256)])
        joined = conn.execute(
            "select s.announcement_id, d.filing_id from filings.sources s join filings.documents d using (sha256)"
        ).fetchall()
    assert joined == [("1216000001", document.filing_id)]
