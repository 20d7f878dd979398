import pytest

from orchestration.lib.ingest.errors import IngestError
from orchestration.lib.ingest.html_text import html_to_text

PORTAL_PAGE = """<!DOCTYPE html><html><head><meta charset="gbk"><title>公告</title>
<script>document.write("行情中心")</script><style>.x{}</style></head><body>
<nav><a href="/">行情中心</a> <a href="/">数据中心</a></nav>
<div class="top-menu">股票开户 智能选股</div>
<article>
<h1>关于某某科技股份有限公司申请向特定对象发行股票审核问询函的回复</h1>
<p>深圳证券交易所：</p>
<p>贵所于2025年11月18日出具的审核问询函已收悉，公司会同保荐机构对问询函所列问题进行了逐项核查。</p>
<p>单位：万元</p>
<table><tr><th>项目</th><th>2024年度</th><th>2023年度</th></tr>
<tr><td>营业收入</td><td>74,628.47</td><td>77,060.50</td></tr></table>
<p>以上数据&nbsp;经审计&amp;复核。</p>
<img src="https://example.invalid/tracker.gif">
</article>
<footer>Copyright 版权所有 联系我们</footer>
</body></html>"""


def test_visible_filing_text_is_kept_and_chrome_is_dropped():
    text, encoding, _ = html_to_text(PORTAL_PAGE.encode("gbk"))
    assert encoding == "gb18030"
    assert "行情中心" not in text and "股票开户" not in text and "版权所有" not in text
    assert "document.write" not in text
    assert text.split("\n")[:3] == [
        "关于某某科技股份有限公司申请向特定对象发行股票审核问询函的回复",
        "深圳证券交易所：",
        "贵所于2025年11月18日出具的审核问询函已收悉，公司会同保荐机构对问询函所列问题进行了逐项核查。",
    ]


def test_table_rows_become_tab_separated_lines():
    text, _, _ = html_to_text(PORTAL_PAGE.encode("gbk"))
    assert "项目\t2024年度\t2023年度" in text.split("\n")
    assert "营业收入\t74,628.47\t77,060.50" in text.split("\n")


def test_entities_are_decoded():
    text, _, _ = html_to_text(PORTAL_PAGE.encode("utf-8").replace(b'charset="gbk"', b'charset="utf-8"'))
    assert "以上数据 经审计&复核。" in text


def test_a_page_of_only_navigation_fails_with_a_reason():
    page = "<html><body><nav>行情中心 数据中心</nav><footer>版权所有</footer><p>登录</p></body></html>"
    with pytest.raises(IngestError, match="no filing text"):
        html_to_text(page.encode("utf-8"))


def test_unclosed_chrome_does_not_swallow_the_document():
    page = "<div class='nav'><a>首页</a></span></div>" + "<p>" + "公司营业收入持续增长。" * 10 + "</p>"
    text, _, _ = html_to_text(page.encode("utf-8"))
    assert "首页" not in text and text.startswith("公司营业收入持续增长。")


SPANNED_TABLE = """<p>营业收入构成情况如下，单位为元，数据摘自公司年度报告全文并经会计师审计确认无误。</p>
<table><tr><td rowspan="2"></td><th colspan="2">2019 年</th><th rowspan="2">同比增减</th></tr>
<tr><th>金额</th><th><p>占营业收</p><p>入比重</p></th></tr>
<tr><td>营业收入合计</td><td>205,021,446. 76</td><td>100%</td><td>5.00%</tr>
</table><p>以上为营业收入构成。</p>"""


def test_a_table_becomes_a_grid_with_its_spans_and_one_line_per_row():
    text, _, layout = html_to_text(SPANNED_TABLE.encode("utf-8"))
    lines = text.split("\n")
    (grid,) = layout.grids
    assert (grid.line_start, grid.line_end, grid.n_rows, grid.n_cols) == (2, 4, 3, 4)
    assert lines[1:4] == ["\t2019 年\t同比增减", "金额\t占营业收入比重", "营业收入合计\t205,021,446. 76\t100%\t5.00%"]
    expanded = [[cell.text if cell else None for cell in row] for row in grid.expanded()]
    assert expanded == [
        ["", "2019 年", "2019 年", "同比增减"],
        ["", "金额", "占营业收入比重", "同比增减"],
        ["营业收入合计", "205,021,446. 76", "100%", "5.00%"],
    ]
    assert [cell.line_no for cell in grid.cells if cell.row == 2] == [4, 4, 4, 4]
    assert grid.cells[1].header and not grid.cells[0].header


def test_a_table_holding_a_table_lays_out_the_page_and_only_the_inner_one_is_a_grid():
    page = (
        "<table><tr><td><p>" + "公司营业收入持续增长，主要原因是算力服务业务的快速发展。" * 3 + "</p>"
        "<table><tr><td>项目</td><td>2019年</td></tr><tr><td>营业收入</td><td>1,000.00</td></tr></table>"
        "</td></tr></table>"
    )
    text, _, layout = html_to_text(page.encode("utf-8"))
    (grid,) = layout.grids
    assert text.split("\n")[grid.line_start - 1 : grid.line_end] == ["项目\t2019年", "营业收入\t1,000.00"]


def test_stray_and_unclosed_tags_cost_linear_time_and_keep_the_text():
    # Regression: every stray end tag searched the whole stack of open tags (quadratic in the tags).
    page = "<p>" + "公司营业收入持续增长。" * 5 + "</p>" + "<span>" * 20000 + "</div>" * 20000 + "<p>完。</p>"
    text, _, _ = html_to_text(page.encode("utf-8"))
    assert text.startswith("公司营业收入持续增长。") and "完。" in text
