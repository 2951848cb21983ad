"""A table as its printed cells: rows and columns in order, each cell with its raw text and rounding.

The table rules (sums down a column and along a row, a column printed twice,
ambiguous number formats) read the table the way a person checks it with a
pencil: from the `figures` rows, which keep every number of a table cell (a
fact or not) with its surface, its row label and column header path, and the
precision it is printed to. A cell's `fact_id` is what a finding points at.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Iterable

from validation.facts import decimals_of, missing, to_float

# Skip reasons of numbers that are no cell of the grid's body (a header's number, a column number).
_NOT_A_CELL = ("number inside a header",)
# Cells computed from other columns (a ratio, a formula's result): their sums are the formula's business.
_DERIVED = ("derived column", "amount per unit")
_PATH_SEPARATOR = " / "


@dataclass(frozen=True)
class Cell:
    figure_id: str | None
    fact_id: str | None
    value: float
    precision: float
    surface: str
    unit: str | None
    row: int  # the row's position in the table
    column: str
    derived: bool
    page: int | None
    char_end: int = 0
    # digits right after the number in the same cell that the extractor did not read ("1 7 414" read as 1)
    partly_read: bool = False


@dataclass
class Grid:
    """The body of one table: `row_labels[i]` for row i, columns in order of first appearance."""

    document_id: str | None
    table_id: str
    name: str | None
    row_labels: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    cells: dict[tuple[int, str], Cell] = field(default_factory=dict)

    def column(self, column: str) -> dict[int, Cell]:
        return {r: c for (r, col), c in self.cells.items() if col == column}

    def row(self, row: int) -> dict[str, Cell]:
        return {col: c for (r, col), c in self.cells.items() if r == row}

    @property
    def total_rows(self) -> list[int]:
        return [i for i, label in enumerate(self.row_labels) if is_total_label(label)]

    @property
    def total_columns(self) -> list[str]:
        return [c for c in self.columns if is_total_label(leaf(c), "sum_columns")]

    @property
    def page(self) -> int | None:
        return next((c.page for c in self.cells.values() if c.page is not None), None)

    def title(self) -> str:
        """The table as a reader finds it: its caption or heading, else its page."""
        if self.name:
            return f"table '{short(self.name, 90)}'"
        return f"the table on page {self.page}" if self.page is not None else "an untitled table"

    def where(self, row: int | None = None, column: str | None = None) -> str:
        parts = [self.title()]
        if row is not None:
            parts.append(f"row '{short(self.row_labels[row], 50)}'")
        if column is not None:
            parts.append(f"column '{short(column, 70)}'")
        return ", ".join(parts)


def document_names(documents: Iterable[dict] | None) -> dict[str, str]:
    """How messages name each document: its file, else its title."""
    names = {}
    for d in documents or []:
        name = d.get("source_path") or d.get("title")
        if d.get("document_id") and not missing(name):
            names[d["document_id"]] = f"'{str(name).rsplit('/', 1)[-1]}'"
    return names


def short(text: str | None, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def leaf(column: str) -> str:
    """The last header of a column's path ("2020 / Effectif" → "Effectif")."""
    return column.split(_PATH_SEPARATOR)[-1]


def is_total_label(label: str | None, kind: str = "sum_rows") -> bool:
    """Whether a row label (or, with kind "sum_columns", a column header) names a total (tables.yaml)."""
    from extractors.lexicon import fold, lexicon

    if not label:
        return False
    folded = fold(label)
    return lexicon().matches(kind, folded) or kind == "sum_rows" and lexicon().matches("total_labels", folded)


def _precision(row: dict, value: float) -> float:
    p = to_float(row.get("precision"))
    return abs(p) if p is not None else 0.5 * 10 ** (-decimals_of(value))


def grids(figures: Iterable[dict]) -> list[Grid]:
    """The tables of the figures rows, each cell placed in its row (rows follow the text's order)."""
    by_table: dict[tuple, list[dict]] = {}
    unread = sorted((f.get("document_id"), f.get("char_start") or 0) for f in figures or []
                    if f.get("context") != "table" and f.get("fact_id") is None)
    for f in figures or []:
        if f.get("context") != "table" or missing(f.get("table_id")) or missing(f.get("row_label")):
            continue
        if missing(f.get("column_label")) or to_float(f.get("value")) is None:
            continue
        if str(f.get("skip_reason") or "").startswith(_NOT_A_CELL):
            continue
        by_table.setdefault((f.get("document_id"), f["table_id"]), []).append(f)
    out = []
    for (document_id, table_id), rows in sorted(by_table.items(), key=lambda kv: str(kv[0])):
        rows.sort(key=lambda f: (f.get("char_start") or 0))
        names = [f.get("table_name") for f in rows if not missing(f.get("table_name"))]
        grid = Grid(document_id, table_id, names[0] if names else None)
        previous = None
        for f in rows:
            label = str(f["row_label"])
            if label != previous:
                grid.row_labels.append(label)
                previous = label
            column = str(f["column_label"])
            if column not in grid.columns:
                grid.columns.append(column)
            value = float(f["value"])
            key = (len(grid.row_labels) - 1, column)
            grid.cells.setdefault(key, Cell(
                None if missing(f.get("figure_id")) else f.get("figure_id"),
                None if missing(f.get("fact_id")) else f.get("fact_id"),
                value, _precision(f, value), str(f.get("surface") or ""),
                None if missing(f.get("unit")) else f.get("unit"),
                key[0], column, str(f.get("skip_reason") or "").startswith(_DERIVED),
                None if missing(f.get("page")) else int(f["page"]),
                int(f.get("char_end") or 0), _followed_by_unread(unread, document_id, int(f.get("char_end") or 0)),
            ))
        out.append(grid)
    return out


def _followed_by_unread(unread: list[tuple], document_id, end: int) -> bool:
    """Whether a number no reader took starts right after `end` (one space apart: the same cell)."""
    i = bisect_left(unread, (document_id, end))
    return i < len(unread) and unread[i][0] == document_id and unread[i][1] - end <= 1


# ---------------------------------------------------------------- how a cell's digits are grouped
_SPACES = "[ \u00a0\u202f]"
SPACE_GROUPED = re.compile(rf"^\d{{1,3}}(?:{_SPACES}\d{{3}})+$")
COMMA_THOUSANDS_OR_DECIMALS = re.compile(r"^\d{1,3},\d{3}$")
# A comma the column's own cells prove decimal: "12,5", "0,1234", or after space-grouped thousands ("1 217,54").
DECIMAL_COMMA = re.compile(rf"^\d{{1,3}}(?:{_SPACES}?\d{{3}})*,(?:\d{{1,2}}|\d{{4,}})$"
                           rf"|^\d{{1,3}}(?:{_SPACES}\d{{3}})+,\d+$")


def digits_of(surface: str) -> str:
    """The number's own characters, without a currency or percent sign around it."""
    return re.sub(r"^[^\d]+|[^\d]+$", "", surface.strip())
