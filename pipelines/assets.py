"""The assets: documents in, a validated DuckDB warehouse out.

    documents, facts,     one partition per file of the documents folder (key: its
    partnerships,         source_path). A partition run reads and extracts the file
    document_errors       (step `read_documents`, no pool: extraction runs in parallel),
                          then replaces that document's rows in one transaction
                          (step `write_documents`, pool `duckdb`) and publishes.
    removed_documents     rows of files that have left the folder leave the warehouse
    validation_findings   the validation rules over the whole warehouse      } follow the per-document
    warehouse_views       reference tables, SQL views, chart, published copy  } assets by automation

Every step that opens the warehouse is in the Dagster concurrency pool
`duckdb`, limited to 1 in dagster.yaml: DuckDB allows one writing process,
so runs in parallel take turns for it instead of failing on its lock.

Extraction and validation are imported inside the functions: they are plain
Python modules, and loading the definitions (for the UI) should not pay for
spaCy or fail while one of them is being written.
"""


from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.folder import document_id_of, file_sha256, scan, source_path_of
from extractors.version import extractor_fingerprint
from pipelines.resources import RawDocumentsResource, WarehouseResource
from warehouse.load import (
    load_reference_tables,
    publish,
    read_rows,
    record_error,
    remove_document_at,
    remove_missing_documents,
    replace_document,
    write_findings,
)
from warehouse.paths import source_base
from warehouse.schema import create_tables
from warehouse.views import create_views

GROUP = "warehouse"
POOL = "duckdb"
PREVIEW_FACTS_PER_DOCUMENT = 12
PREVIEW_DOCUMENTS = 20

document_files = dg.DynamicPartitionsDefinition(name="document_files")

# Run when anything upstream changed, once nothing upstream is still running; a partition that
# was never loaded (or failed) does not hold back validation of the others.
FOLLOW_UPSTREAM = dg.AutomationCondition.eager().without(~dg.AutomationCondition.any_deps_missing())


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


def documents_root(raw_documents: RawDocumentsResource) -> Path:
    root = raw_documents.root()
    if not root.is_dir():
        # A mistyped RAW_DOCUMENTS_DIR must not empty the warehouse.
        raise dg.Failure(f"The documents folder {root} does not exist (RAW_DOCUMENTS_DIR).")
    return root


def publish_warehouse(duckdb: WarehouseResource) -> Path:
    """The read-only copy for SQL users; called by every step that changed the warehouse, in the pool,
    after it ran CHECKPOINT and closed its connection."""
    return publish(duckdb.database_path(), duckdb.published_path(), checkpoint=False)


# --------------------------------------------------------------------------
# one partition per document
# --------------------------------------------------------------------------


@dataclass
class DocumentOutcome:
    """What reading one file gave: its rows, or why it could not be read, or that it is gone."""

    key: str
    source_path: str
    sha256: str | None = None
    tables: dict[str, pd.DataFrame] | None = None
    error: str | None = None
    stage: str | None = None  # 'load' or 'extract' when error

    @property
    def missing(self) -> bool:
        return self.tables is None and self.error is None


@dg.op(description="Load and extract each file of the run's partitions (no warehouse access).")
def read_documents(context: dg.OpExecutionContext, raw_documents: RawDocumentsResource) -> dict:
    from extractors.document import extract_document
    from extractors.read.loading import load_document
    from extractors.model import DocumentError
    from warehouse.rows import result_tables

    root = documents_root(raw_documents)
    base = source_base(root)
    outcomes: dict[str, DocumentOutcome] = {}
    for key in context.partition_keys:
        source_path = source_path_of(key)
        path = base / source_path
        outcome = outcomes[key] = DocumentOutcome(key, source_path)
        if not path.is_file():
            context.log.info(f"{source_path}: the file is gone, its rows will leave the warehouse")
            continue
        outcome.sha256 = file_sha256(path)
        # One bad file, or an extractor bug on one file, must not stop the others.
        try:
            doc = load_document(path, base)
            outcome.sha256 = doc.sha256
        except Exception as exc:
            outcome.error, outcome.stage = _reason(exc, DocumentError), "load"
        else:
            try:
                outcome.tables = result_tables(extract_document(doc))
            except Exception as exc:
                outcome.error, outcome.stage = _reason(exc, DocumentError), "extract"
        if outcome.error:
            context.log.warning(f"{source_path} ({outcome.stage}): {outcome.error}")
    return outcomes


