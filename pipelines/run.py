"""`python -m pipelines.run [--full]`: bring the warehouse up to date in one command (`make run`).

1. Scan the documents folder and compare each file's SHA-256 with what the
   warehouse holds for its path. When nothing changed since the last
   successful run, stop here: no Dagster run, (almost) no work.
2. Otherwise register one partition per file in the Dagster instance
   ($DAGSTER_HOME, else the warehouse's own: warehouse.paths.dagster_home) and delete the
   partitions of files that are gone.
3. Run the partitions of new and changed files (all of them with --full), in
   this process: one run per stretch of consecutive partitions, reading the
   files in a pool of processes over the cores. Each run is a real Dagster
   run, visible in the UI with its materializations and checks. A line per
   document is printed.
4. Run removed_documents, validation_findings and warehouse_views (which
   publishes the read-only copy, once), when anything changed or they are behind.

Runs that a killed `make run` left behind are marked failed first, and their
slots of the `duckdb` pool freed (pipelines.recovery).

At the end, the summary of what the warehouse holds (read from the published
copy: a process holding the working file does not stop it) and the blocking
checks (severity ERROR) that failed.

Exit status 0 when every run succeeded, 1 when one failed (a file not written,
validation failed) or, unless STRICT=0, when files could not be read or a
blocking check failed; 2 without a readable documents folder or when the
published copy's path holds another warehouse's copy, 3 after waiting too
long for the `duckdb` pool or the warehouse, 130 when interrupted.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import duckdb

from extractors.version import extractor_fingerprint
from pipelines.folder import WarehouseFiles, read_warehouse_files, scan
from pipelines.plan import plan
from warehouse import paths
from warehouse.connection import UnreadableWarehouse
from warehouse.ownership import ForeignCopy, refuse_foreign_copy

STATE_FILE = "pipelines_run_state.json"


_CHOSEN_HERE: set[str] = set()  # values of DAGSTER_HOME this process set, not its user


def dagster_home() -> Path:
    """$DAGSTER_HOME, else the warehouse's own instance (warehouse.paths.dagster_home), with the
    project's dagster.yaml in it."""
    given = os.environ.get("DAGSTER_HOME")
    if given and given not in _CHOSEN_HERE:
        home = Path(given)
    else:  # (a second run in this process, of another warehouse, chooses again)
        home = paths.dagster_home(paths.warehouse_path())
        _CHOSEN_HERE.add(str(home))
    os.environ["DAGSTER_HOME"] = str(home)
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copyfile(paths.PROJECT_ROOT / "dagster.yaml", home / "dagster.yaml")
    return home


def _state(root: Path, warehouse: Path, files) -> dict:
    return {"documents": str(root), "warehouse": str(warehouse),
            "files": {key: f.sha256 for key, f in sorted(files.items())}}


def read_held(warehouse: Path, published: Path) -> WarehouseFiles:
    """What the warehouse holds; the published copy's record when another process holds the working
    file for more than a few seconds (the copy may be behind: then more files are read, never fewer).
    A lake (WAREHOUSE_LAKE) is judged by its published snapshot, likewise."""
    from warehouse.lake import lake_settings

    if lake_settings() is not None:
        return read_warehouse_files(published, wait_seconds=0)
    try:
        return read_warehouse_files(warehouse, wait_seconds=5.0)
    except duckdb.IOException:
        if not published.exists():
            raise
        print(f"{warehouse} is held by another process: comparing with {published.name} instead.")
        return read_warehouse_files(published, wait_seconds=0)


