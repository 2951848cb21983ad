"""What to do about the documents folder: the one planning function of `make run`, the file sensor
and the daily schedule.

Pure: `plan` is given the folder's files (pipelines.folder.scan), what the warehouse holds
(pipelines.folder.WarehouseFiles: source paths, sha256, extractor versions, recorded problems) and,
when Dagster is involved, what the instance knows (`PartitionState`: the partitions registered, those
materialized, when the assets were last materialized). It reads nothing else and changes nothing;
the callers gather these and carry the plan out:

    make run (pipelines.runner)   applies the partition changes, runs `read` in ranges, then
                                  refreshes the cross-document assets when `refresh_due`
    raw_documents_sensor          turns `read` into one run per file version and `removals_due`
                                  into a removal run; its cursor stands for the warehouse
    daily_refresh                 one run per key of `read`, then the cross-document assets

No Dagster import: what the instance knows comes in as plain data.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pipelines.folder import (
    FileState,
    WarehouseFiles,
    gone_source_paths,
    is_present,
    source_path_of,
    stale_keys,
    unreadable_folders,
)


@dataclass(frozen=True)
class PartitionState:
    """What the Dagster instance knows about the documents' partitions and the assets built on them."""

    registered: list[str] = field(default_factory=list)  # the dynamic partition keys, in their order
    # Keys of the document partitions materialized at least once (the sensor: those its cursor has
    # asked runs for); a file whose key is not among them is read. None: not judged.
    materialized: set[str] | None = None
    documents_at: float = 0.0  # when the per-document assets were last materialized (0: never)
    # When each cross-document asset (validation, views, ...) was last materialized (0: never).
    cross_document_at: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    read: list[str]  # partition keys of the files to read, in key order
    gone: list[str]  # source paths whose rows stay in the warehouse although their file left
    add_partitions: list[str]  # keys of files that have no partition yet
    delete_partitions: list[str]  # partitions whose file has left (not merely hidden in an unreadable folder)
    cross_document_behind: bool  # validation and the views are older than the documents' rows, or missing
    full: bool = False  # every file is read again (`make run --full`)

    @property
    def removals_due(self) -> bool:
        """Whether `removed_documents` has something to remove: rows or partitions of files that left."""
        return bool(self.gone or self.delete_partitions)

    @property
    def refresh_due(self) -> bool:
        """Whether the cross-document assets must run after the reads: anything changed, or they are behind."""
        return bool(self.read or self.removals_due or self.full or self.cross_document_behind)


def partition_changes(files: Mapping[str, FileState], registered: Iterable[str]) -> tuple[list[str], list[str]]:
    """(keys to add, keys to delete): a partition for every file of the folder, none for a file that
    left; what lies in a folder that cannot be read now keeps its partition (hidden is not gone)."""
    registered = list(registered)
    hidden = unreadable_folders(files)
    known = set(registered)
    add = sorted(k for k in files if k not in known)
    delete = [k for k in registered if not is_present(source_path_of(k), files, hidden)]
    return add, delete


def cross_document_behind(state: PartitionState) -> bool:
    """Whether any cross-document asset was never materialized, or before the documents last were."""
    times = list(state.cross_document_at.values())
    return not all(times) or min(times, default=0.0) < state.documents_at


def plan(files: Mapping[str, FileState], held: WarehouseFiles, state: PartitionState | None = None,
         extractor_version: str | None = None, full: bool = False) -> Plan:
    """What to read, what is gone, the partition changes, and whether the cross-document assets are
    behind. Without `state` (before Dagster is loaded): what the folder and the warehouse say alone.

    A file is read when the warehouse does not hold its bytes at its path (new or changed), holds it
    as read by other extractors than `extractor_version`, has not recorded its problem yet, or when
    its partition was never materialized; every file with `full`.
    """
    if full:
        read = sorted(files)
    else:
        never_materialized = set() if state is None or state.materialized is None else {
            k for k in files if k not in state.materialized}
        read = sorted(set(stale_keys(files, held, extractor_version)) | never_materialized)
    add, delete = partition_changes(files, state.registered) if state is not None else ([], [])
    return Plan(read=read, gone=gone_source_paths(files, held), add_partitions=add, delete_partitions=delete,
                cross_document_behind=state is not None and cross_document_behind(state), full=full)


def held_by_cursor(cursor_files: Mapping[str, list]) -> WarehouseFiles:
    """What the sensor's cursor (key -> [sha256, mtime_ns, size]) says the warehouse holds: every file
    it has asked a run for, with its bytes; an entry without bytes as a recorded problem."""
    held = WarehouseFiles()
    for key, (sha, *_) in cursor_files.items():
        (held.loaded if sha else held.failed)[source_path_of(key)] = sha
    return held
