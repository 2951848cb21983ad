"""Cells that speak of other cells: a stated change ("Évolution (En %)") attached to the figures it
compares, and the formulas headers state, applied to each data row as `Relation`s for validation.
"""
from __future__ import annotations

import re

from extractors.label.tables.grid import TableReading
from extractors.model import Relation


def attach_stated_changes(reading: TableReading, by_cell: dict, at_cell: dict) -> None:
    """An "Évolution (En %)" cell compares the two value columns to its left in the same row."""
    for (row, j), rec in at_cell.items():
        if not reading.columns[j].context.is_change:
            continue
        left = sorted((k for (i, k) in by_cell if i == row and k < j), reverse=True)
        if len(left) < 2 or left[0] != j - 1:
            continue
        current, base = by_cell[(row, left[0])], by_cell[(row, left[1])]
        if current.indicator != base.indicator:
            continue
        current.stated_change_pct = rec.value
        current.stated_change_decimals = _decimals(rec.surface)
        current.compared_with = base


def _decimals(surface: str) -> int:
    m = re.search(r"[.,](\d+)\s*%?$", surface.strip())
    return len(m.group(1)) if m else 0


def formula_relations(reading: TableReading, cell_figure: dict) -> list[Relation]:
    """Formulas stated in headers, applied to each data row: the cells it names, in that row or the total row."""
    total_row = reading.total_row
    out: list[Relation] = []
    for col in reading.columns:
        f = col.formula
        if f is None or (len(f.columns) == 1 and not f.operators):
            continue
        operand_cols = [reading.column_by_number(n) for n in f.columns]
        if any(oc is None for oc in operand_cols):
            continue
        for i in reading.data_rows:
            if i == total_row and any(f.from_total):
                continue  # "col. 3 (total)" compares each region with the total: it says nothing of the total row
            target = cell_figure.get((i, col.index))
            operands = []
            for oc, from_total in zip(operand_cols, f.from_total):
                operands.append(cell_figure.get((total_row if from_total else i, oc.index)))
            if target is None or any(o is None for o in operands):
                continue
            out.append(Relation(kind="formula", target=target, operands=operands, expression=f.expression(),
                                formula_text=f.text, table_id=reading.table_id,
                                row_label=target.row_label))
    return out
