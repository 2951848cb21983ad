"""Candidates: one per figure of a data cell (or of a header that states an amount), with its contexts.

Each `Candidate` carries the figure (offsets in the document text), the period written in its
cell, its row label, its column (header path, formula), the label row above that names a block of
rows, the nearest row above that named an indicator, and the whole `TableReading` (caption,
corner, section). Throttles and labellers read nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from extractors.annotate.figures import Figure
from extractors.annotate.periods import Period
from extractors.label.tables.contexts import LabelContext, label_context
from extractors.label.tables.grid import Column, TableReading, cell_figures, is_missing_marker, is_value_cell
from extractors.read.layout import Cell


@dataclass
class Candidate:
    figure: Figure  # offsets in the document text
    cell_period: Period | None
    cell: Cell
    row_index: int
    column: Column
    row: LabelContext
    group: LabelContext | None  # a label row above, naming a block of rows
    reading: TableReading
    in_header: bool = False
    above: LabelContext | None = None  # the nearest data row above that named an indicator


def candidates(reading: TableReading) -> list[Candidate]:
    out: list[Candidate] = []
    rows = reading.table.rows
    group: LabelContext | None = None
    above: LabelContext | None = None
    spanning = ""
    for i in reading.data_rows:
        row = rows[i]
        stub = [c.clean for c in row[: reading.stub_width] if c.clean]
        if not any(is_value_cell(c, reading.language) for c in row[reading.stub_width:]):
            text = " ".join(c.clean for c in row if c.clean)
            if text:
                group = label_context(text, reading.language)
            continue
        if reading.stub_width > 1 and row[0].clean:
            spanning = row[0].clean
        elif reading.stub_width > 1 and not row[0].clean and spanning:
            stub = [spanning] + stub
        row_ctx = label_context(" ".join(stub), reading.language)
        if reading.rows_are_local_units and not row_ctx.is_total:
            row_ctx = replace(row_ctx, area=None)  # a municipality named after its province is not the province
        for j, cell in enumerate(row):
            if j < reading.stub_width or j >= len(reading.columns):
                continue
            for fig, period in _cell_figures(cell, reading.language):
                out.append(Candidate(fig, period, cell, i, reading.columns[j], row_ctx, group, reading, above=above))
        if row_ctx.indicator:
            above = row_ctx
    for cell, column in reading.header_figures:
        for fig, period in _cell_figures(cell, reading.language):
            out.append(Candidate(fig, period, cell, -1, column, label_context("", reading.language), None, reading,
                                 in_header=True))
    return out


def _cell_figures(cell: Cell, language: str) -> list[tuple[Figure, Period | None]]:
    """Figures of a cell (offsets in the document), each with the period written after it, else before it."""
    text = cell.text
    if is_missing_marker(text):
        return []
    figures, periods = cell_figures(text, language)
    out = []
    for i, f in enumerate(figures):
        nxt = figures[i + 1].start if i + 1 < len(figures) else len(text)
        prev = figures[i - 1].end if i > 0 else 0
        after = [p for p in periods if f.end <= p.char_start < nxt]
        before = [p for p in periods if prev <= p.char_start and p.char_end <= f.start]
        period = after[0] if after else (before[-1] if before else None)
        shifted = Figure(f.value, f.start + cell.start, f.end + cell.start, f.unit, f.qualifier, f.precision,
                         f.decimals, f.scale, f.surface, f.in_words)
        out.append((shifted, period))
    return out
