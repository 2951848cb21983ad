"""The documents folder against the warehouse: which files are new, changed or gone.

Plain Python (no Dagster import), shared by the sensor, the schedule and
`python -m pipelines.run`, so that all three agree on what "changed" means.

One partition per file. Its key is the file's `source_path` (the path the
warehouse records, relative to the project root or to the documents folder),
so a changed file re-runs the partition it already had; the rows are still
identified by `document_id` (the hash of the bytes), as the contract says.

A file is up to date when the warehouse holds its bytes for its path: a
`documents` row or a `document_errors` row with the same `source_path` and
`sha256`. A file with the same bytes as another present file that is loaded
is a duplicate of it (one document, one row) and is up to date too.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import duckdb

from warehouse.paths import source_base

# Dagster refuses these in partition keys; they are escaped as %XX (and "%" itself as %25).
_ESCAPED = {"%": "%25", **{c: f"%{ord(c):02X}" for c in "\a\b\f\n\r\t\v\0"}}


def partition_key(source_path: str) -> str:
    """The partition key of a file: its source_path, with what Dagster forbids escaped.

    >>> partition_key("raw_documents/a.txt")
    'raw_documents/a.txt'
    >>> partition_key("rapport...v2 100%.txt")
    'rapport%2E%2E%2Ev2 100%25.txt'
    >>> source_path_of(partition_key("rapport...v2 100%.txt"))
    'rapport...v2 100%.txt'
    """
    key = "".join(_ESCAPED.get(c, c) for c in source_path)
    return key.replace("...", "%2E%2E%2E")


def source_path_of(key: str) -> str:
    """The source_path a partition key stands for (the inverse of partition_key)."""
    return unquote(key)


def document_id_of(sha256: str) -> str:
    """The document_id the warehouse gives these bytes (extractors.model.LoadedDocument.document_id)."""
    return "doc_" + sha256[:16]


def file_sha256(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class FileState:
    key: str
    source_path: str
    path: Path
    sha256: str | None
    mtime_ns: int
    size: int

    def cursor_entry(self) -> list:
        return [self.sha256, self.mtime_ns, self.size]


def scan(root: Path, known: dict[str, list] | None = None) -> dict[str, FileState]:
    """Every document file under root, by partition key, with its hash.

    `known` (a cursor: key -> [sha256, mtime_ns, size]) saves re-hashing a file
    whose modification time and size have not changed.
    """
    from extractors.read.loading import discover_documents

    base = source_base(root)
    known = known or {}
    files = {}
    for path in discover_documents(root):
        try:
            stat = path.stat()
        except OSError:
            continue  # removed while we looked
        source_path = path.resolve().relative_to(base).as_posix()
        key = partition_key(source_path)
        previous = known.get(key)
        if previous and previous[0] and previous[1:] == [stat.st_mtime_ns, stat.st_size]:
            sha = previous[0]
        else:
            sha = file_sha256(path)
        files[key] = FileState(key, source_path, path, sha, stat.st_mtime_ns, stat.st_size)
    return files


@dataclass
class WarehouseFiles:
    """What a warehouse file holds, by source_path: the bytes loaded (documents) or refused (errors)."""

    loaded: dict[str, str] = field(default_factory=dict)  # source_path -> sha256 of a documents row
    failed: dict[str, str] = field(default_factory=dict)  # source_path -> sha256 of a document_errors row
    read_by: dict[str, str] = field(default_factory=dict)  # source_path -> extractor_version of its row
    exists: bool = False

    def holds(self, source_path: str) -> str | None:
        return self.loaded.get(source_path) or self.failed.get(source_path)


def read_warehouse_files(path: Path, wait_seconds: float = 30.0) -> WarehouseFiles:
    """(source_path, sha256) of every document and error row of a DuckDB file, read-only.

    A missing file, or one without the tables yet, holds nothing. While a
    writer holds the file (DuckDB allows one process), wait up to `wait_seconds`.
    """
    state = WarehouseFiles()
    if not Path(path).exists():
        return state
    # (warehouse.load.connect_when_free does this too, but importing it costs pandas: ~0.4 s of a
    # no-change run.)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(path), read_only=True)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise
            time.sleep(0.2)
    try:
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        state.exists = True
        if "documents" in tables:
            rows = con.execute("SELECT source_path, sha256, extractor_version FROM documents").fetchall()
            state.loaded = {p: s for p, s, _ in rows}
            state.read_by = {p: v for p, _, v in rows}
        if "document_errors" in tables:
            state.failed = {p: s for p, s in con.execute(
                "SELECT source_path, sha256 FROM document_errors").fetchall() if s}
    finally:
        con.close()
    return state


def stale_keys(files: dict[str, FileState], held: WarehouseFiles, extractor_version: str | None = None) -> list[str]:
    """Partition keys of files the warehouse does not hold as they are now (new or changed),
    or holds as read by other extractors than `extractor_version` (when given)."""
    present_paths = {f.source_path for f in files.values()}
    loaded_here = {sha for path, sha in held.loaded.items() if path in present_paths}

    def outdated(f: FileState) -> bool:
        version = held.read_by.get(f.source_path)
        return bool(extractor_version and version and not version.endswith("+" + extractor_version))

    return sorted(
        key for key, f in files.items()
        if (held.holds(f.source_path) != f.sha256 and f.sha256 not in loaded_here) or outdated(f)
    )


def gone_source_paths(files: dict[str, FileState], held: WarehouseFiles) -> list[str]:
    """source_paths with rows in the warehouse whose file has left the folder.

    A document whose bytes are still present under another name stays (it is
    the same document); warehouse.load.remove_missing_documents keeps it too.
    """
    present_paths = {f.source_path for f in files.values()}
    present_shas = {f.sha256 for f in files.values()}
    gone = {p for p, sha in held.loaded.items() if p not in present_paths and sha not in present_shas}
    gone |= {p for p in held.failed if p not in present_paths}
    return sorted(gone)


def contiguous_ranges(ordered_keys: list[str], selected) -> list[tuple[str, str]]:
    """The selected keys as (first, last) runs of consecutive keys in `ordered_keys`.

    >>> contiguous_ranges(["a", "b", "c", "d", "e"], {"a", "b", "d"})
    [('a', 'b'), ('d', 'd')]
    """
    selected = set(selected)
    ranges, start, previous = [], None, None
    for key in ordered_keys:
        if key in selected:
            start = start or key
            previous = key
        elif start is not None:
            ranges.append((start, previous))
            start = None
    if start is not None:
        ranges.append((start, previous))
    return ranges
