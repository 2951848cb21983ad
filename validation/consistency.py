"""Consistency rules: the same figure stated two ways, in one document or across documents."""
from __future__ import annotations

from collections import defaultdict
from typing import Callable

from validation.dates import coarser, date_at
from validation.facts import FactRow, agree, as_rows, group, overlap, sorted_rows, to_date
from validation.findings import ERROR, WARNING, Finding
from validation.formatting import fmt_fact_period, fmt_subject, fmt_value, fmt_where, short
from validation.gating import MISREADING, UNCERTAIN_READING
from validation.grid import document_names, grids
from validation.table_checks import repeated_column_findings
from validation.names import name_tokens, names_match, norm, party_key
from validation.thresholds import (
    CONFLICT_MAX_VALUES,
    DURATION_SLACK_YEARS,
    PAIRWISE_MAX_VALUES,
    SHARED_KEY_MAX_AGREEMENTS,
)

UNDATED_OK = {"duration_years", "area_km2"}  # figures that do not change with time


# ---------------------------------------------------------------- conflicting_period
def conflicting_period(facts, partnerships=None, documents=None, relations=None, figures=None) -> list[Finding]:
    """The same figure dated two different ways in one document (warning).

    Grouping: one document, same indicator, area, segment, unit and value;
    only dated figures. Two mentions in one table row (a time series whose
    value did not change) are not a conflict.

    Example: 3 516 training providers "en 2024" on the summary page and
    "en 2026" in the detail table fires.
    """
    out = []
    groups = group(
        (f for f in as_rows(facts) if f.dated and f.value is not None),
        lambda f: (f.document_id, f.indicator, f.area, f.segment, f.unit, round(f.value, 6)),
    )
    for key in sorted(groups, key=str):
        by_period: dict[tuple, FactRow] = {}
        for f in sorted_rows(groups[key]):
            by_period.setdefault(f.period, f)
        if len(by_period) < 2:
            continue
        chosen = [by_period[p] for p in sorted(by_period)]
        rows = {(f.table_id, f.row_label) for f in chosen}
        if len(rows) == 1 and chosen[0].table_id and chosen[0].row_label:
            continue
        stated = "; ".join(f"{fmt_fact_period(f)} at {fmt_where(f)}" for f in chosen)
        f0 = chosen[0]
        out.append(
            Finding(
                "conflicting_period",
                WARNING,
                [f.fact_id for f in chosen],
                f"{fmt_subject(f0)} {fmt_value(f0)} is dated {len(chosen)} ways in one document "
                f"({stated}); check which period the figure belongs to.",
                f0.document_id,
            )
        )
    return out


# ---------------------------------------------------------------- conflicting_value
def _distinct_by_value(members: list[FactRow]) -> list[FactRow]:
    seen: dict[tuple, FactRow] = {}
    for f in sorted_rows(members):
        seen.setdefault((round(f.value, 6), f.qualifier), f)
    return [seen[k] for k in sorted(seen, key=str)]


def conflicting_pairs(members: list[FactRow], differ: Callable[[FactRow, FactRow], bool]) -> list[tuple]:
    """Pairs of distinct values of one figure that cannot both be right (and `differ`)."""
    reps = _distinct_by_value(members)
    if len(reps) > PAIRWISE_MAX_VALUES:  # pathological group: compare each with its neighbours only
        reps.sort(key=lambda f: f.value)
        return [(a, b) for a, b in zip(reps, reps[1:]) if differ(a, b) and not agree(a, b)]
    return [(a, b) for i, a in enumerate(reps) for b in reps[i + 1:] if differ(a, b) and not agree(a, b)]


