"""What runs without anyone asking: the file sensor, the daily schedule, the automation sensor.

    raw_documents_sensor  every 30 s: new or changed file -> its partition is added and run;
                          removed file -> its partition is deleted and `removed_documents` runs
    automation            every 30 s: validation_findings, warehouse_views and the table
                          checks follow their upstream assets (AutomationCondition.eager)
    daily_refresh         06:00 Europe/Paris: whatever is stale is brought up to date

All three are on by default as soon as a Dagster daemon runs (`make ui` starts
one); set PIPELINE_AUTOMATION=off to have them start stopped.
"""
from __future__ import annotations

import json
import os

import dagster as dg

from pipelines.assets import PER_DOCUMENT_ASSETS, document_files, removed_documents
from pipelines.checks import CHECK_KEYS
from extractors.version import extractor_fingerprint
from pipelines.folder import is_present, partition_key, read_warehouse_files, scan, source_path_of, unreadable_folders
from pipelines.plan import PartitionState, Plan, held_by_cursor, plan
from pipelines.resources import RawDocumentsResource, WarehouseResource

PER_DOCUMENT_KEYS = [key for asset in PER_DOCUMENT_ASSETS for key in asset.keys]
CROSS_DOCUMENT_KEYS = [dg.AssetKey("validation_findings"), dg.AssetKey("warehouse_views")]
DOCUMENTS = dg.AssetKey("documents")


def _running_by_default() -> bool:
    return os.environ.get("PIPELINE_AUTOMATION", "on").lower() not in ("off", "0", "false", "no")


def default_sensor_status() -> dg.DefaultSensorStatus:
    return dg.DefaultSensorStatus.RUNNING if _running_by_default() else dg.DefaultSensorStatus.STOPPED


def default_schedule_status() -> dg.DefaultScheduleStatus:
    return dg.DefaultScheduleStatus.RUNNING if _running_by_default() else dg.DefaultScheduleStatus.STOPPED


def _known_from_published(duckdb: WarehouseResource) -> dict[str, list]:
    """A first cursor: the files the published warehouse already holds, so that turning the sensor
    on after `make run` does not load everything again."""
    try:
        held = read_warehouse_files(duckdb.published_path(), wait_seconds=0)
    except Exception:  # an unreadable copy only means starting from nothing
        return {}
    return {partition_key(path): [sha, None, None] for path, sha in {**held.failed, **held.loaded}.items()}


def partition_state(instance: dg.DagsterInstance, cross_document_keys: list[dg.AssetKey]) -> PartitionState:
    """What the instance knows that pipelines.plan needs: the documents' partitions, those
    materialized, and when the documents and each of `cross_document_keys` were last materialized."""
    def last(key: dg.AssetKey) -> float:
        event = instance.get_latest_materialization_event(key)
        return event.timestamp if event else 0.0

    return PartitionState(
        registered=instance.get_dynamic_partitions(document_files.name),
        materialized=set(instance.get_materialized_partitions(DOCUMENTS)),
        documents_at=last(DOCUMENTS),
        cross_document_at={key.to_user_string(): last(key) for key in cross_document_keys})


def apply_partition_changes(instance: dg.DagsterInstance, planned: Plan) -> None:
    for key in planned.delete_partitions:
        instance.delete_dynamic_partition(document_files.name, key)
    if planned.add_partitions:
        instance.add_dynamic_partitions(document_files.name, planned.add_partitions)


