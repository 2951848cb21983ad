"""The data dictionary: what every table, view and column of the warehouse holds.

One description per name, used three ways:
- `apply_comments(con)` writes them into the database as `COMMENT ON TABLE/VIEW/COLUMN`
  (schema.create_tables and views.create_views call it, so the published copy,
  a file copy of the warehouse, carries them: `SELECT * FROM duckdb_columns()`);
- `column_descriptions(table)` gives them to the Dagster assets as column metadata
  (pipelines.column_metadata);
- `python -m warehouse.dictionary --markdown` prints the README's "Data dictionary"
  section (`--readme` rewrites that section in place; a test keeps both in step).

A column added to schema.TABLES (or a view column added in views.sql) needs its
description here: tests/test_dictionary.py fails on any name without one.
View columns taken unchanged from a table (`area`, `snippet`, ...) inherit that
table's description; only renamed or computed ones are described in VIEWS.
"""
from __future__ import annotations

import argparse
import re
import sys

import duckdb

TABLE_DESCRIPTIONS: dict[str, str] = {
    "documents": "One row per source document that was read (contract table).",
    "document_texts": "The text extracted from each document: every char_start/char_end of the warehouse points into it.",
    "document_errors": "One row per file that could not be read or extracted, with the reason; replaced when the file is seen again.",
    "document_warnings": "What could not be read inside a readable document (an impossible date such as 30 février), one row each.",
    "facts": "One row per distinct figure a document states, with its meaning, value in base units and place (contract table).",
    "fact_mentions": "Every place a fact is stated in its document, the first one included.",
    "partnerships": "Agreements, conventions, cooperation plans and projects a document reports (contract table).",
    "validation_findings": "What validation found: a source contradicting itself or a suspicious figure (contract table).",
    "areas": "Area vocabulary: each area code's name in French, Dutch, German and English, and the other wordings the extractors recognise.",
    "indicators": "Indicator vocabulary: code, labels in four languages, unit, and the phrases that name it.",
    "figures": "Every number read from a document: the fact it became, or why it did not become one (skip_reason).",
    "fact_relations": "Relations a source states between its figures, such as a formula in a table header applied to each row.",
}

_OFFSET = "0-based offset in document_texts.text (Python slicing: text[char_start:char_end] is the figure as written)"
_OFFSET_END = "End (exclusive) of the figure in document_texts.text: text[char_start:char_end] is the figure as written"
_PAGE = "1-based page for paged sources (PDF), else NULL"
_DOCUMENT_ID = "→ documents.document_id"

