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

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from warehouse.connection import connect
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


def displayed_name(name: str) -> str:
    """A name as the warehouse records it: a byte that is not UTF-8 (which Python keeps as a lone
    surrogate, and neither Dagster nor DuckDB can store) written as \\xNN.

    >>> displayed_name("caf\\udce9.txt"), displayed_name("café.txt")
    ('caf\\\\xe9.txt', 'café.txt')
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def is_utf8_name(name: str) -> bool:
    return displayed_name(name) == name


def on_disk(base: Path, source_path: str) -> Path:
    """The path a source_path stands for, finding the entry whose name displayed_name wrote as \\xNN."""
    path = base / source_path
    if "\\x" not in source_path or os.path.lexists(path):
        return path
    current = Path(base)
    for part in Path(source_path).parts:
        candidate = current / part
        if not os.path.lexists(candidate):
            try:
                candidate = current / next(n for n in os.listdir(current) if displayed_name(n) == part)
            except (OSError, StopIteration):
                pass  # gone
        current = candidate
    return current


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
    # Why this entry of the folder is not a document that can be read (a link out of the folder,
    # a loop, a dangling link, a folder that cannot be listed); it gets an error row.
    problem: str | None = None
    unreadable_folder: bool = False

    def cursor_entry(self) -> list:
        return [self.sha256, self.mtime_ns, self.size]


def entry_problem(path: Path, real_root: Path) -> str | None:
    """Why an entry of the documents folder cannot be read as a document, or None.

    Links are read only when they point at a file inside the folder (a link to a
    folder inside it is read where that folder is). A path that does not exist
    (any more) is no problem: it is gone.
    """
    try:
        info = path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:  # e.g. in a folder that cannot be read
        return f"the file cannot be reached ({exc.strerror or exc})"
    if not is_utf8_name(path.name):
        return (f"its name is not valid UTF-8 ({displayed_name(path.name)}): the warehouse records paths "
                "as text; rename it to read it; not read")
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except RuntimeError:  # Python 3.11 reports a loop so
            return "a symbolic link loop; not read"
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "a symbolic link loop; not read"
            return f"a dangling link: its target {os.readlink(path)} does not exist; not read"
        if not target.is_relative_to(real_root):
            return f"a link to {target}, outside the documents folder; not read"
        if target.is_dir() and path.parent.resolve().is_relative_to(target):
            return f"a link to {target}, a folder that holds the link itself (a loop); not followed"
        return None
    if stat.S_ISDIR(info.st_mode):
        try:
            with os.scandir(path):
                return None
        except OSError as exc:
            return f"the folder cannot be read ({exc.strerror or exc}); the documents in it keep their rows"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a pipe, socket or device); not read"
    return None


def _walk(root: Path) -> Iterator[tuple[Path, str | None, bool]]:
    """(path, problem, is_folder) for each document file of the folder and each entry that has a
    problem; hidden entries (".git", ".DS_Store") are skipped. Raises OSError if root itself
    cannot be listed (then nothing can be judged gone)."""
    real_root = root.resolve()
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                entries = list(entries)
        except FileNotFoundError:
            if folder is root:
                raise
            continue  # removed while we looked
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            problem = entry_problem(path, real_root)
            if problem:  # (a folder that cannot be listed is one entry)
                yield path, problem, entry.is_dir(follow_symlinks=False)
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif not entry.is_dir():  # a link to a folder inside: read where that folder is
                yield path, None, False


def scan(root: Path, known: dict[str, list] | None = None) -> dict[str, FileState]:
    """Every entry of the documents folder under root, by partition key: each document file with
    its hash, and each entry that cannot be read with the reason.

    `known` (a cursor: key -> [sha256, mtime_ns, size]) saves re-hashing a file
    whose modification time and size have not changed.
    """
    base = source_base(root)
    real_root = Path(root).resolve()
    known = known or {}
    files = {}
    for path, problem, is_folder in _walk(Path(root)):
        try:
            info = path.lstat() if problem else path.stat()
        except OSError:
            continue  # removed while we looked
        # A link inside the folder is the file it points at (one document, one key).
        real = real_root / path.relative_to(root) if problem else path.resolve()
        source_path = displayed_name(real.relative_to(base).as_posix())
        key = partition_key(source_path)
        previous = known.get(key)
        if problem:
            sha = None
        elif previous and previous[0] and previous[1:] == [info.st_mtime_ns, info.st_size]:
            sha = previous[0]
        else:
            sha = file_sha256(path)
        files[key] = FileState(key, source_path, path, sha, info.st_mtime_ns, info.st_size, problem, is_folder)
    return dict(sorted(files.items()))


def unreadable_folders(files: dict[str, FileState]) -> list[str]:
    """source_paths of the folders that could not be listed: what lies in them is not gone."""
    return [f.source_path for f in files.values() if f.unreadable_folder]


def is_present(source_path: str, files: dict[str, FileState], hidden_folders: list[str]) -> bool:
    """Whether a path is in the folder, or may be (it lies in a folder that cannot be read)."""
    return partition_key(source_path) in files or any(
        source_path.startswith(folder + "/") for folder in hidden_folders)


@dataclass
class WarehouseFiles:
    """What a warehouse file holds, by source_path: the bytes loaded (documents) or refused (errors)."""

    loaded: dict[str, str] = field(default_factory=dict)  # source_path -> sha256 of a documents row
    failed: dict[str, str | None] = field(default_factory=dict)  # source_path -> sha256 of a document_errors row
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
    con = connect(path, read_only=True, wait_seconds=wait_seconds)
    try:
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        state.exists = True
        if "documents" in tables:
            rows = con.execute("SELECT source_path, sha256, extractor_version FROM documents").fetchall()
            state.loaded = {p: s for p, s, _ in rows}
            state.read_by = {p: v for p, _, v in rows}
        if "document_errors" in tables:
            state.failed = dict(con.execute("SELECT source_path, sha256 FROM document_errors").fetchall())
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

    def unrecorded_problem(f: FileState) -> bool:
        return f.sha256 is None and f.source_path not in held.failed

    return sorted(
        key for key, f in files.items()
        if (held.holds(f.source_path) != f.sha256 and f.sha256 not in loaded_here) or outdated(f)
        or unrecorded_problem(f)
    )


def gone_source_paths(files: dict[str, FileState], held: WarehouseFiles) -> list[str]:
    """source_paths with rows in the warehouse whose file has left the folder.

    A document whose bytes are still present under another name stays (it is
    the same document); warehouse.load.remove_missing_documents keeps it too.
    """
    hidden = unreadable_folders(files)
    present_shas = {f.sha256 for f in files.values()}
    gone = {p for p, sha in held.loaded.items() if not is_present(p, files, hidden) and sha not in present_shas}
    gone |= {p for p in held.failed if not is_present(p, files, hidden)}
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
