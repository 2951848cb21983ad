"""Values and periods as a reader expects them, not as DuckDB prints them."""
from __future__ import annotations

import calendar
import datetime as dt

UNIT_SUFFIX = {"percent": " %", "EUR": " €", "persons": " persons", "count": "", "km2": " km²", "years": " years"}


def format_value(value: float | None, unit: str | None) -> str:
    """A figure with its thousands apart (narrow no-break spaces) and its unit.

    >>> format_value(1085094000.0, "EUR").replace("\u202f", "_")
    '1_085_094_000 €'
    >>> format_value(9.2, "percent")
    '9.2 %'
    >>> format_value(2724287348.47, "EUR").replace("\u202f", "_")
    '2_724_287_348.47 €'
    """
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6f}".rstrip("0")
    return text.replace(",", "\u202f") + UNIT_SUFFIX.get(unit or "", f" {unit}" if unit else "")


def period_label(start: dt.date | None, end: dt.date | None) -> str:
    """A period in its shortest exact wording.

    >>> period_label(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    '2024'
    >>> period_label(dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    '2025-Q3'
    >>> period_label(dt.date(2023, 9, 1), dt.date(2024, 8, 31))
    '2023/2024'
    >>> period_label(dt.date(2021, 1, 1), dt.date(2027, 12, 31))
    '2021–2027'
    >>> period_label(dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    '2025-10'
    >>> period_label(None, None)
    'undated'
    """
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
        return f"{start.year}–{end.year}"
    return f"{start.isoformat()} – {end.isoformat()}"


def fact_label(fact: dict, indicator_labels: dict[str, str]) -> str:
    """What a fact says, in one line: indicator, area, segment, period, value.

    >>> fact_label({"indicator": "unemployment_rate", "area": "FR-HDF", "segment": None, "value": 9.2,
    ...             "unit": "percent", "period_start": None, "period_end": None, "qualifier": "approx"},
    ...            {"unemployment_rate": "Unemployment rate"})
    'Unemployment rate · FR-HDF · undated · ≈ 9.2 %'
    """
    qualifier = {"approx": "≈ ", "min": "> ", "max": "< "}.get(fact.get("qualifier") or "", "")
    parts = [indicator_labels.get(fact["indicator"], fact["indicator"]), fact.get("area") or "no area",
             fact.get("segment"), period_label(fact.get("period_start"), fact.get("period_end")),
             qualifier + format_value(fact["value"], fact.get("unit"))]
    return " · ".join(p for p in parts if p)