COLUMN_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "documents": {
        "document_id": "Stable id of the document, derived from its bytes (doc_ + SHA-256 prefix)",
        "sha256": "Hex SHA-256 of the raw file's bytes",
        "source_path": "Path of the raw file, relative to the project root (or to the documents folder outside it)",
        "language": "ISO 639-1 code of the main language: fr, nl, de or en",
        "title": "Best title found in the document (may be NULL)",
        "published_on": "Publication date when the document states one (may be NULL)",
        "format": "File format read: txt, md, html or pdf",
        "page_count": "Number of pages for a PDF, else NULL",
        "extracted_chars": "Length of the extracted text in characters",
        "extractor_version": "Package version and fingerprint of the extractors' code that read the document",
    },
    "document_texts": {
        "document_id": _DOCUMENT_ID,
        "text": "The extracted text, as the offsets count it",
        "page_starts": "For a PDF, the 0-based offset in text where each page begins, in page order (in SQL page_starts[n] for page n: lists count from 1)",
    },
    "document_errors": {
        "source_path": "Path of the file that failed, as documents.source_path would be",
        "sha256": "Hex SHA-256 of the file's bytes, when they could be read",
        "document_id": "The id the document would have (NULL when the bytes could not be read)",
        "reason": "Why it failed, in a sentence a person can act on",
        "stage": "Where it failed: load (reading the file), extract (finding its facts) or write (storing its rows; its earlier rows stay)",
    },
    "document_warnings": {
        "warning_id": "Stable id of the warning",
        "document_id": _DOCUMENT_ID,
        "kind": "What went wrong, e.g. unreadable_date",
        "message": "The warning, quoting what was read",
        "char_start": "Start of the passage concerned: " + _OFFSET,
        "char_end": "End (exclusive) of the passage concerned",
        "page": _PAGE,
    },
    "facts": {
        "fact_id": "Stable id: the same document and figure give the same id on every run",
        "document_id": _DOCUMENT_ID,
        "indicator": "What the figure measures: a code of the indicators table",
        "area": "Where: a code of the areas table (NULL when none applies)",
        "segment": "Who or what the figure is about, as kind:value dimensions joined by | (sex:female|age:15-24, program:FREJ:critere 1); NULL for the whole",
        "period_start": "First day the figure covers (NULL when undated)",
        "period_end": "Last day the figure covers (NULL when undated)",
        "value": "The figure in base units: euros not millions, persons not thousands, 9.2 for 9,2 %",
        "unit": "percent, persons, count, EUR, km2 or years",
        "qualifier": "NULL for exact; approx (environ, près de), min (plus de), max (moins de)",
        "page": "Page of the first statement: " + _PAGE,
        "char_start": "Start of the first statement: " + _OFFSET,
        "char_end": "End (exclusive) of the first statement's figure",
        "snippet": "The sentence or table row the figure was first read from",
        "status": "valid, or flagged when a validation finding concerns the fact",
        "undated_period": "A quarter the source names without a year when nothing dates it (Q3), else NULL: it keeps two such figures apart",
        "precision": "Half the unit of the last digit as written, in base units (400,4 M€ gives 50000)",
        "stated_change_pct": "Change in percent the document states beside the figure (Évolution), if any",
        "stated_change_decimals": "Decimals the stated change was written with",
        "change_base_fact_id": "The fact the stated change compares with (→ facts.fact_id)",
        "table_id": "Table the first statement stands in (NULL for prose)",
        "row_label": "Row heading of that table cell",
        "column_label": "Column heading of that table cell",
        "source": "Where the first statement was read: table or prose",
        "scale_note": "The scale written apart from the figure (En millions d'euros), when one applied",
        "alternative_value": "The other reading of digits that read two ways (1,234 in a column that groups "
                             "thousands with spaces: 1234 rather than 1.234), in base units; NULL when unambiguous",
        "reading_ambiguity": "Why the figure reads two ways and which reading `value` kept; NULL when unambiguous",
        "mention_count": "How many places in the document state this figure",
        "table_ids": "Every table the figure stands in",
        "reason": "How each attribute was read and from which cue (row label, column header, caption, sentence)",
        "confidence": "How sure the reading is, 0 to 1; validation accuses a source only over facts read with confidence",
    },
    "figures": {
        "figure_id": "Stable id of the number: its document and offsets",
        "document_id": _DOCUMENT_ID,
        "value": "The number in base units (NULL-free; for a number not read as a figure, its digits)",
        "unit": "Unit written with it, when any: percent, EUR, km2, points",
        "surface": "The number as written",
        "page": _PAGE,
        "char_start": _OFFSET,
        "char_end": _OFFSET_END,
        "context": "Where it stands: table, prose, or text (a number no matcher took)",
        "snippet": "The table row or the sentence around it",
        "row_label": "Row heading, for a table cell",
        "column_label": "Column header path, for a table cell",
        "table_id": "The table it stands in",
        "fact_id": "→ facts.fact_id, when it became a fact",
        "skip_reason": "Why it is no fact (no indicator cue, part of a date, legal reference, column number, …); NULL for a fact",
        "precision": "Half a unit of the last digit as printed, in base units (what its rounding may hide)",
        "table_name": "What a reader calls its table: the caption nearest the table, else its section's heading",
    },
    "fact_relations": {
        "relation_id": "Stable id of the relation",
        "document_id": _DOCUMENT_ID,
        "kind": "formula: a formula stated in a table header, applied to one row",
        "target_fact_id": "→ facts.fact_id of the cell the formula gives, when that cell is a fact",
        "target_figure_id": "→ figures.figure_id of the cell the formula gives",
        "target_value": "The value printed in that cell",
        "target_precision": "Half the unit of the last digit printed in that cell",
        "expected_value": "A constant the operands should give (e.g. 100 for shares), when there is no target cell",
        "operand_fact_ids": "→ facts.fact_id of each operand cell, in order (NULL where the cell is no fact)",
        "operand_figure_ids": "→ figures.figure_id of each operand cell, in order",
        "operand_values": "The operands' printed values, in order",
        "operand_precisions": "The operands' precisions, in order",
        "expression": "The formula over the operands x0, x1, … (x0 + x1, x0 * x1 / x2)",
        "formula_text": "The formula as the header writes it",
        "table_id": "The table the formula belongs to",
        "row_label": "The row it is applied to",
    },
    "fact_mentions": {
        "mention_id": "Stable id of the mention",
        "fact_id": "→ facts.fact_id",
        "document_id": _DOCUMENT_ID,
        "char_start": "Start of the figure: " + _OFFSET,
        "char_end": "End (exclusive) of the figure",
        "page": _PAGE,
        "snippet": "The sentence or table row of this statement",
        "source": "table or prose",
        "table_id": "Table of the statement (NULL for prose)",
        "row_label": "Row heading of the table cell",
        "column_label": "Column heading of the table cell",
        "bbox_x0": "PDF only: left edge of the figure on its page, in points from the left",
        "bbox_top": "PDF only: top edge of the figure, in points from the top of the page",
        "bbox_x1": "PDF only: right edge of the figure, in points from the left",
        "bbox_bottom": "PDF only: bottom edge of the figure, in points from the top of the page",
    },
    "partnerships": {
        "partnership_id": "Stable id of the agreement",
        "document_id": _DOCUMENT_ID,
        "name": "Name of the agreement or project as written",
        "parties": "The parties as written in the document",
        "signed_on": "Signature date (a year-only date is January 1 with signed_precision = year)",
        "signed_precision": "day, month, year or NULL",
        "starts_on": "First day the agreement covers, when stated",
        "ends_on": "Last day the agreement covers, when stated",
        "snippet": "The sentence it was read from",
        "char_start": "Start of the sentence: " + _OFFSET,
        "char_end": "End (exclusive) of the sentence",
        "page": _PAGE,
        "kind": "agreement, convention, declaration_of_intent, programme or project (from the noun that names it)",
    },
    "validation_findings": {
        "finding_id": "Stable id of the finding",
        "check_name": "The validation rule, e.g. stated_change_mismatch, parts_do_not_sum_to_total",
        "severity": "error (the source contradicts itself or is impossible) or warning (suspicious)",
        "fact_ids": "The facts it concerns (→ facts.fact_id); they get status flagged",
        "message": "One sentence a person can act on, with the numbers",
        "document_id": "The document concerned, when the finding is about one document",
        "partnership_ids": "The partnerships it concerns (→ partnerships.partnership_id)",
    },
    "areas": {
        "code": "Area code: ISO 3166 / 3166-2 where one exists, else an upper-case code (BENELUX)",
        "name": "A name of the area",
        "language": "fr, nl, de or en: the area's name in that language (one per code and language); "
                    "NULL: another wording the extractors recognise",
        "level": "country, region, former_region, departement, province, union or programme_area",
    },
    "indicators": {
        "code": "Indicator code, as in facts.indicator",
        "label": "Label in English",
        "unit": "Unit of its values, as in facts.unit",
        "phrases": "Regular expressions (on lower-case text without accents) that name it, ' | '-separated",
        "label_fr": "Label in French",
        "label_nl": "Label in Dutch",
        "label_de": "Label in German",
    },
}

