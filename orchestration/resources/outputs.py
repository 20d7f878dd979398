from __future__ import annotations

import dagster as dg


class RunOutputs(dg.ConfigurableResource):
    """Where a run leaves what people read, per warehouse under the data folder (never beside the warehouse
    file): the project charts, the HTML report and the dbt log."""

    charts_dir: str
    report_dir: str
    log_dir: str
