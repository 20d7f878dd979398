import pytest

from orchestration.lib import warehouse
from orchestration.lib.ingest import read_filing

REPLY = "证券代码：300846 证券简称：首都在线\n北京首都在线科技股份有限公司\n深圳证券交易所：\n正文\n".encode()
AUDITOR_NOTE = (
    "中贝通信:关于中贝通信集团股份有限公司申请向特定对象发行股票审核问询函中有关财务事项的说明\n"
    "关于中贝通信集团股份有限公司申请向特定对象发行股票审核问询函中有关财务事项的说明\n上海证券交易所:\n"
).encode()
PEER_MENTION = "证券代码：301396 证券简称：宏景科技\n宏景科技股份有限公司\n同行业上市公司中贝通信(603220)也开展算力业务\n".encode()


def _rows(conn):
    return conn.execute(
        "select source_file, filing_id, status, error, duplicate_of, ingested_at from filings.documents order by 1"
    ).fetchall()


def test_rewriting_the_same_files_changes_nothing(tmp_path):
    documents = [read_filing("a.txt", REPLY), read_filing("b.txt", b"")]
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.write_documents(conn, documents)
        first = _rows(conn)
        warehouse.write_documents(conn, documents)
        assert _rows(conn) == first
        assert [row[2] for row in first] == ["parsed", "failed"]


def test_a_second_file_with_the_same_content_is_a_duplicate_of_the_first(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.write_documents(conn, [read_filing("b_copy.txt", REPLY), read_filing("a.txt", REPLY)])
        rows = _rows(conn)
        # and it stays so when the copy alone is re-ingested later
        warehouse.write_documents(conn, [read_filing("b_copy.txt", REPLY)])
        assert _rows(conn) == rows
    assert [(r[0], r[2], r[4]) for r in rows] == [("a.txt", "parsed", None), ("b_copy.txt", "duplicate", "a.txt")]
    assert rows[0][1] == rows[1][1]  # the filing_id comes from the content
    assert rows[1][3] == "duplicate of a.txt (same content)"


def test_a_changed_file_replaces_its_row_and_keeps_the_others(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.write_documents(conn, [read_filing("a.txt", REPLY), read_filing("b.txt", AUDITOR_NOTE)])
        warehouse.write_documents(conn, [read_filing("a.txt", REPLY + "补充\n".encode())])
        rows = conn.execute("select source_file, n_lines from filings.documents order by 1").fetchall()
    assert rows == [("a.txt", 5), ("b.txt", 3)]


def test_a_code_the_filing_never_prints_is_resolved_from_another_filing(tmp_path):
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.write_documents(conn, [read_filing("note.txt", AUDITOR_NOTE), read_filing("peer.txt", PEER_MENTION)])
        assert warehouse.resolve_unprinted_stock_codes(conn) == 1
        resolved = conn.execute(
            "select stock_code, exchange, stock_code_source from filings.documents where source_file = 'note.txt'"
        ).fetchone()
    assert resolved == ("603220", "SSE", "mention in peer.txt:3")


def test_a_warehouse_file_named_like_a_schema_is_refused_with_the_reason(tmp_path):
    # Regression: a run on marts.duckdb crashed in its summary with "Ambiguous reference to catalog or
    # schema", because DuckDB names a file's catalog after its stem.
    with pytest.raises(ValueError, match="may not be named marts.duckdb"), warehouse.connect(tmp_path / "marts.duckdb"):
        pass
    assert not (tmp_path / "marts.duckdb").exists()
