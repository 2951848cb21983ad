"""Opening the warehouse: `connect()`, the one way every module opens a DuckDB database of the project
(the pipelines through their Dagster resource, pipelines/resources.py, which calls it too).

    connect()                          the working warehouse: the lake when WAREHOUSE_LAKE names one
                                       (warehouse/lake.py, its tables in place), else the WAREHOUSE_PATH file
    connect(path)                      that file, read-write (its folder created)
    connect(path, read_only=True)      that file, read-only (the published copy, a reader's session)

DuckDB lets one process hold a file (a writer excludes every other process, readers included).
Opening a file that another process holds waits for it, up to `wait_seconds` (default:
$WAREHOUSE_LOCK_WAIT_SECONDS, else 60), then raises DuckDB's lock error (`is_lock_error`).

Only duckdb is imported here, not pandas: `make run` opens the warehouse before anything else
(pipelines.folder.read_warehouse_files) and a no-change run stays fast.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb

DEFAULT_LOCK_WAIT_SECONDS = 60.0


def lock_wait_seconds() -> float:
    """How long opening the warehouse waits for another process to let go of it:
    $WAREHOUSE_LOCK_WAIT_SECONDS, else 60."""
    return float(os.environ.get("WAREHOUSE_LOCK_WAIT_SECONDS") or DEFAULT_LOCK_WAIT_SECONDS)


def is_lock_error(exc: BaseException) -> bool:
    """Whether DuckDB refused the file because another process holds it."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


class UnreadableWarehouse(Exception):
    """A DuckDB file that exists but cannot be opened for another reason than a lock: written by another
    DuckDB storage version (the project pins 1.4.4 LTS), damaged, or not a DuckDB database at all."""

    def __init__(self, path: str | os.PathLike, exc: BaseException):
        reason = str(exc).strip().splitlines()[0]
        super().__init__(
            f"{path} cannot be opened by this project's DuckDB {duckdb.__version__}: {reason} Everything in a "
            "warehouse comes from its documents folder: move the file aside (with its published copy) and "
            "`make run` builds it again.")


def connect(path: str | os.PathLike | None = None, *, read_only: bool = False, wait_seconds: float | None = None,
            config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse (path None: the working one, a lake or a file) or to the DuckDB
    file at `path`, waiting up to `wait_seconds` while another process holds the file. `config` is
    DuckDB's configuration of a file's connection (a lake's is its own)."""
    if path is None:
        from warehouse import lake, paths

        settings = lake.lake_settings()
        if settings is not None:
            return lake.open_lake(settings)
        path = paths.warehouse_path()
    if not read_only:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (lock_wait_seconds() if wait_seconds is None else wait_seconds)
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config or {})
        except duckdb.IOException as exc:
            if not is_lock_error(exc):
                if Path(path).is_file():
                    raise UnreadableWarehouse(path, exc) from exc
                raise
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)
