"""`python -m pipelines.run [--full]`: bring the warehouse up to date in one command (`make run`).

1. Scan the documents folder and compare each file's SHA-256 with what the
   warehouse holds for its path. When nothing changed since the last
   successful run, stop here: no Dagster run, (almost) no work.
2. Otherwise register one partition per file in the Dagster instance
   ($DAGSTER_HOME, `.dagster_home/` from the Makefile) and delete the
   partitions of files that are gone.
3. Run the partitions of new and changed files (all of them with --full), in
   this process: one run per stretch of consecutive partitions, so spaCy loads
   once and 200 documents are not 200 processes. Each run is a real Dagster
   run, visible in the UI with its materializations and checks.
4. Run removed_documents, validation_findings and warehouse_views (which
   publishes the read-only copy), when anything changed or they are behind.

Exit status 0 when every run succeeded, 1 when one failed, 2 without a documents folder.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from extractors.version import extractor_fingerprint
from pipelines.folder import contiguous_ranges, gone_source_paths, read_warehouse_files, scan, stale_keys
from warehouse import paths

STATE_FILE = "pipelines_run_state.json"
LOGGING = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}


def dagster_home() -> Path:
    """$DAGSTER_HOME, else .dagster_home/ in the project, with the project's dagster.yaml in it."""
    home = Path(os.environ.get("DAGSTER_HOME") or paths.PROJECT_ROOT / ".dagster_home")
    os.environ["DAGSTER_HOME"] = str(home)
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copyfile(paths.PROJECT_ROOT / "dagster.yaml", home / "dagster.yaml")
    return home


def _state(root: Path, warehouse: Path, files) -> dict:
    return {"documents": str(root), "warehouse": str(warehouse),
            "files": {key: f.sha256 for key, f in sorted(files.items())}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="re-read every document, changed or not")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    home = dagster_home()
    root = paths.raw_documents_dir()
    if not root.is_dir():
        print(f"The documents folder {root} does not exist (RAW_DOCUMENTS_DIR); nothing was changed.",
              file=sys.stderr)
        return 2
    warehouse = paths.warehouse_path()
    published = paths.published_path(warehouse)
    files = scan(root)
    held = read_warehouse_files(warehouse)
    stale = set(stale_keys(files, held, extractor_fingerprint()))
    gone = gone_source_paths(files, held)
    state_path = home / STATE_FILE
    state = _state(root, warehouse, files)
    previous = json.loads(state_path.read_text()) if state_path.exists() else None
    if not (args.full or stale or gone) and previous == state and published.exists():
        print(f"Nothing changed in {len(files)} files since the last run "
              f"({time.perf_counter() - started:.2f} s).")
        return 0

    import dagster as dg

    from pipelines.assets import document_files, removed_documents
    from pipelines.automation import CROSS_DOCUMENT_KEYS
    from pipelines.definitions import defs

    instance = dg.DagsterInstance.get()
    name = document_files.name
    registered = instance.get_dynamic_partitions(name)
    for key in registered:
        if key not in files:
            instance.delete_dynamic_partition(name, key)
    new = sorted(k for k in files if k not in set(registered))
    if new:
        instance.add_dynamic_partitions(name, new)
    materialized = instance.get_materialized_partitions(dg.AssetKey("documents"))
    to_run = set(files) if args.full else stale | {k for k in files if k not in materialized}
    ordered = [k for k in instance.get_dynamic_partitions(name) if k in files]
    ranges = contiguous_ranges(ordered, to_run)
    print(f"{len(files)} files: {len(to_run)} to read ({len(new)} new partitions), "
          f"{len(gone)} removed, in {len(ranges)} run(s).")

    ok = True
    load_documents = defs.resolve_job_def("load_documents")
    for first, last in ranges:
        result = load_documents.execute_in_process(
            instance=instance, raise_on_error=False,
            tags={"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last,
                  "trigger": "make run"},
            # The views step publishes once at the end, rather than once per run here.
            run_config={**LOGGING, "ops": {"document_tables": {"ops": {"write_documents": {
                "config": {"publish": False}}}}}},
        )
        ok &= result.success

    def last_materialized(key) -> float:
        event = instance.get_latest_materialization_event(key)
        return event.timestamp if event else 0.0

    behind = min(last_materialized(k) for k in CROSS_DOCUMENT_KEYS) < last_materialized(dg.AssetKey("documents"))
    if ranges or gone or behind or args.full or not all(map(last_materialized, CROSS_DOCUMENT_KEYS)):
        result = defs.resolve_job_def("refresh_warehouse").execute_in_process(
            instance=instance, raise_on_error=False, run_config=LOGGING, tags={"trigger": "make run"},
            asset_selection=[removed_documents.key, *CROSS_DOCUMENT_KEYS],
        )
        ok &= result.success
    if ok:
        state_path.write_text(json.dumps(_state(root, warehouse, files), indent=1))
    print(f"{'Done' if ok else 'A run failed'} in {time.perf_counter() - started:.1f} s.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
