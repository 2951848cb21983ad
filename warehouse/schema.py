"""The warehouse's tables: one declaration that gives the DDL and the column lists.

The contract (../shared/contract.md) fixes the names of `documents`, `facts`,
`partnerships` and `validation_findings` and their first columns; everything
after them is ours. The loader builds its DataFrames from these same column
lists, so a column added here reaches the DDL and the rows at once.

No PRIMARY KEY constraints: ids are unique by construction (rows.py) and the
asset checks verify it, while indexes would slow the bulk loads and block
`ALTER TABLE ... ADD COLUMN` on an existing warehouse.
"""
from __future__ import annotations

import duckdb

from warehouse.dictionary import apply_comments

TABLES: dict[str, dict[str, str]] = {
    "documents": {
        "document_id": "VARCHAR",
        "sha256": "VARCHAR",
        "source_path": "VARCHAR",
        "language": "VARCHAR",
        "title": "VARCHAR",
        "published_on": "DATE",
        "format": "VARCHAR",
        "page_count": "INTEGER",
        "extracted_chars": "INTEGER",
        "extractor_version": "VARCHAR",
    },
    # The text every char_start/char_end points into, so provenance can be checked in SQL.
    "document_texts": {
        "document_id": "VARCHAR",
        "text": "VARCHAR",
        "page_starts": "INTEGER[]",
    },
    # One row per file that could not be read or extracted; replaced when the file is seen again.
    "document_errors": {
        "source_path": "VARCHAR",
        "sha256": "VARCHAR",
        "document_id": "VARCHAR",
        "reason": "VARCHAR",
        "stage": "VARCHAR",
    },
    # What could not be read inside a readable document (an impossible date), one row each.
    "document_warnings": {
        "warning_id": "VARCHAR",
        "document_id": "VARCHAR",
        "kind": "VARCHAR",
        "message": "VARCHAR",
        "char_start": "INTEGER",
        "char_end": "INTEGER",
        "page": "INTEGER",
    },
    "facts": {
        "fact_id": "VARCHAR",
        "document_id": "VARCHAR",
        "indicator": "VARCHAR",
        "area": "VARCHAR",
        "segment": "VARCHAR",
        "period_start": "DATE",
        "period_end": "DATE",
        "value": "DOUBLE",
        "unit": "VARCHAR",
        "qualifier": "VARCHAR",
        "page": "INTEGER",
        "char_start": "INTEGER",
        "char_end": "INTEGER",
        "snippet": "VARCHAR",
        "status": "VARCHAR",
        "undated_period": "VARCHAR",
        "precision": "DOUBLE",
        "stated_change_pct": "DOUBLE",
        "stated_change_decimals": "INTEGER",
        "change_base_fact_id": "VARCHAR",
        "table_id": "VARCHAR",
        "row_label": "VARCHAR",
        "column_label": "VARCHAR",
        "source": "VARCHAR",
        "scale_note": "VARCHAR",
        "alternative_value": "DOUBLE",  # the other reading of ambiguous digits ("1,234" among "12 345")
        "reading_ambiguity": "VARCHAR",
        "mention_count": "INTEGER",
        "table_ids": "VARCHAR[]",
        "reason": "VARCHAR",  # how each attribute was read, and from which cue
        "confidence": "DOUBLE",  # 0..1: validation accuses a source only over sure readings
    },
    # Every number read from a document: the fact it became, or why it did not become one.
    "figures": {
        "figure_id": "VARCHAR",
        "document_id": "VARCHAR",
        "value": "DOUBLE",
        "unit": "VARCHAR",
        "surface": "VARCHAR",
        "page": "INTEGER",
        "char_start": "INTEGER",
        "char_end": "INTEGER",
        "context": "VARCHAR",  # table, prose, text (a number no matcher took)
        "snippet": "VARCHAR",
        "row_label": "VARCHAR",
        "column_label": "VARCHAR",
        "table_id": "VARCHAR",
        "fact_id": "VARCHAR",
        "skip_reason": "VARCHAR",
        "precision": "DOUBLE",  # half a unit of the last printed digit, in base units
        "table_name": "VARCHAR",  # the table's caption or heading, as a reader names it
    },
    # Relations a source states between its figures (a formula in a table header, on each row).
    "fact_relations": {
        "relation_id": "VARCHAR",
        "document_id": "VARCHAR",
        "kind": "VARCHAR",
        "target_fact_id": "VARCHAR",
        "target_figure_id": "VARCHAR",
        "target_value": "DOUBLE",
        "target_precision": "DOUBLE",
        "expected_value": "DOUBLE",
        "operand_fact_ids": "VARCHAR[]",
        "operand_figure_ids": "VARCHAR[]",
        "operand_values": "DOUBLE[]",
        "operand_precisions": "DOUBLE[]",
        "expression": "VARCHAR",
        "formula_text": "VARCHAR",
        "table_id": "VARCHAR",
        "row_label": "VARCHAR",
    },
    # Every place a fact is stated, the first one included.
    "fact_mentions": {
        "mention_id": "VARCHAR",
        "fact_id": "VARCHAR",
        "document_id": "VARCHAR",
        "char_start": "INTEGER",
        "char_end": "INTEGER",
        "page": "INTEGER",
        "snippet": "VARCHAR",
        "source": "VARCHAR",
        "table_id": "VARCHAR",
        "row_label": "VARCHAR",
        "column_label": "VARCHAR",
        "bbox_x0": "DOUBLE",
        "bbox_top": "DOUBLE",
        "bbox_x1": "DOUBLE",
        "bbox_bottom": "DOUBLE",
    },
    "partnerships": {
        "partnership_id": "VARCHAR",
        "document_id": "VARCHAR",
        "name": "VARCHAR",
        "parties": "VARCHAR[]",
        "signed_on": "DATE",
        "signed_precision": "VARCHAR",
        "starts_on": "DATE",
        "ends_on": "DATE",
        "snippet": "VARCHAR",
        "char_start": "INTEGER",
        "char_end": "INTEGER",
        "page": "INTEGER",
        "kind": "VARCHAR",
    },
    "validation_findings": {
        "finding_id": "VARCHAR",
        "check_name": "VARCHAR",
        "severity": "VARCHAR",
        "fact_ids": "VARCHAR[]",
        "message": "VARCHAR",
        "document_id": "VARCHAR",
        "partnership_ids": "VARCHAR[]",
    },
    # Reference vocabularies: names in each language for an area code, labels for indicators.
    "areas": {
        "code": "VARCHAR",
        "name": "VARCHAR",
        "language": "VARCHAR",
        "level": "VARCHAR",
    },
    "indicators": {
        "code": "VARCHAR",
        "label": "VARCHAR",
        "unit": "VARCHAR",
        "phrases": "VARCHAR",  # the wordings that name it, ' | '-separated
        "label_fr": "VARCHAR",  # `label` is the English one
        "label_nl": "VARCHAR",
        "label_de": "VARCHAR",
    },
}

# The tables whose rows belong to one document and are replaced together.
PER_DOCUMENT_TABLES = ("documents", "document_texts", "facts", "fact_mentions", "partnerships", "document_warnings",
                       "figures", "fact_relations")


def columns(table: str) -> list[str]:
    """The column names of a table, in DDL order.

    >>> columns("document_texts")
    ['document_id', 'text', 'page_starts']
    """
    return list(TABLES[table])


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table, and add any column an older warehouse lacks. Safe to run again.

    One transaction: a DuckLake warehouse (warehouse.lake) makes a snapshot per commit."""
    from warehouse.load import transaction  # (warehouse.load imports this module)

    with transaction(con):
        _create_tables(con)


def _create_tables(con: duckdb.DuckDBPyConnection) -> None:
    existing: dict[str, set[str]] = {}
    for table, column in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main'"
    ).fetchall():
        existing.setdefault(table, set()).add(column)
    for table, cols in TABLES.items():
        if table not in existing:
            body = ", ".join(f'"{name}" {type_}' for name, type_ in cols.items())
            con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
            continue
        for name, type_ in cols.items():
            if name not in existing[table]:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {type_}')
    apply_comments(con)  # the data dictionary, so every copy of the file describes itself

