"""Marts stage: the dbt project, as Dagster assets downstream of the parse assets.

dbt runs once per Dagster run (`dbt build`: models and their tests, which Dagster shows as asset
checks). Each dbt layer is its own asset group; dbt's log goes to a file, not the terminal.
"""


import contextlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from orchestration.dbt_project import dbt_project
from orchestration.resources import RunOutputs, Warehouse

DBT_LOG_NAME = "dbt.log"
# Seeds are reference inputs the staging layer reads; they sit with it.
SEED_GROUP = "staging"


class ZhisuanDbtTranslator(DagsterDbtTranslator):
    """Every dbt model sits in the group of its layer (staging, intermediate, marts) and runs on DuckDB."""

    def get_asset_spec(self, manifest: Mapping[str, Any], unique_id: str, project: DbtProject | None) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        if unique_id.startswith("model."):
            layer = manifest["nodes"][unique_id]["fqn"][1]
            return spec.replace_attributes(group_name=layer, kinds={"dbt", "duckdb"})
        if unique_id.startswith("seed."):
            return spec.replace_attributes(group_name=SEED_GROUP, kinds={"dbt", "duckdb"})
        return spec


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project, dagster_dbt_translator=ZhisuanDbtTranslator())
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: Warehouse, outputs: RunOutputs):
    log_path = Path(outputs.log_dir) / DBT_LOG_NAME
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # dagster-dbt echoes dbt's log to stdout; the terminal shows one progress line for the step instead.
    # dbt writes the warehouse from its own connection: no other step of the run may hold the file meanwhile.
    with warehouse.hold(writing=True), log_path.open("w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        invocation = dbt.cli(["build"], context=context, raise_on_error=False)
        events = list(invocation.stream())
    # Row counts and columns are read once dbt has let go of the DuckDB file (it takes one writer).
    yield from _with_table_metadata(events, warehouse, invocation.manifest)
    if not invocation.is_successful():
        raise dg.Failure(f"dbt build failed; its log: {log_path}", metadata={"dbt_log": dg.MetadataValue.path(str(log_path))})


def _with_table_metadata(events: list, warehouse: Warehouse, manifest: Mapping[str, Any]) -> Iterator:
    with warehouse.connect(read_only=True) as conn:
        for event in events:
            unique_id = event.metadata.get("unique_id") if isinstance(event, dg.Output) else None
            node = manifest["nodes"].get(unique_id.value) if unique_id is not None else None
            if node is None:
                yield event
                continue
            relation = (node["schema"], node["alias"])
            columns = conn.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_schema = ? and table_name = ? order by ordinal_position", list(relation),
            ).fetchall()
            if not columns:
                yield event
                continue
            count = conn.execute(f'select count(*) from "{relation[0]}"."{relation[1]}"').fetchone()[0]
            schema = dg.TableSchema(columns=[
                dg.TableColumn(name, data_type, description=node["columns"].get(name, {}).get("description"))
                for name, data_type in columns
            ])
            yield event.with_metadata({**event.metadata, "dagster/row_count": count, "dagster/column_schema": schema})
