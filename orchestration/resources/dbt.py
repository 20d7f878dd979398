"""The dbt CLI resource of zhisuan: dagster-dbt's, without the two things a run pays for and never uses.

dagster-dbt asks the dbt executable for its version (a second dbt process, ~5 s of CPU) and opens a dbt
adapter inside the Dagster process (dbt-core and its DuckDB adapter imported and the project loaded:
seconds of CPU and ~150 MB held for the rest of the run) so that it can read row counts and columns.
zhisuan reads those from the warehouse itself once dbt is done (`assets/transform.py`), and dbt-core is a
package of this environment, so its version is in the package metadata.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Sequence
from functools import cached_property

from dagster_dbt import DbtCliResource
from packaging import version


class ZhisuanDbtCli(DbtCliResource):
    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:
        # No adapter: the invocation then reads no relation metadata through dbt, which zhisuan does not ask for.
        return None
