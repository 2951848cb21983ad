"""The typed fact row the rules read, built once from a warehouse `facts` dict.

The warehouse gives facts back as dicts (the names of `extractors.model`);
rows that went through pandas carry NaN and NaT for missing values, dates may
be strings. `FactRow.from_dict` settles all that once, so the rules compare
plain floats, dates and None.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable

from validation.thresholds import APPROX_TOLERANCE, EPS, SURE_READING
from warehouse.formatting import as_date as to_date  # (a date from a row's date, Timestamp or ISO text)

ADDITIVE_UNITS = {"persons", "count", "EUR"}
HEADCOUNT_UNITS = {"persons", "count"}


def missing(v) -> bool:
    """None, NaN or NaT (rows that went through pandas)."""
    if v is None:
        return True
    if isinstance(v, (str, list, tuple, dict, set)):
        return False
    try:
        return bool(v != v)
    except (TypeError, ValueError):
        return False


def to_float(value) -> float | None:
    if missing(value):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def _text(value) -> str | None:
    return None if missing(value) or value == "" else str(value)


def _int(value) -> int | None:
    v = to_float(value)
    return None if v is None else int(v)


def decimals_of(x: float) -> int:
    """How many decimals a figure shows (at most 6).

    >>> decimals_of(3394.9), decimals_of(100.0)
    (1, 0)
    """
    text = f"{abs(x):.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


@dataclass(frozen=True)
class FactRow:
    """One fact as the rules see it.

    `precision` is half the unit of the last written digit (inferred from the
    value when the row has none); `confidence` and `reason` say how the
    extractor read it (None: an older row, taken as sure).
    """

    fact_id: str
    document_id: str | None
    indicator: str | None
    area: str | None
    segment: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    value: float | None
    unit: str | None
    qualifier: str | None
    precision: float
    page: int | None = None
    char_start: int | None = None
    snippet: str | None = None
    table_id: str | None = None
    table_ids: tuple[str, ...] = ()
    row_label: str | None = None
    column_label: str | None = None
    stated_change_pct: float | None = None
    stated_change_decimals: int | None = None
    change_base_fact_id: str | None = None
    scale_note: str | None = None
    confidence: float | None = None
    reason: str | None = None
    table_name: str | None = None  # the caption or heading of `table_id`, from the figures rows

    @classmethod
    def from_dict(cls, d: dict) -> "FactRow":
        fields = {name: convert(d.get(name)) for name, convert in _CONVERTERS.items()}
        if fields["precision"] is None:
            fields["precision"] = 0.5 * 10 ** (-decimals_of(fields["value"] or 0.0))
        fields["precision"] = abs(fields["precision"])
        table_ids = d.get("table_ids")
        fields["table_ids"] = tuple(table_ids) if table_ids is not None and not isinstance(table_ids, str) else ()
        return cls(fact_id=d.get("fact_id"), **fields)

    @property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        return self.period_start, self.period_end

    @property
    def dated(self) -> bool:
        return self.period_start is not None and self.period_end is not None

    @property
    def sure(self) -> bool:
        """Read with enough confidence to accuse the source (an older row without one is)."""
        return self.confidence is None or self.confidence >= SURE_READING

    @property
    def tables(self) -> set[str]:
        """Every table the figure is stated in (a figure repeated in two tables is one fact)."""
        return set(self.table_ids) | ({self.table_id} if self.table_id else set())

    @property
    def interval(self) -> tuple[float, float]:
        """The values a stated figure allows, from its rounding and its qualifier.

        >>> FactRow.from_dict({"fact_id": "a", "value": 100.0, "precision": 0.5}).interval
        (99.5, 100.5)
        >>> FactRow.from_dict({"fact_id": "a", "value": 100.0, "precision": 0.5, "qualifier": "min"}).interval
        (99.5, inf)
        """
        v, p = self.value or 0.0, self.precision
        if self.qualifier == "approx":
            spread = abs(v) * APPROX_TOLERANCE
            return v - spread - p, v + spread + p
        if self.qualifier == "min":
            return v - p, math.inf
        if self.qualifier == "max":
            return -math.inf, v + p
        return v - p, v + p


_CONVERTERS: dict[str, Callable] = {
    **dict.fromkeys(["document_id", "indicator", "area", "segment", "unit", "qualifier", "snippet", "table_id",
                     "row_label", "column_label", "change_base_fact_id", "scale_note", "reason",
                     "table_name"], _text),
    **dict.fromkeys(["period_start", "period_end"], to_date),
    **dict.fromkeys(["value", "precision", "stated_change_pct", "confidence"], to_float),
    **dict.fromkeys(["page", "char_start", "stated_change_decimals"], _int),
}


def as_rows(facts: Iterable) -> list[FactRow]:
    """Fact rows from warehouse dicts (rows already typed pass through); rows without an id are dropped."""
    rows = []
    for f in facts or []:
        row = f if isinstance(f, FactRow) else FactRow.from_dict(f)
        if row.fact_id is not None:
            rows.append(row)
    return rows


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two intervals meet (within floating-point slack)."""
    scale = max(1.0, *(abs(x) for x in a + b if math.isfinite(x)))
    eps = EPS * scale
    return a[0] <= b[1] + eps and b[0] <= a[1] + eps


def agree(f: FactRow, g: FactRow) -> bool:
    """Whether two statements of the same figure can both be right."""
    return overlap(f.interval, g.interval)


def sorted_rows(facts: Iterable[FactRow]) -> list[FactRow]:
    return sorted(facts, key=lambda f: (str(f.document_id), str(f.fact_id)))


def group(facts: Iterable, key: Callable) -> dict[tuple, list]:
    groups: dict[tuple, list] = defaultdict(list)
    for f in facts:
        groups[key(f)].append(f)
    return groups