def strict() -> bool:
    """Whether files that could not be read, or a blocking check that failed, make the exit status 1:
    yes unless STRICT=0 (`make run STRICT=0`)."""
    return os.environ.get("STRICT", "").strip() != "0"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="re-read every document, changed or not")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    home = dagster_home()
    root = paths.raw_documents_dir()
    try:
        files = scan(root)
    except OSError as exc:  # missing, or not readable: nothing can be judged gone
        print(f"The documents folder {root} cannot be read ({exc.strerror or exc}; RAW_DOCUMENTS_DIR); "
              "nothing was changed.", file=sys.stderr)
        return 2
    warehouse = paths.warehouse_path()
    published = paths.published_path(warehouse)
    try:
        refuse_foreign_copy(warehouse, published)
        held = read_held(warehouse, published)
    except (ForeignCopy, UnreadableWarehouse) as exc:
        print(f"{exc} Nothing was changed.", file=sys.stderr)
        return 2
    except duckdb.IOException as exc:
        print(f"{warehouse} is held by another process and has no published copy to compare with yet: "
              f"nothing was changed; run `make run` again when it is free. ({exc})", file=sys.stderr)
        return 3
    # Before Dagster is loaded: what the folder and the warehouse say (the runner plans again with
    # the instance's partitions).
    planned = plan(files, held, extractor_version=extractor_fingerprint(), full=args.full)
    state_path = home / STATE_FILE
    state = _state(root, warehouse, files)
    previous = json.loads(state_path.read_text()) if state_path.exists() else {}
    site = paths.explorer_dir(warehouse) / "index.html"
    if (not (planned.read or planned.gone or args.full) and {k: previous.get(k) for k in state} == state
            and published.exists() and site.exists()):
        print(f"Nothing changed in {len(files)} files since the last run "
              f"({time.perf_counter() - started:.2f} s).")
        return finish(warehouse, previous.get("failed_checks", []), ok=True)

    from pipelines.reading import POOL_FROM_FILES, start_reading_processes

    if len(planned.read) >= POOL_FROM_FILES:
        start_reading_processes()  # they load the extractors and spaCy while Dagster is imported

    from pipelines.instance_storage import EVENT_BATCH_SIZE

    # A partition range's materializations reach the storage as one batch (see instance_storage),
    # and a run plans them with one event per asset rather than one per asset and file (1,000 files:
    # 15 s less; Dagster then does not mark a failed run's partitions as failed, the error rows say it).
    os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", EVENT_BATCH_SIZE)
    os.environ.setdefault("DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS", "true")
    from pipelines.runner import Runner

    runner = Runner(files)
    # SIGTERM (a `kill`, a CI timeout) stops the run as Ctrl-C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        ok = runner.run(held, full=args.full)
    except KeyboardInterrupt:
        # Stopping now: a second signal (Dagster re-raises the one it captured inside a step, a second
        # Ctrl-C) must not turn the clean exit into a traceback or a death by signal.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print(f"Interrupted after {time.perf_counter() - started:.1f} s: each document is written in one "
              "transaction, so the warehouse holds whole documents only; `make run` picks up from there.",
              file=sys.stderr)
        return 130
    failed_checks = runner.failed_blocking_checks()
    if runner.totals["documents"] or runner.totals["gone"]:
        print(runner.summary())
    if ok:
        state_path.write_text(json.dumps({**state, "failed_checks": failed_checks}, indent=1))
    print(f"{'Done' if ok else 'Done, with failures (above)'} in {time.perf_counter() - started:.1f} s.")
    return finish(warehouse, failed_checks, ok)


def finish(warehouse: Path, failed_checks: list[str], ok: bool) -> int:
    """Print what the warehouse holds and the blocking checks that failed; return the exit status."""
    from warehouse.summary import print_summary

    unread = print_summary(warehouse)
    for check in failed_checks:
        print(f"{'failed check':>16}: {check}")
    if not ok:
        return 1
    problems = [what for what, n in (("files could not be read", unread), ("blocking checks failed", len(failed_checks)))
                if n]
    if problems and strict():
        print(f"Exit status 1: {' and '.join(problems)} (above); `make run STRICT=0` exits 0 anyway.")
        return 1
    return 0


if __name__ == "__main__":
    try:
        status = main()
    except KeyboardInterrupt:  # before the runs started: nothing was written
        status = 130
    sys.exit(status)
