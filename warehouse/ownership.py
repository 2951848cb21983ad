"""Whose published copy is this: each copy names the working warehouse it was made from, so that a
warehouse never replaces another's copy (its readers would get the wrong documents).

Light on imports (DuckDB only): `make run` checks it before anything else.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.connection import UnreadableWarehouse, connect

PUBLISHED_FROM = "published_from"  # the published copy's one-row table: the warehouse it copies
PUBLISHED_FROM_COMMENTS = {
    PUBLISHED_FROM: "In the published copy only: the working warehouse it copies, and when",
    f"{PUBLISHED_FROM}.warehouse": "Absolute path of the working warehouse this copy was published from",
    f"{PUBLISHED_FROM}.published_at": "When the copy was made",
}


class ForeignCopy(Exception):
    """The published copy's path holds the copy of another warehouse."""


def published_from(published: Path) -> str | None:
    """The warehouse a published copy was made from (None for a copy that does not say, or no copy)."""
    if not Path(published).exists():
        return None
    try:
        with connect(published, read_only=True, wait_seconds=0) as con:
            row = con.execute(f"SELECT warehouse FROM {PUBLISHED_FROM}").fetchone()
    except (duckdb.Error, UnreadableWarehouse):
        return None  # a copy nothing can read says nobody's name: publishing replaces it
    return row[0] if row else None


def refuse_foreign_copy(warehouse: Path, published: Path) -> None:
    """Raise ForeignCopy when `published` is another warehouse's copy: publishing would hand its readers
    this warehouse's documents instead of theirs."""
    owner = published_from(published)
    if owner is not None and owner != str(Path(warehouse).resolve()):
        raise ForeignCopy(f"{published} is the published copy of another warehouse ({owner}); not replaced. "
                          f"Set WAREHOUSE_PATH to that warehouse, or move the copy away.")
