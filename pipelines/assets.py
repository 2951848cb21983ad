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


from pathlib import Path

import dagster as dg
import pandas as pd

from pipelines.folder import document_id_of, scan, source_path_of, unreadable_folders
from pipelines.plan import partition_changes
from pipelines.reading import DocumentOutcome, Progress, read_files
from extractors.version import extractor_fingerprint
from pipelines.resources import RawDocumentsResource, WarehouseResource
from warehouse.load import (
    load_reference_tables,
    publish,
    read_rows,
    remove_documents_gone,
    write_read_documents,
)
from warehouse.lake import lake_settings, publish_snapshot
from warehouse.formatting import format_period, format_value
from warehouse.paths import source_base
from warehouse.schema import create_tables
from warehouse.validate import validate_warehouse
from warehouse.views import create_views

GROUP = "warehouse"
POOL = "duckdb"
PREVIEW_FACTS_PER_DOCUMENT = 12
# Metadata shows the first findings, not all: a large warehouse has tens of thousands, and each
# materialization's metadata is stored (and loaded by the UI) whole. The table holds them all.
SHOWN_FINDINGS = 100


def first_of(rows: list[dict], columns: list[str], shown: int, max_chars: int = 80, total: int | None = None) -> str:
    """A markdown table of the first `shown` rows, saying how many the warehouse holds (`total`, when
    `rows` are already only the first ones).

    >>> print(first_of([{"a": 1}, {"a": 2}], ["a"], 1))
    | a |
    |---|
    | 1 |
    <BLANKLINE>
    The first 1 of 2 rows; the warehouse table holds them all.
    """
    total = len(rows) if total is None else total
    table = markdown_table(rows[:shown], columns, max_chars=max_chars)
    if total <= shown:
        return table
    return f"{table}\n\nThe first {shown} of {total} rows; the warehouse table holds them all."


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
    if lake_settings() is not None:  # a snapshot of the lake, where readers look for the published copy
        with duckdb.get_connection() as con:
            return publish_snapshot(con, duckdb.published_path())
    return publish(duckdb.database_path(), duckdb.published_path(), checkpoint=False)


# --------------------------------------------------------------------------
# one partition per document
# --------------------------------------------------------------------------


@dg.op(description="Load and extract each file of the run's partitions (no warehouse access), "
                   "in a pool of processes when there are many.")
def read_documents(context: dg.OpExecutionContext, raw_documents: RawDocumentsResource) -> dict:
    root = documents_root(raw_documents)
    files = [(key, source_path_of(key)) for key in context.partition_keys]
    outcomes: dict[str, DocumentOutcome] = {}
    progress = Progress(len(files))
    for outcome in read_files(files, source_base(root), root):
        outcomes[outcome.key] = outcome
        (context.log.warning if outcome.error else context.log.info)(progress.line(outcome))
    # In the partitions' order, whatever order they finished in: of two files with the same bytes,
    # the same one's path is kept on every run.
    return {key: outcomes[key] for key, _ in files if key in outcomes}


class PublishConfig(dg.Config):
    publish: bool = True
    """Publish the warehouse after writing; `python -m pipelines.run` publishes once, at the end, instead."""


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
def write_documents(context: dg.OpExecutionContext, config: PublishConfig, duckdb: WarehouseResource,
                    outcomes: dict):
    context.log.info(f"Writing the rows of {len(outcomes)} files")
    with duckdb.get_connection() as con:
        create_tables(con)
        counts = write_read_documents(con, outcomes.values(),
                                      lambda path, reason: context.log.error(f"{path} (write): {reason}"))
        metadata = partition_metadata(con, outcomes)
        totals = table_totals(con)
        con.execute("CHECKPOINT")
    published = publish_warehouse(duckdb) if config.publish else None
    context.log.info(", ".join(f"{n} {what}" for what, n in counts.items())
                     + (f"; published {published}" if published else ""))
    if len(outcomes) == 1:
        for name, values in next(iter(metadata.values())).items():
            totals[name].update(values)
    else:
        add_partition_metadata(context, metadata)
    totals["documents"]["run_counts"] = dg.MetadataValue.json(counts)
    for name in TABLE_ASSETS:
        yield dg.Output(None, output_name=name, metadata=totals[name])