VIEW_DESCRIPTIONS: dict[str, str] = {
    "v_unemployment_rates": "Unemployment rates by area and period, with where each was read.",
    "v_budget_lines": "Money voted (budget), spent (spending) and committed (commitment_authority), by year and budget line.",
    "v_apprenticeship": "Apprentices, contracts, training centres, trade campuses and unfilled offers, and apprenticeship budget lines.",
    "v_partnership_timeline": "Agreements in the order they were signed (or began), with the document that reports them.",
    "v_findings_with_facts": "One row per finding and fact it concerns, with the fact's figure and place.",
    "v_fact_dimensions": "One row per fact and dimension of its segment (a fact crossing sex and age is two rows).",
}

# Columns a view renames or computes; the others are described by the table they come from.
VIEW_COLUMN_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "v_unemployment_rates": {"rate_pct": "The unemployment rate in percent (facts.value)"},
    "v_budget_lines": {
        "year": "Year of period_start",
        "line": "Budget line: the segment without its line: prefix, total when the fact names none",
        "amount_eur": "Amount in euros (facts.value)",
    },
    "v_partnership_timeline": {
        "dated_on": "Signature date, else the first day covered",
        "reported_in": "Title of the document that reports the agreement",
    },
    "v_findings_with_facts": {"finding_id": "Stable id of the finding"},
    "v_fact_dimensions": {
        "kind": "The dimension's kind: typed age, sex, sector, line, level; named program, project, org, funder, "
                "domain, group, type, language, origin, label",
        "dimension_value": "Its value: normalised for typed kinds (age:15-24, sex:female), the name as written otherwise",
        "sub_line": "What follows the value, a part of it (program:FREJ:critere 1 gives critere 1), else NULL",
    },
}
# Where a view's columns that keep their name come from, searched in this order.
VIEW_SOURCES: dict[str, tuple[str, ...]] = {
    "v_partnership_timeline": ("partnerships", "documents"),
    "v_findings_with_facts": ("validation_findings", "facts", "documents"),
}
_DEFAULT_VIEW_SOURCES = ("facts", "documents")


