"""The GX file context under the data directory, validation of a pandas frame, and the Data Docs site.

GX on DuckDB through SQLAlchemy is broken, so frames are pulled from DuckDB by the caller and validated
through GX's pandas data source, one whole-frame batch per run.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from expectations.data_docs import make_offline
from expectations.registry import SuiteSpec
from expectations.rendering import render_pages

DATASOURCE = "warehouse"
# Failing rows reported per expectation: enough to act on, small enough for the UI.
SAMPLE_SIZE = 20


@dataclass(frozen=True, slots=True)
class FailedExpectation:
    expectation: str
    column: str | None
    unexpected_count: int
    sample: list[dict] = field(default_factory=list)  # failing rows: index columns and the offending value


@dataclass(frozen=True, slots=True)
class Validation:
    suite: str
    success: bool
    evaluated: int
    failures: list[FailedExpectation]
    docs_index: Path


def build_context(root: Path):
    """The file context in ``root`` (created on first use), offline and without usage statistics: one per root
    for the life of the process, since creating it re-reads its YAML. GX resolves its stores through one
    current project per process, so the context used last is made the current one."""
    from great_expectations.data_context.data_context.context_factory import project_manager

    root = root.resolve()
    context = _CONTEXTS.get(root) or _new_context(root)
    _CONTEXTS[root] = context
    project_manager.set_project(context)
    return context


def _new_context(root: Path):
    # GX reads this switch when the context is created; set here so no code path can phone home.
    os.environ["GX_ANALYTICS_ENABLED"] = "False"
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    root.mkdir(parents=True, exist_ok=True)
    context = gx.get_context(mode="file", project_root_dir=str(root))
    context.variables.analytics_enabled = False
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    context.variables.save()
    _config_variables_without_comments(Path(context.root_directory))
    # A data source stored by an earlier process comes back without its context, and GX then refuses the
    # checkpoints built on it (MissingDataContextError): each process defines its own, as the first one did.
    if DATASOURCE in context.data_sources.all():
        context.data_sources.delete(DATASOURCE)
    return context


def _config_variables_without_comments(project: Path) -> None:
    """Keep only the values of the project's config variables file (GX writes it with a page of comments): GX
    parses the file again on every read of a context setting, dozens of times per validation, and its YAML
    parser spent most of that time scanning the comments."""
    from great_expectations.core.yaml_handler import YAMLHandler

    path = project / "uncommitted" / "config_variables.yml"
    if not path.is_file():
        return
    yaml, printed = YAMLHandler(), path.read_text(encoding="utf-8")
    values = yaml.dump(dict(yaml.load(printed) or {}))
    if printed != values:
        path.write_text(values, encoding="utf-8")


# One file context per GX root, and one stored suite and checkpoint per suite and column set, for the life of
# the process: storing a suite or a checkpoint rewrites its files and re-reads the context's configuration.
_CONTEXTS: dict[Path, object] = {}
_CHECKPOINTS: dict[tuple[Path, str, tuple[str, ...]], object] = {}


def docs_index(root: Path) -> Path:
    return _site(root) / "index.html"


def validate(spec: SuiteSpec, frame: pd.DataFrame, root: Path, run_name: str) -> Validation:
    """Validate ``frame`` with the suite; ``run_name`` (the Dagster run) names the run in the Data Docs.

    Only this validation's page of the Data Docs is rendered (and the suite's page, the first time this process
    stores the suite), and the index is rewritten from the stored results: rebuilding the whole site per check
    cost seconds and grew with every run."""
    from great_expectations.core.run_identifier import RunIdentifier

    context = build_context(root)
    checkpoint, suite_is_new = _checkpoint(context, root.resolve(), spec, tuple(frame.columns))
    try:
        result = checkpoint.run(batch_parameters={"dataframe": frame}, run_id=RunIdentifier(run_name=run_name))
    finally:
        _release_batches(checkpoint)
    ((result_id, run),) = result.run_results.items()
    _render(context, root, [result_id, *([_suite_id(spec)] if suite_is_new else [])])
    return Validation(
        suite=spec.name,
        success=bool(result.success),
        evaluated=len(run.results),
        failures=[_failure(r) for r in run.results if not r.success],
        docs_index=docs_index(root),
    )


def build_docs(root: Path) -> Path:
    build_context(root).build_data_docs()
    make_offline(_site(root), _results(root))
    return docs_index(root)


def _checkpoint(context, root: Path, spec: SuiteSpec, columns: tuple[str, ...]):
    """The checkpoint that validates a frame with these columns, and whether its suite was stored just now."""
    key = (root, spec.name, columns)
    if key in _CHECKPOINTS:
        return _CHECKPOINTS[key], False
    _CHECKPOINTS[key] = _store_checkpoint(context, spec, list(columns))
    return _CHECKPOINTS[key], True


def _store_checkpoint(context, spec: SuiteSpec, columns: list[str]):
    import great_expectations as gx

    from expectations.suites import build_suite

    # Kept, not replaced: replacing the data source drops the assets of the other suites' checkpoints.
    sources = context.data_sources.all()
    source = sources[DATASOURCE] if DATASOURCE in sources else context.data_sources.add_pandas(DATASOURCE)
    asset = next((a for a in source.assets if a.name == spec.name), None) or source.add_dataframe_asset(spec.name)
    batch = next((b for b in asset.batch_definitions if b.name == "whole_frame"), None)
    batch = batch or asset.add_batch_definition_whole_dataframe("whole_frame")
    suite = context.suites.add_or_update(build_suite(spec, columns))
    definition = _validation_definition(context, spec.name, batch, suite)
    index = [column for column in spec.index_columns if column in columns]
    return context.checkpoints.add_or_update(gx.Checkpoint(
        name=spec.name,
        validation_definitions=[definition],
        actions=[],
        result_format={
            "result_format": "COMPLETE", "partial_unexpected_count": SAMPLE_SIZE,
            "unexpected_index_column_names": index,
        },
    ))


def _validation_definition(context, name: str, batch, suite):
    """The stored validation definition, or a new one. Updating a stored one (GX 1.24) unbinds the shared data
    source from its context, and every later validation fails with MissingDataContextError; the stored one
    already names the batch and the suite, which was updated in place above (same id)."""
    import great_expectations as gx

    stored = {definition.name for definition in context.validation_definitions.all()}
    if name in stored:
        return context.validation_definitions.get(name)
    return context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))


def _release_batches(checkpoint) -> None:
    """Drop the frames GX keeps in its data source's engine after a validation: the data source is shared by
    every suite and lives as long as the process, so each validated table would otherwise stay in memory."""
    for definition in checkpoint.validation_definitions:
        engine = definition.data.data_asset.datasource.execution_engine
        if engine is not None:
            engine.batch_manager.reset_batch_cache()
            engine.batch_manager.batch_data_cache.clear()


def _suite_id(spec: SuiteSpec):
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    return ExpectationSuiteIdentifier(name=spec.name)


def _render(context, root: Path, resources: list) -> None:
    """Render the pages of these resources (validation results, suites) and rewrite the index."""
    site = _site(root)
    before = {page: page.stat().st_mtime_ns for page in site.rglob("*.html")} if site.is_dir() else {}
    render_pages(context, root.resolve(), resources)
    rendered = [page for page in site.rglob("*.html") if before.get(page) != page.stat().st_mtime_ns]
    make_offline(site, _results(root), pages=rendered)


def _site(root: Path) -> Path:
    return root / "gx" / "uncommitted" / "data_docs" / "local_site"


def _results(root: Path) -> Path:
    return root / "gx" / "uncommitted" / "validations"


def _failure(result) -> FailedExpectation:
    details = result.result or {}
    sample = details.get("partial_unexpected_index_list") or []
    return FailedExpectation(
        expectation=result.expectation_config.type,
        column=result.expectation_config.kwargs.get("column"),
        unexpected_count=int(details.get("unexpected_count") or 0),
        sample=[{key: _plain(value) for key, value in row.items()} for row in sample[:SAMPLE_SIZE]],
    )


def _plain(value):
    """numpy scalars and NaN as plain JSON values."""
    if hasattr(value, "item"):
        value = value.item()
    return None if isinstance(value, float) and math.isnan(value) else value