def add_partition_metadata(context: dg.OpExecutionContext, metadata: dict[str, dict[str, dict]]) -> None:
    """Metadata for each partition's materialization of a range: that file's own rows.

    What the step context's add_asset_metadata does (the op context has none) for every partition
    and asset at once: called once per partition and asset, it queries the instance and copies
    and checks everything added so far (1,000 files: 25 s).
    """
    from dagster._core.execution.context.metadata_logging import AssetMetadataHandle, OutputMetadataAccumulator

    step = context.get_step_execution_context()
    added = {AssetMetadataHandle(asset_key=dg.AssetKey(name), partition_key=key): values
             for key, by_asset in metadata.items() for name, values in by_asset.items()}
    step._metadata_accumulator = OutputMetadataAccumulator(  # noqa: SLF001
        per_output_metadata={**step._metadata_accumulator.per_output_metadata, **added})  # noqa: SLF001


def table_totals(con) -> dict[str, dict]:
    """Each per-document table's row count, as metadata."""
    return {name: {"table_rows": con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0]}
            for name in TABLE_ASSETS}


def readable_fact(row: dict) -> dict:
    """A fact row as the previews and checks show it: its value with its unit, its period in one cell
    (`warehouse.formatting`, as the findings and the explorer write them).

    >>> readable_fact({"value": 1085094000.0, "unit": "EUR", "period_start": None, "period_end": None})
    {'value': '1 085 094 000 €', 'period': 'undated'}
    """
    row["value"] = format_value(row["value"], row.pop("unit", None))
    row["period"] = format_period(row.pop("period_start", None), row.pop("period_end", None))
    return row


