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
    text, encoding = html_to_text(PORTAL_PAGE.encode("gbk"))
    assert encoding == "gb18030"
    assert "行情中心" not in text and "股票开户" not in text and "版权所有" not in text
    assert "document.write" not in text
    assert text.split("\n")[:3] == [
        "关于某某科技股份有限公司申请向特定对象发行股票审核问询函的回复",
        "深圳证券交易所：",
        "贵所于2025年11月18日出具的审核问询函已收悉，公司会同保荐机构对问询函所列问题进行了逐项核查。",
    ]


def test_table_rows_become_tab_separated_lines():
    text, _ = html_to_text(PORTAL_PAGE.encode("gbk"))
    assert "项目\t2024年度\t2023年度" in text.split("\n")
    assert "营业收入\t74,628.47\t77,060.50" in text.split("\n")


def test_entities_are_decoded():
    text, _ = html_to_text(PORTAL_PAGE.encode("utf-8").replace(b'charset="gbk"', b'charset="utf-8"'))
    assert "以上数据 经审计&复核。" in text


def test_a_page_of_only_navigation_fails_with_a_reason():
    page = "<html><body><nav>行情中心 数据中心</nav><footer>版权所有</footer><p>登录</p></body></html>"
    with pytest.raises(IngestError, match="no filing text"):
        html_to_text(page.encode("utf-8"))


def test_unclosed_chrome_does_not_swallow_the_document():
    page = "<div class='nav'><a>首页</a></span></div>" + "<p>" + "公司营业收入持续增长。" * 10 + "</p>"
    text, _ = html_to_text(page.encode("utf-8"))
    assert "首页" not in text and text.startswith("公司营业收入持续增长。")
