"""How findings write facts and places, so every message reads the same way; figures and periods are
written by `warehouse.formatting`, as everywhere else."""
from __future__ import annotations

from validation.facts import FactRow
from warehouse.formatting import format_period, format_value


def fmt_value(f: FactRow) -> str:
    """A fact's figure with its qualifier and unit, as every layer writes it (warehouse.formatting)."""
    return format_value(f.value, f.unit, f.qualifier) or "?"


def fmt_fact_period(f: FactRow) -> str:
    return format_period(*f.period)


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

