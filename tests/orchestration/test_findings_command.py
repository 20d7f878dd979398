"""`zhisuan findings` lists the warehouse's findings most severe first, each quoting its printed lines."""

import duckdb

from orchestration.cli import main
from orchestration.lib.quality import FactRef, Finding
from orchestration.lib.quality.store import findings_frame, write_findings


def _warehouse(path):
    refs = (FactRef("f1", "t1-r0-c0", 813, "36.83", 36.83, "云计算服务 毛利率 36.83", "t1: row 毛利率 | column 2020年度"),
            FactRef("f1", "t9-r0-c0", 2713, "36.79", 36.79, "首都在线-云计算服务 毛利率 36.79", ""))
    findings = [
        Finding("conflict", "high", "云计算服务 gross_margin FY2020 is printed as 36.79 and as 36.83", refs,
                description_zh="云计算服务的毛利率(FY2020)印为36.79与36.83", expected=36.79, actual=36.83, gap=0.04),
        Finding("invalid_date", "high", "The date 2024年2月30日 printed on line 7 does not exist.",
                (FactRef("f1", None, 7, "2024年2月30日", None, "签署日期:2024年2月30日"),)),
        Finding("column_total", "medium", "合计 does not add up", refs[:1], expected=1.0, actual=2.0, gap=1.0),
    ]
    with duckdb.connect(str(path)) as conn:
        write_findings(conn, findings_frame(findings, {"f1": "003_x.txt"}))
    return path


def test_findings_most_severe_first_with_their_lines(tmp_path, capsys):
    warehouse = _warehouse(tmp_path / "w.duckdb")
    assert main(["findings", "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert out.index("[high conflict]") < out.index("[high invalid_date]") < out.index("[medium column_total]")
    assert "003_x.txt:2713  36.79  | 首都在线-云计算服务 毛利率 36.79" in out
    assert "003_x.txt:813  36.83  | t1: row 毛利率 | column 2020年度 | 云计算服务 毛利率 36.83" in out
    assert out.rstrip().endswith("3 findings")


def test_findings_filtered_by_kind_in_chinese(tmp_path, capsys):
    warehouse = _warehouse(tmp_path / "w.duckdb")
    assert main(["findings", "--warehouse", str(warehouse), "--kind", "conflict", "--zh"]) == 0
    out = capsys.readouterr().out
    assert "云计算服务的毛利率(FY2020)印为36.79与36.83" in out
    assert "invalid_date" not in out


def test_findings_of_a_missing_warehouse_is_an_error(tmp_path, capsys):
    assert main(["findings", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
