"""Rules over a table's printed grid: sums down columns and along rows, a column printed twice, number formats.

Every tolerance is the printed precision: a sum of n cells may hide at most
half a unit of each cell's last printed digit, plus the total's (22 integer
amounts: ±11.5 €, whatever the size of the total). A difference beyond that is
the source's, provided the cells were read surely (`validation.gating`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from validation.facts import ADDITIVE_UNITS, HEADCOUNT_UNITS, FactRow
from validation.findings import ERROR, Finding
from validation.gating import doubt
from validation.grid import (
    COMMA_THOUSANDS_OR_DECIMALS,
    DECIMAL_COMMA,
    SPACE_GROUPED,
    Cell,
    Grid,
    digits_of,
    document_names,
    grids,
    leaf,
)
from validation.thresholds import EPS, REPEATED_COLUMN_MIN_AGREEING, REPEATED_HEADING_OVERLAP, ROW_SUM_MIN_HOLDING
from warehouse.formatting import format_number


@dataclass
class Discrepancy:
    """A total its parts do not give: `diff` = parts' sum − printed total, beyond `tolerance`."""

    total: Cell
    parts: list[Cell]
    parts_sum: float
    tolerance: float

    @property
    def diff(self) -> float:
        return self.parts_sum - self.total.value


def _discrepancy(total: Cell, parts: list[Cell]) -> Discrepancy | None:
    """None when the parts give the total within the sum of their roundings."""
    parts_sum = sum(p.value for p in parts)
    tolerance = sum(p.precision for p in parts) + total.precision + EPS * max(1.0, abs(total.value))
    if abs(parts_sum - total.value) <= tolerance:
        return None
    return Discrepancy(total, parts, parts_sum, tolerance)


def _additive(cell: Cell, facts: dict[str, FactRow]) -> bool:
    """A total that is a sum: an amount or a count, or shares adding to 100 (never a rate's average)."""
    fact = facts.get(cell.fact_id)
    if fact is None:
        return False
    if fact.unit == "percent":
        return abs(cell.value - 100) <= cell.precision
    return fact.unit in ADDITIVE_UNITS


def _is_sub_row(d: Discrepancy) -> bool:
    """A difference equal to one part's value: a row counted twice ("dont …", a subtotal), not a wrong cell."""
    return any(abs(abs(d.diff) - abs(p.value)) <= d.tolerance for p in d.parts)


def column_discrepancies(grid: Grid, facts: dict[str, FactRow]) -> list[Discrepancy]:
    """Total rows that no reading of the rows above or below them gives.

    A total row may add up the rows since the previous total, all the rows
    above it, the subtotals above it, or (a total printed first) the rows
    below it: it is wrong only if none of these holds.
    """
    out = []
    totals = grid.total_rows
    for column in grid.columns:
        cells = grid.column(column)
        if any(c.derived for c in cells.values()) or ambiguous_commas(cells)[1]:
            continue  # a formula's column is checked by its formula; an ambiguous one by its format
        for t in totals:
            total = cells.get(t)
            if total is None or not _additive(total, facts):
                continue
            previous = max((x for x in totals if x < t), default=-1)
            following = min((x for x in totals if x > t), default=len(grid.row_labels))
            data = [r for r in sorted(cells) if r not in totals]
            readings = [
                [cells[r] for r in data if previous < r < t],
                [cells[r] for r in data if r < t],
                [cells[r] for r in sorted(cells) if r in totals and r < t],
                [cells[r] for r in data if t < r < following],
            ]
            readings = [parts for parts in readings if len(parts) >= 2]
            if not readings:
                continue
            found = [_discrepancy(total, parts) for parts in readings]
            if all(found) and not _is_sub_row(found[0]):
                out.append(found[0])
    return out


