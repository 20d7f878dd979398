"""Marts stage: the dbt project, as Dagster assets downstream of the parse assets.

dbt runs once per Dagster run (`dbt build`: models and their tests, which Dagster shows as asset
checks).
"""


from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from orchestration.dbt_project import dbt_project


class ZhisuanDbtTranslator(DagsterDbtTranslator):
    """Every dbt model and seed belongs to the marts stage and says it runs on DuckDB."""

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        if unique_id.startswith(("model.", "seed.")):
            return spec.replace_attributes(group_name="marts", kinds={"dbt", "duckdb"})
        return spec


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=ZhisuanDbtTranslator())
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    yield from dbt.cli(["build"], context=context).stream()
