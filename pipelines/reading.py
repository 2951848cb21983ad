"""Reading the files of a run: each one loaded and extracted into its warehouse rows, or refused
with the reason. Plain Python (no Dagster import): the `read_documents` step calls `read_files`.

Many files are read in a pool of processes (one per core, each loading spaCy
once), so `make run` uses both cores of a small machine; one file is read in
the calling process.

`make run` starts the pool before it imports Dagster (`start_reading_processes`),
so that the workers import the extractors and load spaCy's pipelines while
the parent imports Dagster and registers the partitions: on two cores, those
seconds overlap instead of adding up.

Per-document limits keep a huge file from holding a run for an hour or
filling the memory: past them the file gets an error row instead of rows.
"""
from __future__ import annotations

import atexit
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd

from pipelines.folder import document_id_of, entry_problem, file_sha256, on_disk
from warehouse.formatting import format_number

# Fewer files than this are read in the calling process: a worker costs ~3 s of imports and spaCy.
POOL_FROM_FILES = 8
T = TypeVar("T")


@dataclass(frozen=True)
class DocumentLimits:
    """What one document may hold; set with DOCUMENT_MAX_CHARS and DOCUMENT_MAX_PAGES."""

    max_chars: int = 2_000_000  # about 700 pages of dense text
    max_pages: int = 1_000

    @classmethod
    def from_environment(cls) -> "DocumentLimits":
        return cls(max_chars=int(os.environ.get("DOCUMENT_MAX_CHARS") or cls.max_chars),
                   max_pages=int(os.environ.get("DOCUMENT_MAX_PAGES") or cls.max_pages))

    def refusal_before_reading(self, path: Path) -> str | None:
        """Why the file is too big to read, judged without reading it (its size; a PDF's page count)."""
        with open(path, "rb") as f:
            is_pdf = f.read(5) == b"%PDF-"
        if is_pdf:
            pages = _pdf_page_count(path)
            if pages is not None and pages > self.max_pages:
                return (f"the PDF has {format_number(pages, 0)} pages, over the limit of {format_number(self.max_pages, 0)} pages per document "
                        "(DOCUMENT_MAX_PAGES); not read")
            return None
        size = path.stat().st_size
        if size > 4 * self.max_chars:  # UTF-8 takes at most 4 bytes a character: certainly over
            return self._over_chars(f"{format_number(size, 0)} bytes")
        return None

    def refusal_of_text(self, text: str) -> str | None:
        return self._over_chars(f"{format_number(len(text), 0)} characters") if len(text) > self.max_chars else None

    def _over_chars(self, what: str) -> str:
        return (f"the document's text is {what}, over the limit of {format_number(self.max_chars, 0)} characters per document "
                "(DOCUMENT_MAX_CHARS); not read")


def _pdf_page_count(path: Path) -> int | None:
    """The page count from the PDF's page tree (pdfium reads no page); None if it cannot tell."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except Exception:  # a broken PDF: the loader will say why
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


@dataclass
class DocumentOutcome:
    """What reading one file gave: its rows, or why it could not be read, or that it is gone."""

    key: str
    source_path: str
    sha256: str | None = None
    tables: dict[str, pd.DataFrame] | None = None
    error: str | None = None
    stage: str | None = None  # 'load' or 'extract' when error
    seconds: float = 0.0  # reading and extracting it took

    @property
    def missing(self) -> bool:
        return self.tables is None and self.error is None

    @property
    def document_id(self) -> str | None:
        return document_id_of(self.sha256) if self.sha256 else None


def read_file(key: str, source_path: str, base: Path, real_root: Path, limits: DocumentLimits) -> DocumentOutcome:
    """Load and extract one file; any failure becomes the outcome's error, never an exception."""
    started = time.perf_counter()
    outcome = _read(key, source_path, base, real_root, limits)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _read(key: str, source_path: str, base: Path, real_root: Path, limits: DocumentLimits) -> DocumentOutcome:
    from extractors.document import extract_document
    from extractors.read.loading import load_document
    from warehouse.rows import result_tables

    path = on_disk(base, source_path)
    outcome = DocumentOutcome(key, source_path)
    problem = entry_problem(path, real_root)
    if problem:
        outcome.error, outcome.stage = problem, "load"
        return outcome
    if not path.is_file():
        return outcome  # gone: its rows will leave
    outcome.sha256 = file_sha256(path)
    # One bad file, or an extractor bug on one file, must not stop the others.
    try:
        refusal = limits.refusal_before_reading(path)
        doc = None if refusal else load_document(path, base)
        refusal = refusal or limits.refusal_of_text(doc.text)
    except Exception as exc:
        outcome.error, outcome.stage = _reason(exc), "load"
        return outcome
    if refusal:
        outcome.error, outcome.stage = refusal, "load"
        return outcome
    outcome.sha256 = doc.sha256
    try:
        outcome.tables = result_tables(extract_document(doc))
    except Exception as exc:
        outcome.error, outcome.stage = _reason(exc), "extract"
    return outcome