def row_discrepancies(grid: Grid, facts: dict[str, FactRow]) -> list[Discrepancy]:
    """Total columns that their row's parts (the same unit's columns before it) do not give.

    A column is read as the sum of the columns before it only where that holds
    in most rows: a "Total" column that adds other things (a column group's
    subtotal, a figure of another unit) then says nothing.
    """
    out = []
    for total_column in grid.total_columns:
        position = grid.columns.index(total_column)
        earlier_totals = [grid.columns.index(c) for c in grid.total_columns if grid.columns.index(c) < position]
        start = max(earlier_totals, default=-1) + 1
        part_columns = [c for c in grid.columns[start:position] if c not in grid.total_columns]
        checked, failing = 0, []
        for r in range(len(grid.row_labels)):
            row = grid.row(r)
            total = row.get(total_column)
            if total is None or total.derived or not _additive(total, facts):
                continue
            parts = [row[c] for c in part_columns if c in row and not row[c].derived and row[c].unit == total.unit]
            if len(parts) < 2:
                continue
            checked += 1
            d = _discrepancy(total, parts)
            if d is not None:
                failing.append(d)
        if failing and checked - len(failing) >= max(ROW_SUM_MIN_HOLDING, 2 * len(failing)):
            out.extend(failing)
    return out


def _listing(cells: list[Cell]) -> str:
    return " + ".join(format_number(c.value) for c in cells)


def _column_message(grid: Grid, document: str, d: Discrepancy) -> str:
    return (f"In {document}, {grid.where(d.total.row, d.total.column)}: the {len(d.parts)} figures above add "
            f"up to {format_number(d.parts_sum)} but the total prints {format_number(d.total.value)}, a difference of "
            f"{format_number(d.diff)} where their rounding allows at most ±{format_number(d.tolerance)}; "
            f"check the total and the figures of the column.")


def _row_message(grid: Grid, document: str, d: Discrepancy) -> str:
    return (f"In {document}, {grid.where(d.total.row, d.total.column)}: the row's "
            f"{_listing(d.parts)} = {format_number(d.parts_sum)} but its total prints {format_number(d.total.value)}, "
            f"a difference of {format_number(d.diff)} where their rounding allows at most ±{format_number(d.tolerance)}; "
            f"check the total and the figures of the row.")


def _crossing(column: Discrepancy, row: Discrepancy) -> tuple[Cell, float] | None:
    """The one cell whose correction makes a failing column and a failing row add up, and its corrected value.

    The cell is a part of both (both off by the same amount), the row's total
    among the column's parts, or the column's total among the row's parts
    (then off by opposite amounts).
    """
    slack = column.tolerance + row.tolerance
    both = [c for c in column.parts if any(c is p for p in row.parts)]
    if both and abs(column.diff - row.diff) <= slack:
        return both[0], both[0].value - column.diff
    if any(row.total is p for p in column.parts) and abs(column.diff + row.diff) <= slack:
        return row.total, row.total.value - column.diff
    if any(column.total is p for p in row.parts) and abs(column.diff + row.diff) <= slack:
        return column.total, column.total.value + column.diff
    return None


def crossings(grid: Grid, facts: dict[str, FactRow]) -> tuple[list[tuple], list[Discrepancy], list[Discrepancy]]:
    """([(column, row, cell, corrected value)] one cell explains, the other failing columns, the other rows)."""
    columns, rows = column_discrepancies(grid, facts), row_discrepancies(grid, facts)
    crossed, alone, used = [], [], set()
    for c in columns:
        found = [(r, *cell) for r in rows if id(r) not in used for cell in [_crossing(c, r)] if cell]
        if found:
            used.add(id(found[0][0]))
            crossed.append((c, *found[0]))
        else:
            alone.append(c)
    return crossed, alone, [r for r in rows if id(r) not in used]


def crossed_row_totals(grids: list[Grid], facts: dict[str, FactRow]) -> set[str]:
    """The row totals a crossing finding already accounts for (a header formula on that row says no more)."""
    return {r.total.fact_id for g in grids for _c, r, _cell, _v in crossings(g, facts)[0] if r.total.fact_id}


