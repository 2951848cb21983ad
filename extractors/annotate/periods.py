"""Matcher for periods and dates: years, quarters, months, days, school years, ranges.

Spans are found with regular expressions; a span holding a full calendar date
is handed to dateparser on its own (never `search_dates` on running text, and
with fixed settings, since dateparser otherwise fills missing parts from today).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon import ORDINAL_SUFFIX, alternation, fold, load_file

_CALENDAR = load_file("months.yaml")
MONTHS = {name: number for names in _CALENDAR["months"].values() for name, number in names.items()}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_ALT_GROUP = f"(?:{_MONTH_ALT})"
# Month names that are also common words in lower case: read only capitalised.
_AMBIGUOUS_MONTH_WORDS = set(_CALENDAR.get("ambiguous_month_words", []))
_ORD_WORDS = dict(_CALENDAR["ordinals"])
_ORD_ALT = "|".join(sorted(_ORD_WORDS, key=len, reverse=True))
_QUARTER_ALT = "|".join(_CALENDAR["quarter_words"])
_Y = r"(?:19|20)\d{2}"
_SCHOOL_YEAR_ALT = "|".join(_CALENDAR["school_year_words"])
_RANGE_OPENERS = alternation("months.yaml", "range_openers")
_DAY_RANGE_LINKS = alternation("months.yaml", "day_range_links")
_YEAR_RANGE_OPENERS = alternation("months.yaml", "year_range_openers")
_YEAR_RANGE_PAIR_LINKS = alternation("months.yaml", "year_range_pair_links")
_YEAR_RANGE_LINKS = alternation("months.yaml", "year_range_links")
# "1er", "1 ^{er}", "3 ^e", "3e", "3ème", "3." — an ordinal as the monographs write it.
_ORD = r"(?P<{name}>[1-4])\s?\^?\s?\{{?" + ORDINAL_SUFFIX.replace("{", "{{").replace("}", "}}") + r"?\}}?\.?"
_DAY = r"(?P<{name}>[0-3]?\d)(?:\s?\^?\s?\{{?(?:er|re)\}}?)?\.?"

_PATTERNS: list[tuple[str, str]] = [
    # 1 januari 2016 tot en met 31 december 2019 / du 1er janvier 2016 au 31 décembre 2019
    (
        "date_range",
        rf"(?:{_RANGE_OPENERS}\s+)?{_DAY.format(name='d1')}\s+(?P<m1>{_MONTH_ALT})\s+(?P<y1>{_Y})"
        rf"\s*{_DAY_RANGE_LINKS}\s*"
        rf"{_DAY.format(name='d2')}\s+(?P<m2>{_MONTH_ALT})\s+(?P<y2>{_Y})",
    ),
    # 3e trimestre 2025 / 4 ^e trimestre 2024 / derde kwartaal 2025 / 3. Quartal 2025
    (
        "quarter",
        rf"(?:{_ORD.format(name='q')}|(?P<qw>{_ORD_ALT}))"
        rf"\s+(?:{_QUARTER_ALT})\s+(?:de\s+|van\s+)?(?P<y>{_Y})",
    ),
    ("quarter_short", rf"(?:\b[TQ](?P<q>[1-4])\s*(?P<y>{_Y})\b|\b(?P<y2>{_Y})[-\s]?[TQ](?P<q2>[1-4])\b)"),
    # 1er janvier 2026 / 20 mai 2025 / 9. Juli 2021
    ("day", rf"(?<!\d){_DAY.format(name='d')}\s+(?P<m>{_MONTH_ALT})\s+(?P<y>{_Y})\b"),
    # 09/07/2021, 09.07.2021
    ("day_numeric", rf"(?<![\d/.])(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>{_Y})(?![\d/])"),
    # 11/2022, 03.2024 (a month and its year, as project sheets write their durations)
    ("month_numeric", rf"(?<![\d/.])(?P<m>0?[1-9]|1[0-2])[/.](?P<y>{_Y})(?![\d/])"),
    # octobre 2025
    ("month", rf"(?<![\w])(?P<m>{_MONTH_ALT})\s+(?P<y>{_Y})\b"),
    # entre 2019 et 2022 / de 2019 à 2022 / van 2016 tot 2019 / von 2016 bis 2019
    (
        "year_range_words",
        rf"(?:{_YEAR_RANGE_OPENERS}\s+(?P<y1>{_Y})\s+{_YEAR_RANGE_PAIR_LINKS}"
        rf"|(?P<y3>{_Y})\s+{_YEAR_RANGE_LINKS})\s+(?P<y2>{_Y})\b",
    ),
    # à la rentrée 2023 / schooljaar 2020-2021 / Schuljahr 2023/24: the school year that starts then
    ("school_year_words", rf"(?:{_SCHOOL_YEAR_ALT})\s+(?:de\s+)?(?P<y>{_Y})(?:\s?[/\-–]\s?(?:{_Y}|\d{{2}}))?(?![\d/])"),
    # 2023/2024, 2024-2025, 2021-2027
    ("year_pair", rf"(?<![\d/])(?P<y1>{_Y})\s?[/\-–]\s?(?P<y2>{_Y}|\d{{2}})(?![\d/])"),
    ("year", rf"(?<![\d/.,])(?P<y>{_Y})(?![\d/]|,\d|\s?%)"),
]
_COMPILED = [(kind, re.compile(p, re.IGNORECASE)) for kind, p in _PATTERNS]
# A day and month without a year ("ce vendredi 9 juillet"): needs a reference year.
_DAY_NO_YEAR = re.compile(rf"(?<!\d){_DAY.format(name='d')}\s+(?P<m>{_MONTH_ALT})\b(?!\s+{_Y})", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """A period found in text: [start, end] dates and how precisely it was stated."""

    start: dt.date
    end: dt.date
    precision: str  # day, month, quarter, year, school_year, range
    char_start: int = 0
    char_end: int = 0
    surface: str = ""

    def label(self) -> str:
        """Short label: 2025-Q3, 2024, 2023/2024, 2026-01-01.

        >>> Period(dt.date(2025, 7, 1), dt.date(2025, 9, 30), "quarter").label()
        '2025-Q3'
        """
        if self.precision == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        if self.precision == "year":
            return str(self.start.year)
        if self.precision == "month":
            return f"{self.start:%Y-%m}"
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "school_year":
            return f"{self.start.year}/{self.end.year}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def year_period(year: int) -> tuple[dt.date, dt.date]:
    """The calendar year.

    >>> year_period(2024)
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    """
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def month_period(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The calendar month.

    >>> month_period(2025, 10)
    (datetime.date(2025, 10, 1), datetime.date(2025, 10, 31))
    """
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_period(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The calendar quarter.

    >>> quarter_period(2025, 3)
    (datetime.date(2025, 7, 1), datetime.date(2025, 9, 30))
    """
    first = 3 * quarter - 2
    return dt.date(year, first, 1), month_period(year, first + 2)[1]


def school_year_period(first_year: int) -> tuple[dt.date, dt.date]:
    """A school or apprenticeship year runs from September to August.

    >>> school_year_period(2023)
    (datetime.date(2023, 9, 1), datetime.date(2024, 8, 31))
    """
    return dt.date(first_year, 9, 1), dt.date(first_year + 1, 8, 31)


@lru_cache(maxsize=4096)
def parse_date_span(span: str, language: str = "fr") -> dt.date | None:
    """A full calendar date written in words or digits, through dateparser.

    >>> parse_date_span("1er janvier 2026")
    datetime.date(2026, 1, 1)
    >>> parse_date_span("1 januari 2016", "nl"), parse_date_span("3 maart 2020", "fr")
    (datetime.date(2016, 1, 1), datetime.date(2020, 3, 3))
    """
    import dateparser

    clean = re.sub(r"(?<=\d)\s?\^?\s?\{?(er|re)\}?(?=\s)", "", span)  # "1 ^{er} janvier" -> "1 janvier"
    clean = re.sub(r"^(\d{1,2})\.(?=\s)", r"\1", clean)  # German "9. Juli"
    # The document's language first, then the others: a Dutch date quoted in a French text is still a date.
    ordered = [language] + [lang for lang in ("fr", "nl", "de", "en") if lang != language]
    for lang in ordered:
        parsed = dateparser.parse(
            clean,
            languages=[lang],
            settings={
                "REQUIRE_PARTS": ["day", "month", "year"],
                "DATE_ORDER": "DMY",
                "PREFER_DAY_OF_MONTH": "first",
                "RELATIVE_BASE": dt.datetime(2000, 1, 1),
            },
        )
        if parsed:
            return parsed.date()
    return None


def _quarter_number(m: re.Match) -> int:
    if m.groupdict().get("q"):
        return int(m.group("q"))
    if m.groupdict().get("q2"):
        return int(m.group("q2"))
    return _ORD_WORDS[m.group("qw").lower()]


def _second_year(first: int, text: str) -> int:
    """'2024-25' -> 2025; '2024-2025' -> 2025."""
    return int(text) if len(text) == 4 else (first // 100) * 100 + int(text)


def _to_period(kind: str, m: re.Match, language: str, academic: bool) -> Period | None:
    g = m.groupdict()
    if kind == "date_range":
        start = parse_date_span(f"{g['d1']} {g['m1']} {g['y1']}", language)
        end = parse_date_span(f"{g['d2']} {g['m2']} {g['y2']}", language)
        return Period(start, end, "range") if start and end and start <= end else None
    if kind in ("quarter", "quarter_short"):
        year = int(g.get("y") or g.get("y2"))
        return Period(*quarter_period(year, _quarter_number(m)), "quarter")
    if kind == "day":
        day = parse_date_span(f"{g['d']} {g['m']} {g['y']}", language)
        return Period(day, day, "day") if day else None
    if kind == "day_numeric":
        try:
            day = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
        return Period(day, day, "day")
    if kind == "month_numeric":
        return Period(*month_period(int(g["y"]), int(g["m"])), "month")
    if kind == "month":
        return Period(*month_period(int(g["y"]), MONTHS[g["m"].lower()]), "month")
    if kind == "year_range_words":
        y1, y2 = int(g["y1"] or g["y3"]), int(g["y2"])
        return Period(year_period(y1)[0], year_period(y2)[1], "range") if y1 <= y2 else None
    if kind == "year_pair":
        y1 = int(g["y1"])
        y2 = _second_year(y1, g["y2"])
        if y2 <= y1:
            return None
        if y2 == y1 + 1 and (academic or "/" in m.group(0)):
            return Period(*school_year_period(y1), "school_year")
        return Period(year_period(y1)[0], year_period(y2)[1], "range")
    if kind == "school_year_words":
        return Period(*school_year_period(int(g["y"])), "school_year")
    if kind == "year":
        return Period(*year_period(int(g["y"])), "year")
    return None  # pragma: no cover


def find_periods(text: str, language: str = "fr", start: int = 0, end: int | None = None, academic: bool = False) -> list[Period]:
    """All periods in text[start:end], longest first where they overlap, in text order.

    `academic`: a pair of consecutive years is a school year ("2024-2025") rather
    than two calendar years; "2023/2024" is always a school year.

    >>> [p.label() for p in find_periods("9 % Au 3 ^e trimestre 2024")]
    ['2024-Q3']
    >>> [p.label() for p in find_periods("Duur: 1 januari 2016 tot en met 31 december 2019", "nl")]
    ['2016-01-01..2019-12-31']
    >>> [p.label() for p in find_periods("74 929 en 2023/2024 et 150 au 1 ^{er} janvier 2023")]
    ['2023/2024', '2023-01-01']
    >>> [p.label() for p in find_periods("à la rentrée 2022, comme au schooljaar 2019-2020")]
    ['2022/2023', '2019/2020']
    >>> [p.label() for p in find_periods("Laufzeit: 04/2021 bis 9/2023", "de")]
    ['2021-04', '2023-09']
    """
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    found: list[Period] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text, start, end):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            period = _to_period(kind, m, language, academic)
            if period is None:
                continue
            taken.append((s, e))
            found.append(Period(period.start, period.end, period.precision, s, e, m.group(0)))
    found.sort(key=lambda p: p.char_start)
    return found


def find_day_without_year(text: str, reference: dt.date | None, language: str = "fr") -> Period | None:
    """"ce vendredi 9 juillet" dated with the year of a reference date (the publication).

    >>> find_day_without_year("reçu ce vendredi 9 juillet, par", dt.date(2021, 7, 9)).label()
    '2021-07-09'
    """
    if reference is None:
        return None
    m = _DAY_NO_YEAR.search(text)
    if not m:
        return None
    try:
        day = dt.date(reference.year, MONTHS[m.group("m").lower()], int(m.group("d")))
    except ValueError:
        return None
    return Period(day, day, "day", m.start(), m.end(), m.group(0))


_RELATIVE = [(re.compile(rf"\b(?:{e['pattern']})\b"), e["unit"], int(e["back"])) for e in _CALENDAR["relative_periods"]]


def find_relative_periods(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, int]]:
    """Periods named relative to another ("au trimestre précédent", "im Vormonat"): (start, end, unit, back),
    offsets in `text` (folding keeps them).

    >>> [(u, b) for _, _, u, b in find_relative_periods("9,2 %, contre 9,0 % au trimestre précédent")]
    [('quarter', 1)]
    """
    from extractors.lexicon import fold_in_place

    # Only the window is folded (one character before it, for the word boundary): folding the text
    # from its start for each figure was quadratic in a document's length.
    before = max(0, start - 1)
    folded = fold_in_place(text[before:len(text) if end is None else end])
    return [(before + m.start(), before + m.end(), unit, back)
            for rx, unit, back in _RELATIVE for m in rx.finditer(folded, start - before)]


def shifted(period: "Period", unit: str, back: int) -> "Period | None":
    """The period `back` units before a period of that unit ("the quarter before 2024-Q3" is 2024-Q2).

    >>> shifted(Period(dt.date(2024, 7, 1), dt.date(2024, 9, 30), "quarter"), "quarter", 1).label()
    '2024-Q2'
    """
    start = period.start
    if unit == "year":
        first, last = year_period(start.year - back)
        return Period(first, last, "year")
    months = {"month": 1, "quarter": 3}[unit] * back
    index = start.year * 12 + start.month - 1 - months
    year, month = divmod(index, 12)
    if unit == "month":
        first, last = month_period(year, month + 1)
        return Period(first, last, "month")
    first, last = quarter_period(year, month // 3 + 1)
    return Period(first, last, "quarter")


_MONTH_NO_YEAR = re.compile(rf"(?<![\w.]){_MONTH_ALT_GROUP}(?![\w])(?!\s+(?:\d{{1,2}}\.?\s+)?{_Y})", re.IGNORECASE)


_YEAR_END = re.compile(r"(?<!\w)(?:" + "|".join(_CALENDAR["year_end_words"]) + r")(?!\w)(?!\s+" + _Y + ")",
                       re.IGNORECASE)


def find_months_without_year(text: str, reference: dt.date | None, start: int = 0,
                             end: int | None = None) -> list[Period]:
    """Months named without a year ("in april", "im Januar", "zum Jahresende": December), dated by a reference
    date (the publication): the latest such month not after it.

    >>> [p.label() for p in find_months_without_year("Im März, nach 5,8 Prozent im Februar", dt.date(2024, 3, 28))]
    ['2024-03', '2024-02']
    >>> [p.label() for p in find_months_without_year("Zum Jahresende waren 4.100 Menschen arbeitslos.", dt.date(2025, 1, 3))]
    ['2024-12']
    """
    if reference is None:
        return []
    out = []
    for m in _YEAR_END.finditer(text, start, len(text) if end is None else end):
        year = reference.year if reference.month == 12 else reference.year - 1
        first, last = month_period(year, 12)
        out.append(Period(first, last, "month", m.start(), m.end(), m.group(0)))
    for m in _MONTH_NO_YEAR.finditer(text, start, len(text) if end is None else end):
        if m.group(0)[0].islower() and m.group(0).lower() in _AMBIGUOUS_MONTH_WORDS:
            continue  # "mai" in French or "may" in English lower-case can be a verb
        month = MONTHS[m.group(0).lower()]
        year = reference.year if month <= reference.month else reference.year - 1
        first, last = month_period(year, month)
        out.append(Period(first, last, "month", m.start(), m.end(), m.group(0)))
    return out


_QUARTER_NO_YEAR = re.compile(
    # an ordinal as written ("3e", "3ème", "3.") or in words, never a bare number ("en 1 trimestre")
    rf"(?:\b(?P<q>[1-4])\s?\^?\s?(?:\{{?{ORDINAL_SUFFIX}\}}?\.?|\.)|(?P<qw>\b(?:{_ORD_ALT})))"
    rf"\s+(?:{_QUARTER_ALT})\b"
    rf"(?!\s+(?:de\s+|van\s+)?(?:l\W?ann[ée]e\s+)?{_Y})", re.IGNORECASE)


def undated_quarters(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """Quarters named without a year, where nothing can date them: (offset, "Q3").

    >>> undated_quarters("au 3e trimestre, après le deuxième trimestre")
    [(3, 'Q3'), (26, 'Q2')]
    """
    return [(m.start(), f"Q{_quarter_number(m)}")
            for m in _QUARTER_NO_YEAR.finditer(text, start, len(text) if end is None else end)]


def find_quarters_without_year(text: str, reference: dt.date | None, start: int = 0,
                               end: int | None = None) -> list[Period]:
    """Quarters named without a year ("au troisième trimestre", "im dritten Quartal"), dated by a
    reference date (the publication), as months are: the latest such quarter begun by then.

    >>> [p.label() for p in find_quarters_without_year("au 3e trimestre, après le deuxième trimestre", dt.date(2013, 11, 21))]
    ['2013-Q3', '2013-Q2']
    >>> [p.label() for p in find_quarters_without_year("im vierten Quartal", dt.date(2011, 2, 1))]
    ['2010-Q4']
    >>> find_quarters_without_year("au 3e trimestre 2024", dt.date(2025, 1, 1)), find_quarters_without_year("au 3e trimestre", None)
    ([], [])
    >>> find_quarters_without_year("en 1 trimestre", dt.date(2025, 1, 1))
    []
    """
    if reference is None:
        return []
    out = []
    for m in _QUARTER_NO_YEAR.finditer(text, start, len(text) if end is None else end):
        quarter = _quarter_number(m)
        year = reference.year if 3 * quarter - 2 <= reference.month else reference.year - 1
        out.append(Period(*quarter_period(year, quarter), "quarter", m.start(), m.end(), m.group(0)))
    return out


_DAY_SPAN = re.compile(rf"(?<!\d){_DAY.format(name='d')}\s+(?P<m>{_MONTH_ALT})\s+(?P<y>{_Y})\b", re.IGNORECASE)
_NUMERIC_DAY_SPAN = re.compile(rf"(?<![\d/.])(?P<d>\d{{1,2}})[/.](?P<m>\d{{1,2}})[/.](?P<y>{_Y})(?![\d/])")


def unreadable_dates(text: str, language: str = "fr") -> list[tuple[int, int, str]]:
    """Spans written as a calendar date that is no date ("31 février 2024", "45/13/2023").

    A reader must hear of them: the figures and agreements they date are left undated.

    >>> unreadable_dates("signé le 31 février 2024 et le 3 mars 2024")
    [(9, 24, '31 février 2024')]
    """
    out = []
    for m in _DAY_SPAN.finditer(text):
        if parse_date_span(m.group(0), language) is None:
            out.append((m.start(), m.end(), m.group(0)))
    for m in _NUMERIC_DAY_SPAN.finditer(text):
        try:
            dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            out.append((m.start(), m.end(), m.group(0)))
    return sorted(out)


_REFERENCE_LEAD = re.compile(r"\b(?:" + "|".join(_CALENDAR["reference_period_leads"])
                             + r")\s*(?:de |het |dem |der |the )?$")
_REFERENCE_TAIL = re.compile(r"^\s*(?:" + "|".join(_CALENDAR["reference_period_tails"]) + r")\b")


def is_reference_period(text: str, p: Period) -> bool:
    """A period the text compares with or cites a text's version by, rather than dates anything by
    ("le plus bas depuis mars 2012", "wie im März", "in der zum 1. Juli 2021 geltenden Fassung").

    >>> t = "Met 3,4 procent is de werkloosheid het laagst sinds augustus 2008."
    >>> [is_reference_period(t, p) for p in find_periods(t, "nl")]
    [True]
    >>> t = "nach dem Schlüssel in der zum 1. Juli 2021 geltenden Fassung, für das Jahr 2022"
    >>> [(p.label(), is_reference_period(t, p)) for p in find_periods(t, "de")]
    [('2021-07-01', True), ('2022', False)]
    """
    return bool(_REFERENCE_LEAD.search(fold(text[max(0, p.char_start - 45):p.char_start]))
                or _REFERENCE_TAIL.match(fold(text[p.char_end:p.char_end + 40])))


def dating_periods(text: str, language: str) -> list[Period]:
    """The periods of a text that may date what it states: `find_periods` without the reference periods."""
    return [p for p in find_periods(text, language) if not is_reference_period(text, p)]
