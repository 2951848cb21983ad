"""Accusing a source only on sure readings.

A rule's finding rests on figures the extractor read; when one of them was
read without confidence (a weakly labelled table cell, a sentence missing its
area or period cue), the contradiction may be the extractor's, not the
source's. Such a finding becomes an `uncertain_reading` warning addressed to
the person running the pipeline, and does not flag the facts.
"""
from __future__ import annotations

from validation.facts import FactRow
from validation.findings import WARNING, Finding
from validation.formatting import fmt_value, fmt_where

UNCERTAIN_READING = "uncertain_reading"
MISREADING = "Possible misreading, not reported as a source error"


def _how_read(f: FactRow) -> str:
    how = f"confidence {f.confidence:.2f}" if f.confidence is not None else "no confidence"
    return f"{how}: {f.reason}" if f.reason else how


def gate(finding: Finding, rows_by_id: dict[str, FactRow]) -> Finding:
    """The finding as it is when every fact it rests on was read surely, else an uncertain_reading.

    >>> sure = FactRow.from_dict({"fact_id": "a", "value": 5.0, "confidence": 0.95})
    >>> weak = FactRow.from_dict({"fact_id": "b", "value": 7.0, "confidence": 0.4, "reason": "sentence, no area cue"})
    >>> f = Finding("conflicting_value", "error", ["a", "b"], "5 and 7 for one figure.")
    >>> gate(f, {"a": sure, "b": sure}) is f
    True
    >>> gated = gate(f, {"a": sure, "b": weak})
    >>> gated.check_name, gated.severity, gated.about
    ('uncertain_reading', 'warning', 'conflicting_value')
    """
    involved = [rows_by_id[i] for i in finding.evidence_ids if i in rows_by_id]
    unsure = [f for f in involved if not f.sure]
    if not unsure or finding.check_name == UNCERTAIN_READING:
        return finding  # sure readings, or already a doubt about the reading
    figures = "; ".join(f"{fmt_value(f)} at {fmt_where(f)} ({_how_read(f)})" for f in unsure)
    return doubt(finding, f"the extractor read {figures}", [f.fact_id for f in involved])


def doubt(finding: Finding, why: str, fact_ids: list[str] | None = None, check_hint: str | None = None) -> Finding:
    """The finding as an uncertain_reading: `why` says what in the reading is unsure, `check_hint`
    what to check when it is not the figures' labels."""
    return Finding(
        UNCERTAIN_READING,
        WARNING,
        fact_ids if fact_ids is not None else finding.evidence_ids,
        f"{MISREADING}: {why}; if that reading is right, {finding.message[:1].lower()}{finding.message[1:]}",
        finding.document_id,
        list(finding.partnership_ids),
        about=finding.check_name,
        check_hint=check_hint,
    )