def _reason(exc: Exception, document_error: type) -> str:
    return str(exc) if isinstance(exc, document_error) else f"{type(exc).__name__}: {exc}"


class WriteConfig(dg.Config):
    publish: bool = True
    """Publish the warehouse after writing; `python -m pipelines.run` publishes once at the end instead."""


TABLE_ASSETS = {
    "documents": "One row per source document: hash, path, language, title, publication date. "
                 "Partitioned by file: a partition run re-reads that file and replaces its rows.",
    "facts": "One row per distinct figure a document states, with its place; every statement of it "
             "is in fact_mentions. Metadata: a preview of each loaded document's facts.",
    "partnerships": "Agreements, conventions and projects, with their parties and dates.",
    "document_errors": "Files that could not be read or extracted, each with the reason.",
}


@dg.op(
    pool=POOL,
    out={name: dg.Out(dg.Nothing) for name in TABLE_ASSETS},
    description="Replace each document's rows in one transaction (delete then insert), then publish.",
)
def write_documents(context: dg.OpExecutionContext, config: WriteConfig, duckdb: WarehouseResource,
                    outcomes: dict):
    paths = [o.source_path for o in outcomes.values()]
    counts = {"loaded": 0, "failed": 0, "removed": 0}
    with duckdb.get_connection() as con:
        create_tables(con)
        for outcome in outcomes.values():
            if outcome.tables is not None:
                replace_document(con, outcome.tables)
                counts["loaded"] += 1
            elif outcome.error is not None:
                record_error(con, outcome.source_path, outcome.error, outcome.stage,
                                      outcome.sha256, document_id_of(outcome.sha256) if outcome.sha256 else None)
                counts["failed"] += 1
            else:
                counts["removed"] += remove_document_at(con, outcome.source_path)
        metadata = _document_metadata(con, paths, outcomes)
        con.execute("CHECKPOINT")
    published = publish_warehouse(duckdb) if config.publish else None
    context.log.info(f"{counts['loaded']} loaded, {counts['failed']} failed, {counts['removed']} removed"
                     + (f"; published {published}" if published else ""))
    metadata["documents"]["run_counts"] = dg.MetadataValue.json(counts)
    for name in TABLE_ASSETS:
        yield dg.Output(None, output_name=name, metadata=metadata[name])


def _document_metadata(con, paths: list[str], outcomes: dict) -> dict[str, dict]:
    """Row counts of the run's documents and of the whole table, and markdown previews."""
    con.register("run_paths", pd.DataFrame({"source_path": paths}, dtype=object))
    try:
        totals = dict(con.execute(
            "SELECT 'documents', count(*) FROM documents UNION ALL "
            "SELECT 'facts', count(*) FROM facts UNION ALL "
            "SELECT 'partnerships', count(*) FROM partnerships UNION ALL "
            "SELECT 'document_errors', count(*) FROM document_errors").fetchall())
        documents = read_rows(con, """
            SELECT d.source_path, d.document_id, d.format, d.language, d.title, d.published_on,
                   (SELECT count(*) FROM facts f WHERE f.document_id = d.document_id) AS facts,
                   (SELECT count(*) FROM partnerships p WHERE p.document_id = d.document_id) AS partnerships
            FROM documents d WHERE d.source_path IN (SELECT source_path FROM run_paths)
            ORDER BY d.source_path""")
        facts = read_rows(con, """
            SELECT d.source_path, f.indicator, f.area, f.segment, f.period_start, f.period_end,
                   f.value, f.unit, f.qualifier, f.page, f.mention_count AS mentions, f.snippet
            FROM facts f JOIN documents d USING (document_id)
            WHERE d.source_path IN (SELECT source_path FROM run_paths)
            QUALIFY row_number() OVER (PARTITION BY f.document_id ORDER BY f.char_start) <= ?
            ORDER BY d.source_path, f.char_start""", [PREVIEW_FACTS_PER_DOCUMENT])
        [(fact_rows, mention_rows)] = con.execute("""
            SELECT (SELECT count(*) FROM facts f JOIN documents d USING (document_id)
                    WHERE d.source_path IN (SELECT source_path FROM run_paths)),
                   (SELECT count(*) FROM fact_mentions m JOIN documents d USING (document_id)
                    WHERE d.source_path IN (SELECT source_path FROM run_paths))""").fetchall()
        partnerships = read_rows(con, """
            SELECT d.source_path, p.name, p.parties, p.signed_on, p.starts_on, p.ends_on
            FROM partnerships p JOIN documents d USING (document_id)
            WHERE d.source_path IN (SELECT source_path FROM run_paths)
            ORDER BY d.source_path, p.char_start""")
        errors = read_rows(con, """
            SELECT source_path, stage, reason FROM document_errors
            WHERE source_path IN (SELECT source_path FROM run_paths) ORDER BY source_path""")
    finally:
        con.unregister("run_paths")

    gone = sorted(o.source_path for o in outcomes.values() if o.missing)
    documents_md = markdown_table(documents[:PREVIEW_DOCUMENTS * 5], [
        "source_path", "document_id", "format", "language", "title", "published_on", "facts", "partnerships"])
    if gone:
        documents_md += "\n\nGone from the folder (rows removed): " + ", ".join(f"`{p}`" for p in gone)
    single = documents[0] if len(outcomes) == 1 and documents else None
    return {
        "documents": {
            "dagster/row_count": len(documents),
            "table_rows": totals["documents"],
            **({"document_id": single["document_id"], "sha256": next(iter(outcomes.values())).sha256}
               if single else {}),
            "preview": dg.MetadataValue.md(documents_md),
        },
        "facts": {
            "dagster/row_count": fact_rows,
            "mentions": mention_rows,
            "table_rows": totals["facts"],
            "preview": dg.MetadataValue.md(_facts_preview(facts)),
        },
        "partnerships": {
            "dagster/row_count": len(partnerships),
            "table_rows": totals["partnerships"],
            "preview": dg.MetadataValue.md(markdown_table(
                partnerships, ["source_path", "name", "parties", "signed_on", "starts_on", "ends_on"])
                if partnerships else "No partnerships in these documents."),
        },
        "document_errors": {
            "dagster/row_count": len(errors),
            "table_rows": totals["document_errors"],
            "errors": dg.MetadataValue.md(
                markdown_table(errors, ["source_path", "stage", "reason"], max_chars=200)
                if errors else "Every document of this run was read."),
        },
    }


