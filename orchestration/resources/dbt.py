"""The dbt CLI resource of zhisuan: dagster-dbt's, without three things a run pays for and never uses.

dagster-dbt asks the dbt executable for its version (a second dbt process, ~5 s of CPU) and opens a dbt
adapter inside the Dagster process (dbt-core and its DuckDB adapter imported and the project loaded:
seconds of CPU and ~150 MB held for the rest of the run) so that it can read row counts and columns.
zhisuan reads those from the warehouse itself once dbt is done (`assets/transform.py`), and dbt-core is a
package of this environment, so its version is in the package metadata.

dbt also writes a debug log file beside its target: a JSON line for every SQL statement, connection and
compiled file (~4 MB per build of this project), each written under one lock that all of dbt's threads
queue for. What a run needs of dbt's log is its info stream, which Dagster reads and `assets/transform.py`
keeps in the warehouse's log folder; the file keeps dbt's warnings and errors only.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Sequence
from functools import cached_property

from dagster_dbt import DbtCliResource
from packaging import version

# dbt's log file level (dbt's --log-level-file): warnings and errors, not a debug line per SQL statement.
DBT_LOG_FILE_FLAGS = ("--log-level-file", "warn")


class ZhisuanDbtCli(DbtCliResource):
    def __init__(self, **kwargs):
        super().__init__(**{"global_config_flags": list(DBT_LOG_FILE_FLAGS), **kwargs})

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:
        # No adapter: the invocation then reads no relation metadata through dbt, which zhisuan does not ask for.
        return None
