"""The warehouse as the explorer reads it: plain records, over a read-only connection.

The `figures` table (every number read, with `fact_id` NULL and a `skip_reason`
for those that did not become facts) and the `reason` / `confidence` columns of
`facts` are used when the warehouse has them; an older warehouse without them
still gives a complete site, without the third highlight style.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import duckdb

from warehouse.connection import connect
from warehouse.load import read_rows


@dataclass
class Corpus:
    documents: list[dict]
    facts: list[dict]
    mentions: list[dict]
    findings: list[dict]
    errors: list[dict]
    # Numbers read that did not become facts; None when the warehouse has no figures table.
    skipped_figures: list[dict] | None
    indicator_labels: dict[str, str]
    area_names: dict[str, str]
    by_language_format: list[dict] = field(default_factory=list)
    # code -> {language: name} (en, fr, nl, de), and "" -> the other wordings: what a search finds it by.
    area_names_by_language: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def has_figures(self) -> bool:
        return self.skipped_figures is not None

    # Indexes, so a page reads its own rows without scanning the whole corpus.
    @cached_property
    def facts_by_document(self) -> dict[str, list[dict]]:
        return _grouped(self.facts, "document_id")

    @cached_property
    def mentions_by_document(self) -> dict[str, list[dict]]:
        return _grouped(self.mentions, "document_id")

    @cached_property
    def skipped_by_document(self) -> dict[str, list[dict]]:
        return _grouped(self.skipped_figures or [], "document_id")

    @cached_property
    def findings_by_fact(self) -> dict[str, list[dict]]:
        by_fact: dict[str, list[dict]] = {}
        for finding in self.findings:
            for fact_id in finding["fact_ids"] or []:
                by_fact.setdefault(fact_id, []).append(finding)
        return by_fact


def _grouped(rows: list[dict], key: str) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return groups


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ?", [table]
    ).fetchall()}


def read_corpus(con: duckdb.DuckDBPyConnection) -> Corpus:
    """Everything but the texts (read one document at a time by `document_text`)."""
    fact_columns = _columns(con, "facts")
    optional = ", ".join(f"f.{c}" if c in fact_columns else f"NULL AS {c}" for c in ("reason", "confidence"))
    facts = read_rows(con, f"""
        SELECT f.fact_id, f.document_id, f.indicator, f.area, f.segment, f.period_start, f.period_end,
               f.value, f.unit, f.qualifier, f.page, f.char_start, f.char_end, f.snippet, f.status,
               {optional}, substr(t.text, f.char_start + 1, f.char_end - f.char_start) AS written
        FROM facts f LEFT JOIN document_texts t USING (document_id)
        ORDER BY f.indicator, f.area NULLS LAST, f.period_start NULLS LAST, f.segment NULLS FIRST, f.fact_id""")
    mentions = read_rows(con, """
        SELECT mention_id, fact_id, document_id, char_start, char_end, page,
               bbox_x0, bbox_top, bbox_x1, bbox_bottom
        FROM fact_mentions ORDER BY document_id, char_start, mention_id""")
    skipped = None
    if {"document_id", "char_start", "char_end", "fact_id", "skip_reason"} <= _columns(con, "figures"):
        skipped = read_rows(con, """
            SELECT fi.*, substr(t.text, fi.char_start + 1, fi.char_end - fi.char_start) AS written
            FROM figures fi LEFT JOIN document_texts t USING (document_id)
            WHERE fi.fact_id IS NULL ORDER BY fi.document_id, fi.char_start""")
    documents = read_rows(con, """
        SELECT d.document_id, d.sha256, d.source_path, d.language, d.title, d.published_on, d.format,
               d.page_count,
               count(f.fact_id) AS facts, count(f.fact_id) FILTER (f.status = 'flagged') AS flagged
        FROM documents d LEFT JOIN facts f USING (document_id)
        GROUP BY ALL ORDER BY d.source_path""")
    corpus = Corpus(
        documents=documents,
        facts=facts,
        mentions=mentions,
        findings=read_rows(con, """
            SELECT fi.finding_id, fi.check_name, fi.severity, fi.fact_ids, fi.message, fi.document_id
            FROM validation_findings fi ORDER BY fi.severity, fi.check_name, fi.finding_id"""),
        errors=read_rows(con, "SELECT source_path, stage, reason FROM document_errors ORDER BY source_path"),
        skipped_figures=skipped,
        indicator_labels=dict(con.execute(
            "SELECT code, coalesce(label, code) FROM indicators").fetchall()),
        area_names=dict(con.execute(
            "SELECT code, min(name) FILTER (language = 'en') FROM areas GROUP BY code "
            "HAVING min(name) FILTER (language = 'en') IS NOT NULL").fetchall()),
        by_language_format=read_rows(con, """
            SELECT d.language, d.format, count(DISTINCT d.document_id) AS documents, count(f.fact_id) AS facts
            FROM documents d LEFT JOIN facts f USING (document_id)
            GROUP BY ALL ORDER BY d.language, d.format"""),
    )
    for code, language, name in con.execute(
            "SELECT code, coalesce(language, ''), string_agg(DISTINCT name, ' · ' ORDER BY name) FROM areas "
            "GROUP BY ALL ORDER BY ALL").fetchall():
        corpus.area_names_by_language.setdefault(code, {})[language] = name
    for document in documents:
        document["skipped"] = len(corpus.skipped_by_document.get(document["document_id"], []))
    return corpus


def document_text(con: duckdb.DuckDBPyConnection, document_id: str) -> tuple[str, list[int] | None]:
    """A document's extracted text and, for a PDF, the offset where each page starts."""
    row = con.execute("SELECT text, page_starts FROM document_texts WHERE document_id = ?",
                      [document_id]).fetchone()
    return (row[0] or "", row[1]) if row else ("", None)


def connect_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    if not Path(path).exists():
        raise FileNotFoundError(f"No warehouse at {path}: run `make run` first.")
    return connect(path, read_only=True)
