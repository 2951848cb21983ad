"""The assets: documents in, a validated DuckDB warehouse out.

    extracted_documents  one pass over the documents folder; materializes the
                         tables `documents`, `facts`, `partnerships`, `document_errors`
    validation_findings  the validation rules over the whole warehouse
    warehouse_views      reference tables, the SQL views, and the published copy

Extraction and validation are imported inside the functions: they are plain
Python modules, and loading the definitions (for the UI) should not pay for
spaCy or fail while one of them is being written.
"""

import hashlib
from pathlib import Path

import dagster as dg

from pipelines.resources import RawDocumentsResource, WarehouseResource
from warehouse.load import (
    load_reference_tables,
    publish,
    read_rows,
    record_error,
    remove_missing_documents,
    replace_document,
    write_findings,
)
from warehouse.paths import source_base
from warehouse.schema import create_tables
from warehouse.views import create_views

GROUP = "warehouse"
PREVIEW_FACTS_PER_DOCUMENT = 12


def markdown_table(rows: list[dict], columns: list[str], max_chars: int = 80) -> str:
    """A markdown table for asset metadata; cells are shortened and their pipes escaped.

    >>> print(markdown_table([{"a": 1, "b": "x|y"}], ["a", "b"]))
    | a | b |
    |---|---|
    | 1 | x\\|y |
    """
    def cell(value) -> str:
        text = "" if value is None else str(value)
        text = " ".join(text.split()).replace("|", "\\|")
        return text if len(text) <= max_chars else text[: max_chars - 1] + "…"

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(r.get(c)) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _document_id(sha256: str | None) -> str | None:
    """The id the document would have had (the model's rule), so a failing file keeps its old rows."""
    from extractors.model import LoadedDocument

    if sha256 is None:
        return None
    return LoadedDocument(path="", source_path="", sha256=sha256, format="", text="").document_id


@dg.multi_asset(
    specs=[
        dg.AssetSpec("documents", group_name=GROUP, kinds={"duckdb"},
                     description="One row per source document: hash, path, language, title, publication date."),
        dg.AssetSpec("facts", group_name=GROUP, kinds={"duckdb"},
                     description="One row per distinct figure a document states, with its place; "
                                 "every statement of it is in fact_mentions."),
        dg.AssetSpec("partnerships", group_name=GROUP, kinds={"duckdb"},
                     description="Agreements, conventions and projects, with their parties and dates."),
        dg.AssetSpec("document_errors", group_name=GROUP, kinds={"duckdb"},
                     description="Files that could not be read or extracted, each with the reason."),
    ],
)
def extracted_documents(context: dg.AssetExecutionContext, duckdb: WarehouseResource,
                        raw_documents: RawDocumentsResource):
    """Read every file of the documents folder, extract it and replace its rows.

    A file that fails is recorded in document_errors and the pass goes on.
    Documents whose file is gone leave the warehouse.
    """
    from extractors.document import extract_document
    from extractors.loading import discover_documents, load_document
    from extractors.model import DocumentError
    from warehouse.rows import result_tables

    root = raw_documents.root()
    if not root.is_dir():
        # A mistyped RAW_DOCUMENTS_DIR must not empty the warehouse.
        raise dg.Failure(f"The documents folder {root} does not exist (RAW_DOCUMENTS_DIR).")

    base = source_base(root)
    present_ids: set[str] = set()
    failed_paths: set[str] = set()
    with duckdb.get_connection() as con:
        create_tables(con)

        def fail(path: Path, stage: str, exc: Exception) -> None:
            reason = str(exc) if isinstance(exc, DocumentError) else f"{type(exc).__name__}: {exc}"
            source_path = path.resolve().relative_to(base).as_posix()
            sha256 = _sha256(path)
            record_error(con, source_path, reason, stage, sha256, _document_id(sha256))
            failed_paths.add(source_path)
            if sha256:  # its earlier rows, if any, stay
                present_ids.add(_document_id(sha256))
            context.log.warning(f"{source_path} ({stage}): {reason}")

        for path in discover_documents(root):
            # One bad file, or an extractor bug on one file, must not stop the others.
            try:
                doc = load_document(path, base)
            except Exception as exc:
                fail(path, "load", exc)
                continue
            try:
                tables = result_tables(extract_document(doc))
            except Exception as exc:
                fail(path, "extract", exc)
                continue
            present_ids.add(replace_document(con, tables))
        removed = remove_missing_documents(con, present_ids, present_source_paths=failed_paths)

        counts = dict(con.execute(
            "SELECT 'documents', count(*) FROM documents UNION ALL "
            "SELECT 'facts', count(*) FROM facts UNION ALL "
            "SELECT 'fact_mentions', count(*) FROM fact_mentions UNION ALL "
            "SELECT 'partnerships', count(*) FROM partnerships UNION ALL "
            "SELECT 'document_errors', count(*) FROM document_errors"
        ).fetchall())
        documents = read_rows(con, """
            SELECT d.source_path, d.format, d.language, d.title, d.published_on,
                   (SELECT count(*) FROM facts f WHERE f.document_id = d.document_id) AS facts
            FROM documents d ORDER BY d.source_path""")
        facts = read_rows(con, """
            SELECT d.source_path, f.indicator, f.area, f.segment, f.period_start, f.period_end,
                   f.value, f.unit, f.qualifier, f.page, f.mention_count AS mentions, f.snippet
            FROM facts f JOIN documents d USING (document_id)
            QUALIFY row_number() OVER (PARTITION BY f.document_id ORDER BY f.char_start) <= ?
            ORDER BY d.source_path, f.char_start""", [PREVIEW_FACTS_PER_DOCUMENT])
        partnerships = read_rows(con, """
            SELECT d.source_path, p.name, p.parties, p.signed_on, p.starts_on, p.ends_on
            FROM partnerships p JOIN documents d USING (document_id)
            ORDER BY d.source_path, p.char_start""")
        errors = read_rows(con, "SELECT source_path, stage, reason FROM document_errors ORDER BY source_path")

    yield dg.MaterializeResult(asset_key="documents", metadata={
        "dagster/row_count": counts["documents"],
        "removed_documents": removed,
        "warehouse": dg.MetadataValue.path(str(duckdb.database_path())),
        "documents_folder": dg.MetadataValue.path(str(root)),
        "preview": dg.MetadataValue.md(markdown_table(
            documents, ["source_path", "format", "language", "title", "published_on", "facts"])),
    })
    yield dg.MaterializeResult(asset_key="facts", metadata={
        "dagster/row_count": counts["facts"],
        "mentions": counts["fact_mentions"],
        "preview": dg.MetadataValue.md(_facts_preview(facts)),
    })
    yield dg.MaterializeResult(asset_key="partnerships", metadata={
        "dagster/row_count": counts["partnerships"],
        "preview": dg.MetadataValue.md(markdown_table(
            partnerships, ["source_path", "name", "parties", "signed_on", "starts_on", "ends_on"])),
    })
    yield dg.MaterializeResult(asset_key="document_errors", metadata={
        "dagster/row_count": counts["document_errors"],
        "errors": dg.MetadataValue.md(
            markdown_table(errors, ["source_path", "stage", "reason"], max_chars=200)
            if errors else "Every document was read."),
    })


