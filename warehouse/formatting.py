"""How the warehouse's values read: a figure, its unit and its period written one way everywhere.

The units (`facts.unit`: percent, persons, count, EUR, km2, years) and the periods (`period_start`,
`period_end`) are the warehouse contract's, so the one way of writing them lives beside the contract.
Every layer that shows a warehouse row sits above it and may import it: validation's messages,
the Dagster previews and checks, the explorer. It imports the standard library only (no DuckDB, no
Dagster), so validation importing it stays pure Python.

Figures group their thousands with a space ("1 085 094 000"), put a point before their decimals
and carry their unit's sign after a space ("9.2 %", "400 400 000 €", "48 500 km²").
"""
from __future__ import annotations

import calendar
import datetime as dt
import math

# A unit's sign after the figure where it has one, its name where it has none; a count is a bare number.
UNIT_SUFFIX = {"percent": " %", "EUR": " €", "km2": " km²", "persons": " persons", "years": " years",
               "count": ""}
# How a fact's qualifier (facts.qualifier) reads before its figure.
QUALIFIER_WORDS = {"approx": "about ", "min": "more than ", "max": "less than "}
# A computed figure (a sum, a difference, a tolerance) is shown to the cent; a figure as the document
# states it keeps every decimal it was printed with ("1,95195 %"), float noise cut.
COMPUTED_DECIMALS = 2
STATED_DECIMALS = 6


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | None, decimals: int = COMPUTED_DECIMALS) -> str:
    """A figure as a person reads it: thousands apart, at most `decimals` decimals, no trailing zeros.

    >>> format_number(538430.0), format_number(3394.9), format_number(7546407388.351)
    ('538 430', '3 394.9', '7 546 407 388.35')
    >>> format_number(-0.001), format_number(None), format_number(float("inf"))
    ('0', '?', '∞')
    """
    if _missing(value):
        return "?"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    rounded = round(float(value), decimals) or 0.0  # (no "-0" for a tiny negative)
    text = f"{rounded:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ")


def format_unit(unit: str | None) -> str:
    """The suffix of a unit: its sign or name after a space; an unknown unit as it is stored."""
    return UNIT_SUFFIX.get(unit or "", f" {unit}" if unit else "")


def format_value(value: float | None, unit: str | None, qualifier: str | None = None) -> str:
    """A stated figure with its qualifier and its unit; '' when there is no figure.

    >>> format_value(1085094000.0, "EUR"), format_value(9.2, "percent"), format_value(74929.0, "persons")
    ('1 085 094 000 €', '9.2 %', '74 929 persons')
    >>> format_value(1.95195, "percent", "approx"), format_value(48500.0, "km2"), format_value(None, "EUR")
    ('about 1.95195 %', '48 500 km²', '')
    """
    if _missing(value):
        return ""
    return QUALIFIER_WORDS.get(qualifier or "", "") + format_number(value, STATED_DECIMALS) + format_unit(unit)


def as_date(value) -> dt.date | None:
    """A date from what a row holds: a date, a datetime (pandas' Timestamp is one), an ISO string."""
    if _missing(value) or value == "" or value != value:  # (pandas' NaT is not equal to itself)
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_period(start, end) -> str:
    """A period in its shortest exact wording: a year, a school year, a quarter, a month, a day, a
    range of whole years, else its two days.

    >>> format_period(dt.date(2024, 1, 1), dt.date(2024, 12, 31)), format_period("2025-07-01", "2025-09-30")
    ('2024', '2025-Q3')
    >>> format_period(dt.date(2023, 9, 1), dt.date(2024, 8, 31)), format_period(dt.date(2021, 1, 1), dt.date(2027, 12, 31))
    ('2023/2024', '2021-2027')
    >>> format_period(dt.date(2025, 10, 1), dt.date(2025, 10, 31)), format_period(dt.date(2025, 3, 4), dt.date(2025, 3, 4))
    ('2025-10', '2025-03-04')
    >>> format_period(dt.date(2025, 3, 4), dt.date(2025, 6, 30)), format_period(None, None)
    ('2025-03-04 – 2025-06-30', 'undated')
    """
    start, end = as_date(start), as_date(end)
    if start is None or end is None:
        return "undated" if start is None and end is None else str(start or end)
    if start == end:
        return start.isoformat()
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months and start.year == end.year:
        if (start.month, end.month) == (1, 12):
            return str(start.year)
        if start.month == end.month:
            return f"{start.year}-{start.month:02d}"
        if start.month % 3 == 1 and end.month == start.month + 2:
            return f"{start.year}-Q{start.month // 3 + 1}"
    if whole_months and (start.month, end.month) == (9, 8) and end.year == start.year + 1:
        return f"{start.year}/{end.year}"
    if whole_months and (start.month, end.month) == (1, 12):
        return f"{start.year}-{end.year}"
    return f"{start.isoformat()} – {end.isoformat()}"
