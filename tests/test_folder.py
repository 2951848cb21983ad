"""Which files a run must read: new, changed, or read by other extractors than today's."""
from __future__ import annotations

from pathlib import Path

from pipelines.folder import FileState, WarehouseFiles, stale_keys


def file(name: str, sha: str) -> FileState:
    return FileState(key=name, source_path=name, path=Path(name), sha256=sha, mtime_ns=0, size=1)


def test_unchanged_files_read_by_the_same_extractors_are_not_stale():
    files = {"a.txt": file("a.txt", "s1"), "b.txt": file("b.txt", "s2")}
    held = WarehouseFiles(loaded={"a.txt": "s1", "b.txt": "s2"},
                          read_by={"a.txt": "etl 0.1.0+abc", "b.txt": "etl 0.1.0+abc"})
    assert stale_keys(files, held, "abc") == []


def test_changed_new_and_outdated_files_are_stale():
    files = {"a.txt": file("a.txt", "s1-new"), "b.txt": file("b.txt", "s2"),
             "c.txt": file("c.txt", "s3"), "d.txt": file("d.txt", "s4")}
    held = WarehouseFiles(loaded={"a.txt": "s1", "b.txt": "s2", "d.txt": "s4"},
                          read_by={"a.txt": "etl+abc", "b.txt": "etl+old", "d.txt": "etl+abc"})
    assert stale_keys(files, held, "abc") == ["a.txt", "b.txt", "c.txt"]
    # without a version to compare, only bytes count
    assert stale_keys(files, held) == ["a.txt", "c.txt"]