def _facts_preview(facts: list[dict]) -> str:
    """The first facts of each document, one markdown section per document."""
    if not facts:
        return "No facts."
    sections, by_document = [], {}
    for row in facts:
        by_document.setdefault(row["source_path"], []).append(row)
    for source_path, rows in by_document.items():
        sections.append(f"### {source_path}\n\n" + markdown_table(
            rows, ["indicator", "area", "segment", "period_start", "period_end", "value", "unit",
                   "qualifier", "page", "mentions", "snippet"], max_chars=60))
    return "\n\n".join(sections)


@dg.asset(
    deps=["documents", "facts", "partnerships"], group_name=GROUP, kinds={"duckdb"},
    description="What validation found: the sources' own contradictions and suspicious figures. "
                "Facts a finding concerns get status 'flagged' (they are never deleted).",
)
def validation_findings(context: dg.AssetExecutionContext, duckdb: WarehouseResource) -> dg.MaterializeResult:
    """Run every validation rule over the whole warehouse and replace the findings."""
    from validation import rules

    with duckdb.get_connection() as con:
        create_tables(con)
        facts = read_rows(con, "SELECT * FROM facts ORDER BY document_id, char_start, fact_id")
        partnerships = read_rows(con, "SELECT * FROM partnerships ORDER BY document_id, char_start")
        documents = read_rows(con, "SELECT * FROM documents ORDER BY document_id")
        findings = rules.run_all(facts, partnerships, documents)
        written = write_findings(con, findings, rules.flagged_fact_ids(findings))
        by_check = read_rows(con, """
            SELECT check_name, severity, count(*) AS findings FROM validation_findings
            GROUP BY ALL ORDER BY check_name, severity""")
        table = read_rows(con, """
            SELECT check_name, severity, message FROM validation_findings
            ORDER BY severity, check_name, finding_id""")
        [(flagged,)] = con.execute("SELECT count(*) FROM facts WHERE status = 'flagged'").fetchall()
    return dg.MaterializeResult(metadata={
        "dagster/row_count": written,
        "flagged_facts": flagged,
        "by_check": dg.MetadataValue.md(markdown_table(by_check, ["check_name", "severity", "findings"])
                                        if by_check else "No findings."),
        "findings": dg.MetadataValue.md(markdown_table(table, ["check_name", "severity", "message"],
                                                       max_chars=300) if table else "No findings."),
    })


@dg.asset(
    deps=["documents", "facts", "partnerships", "document_errors", "validation_findings"],
    group_name=GROUP, kinds={"duckdb"},
    description="Reference tables (areas, indicators), the SQL views, and the read-only published "
                "copy of the warehouse that SQL users open.",
)
def warehouse_views(duckdb: WarehouseResource) -> dg.MaterializeResult:
    """Create the views, then publish the warehouse atomically for readers."""
    with duckdb.get_connection() as con:
        reference = load_reference_tables(con)
        views = create_views(con)
    published = publish(duckdb.database_path(), duckdb.published_path())
    return dg.MaterializeResult(metadata={
        "views": ", ".join(views),
        "reference_rows": dg.MetadataValue.json(reference),
        "published": dg.MetadataValue.path(str(published)),
    })


ASSETS = [extracted_documents, validation_findings, warehouse_views]
