"""Watch the landing folder and ingest only what is new or changed."""


import json

import dagster as dg

from orchestration.jobs import ingest_filings_job
from orchestration.partitions import filings_partitions
from orchestration.resources import LandingFolder


def changed_files(previous: dict[str, str], current: dict[str, str]) -> list[str]:
    """Names whose fingerprint is new or different since the last tick."""
    return sorted(name for name, fingerprint in current.items() if previous.get(name) != fingerprint)


@dg.sensor(
    job=ingest_filings_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Adds a partition for each new file in the landing folder and ingests new or changed files.",
)
def landing_folder_sensor(context: dg.SensorEvaluationContext, landing: LandingFolder) -> dg.SensorResult:
    previous = json.loads(context.cursor) if context.cursor else {}
    current = landing.fingerprints()
    changed = changed_files(previous, current)
    known = set(context.instance.get_dynamic_partitions(filings_partitions.name))
    new_partitions = [name for name in changed if name not in known]
    return dg.SensorResult(
        run_requests=[
            dg.RunRequest(partition_key=name, run_key=f"{name}:{current[name]}") for name in changed
        ],
        dynamic_partitions_requests=[filings_partitions.build_add_request(new_partitions)] if new_partitions else [],
        cursor=json.dumps(current, sort_keys=True),
    )
