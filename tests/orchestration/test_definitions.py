import subprocess

import dagster as dg

from orchestration.definitions import defs
from tests.conftest import REPO_ROOT

DOCUMENTS = dg.AssetKey(["filings", "documents"])


def _graph():
    return defs.resolve_asset_graph()


def test_every_asset_belongs_to_a_stage_group():
    groups = {_graph().get(key).group_name for key in _graph().get_all_asset_keys()}
    assert groups <= {"fetch", "ingest", "parse", "staging", "intermediate", "marts", "quality", "model", "report"}
    assert {"ingest", "staging", "intermediate", "marts", "report"} <= groups


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


FACT_MARTS = [
    "fct_segment_margins", "fct_receivables", "fct_receivable_debtors", "fct_capex_items", "fct_project_capex",
    "fct_compute_fleet", "fct_project_forecast", "fct_project_returns",
]


def _ancestors(key: dg.AssetKey) -> set[dg.AssetKey]:
    found, frontier = set(), [key]
    while frontier:
        for parent in _graph().get(frontier.pop()).parent_keys:
            if parent not in found:
                found.add(parent)
                frontier.append(parent)
    return found


def test_every_fact_mart_descends_from_the_filings_through_facts_and_staging():
    # filing -> facts -> staging -> mart is one connected path in the asset graph
    facts = dg.AssetKey(["filings", "facts"])
    staged = dg.AssetKey(["staging", "stg_filings__facts"])
    assert DOCUMENTS in _ancestors(facts)
    assert facts in _ancestors(staged)
    for mart in FACT_MARTS:
        assert staged in _ancestors(dg.AssetKey(["marts", mart])), mart


def test_segment_margins_read_the_canonical_entities_and_the_conflict_findings_of_the_quality_stage():
    ancestors = _ancestors(dg.AssetKey(["marts", "fct_segment_margins"]))
    assert {dg.AssetKey(["quality", "entity_variants"]), dg.AssetKey(["quality", "findings"])} <= ancestors
    assert dg.AssetKey(["quality", "entity_variants"]) in _ancestors(dg.AssetKey(["marts", "dim_entities"]))


def test_dbt_runs_once_per_run_as_one_asset_step():
    # every dbt model is an output of the one @dbt_assets op: one `dbt build` per run
    dbt_nodes = [_graph().get(key) for key in _graph().get_all_asset_keys() if "dbt" in _graph().get(key).kinds]
    assert {"marts", "staging", "intermediate"} <= {node.key.path[0] for node in dbt_nodes}
    assert len({node.assets_def.op.name for node in dbt_nodes}) == 1


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


def test_importing_the_definitions_does_no_work(monkeypatch):
    # regression: importing the code location rewrote the vocabulary seed and could start `dbt parse`
    import importlib

    from orchestration import dbt_project, definitions
    from orchestration.assets import transform

    def refuse(*args, **kwargs):
        raise AssertionError(f"importing the definitions did work: {args}")

    for module, name in [(subprocess, "run"), (subprocess, "Popen"), (dbt_project, "prepare_manifest"),
                         (dbt_project, "write_seeds")]:
        monkeypatch.setattr(module, name, refuse)
    importlib.reload(transform)
    importlib.reload(definitions)
