"""The Dagster side of `python -m pipelines.run`: the runs it starts in this process, and what it
prints about them.

Every run is tagged with this process (pipelines.recovery), so that a later
`make run` can tell a run whose process died from one still going, and a
watch thread bounds any wait for the `duckdb` pool. Before anything, runs of
dead processes are marked failed and their slots freed.
"""
from __future__ import annotations

import uuid

import dagster as dg

from extractors.version import extractor_fingerprint
from pipelines.assets import POOL, document_files, removed_documents
from pipelines.automation import CROSS_DOCUMENT_KEYS, DOCUMENTS, apply_partition_changes, partition_state
from pipelines.checks import CHECK_KEYS
from pipelines.definitions import defs
from pipelines.explorer_asset import fact_explorer
from pipelines.folder import FileState, WarehouseFiles, contiguous_ranges, document_id_of
from pipelines.plan import plan
from pipelines.reading import stop_reading_processes
from pipelines.recovery import PoolWatch, process_tag, recover_dead_runs
from pipelines.retention import keep_runs, prune_runs

LOGGING = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
NO_PUBLISH = {"config": {"publish": False}}
# What `make run` brings up to date after the documents: validation, the views, the explorer.
REFRESHED_KEYS = [*CROSS_DOCUMENT_KEYS, fact_explorer.key]


def execute(instance: dg.DagsterInstance, job_name: str, assets: list[dg.AssetKey] | None = None,
            checks: list[dg.AssetCheckKey] | None = None, **kwargs) -> dg.ExecuteInProcessResult:
    """One run of a job in this process (of these assets and checks only, when given), tagged with
    it, its wait for the pool bounded; an interrupt marks it failed and frees its slots before going on up."""
    run_id = str(uuid.uuid4())
    job = defs.resolve_job_def(job_name)
    if assets is not None:
        job = job.get_subset(asset_selection=set(assets), asset_check_selection=set(checks or []))
    watch = PoolWatch(instance, POOL, run_id)
    watch.start()
    try:
        result = job.execute_in_process(
            instance=instance, raise_on_error=False, run_id=run_id,
            tags={**process_tag(), "trigger": "make run", **kwargs.pop("tags", {})}, **kwargs)
        if was_interrupted(result):  # Dagster turns Ctrl-C or SIGTERM inside a step into a step failure
            raise KeyboardInterrupt
        return result
    except BaseException:
        run = instance.get_run_by_id(run_id)
        if run and not run.is_finished:
            instance.report_run_failed(run, "Interrupted.")
        instance.event_log_storage.free_concurrency_slots_for_run(run_id)
        raise
    finally:
        watch.stop()


def was_interrupted(result: dg.ExecuteInProcessResult) -> bool:
    return any(event.is_step_failure and event.step_failure_data.error
               and event.step_failure_data.error.cls_name == "DagsterExecutionInterruptedError"
               for event in result.all_events)


def failure_reason(result: dg.ExecuteInProcessResult) -> str:
    """What made a run fail, in a sentence."""
    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            if data.user_failure_data and data.user_failure_data.description:
                return data.user_failure_data.description
            return data.error.message.strip() if data.error else "the step failed"
    return "the run failed"


