"""The check results the UI shows after the sensor's runs in parallel: the daemon's real path.

`dagster dev` with its daemon on an empty warehouse and two new files: the file
sensor launches one `load_documents` run per file, side by side; the automation
sensor then runs validation, the views and the table checks. The test reads the
check status as the UI's asset page reads it (GraphQL `executionForLatestMaterialization`):
each check must show the result of a run that came after the latest run of each
partition, not "Not evaluated" because a parallel run wrote another partition;
and the validation rules' checks must have run in the automation's run too.
"""
from __future__ import annotations

import time

import pytest

from tests.test_pipeline import dagster_home  # noqa: F401  (fixture)
from tests.test_ui import dagster_dev, graphql

pytestmark = pytest.mark.slow  # starts dagster dev: `make check` leaves it out

FILES = {
    "rate.txt": "Au 3e trimestre 2025, le taux de chômage en Hauts-de-France s'établit à 9,2 %.\n",
    "empty.txt": "",  # unreadable: an error row, so every_document_read fails (as a warning)
}
TABLE_CHECKS = {
    ("facts", "facts_have_provenance"): "SUCCEEDED",
    ("facts", "rates_within_range"): "SUCCEEDED",
    ("facts", "one_unit_per_indicator"): "SUCCEEDED",
    ("facts", "no_duplicate_facts"): "SUCCEEDED",
    ("document_errors", "every_document_read"): "FAILED",
    ("documents", "every_date_readable"): "SUCCEEDED",
}
STATE = """{
  runsOrError { ... on Runs { results { runId jobName status startTime endTime
                                        tags { key value } } } }
  assetNodes(assetKeys: [{path: ["facts"]}, {path: ["document_errors"]}, {path: ["documents"]},
                         {path: ["validation_findings"]}]) {
    assetKey { path }
    %s
    assetChecksOrError { ... on AssetChecks { checks {
      name
      executionForLatestMaterialization {
        runId status
        evaluation { severity metadataEntries { label ... on MarkdownMetadataEntry { mdStr } } }
      }
    } } }
  }
}"""
LATEST_OF_EACH_PARTITION = " ".join(
    f'm{i}: assetMaterializations(partitions: ["{key}"], limit: 1) {{ runId }}' for i, key in enumerate(FILES))


@pytest.fixture
def new_files(tmp_path, monkeypatch):
    documents = tmp_path / "raw"
    documents.mkdir()
    for name, text in FILES.items():
        (documents / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(documents))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "out" / "warehouse.duckdb"))
    monkeypatch.delenv("PIPELINE_AUTOMATION", raising=False)  # the sensors run, as they do by default


def settled(state: dict) -> bool:
    """Both files' runs ended, and every table check has a result from a run that started after."""
    runs = state["runsOrError"]["results"]
    loads = [r for r in runs if r["jobName"] == "load_documents"]
    if len(loads) < len(FILES) or any(r["endTime"] is None for r in loads):
        return False
    started = {r["runId"]: r["startTime"] for r in runs}
    executions = [c["executionForLatestMaterialization"] for node in state["assetNodes"]
                  for c in node["assetChecksOrError"]["checks"]]
    return all(e and e["status"] in ("SUCCEEDED", "FAILED")
               and started.get(e["runId"], 0) > max(r["endTime"] for r in loads) for e in executions)


def test_check_results_shown_reflect_the_latest_run_of_each_partition(dagster_home, new_files, tmp_path):  # noqa: F811
    with dagster_dev(tmp_path) as base:
        deadline = time.monotonic() + 420
        state = graphql(base, STATE % LATEST_OF_EACH_PARTITION)
        while not settled(state):
            assert time.monotonic() < deadline, (
                f"the checks never showed a result after both runs: {state}\n"
                + (tmp_path / "dagster_dev.log").read_text()[-4000:])
            time.sleep(3)
            state = graphql(base, STATE % LATEST_OF_EACH_PARTITION)

    runs = {r["runId"]: r for r in state["runsOrError"]["results"]}
    loads = [r for r in runs.values() if r["jobName"] == "load_documents"]
    # The sensor's path: one run per file, both launched by the sensor, and they overlapped.
    assert sorted({t["key"]: t["value"] for t in r["tags"]}["dagster/partition"] for r in loads) == sorted(FILES)
    assert all({t["key"]: t["value"] for t in r["tags"]}["dagster/sensor_name"] == "raw_documents_sensor"
               for r in loads)
    assert all(r["status"] == "SUCCESS" for r in loads)
    first, second = sorted(loads, key=lambda r: r["startTime"])
    assert second["startTime"] < first["endTime"], "the two runs did not run in parallel"

    shown, rules = {}, {}
    for node in state["assetNodes"]:
        asset = node["assetKey"]["path"][0]
        if asset == "validation_findings":
            rules = {c["name"]: c["executionForLatestMaterialization"] for c in node["assetChecksOrError"]["checks"]}
            continue
        # Each partition's latest materialization is its own file's run, which the checks followed.
        for i, key in enumerate(FILES):
            [latest] = node[f"m{i}"]
            assert runs[latest["runId"]]["jobName"] == "load_documents"
            assert {t["key"]: t["value"] for t in runs[latest["runId"]]["tags"]}["dagster/partition"] == key
        for check in node["assetChecksOrError"]["checks"]:
            shown[(asset, check["name"])] = check["executionForLatestMaterialization"]
    assert {key: e["status"] for key, e in shown.items()} == TABLE_CHECKS

    # The failed check names the unreadable file, and only it; it is a warning, not an error.
    every_read = shown[("document_errors", "every_document_read")]["evaluation"]
    assert every_read["severity"] == "WARN"
    [table] = [m["mdStr"] for m in every_read["metadataEntries"] if m["label"] == "unreadable_files"]
    assert "empty.txt" in table and "rate.txt" not in table
    # All six came from one run after the writes, not from the per-file runs; the validation rules'
    # checks too (two small sources that contradict nothing: every rule passes).
    [check_run] = {e["runId"] for e in shown.values()}
    assert runs[check_run]["jobName"] != "load_documents"
    from pipelines.checks import validation_rule_names

    assert set(rules) == set(validation_rule_names())  # the rules, and the impossible values' check
    assert {name: (e["status"], e["runId"]) for name, e in rules.items()} == {
        name: ("SUCCEEDED", check_run) for name in validation_rule_names()}