def partition_metadata(con, outcomes: dict) -> dict[str, dict[str, dict]]:
    """partition key -> asset -> the metadata of that file alone: its rows, a preview of them, its error."""
    by_path = {o.source_path: o.key for o in outcomes.values()}
    con.register("run_paths", pd.DataFrame({"source_path": list(by_path)}, dtype=object))
    try:
        documents = read_rows(con, """
            SELECT d.source_path, d.document_id, d.sha256, d.format, d.language, d.title, d.published_on,
                   d.page_count, (SELECT count(*) FROM facts f WHERE f.document_id = d.document_id) AS facts,
                   (SELECT count(*) FROM fact_mentions m WHERE m.document_id = d.document_id) AS mentions
            FROM documents d WHERE d.source_path IN (SELECT source_path FROM run_paths)""")
        facts = read_rows(con, """
            SELECT d.source_path, f.indicator, f.area, f.segment, f.period_start, f.period_end,
                   f.value, f.unit, f.status, f.page, f.mention_count AS mentions, f.snippet
            FROM facts f JOIN documents d USING (document_id)
            WHERE d.source_path IN (SELECT source_path FROM run_paths)
            QUALIFY row_number() OVER (PARTITION BY f.document_id ORDER BY f.char_start, f.fact_id) <= ?
            ORDER BY d.source_path, f.char_start, f.fact_id""", [PREVIEW_FACTS_PER_DOCUMENT])
        partnerships = read_rows(con, """
            SELECT d.source_path, p.name, p.parties, p.signed_on, p.starts_on, p.ends_on
            FROM partnerships p JOIN documents d USING (document_id)
            WHERE d.source_path IN (SELECT source_path FROM run_paths)
            ORDER BY d.source_path, p.char_start""")
        errors = read_rows(con, """
            SELECT source_path, stage, reason FROM document_errors
            WHERE source_path IN (SELECT source_path FROM run_paths)""")
    finally:
        con.unregister("run_paths")

    def grouped(rows):
        groups: dict[str, list[dict]] = {}
        for row in rows:
            groups.setdefault(row["source_path"], []).append(row)
        return groups

    documents, facts, partnerships, errors = map(grouped, (documents, facts, partnerships, errors))
    metadata = {}
    for source_path, key in by_path.items():
        [document] = documents.get(source_path) or [None]
        [error] = errors.get(source_path) or [None]
        own_facts = facts.get(source_path, [])
        for row in own_facts:
            readable_fact(row)
        own_partnerships = partnerships.get(source_path, [])
        state = ("the file is gone; its rows left the warehouse" if outcomes[key].missing
                 else "no rows: the file could not be read" if document is None else None)
        metadata[key] = {
            "documents": {
                "dagster/row_count": int(document is not None),
                # (what `make run` prints for the file)
                "facts": document["facts"] if document else 0,
                "read_seconds": round(outcomes[key].seconds, 3),
                # (a file deleted while the run read it: not a document read)
                **({"gone": True} if outcomes[key].missing else {}),
                **({"error": f"{error['stage']}: {error['reason']}"} if error else {}),
                **({"document_id": document["document_id"], "sha256": document["sha256"],
                    "preview": dg.MetadataValue.md(markdown_table([document], [
                        "source_path", "document_id", "format", "language", "title", "published_on",
                        "page_count", "facts", "mentions"]))}
                   if document else {"preview": dg.MetadataValue.md(state.capitalize() + ".")}),
            },
            "facts": {
                "dagster/row_count": document["facts"] if document else 0,
                "mentions": document["mentions"] if document else 0,
                "preview": dg.MetadataValue.md(
                    markdown_table(own_facts, ["indicator", "area", "segment", "period", "value", "status", "page", "mentions", "snippet"], max_chars=60)
                    + ("" if len(own_facts) < PREVIEW_FACTS_PER_DOCUMENT
                       else f"\n\nThe first {PREVIEW_FACTS_PER_DOCUMENT} of {document['facts']} facts.")
                    if own_facts else ("No facts in this document." if document else state.capitalize() + ".")),
            },
            "partnerships": {
                "dagster/row_count": len(own_partnerships),
                "preview": dg.MetadataValue.md(
                    markdown_table(own_partnerships, ["name", "parties", "signed_on", "starts_on", "ends_on"])
                    if own_partnerships else "No partnerships in this document."),
            },
            "document_errors": {
                "dagster/row_count": int(error is not None),
                "error": dg.MetadataValue.md(
                    markdown_table([error], ["stage", "reason"], max_chars=300) if error
                    else "The file was read and its rows written."),
            },
        }
    return metadata


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
def removed_documents(context: dg.AssetExecutionContext, config: PublishConfig, duckdb: WarehouseResource,
                      raw_documents: RawDocumentsResource) -> dg.MaterializeResult:
    root = documents_root(raw_documents)
    files = scan(root)
    hidden = unreadable_folders(files)
    with duckdb.get_connection() as con:
        create_tables(con)
        gone = remove_documents_gone(con, [f.source_path for f in files.values()],
                                     [document_id_of(f.sha256) for f in files.values() if f.sha256], hidden)
        con.execute("CHECKPOINT")
    _, stale_partitions = partition_changes(files, context.instance.get_dynamic_partitions(document_files.name))
    for key in stale_partitions:
        context.instance.delete_dynamic_partition(document_files.name, key)
    if config.publish:
        publish_warehouse(duckdb)
    return dg.MaterializeResult(metadata={
        "dagster/row_count": len(gone),
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
def validation_findings(context: dg.AssetExecutionContext, config: PublishConfig,
                        duckdb: WarehouseResource) -> dg.MaterializeResult:
    """Run every validation rule over the whole warehouse and replace the findings."""
    import validation

    context.log.info("Running the validation rules over the warehouse")
    with duckdb.get_connection() as con:
        create_tables(con)
        written = validate_warehouse(con)
        by_check = read_rows(con, """
            SELECT CASE WHEN check_name IN (SELECT unnest(?)) THEN 'source error' ELSE 'pipeline' END AS about,
                   check_name, severity, count(*) AS findings FROM validation_findings
            GROUP BY ALL ORDER BY about DESC, check_name, severity""", [sorted(validation.SOURCE_ERROR_CHECKS)])
        table = read_rows(con, """
            SELECT fi.check_name, fi.severity, d.source_path, fi.message
            FROM validation_findings fi LEFT JOIN documents d USING (document_id)
            ORDER BY fi.severity, fi.check_name, fi.finding_id LIMIT ?""", [SHOWN_FINDINGS])
        [(flagged,)] = con.execute("SELECT count(*) FROM facts WHERE status = 'flagged'").fetchall()
        con.execute("CHECKPOINT")
    if config.publish:
        publish_warehouse(duckdb)
    return dg.MaterializeResult(metadata={
        "dagster/row_count": written,
        "flagged_facts": flagged,
        "by_check": dg.MetadataValue.md(markdown_table(by_check, ["about", "check_name", "severity", "findings"])
                                        if by_check else "No findings."),
        "findings": dg.MetadataValue.md(
            first_of(table, ["check_name", "severity", "source_path", "message"], SHOWN_FINDINGS, max_chars=300,
                     total=written) if table else "No findings."),
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