def table_sum_findings(grids: list[Grid], facts: dict[str, FactRow], documents: dict[str, str],
                       formula_targets: set[str] = frozenset()) -> list[Finding]:
    """Columns and rows of printed tables that do not add up to their total; one finding per wrong cell.

    A column and a row off by the same amount name the cell at their
    crossing, in one finding: correcting that cell makes both add up. A row
    whose total a header formula computes (`formula_targets`) is left to
    `stated_formula_mismatch` when it fails alone.
    """
    out = []
    for grid in grids:
        document = documents.get(grid.document_id, grid.document_id or "an unknown document")
        crossed, columns, rows = crossings(grid, facts)
        for c in columns:
            out.append(_finding(grid, c, [c.total], _column_message(grid, document, c)))
        for c, r, cell, corrected in crossed:
            message = (f"In {document}, {grid.where(cell.row, cell.column)} is likely wrong: it prints "
                       f"{format_number(cell.value)}; its column adds up to {format_number(c.parts_sum)} against a printed "
                       f"total of {format_number(c.total.value)} (a difference of {format_number(c.diff)}) and its row to "
                       f"{format_number(r.parts_sum)} against {format_number(r.total.value)} (a difference of "
                       f"{format_number(r.diff)}), both beyond the ±{format_number(max(c.tolerance, r.tolerance))} their "
                       f"rounding allows; {format_number(corrected)} would make both add up. Check this cell.")
            out.append(_finding(grid, c, [cell, c.total, r.total], message, extra=r.parts))
        for r in rows:
            if r.total.fact_id not in formula_targets:
                out.append(_finding(grid, r, [r.total], _row_message(grid, document, r)))
    return out


def _finding(grid: Grid, d: Discrepancy, pointed: list[Cell], message: str, extra: list[Cell] = ()) -> Finding:
    involved = [c.fact_id for c in [*d.parts, *extra] if c.fact_id]
    finding = Finding("parts_do_not_sum_to_total", ERROR, [c.fact_id for c in pointed if c.fact_id], message,
                      grid.document_id, involved_fact_ids=involved)
    return unless_partly_read(finding, grid, [d.total, *d.parts, *extra])


def unless_partly_read(finding: Finding, grid: Grid, cells: list[Cell]) -> Finding:
    """The finding, or a doubt about the reading when a cell it rests on holds digits nobody read."""
    partial = [c for c in cells if c.partly_read]
    if partial:
        listing = "; ".join(f"'{c.surface}' at {grid.where(c.row, c.column)}" for c in partial)
        return doubt(finding, f"the cell{'s' if len(partial) > 1 else ''} {listing} hold"
                              f"{'' if len(partial) > 1 else 's'} more digits than the number read",
                     check_hint="cells hold digits the extractor did not read (a stray space inside a "
                                "number?); check how the source writes these cells")
    if not finding.fact_ids:
        return doubt(finding, "the cells it points at were not read as facts (no indicator, area or period)",
                     check_hint="the cells were not read as facts; check the table's headers")
    return finding


# ---------------------------------------------------------------- a column printed twice
def _same(a: Cell, b: Cell) -> bool:
    return abs(a.value - b.value) <= a.precision + b.precision + EPS * max(1.0, abs(a.value))


def _key(fact: FactRow | None) -> tuple | None:
    """What a figure measures, where and when; not its segment, which a column group's own label may set."""
    return None if fact is None else (fact.indicator, fact.area, fact.period, fact.unit)


def _heading_words(column: str) -> set[str]:
    """The words of a column's own header, without numbers and column references ("(col. 5)", "= col.1")."""
    from extractors.lexicon import fold

    text = re.sub(r"\bcol\.?\s*\d+|\d+", " ", fold(leaf(column)))
    return {w for w in re.findall(r"\w+", text) if len(w) > 1}