class Runner:
    def __init__(self, files: dict[str, FileState]):
        self.files = files
        self.instance = dg.DagsterInstance.get()
        self.ok = True
        self.totals = {"documents": 0, "facts": 0, "errors": 0, "seconds": 0.0, "gone": 0}

    def run(self, held: WarehouseFiles, full: bool) -> bool:
        """Bring the warehouse up to date with the folder, from what it holds (`held`); every file with `full`."""
        instance, files = self.instance, self.files
        for line in recover_dead_runs(instance, POOL):
            print(f"After a crash: {line}.")
        planned = plan(files, held, partition_state(instance, REFRESHED_KEYS), extractor_fingerprint(), full)
        apply_partition_changes(instance, planned)
        ordered = [k for k in instance.get_dynamic_partitions(document_files.name) if k in files]
        ranges = contiguous_ranges(ordered, planned.read)
        print(f"{len(files)} files: {len(planned.read)} to read ({len(planned.add_partitions)} new partitions), "
              f"{len(planned.gone)} removed, in {len(ranges)} run(s).")

        unwritten = []
        for first, last in ranges:
            keys = ordered[ordered.index(first):ordered.index(last) + 1]
            result = execute(
                instance, "load_documents",
                tags={"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last},
                # The views step publishes once at the end, rather than once per run here.
                run_config={**LOGGING, "ops": {"document_tables": {"ops": {"write_documents": NO_PUBLISH}}},
                            # The read step hands its documents to the write step in this process.
                            "resources": {"io_manager": {"config": {"in_memory": True}}}},
            )
            unwritten += self.report(result, keys)
        stop_reading_processes()  # their memory back before validation
        if unwritten and not self.record_unwritten(unwritten):
            return False
        if planned.refresh_due:
            # The table checks run here, once, after every partition's write (pipelines/checks.py).
            result = execute(instance, "refresh_warehouse", run_config={**LOGGING, "ops": {
                "removed_documents": NO_PUBLISH, "validation_findings": NO_PUBLISH}},
                assets=[removed_documents.key, *REFRESHED_KEYS], checks=CHECK_KEYS)
            if not result.success:
                print(f"Validation and the views failed: {failure_reason(result)}")
                self.ok = False
        pruned = prune_runs(instance, defs.resolve_asset_graph())
        if pruned:
            print(f"Run retention: {pruned} old runs deleted (the {keep_runs()} most recent are kept, "
                  "and every run holding the latest state of an asset or check; PIPELINE_KEEP_RUNS).")
        return self.ok

    def report(self, result: dg.ExecuteInProcessResult, keys: list[str]) -> list[tuple[FileState, str]]:
        """Count the documents of a load run (the read step printed a line for each as it finished);
        return the files whose rows were not written."""
        written = {}
        for event in result.get_asset_materialization_events():
            if event.asset_key == DOCUMENTS:
                written[event.partition] = event.step_materialization_data.materialization.metadata
        for key in keys:
            metadata = written.get(key)
            if metadata is None:
                continue
            if "gone" in metadata:  # deleted while the run read the others: not a document read
                self.totals["gone"] += 1
                continue
            self.totals["documents"] += 1
            self.totals["facts"] += metadata["facts"].value
            self.totals["errors"] += "error" in metadata
            self.totals["seconds"] += metadata["read_seconds"].value
        if result.success:
            return []
        self.ok = False
        reason = failure_reason(result)
        missing = [self.files[k] for k in keys if k not in written and k in self.files]
        for f in missing:
            print(f"  {f.source_path}: not written ({reason}); it keeps its earlier rows")
        return [(f, reason) for f in missing if f.sha256]

    def record_unwritten(self, unwritten: list[tuple[FileState, str]]) -> bool:
        """An error row (stage `write`) for each file whose rows could not be written; its earlier rows
        stay. False when the warehouse is still held by another process."""
        from pipelines.resources import WarehouseResource
        from warehouse.load import WRITE_STAGE, record_error
        from warehouse.schema import create_tables

        try:  # the steps' own connection: the same wait for the writer lock, the same message past it
            with WarehouseResource().get_connection() as con:
                create_tables(con)
                for f, reason in unwritten:
                    record_error(con, f.source_path, f"its rows could not be written: {reason}", WRITE_STAGE,
                                 f.sha256, document_id_of(f.sha256))
        except dg.Failure as failure:
            print(f"{failure.description} The files above keep their earlier rows, without an error row; "
                  "run `make run` again when it is free.")
            return False
        return True

    def failed_blocking_checks(self) -> list[str]:
        """The checks of severity ERROR whose latest evaluation failed, each with what it counted."""
        failed = []
        for key in CHECK_KEYS:
            record = self.instance.get_latest_asset_check_evaluation_record(key)
            evaluation = record.event.dagster_event.event_specific_data if record and record.event else None
            if evaluation and not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR:
                count = evaluation.metadata.get("count")
                failed.append(f"{key.asset_key.to_user_string()} {key.name}"
                              + (f" ({count.value} rows)" if count is not None else ""))
        return failed

    def summary(self) -> str:
        t = self.totals
        gone = f" ({t['gone']} files gone before they were read)" if t["gone"] else ""
        return (f"{t['documents']} documents read{gone}: {t['facts']} facts, {t['errors']} with errors, "
                f"{t['seconds']:.1f} s of reading and extraction.")
