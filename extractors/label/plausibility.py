"""The last labelling pass over a whole document: what its own statements show cannot be meant.

Two things only the whole document shows, decided here so that the warehouse's row builder
(warehouse/rows.py) maps a finished `DocumentResult` to rows and decides nothing:
- a fact past any plausible value for its indicator and unit (the lexicon's ceilings,
  `units.yaml` `plausible_maximum`) is a misreading (digits run together) or a typo: it leaves the
  facts, its figure keeps the reason, and the document gets an `implausible_value` warning with its
  place;
- an agreement dated by a month that the text writes as an impossible day ("31 février 2025", an
  `unreadable_date` warning) is undated, not signed that month.
"""
from __future__ import annotations

import dataclasses
import math
import re

from extractors.annotate.periods import MONTHS
from extractors.lexicon import lexicon
from extractors.model import DocumentResult, DocumentWarning, Fact, Partnership

# The month and year that close an unreadable date's surface: "31 février 2025", "31.02.2025".
_MONTH_YEAR = re.compile(r"(?P<month>[^\W\d_]+|\d{1,2})[\s./-]+(?P<year>\d{4})\s*$")


def implausible(fact: Fact) -> str | None:
    """Why a fact's value cannot be what the source means, or None."""
    value = fact.value
    if value is None:
        return None
    if not math.isfinite(value):
        return f"{fact.indicator}: the value read is not a finite number ({value})"
    ceiling = lexicon().max_value(fact.indicator, fact.unit)
    if ceiling and abs(value) > ceiling:
        return (f"{fact.indicator}: {value:.4g} {fact.unit} is beyond any plausible value "
                f"(at most {ceiling:.0e}); kept out of the facts")
    return None


def impossible_months(text: str, warnings: list[DocumentWarning]) -> list[tuple[int, int, int, int]]:
    """(start, end, year, month) of each written date that is no date ("31 février 2025")."""
    out = []
    for w in warnings:
        if w.kind != "unreadable_date":
            continue
        m = _MONTH_YEAR.search(text[w.char_start:w.char_end])
        month = m and (int(m["month"]) if m["month"].isdigit() else MONTHS.get(m["month"].lower()))
        if month:
            out.append((w.char_start, w.char_end, int(m["year"]), month))
    return out


def without_impossible_dates(p: Partnership, impossible: list[tuple[int, int, int, int]]) -> Partnership:
    """An agreement signed on "31 février 2025" is undated, not signed in February 2025."""
    signed = p.signed_on
    if signed is None or p.signed_precision == "day":
        return p
    for start, end, year, month in impossible:
        if p.char_start <= start and end <= p.char_end and (signed.year, signed.month) == (year, month):
            return dataclasses.replace(p, signed_on=None, signed_precision=None)
    return p


def drop_what_cannot_be_meant(result: DocumentResult) -> None:
    """Implausible facts out (their figures say why, a warning each says where); agreements dated by
    an impossible day undated."""
    kept, reasons = [], {}
    for fact in result.facts:
        reason = implausible(fact)
        if reason is None:
            kept.append(fact)
            continue
        reasons[id(fact)] = reason
        m = fact.mention
        result.warnings.append(DocumentWarning("implausible_value", f"'{m.snippet[:120]}': {reason}",
                                               m.char_start, m.char_end, m.page))
    for record in result.figures:
        if record.fact is not None and id(record.fact) in reasons:
            record.skip_reason = record.skip_reason or reasons[id(record.fact)]
    result.facts = kept
    impossible = impossible_months(result.document.text, result.warnings)
    result.partnerships = [without_impossible_dates(p, impossible) for p in result.partnerships]
