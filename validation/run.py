"""Running every rule: the single entry point the assets and checks call.

Each rule takes the warehouse's facts, partnerships and documents (and the
tables' stated relations between facts) and returns `Finding`s. Nothing here
imports Dagster or touches the warehouse.

Severity: `error` when the source contradicts itself arithmetically or states
something impossible; `warning` when it is only suspicious.

Every rule groups facts with dicts (never compares every fact with every
other), so the cost stays linear in the number of facts apart from the small
groups that share a key.
"""
from __future__ import annotations

from typing import Callable, Iterable

from validation.arithmetic import (
    parts_do_not_sum_to_total,
    segment_equals_or_exceeds_total,
    stated_change_mismatch,
    stated_formula_mismatch,
)
from validation.consistency import conflicting_period, conflicting_value, cross_document_conflict
from validation.dates import date_inconsistency
from validation.facts import as_rows, missing
from validation.findings import Finding
from validation.gating import UNCERTAIN_READING, gate
from validation.grid import document_names
from validation.grouping import group_uncertain_readings
from validation.magnitude import implausible_magnitude
from validation.table_checks import ambiguous_number_format

RULES: list[Callable[..., list[Finding]]] = [
    stated_change_mismatch,
    parts_do_not_sum_to_total,
    segment_equals_or_exceeds_total,
    stated_formula_mismatch,
    ambiguous_number_format,
    implausible_magnitude,
    conflicting_period,
    conflicting_value,
    cross_document_conflict,
    date_inconsistency,
]
# What the UI shows apart: the sources' own errors, and what the person running the pipeline should check.
SOURCE_ERROR_CHECKS = frozenset(r.__name__ for r in RULES)
PIPELINE_CHECKS = frozenset({UNCERTAIN_READING})
CHECK_NAMES = [r.__name__ for r in RULES] + [UNCERTAIN_READING]


def _summary(rule: Callable) -> str:
    """The first paragraph of a rule's docstring, on one line: what it finds and its severity."""
    return " ".join((rule.__doc__ or rule.__name__).strip().split("\n\n")[0].split())


# One line per check for the UI: the sources' errors, and the one check addressed to the pipeline's operator.
CHECK_DESCRIPTIONS = {r.__name__: _summary(r) for r in RULES} | {
    UNCERTAIN_READING: "Not about the sources: findings that rest on a figure the extractor read without "
                       "confidence (below the sure-reading threshold); check the extractor's reading. "
                       "Never flags a fact.",
}


def _clean_row(row: dict) -> dict:
    out = {k: (None if missing(v) else v) for k, v in dict(row).items()}
    for name in ("parties", "operand_fact_ids"):  # DuckDB lists may come back as arrays
        if out.get(name) is not None and not isinstance(out[name], list):
            out[name] = list(out[name])
    return out


def run_all(facts: list[dict], partnerships: list[dict] | None = None,
            documents: list[dict] | None = None, relations: list[dict] | None = None,
            figures: list[dict] | None = None) -> list[Finding]:
    """Every rule over the facts, one finding per finding_id, in a stable order.

    `relations` are `fact_relations` rows (formulas and totals the tables
    state), `figures` the `figures` rows (every printed number of a table,
    with its text, row, column and rounding: the table rules read the grid).
    A finding resting on a fact read without confidence comes out as an
    `uncertain_reading` warning instead (see `validation.gating`); those are
    then grouped by document, cause and place (`validation.grouping`).

    >>> run_all([], [], [])
    []
    """
    figures = [_clean_row(f) for f in figures or []]
    table_names = {f["table_id"]: f["table_name"] for f in figures if f.get("table_id") and f.get("table_name")}
    # a fact names its table as a reader does (the figures rows carry the tables' captions)
    rows = as_rows(dict(f, table_name=table_names.get(f.get("table_id"))) if table_names and isinstance(f, dict)
                   else f for f in facts or [])
    partnerships = [_clean_row(p) for p in partnerships or [] if p.get("partnership_id") is not None]
    documents = [_clean_row(d) for d in documents or []]
    relations = [_clean_row(r) for r in relations or []]
    rows_by_id = {r.fact_id: r for r in rows}
    seen: dict[str, Finding] = {}
    for rule in RULES:
        for finding in rule(rows, partnerships, documents, relations, figures):
            finding = gate(finding, rows_by_id)
            # Printed cells that are no fact (a formula's ratio column) have no id to point at.
            finding.fact_ids = [i for i in dict.fromkeys(finding.fact_ids) if i]
            finding.partnership_ids = list(dict.fromkeys(finding.partnership_ids))
            seen.setdefault(finding.finding_id, finding)
    names = document_names(documents)
    findings = group_uncertain_readings(list(seen.values()), rows_by_id, table_names, names)
    for finding in findings:
        if finding.document_id in names and names[finding.document_id] not in finding.message:
            message = finding.message
            if message[:1].isupper() and message[1:2].islower():  # a sentence's first word, not "EU15"
                message = message[:1].lower() + message[1:]
            finding.message = f"In {names[finding.document_id]}, {message}"
    order = {name: i for i, name in enumerate(CHECK_NAMES)}
    # A document's warnings most at stake first: those covering the most figures.
    return sorted(
        {f.finding_id: f for f in findings}.values(),
        key=lambda f: (order.get(f.check_name, len(order)), f.document_id or "", -len(f.fact_ids), f.message,
                       f.finding_id),
    )


def flagged_fact_ids(findings: Iterable[Finding]) -> set[str]:
    """Every fact a finding about the source concerns (they get `status = 'flagged'`; none is deleted).

    A doubt about the extractor's reading (`uncertain_reading`) flags nothing.

    >>> doubt = Finding("uncertain_reading", "warning", ["c"], "m")
    >>> sorted(flagged_fact_ids([Finding("x", "warning", ["b", "a"], "m"), doubt]))
    ['a', 'b']
    """
    return {fid for f in findings if f.check_name not in PIPELINE_CHECKS for fid in f.fact_ids}