def conflicting_value(facts, partnerships=None, documents=None, relations=None, figures=None) -> list[Finding]:
    """The same figure (indicator, area, segment, period) with two values in one document (error).

    Grouping: one document, same indicator, area, segment, period and unit;
    only dated figures. Each value stands for an interval: its rounding, ±5 %
    for an approximate figure, and open on one side for "plus de"/"moins de";
    values whose intervals meet agree.

    Three values or more for one key, or two in one sentence or table row,
    are read as the extractor's confusion (`uncertain_reading`), not the source's.

    Example: "près de 5,2 milliards" for the 2026 budget against a table total
    of 7 546 407 388,35 fires; "près de 5,2 milliards" against 5 150 000 000
    does not.

    A table that prints one quantity in two columns (they agree in most rows)
    and gives it two values in a row is the same contradiction
    (`validation.table_checks.repeated_column_findings`).
    """
    out = repeated_column_findings(grids(figures), {f.fact_id: f for f in as_rows(facts)}, document_names(documents))
    # a pair a repeated column already explains is the source's contradiction, not a missed dimension
    explained = {frozenset(f.fact_ids) for f in out if f.check_name == "conflicting_value"}
    groups = group(
        (f for f in as_rows(facts) if f.dated and f.value is not None),
        lambda f: (f.document_id, f.indicator, f.area, f.segment, *f.period, f.unit),
    )
    for key in sorted(groups, key=str):
        pairs = conflicting_pairs(groups[key], lambda a, b: True)
        values = _distinct_by_value(groups[key])
        if pairs and len(values) > CONFLICT_MAX_VALUES:
            out.append(_key_missing_a_dimension(values))
            continue
        for a, b in pairs:
            if frozenset((a.fact_id, b.fact_id)) in explained:
                continue
            if a.snippet and a.snippet == b.snippet:
                out.append(_key_missing_a_dimension([a, b]))
                continue
            out.append(
                Finding(
                    "conflicting_value",
                    ERROR,
                    [a.fact_id, b.fact_id],
                    f"{fmt_subject(a)} for {fmt_fact_period(a)} is stated as {fmt_value(a)} at {fmt_where(a)} "
                    f"and as {fmt_value(b)} at {fmt_where(b)}; the two cannot both be right, check which one is.",
                    a.document_id,
                )
            )
    return out


def _key_missing_a_dimension(values: list[FactRow]) -> Finding:
    """Values for one key that the text tells apart by something the extractor did not read.

    A source may state a figure twice and slip once; three different values
    for one key, or two in one sentence or table row, are figures of different
    things (areas, columns, segments) that the extractor gave the same key.
    """
    f0 = values[0]
    stated = "; ".join(f"{fmt_value(f)} at {fmt_where(f)}" for f in values)
    return Finding(
        UNCERTAIN_READING,
        WARNING,
        [f.fact_id for f in values],
        f"{MISREADING}: {fmt_subject(f0)} for {fmt_fact_period(f0)} "
        f"was read as {len(values)} different values ({stated}), which the text most likely tells apart by an "
        f"area, a column or a segment the extractor missed; check how it labelled them.",
        f0.document_id,
        about="conflicting_value",
    )


# ---------------------------------------------------------------- cross_document_conflict
def _date_conflicts(p: dict, q: dict) -> list[str]:
    out = []
    s1, s2 = to_date(p.get("signed_on")), to_date(q.get("signed_on"))
    if s1 and s2:
        prec = coarser(p.get("signed_precision"), q.get("signed_precision"))
        if date_at(s1, prec) != date_at(s2, prec):
            out.append(f"signed {s1.isoformat()} vs {s2.isoformat()}")
    for field_, label in (("starts_on", "starting"), ("ends_on", "ending")):
        d1, d2 = to_date(p.get(field_)), to_date(q.get(field_))
        if d1 and d2 and d1.year != d2.year:
            out.append(f"{label} {d1.year} vs {d2.year}")
    return out


def _span_years(p: dict) -> float:
    return ((to_date(p.get("ends_on")) - to_date(p.get("starts_on"))).days + 1) / 365.25


def _figure_conflicts(rows: list[FactRow]) -> list[Finding]:
    out = []
    groups = group(
        (f for f in rows if f.value is not None and (f.dated or f.indicator in UNDATED_OK)),
        lambda f: (f.indicator, f.area, f.segment, *f.period, f.unit),
    )
    for key in sorted(groups, key=str):
        members = groups[key]
        if len({f.document_id for f in members}) < 2:
            continue
        if key[0] in UNDATED_OK and key[2] is None and key[1] is None:
            continue  # a bare duration or area with no subject says nothing comparable
        pairs = conflicting_pairs(members, lambda a, b: a.document_id != b.document_id)
        if not pairs:
            continue
        # One finding per figure, listing each value with where it is stated: documents that
        # disagree pairwise would otherwise give a finding per pair (hundreds for one figure).
        stated = sorted({f.fact_id: f for pair in pairs for f in pair}.values(), key=lambda f: (f.value, f.document_id))
        first = stated[0]
        out.append(
            Finding(
                "cross_document_conflict",
                WARNING,
                [f.fact_id for f in stated],
                f"{fmt_subject(first)} for {fmt_fact_period(first)} is stated differently in "
                f"{len({f.document_id for f in stated})} documents: "
                + "; ".join(f"{fmt_value(f)} in document {f.document_id} ({fmt_where(f)})" for f in stated)
                + "; check which source is right.",
                None,
            )
        )
    return out


