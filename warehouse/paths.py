"""Where the project's files live: the documents folder and the warehouse.

Both can be moved with an environment variable. A relative value is read from
the project root (the top of the repository), never from the current
directory, so `make run`, `dagster dev` and pytest all agree on one warehouse.
"""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]

DEFAULT_WAREHOUSE_PATH = "warehouse/warehouse.duckdb"
DEFAULT_RAW_DOCUMENTS_DIR = "raw_documents"


def project_path(value: str | os.PathLike) -> Path:
    """An absolute path; a relative one is taken from the project root.

    >>> project_path("/tmp/w.duckdb")
    PosixPath('/tmp/w.duckdb')
    >>> project_path("raw_documents") == PROJECT_ROOT / "raw_documents"
    True
    """
    path = Path(value).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def warehouse_path() -> Path:
    """The DuckDB warehouse: $WAREHOUSE_PATH, else warehouse/warehouse.duckdb."""
    return project_path(os.environ.get("WAREHOUSE_PATH") or DEFAULT_WAREHOUSE_PATH)


def published_path(warehouse: Path) -> Path:
    """The read-only copy for SQL users, next to the warehouse and named after it, so that two
    warehouses in one folder never share one.

    >>> published_path(Path("/data/a.duckdb"))
    PosixPath('/data/a.published.duckdb')
    """
    return warehouse.with_name(f"{warehouse.stem}.published.duckdb")


def explorer_dir(warehouse: Path) -> Path:
    """The fact explorer's site, next to the warehouse and named after it.

    >>> explorer_dir(Path("/data/a.duckdb"))
    PosixPath('/data/a.explorer')
    """
    return warehouse.with_name(f"{warehouse.stem}.explorer")


def export_dir(warehouse: Path) -> Path:
    """Where `make export` writes its files by default, next to the warehouse and named after it.

    >>> export_dir(Path("/data/a.duckdb"))
    PosixPath('/data/a.export')
    """
    return warehouse.with_name(f"{warehouse.stem}.export")


def dagster_home(warehouse: Path) -> Path:
    """The Dagster instance of a warehouse when $DAGSTER_HOME is not set: its runs, partitions and
    checks are its own. The default warehouse keeps `.dagster_home/` in the project (where an existing
    instance is); any other gets `<name>.dagster/` beside it.

    >>> dagster_home(Path("/data/a.duckdb"))
    PosixPath('/data/a.dagster')
    >>> dagster_home(project_path(DEFAULT_WAREHOUSE_PATH)) == PROJECT_ROOT / ".dagster_home"
    True
    """
    if Path(warehouse) == project_path(DEFAULT_WAREHOUSE_PATH):
        return PROJECT_ROOT / ".dagster_home"
    return warehouse.with_name(f"{warehouse.stem}.dagster")


def raw_documents_dir() -> Path:
    """The documents folder: $RAW_DOCUMENTS_DIR, else raw_documents/."""
    return project_path(os.environ.get("RAW_DOCUMENTS_DIR") or DEFAULT_RAW_DOCUMENTS_DIR)


def source_base(documents_dir: Path) -> Path:
    """What `documents.source_path` is relative to: the project root for a folder inside
    the project (the contract's "relative to the project root"), else the folder itself.

    >>> source_base(PROJECT_ROOT / "raw_documents") == PROJECT_ROOT
    True
    >>> source_base(Path("/srv/corpus"))
    PosixPath('/srv/corpus')
    """
    documents_dir = Path(documents_dir).resolve()
    return PROJECT_ROOT if documents_dir.is_relative_to(PROJECT_ROOT) else documents_dir