def _group(column: str) -> str:
    return column[: -len(leaf(column))]


def same_heading(a: str, b: str) -> bool:
    """Whether two columns' own headers name one thing ("Effectif" under two column groups)."""
    x, y = _heading_words(a), _heading_words(b)
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= REPEATED_HEADING_OVERLAP


def repeated_column_findings(grids: list[Grid], facts: dict[str, FactRow], documents: dict[str, str]) -> list[Finding]:
    """Two columns of one table that print the same figures row by row, except in a few rows.

    Columns whose own headers name one thing and that agree in most rows (at
    least REPEATED_COLUMN_MIN_AGREEING rows, with different values, and three
    times as many rows as they disagree in) print one quantity twice (a count
    repeated in a second column group); a row where they differ gives that
    quantity two values, when both cells were read as one indicator, area,
    period and unit. Two periods' ceilings that are often equal differ in
    period; amounts under two column groups (a voted and an amended budget)
    are two amounts, while a head count under two groups (the apprentices
    each part of an allocation is computed from) is one count. A row
    whose difference another cell of the row may explain (a figure present
    there only) is left alone.
    """
    out = []
    for grid in grids:
        document = documents.get(grid.document_id, grid.document_id or "an unknown document")
        columns = [c for c in grid.columns if not any(x.derived for x in grid.column(c).values())]
        for i, a in enumerate(columns):
            col_a = grid.column(a)
            for b in columns[i + 1:]:
                if not same_heading(a, b):
                    continue
                col_b = grid.column(b)
                common = sorted(set(col_a) & set(col_b))
                agreeing = [r for r in common if _same(col_a[r], col_b[r]) and col_a[r].value]
                differing = [r for r in common if not _same(col_a[r], col_b[r])]
                if (not differing or len(agreeing) < REPEATED_COLUMN_MIN_AGREEING
                        or len(agreeing) < 3 * len(differing)
                        or len({col_a[r].value for r in agreeing}) < 2):
                    continue
                usual = {c for r in agreeing for c in grid.row(r)}
                for r in differing:
                    if set(grid.row(r)) - usual:
                        continue  # a cell only this row has may be what the two columns differ by
                    x, y = col_a[r], col_b[r]
                    key = _key(facts.get(x.fact_id))
                    if key is None or key != _key(facts.get(y.fact_id)):
                        continue  # not read as one figure: what the two cells measure may differ
                    if key[-1] not in HEADCOUNT_UNITS and _group(a) != _group(b):
                        continue  # amounts under two groups (voted, amended) are two amounts
                    out.append(unless_partly_read(Finding(
                        "conflicting_value", ERROR, [f for f in (x.fact_id, y.fact_id) if f] if x.fact_id and y.fact_id
                        else [],
                        f"In {document}, {grid.where(r)}: column '{a}' prints {format_number(x.value)} and column "
                        f"'{b}' prints {format_number(y.value)}, a difference of {format_number(y.value - x.value)}, "
                        f"although the two columns print the same figure in {len(agreeing)} of the other rows; "
                        f"one of the two cells is wrong, check which.",
                        grid.document_id,
                    ), grid, [x, y]))
    return out


# ---------------------------------------------------------------- ambiguous number formats
def ambiguous_commas(cells: dict[int, Cell]) -> tuple[list[int], list[int]]:
    """(rows grouping thousands with spaces, rows written "95,618") of a column where both occur and no
    cell proves the comma a decimal one ("1 217,54", "12,5"); ([], []) otherwise."""
    surfaces = {r: digits_of(c.surface) for r, c in cells.items()}
    spaced = [r for r, s in surfaces.items() if SPACE_GROUPED.match(s)]
    comma = [r for r, s in surfaces.items() if COMMA_THOUSANDS_OR_DECIMALS.match(s)]
    if not spaced or not comma or any(DECIMAL_COMMA.match(s) for s in surfaces.values()):
        return [], []
    return spaced, comma