def _agreement_conflicts(parts: list[dict]) -> list[Finding]:
    """Candidate pairs through name and party indexes, so not every agreement meets every other."""
    out = []
    by_name: dict[str, list[int]] = defaultdict(list)
    by_party: dict[str, list[int]] = defaultdict(list)
    by_token: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(parts):
        by_name[norm(p.get("name"))].append(i)
        for party in {party_key(x) for x in p.get("parties") or []} - {""}:
            by_party[party].append(i)
        for t in name_tokens(p.get("name")):
            by_token[t].append(i)
    candidates: set[tuple[int, int]] = set()
    for idx in list(by_party.values()) + list(by_token.values()) + list(by_name.values()):
        if len(idx) > SHARED_KEY_MAX_AGREEMENTS:
            continue
        for x in idx:
            for y in idx:
                if x < y and parts[x].get("document_id") != parts[y].get("document_id"):
                    candidates.add((x, y))
    for x, y in sorted(candidates):
        p, q = parts[x], parts[y]
        same = names_match(p.get("name"), q.get("name"))
        if not same:
            common = {party_key(a) for a in p.get("parties") or []} & {party_key(b) for b in q.get("parties") or []}
            common.discard("")
            same = len(common) >= 2 and bool(name_tokens(p.get("name")) & name_tokens(q.get("name")))
        if not same:
            continue
        conflicts = _date_conflicts(p, q)
        if conflicts:
            out.append(
                Finding(
                    "cross_document_conflict",
                    WARNING,
                    [],
                    f"'{p.get('name')}' ({p.get('document_id')}: '{short(p.get('snippet'))}') and "
                    f"'{q.get('name')}' ({q.get('document_id')}: '{short(q.get('snippet'))}') "
                    f"look like the same agreement but disagree: {', '.join(conflicts)}; check the dates.",
                    None,
                    [p["partnership_id"], q["partnership_id"]],
                )
            )
    return out


def _duration_conflicts(rows: list[FactRow], parts: list[dict]) -> list[Finding]:
    out = []
    spans = [p for p in parts if to_date(p.get("starts_on")) and to_date(p.get("ends_on"))]
    span_index: dict[str, list[dict]] = defaultdict(list)
    for p in spans:
        for t in name_tokens(p.get("name")) or set(norm(p.get("name")).split()):
            span_index[t].append(p)
    for f in sorted_rows(rows):
        if f.indicator != "duration_years" or f.value is None:
            continue
        kind, _, name = (f.segment or "").partition(":")
        if kind not in ("project", "program", "programme") or not name:
            continue
        name = name.replace("_", " ")
        tokens = name_tokens(name) or set(norm(name).split())
        seen: set[str] = set()
        for t in sorted(tokens):
            for p in span_index.get(t, []):
                pid = p.get("partnership_id")
                if pid in seen or p.get("document_id") == f.document_id:
                    continue
                seen.add(pid)
                if not names_match(name, p.get("name")):
                    continue
                s, e = to_date(p.get("starts_on")), to_date(p.get("ends_on"))
                if e < s:
                    continue
                years = _span_years(p)
                if overlap(f.interval, (years - DURATION_SLACK_YEARS, years + DURATION_SLACK_YEARS)):
                    continue
                out.append(
                    Finding(
                        "cross_document_conflict",
                        WARNING,
                        [f.fact_id],
                        f"The duration of {name} is {fmt_value(f)} in document {f.document_id} "
                        f"({fmt_where(f)}) but '{p.get('name')}' runs {s.isoformat()} to {e.isoformat()} "
                        f"({years:.1f} years) in document {p.get('document_id')}; check the project's dates.",
                        None,
                        [pid],
                    )
                )
    return out


def cross_document_conflict(facts, partnerships=None, documents=None, relations=None, figures=None) -> list[Finding]:
    """Two documents that disagree about the same figure, agreement or project (warning).

    1. Same indicator, area, segment, period and unit, values that do not
       agree (same intervals as `conflicting_value`), in two documents: one
       finding per figure, listing each disagreeing value and its document.
       Only dated figures, except durations and areas, which do not change.
    2. Partnerships in two documents that are the same agreement (same
       normalised name, one name inside the other, or two common parties and a
       common distinctive name word) with different signature dates (at the
       coarser precision of the two) or different start/end years.
    3. A `duration_years` fact for `project:NAME` against the span of a
       partnership named NAME in another document (computed from its dates).

    Example: "Emploi sans frontières, d'une durée de cinq ans" in one document
    and "1 januari 2016 tot en met 31 december 2019" (4 years) in another fires.
    """
    rows = as_rows(facts)
    parts = sorted(partnerships or [], key=lambda p: (str(p.get("document_id")), str(p.get("partnership_id"))))
    return _figure_conflicts(rows) + _agreement_conflicts(parts) + _duration_conflicts(rows, parts)
