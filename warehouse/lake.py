"""The warehouse's other form: a DuckLake (a catalog database + Parquet data files) that many
processes, on many machines, write at once while analysts query it.

One setting chooses it (unset, the warehouse is the embedded DuckDB file as always):

    WAREHOUSE_LAKE=warehouse/lake.ducklake            a DuckDB file as catalog (one machine)
    WAREHOUSE_LAKE=postgres:dbname=lake host=db ...   a PostgreSQL database as catalog (many machines)
    WAREHOUSE_DATA=/srv/lake-data/  or  s3://bucket/lake/
                                   where the Parquet files go; by default, next to a file catalog
                                   (`<catalog>.files/`); required with a PostgreSQL catalog

A connection to the lake is a DuckDB connection with the lake attached as `lake` and in use:
the same SQL (warehouse.schema, warehouse.load, warehouse.views, validation) runs on it unchanged.
What changes is what DuckLake gives: snapshot isolation between writers in other processes,
whose commits conflict only when they change the same rows or the same table's definition.
`retry_on_conflict` runs such a write again from the start, on a fresh snapshot.

Readers never open the lake: `publish_snapshot` exports one consistent snapshot of it (tables,
views, comments) to the published DuckDB file that the explorer, `warehouse.summary` and the
scorer's `--db` open, as they open the embedded warehouse's published copy.

The extensions come from PyPI wheels (`duckdb-ext-ducklake`, `duckdb-ext-postgres`, built for
DuckDB 1.4.4): DuckDB reads them from the wheels' folder (`extension_directory`), and never
downloads one.
"""
from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb

from warehouse.connection import connect as connect_file
from warehouse.paths import project_path

LAKE_NAME = "lake"
POSTGRES_PREFIX = "postgres:"
# The writers' own retries (ours, around a whole transaction) after DuckLake's (around its commit).
CONFLICT_RETRIES = 20
T = TypeVar("T")


@dataclass(frozen=True)
class LakeSettings:
    """Where the lake's catalog and data files are; `from_environment()` is None without a lake."""

    catalog: str  # a DuckDB file path, or 'postgres:<libpq connection string>'
    data: str  # a folder or an object-storage URL (s3://, gs://, az://)

    @property
    def on_postgres(self) -> bool:
        return self.catalog.startswith(POSTGRES_PREFIX)

    @classmethod
    def from_environment(cls) -> "LakeSettings | None":
        catalog = (os.environ.get("WAREHOUSE_LAKE") or "").strip()
        if not catalog:
            return None
        data = (os.environ.get("WAREHOUSE_DATA") or "").strip()
        if not catalog.startswith(POSTGRES_PREFIX):
            catalog = str(project_path(catalog))
            data = data or catalog + ".files"
        elif not data:
            raise ValueError("WAREHOUSE_DATA is required with a PostgreSQL catalog (WAREHOUSE_LAKE=postgres:...): "
                             "the folder or object-storage URL every writer can reach")
        if "://" not in data:
            data = str(project_path(data))
        return cls(catalog=catalog, data=data.rstrip("/") + "/")


def lake_settings() -> LakeSettings | None:
    """The lake named by $WAREHOUSE_LAKE and $WAREHOUSE_DATA, or None: the embedded warehouse."""
    return LakeSettings.from_environment()


def extension_directory() -> str:
    """The folder the duckdb-ext-* wheels install their extensions in (`<dir>/v1.4.4/<platform>/`)."""
    import duckdb_ext  # a namespace package the extension wheels share

    return str(Path(next(iter(duckdb_ext.__path__))) / "extensions")


def connect(settings: LakeSettings) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection (in memory) with the lake attached as `lake` and in use; the lake's
    catalog and data folder are created on first use."""
    con = duckdb.connect(config={"extension_directory": extension_directory(),
                                 "autoinstall_known_extensions": False})
    try:
        con.execute("LOAD ducklake")
        if settings.on_postgres:
            con.execute("LOAD postgres")
        else:
            Path(settings.catalog).parent.mkdir(parents=True, exist_ok=True)
        if "://" not in settings.data:
            Path(settings.data).mkdir(parents=True, exist_ok=True)
        # Inlining: a small transaction's rows go into the catalog rather than into a Parquet file per
        # table (ten one-document replacements measured 9 s instead of 15 s); CHECKPOINT moves them to Parquet.
        con.execute(f"ATTACH {_quote('ducklake:' + settings.catalog)} AS {LAKE_NAME} "
                    f"(DATA_PATH {_quote(settings.data)}, DATA_INLINING_ROW_LIMIT 1000)")
        con.execute(f"USE {LAKE_NAME}")
    except BaseException:
        con.close()
        raise
    return con


def open_lake(settings: LakeSettings) -> duckdb.DuckDBPyConnection:
    """`connect`, with every table in place (created by whichever writer comes first); what
    warehouse.connection.connect() gives when there is a lake."""
    from warehouse.schema import create_tables

    con = connect(settings)
    try:
        retry_on_conflict(create_tables, con)
    except BaseException:
        con.close()
        raise
    return con


@contextmanager
def connection(settings: LakeSettings) -> Iterator[duckdb.DuckDBPyConnection]:
    """`open_lake`, closed after."""
    con = open_lake(settings)
    try:
        yield con
    finally:
        con.close()


def is_conflict(exc: BaseException) -> bool:
    """Whether a commit failed because another writer changed the same thing first (DuckLake's
    snapshot isolation), as opposed to anything that would fail again."""
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and ("conflict" in text or "concurrent" in text)


def retry_on_conflict(write: Callable[..., T], con: duckdb.DuckDBPyConnection, *args, **kwargs) -> T:
    """`write(con, ...)` (one transaction), run again from the start when its commit conflicts with
    another writer's, after a short random wait that grows; any other error goes up at once."""
    for attempt in range(CONFLICT_RETRIES + 1):
        try:
            return write(con, *args, **kwargs)
        except duckdb.Error as exc:
            if not is_conflict(exc) or attempt == CONFLICT_RETRIES:
                raise
            _rollback_if_open(con)
            time.sleep(random.uniform(0.05, 0.1) * 1.5 ** min(attempt, 8))
    raise AssertionError("unreachable")


def _rollback_if_open(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass  # (no transaction open: the failed COMMIT ended it)


def publish_snapshot(con: duckdb.DuckDBPyConnection, target: str | os.PathLike) -> Path:
    """Export the lake's current snapshot (every table and view, with the data dictionary's
    comments) to a DuckDB file at `target`, atomically, read-only: what readers open.

    One transaction reads the lake, so the copy is one snapshot even while writers commit. The
    file is written beside `target` and renamed over it, as warehouse.load.publish does.
    """
    from warehouse.dictionary import apply_comments

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.stem + ".", suffix=target.suffix + ".tmp", dir=target.parent)
    os.close(fd)
    os.unlink(tmp)  # DuckDB creates the file
    snapshot = "published_snapshot"
    try:
        con.execute(f"ATTACH {_quote(tmp)} AS {snapshot}")
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(f"COPY FROM DATABASE {LAKE_NAME} TO {snapshot}")
            con.execute("COMMIT")
        finally:
            con.execute(f"DETACH {snapshot}")
        with connect_file(tmp) as copy:  # alone, so that it sees its own tables only
            apply_comments(copy)
        os.chmod(tmp, 0o444)  # read-only: SQL users open it with `duckdb -readonly`
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        Path(tmp + ".wal").unlink(missing_ok=True)
        raise
    return target


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
