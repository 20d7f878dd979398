"""The marts are the model's contract, on the four real filings: what the model reproduces is in the marts,
keyed by the same project_id, and the model sees nothing else (issue 12)."""

import shutil
import subprocess

import pytest

from orchestration.dbt_project import DBT_EXECUTABLE, write_dbt_profile
from orchestration.lib import warehouse
from orchestration.settings import DBT_PROJECT_DIR

pytestmark = pytest.mark.slow

MODELLED = {
    "301396/智能算力集群项目", "603220/智算中心项目", "300846/渲染一体化智算平台项目", "300846/京北云计算软件研发中心项目",
}


def test_the_model_runs_the_four_disclosed_projects_by_their_mart_id(real_marts):
    projects = {p for (p,) in real_marts.rows("select distinct project_id from model.reconciliation")}
    assert projects == MODELLED
    assert real_marts.value("select count(*) from model.forecast where project_id is null") == 0


def test_every_published_line_the_model_reproduces_is_a_forecast_mart_line(real_marts):
    # each yearly cell the model compares (revenue, costs, profit ...) is the forecast mart's, to the cent
    rows = real_marts.rows(
        """
        select r.project_id, r.metric, r.year, r.published_wan, f.amount_wan
        from model.reconciliation r
        left join marts.fct_project_forecast f
            on f.project_id = r.project_id and f.line_item = r.metric and f.period = 'Y' || r.year
        """
    )
    assert len(rows) == 130  # 50 京北, 40 中贝, 28 渲染, 12 宏景
    assert [r for r in rows if r[4] is None or abs(r[3] - r[4]) > 0.005] == []


def test_the_model_reproduces_every_published_line_within_two_cents(real_marts):
    worst = real_marts.value("select max(abs(difference_wan)) from model.reconciliation")
    assert worst <= 0.02
    assert real_marts.value("select bool_and(within_tolerance) from model.reconciliation")


def test_every_published_irr_and_payback_has_its_recomputed_value_beside_it(real_marts):
    # the published figures the model closes are the returns mart's, for the same project_id
    rows = real_marts.rows(
        """
        select distinct m.project_id, m.measure, m.recomputed is not null, m.published,
            case when m.measure = 'irr_post_tax_pct' then p.irr_post_tax_pct else p.payback_static_years end
        from model.returns m
        join marts.fct_project_returns p using (project_id)
        where m.fit like 'best%' and m.published is not null
        order by all
        """
    )
    assert rows == [
        ("300846/京北云计算软件研发中心项目", "irr_post_tax_pct", True, 12.00, 12.00),
        ("300846/京北云计算软件研发中心项目", "payback_static_post_tax", True, 7.83, 7.83),
        ("300846/渲染一体化智算平台项目", "irr_post_tax_pct", True, 12.87, 12.87),
        ("603220/智算中心项目", "irr_post_tax_pct", True, 10.17, 10.17),
        ("603220/智算中心项目", "payback_static_post_tax", True, 5.72, 5.72),
    ]


def test_the_fleet_carries_the_cabinet_price_with_its_compound_unit(real_marts):
    rows = real_marts.rows(
        "select period, unit_price_wan, unit_price_unit, cabinet_count from marts.fct_compute_fleet "
        "where project_id = '300846/京北云计算软件研发中心项目' and period is not null order by model_year nulls last, period"
    )
    assert rows == [("Y2", 5.30, "万元/架/年", 570), ("Y3", 5.30, "万元/架/年", 1200), ("Y4-11", 5.30, "万元/架/年", 1650)]
    # a price in 万元/台/月 is a price per server and month; the market ranges printed beside each class's
    # own price (丹江口智算集群三 3.08 beside 2.92-3.02) stay out: the parser could not place their ends
    server_prices = real_marts.rows(
        "select server_class, price_per_server_month_wan, price_per_server_month_unit from marts.fct_compute_fleet "
        "where project_id = '603220/智算中心项目' and price_per_server_month_unit is not null order by server_class"
    )
    assert server_prices == [
        ("丹江口智算集群一", 0.66, "万元/台/月"), ("丹江口智算集群三", 3.08, "万元/台/月"),
        ("丹江口智算集群二", 5.09, "万元/台/月"), ("庆阳智算集群", 4.58, "万元/台/月"),
    ]


