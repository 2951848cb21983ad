"""The Dagster UI as a person would open it: `dagster dev`, GraphQL, and the page in headless Chromium.

The server gets its own process group and a DAGSTER_HOME in a temporary
folder (with the project's dagster.yaml: no telemetry, no community dialog);
it is stopped with SIGTERM to its leader, which shuts the webserver, daemon
and code server down, and the whole group is killed if that takes too long.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.test_pipeline import corpus, dagster_home  # noqa: F401  (fixtures)
from warehouse.paths import PROJECT_ROOT

ASSETS = ["documents", "facts", "partnerships", "document_errors",
          "removed_documents", "validation_findings", "warehouse_views", "fact_explorer"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (.ci/run installs it; in CI this test never skips)",
)]  # slow: starts dagster dev


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 5) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def graphql(base: str, query: str) -> dict:
    request = urllib.request.Request(f"{base}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        payload = json.loads(response.read())
    assert "errors" not in payload, payload["errors"]
    return payload["data"]


def stop(server: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM to the leader (dagster dev then stops its children), SIGKILL to the group if it hangs."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(server.pid, signal.SIGKILL)  # whatever is left of the group
    except ProcessLookupError:
        pass
    server.wait()


@contextlib.contextmanager
def dagster_dev(tmp_path: Path):
    """`dagster dev` (webserver, daemon, code server) on a free port; yields its address."""
    port = free_port()
    log_path = tmp_path / "dagster_dev.log"
    log = open(log_path, "w")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("dagster")), "dev", "-m", "pipelines.definitions",
         "-h", "127.0.0.1", "-p", str(port)],
        cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, log_path.read_text()[-3000:]
            try:
                get(f"{base}/server_info")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert time.monotonic() < deadline, "dagster dev did not answer within 120 s"
                time.sleep(0.5)
        yield base
    finally:
        stop(process)
        log.close()
    assert process.returncode is not None


@pytest.fixture
def server(dagster_home, corpus, tmp_path, monkeypatch):  # noqa: F811
    """`dagster dev` over a small warehouse built first with `python -m pipelines.run`."""
    from pipelines import run

    assert run.main([]) == 0  # so the pages have materializations, metadata and check results to show
    monkeypatch.setenv("PIPELINE_AUTOMATION", "off")  # sensors and schedule shown, but not running
    with dagster_dev(tmp_path) as base:
        yield base


def test_the_ui_shows_assets_checks_schedule_and_sensors(server, tmp_path):
    data = graphql(server, """{
        assetNodes {
            assetKey { path } description groupName
            assetChecksOrError { ... on AssetChecks { checks { name } } }
            assetMaterializations(limit: 1) { metadataEntries { label } }
        }
        repositoriesOrError { ... on RepositoryConnection { nodes {
            schedules { name cronSchedule executionTimezone }
            sensors { name minIntervalSeconds }
        } } }
    }""")
    nodes = {"/".join(n["assetKey"]["path"]): n for n in data["assetNodes"]}
    assert set(nodes) == set(ASSETS)
    for name, node in nodes.items():
        assert node["description"], name
        assert node["groupName"] == "warehouse", name
    checks = {name: {c["name"] for c in node["assetChecksOrError"]["checks"]} for name, node in nodes.items()}
    assert checks["facts"] == {"facts_have_provenance", "rates_within_range", "one_unit_per_indicator",
                               "no_duplicate_facts"}
    assert checks["document_errors"] == {"every_document_read"}
    assert "stated_change_mismatch" in checks["validation_findings"]

    def metadata(asset: str) -> set[str]:
        [latest] = nodes[asset]["assetMaterializations"]
        return {e["label"] for e in latest["metadataEntries"]}

    assert {"dagster/row_count", "preview"} <= metadata("facts")
    assert {"dagster/row_count", "findings", "by_check"} <= metadata("validation_findings")
    assert {"chart", "views", "published"} <= metadata("warehouse_views")

    [repository] = data["repositoriesOrError"]["nodes"]
    [schedule] = repository["schedules"]
    assert (schedule["name"], schedule["cronSchedule"], schedule["executionTimezone"]) == (
        "daily_refresh", "0 6 * * *", "Europe/Paris")
    assert {s["name"] for s in repository["sensors"]} == {"raw_documents_sensor", "automation"}

    # The asset catalog, rendered by a real browser: every asset's name is on the page.
    assert CHROMIUM, "chromium is missing: .ci/run installs it"
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={tmp_path / 'chromium'}", "--virtual-time-budget=15000", "--dump-dom",
         f"{server}/assets"],
        capture_output=True, text=True, timeout=120,
    ).stdout
    missing = [name for name in ASSETS if name not in dom]
    assert not missing, f"not on the rendered page: {missing}\n{dom[:2000]}"
