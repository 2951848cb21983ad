"""Writing to the warehouse: whole documents, errors, findings, and the published copy.

Every write that touches several rows of one document happens in one
transaction, so a reader (or a crash) never sees half a document. Rows go in
as whole DataFrames (`INSERT ... SELECT` over a registered frame), never one
at a time. The tables must exist first (`warehouse.schema.create_tables`).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.connection import connect
from warehouse.ownership import PUBLISHED_FROM, PUBLISHED_FROM_COMMENTS, refuse_foreign_copy
from warehouse.schema import PER_DOCUMENT_TABLES, columns

WRITE_STAGE = "write"  # document_errors.stage of a file whose rows could not be written


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN ... COMMIT, or ROLLBACK if anything inside raises."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame) -> None:
    """Bulk-insert a DataFrame into a table, matching columns by name."""
    if rows.empty:
        return
    view = f"incoming_{table}"
    con.register(view, rows)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)


def read_rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    """Query results as dicts of plain Python values (None, date, float), not NaN or Timestamps."""
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def replace_document(con: duckdb.DuckDBPyConnection, tables: dict[str, pd.DataFrame]) -> str:
    """Replace every row of one document with `tables` (from rows.result_tables), atomically.

    Loading the same document twice leaves exactly the same rows. A file that
    loads now also loses the error row an earlier run may have left for it,
    and a changed file loses the rows of its earlier bytes (same source_path,
    another document_id) in the same transaction. Returns the document_id.
    """
    document = tables["documents"].iloc[0]
    document_id, source_path = document["document_id"], document["source_path"]
    with transaction(con):
        _delete_documents_at(con, source_path, keep_document_id=document_id)
        for table in PER_DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
            insert_frame(con, table, tables.get(table, pd.DataFrame()))
        con.execute(
            "DELETE FROM document_errors WHERE source_path = ? OR document_id = ?",
            [source_path, document_id],
        )
    return document_id


def replace_documents(con: duckdb.DuckDBPyConnection, documents: list[dict[str, pd.DataFrame]]) -> list[str]:
    """replace_document for many documents at once, in one transaction: a statement per table
    rather than per document and table (1,000 documents: seconds, not a minute). Files with the
    same bytes are one document (the last one's path wins, as one replace after the other would
    leave it). Returns the document_ids."""
    latest = {t["documents"].iloc[0]["document_id"]: t for t in documents}
    if not latest:
        return []
    keys = pd.concat([t["documents"][["document_id", "source_path"]] for t in latest.values()], ignore_index=True)
    con.register("batch_documents", keys.astype(object))
    try:
        with transaction(con):
            # These documents' rows, and those of other bytes at their paths (the old version of a changed file).
            con.execute("""CREATE OR REPLACE TEMP TABLE replaced AS SELECT document_id FROM documents
                           WHERE source_path IN (SELECT source_path FROM batch_documents)
                           UNION SELECT document_id FROM batch_documents""")
            for table in PER_DOCUMENT_TABLES:
                con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT document_id FROM replaced)")
                frames = [t[table] for t in latest.values() if table in t and not t[table].empty]
                if frames:
                    insert_frame(con, table, pd.concat(frames, ignore_index=True))
            con.execute("""DELETE FROM document_errors WHERE source_path IN (SELECT source_path FROM batch_documents)
                           OR document_id IN (SELECT document_id FROM batch_documents)""")
            con.execute("DROP TABLE replaced")
    finally:
        con.unregister("batch_documents")
    return list(latest)


def write_read_documents(con: duckdb.DuckDBPyConnection, outcomes: Iterable,
                         on_write_error: Callable[[str, str], None] | None = None) -> dict[str, int]:
    """The one way a batch of read files reaches the warehouse (the pipeline's write step, the lake's
    writers, `make eval`): the rows of the documents read, replaced in one transaction; an error row
    for each file that could not be read; the rows of each file gone before it was read, removed.

    Each write is run again when a lake's other writer changed the same rows first. If the batch
    cannot be written, each document is written alone: one whose rows still cannot be written gets
    an error row (stage `write`, its earlier rows stay) and `on_write_error(source_path, reason)` is
    told. `outcomes` are pipelines.reading.DocumentOutcome's (tables, or error and stage, or missing).
    Returns how many files were loaded, failed, not written, removed.
    """
    from warehouse.lake import retry_on_conflict

    outcomes = list(outcomes)
    counts = {"loaded": 0, "failed": 0, "not written": 0, "removed": 0}
    loaded = [o for o in outcomes if o.tables is not None]
    try:
        retry_on_conflict(replace_documents, con, [o.tables for o in loaded])
        counts["loaded"] += len(loaded)
    except Exception:  # one document's rows that cannot be written must not stop the others
        for outcome in loaded:
            try:
                retry_on_conflict(replace_document, con, outcome.tables)
                counts["loaded"] += 1
            except Exception as exc:
                reason = f"its rows could not be written: {type(exc).__name__}: {exc}"
                if on_write_error:
                    on_write_error(outcome.source_path, reason)
                retry_on_conflict(record_error, con, outcome.source_path, reason, WRITE_STAGE, outcome.sha256,
                                  outcome.document_id)
                counts["not written"] += 1
    for outcome in outcomes:
        if outcome.error is not None:
            retry_on_conflict(record_error, con, outcome.source_path, outcome.error, outcome.stage,
                              outcome.sha256, outcome.document_id)
            counts["failed"] += 1
        elif outcome.missing:
            counts["removed"] += retry_on_conflict(remove_document_at, con, outcome.source_path)
    return counts


def _delete_documents_at(con: duckdb.DuckDBPyConnection, source_path: str,
                         keep_document_id: str | None = None) -> int:
    """Delete every row of the documents recorded at `source_path` (but `keep_document_id`).

    Runs inside the caller's transaction. Returns how many documents left.
    """
    ids = [r[0] for r in con.execute(
        "SELECT document_id FROM documents WHERE source_path = ? AND document_id IS DISTINCT FROM ?",
        [source_path, keep_document_id],
    ).fetchall()]
    for document_id in ids:
        for table in PER_DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {table} WHERE document_id = ?", [document_id])
    return len(ids)


def record_error(
    con: duckdb.DuckDBPyConnection,
    source_path: str,
    reason: str,
    stage: str,
    sha256: str | None = None,
    document_id: str | None = None,
) -> None:
    """Record why a file could not be read (stage 'load'), extracted ('extract') or written to
    the warehouse ('write'), in one transaction: one row per file, a new error replacing the
    file's previous one.

    After a read or extraction error, the rows of other bytes at the same path
    (the file changed, and its new version fails) leave; the rows of these same
    bytes, if an earlier run could read them, stay. After a write error nothing
    replaced the file's rows, so it keeps its last good ones whatever its bytes.
    """
    row = pd.DataFrame([{
        "source_path": source_path, "sha256": sha256, "document_id": document_id,
        "reason": reason, "stage": stage,
    }], columns=columns("document_errors"))
    with transaction(con):
        if stage != WRITE_STAGE:
            _delete_documents_at(con, source_path, keep_document_id=document_id)
        con.execute("DELETE FROM document_errors WHERE source_path = ?", [source_path])
        insert_frame(con, "document_errors", row)


def remove_document_at(con: duckdb.DuckDBPyConnection, source_path: str) -> int:
    """A file that is gone: its rows and its error row leave, in one transaction.

    Returns how many documents left.
    """
    with transaction(con):
        removed = _delete_documents_at(con, source_path)
        con.execute("DELETE FROM document_errors WHERE source_path = ?", [source_path])
    return removed


def remove_documents_gone(
    con: duckdb.DuckDBPyConnection,
    present_source_paths: Iterable[str],
    present_document_ids: Iterable[str] = (),
    unreadable_folders: Iterable[str] = (),
) -> list[dict]:
    """Delete the rows of the files that have left the folder, in one transaction; return the
    documents that left (source_path, document_id, title).

    Removal only ever acts on paths that are gone: a file still there keeps its
    rows whatever happened to its load (its last good rows stay until a new
    version replaces them). A document also stays while its bytes are present
    under another path (it is the same document), or while its path lies in a
    folder that cannot be read now (gone from view is not gone). Error rows of
    paths that are gone leave too.
    """
    present = pd.DataFrame({"source_path": sorted(set(present_source_paths))}, dtype=object)
    ids = pd.DataFrame({"document_id": sorted(set(present_document_ids))}, dtype=object)
    folders = pd.DataFrame({"prefix": sorted(f.rstrip("/") + "/" for f in unreadable_folders)}, dtype=object)
    con.register("present_paths", present)
    con.register("present_ids", ids)
    con.register("hidden_folders", folders)
    is_gone = """source_path NOT IN (SELECT source_path FROM present_paths)
                 AND NOT EXISTS (SELECT 1 FROM hidden_folders WHERE starts_with(source_path, prefix))"""
    try:
        with transaction(con):
            gone = read_rows(con, f"""
                SELECT source_path, document_id, title FROM documents
                WHERE {is_gone} AND document_id NOT IN (SELECT document_id FROM present_ids)
                ORDER BY source_path""")
            con.register("gone_documents", pd.DataFrame(
                {"document_id": [g["document_id"] for g in gone]}, dtype=object))
            for table in PER_DOCUMENT_TABLES:
                con.execute(f"DELETE FROM {table} WHERE document_id IN (SELECT document_id FROM gone_documents)")
            con.execute(f"DELETE FROM document_errors WHERE {is_gone}")
    finally:
        for view in ("present_paths", "present_ids", "hidden_folders", "gone_documents"):
            con.unregister(view)  # (a name never registered is no error)
    return gone


def _finding_row(finding) -> dict:
    def attr(name):
        return finding.get(name) if isinstance(finding, dict) else getattr(finding, name, None)

    return {
        "finding_id": attr("finding_id"), "check_name": attr("check_name"),
        "severity": attr("severity"), "fact_ids": list(attr("fact_ids") or []),
        "message": attr("message"), "document_id": attr("document_id"),
        "partnership_ids": list(attr("partnership_ids") or []),
    }


def write_findings(
    con: duckdb.DuckDBPyConnection, findings: Iterable, flagged_fact_ids: Iterable[str] | None = None
) -> int:
    """Replace all findings and set facts.status: 'flagged' for the flagged facts, 'valid' for the rest.

    `findings` are validation Finding objects (or dicts with the same names).
    `flagged_fact_ids` defaults to every fact a finding names. A finding never
    deletes a fact. Returns the number of findings written.
    """
    rows = list({r["finding_id"]: r for r in map(_finding_row, findings)}.values())
    if flagged_fact_ids is None:
        flagged_fact_ids = {fid for r in rows for fid in r["fact_ids"]}
    flagged = pd.DataFrame({"fact_id": sorted(set(flagged_fact_ids))}, dtype=object)
    con.register("flagged_facts", flagged)
    try:
        with transaction(con):
            con.execute("DELETE FROM validation_findings")
            insert_frame(con, "validation_findings", pd.DataFrame(rows, columns=columns("validation_findings")))
            con.execute(
                "UPDATE facts SET status = CASE WHEN fact_id IN (SELECT fact_id FROM flagged_facts) "
                "THEN 'flagged' ELSE 'valid' END"
            )
    finally:
        con.unregister("flagged_facts")
    return len(rows)


def load_reference_tables(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Fill `areas` and `indicators` from the extractors' vocabularies, when they exist.

    Reads `extractors.annotate.areas.area_rows()` and `extractors.annotate.indicators.indicator_rows()`
    (lists of dicts named like the table's columns; extra keys are ignored), with the
    names and labels in four languages of warehouse.reference_names. A module not
    there yet leaves its table as it is. Returns rows loaded per table.
    """
    import importlib

    sources = {"areas": ("extractors.annotate.areas", "area_rows"),
               "indicators": ("extractors.annotate.indicators", "indicator_rows")}
    loaded = {}
    for table, (module_name, function_name) in sources.items():
        try:
            rows_of = getattr(importlib.import_module(module_name), function_name)
        except (ImportError, AttributeError):
            continue
        rows = pd.DataFrame(with_display_names(table, list(rows_of()))).reindex(columns=columns(table))
        with transaction(con):
            con.execute(f"DELETE FROM {table}")
            insert_frame(con, table, rows)
        loaded[table] = len(rows)
    return loaded


