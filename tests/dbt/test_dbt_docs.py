"""The dbt docs site defines every metric the marts serve, and every model states its grain."""

import json
import subprocess

import pytest

from orchestration.dbt_project import DBT_EXECUTABLE, write_dbt_profile
from orchestration.settings import DBT_PROJECT_DIR

pytestmark = pytest.mark.slow

# metric -> words its definition must contain (the formula, as the docs print it)
METRIC_DEFINITIONS = {
    "gross_margin": ["毛利率", "(revenue − operating cost) / revenue × 100"],
    "provision_ratio": ["计提比例", "坏账准备", "/ gross receivable balance"],
    "collection_ratio": ["期后回款比例", "subsequent collection", "/ gross receivable balance"],
    "days_sales_outstanding": ["days in the period × gross receivables", "/ revenue of the period"],
    "capex_per_server": ["total investment", "/ the GPU or AI servers"],
    "capex_per_pflops": ["total investment", "/ their stated compute", "PFLOPS"],
    "price_per_pflops_month": ["price per server-month / compute per server"],
    "utilisation": ["利用率", "in percent"],
}
OWN_FOLDERS = ("staging", "intermediate", "marts")


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory):
    """`dbt docs generate` into a private target folder (an empty catalog: no warehouse tables needed)."""
    root = tmp_path_factory.mktemp("dbt_docs")
    profiles = write_dbt_profile(root / "warehouse.duckdb", root / "profiles")
    target = root / "target"
    subprocess.run(
        [DBT_EXECUTABLE, "docs", "generate", "--empty-catalog", "--project-dir", str(DBT_PROJECT_DIR),
         "--profiles-dir", str(profiles), "--target-path", str(target), "--log-path", str(root / "logs")],
        cwd=DBT_PROJECT_DIR, check=True, capture_output=True, timeout=300,
    )
    return target


@pytest.fixture(scope="module")
def manifest(docs_site):
    return json.loads((docs_site / "manifest.json").read_text(encoding="utf-8"))


def test_the_docs_site_is_generated(docs_site):
    assert (docs_site / "index.html").stat().st_size > 0


@pytest.mark.parametrize("metric", sorted(METRIC_DEFINITIONS))
def test_each_metric_has_its_definition_in_the_docs(manifest, metric):
    node = manifest["metrics"][f"metric.zhisuan.{metric}"]
    for words in METRIC_DEFINITIONS[metric]:
        assert words in node["description"], f"{metric}: {words!r} not in {node['description']!r}"


def test_each_metric_is_served_by_a_semantic_model_on_a_mart(manifest):
    measures = {
        measure["name"]: model["model"]
        for model in manifest["semantic_models"].values()
        for measure in model["measures"]
    }
    for metric in METRIC_DEFINITIONS:
        inputs = manifest["metrics"][f"metric.zhisuan.{metric}"]["type_params"]["input_measures"]
        assert inputs, metric
        assert all("ref('fct_" in measures[measure["name"]] for measure in inputs), metric


def test_every_model_states_its_grain_first(manifest):
    own = [node for node in manifest["nodes"].values()
           if node["resource_type"] == "model" and node["fqn"][1] in OWN_FOLDERS]
    assert len(own) >= 18
    for node in own:
        assert node["description"].startswith("Grain: one row per"), node["name"]


def test_every_mart_column_is_described(manifest, real_marts):
    marts = [node for node in manifest["nodes"].values()
             if node["resource_type"] == "model" and node["fqn"][1] == "marts"]
    for node in marts:
        built = [name for (name,) in real_marts.rows(
            "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ?",
            [node["name"]],
        )]
        described = {name for name, column in node["columns"].items() if column["description"].strip()}
        assert set(built) <= described, f"{node['name']}: undocumented {sorted(set(built) - described)}"