def _facts_preview(facts: list[dict]) -> str:
    """The first facts of each document, one markdown section per document."""
    if not facts:
        return "No facts."
    sections, by_document = [], {}
    for row in facts:
        by_document.setdefault(row["source_path"], []).append(row)
    for source_path, rows in list(by_document.items())[:PREVIEW_DOCUMENTS]:
        sections.append(f"### {source_path}\n\n" + markdown_table(
            rows, ["indicator", "area", "segment", "period_start", "period_end", "value", "unit",
                   "qualifier", "page", "mentions", "snippet"], max_chars=60))
    if len(by_document) > PREVIEW_DOCUMENTS:
        sections.append(f"… and {len(by_document) - PREVIEW_DOCUMENTS} more documents.")
    return "\n\n".join(sections)


@dg.graph_multi_asset(
    # The extractors' fingerprint as code version: changing them makes every document stale in the UI.
    outs={name: dg.AssetOut(description=text, kinds={"duckdb"}, code_version=extractor_fingerprint())
          for name, text in TABLE_ASSETS.items()},
    group_name=GROUP,
    partitions_def=document_files,
    # A backfill of many partitions is one run: spaCy loads once, not once per document.
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def document_tables():
    """Read, extract and load the run's documents, one partition per file."""
    documents, facts, partnerships, document_errors = write_documents(read_documents())
    return {"documents": documents, "facts": facts, "partnerships": partnerships,
            "document_errors": document_errors}


# --------------------------------------------------------------------------
# across documents
# --------------------------------------------------------------------------


@dg.asset(
    group_name=GROUP, kinds={"duckdb"}, pool=POOL,
    description="Files that have left the documents folder: their rows leave the warehouse and their "
                "partitions are deleted. The sensor runs it when it sees a file go.",
)
def removed_documents(context: dg.AssetExecutionContext, duckdb: WarehouseResource,
                      raw_documents: RawDocumentsResource) -> dg.MaterializeResult:
    root = documents_root(raw_documents)
    files = scan(root)
    present_paths = {f.source_path for f in files.values()}
    present_ids = {document_id_of(f.sha256) for f in files.values() if f.sha256}
    with duckdb.get_connection() as con:
        create_tables(con)
        gone = read_rows(con, """
            SELECT source_path, document_id, title FROM documents
            WHERE source_path NOT IN (SELECT unnest(?)) AND document_id NOT IN (SELECT unnest(?))
            ORDER BY source_path""", [sorted(present_paths), sorted(present_ids)])
        removed = remove_missing_documents(con, present_ids, present_source_paths=present_paths)
        con.execute("CHECKPOINT")
    stale_partitions = [k for k in context.instance.get_dynamic_partitions(document_files.name) if k not in files]
    for key in stale_partitions:
        context.instance.delete_dynamic_partition(document_files.name, key)
    publish_warehouse(duckdb)
    return dg.MaterializeResult(metadata={
        "dagster/row_count": removed,
        "deleted_partitions": len(stale_partitions),
        "removed": dg.MetadataValue.md(markdown_table(gone, ["source_path", "document_id", "title"])
                                       if gone else "No document left the folder."),
    })


@dg.asset(
    deps=["documents", "facts", "partnerships", removed_documents], group_name=GROUP, kinds={"duckdb"},
    pool=POOL, automation_condition=FOLLOW_UPSTREAM,
    description="What validation found: the sources' own contradictions and suspicious figures. "
                "Facts a finding concerns get status 'flagged' (they are never deleted).",
)
def validation_findings(context: dg.AssetExecutionContext, duckdb: WarehouseResource) -> dg.MaterializeResult:
    """Run every validation rule over the whole warehouse and replace the findings."""
    import validation

    with duckdb.get_connection() as con:
        create_tables(con)
        facts = read_rows(con, "SELECT * FROM facts ORDER BY document_id, char_start, fact_id")
        partnerships = read_rows(con, "SELECT * FROM partnerships ORDER BY document_id, char_start")
        documents = read_rows(con, "SELECT * FROM documents ORDER BY document_id")
        relations = read_rows(con, "SELECT * FROM fact_relations ORDER BY document_id, relation_id")
        findings = validation.run_all(facts, partnerships, documents, relations)
        written = write_findings(con, findings, validation.flagged_fact_ids(findings))
        by_check = read_rows(con, """
            SELECT CASE WHEN check_name IN (SELECT unnest(?)) THEN 'source error' ELSE 'pipeline' END AS about,
                   check_name, severity, count(*) AS findings FROM validation_findings
            GROUP BY ALL ORDER BY about DESC, check_name, severity""", [sorted(validation.SOURCE_ERROR_CHECKS)])
        table = read_rows(con, """
            SELECT fi.check_name, fi.severity, d.source_path, fi.message
            FROM validation_findings fi LEFT JOIN documents d USING (document_id)
            ORDER BY fi.severity, fi.check_name, fi.finding_id""")
        [(flagged,)] = con.execute("SELECT count(*) FROM facts WHERE status = 'flagged'").fetchall()
        con.execute("CHECKPOINT")
    publish_warehouse(duckdb)
    return dg.MaterializeResult(metadata={
        "dagster/row_count": written,
        "flagged_facts": flagged,
        "by_check": dg.MetadataValue.md(markdown_table(by_check, ["about", "check_name", "severity", "findings"])
                                        if by_check else "No findings."),
        "findings": dg.MetadataValue.md(markdown_table(table, ["check_name", "severity", "source_path", "message"],
                                                       max_chars=300) if table else "No findings."),
    })


@dg.asset(
    deps=["documents", "facts", "partnerships", "document_errors", removed_documents, validation_findings],
    group_name=GROUP, kinds={"duckdb"}, pool=POOL, automation_condition=FOLLOW_UPSTREAM,
    description="Reference tables (areas, indicators), the SQL views, a chart of a few indicator series, "
                "and the read-only published copy of the warehouse that SQL users open.",
)
def warehouse_views(duckdb: WarehouseResource) -> dg.MaterializeResult:
    """Create the views, then publish the warehouse atomically for readers."""
    from pipelines.charts import chart_markdown

    with duckdb.get_connection() as con:
        reference = load_reference_tables(con)
        views = create_views(con)
        view_rows = [{"view": v, "rows": con.execute(f"SELECT count(*) FROM {v}").fetchall()[0][0]}
                     for v in views]
        chart = chart_markdown(con)
        con.execute("CHECKPOINT")
    published = publish_warehouse(duckdb)
    return dg.MaterializeResult(metadata={
        "views": dg.MetadataValue.md(markdown_table(view_rows, ["view", "rows"])),
        "reference_rows": dg.MetadataValue.json(reference),
        "chart": dg.MetadataValue.md(chart),
        "published": dg.MetadataValue.path(str(published)),
    })


PER_DOCUMENT_ASSETS = [document_tables]
CROSS_DOCUMENT_ASSETS = [removed_documents, validation_findings, warehouse_views]
ASSETS = [*PER_DOCUMENT_ASSETS, *CROSS_DOCUMENT_ASSETS]