def evaluate_folder(instance: dg.DagsterInstance, cursor: str | None, raw_documents: RawDocumentsResource,
                    duckdb: WarehouseResource) -> dg.SensorResult | dg.SkipReason:
    """The sensor's work, as a function of the cursor (JSON: files -> [sha256, mtime_ns, size]): the
    cursor stands for what the warehouse holds, its keys for the partitions it has asked runs for."""
    root = raw_documents.root()
    if not root.is_dir():
        return dg.SkipReason(f"The documents folder {root} does not exist (RAW_DOCUMENTS_DIR).")
    state = json.loads(cursor) if cursor else {"files": _known_from_published(duckdb), "removals": 0}
    known: dict[str, list] = state["files"]
    files = scan(root, known)
    planned = plan(files, held_by_cursor(known), PartitionState(
        registered=instance.get_dynamic_partitions(document_files.name), materialized=set(known)))
    run_requests = [
        dg.RunRequest(
            job_name="load_documents", partition_key=key,
            # One run per version of a file; the modification time tells a file put back apart.
            run_key=f"{key}@{(files[key].sha256 or 'unreadable')[:16]}@{files[key].mtime_ns}",
            tags={"document": files[key].source_path, "trigger": "new file" if key not in known else "changed file"},
        )
        for key in planned.read
    ]
    removals = state.get("removals", 0)
    if planned.removals_due:
        removals += 1
        gone = sorted({*planned.gone, *map(source_path_of, planned.delete_partitions)})
        run_requests.append(dg.RunRequest(
            job_name="refresh_warehouse", asset_selection=[removed_documents.key],
            run_key=f"removed#{removals}", tags={"trigger": "removed files", "removed": ", ".join(gone)[:200]},
        ))
    partition_requests = []
    if planned.add_partitions:
        partition_requests.append(document_files.build_add_request(planned.add_partitions))
    if planned.delete_partitions:
        partition_requests.append(document_files.build_delete_request(planned.delete_partitions))
    # What lies in a folder that cannot be read now is not gone; its cursor entries stay.
    hidden = unreadable_folders(files)
    files_and_hidden = {**{k: v for k, v in known.items() if is_present(source_path_of(k), files, hidden)},
                        **{k: f.cursor_entry() for k, f in files.items()}}
    new_cursor = json.dumps({"files": dict(sorted(files_and_hidden.items())),
                             "removals": removals}, separators=(",", ":"))
    if not run_requests:
        return dg.SensorResult(skip_reason="No new, changed or removed file.", cursor=new_cursor,
                               dynamic_partitions_requests=partition_requests)
    return dg.SensorResult(run_requests=run_requests, cursor=new_cursor,
                           dynamic_partitions_requests=partition_requests)


def make_sensor(load_documents, refresh_warehouse) -> dg.SensorDefinition:
    @dg.sensor(
        name="raw_documents_sensor",
        jobs=[load_documents, refresh_warehouse],
        minimum_interval_seconds=30,
        default_status=default_sensor_status(),
        description="Watches RAW_DOCUMENTS_DIR: a new or changed file gets its partition run "
                    "(one run per file version); a removed file's partition is deleted and its rows leave.",
    )
    def raw_documents_sensor(context: dg.SensorEvaluationContext, raw_documents: RawDocumentsResource,
                             duckdb: WarehouseResource):
        return evaluate_folder(context.instance, context.cursor, raw_documents, duckdb)

    return raw_documents_sensor


def plan_refresh(instance: dg.DagsterInstance, raw_documents: RawDocumentsResource,
                 duckdb: WarehouseResource) -> Plan | None:
    """The plan against the published warehouse, its partition changes applied (a run request names
    a partition that must exist); None when the documents folder is missing."""
    root = raw_documents.root()
    if not root.is_dir():
        return None
    planned = plan(scan(root), read_warehouse_files(duckdb.published_path(), wait_seconds=0),
                   partition_state(instance, CROSS_DOCUMENT_KEYS), extractor_fingerprint())
    apply_partition_changes(instance, planned)
    return planned


def make_schedule(refresh_warehouse) -> dg.ScheduleDefinition:
    @dg.schedule(
        name="daily_refresh",
        job=refresh_warehouse,
        cron_schedule="0 6 * * *",
        execution_timezone="Europe/Paris",
        default_status=default_schedule_status(),
        description="Every day at 06:00 (Paris): runs the partitions of new or changed files, removes "
                    "the rows of removed files, and brings validation and the views up to date.",
    )
    def daily_refresh(context: dg.ScheduleEvaluationContext, raw_documents: RawDocumentsResource,
                      duckdb: WarehouseResource):
        planned = plan_refresh(context.instance, raw_documents, duckdb)
        if planned is None:
            return dg.SkipReason(f"The documents folder {raw_documents.root()} does not exist.")
        day = context.scheduled_execution_time.strftime("%Y-%m-%d") if context.scheduled_execution_time else "now"
        requests = [
            dg.RunRequest(partition_key=key, asset_selection=PER_DOCUMENT_KEYS, asset_check_keys=[],
                          run_key=f"{day}:{key}", tags={"trigger": "daily refresh"})
            for key in planned.read
        ]
        if planned.refresh_due:
            requests.append(dg.RunRequest(
                asset_selection=[removed_documents.key, *CROSS_DOCUMENT_KEYS], asset_check_keys=CHECK_KEYS,
                run_key=f"{day}:warehouse",
                tags={"trigger": "daily refresh"}))
        return requests or dg.SkipReason("Everything is up to date.")

    return daily_refresh


automation_sensor = dg.AutomationConditionSensorDefinition(
    "automation",
    target=dg.AssetSelection.all(),
    default_status=default_sensor_status(),
    minimum_interval_seconds=30,
    description="Runs validation_findings and warehouse_views after the documents they read have changed.",
)
