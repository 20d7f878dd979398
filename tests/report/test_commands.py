"""`zhisuan facts` and `zhisuan --version` from the terminal, on the session's real-filings warehouse."""

import csv
import io

import pytest

from orchestration import cli

pytestmark = pytest.mark.slow


@pytest.fixture
def zhisuan(monkeypatch, capsys, real_marts):
    """Run the CLI in process; the environment it exports is restored afterwards."""
    for name in ("ZHISUAN_WAREHOUSE", "ZHISUAN_DATA_DIR", "ZHISUAN_FILINGS_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZHISUAN_DATA_DIR", str(real_marts.settings.data_dir))

    def run(*args: str) -> tuple[int, str]:
        code = cli.main([*args])
        return code, capsys.readouterr().out

    return run


def test_facts_are_filtered_and_carry_their_file_and_line(zhisuan, real_marts):
    code, out = zhisuan("facts", "--warehouse", str(real_marts.warehouse), "--company", "中贝通信",
                        "--metric", "revenue", "--period", "FY2024", "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    expected = real_marts.value(
        "select count(*) from filings.facts f join filings.documents d using (filing_id) "
        "where d.short_name = '中贝通信' and f.metric = 'revenue' and f.period = 'FY2024'"
    )
    assert len(rows) == expected
    for row in rows:
        assert (row["company"], row["metric"], row["period"]) == ("中贝通信", "revenue", "FY2024")
        assert row["source_file"] == "002_7cdd91bcb8568f2f.txt" and int(row["line_no"]) > 0


def test_the_facts_table_ends_with_the_count(zhisuan, real_marts):
    code, out = zhisuan("facts", "--warehouse", str(real_marts.warehouse), "--company", "603220", "--limit", "3")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0].split()[:3] == ["company", "metric", "period"]
    assert lines[-1].endswith(" facts") and "more (raise --limit" in lines[-2]


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("zhisuan 0.")


def test_the_run_summary_prints_irrs_in_percent_as_the_model_stores_them(capsys, real_marts):
    # regression: rates stored in percent (irr_post_tax_pct) were formatted as fractions, "published IRR 1017.00%"
    from orchestration.cli.summary import _print_projects
    from orchestration.lib import warehouse

    with warehouse.connect(real_marts.warehouse, read_only=True) as conn:
        _print_projects(conn)
    out = capsys.readouterr().out
    assert "published IRR 10.17%" in out and "published IRR 12.00%" in out
