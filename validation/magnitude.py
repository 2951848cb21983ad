"""Magnitude rule: figures that cannot be right as read, whatever the rest of the document says."""
from __future__ import annotations

from collections import defaultdict
from statistics import median

from validation.facts import HEADCOUNT_UNITS, FactRow, as_rows, group, sorted_rows
from validation.findings import ERROR, WARNING, Finding
from validation.formatting import fmt_fact_period, fmt_subject, fmt_value, fmt_where
from validation.gating import MISREADING, UNCERTAIN_READING
from validation.thresholds import (
    EMPLOYMENT_POPULATION_DAYS,
    EPS,
    MAGNITUDE_MIN_GROUP,
    MAGNITUDE_RATIO_HIGH,
    MAGNITUDE_RATIO_LOW,
    MISREAD_DECIMAL_HEAD_COUNTS,
)
from warehouse.formatting import format_number


# Parts of the indicator codes (the contract's vocabulary, not prose) that name a change: it may pass 100 %.
CHANGE_CODE_PARTS = ("change", "growth", "evolution")

def _outlier_ratio(value: float, others: list[float]) -> float | None:
    others = [abs(v) for v in others if v]
    if len(others) < MAGNITUDE_MIN_GROUP - 1 or not value:
        return None
    ratio = median(others) / abs(value)
    if MAGNITUDE_RATIO_LOW <= ratio <= MAGNITUDE_RATIO_HIGH or MAGNITUDE_RATIO_LOW <= 1 / ratio <= MAGNITUDE_RATIO_HIGH:
        return ratio
    return None


def _year_mid(f: FactRow) -> float | None:
    if not f.dated:
        return None
    return (f.period_start.toordinal() + f.period_end.toordinal()) / 2


def _sibling_keys(f: FactRow) -> list[tuple]:
    """The groups whose median a head count is compared with: its table column, its area and period."""
    keys = []
    if f.table_id and f.column_label:
        keys.append(("col", f.document_id, f.indicator, f.unit, f.table_id, f.column_label))
    if f.dated:
        keys.append(("when", f.document_id, f.indicator, f.unit, f.area, *f.period))
    return keys


