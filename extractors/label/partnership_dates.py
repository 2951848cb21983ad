"""Dates of an agreement or project by their role: signed (signature, adoption, approval), started
(entry into force, launch), the span it covers and a stated duration.

Every verb, link word and unit comes from `lexicon/agreements.yaml`; this module holds the mechanisms:
which date a verb governs, two dates joined into one span, "pour quatre ans" read as a duration,
"heute" read from the publication date.
"""
from __future__ import annotations

import datetime as dt
import re

from extractors.annotate.figures import find_figures
from extractors.annotate.periods import Period
from extractors.lexicon import load_file
from extractors.model import Duration

_DATA = load_file("agreements.yaml")


def _alternation(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


SIGNED_RE = re.compile(r"\b(?:" + _alternation(_DATA["signing_verbs"] + _DATA["approval_verbs"]) + r")\b", re.I)
STARTED_RE = re.compile(r"(?<!\w)(?:" + _alternation(_DATA["start_verbs"]) + r")\b", re.I)
_RANGE_LINK = re.compile(r"\s*(?:" + _alternation([re.escape(w) if len(w) == 1 else w for w in _DATA["range_links"]])
                         + r")\s*$", re.I)
_RANGE_OPENER = re.compile(r"(?:^|\s)(?:" + _alternation(_DATA["range_openers"]) + r")\s+$", re.I)
_RELATIVE_DAY = re.compile(r"\b(?:" + _alternation(list(_DATA["relative_days"])) + r")\b", re.I)
_DURATION_LEAD = re.compile(r"(?:^|\s)(?:" + _alternation(_DATA["duration_leads"]) + r")\s+$", re.I)
_DURATION_UNIT = {w: unit for unit, words in _DATA["duration_units"].items() for w in words}
_UNIT_RE = re.compile(r"\s*(?P<unit>" + _alternation(list(_DURATION_UNIT)) + r")\b", re.I)
SHORTEST_PERIOD = dt.timedelta(days=int(_DATA["shortest_period_days"]))
_DATED = ("day", "month", "year")


def joined_periods(text: str, periods: list[Period]) -> list[Period]:
    """Periods with every "date <link> date" pair read as one span ("01/10/2016 – 31/12/2021",
    "Von März 2018 bis Juni 2020"), the opening word included.

    >>> from extractors.annotate.periods import find_periods
    >>> t = "Von März 2018 bis Juni 2020 läuft es."
    >>> [(p.label(), t[p.char_start:p.char_end]) for p in joined_periods(t, find_periods(t, "de"))]
    [('2018-03-01..2020-06-30', 'Von März 2018 bis Juni 2020')]
    """
    out: list[Period] = []
    i = 0
    while i < len(periods):
        p = periods[i]
        nxt = periods[i + 1] if i + 1 < len(periods) else None
        if (nxt is not None and p.precision in _DATED and nxt.precision in _DATED and nxt.start > p.start
                and _RANGE_LINK.fullmatch(text[p.char_end:nxt.char_start])):
            opener = _RANGE_OPENER.search(text, max(0, p.char_start - 12), p.char_start)
            start = opener.start() + (1 if text[opener.start()].isspace() else 0) if opener else p.char_start
            out.append(Period(p.start, nxt.end, "range", start, nxt.char_end, text[start:nxt.char_end]))
            i += 2
            continue
        out.append(p)
        i += 1
    return out


def is_event_span(period: Period) -> bool:
    """A span too short to be the period an agreement covers: a visit, a meeting ("du 3 au 6 juin")."""
    return period.end - period.start < SHORTEST_PERIOD


def covered_span(periods: list[Period], taken: list[Period]) -> Period | None:
    """The span an agreement or project covers: the first range that dates no other role and no event."""
    for p in periods:
        if p.precision in ("range", "school_year") and not is_event_span(p) and all(p is not t for t in taken):
            return p
    return None


def governed_date(verb_start: int, verb_end: int, periods: list[Period], reach_after: int = 80,
                  reach_before: int = 40, end: int | None = None) -> Period | None:
    """The date a verb of signature or start governs: the first dated period after it within reach
    ("entre en vigueur le 1er janvier 2024"), else the last one just before it ("am 1. Mai in Kraft getreten")."""
    after = [p for p in periods if p.precision in _DATED and 0 <= p.char_start - verb_end <= reach_after
             and (end is None or p.char_start < end)]
    if after:
        return after[0]
    before = [p for p in periods if p.precision in _DATED and 0 <= verb_start - p.char_end <= reach_before]
    return before[-1] if before else None


def relative_day(text: str, start: int, end: int, published_on: dt.date | None) -> Period | None:
    """"heute", "aujourd'hui", "gisteren": a day counted from the publication date.

    >>> relative_day("Heute wurde es unterzeichnet.", 0, 28, dt.date(2024, 5, 2)).label()
    '2024-05-02'
    """
    if published_on is None:
        return None
    m = _RELATIVE_DAY.search(text, start, end)
    if not m:
        return None
    offsets = {k.lower().replace("’", "'"): v for k, v in _DATA["relative_days"].items()}
    key = next((k for k in offsets if re.fullmatch(k, m.group(0).lower().replace("’", "'"))), None)
    day = published_on + dt.timedelta(days=offsets.get(key, 0))
    return Period(day, day, "day", m.start(), m.end(), m.group(0))


def stated_duration(text: str, start: int, end: int, language: str, after_phrase: bool = True) -> Duration | None:
    """The first duration a passage states after a duration phrase (or anywhere in it: a sheet's "Durée" line).

    >>> d = stated_duration("lancé le 2 mai 2016 pour quatre ans", 0, 35, "fr")
    >>> (d.years, d.months)
    (4.0, 48)
    """
    for fig in find_figures(text, language, start, end):
        unit = _UNIT_RE.match(text, fig.end)
        if not unit or (after_phrase and not _DURATION_LEAD.search(text, max(start, fig.start - 45), fig.start)):
            continue
        if fig.value <= 0 or fig.value != int(fig.value):
            continue
        per_year = 12 if _DURATION_UNIT[unit.group("unit").lower()] == "years" else 1
        months = int(fig.value) * per_year
        return Duration(months / 12, months, fig.start, unit.end())
    return None


def end_after(start: dt.date, months: int) -> dt.date:
    """The last day of a period of `months` that begins on `start`.

    >>> end_after(dt.date(2016, 10, 1), 48)
    datetime.date(2020, 9, 30)
    """
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    day = min(start.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30,
                          31, 31, 30, 31, 30, 31][month - 1])
    return dt.date(year, month, day) - dt.timedelta(days=1)
