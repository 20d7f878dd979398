from __future__ import annotations

import dagster as dg


class RunOutputs(dg.ConfigurableResource):
    """Where a run leaves what people read, per warehouse under the data folder (never beside the warehouse
    file): the project charts, the HTML report and the dbt log; and dbt's own target folder of that warehouse."""

    charts_dir: str
    report_dir: str
    log_dir: str
    # Kept from run to run so dbt parses only what changed since the last build of this warehouse (its partial
    # parse is keyed on the profile, which names the warehouse file). Empty: a new folder per dbt invocation.
    dbt_target_dir: str = ""
