"""Dates and agreements: an agreement's dates against each other, the document and its funding."""
from __future__ import annotations

import datetime as dt

from validation.facts import as_rows, group, sorted_rows, to_date
from validation.findings import WARNING, Finding
from validation.formatting import fmt_fact_period, fmt_value, fmt_where, short
from validation.names import name_tokens, names_match, norm
from validation.thresholds import LATE_START_YEARS, SECTION_MAX_CHARS


def date_at(d: dt.date, precision: str | None) -> tuple:
    """A date cut to what its precision says (a year, a month or a day)."""
    if precision == "year":
        return (d.year,)
    if precision == "month":
        return (d.year, d.month)
    return (d.year, d.month, d.day)


def coarser(p1: str | None, p2: str | None) -> str:
    order = {"year": 0, "month": 1, "day": 2}
    return min(p1 or "day", p2 or "day", key=lambda p: order.get(p, 2))


def _own_date_reasons(p: dict, published: dt.date | None) -> list[str]:
    """What is wrong with an agreement's own dates: signed after publication, or starting years later."""
    reasons = []
    signed = to_date(p.get("signed_on"))
    prec = p.get("signed_precision") or "day"
    if signed and published and date_at(signed, prec) > date_at(published, prec):
        reasons.append(f"it is signed on {signed.isoformat()} after the document's publication on "
                       f"{published.isoformat()}")
    starts = to_date(p.get("starts_on"))
    if signed and starts:
        gap = starts.year - signed.year if prec == "year" else (starts - signed).days / 365.25
        if gap >= LATE_START_YEARS - 1e-9:
            reasons.append(f"its period starts {starts.year}, {gap:.0f} years after its signature on "
                           f"{signed.isoformat()}")
    return reasons


def _funding_findings(facts, parts: list[dict]) -> list[Finding]:
    out = []
    funding_by_doc = group(
        (f for f in as_rows(facts) if f.indicator == "funding" and f.dated),
        lambda f: (f.document_id,),
    )
    parts_by_doc = group(parts, lambda p: (p.get("document_id"),))
    for (doc,), doc_parts in sorted(parts_by_doc.items(), key=str):
        funding = sorted_rows(funding_by_doc.get((doc,), []))
        if not funding:
            continue
        starts = [p.get("char_start") for p in doc_parts]
        for i, p in enumerate(doc_parts):
            ps, pe = to_date(p.get("starts_on")), to_date(p.get("ends_on"))
            if not ps or not pe:
                continue
            lo = p.get("char_start")
            hi = None
            if lo is not None:
                later = [s for s in starts[i + 1:] if s is not None and s > lo]
                hi = min([lo + SECTION_MAX_CHARS] + later)
            pname = name_tokens(p.get("name"))
            for f in funding:
                fs, fe = f.period
                if fe.year - fs.year < 1:
                    continue  # a yearly figure within a plan is no statement of the plan's period
                inside = lo is not None and f.char_start is not None and lo <= f.char_start < hi
                named = bool(pname) and (
                    names_match(norm((f.segment or "").partition(":")[2].replace("_", " ")), p.get("name"))
                    or (lo is None and pname <= name_tokens(f.snippet))
                )
                if not (inside or named):
                    continue
                if (fs.year, fe.year) == (ps.year, pe.year):
                    continue
                out.append(
                    Finding(
                        "date_inconsistency",
                        WARNING,
                        [f.fact_id],
                        f"'{p.get('name')}' covers {ps.year}-{pe.year} but its funding {fmt_value(f)} is for "
                        f"{fmt_fact_period(f)} ({fmt_where(f)}); check the plan's period or the funding's.",
                        doc,
                        [p["partnership_id"]],
                    )
                )
    return out


def date_inconsistency(facts, partnerships=None, documents=None, relations=None, figures=None) -> list[Finding]:
    """Dates of an agreement that contradict each other or the document (warning).

    1. Signed after the document's publication date (compared at the
       signature's precision).
    2. The period it names starts three years or more after its signature.
    3. A `funding` figure in the partnership's section (from its offset to the
       next partnership's, at most 4,000 characters) or naming it (segment or
       snippet) whose multi-year period differs from the partnership's
       (start/end years).
    One finding per partnership for 1–2, one per (funding fact, partnership) for 3.

    Example: "PACTE … 2024-2027 (signé le 8 février 2019)" fires (2), and
    "1,5 Md€ … entre 2019 et 2022" in its section fires (3).
    """
    published = {d.get("document_id"): to_date(d.get("published_on")) for d in documents or []}
    parts = sorted(partnerships or [], key=lambda p: (str(p.get("document_id")), p.get("char_start") or 0,
                                                      str(p.get("partnership_id"))))
    out = []
    for p in parts:
        reasons = _own_date_reasons(p, published.get(p.get("document_id")))
        if reasons:
            out.append(
                Finding(
                    "date_inconsistency",
                    WARNING,
                    [],
                    f"'{p.get('name')}' ('{short(p.get('snippet'))}'): {'; and '.join(reasons)}; "
                    f"check the signature date and the period in its title.",
                    p.get("document_id"),
                    [p["partnership_id"]],
                )
            )
    return out + _funding_findings(facts, parts)
