import subprocess

import dagster as dg

from orchestration.definitions import defs
from tests.conftest import REPO_ROOT

DOCUMENTS = dg.AssetKey(["filings", "documents"])


def _graph():
    return defs.resolve_asset_graph()


def test_every_asset_belongs_to_a_stage_group():
    groups = {_graph().get(key).group_name for key in _graph().get_all_asset_keys()}
    assert groups <= {"ingest", "parse", "marts", "quality", "model"}
    assert {"ingest", "marts"} <= groups


def test_marts_are_downstream_of_ingestion_in_one_lineage():
    reachable = set()
    frontier = [DOCUMENTS]
    while frontier:
        key = frontier.pop()
        for child in _graph().get(key).child_keys:
            if child not in reachable:
                reachable.add(child)
                frontier.append(child)
    assert dg.AssetKey(["staging", "stg_filings__documents"]) in reachable
    assert dg.AssetKey(["marts", "dim_companies"]) in reachable


def test_filings_are_partitioned_one_per_file_and_backfilled_in_one_run():
    node = _graph().get(DOCUMENTS)
    assert isinstance(node.partitions_def, dg.DynamicPartitionsDefinition)
    assert node.partitions_def.name == "filings"
    assert node.backfill_policy == dg.BackfillPolicy.single_run()


def test_the_daily_refresh_runs_at_six_in_beijing():
    schedule = defs.resolve_schedule_def("daily_refresh")
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 6 * * *", "Asia/Shanghai")
    assert schedule.job_name == "refresh_downstream"


def test_dbt_tests_are_asset_checks():
    check_names = {key.name for key in _graph().asset_check_keys}
    assert "unique_dim_filings_filing_id" in check_names
    assert "every_landed_file_is_accounted_for" in check_names


def test_dagster_validates_the_code_location():
    result = subprocess.run(
        [str(REPO_ROOT / ".venv" / "bin" / "dagster"), "definitions", "validate", "-w", "workspace.yaml"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All code locations passed validation" in result.stdout + result.stderr
