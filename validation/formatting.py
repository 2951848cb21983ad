"""How findings write figures, periods and places, so every message reads the same way."""
from __future__ import annotations

import datetime as dt
import math

from validation.facts import FactRow, to_date


def fmt_number(v: float | None) -> str:
    """A figure as a person reads it: spaces between thousands, at most 2 decimals.

    >>> fmt_number(538430.0), fmt_number(3394.9), fmt_number(7546407388.35)
    ('538 430', '3 394.9', '7 546 407 388.35')
    """
    if v is None:
        return "?"
    if math.isinf(v):
        return "∞" if v > 0 else "-∞"
    text = f"{v:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", " ")


def fmt_unit(f: FactRow) -> str:
    return {"percent": " %", "EUR": " EUR", "km2": " km2", "years": " years"}.get(f.unit or "", "")


def fmt_value(f: FactRow) -> str:
    q = {"approx": "about ", "min": "more than ", "max": "less than "}.get(f.qualifier or "", "")
    return f"{q}{fmt_number(f.value)}{fmt_unit(f)}"


def fmt_period(start, end) -> str:
    """A period in the shortest usual form.

    >>> fmt_period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    '2025-Q4'
    >>> fmt_period(dt.date(2024, 9, 1), dt.date(2025, 8, 31))
    '2024/2025'
    """
    s, e = to_date(start), to_date(end)
    if s is None and e is None:
        return "undated"
    if s is None or e is None:
        return str(s or e)
    if s == e:
        return s.isoformat()
    if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
        return str(s.year) if s.year == e.year else f"{s.year}-{e.year}"
    if (s.month, s.day, e.month, e.day) == (9, 1, 8, 31) and e.year == s.year + 1:
        return f"{s.year}/{e.year}"
    if s.year == e.year and s.day == 1 and s.month in (1, 4, 7, 10) and e.month == s.month + 2:
        if (e + dt.timedelta(days=1)).day == 1:
            return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
    if s.year == e.year and s.month == e.month and s.day == 1 and (e + dt.timedelta(days=1)).day == 1:
        return f"{s.year}-{s.month:02d}"
    return f"{s.isoformat()}..{e.isoformat()}"


def fmt_fact_period(f: FactRow) -> str:
    return fmt_period(*f.period)


def short(text: str | None, n: int = 60) -> str:
    """A text on one line, cut to n characters."""
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def fmt_where(f: FactRow) -> str:
    """Where a figure stands: its page, then its table row and column when known, else a short snippet.

    >>> fmt_where(FactRow.from_dict({"fact_id": "a", "page": 2, "row_label": "Alsace", "column_label": "col. 4"}))
    "page 2, row 'Alsace', column 'col. 4'"
    """
    parts = []
    if f.table_name:
        parts.append(f"table '{short(f.table_name, 60)}'")
    if f.page is not None:
        parts.append(f"page {f.page}")
    if f.row_label:
        parts.append(f"row '{short(f.row_label, 40)}'")
    if f.column_label:
        parts.append(f"column '{short(f.column_label, 40)}'")
    if not (f.row_label and f.column_label) and f.snippet:
        snippet = short(f.snippet, 58)
        parts.append(f"'{snippet}'")
    return ", ".join(parts) if parts else "an unknown place"


def fmt_subject(f: FactRow) -> str:
    return " ".join(str(x) for x in (f.indicator, f.area, f.segment) if x)

