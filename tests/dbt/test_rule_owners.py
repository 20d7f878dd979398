"""One owner per rule: Python reconciles the arithmetic into the quality schema, which dbt only reads."""

import json
from pathlib import Path

from orchestration.dbt_project import dbt_project
from orchestration.lib.quality.store import FINDINGS_TABLE


def _manifest() -> dict:
    return json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))


def test_dbt_declares_the_python_findings_as_a_source_and_never_builds_them():
    manifest = _manifest()
    source = manifest["sources"]["source.zhisuan.quality.findings"]
    assert f"{source['schema']}.{source['name']}" == FINDINGS_TABLE
    assert not [node for node in manifest["nodes"].values() if node.get("schema") == "quality"]


def test_dbt_keeps_no_singular_test_that_recomputes_arithmetic():
    # regression: margin and price x quantity were checked by dbt singular tests and by lib/quality/reconcile.py
    singular = [n["name"] for n in _manifest()["nodes"].values()
                if n["resource_type"] == "test" and "test_metadata" not in n]
    assert singular == []
