"""Throttles: small named predicates that keep a candidate out of the facts, each saying why.

A throttle returns a reason or None. The first reason of `THROTTLES` is stored on the figure's
record (`FigureRecord.skip_reason`), so that every figure kept out says what it was taken for
(a stated change, an amount per unit, a derived index, a number inside a header, …).
"""
from __future__ import annotations

from extractors.label.rules import Throttle
from extractors.label.tables.candidates import Candidate
from extractors.label.tables.contexts import shortened
from extractors.label.tables.grid import cell_figures




def in_change_column(c: Candidate) -> str | None:
    return "stated change (compared, not a figure of its own)" if c.column.context.is_change else None


def in_ratio_column(c: Candidate) -> str | None:
    if c.column.context.is_ratio and not c.in_header:
        return f"amount per unit (column '{shortened(c.column.header)}')"
    return None


def in_derived_column(c: Candidate) -> str | None:
    """A column computed as a product or ratio of others holds an index, not an amount of its caption's unit."""
    f = c.column.formula
    if f and not f.is_sum and not c.in_header:
        return f"derived column ({f.text})"
    return None


def header_figure_without_cue(c: Candidate) -> str | None:
    """A figure inside a header counts only when the header says what it is: an amount or a percentage."""
    if not c.in_header:
        return None
    if c.figure.unit in ("EUR", "percent"):
        return None
    return "number inside a header"


def header_figure_repeated_below(c: Candidate) -> str | None:
    """"Montant à répartir = 190 000 000 euros" over a column whose total row prints 190 000 000: one figure."""
    if not c.in_header:
        return None
    for i in c.reading.data_rows:
        for cell in c.reading.table.rows[i][c.reading.stub_width:]:
            figures, _ = cell_figures(cell.text, c.reading.language)
            if any(abs(f.value - c.figure.value) < 1e-9 for f in figures):
                return "repeats a figure of the table's rows"
    return None


THROTTLES: list[Throttle] = [in_change_column, in_ratio_column, in_derived_column, header_figure_without_cue,
                             header_figure_repeated_below]