def column_descriptions(table: str, con: duckdb.DuckDBPyConnection | None = None) -> dict[str, str]:
    """Column → description of a table or view, in the database's column order.

    A view's columns are read from `con` (default: an in-memory warehouse built from
    schema.py and views.sql).

    >>> column_descriptions("documents")["language"]
    'ISO 639-1 code of the main language: fr, nl, de or en'
    >>> column_descriptions("v_unemployment_rates")["area"]
    'Where: a code of the areas table (NULL when none applies)'
    """
    if table in COLUMN_DESCRIPTIONS:
        return dict(COLUMN_DESCRIPTIONS[table])
    own = VIEW_COLUMN_DESCRIPTIONS.get(table, {})
    described = {}
    for column in _view_columns(table, con):
        sources = VIEW_SOURCES.get(table, _DEFAULT_VIEW_SOURCES)
        inherited = (COLUMN_DESCRIPTIONS[t].get(column) for t in sources)
        described[column] = own.get(column) or next((d for d in inherited if d), "")
    return described


def _view_columns(view: str, con: duckdb.DuckDBPyConnection | None) -> list[str]:
    if con is None:
        with reference_warehouse() as memory:
            return _view_columns(view, memory)
    return [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [view]).fetchall()]


def reference_warehouse() -> duckdb.DuckDBPyConnection:
    """An empty in-memory warehouse with every table and view (and their comments)."""
    from warehouse.views import create_views

    con = duckdb.connect(":memory:")
    create_views(con)
    return con


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def apply_comments(con: duckdb.DuckDBPyConnection) -> int:
    """COMMENT ON every table, view and column this module describes that exists in `con`
    and does not carry its description yet. Returns how many comments were written."""
    current = {(t, None): c for t, c in con.execute(
        "SELECT table_name, comment FROM duckdb_tables() WHERE schema_name = 'main' "
        "UNION ALL SELECT view_name, comment FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal"
    ).fetchall()}
    current |= {(t, col): c for t, col, c in con.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'main'").fetchall()}
    views = set(con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall())
    # A DuckLake catalog (warehouse.lake) keeps no comments on a view's columns; its published copy does.
    [(in_lake,)] = con.execute(
        "SELECT count(*) > 0 FROM duckdb_databases() WHERE database_name = current_database() AND type = 'ducklake'"
    ).fetchall()
    statements = []
    for name, description in {**TABLE_DESCRIPTIONS, **VIEW_DESCRIPTIONS}.items():
        if (name, None) not in current:
            continue
        if current[(name, None)] != description:
            kind = "VIEW" if (name,) in views else "TABLE"
            statements.append(f"COMMENT ON {kind} {name} IS {_quote(description)}")
        if in_lake and (name,) in views:
            continue
        for column, text in column_descriptions(name, con).items():
            if text and (name, column) in current and current[(name, column)] != text:
                statements.append(f'COMMENT ON COLUMN {name}."{column}" IS {_quote(text)}')
    for statement in statements:
        con.execute(statement)
    return len(statements)


def markdown() -> str:
    """The README's "Data dictionary" section body: one table per table and view."""
    from warehouse.schema import TABLES
    from warehouse.views import view_names

    lines = []
    with reference_warehouse() as con:
        types = {(t, c): ty for t, c, ty in con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns()").fetchall()}
        for name in [*TABLES, *view_names()]:
            kind = "view" if name in VIEW_DESCRIPTIONS else "table"
            description = TABLE_DESCRIPTIONS.get(name) or VIEW_DESCRIPTIONS.get(name, "")
            lines += [f"#### `{name}` ({kind})", "", description, "", "| column | type | meaning |",
                      "|---|---|---|"]
            for column, text in column_descriptions(name, con).items():
                lines.append(f"| {column} | {types[(name, column)]} | {text.replace('|', '&#124;')} |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


README_START = "<!-- data dictionary: generated by `python -m warehouse.dictionary --readme`; do not edit by hand -->\n"
README_END = "<!-- end of data dictionary -->"


def readme_section(readme: str) -> str:
    """The generated part of the README, between its two markers."""
    match = re.search(re.escape(README_START) + r"(.*?)" + re.escape(README_END), readme, re.S)
    if not match:
        raise ValueError("README.md has no data dictionary markers")
    return match.group(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The warehouse's data dictionary.")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--markdown", action="store_true", help="print the README section")
    group.add_argument("--readme", action="store_true", help="rewrite the section in README.md")
    args = parser.parse_args(argv)
    text = markdown()
    if args.markdown:
        sys.stdout.write(text)
        return 0
    from warehouse.paths import PROJECT_ROOT

    path = PROJECT_ROOT / "README.md"
    readme = path.read_text(encoding="utf-8")
    path.write_text(readme.replace(README_START + readme_section(readme), README_START + text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