def implausible_magnitude(facts, partnerships=None, documents=None, relations=None, figures=None) -> list[Finding]:
    """Figures that cannot be right as read (error), or were read under a doubtful scale (warning).

    (a) a head count (persons, count) with a decimal part;
    (b) a head count about 1,000 times (300–3,000) off the median of at least
        two siblings: same document, indicator and unit and either the same
        table column or the same area and period;
    (c) a rate (percent) outside 0–100;
    (d) employment above the population of the same area within a year;
    (e) a figure whose header announced a scale (thousands) that was not
        applied (`scale_note`) — warning alone, folded into an error otherwise.
    One finding per fact.

    Example: "3 394,9" jobseekers in a column of 5 752 600 and 839 200 fires
    (a and b); 538 430 among 512 990 does not.
    """
    reasons: dict[str, list[str]] = defaultdict(list)
    involved: dict[str, list[str]] = defaultdict(list)
    valued = sorted_rows({f.fact_id: f for f in as_rows(facts) if f.value is not None}.values())
    fractional = _fractional_head_counts_by_table(valued)

    for f in valued:
        v = f.value
        if _fractional_head_count(f):
            reasons[f.fact_id].append(f"a head count cannot have a decimal part ({format_number(v)})")
        if (f.unit == "percent" and not (-EPS <= v <= 100 + EPS)
                and not any(part in (f.indicator or "") for part in CHANGE_CODE_PARTS)):
            reasons[f.fact_id].append(f"a rate of {format_number(v)} % is outside 0–100 %")

    # (b) siblings: same table column, or same area and period (the first kind of key first)
    flagged_b: set[str] = set()
    for kind in ("col", "when"):
        siblings: dict[tuple, list[FactRow]] = defaultdict(list)
        for f in valued:
            if f.unit in HEADCOUNT_UNITS:
                for k in _sibling_keys(f):
                    if k[0] == kind:
                        siblings[k].append(f)
        for k in sorted(siblings, key=str):
            members = siblings[k]
            if len(members) < MAGNITUDE_MIN_GROUP:
                continue
            for f in members:
                if f.fact_id in flagged_b:
                    continue
                others = [g.value for g in members if g is not f]
                ratio = _outlier_ratio(f.value, others)
                if ratio is not None:
                    flagged_b.add(f.fact_id)
                    how = (f"about {format_number(ratio, 0)} times below" if ratio > 1
                           else f"about {format_number(1 / ratio, 0)} times above")
                    reasons[f.fact_id].append(
                        f"it is {how} the median {format_number(median(abs(x) for x in others if x))} of its siblings"
                    )

    # (d) employment above population of the same area, within about a year
    populations = group(
        (f for f in valued if f.indicator == "population" and f.segment is None
         and f.qualifier not in ("min", "approx") and f.dated),
        lambda f: (f.area,),
    )
    for f in valued:
        if f.indicator != "employment" or f.qualifier in ("max", "approx") or not f.dated:
            continue
        mid = _year_mid(f)
        near = [p for p in populations.get((f.area,), []) if abs(_year_mid(p) - mid) <= EMPLOYMENT_POPULATION_DAYS]
        above = [p for p in sorted_rows(near) if f.value > p.value + p.precision + f.precision]
        if near and len(above) == len(near):
            p = above[0]
            reasons[f.fact_id].append(
                f"employment exceeds the population {fmt_value(p)} ({fmt_fact_period(p)}, {fmt_where(p)})"
            )
            involved[f.fact_id].append(p.fact_id)

    out = []
    for f in valued:
        note = f.scale_note
        if f.fact_id not in reasons and not note:
            continue
        head = f"{fmt_subject(f)} {fmt_value(f)} ({fmt_fact_period(f)}, {fmt_where(f)})"
        if f.fact_id in reasons:
            extra = f"; the header also says {note!r}" if note else ""
            message = (f"{head} is implausible: {'; '.join(reasons[f.fact_id])}{extra}; "
                       f"check the figure's scale and digits in the source.")
            severity = ERROR
        else:
            message = (f"{head} was read under the header note {note!r} without applying that scale; "
                       f"check whether the figure is in units or in that scale.")
            severity = WARNING
        mates = fractional.get((f.document_id, f.table_id, f.indicator), []) if f.table_id else []
        if any(m is f for m in mates) and len(mates) >= MISREAD_DECIMAL_HEAD_COUNTS:
            out.append(_misread_column(f, mates))
            continue
        out.append(Finding("implausible_magnitude", severity, [f.fact_id], message, f.document_id,
                           involved_fact_ids=involved[f.fact_id]))
    return out


def _fractional_head_count(f: FactRow) -> bool:
    return f.unit in HEADCOUNT_UNITS and abs(f.value - round(f.value)) > 1e-6


def _fractional_head_counts_by_table(valued: list[FactRow]) -> dict[tuple, list[FactRow]]:
    return group((f for f in valued if f.table_id and _fractional_head_count(f)),
                 lambda f: (f.document_id, f.table_id, f.indicator))


def _misread_column(f: FactRow, mates: list[FactRow]) -> Finding:
    """A decimal head count among others of its table: the indicator, not the source, is likely wrong.

    One such figure among whole numbers is a source's slip (a scale, a typo);
    several in one table mean the extractor gave rates, ratios or averages a
    head-count indicator.
    """
    others = ", ".join(format_number(m.value) for m in mates if m is not f)
    return Finding(
        UNCERTAIN_READING,
        WARNING,
        [f.fact_id],
        f"{MISREADING}: {fmt_subject(f)} {fmt_value(f)} "
        f"({fmt_where(f)}) has a decimal part like {others} in the same table, so these figures are "
        f"probably not head counts; check the indicator the extractor gave that column or row.",
        f.document_id,
        about="implausible_magnitude",
    )