def _column_scale(cell: Cell) -> float:
    """The scale a space-grouped cell was read in ("166 570" read as 166 570 000: thousands)."""
    digits = float(re.sub(r"\D", "", cell.surface) or 0)
    return cell.value / digits if digits else 1.0


def _readings(cell: Cell, scale: float) -> tuple[float, float]:
    """(as thousands, as decimals) of a cell written "95,618", in the column's scale."""
    whole, _, fraction = digits_of(cell.surface).partition(",")
    return float(whole + fraction) * scale, float(f"{whole}.{fraction}") * scale


def ambiguous_format_findings(grids: list[Grid], documents: dict[str, str]) -> list[Finding]:
    """Columns whose cells group thousands with spaces, but where a few cells have a comma before three digits.

    "95,618" among "166 570" reads as 95 618 (a comma for thousands) or as
    95.618 (a decimal comma): the column is the source's ambiguity, whichever
    way it was read. One finding per column, with both readings' sums and
    which of them the column's total (if any) agrees with.
    """
    out = []
    for grid in grids:
        document = documents.get(grid.document_id, grid.document_id or "an unknown document")
        totals = set(grid.total_rows)
        for column in grid.columns:
            cells = grid.column(column)
            spaced, comma = ambiguous_commas(cells)
            if not comma:
                continue
            parts = [r for r in sorted(cells) if r not in totals]
            scale = _column_scale(cells[spaced[0]])
            readings = {r: _readings(cells[r], scale) for r in comma}
            as_thousands = sum(readings[r][0] if r in readings else cells[r].value for r in parts)
            as_decimals = sum(readings[r][1] if r in readings else cells[r].value for r in parts)
            total = next((cells[t] for t in sorted(totals) if t in cells), None)
            verdict = ""
            if total is not None:
                # each comma cell rounds to its last digit read as thousands (the wider reading)
                tolerance = (sum(0.5 * scale if r in readings else cells[r].precision for r in parts)
                             + total.precision + EPS * max(1.0, abs(total.value)))
                fits = [name for name, s in (("as thousands", as_thousands), ("as decimals", as_decimals))
                        if abs(s - total.value) <= tolerance]
                verdict = (f"; the total prints {format_number(total.value)}, which "
                           + (f"only the reading {fits[0]} gives" if len(fits) == 1 else
                              "neither reading gives" if not fits else "both readings give"))
            listing = ", ".join(f"'{cells[r].surface}' (row '{grid.row_labels[r]}')" for r in comma)
            pointed = [cells[r].fact_id for r in comma] + ([total.fact_id] if total is not None else [])
            out.append(Finding(
                "ambiguous_number_format", ERROR, [f for f in pointed if f],
                f"In {document}, {grid.where(column=column)}: {len(comma)} of its {len(cells)} cells use a comma "
                f"where the {len(spaced)} others group thousands with spaces ({listing}); read as thousands the "
                f"figures add up to {format_number(as_thousands)}, read as decimals to {format_number(as_decimals)}"
                f"{verdict}. Check which the source means.",
                grid.document_id,
                involved_fact_ids=[c.fact_id for c in cells.values() if c.fact_id],
            ))
    return out


def ambiguous_number_format(facts, partnerships=None, documents=None, relations=None, figures=None) -> list[Finding]:
    """A table column where some cells write "95,618" among cells that group thousands with spaces (error).

    Read with a comma for thousands or as a decimal comma, the column gives
    two different sums: one finding per column, with both sums and which one
    its total row agrees with. Read from the cells' printed text (`figures`),
    so it holds however the extractor read them.

    Example: "166 570", "95,618" and "212 004" over a total of "474 192" fire
    (as thousands they add up to the total, as decimals to 378 669.618);
    "1 217,54" in the same column proves the comma a decimal one: no finding.
    """
    return ambiguous_format_findings(grids(figures), document_names(documents))
