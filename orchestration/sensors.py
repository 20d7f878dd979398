"""Watch the landing folder; carry new or changed files through every stage in one run.

Off by default: turning it on is a choice. On its first tick it treats files ingested after their last
change as already done, so opening the UI on a folder `zhisuan run` has processed starts no run.
"""


import hashlib
import json

import dagster as dg

from orchestration.assets.ingest import DOCUMENTS_KEY
from orchestration.jobs import full_refresh_job
from orchestration.partitions import filings_partitions
from orchestration.resources import LandingFolder


def changed_files(previous: dict[str, str], current: dict[str, str]) -> list[str]:
    """Names whose fingerprint is new or different since the last tick."""
    return sorted(name for name, fingerprint in current.items() if previous.get(name) != fingerprint)


def partition_range(known: list[str], new: list[str], changed: list[str]) -> tuple[str, str]:
    """The partitions one run covers: from the first changed file, in partition order, to the last partition.

    New partitions are appended after the known ones, so the range of a batch of new files is exactly
    those files; a changed old file widens it to the files added after it (re-ingesting those is
    idempotent)."""
    order = [*known, *new]
    first = min(order.index(name) for name in changed)
    return order[first], order[-1]


def already_ingested(instance: dg.DagsterInstance, landing: LandingFolder, known: set[str]) -> dict[str, str]:
    """Fingerprints of the files whose partition was materialized after the file last changed."""
    done = {}
    for name, fingerprint in landing.fingerprints().items():
        if name not in known:
            continue
        records = instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=DOCUMENTS_KEY, asset_partitions=[name]), limit=1
        ).records
        modified = landing.file_path(name).stat().st_mtime
        if records and records[0].timestamp > modified:
            done[name] = fingerprint
    return done


@dg.sensor(
    job=full_refresh_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="One run for all new or changed files in the landing folder: ingest and parse them, then "
    "rebuild the marts, checks, models and report.",
)
def landing_folder_sensor(context: dg.SensorEvaluationContext, landing: LandingFolder) -> dg.SensorResult:
    known = context.instance.get_dynamic_partitions(filings_partitions.name)
    previous = json.loads(context.cursor) if context.cursor else already_ingested(context.instance, landing, set(known))
    current = landing.fingerprints()
    changed = changed_files(previous, current)
    new_partitions = [name for name in changed if name not in set(known)]
    run_requests = []
    if changed:
        start, end = partition_range(known, new_partitions, changed)
        run_requests.append(dg.RunRequest(
            # The same batch of file versions is never run twice.
            run_key=hashlib.sha256(json.dumps({n: current[n] for n in changed}, sort_keys=True).encode()).hexdigest(),
            tags={"dagster/asset_partition_range_start": start, "dagster/asset_partition_range_end": end},
        ))
    return dg.SensorResult(
        run_requests=run_requests,
        dynamic_partitions_requests=[filings_partitions.build_add_request(new_partitions)] if new_partitions else [],
        cursor=json.dumps(current, sort_keys=True),
    )
