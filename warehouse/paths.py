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
    """The read-only copy for SQL users, next to the warehouse.

    >>> published_path(Path("/data/w.duckdb"))
    PosixPath('/data/published.duckdb')
    """
    return warehouse.with_name("published.duckdb")


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
