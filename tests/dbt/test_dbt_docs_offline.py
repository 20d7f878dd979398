"""`zhisuan docs` writes dbt docs as one static page that opens from the file system (no server)."""

import re

import pytest

from orchestration.cli.commands import docs
from tests.report.browser import rendered_dom

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def static_docs(real_marts):
    assert docs(real_marts.settings) == 0
    page = real_marts.settings.data_dir / "dbt_docs" / real_marts.settings.warehouse_key / "static_index.html"
    return page


def test_the_docs_page_carries_its_manifest_and_catalog_inline(static_docs):
    html = static_docs.read_text(encoding="utf-8")
    assert "model.zhisuan.fct_project_forecast" in html
    # The catalog is read from the warehouse: the built tables' columns are in it.
    assert re.search(r'"amount_wan"', html)


def test_the_docs_page_opens_from_the_file_system(static_docs, tmp_path):
    dom = rendered_dom(static_docs.as_uri(), tmp_path / "chromium")
    assert "unable to load the manifest" not in dom.lower()
    assert "fct_project_forecast" in re.sub(r"<script.*?</script>", "", dom, flags=re.DOTALL)
