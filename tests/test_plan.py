"""pipelines.plan on plain data: which files to read, what is gone, the partition changes, and
whether validation and the views are behind."""
from __future__ import annotations

from pathlib import Path

from pipelines.folder import FileState, WarehouseFiles
from pipelines.plan import PartitionState, cross_document_behind, held_by_cursor, plan

VERSION = "abc"


def file(name: str, sha: str | None, problem: str | None = None, folder: bool = False) -> FileState:
    return FileState(key=name, source_path=name, path=Path(name), sha256=sha, mtime_ns=0, size=1,
                     problem=problem, unreadable_folder=folder)


def folder_of(*states: FileState) -> dict[str, FileState]:
    return {f.key: f for f in states}


def held(**loaded: str) -> WarehouseFiles:
    """A warehouse holding these files (name with '.' written '_'), read by today's extractors."""
    paths = {name.replace("_", "."): sha for name, sha in loaded.items()}
    return WarehouseFiles(loaded=paths, read_by={p: f"etl 1.0+{VERSION}" for p in paths}, exists=True)


def state(registered, materialized=None, documents_at=10.0, **cross_at) -> PartitionState:
    return PartitionState(registered=list(registered), materialized=materialized, documents_at=documents_at,
                          cross_document_at=cross_at or {"validation_findings": 20.0, "warehouse_views": 20.0})


def test_a_new_file_is_read_and_gets_a_partition():
    files = folder_of(file("a.txt", "s1"), file("b.txt", "s2"))
    planned = plan(files, held(a_txt="s1"), state(["a.txt"], {"a.txt"}), VERSION)
    assert planned.read == ["b.txt"]
    assert planned.add_partitions == ["b.txt"] and planned.delete_partitions == []
    assert planned.gone == [] and planned.refresh_due


def test_a_changed_file_is_read_and_keeps_its_partition():
    files = folder_of(file("a.txt", "s1-new"))
    planned = plan(files, held(a_txt="s1"), state(["a.txt"], {"a.txt"}), VERSION)
    assert planned.read == ["a.txt"] and planned.add_partitions == [] and planned.delete_partitions == []


def test_nothing_changed_plans_nothing():
    files = folder_of(file("a.txt", "s1"), file("b.txt", "s2"))
    planned = plan(files, held(a_txt="s1", b_txt="s2"), state(["a.txt", "b.txt"], {"a.txt", "b.txt"}), VERSION)
    assert (planned.read, planned.gone, planned.add_partitions, planned.delete_partitions) == ([], [], [], [])
    assert not planned.removals_due and not planned.refresh_due


def test_a_partition_never_materialized_is_read_though_the_warehouse_holds_its_file():
    files = folder_of(file("a.txt", "s1"), file("copy.txt", "s1"))  # a copy: one document, two files
    planned = plan(files, held(a_txt="s1"), state(["a.txt", "copy.txt"], {"a.txt"}), VERSION)
    assert planned.read == ["copy.txt"]
    # Without the instance's record, the copy is a document the warehouse holds already.
    assert plan(files, held(a_txt="s1"), extractor_version=VERSION).read == []


def test_a_file_that_left_is_gone_and_loses_its_partition():
    files = folder_of(file("a.txt", "s1"))
    planned = plan(files, held(a_txt="s1", b_txt="s2"), state(["a.txt", "b.txt"], {"a.txt", "b.txt"}), VERSION)
    assert planned.gone == ["b.txt"] and planned.delete_partitions == ["b.txt"]
    assert planned.read == [] and planned.removals_due and planned.refresh_due


def test_a_renamed_file_is_not_gone_but_its_old_partition_is():
    files = folder_of(file("new-name.txt", "s1"))
    planned = plan(files, WarehouseFiles(loaded={"old-name.txt": "s1"}), state(["old-name.txt"], {"old-name.txt"}))
    assert planned.gone == []  # the document's bytes are still in the folder
    assert planned.read == ["new-name.txt"] and planned.delete_partitions == ["old-name.txt"]


def test_what_lies_in_an_unreadable_folder_is_hidden_not_deleted():
    files = folder_of(file("locked", None, problem="the folder cannot be read", folder=True), file("a.txt", "s1"))
    warehouse = WarehouseFiles(loaded={"a.txt": "s1", "locked/b.txt": "s2"}, failed={"locked": None})
    planned = plan(files, warehouse, state(["a.txt", "locked/b.txt", "locked"], {"a.txt", "locked/b.txt", "locked"}))
    assert planned.gone == [] and planned.delete_partitions == []
    assert planned.read == [] and not planned.removals_due
    # Once the folder is gone for good, what was in it is gone too.
    planned = plan(folder_of(file("a.txt", "s1")), warehouse, state(["a.txt", "locked/b.txt", "locked"]))
    assert planned.gone == ["locked", "locked/b.txt"] and planned.delete_partitions == ["locked/b.txt", "locked"]


def test_an_unreadable_entry_is_read_once_for_its_error_row():
    files = folder_of(file("link.txt", None, problem="a dangling link"))
    assert plan(files, WarehouseFiles(), extractor_version=VERSION).read == ["link.txt"]
    assert plan(files, WarehouseFiles(failed={"link.txt": None}), extractor_version=VERSION).read == []


def test_files_read_by_other_extractors_are_read_again():
    files = folder_of(file("a.txt", "s1"), file("b.txt", "s2"))
    warehouse = WarehouseFiles(loaded={"a.txt": "s1", "b.txt": "s2"},
                               read_by={"a.txt": f"etl 1.0+{VERSION}", "b.txt": "etl 1.0+older"})
    assert plan(files, warehouse, extractor_version=VERSION).read == ["b.txt"]
    assert plan(files, warehouse, extractor_version="newer").read == ["a.txt", "b.txt"]
    assert plan(files, warehouse, extractor_version=VERSION, full=True).read == ["a.txt", "b.txt"]


def test_full_reads_every_file_and_refreshes_even_an_empty_folder():
    assert plan({}, WarehouseFiles(), full=True).refresh_due
    assert not plan({}, WarehouseFiles()).refresh_due


def test_cross_document_assets_behind_the_documents_or_never_built():
    assert not cross_document_behind(state([], documents_at=10.0, validation_findings=20.0, warehouse_views=15.0))
    assert cross_document_behind(state([], documents_at=18.0, validation_findings=20.0, warehouse_views=15.0))
    assert cross_document_behind(state([], documents_at=10.0, validation_findings=20.0, warehouse_views=0.0))
    files = folder_of(file("a.txt", "s1"))
    behind = plan(files, held(a_txt="s1"), state(["a.txt"], {"a.txt"}, documents_at=30.0), VERSION)
    assert behind.read == [] and behind.cross_document_behind and behind.refresh_due
    # Without the instance, nothing is judged behind.
    assert not plan(files, held(a_txt="s1"), extractor_version=VERSION).cross_document_behind


def test_the_sensor_cursor_stands_for_the_warehouse():
    cursor = {"a.txt": ["s1", 5, 1], "link.txt": [None, 5, 1]}
    warehouse = held_by_cursor(cursor)
    assert warehouse.loaded == {"a.txt": "s1"} and warehouse.failed == {"link.txt": None}
    files = folder_of(file("a.txt", "s1"), file("link.txt", None, problem="a dangling link"), file("b.txt", "s1"))
    planned = plan(files, warehouse, PartitionState(registered=["a.txt", "link.txt"], materialized=set(cursor)))
    assert planned.read == ["b.txt"]  # a copy the cursor has not seen: one run for its partition
    assert planned.add_partitions == ["b.txt"] and not planned.removals_due
