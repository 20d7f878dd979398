"""Data Docs pages rendered by one GX site builder per file context, kept for the life of the process.

GX's ``build_data_docs`` makes a new site builder on every call, and with it new Jinja environments that
compile GX's page templates again: compiling was most of the time a check spent rendering its page.
"""

from __future__ import annotations

from pathlib import Path

# The site every page is rendered into: the only one the context's configuration declares.
SITE_NAME = "local_site"

_BUILDERS: dict[Path, object] = {}


def render_pages(context, root: Path, resources: list) -> None:
    """Render the pages of these resources (validation result and suite identifiers); the index is ours."""
    _site_builder(context, root).build(resource_identifiers=resources, build_index=False)


def _site_builder(context, root: Path):
    from great_expectations.render.renderer.site_builder import SiteBuilder

    if root not in _BUILDERS:
        config = dict(context.variables.data_docs_sites[SITE_NAME])
        config.pop("class_name", None)
        _BUILDERS[root] = SiteBuilder(
            data_context=context, site_name=SITE_NAME,
            runtime_environment={"root_directory": context.root_directory}, **config,
        )
    return _BUILDERS[root]
