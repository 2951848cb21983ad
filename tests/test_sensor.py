"""The file sensor and the daily schedule, evaluated as the daemon would, without running anything."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os

import dagster as dg
import duckdb
import pytest

from pipelines.definitions import defs, raw_documents_sensor
from pipelines.resources import RESOURCES
from warehouse.schema import create_tables

PARTITIONS = "document_files"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    documents = tmp_path / "raw"
    documents.mkdir()
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(documents))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "out" / "warehouse.duckdb"))
    return documents


@pytest.fixture
def instance():
    # In memory: the same partition and materialization records as the sqlite instance, without its
    # 1.5 s of migrations per test.
    return dg.DagsterInstance.ephemeral()


class Daemon:
    """Evaluates the sensor tick after tick, keeping its cursor and applying its partition requests."""

    def __init__(self, instance: dg.DagsterInstance):
        self.instance, self.cursor = instance, None

    def tick(self) -> list[dg.RunRequest]:
        with dg.build_sensor_context(instance=self.instance, cursor=self.cursor, resources=RESOURCES,
                                     definitions=defs) as context:
            result = raw_documents_sensor(context)
        assert isinstance(result, dg.SensorResult)
        self.cursor = result.cursor
        for request in result.dynamic_partitions_requests or []:
            if isinstance(request, dg.AddDynamicPartitionsRequest):
                self.instance.add_dynamic_partitions(PARTITIONS, list(request.partition_keys))
            else:
                for key in request.partition_keys:
                    self.instance.delete_dynamic_partition(PARTITIONS, key)
        return list(result.run_requests or [])


def write(path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_one_run_for_a_new_file_none_when_nothing_changed_one_for_a_change(folder, instance):
    daemon = Daemon(instance)
    assert daemon.tick() == []  # an empty folder

    write(folder / "a.txt", "Le taux de chômage en France est de 7,7 % en 2025.\n")
    [request] = daemon.tick()
    assert request.job_name == "load_documents"
    assert request.partition_key == "a.txt"
    assert request.tags["trigger"] == "new file"
    assert instance.get_dynamic_partitions(PARTITIONS) == ["a.txt"]
    sha = json.loads(daemon.cursor)["files"]["a.txt"][0]
    assert sha == hashlib.sha256((folder / "a.txt").read_bytes()).hexdigest()

    assert daemon.tick() == []  # nothing changed
    os.utime(folder / "a.txt")  # touched, same bytes: still nothing to do
    assert daemon.tick() == []

    write(folder / "b.txt", "En 2024, le taux de chômage en France est de 7,3 %.\n")
    write(folder / "a.txt", "Le taux de chômage en France est de 7,9 % en 2025.\n")
    requests = daemon.tick()
    assert sorted(r.partition_key for r in requests) == ["a.txt", "b.txt"]  # one run each, nothing else
    assert {r.tags["trigger"] for r in requests} == {"new file", "changed file"}
    assert len({r.run_key for r in requests}) == 2
    assert daemon.tick() == []


def test_a_removed_file_deletes_its_partition_and_runs_the_removal(folder, instance):
    daemon = Daemon(instance)
    write(folder / "a.txt", "Le taux de chômage en France est de 7,7 % en 2025.\n")
    write(folder / "b.txt", "En 2024, le taux de chômage en France est de 7,3 %.\n")
    assert len(daemon.tick()) == 2

    (folder / "b.txt").unlink()
    [request] = daemon.tick()
    assert request.job_name == "refresh_warehouse"
    assert request.asset_selection == [dg.AssetKey("removed_documents")]
    assert request.partition_key is None
    assert instance.get_dynamic_partitions(PARTITIONS) == ["a.txt"]
    assert daemon.tick() == []

    # The same file back, then gone again: a new run each time (run keys are never reused).
    write(folder / "b.txt", "En 2024, le taux de chômage en France est de 7,3 %.\n")
    [back] = daemon.tick()
    (folder / "b.txt").unlink()
    [gone_again] = daemon.tick()
    assert back.partition_key == "b.txt" and gone_again.run_key != request.run_key


def publish_by_hand(warehouse_dir, rows: dict[str, bytes]) -> None:
    """A published copy that holds these files (source_path -> bytes), as a run would leave it."""
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(warehouse_dir / "warehouse.published.duckdb")) as con:
        create_tables(con)
        for source_path, data in rows.items():
            sha = hashlib.sha256(data).hexdigest()
            con.execute("INSERT INTO documents (document_id, sha256, source_path) VALUES (?, ?, ?)",
                        [f"doc_{sha[:16]}", sha, source_path])


def test_a_first_tick_skips_what_the_published_warehouse_already_holds(folder, instance, tmp_path):
    loaded = "Le taux de chômage en France est de 7,7 % en 2025.\n"
    write(folder / "loaded.txt", loaded)
    write(folder / "new.txt", "En 2024, le taux de chômage en France est de 7,3 %.\n")
    publish_by_hand(tmp_path / "out", {"loaded.txt": loaded.encode()})
    [request] = Daemon(instance).tick()
    assert request.partition_key == "new.txt"
    assert sorted(instance.get_dynamic_partitions(PARTITIONS)) == ["loaded.txt", "new.txt"]


def test_the_daily_schedule_requests_what_is_stale(folder, tmp_path):
    loaded = "Le taux de chômage en France est de 7,7 % en 2025.\n"
    write(folder / "loaded.txt", loaded)
    write(folder / "changed.txt", "En 2024, le taux de chômage en France est de 7,3 %.\n")
    publish_by_hand(tmp_path / "out", {"loaded.txt": loaded.encode(), "changed.txt": b"older bytes",
                                       "gone.txt": b"a file since removed"})
    schedule = defs.resolve_schedule_def("daily_refresh")
    with dg.instance_for_test() as instance:  # a schedule context wants a persistent instance
        _evaluate_schedule(schedule, instance)


def _evaluate_schedule(schedule, instance):
    with dg.build_schedule_context(instance=instance, resources=RESOURCES, repository_def=defs.get_repository_def(),
                                   scheduled_execution_time=dt.datetime(2026, 11, 23, 6, 0)) as context:
        requests = list(schedule.evaluate_tick(context).run_requests)
    by_partition = {r.partition_key: r for r in requests}
    # Neither partition was ever materialized in this instance, so both run; then the warehouse.
    assert set(by_partition) == {"loaded.txt", "changed.txt", None}
    assert {k.to_user_string() for k in by_partition[None].asset_selection} == {
        "removed_documents", "validation_findings", "warehouse_views"}
    assert {k.to_user_string() for k in by_partition["changed.txt"].asset_selection} == {
        "documents", "facts", "partnerships", "document_errors"}
    assert sorted(instance.get_dynamic_partitions(PARTITIONS)) == ["changed.txt", "loaded.txt"]


def test_an_entry_that_cannot_be_read_gets_one_run_for_its_error_row(folder, instance):
    daemon = Daemon(instance)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    [request] = daemon.tick()
    assert request.job_name == "load_documents" and request.partition_key == "dangling.txt"
    assert daemon.tick() == []  # recorded once, not at every tick