class Progress:
    """A line per document as it finishes: what it gave, how many are done, about how long is left."""

    def __init__(self, total: int):
        self.total, self.done, self.started = total, 0, time.monotonic()

    def line(self, outcome: DocumentOutcome) -> str:
        self.done += 1
        left = (time.monotonic() - self.started) / self.done * (self.total - self.done)
        what = (f"error ({outcome.stage}: {outcome.error})" if outcome.error
                else "gone before it was read; its rows leave the warehouse" if outcome.missing
                else f"{len(outcome.tables['facts'])} facts")
        eta = f", about {left:.0f} s left" if self.done < self.total else ""
        return f"{outcome.source_path}: {what}, {outcome.seconds:.2f} s [{self.done}/{self.total}{eta}]"


def _reason(exc: Exception) -> str:
    from extractors.model import DocumentError

    return str(exc) if isinstance(exc, DocumentError) else f"{type(exc).__name__}: {exc}"


def _warm_worker() -> None:
    """What every document needs, loaded once per worker as it starts: spaCy's sentence pipeline of
    each language, and the NER model."""
    try:
        from extractors.annotate.nlp import SUPPORTED, pipeline

        for language in SUPPORTED:
            pipeline(language)
    except Exception:  # (a missing model) each document then fails with the reason, in its error row
        pass


def _new_pool(workers: int) -> ProcessPoolExecutor:
    # forkserver: the workers start from a clean process that imported the extractors once, not from
    # a fork of this one (Dagster's threads), nor each from scratch (spawn).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipelines.reading", "extractors.document", "warehouse.rows"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm_worker)


_STARTED: dict[int, ProcessPoolExecutor] = {}  # worker count -> the pool started ahead


def start_reading_processes(workers: int | None = None) -> None:
    """Start the pool's processes now, without waiting for them: they get ready (imports, spaCy)
    while the caller goes on. `read_files` then uses them; `stop_reading_processes` ends them."""
    workers = workers or os.cpu_count() or 1
    if workers < 2 or workers in _STARTED:
        return
    pool = _new_pool(workers)
    for _ in range(workers):  # a process is started per task waiting, up to `workers`
        pool.submit(int)
    _STARTED[workers] = pool
    atexit.register(stop_reading_processes)


def stop_reading_processes() -> None:
    for pool in _STARTED.values():
        pool.shutdown(cancel_futures=True)
    _STARTED.clear()


def read_files(files: list[tuple[str, str]], base: Path, root: Path, workers: int | None = None,
               limits: DocumentLimits | None = None):
    """Yield the DocumentOutcome of each (partition key, source_path), as each is read (in order in
    this process; in the order they finish in the pool).

    `workers` defaults to the number of cores; a pool is used from POOL_FROM_FILES files on (the one
    `start_reading_processes` started, if it has as many processes).
    """
    limits = limits or DocumentLimits.from_environment()
    real_root = Path(root).resolve()
    workers = min(workers or os.cpu_count() or 1, len(files))
    if workers < 2 or len(files) < POOL_FROM_FILES:
        for key, source_path in files:
            yield read_file(key, source_path, base, real_root, limits)
        return
    started = _STARTED.get(workers)
    pool = started or _new_pool(workers)
    try:
        # Each document as soon as it is read (not in order): `make run` shows progress as it goes.
        futures = [pool.submit(read_file, key, source_path, base, real_root, limits) for key, source_path in files]
        for future in as_completed(futures):
            yield future.result()
    finally:
        if started is None:
            pool.shutdown(cancel_futures=True)


def in_batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last one shorter), as they come.

    >>> list(in_batches(iter("abcde"), 2))
    [['a', 'b'], ['c', 'd'], ['e']]
    """
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
