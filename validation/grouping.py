"""Warnings a person reads in one screen: `uncertain_reading`s grouped by cause and place.

One doubt per figure buries the few that matter: a table whose column the
extractor labelled wrongly gives a warning per row. Grouped by the rule that
would have fired (the cause) and the place (one table, the prose of one
document, or the documents of a cross-document comparison), one warning says
what to check and lists every figure it covers; its `fact_ids` keep them all.
"""
from __future__ import annotations

from validation.facts import FactRow
from validation.findings import WARNING, Finding
from validation.formatting import fmt_value, short
from validation.gating import MISREADING, UNCERTAIN_READING

# What the reader should check, by the rule whose finding rested on unsure readings.
_WHAT_TO_CHECK = {
    "conflicting_value": "one figure was read with several values, which the source most likely tells apart by "
                         "an area, a column or a segment the extractor missed; check how it labelled them",
    "implausible_magnitude": "figures whose value cannot be right as read (a head count with decimals, a scale); "
                             "check the indicator and the scale the extractor gave them",
    "cross_document_conflict": "documents seem to disagree on figures the extractor read without confidence; "
                               "check that both readings name the same thing",
}
_DEFAULT_CHECK = "a rule would have reported the source, but over figures read without confidence; " \
                 "check the extractor's reading of these figures"


def _place(finding: Finding, rows: dict[str, FactRow], table_names: dict[str, str]) -> tuple[tuple, str]:
    """(grouping key, words) for where the figures of a finding stand."""
    facts = [rows[i] for i in finding.fact_ids if i in rows]
    tables = {t for f in facts for t in ([f.table_id] if f.table_id else [])}
    documents = tuple(sorted({str(f.document_id) for f in facts}))
    if len(tables) == 1:
        table = next(iter(tables))
        name = table_names.get(table)
        page = next((f.page for f in facts if f.table_id == table and f.page is not None), None)
        words = f"table '{short(name, 90)}'" if name else f"the table on page {page}" if page else "one table"
        return (documents, table), words
    if not tables:
        return (documents, "prose"), "its text"
    return (documents, "tables"), f"{len(tables)} tables"


def _figure(f: FactRow) -> str:
    where = [f"p. {f.page}"] if f.page is not None else []
    if f.row_label:
        where.append(f"row '{short(f.row_label, 30)}'")
    if f.column_label:
        where.append(f"column '{short(f.column_label, 40)}'")
    if not (f.row_label or f.column_label) and f.snippet:
        where.append(f"'{short(f.snippet, 40)}'")
    how = f", confidence {f.confidence:.2f}" if f.confidence is not None and not f.sure else ""
    return f"{fmt_value(f)} ({', '.join(where)}{how})"


def group_uncertain_readings(findings: list[Finding], rows: dict[str, FactRow], table_names: dict[str, str],
                             document_names: dict[str, str]) -> list[Finding]:
    """The findings with their `uncertain_reading`s merged: one per document, cause and place.

    A group of one keeps its own message (it already says what to check);
    a larger one lists every figure of its members, most doubted first.
    """
    kept, groups = [], {}
    for f in findings:
        if f.check_name != UNCERTAIN_READING:
            kept.append(f)
            continue
        key, words = _place(f, rows, table_names)
        groups.setdefault((f.document_id, f.about, f.check_hint, key), (words, []))[1].append(f)
    for (document_id, about, hint, _key), (words, members) in groups.items():
        if len(members) == 1:
            kept.append(members[0])
            continue
        ids = list(dict.fromkeys(i for m in members for i in m.fact_ids))
        figures = [rows[i] for i in ids if i in rows]
        figures.sort(key=lambda r: (r.sure, r.page or 0, r.char_start or 0))
        documents = sorted({str(r.document_id) for r in figures})
        where = (f"In {document_names.get(document_id, document_id)}, {words}" if document_id else
                 f"In {', '.join(document_names.get(d, d) for d in documents)}, {words}")
        kept.append(Finding(
            UNCERTAIN_READING, WARNING, ids,
            f"{where}: {MISREADING} ({len(members)} findings of {about or 'a rule'}, {len(ids)} figures): "
            f"{hint or _WHAT_TO_CHECK.get(about, _DEFAULT_CHECK)}. Figures: {'; '.join(_figure(r) for r in figures)}.",
            document_id,
            list(dict.fromkeys(p for m in members for p in m.partnership_ids)),
            about=about,
            check_hint=hint,
        ))
    return kept