def with_display_names(table: str, rows: list[dict]) -> list[dict]:
    """Add the names and labels in French, Dutch, German and English (warehouse.reference_names):
    each area's display name per language first, then the gazetteer's other wordings
    (language NULL); each indicator's labels."""
    from warehouse.reference_names import area_name_rows, indicator_labels

    if table == "indicators":
        return [{**row, **indicator_labels(row["code"])} for row in rows]
    named = area_name_rows({row["code"]: row.get("level") for row in rows})
    shown = {(row["code"], row["name"]) for row in named}
    return named + [row for row in rows if (row["code"], row["name"]) not in shown]


def publish(warehouse_path: str | os.PathLike, published_path: str | os.PathLike,
            checkpoint: bool = True) -> Path:
    """Replace `published_path` with a consistent read-only copy of the warehouse, atomically.

    The warehouse is checkpointed first so its file holds every committed row
    (nothing left in the WAL); a caller that just ran CHECKPOINT on its own
    connection and closed it can pass checkpoint=False. The copy is written to
    a temporary file in the destination folder and renamed over the old one: a
    reader that opened the old copy keeps it, a new reader gets the new one,
    nobody sees half a file. Call it when no other process writes the warehouse
    (in the pipeline: from a step of the `duckdb` pool).
    """
    source, target = Path(warehouse_path), Path(published_path)
    refuse_foreign_copy(source, target)
    if checkpoint:
        with connect(source) as con:
            con.execute("CHECKPOINT")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=target.stem + ".", suffix=target.suffix + ".tmp", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        with connect(tmp) as con:  # the copy says whose it is
            con.execute(f"CREATE OR REPLACE TABLE {PUBLISHED_FROM} AS SELECT ? AS warehouse, now() AS published_at",
                        [str(source.resolve())])
            for target_name, comment in PUBLISHED_FROM_COMMENTS.items():
                kind = "COLUMN" if "." in target_name else "TABLE"
                con.execute(f"COMMENT ON {kind} {target_name} IS '{comment}'")  # (comments without quotes)
        os.chmod(tmp, 0o444)  # read-only: SQL users open it with `duckdb -readonly`
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
