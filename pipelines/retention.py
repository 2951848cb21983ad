"""Run retention: the Dagster instance stays bounded however many runs go through it.

After each `make run`, finished runs beyond the PIPELINE_KEEP_RUNS most recent
(default 20) are deleted with their event logs, except the runs that hold the
latest materialization of some asset partition or the latest evaluation of
some check: what the UI shows as the state of each asset stays; only history
that a newer run has superseded goes. (Sensor and schedule ticks have their
own retention in dagster.yaml.)

Dagster's SQLite storage deletes a run's rows but leaves its event log file
(`history/runs/<run_id>.db`, emptied) and their checks' evaluations, and never
gives the freed pages of its index and run databases back: here the files and
check evaluations of deleted runs are removed and the databases vacuumed, so
the instance's size stays flat across runs.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import dagster as dg
from dagster._core.storage.event_log.schema import AssetCheckExecutionsTable

DEFAULT_KEEP_RUNS = 20


def keep_runs() -> int:
    return int(os.environ.get("PIPELINE_KEEP_RUNS") or DEFAULT_KEEP_RUNS)


def runs_holding_latest_state(instance: dg.DagsterInstance, asset_graph) -> set[str]:
    """Ids of the runs that hold the latest materialization of an asset (of each of its partitions)
    or the latest evaluation of a check."""
    held = set()
    storage = instance.event_log_storage
    for key in asset_graph.get_all_asset_keys():
        latest = storage.get_latest_storage_id_by_partition(key, dg.DagsterEventType.ASSET_MATERIALIZATION)
        if latest:
            ids = sorted(latest.values())
            records = instance.fetch_materializations(
                dg.AssetRecordsFilter(asset_key=key, storage_ids=ids), limit=len(ids)).records
            held |= {r.run_id for r in records}
        event = instance.get_latest_materialization_event(key)
        if event:
            held.add(event.run_id)
    check_keys = list(asset_graph.asset_check_keys)
    if check_keys:
        held |= {r.run_id for r in storage.get_latest_asset_check_execution_by_key(check_keys).values()}
    return held


def prune_runs(instance: dg.DagsterInstance, asset_graph, keep: int | None = None) -> int:
    """Delete the finished runs beyond the `keep` most recent that hold no latest state; return how many."""
    keep = keep_runs() if keep is None else keep
    older = [r for r in instance.get_runs()[keep:] if r.is_finished]  # newest first
    if not older:
        return 0
    held = runs_holding_latest_state(instance, asset_graph)
    deleted = [run.run_id for run in older if run.run_id not in held]
    for run_id in deleted:
        instance.delete_run(run_id)
    if deleted:
        reclaim_space(instance, deleted)
    return len(deleted)


def reclaim_space(instance: dg.DagsterInstance, deleted_run_ids: list[str]) -> None:
    """Remove the event log files of deleted runs and vacuum the SQLite databases left (SQLite storage only)."""
    storage = instance.event_log_storage
    if not hasattr(storage, "path_for_shard"):
        return  # not the SQLite storage: its database reclaims space itself
    for run_id in deleted_run_ids:
        for suffix in ("", "-wal", "-shm"):
            Path(storage.path_for_shard(run_id) + suffix).unlink(missing_ok=True)
    # Their checks' evaluations too (deleting a run leaves them in the index: one row per check and run).
    with storage.index_connection() as conn:
        conn.execute(AssetCheckExecutionsTable.delete().where(
            AssetCheckExecutionsTable.c.run_id.in_(deleted_run_ids)))
    index = Path(storage.path_for_shard("index"))  # history/runs/index.db, beside history/runs.db
    for database in (index, index.parent.with_name("runs.db")):
        if database.exists():
            with closing(sqlite3.connect(database, timeout=30)) as con:
                con.execute("VACUUM")
