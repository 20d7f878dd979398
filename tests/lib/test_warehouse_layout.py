"""The source's structure and the table engine's verdicts travel through the warehouse."""

from pathlib import Path

from orchestration.lib import warehouse
from orchestration.lib.ingest import read_filing
from orchestration.lib.parsing.outcome import parse_safely

FIXTURE = Path(__file__).parent / "parsing" / "fixtures" / "annual_report.html"


def test_layout_report_period_verdicts_and_findings_are_stored(tmp_path):
    document = read_filing(FIXTURE.name, FIXTURE.read_bytes())
    with warehouse.connect(tmp_path / "w.duckdb") as conn:
        warehouse.write_documents(conn, [document])
        ((filing_id, text, layout),) = warehouse.parsed_texts(conn, [FIXTURE.name])
        assert layout == document.layout and len(layout.grids) == 5
        warehouse.write_parse_results(conn, [parse_safely(filing_id, text, layout)])
        kind, period = conn.execute("select doc_kind, report_period from filings.documents").fetchone()
        decided = conn.execute("select decided_by, count(*) from filings.tables group by 1 order by 1").fetchall()
        findings = conn.execute("select check_name, line_no, printed from filings.table_findings order by 2").fetchall()
        fact = conn.execute(
            "select period, value_wan, confidence, page from filings.facts where raw_text = '205,021,446. 76'"
        ).fetchone()
    assert (kind, period) == ("annual_report", "FY2019")
    assert decided == [("contradicted", 1), ("unverifiable", 1), ("verified", 4)]
    assert findings == [("change", 38, 13.9), ("change", 39, 30.0)]
    assert fact == ("FY2019", 20502.144676, 0.95, None)
