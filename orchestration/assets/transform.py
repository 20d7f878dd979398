"""Marts stage: the dbt project, as Dagster assets downstream of the parse assets.

dbt runs once per Dagster run (`dbt build`: models and their tests, which Dagster shows as asset
checks). Each dbt layer is its own asset group; dbt's log goes to a file, not the terminal.

Every model reads the parsed filings, so new facts rebuild every model and data test. The unit tests
read no warehouse data (they test the SQL against fixtures): they run only when the dbt project changed
since the warehouse's last successful build. (Seeds are cheap and data tests join models to them, so they
are always built.) dbt keeps its target folder per warehouse, so it parses only the project files that
changed since its last run.
"""


import contextlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets

from orchestration.dbt_project import dbt_project, dbt_project_version
from orchestration.jobs import is_full_refresh
from orchestration.lib.warehouse.state import record_fingerprint, recorded_fingerprint
from orchestration.resources import RunOutputs, Warehouse

DBT_LOG_NAME = "dbt.log"
# The stage of filings.pipeline_state that names the dbt project the warehouse was last built with.
DBT_PROJECT_STAGE = "dbt_project"
# Nodes that read no warehouse data: run again only when the dbt project changed.
DATA_FREE_NODES = "resource_type:unit_test"
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
    project_version = dbt_project_version()
    args = build_args(is_full_refresh(context), _built_with(warehouse) == project_version)
    target = Path(outputs.dbt_target_dir) if outputs.dbt_target_dir else None
    with warehouse.hold(writing=True), log_path.open("w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
        invocation = dbt.cli(args, context=context, raise_on_error=False, target_path=target)
        events = list(invocation.stream())
    # Row counts and columns are read once dbt has let go of the DuckDB file (it takes one writer).
    yield from _with_table_metadata(events, warehouse, invocation.manifest)
    if not invocation.is_successful():
        raise dg.Failure(f"dbt build failed; its log: {log_path}", metadata={"dbt_log": dg.MetadataValue.path(str(log_path))})
    with warehouse.connect() as conn:
        record_fingerprint(conn, project_version, DBT_PROJECT_STAGE)


def build_args(full_refresh: bool, project_unchanged: bool) -> list[str]:
    """`dbt build` of everything on a full refresh or a changed project; otherwise of what reads the data."""
    if full_refresh:
        return ["build", "--full-refresh"]
    if project_unchanged:
        return ["build", "--exclude", DATA_FREE_NODES]
    return ["build"]


def _built_with(warehouse: Warehouse) -> str | None:
    """The dbt project version of the warehouse's last successful build (None before the first)."""
    with warehouse.connect(read_only=True) as conn:
        return recorded_fingerprint(conn, DBT_PROJECT_STAGE)


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
