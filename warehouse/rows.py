"""From one DocumentResult to the warehouse rows of that document.

Extraction reports every statement of a figure as its own Fact; here the
statements of one figure (same `Fact.key()`) become one `facts` row and one
`fact_mentions` row per place. Every id is derived from the content, so the
same document gives the same ids on every run.
"""
from __future__ import annotations

from importlib import metadata

import pandas as pd

from extractors.model import DocumentResult, Fact, FigureRecord, Partnership, Relation, stable_id
from warehouse.schema import TABLES, columns

# Pandas dtypes that keep NULLs as NULLs: an INTEGER column with a None must not become 3.0/NaN.
_DTYPES = {"INTEGER": "Int64", "DOUBLE": "Float64"}


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A DataFrame with exactly the table's columns, in order, typed for a clean insert.

    >>> frame("document_texts", [{"document_id": "doc_1", "text": "9,2 %"}]).columns.tolist()
    ['document_id', 'text', 'page_starts']
    """
    df = pd.DataFrame(rows, columns=columns(table))
    dtypes = {c: _DTYPES[t] for c, t in TABLES[table].items() if t in _DTYPES}
    return df.astype(dtypes) if dtypes else df


def extractor_version() -> str:
    """The package version and a fingerprint of the extractors' code, recorded with each document
    to say what read it (a changed extractor makes the document stale)."""
    from extractors.version import extractor_fingerprint

    try:
        version = metadata.version("regional-facts-etl")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"regional-facts-etl {version}+{extractor_fingerprint()}"


def fact_id(document_id: str, fact: Fact) -> str:
    """Stable id of a figure within a document: the document and the figure's key."""
    return "f_" + stable_id(document_id, *fact.key())


def partnership_id(document_id: str, p: Partnership) -> str:
    """Stable id of an agreement: the document, its name and its dates."""
    return "p_" + stable_id(document_id, p.name, p.signed_on, p.starts_on, p.ends_on)


def _first(values):
    return next((v for v in values if v is not None), None)


def _fact_rows(document_id: str, facts: list[Fact]) -> tuple[list[dict], list[dict]]:
    """Merge the statements of each figure: one fact row each, and all their mentions."""
    by_key: dict[tuple, list[Fact]] = {}
    for fact in sorted(facts, key=lambda f: (f.mention.char_start, f.mention.char_end)):
        by_key.setdefault(fact.key(), []).append(fact)
    ids = {key: fact_id(document_id, group[0]) for key, group in by_key.items()}

    fact_rows, mention_rows = [], []
    for key, group in by_key.items():
        first = group[0]  # the earliest statement gives the fact its page, offsets and snippet
        with_change = next((f for f in group if f.stated_change_pct is not None), None)
        base = _first(f.compared_with for f in group)
        mentions = {}
        for f in group:
            m = f.mention
            mention_id = stable_id(ids[key], m.char_start, m.char_end)
            x0, top, x1, bottom = m.bbox or (None, None, None, None)
            mentions.setdefault(mention_id, {
                "mention_id": mention_id, "fact_id": ids[key], "document_id": document_id,
                "char_start": m.char_start, "char_end": m.char_end, "page": m.page,
                "snippet": m.snippet, "source": m.source, "table_id": m.table_id,
                "row_label": m.row_label, "column_label": m.column_label,
                "bbox_x0": x0, "bbox_top": top, "bbox_x1": x1, "bbox_bottom": bottom,
            })
        mention_rows.extend(mentions.values())
        fact_rows.append({
            "fact_id": ids[key], "document_id": document_id,
            "indicator": first.indicator, "area": first.area, "segment": first.segment,
            "period_start": first.period_start, "period_end": first.period_end,
            "undated_period": first.undated_period,
            "value": first.value, "unit": first.unit,
            "qualifier": _first(f.qualifier for f in group),
            "page": first.mention.page, "char_start": first.mention.char_start,
            "char_end": first.mention.char_end, "snippet": first.mention.snippet,
            "status": "valid",
            # The finest statement wins: "400,4" tells more than "400" about the same figure.
            "precision": min(f.precision for f in group),
            "stated_change_pct": with_change.stated_change_pct if with_change else None,
            "stated_change_decimals": with_change.stated_change_decimals if with_change else None,
            # Only a base figure the document also yields can be referenced.
            "change_base_fact_id": ids.get(base.key()) if base is not None else None,
            "table_id": first.mention.table_id, "row_label": first.mention.row_label,
            "column_label": first.mention.column_label, "source": first.mention.source,
            "scale_note": _first(f.scale_note for f in group),
            "alternative_value": _first(f.alternative_value for f in group),
            "reading_ambiguity": _first(f.reading_ambiguity for f in group),
            "mention_count": len(mentions),
            # Every table the figure stands in: a line repeated in two tables still adds up in both.
            "table_ids": sorted({f.mention.table_id for f in group if f.mention.table_id}),
            "reason": first.reason,
            # A figure is as sure as its least sure statement.
            "confidence": min(f.confidence for f in group),
        })
    return fact_rows, mention_rows


