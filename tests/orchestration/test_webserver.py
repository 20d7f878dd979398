"""The Dagster UI starts on a local port and serves the asset graph from ingestion to the marts."""

import json
import os
import socket
import subprocess
import time
import urllib.request

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow

ASSET_GRAPH_QUERY = "{ assetNodes { assetKey { path } groupName dependencyKeys { path } } }"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _post(url: str, query: str) -> dict:
    request = urllib.request.Request(
        url, data=json.dumps({"query": query}).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def webserver(tmp_path_factory):
    home = tmp_path_factory.mktemp("dagster_home")
    port = _free_port()
    env = os.environ | {"DAGSTER_HOME": str(home), "ZHISUAN_WAREHOUSE": str(home / "w.duckdb")}
    process = subprocess.Popen(
        [str(REPO_ROOT / ".venv" / "bin" / "dagster-webserver"), "-h", "127.0.0.1", "-p", str(port),
         "-w", "workspace.yaml"],
        cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/server_info", timeout=5)
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail("the Dagster webserver exited during start-up")
                time.sleep(1)
        else:
            pytest.fail("the Dagster webserver did not answer within 180 s")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_asset_graph_runs_from_ingestion_to_the_marts(webserver):
    nodes = _post(f"{webserver}/graphql", ASSET_GRAPH_QUERY)["data"]["assetNodes"]
    by_key = {"/".join(node["assetKey"]["path"]): node for node in nodes}
    parents = {key: {"/".join(dep["path"]) for dep in node["dependencyKeys"]} for key, node in by_key.items()}

    assert by_key["filings/documents"]["groupName"] == "ingest"
    assert by_key["filings/facts"]["groupName"] == "parse"
    assert "filings/documents" in parents["filings/facts"]
    assert "filings/facts" in parents["staging/stg_filings__facts"]
    assert "staging/stg_filings__documents" in parents["marts/dim_filings"]
    assert by_key["marts/dim_filings"]["groupName"] == "marts"


def test_the_ui_shows_each_mart_downstream_of_the_filings_through_facts_and_staging(webserver):
    nodes = _post(f"{webserver}/graphql", ASSET_GRAPH_QUERY)["data"]["assetNodes"]
    parents = {"/".join(node["assetKey"]["path"]): {"/".join(dep["path"]) for dep in node["dependencyKeys"]}
               for node in nodes}

    def ancestors(key):
        found, frontier = set(), [key]
        while frontier:
            for parent in parents[frontier.pop()] - found:
                found.add(parent)
                frontier.append(parent)
        return found

    for mart in ("fct_segment_margins", "fct_capex_items", "fct_project_forecast", "fct_compute_fleet"):
        lineage = ancestors(f"marts/{mart}")
        assert {"filings/documents", "filings/facts", "staging/stg_filings__facts"} <= lineage, mart