def test_the_fleet_carries_a_server_price_whose_print_names_only_its_month(real_marts):
    # regression: 宏景 prints 服务单价(月) beside 营业收入 in 万元; the price was read in the unit 月 and lost
    rows = real_marts.rows(
        "select period, price_per_server_month_wan, price_per_server_month_unit, server_count "
        "from marts.fct_compute_fleet where project_id = '301396/智能算力集群项目' and period like 'Y%' order by period"
    )
    assert rows == [
        ("Y1", 5.89, "万元/台/月", 384), ("Y2", 5.89, "万元/台/月", 384), ("Y3", 5.89, "万元/台/月", 384),
        ("Y4", 5.27, "万元/台/月", 384), ("Y5", 4.66, "万元/台/月", 384), ("Y6", 4.66, "万元/台/月", 384),
    ]


def test_a_table_header_read_as_a_name_is_no_project(real_marts):
    # regression: 中贝 prints "序号 项目名称" over its 合计 row; the header's words made a project 序号项目
    projects = {p for (p,) in real_marts.rows("select project_id from marts.dim_projects where stock_code = '603220'")}
    assert "603220/序号项目" not in projects
    assert {"603220/智算中心项目", "603220/5G通信网络项目"} <= projects


def test_customers_and_someone_elses_business_are_no_segments(real_marts):
    # regression: 中国联通 (a row under 客户名称) and 并为其在贡献算力服务业务 (a sentence about a customer's
    # business) were segments of their own
    segments = {s for (s,) in real_marts.rows("select distinct segment_name from marts.fct_segment_margins")}
    assert {"中国联通", "并为其在贡献算力服务业务"} & segments == set()
    assert {"算力服务业务", "智算业务", "IDC业务"} <= segments


def test_the_model_cannot_see_a_forecast_the_marts_do_not_carry(real_marts):
    # 首都在线 prints a yearly revenue forecast for its 云计算业务 segment: in filings.facts, not a project of
    # dim_projects, so not in the model's input mart and not modelled
    printed = real_marts.value(
        "select count(*) from filings.facts where entity = '云计算业务' and metric = 'revenue' and period like 'Y%'"
    )
    assert printed > 0
    # its rows ride along only as other rows of a project's table, never as a project's own facts
    assert real_marts.value(
        "select count(*) from marts.fct_project_model_inputs where entity = '云计算业务' and names_project"
    ) == 0
    assert real_marts.value("select count(*) from model.forecast where project = '云计算业务'") == 0


def test_a_copied_warehouse_answers_every_mart_query(real_marts, tmp_path):
    copy = tmp_path / "renamed copy.duckdb"
    shutil.copy(real_marts.warehouse, copy)
    with warehouse.connect(copy, read_only=True) as conn:
        relations = conn.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('staging', 'intermediate', 'marts') order by all"
        ).fetchall()
        counts = {f"{s}.{t}": conn.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in relations}
    assert {"staging.stg_filings__facts", "marts.fct_project_model_inputs"} <= set(counts)
    assert counts["marts.fct_project_model_inputs"] > 0


def _mart_rows(path) -> dict[str, list[tuple]]:
    """Every mart's columns and rows in the order the table holds them."""
    with warehouse.connect(path, read_only=True) as conn:
        names = [n for (n,) in conn.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by all"
        ).fetchall()]
        return {
            name: [tuple(d[0] for d in conn.execute(f'select * from marts."{name}" limit 0').description),
                   *conn.execute(f'select * from marts."{name}"').fetchall()]
            for name in names
        }


def test_marts_rebuilt_in_a_renamed_copy_are_the_same_tables_row_for_row(real_marts, tmp_path):
    # a second build of the marts from the same facts, in a copied and renamed warehouse file: every tie is
    # broken by a stated rule and every table ordered, and the staging views follow the file they are in
    copy = tmp_path / "second build.duckdb"
    shutil.copy(real_marts.warehouse, copy)
    profiles = write_dbt_profile(copy, tmp_path)
    directory = str(DBT_PROJECT_DIR)
    subprocess.run(
        [DBT_EXECUTABLE, "run", "--quiet", "--select", "marts", "--project-dir", directory, "--profiles-dir",
         str(profiles), "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
        check=True, cwd=directory,
    )
    first, second = _mart_rows(real_marts.warehouse), _mart_rows(copy)
    assert "fct_project_model_inputs" in first and first["fct_project_model_inputs"][1:]
    assert [name for name in first if first[name] != second[name]] == []