def figure_id(document_id: str, record: FigureRecord) -> str:
    return "g_" + stable_id(document_id, record.char_start, record.char_end)


def _figure_rows(document_id: str, records: list[FigureRecord], kept: list[Fact]) -> list[dict]:
    """One row per number; `kept` are the facts that reach the warehouse (an implausible one does not:
    extractors/label/plausibility.py gave its figure the reason)."""
    kept_ids = {id(f) for f in kept}
    rows: dict[str, dict] = {}
    for r in sorted(records, key=lambda r: (r.char_start, r.char_end)):
        gid = figure_id(document_id, r)
        is_fact = r.fact is not None and id(r.fact) in kept_ids
        reason = r.skip_reason or "not labelled"
        rows.setdefault(gid, {
            "figure_id": gid, "document_id": document_id, "value": r.value, "unit": r.unit,
            "surface": r.surface, "page": r.page, "char_start": r.char_start, "char_end": r.char_end,
            "context": r.context, "snippet": r.snippet, "row_label": r.row_label, "column_label": r.column_label,
            "table_id": r.table_id, "fact_id": fact_id(document_id, r.fact) if is_fact else None,
            "skip_reason": None if is_fact else reason,
            "precision": r.precision, "table_name": r.table_name,
        })
    return list(rows.values())


def _relation_rows(document_id: str, relations: list[Relation], kept: list[Fact]) -> list[dict]:
    kept_ids = {id(f) for f in kept}

    def fid(r: FigureRecord):
        return fact_id(document_id, r.fact) if r.fact is not None and id(r.fact) in kept_ids else None

    rows: dict[str, dict] = {}
    for rel in relations:
        rid = "r_" + stable_id(document_id, figure_id(document_id, rel.target), rel.formula_text)
        rows.setdefault(rid, {
            "relation_id": rid, "document_id": document_id, "kind": rel.kind,
            "target_fact_id": fid(rel.target), "target_figure_id": figure_id(document_id, rel.target),
            "target_value": rel.target.value, "target_precision": rel.target.precision, "expected_value": None,
            "operand_fact_ids": [fid(o) for o in rel.operands],
            "operand_figure_ids": [figure_id(document_id, o) for o in rel.operands],
            "operand_values": [o.value for o in rel.operands],
            "operand_precisions": [o.precision for o in rel.operands],
            "expression": rel.expression, "formula_text": rel.formula_text, "table_id": rel.table_id,
            "row_label": rel.row_label,
        })
    return list(rows.values())
def _partnership_rows(document_id: str, partnerships: list[Partnership]) -> list[dict]:
    """One row per distinct agreement; a repeated one keeps its first statement."""
    rows: dict[str, dict] = {}
    for p in sorted(partnerships, key=lambda p: (p.char_start, p.char_end)):
        pid = partnership_id(document_id, p)
        rows.setdefault(pid, {
            "partnership_id": pid, "document_id": document_id, "name": p.name,
            "parties": list(p.parties), "signed_on": p.signed_on,
            "signed_precision": p.signed_precision, "starts_on": p.starts_on,
            "ends_on": p.ends_on, "snippet": p.snippet, "char_start": p.char_start,
            "char_end": p.char_end, "page": p.page, "kind": p.kind,
        })
    return list(rows.values())


def result_tables(result: DocumentResult) -> dict[str, pd.DataFrame]:
    """The rows one document contributes, by table name (see warehouse.schema.PER_DOCUMENT_TABLES)."""
    doc = result.document
    document_id = doc.document_id
    facts, warnings, partnerships = result.facts, result.warnings, result.partnerships
    fact_rows, mention_rows = _fact_rows(document_id, facts)
    return {
        "documents": frame("documents", [{
            "document_id": document_id, "sha256": doc.sha256, "source_path": doc.source_path,
            "language": result.language, "title": result.title,
            "published_on": result.published_on, "format": doc.format,
            "page_count": doc.page_count, "extracted_chars": len(doc.text),
            "extractor_version": extractor_version(),
        }]),
        "document_texts": frame("document_texts", [{
            "document_id": document_id, "text": doc.text,
            "page_starts": list(doc.page_starts) if doc.page_starts else None,
        }]),
        "facts": frame("facts", fact_rows),
        "fact_mentions": frame("fact_mentions", mention_rows),
        "partnerships": frame("partnerships", _partnership_rows(document_id, partnerships)),
        "figures": frame("figures", _figure_rows(document_id, result.figures, facts)),
        "fact_relations": frame("fact_relations", _relation_rows(document_id, result.relations, facts)),
        "document_warnings": frame("document_warnings", [{
            "warning_id": stable_id(document_id, w.kind, w.char_start), "document_id": document_id,
            "kind": w.kind, "message": w.message, "char_start": w.char_start, "char_end": w.char_end, "page": w.page,
        } for w in warnings]),
    }
