"""Ruled tables: pdfplumber's lines strategy, only on pages that draw lines or rectangles; each word
goes to the cell holding its centre. Tables drawn side by side with aligned rows are joined, and a
stub of row labels printed outside a table's rules is taken in.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from extractors.read.pdf_layout.boxes import Box, Run
from extractors.read.pdf_layout.lines import group_lines
from extractors.read.pdf_layout.units import Unit
from extractors.read.pdf_layout.words import Word, append_words


def ruled_tables(page, words: list[Word], scanned: bool = False) -> tuple[list[Unit], list[Word]]:
    """Tables drawn with lines (pdfplumber lines strategy) and the words outside them.

    Pages that draw no lines or rectangles are not searched (no table can be found there).
    On a scanned page (rules found in its image, see extractors.read.ocr), a grid's rules break
    where a vector grid's do not (pale rules lost, a gap between the labels and the figures):
    grids side by side with aligned rows are joined, and labels left of a grid become its stub.
    """
    objects = page.objects  # only lines, rectangles and curves: see page_chars
    if not (objects.get("rect") or objects.get("line") or objects.get("curve")):
        return [], words
    tables = [t for t in page.find_tables() if len(t.columns) >= 2]
    if not tables:
        return [], words
    if scanned:
        tables = join_side_by_side(tables)
        tables = [with_outside_stub(t, words, tables) for t in tables]
    units = []
    rest = []
    assigned: list[list[Word]] = [[] for _ in tables]
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        for k, t in enumerate(tables):
            x0, top, x1, bottom = t.bbox
            if x0 <= cx <= x1 and top <= cy <= bottom:
                assigned[k].append(w)
                break
        else:
            rest.append(w)
    for t, inside in zip(tables, assigned):
        unit = _ruled_unit(t, inside)
        if unit is not None:
            units.append(unit)
    return units, rest


@dataclass
class _Row:
    cells: list[Box | None]


@dataclass
class _JoinedTable:
    """Two ruled tables side by side read as one (what pdfplumber's table offers `_ruled_unit`)."""

    rows: list[_Row]
    bbox: Box


def join_side_by_side(tables: list, tolerance: float = 3.0) -> list:
    """Tables side by side whose rows line up are one table: a grid whose rules break between its
    label column and its figures (a scanned table's pale rules, a spreadsheet's empty column).

    The left one's rows and the right one's are matched by their tops; the joined table needs at
    least three matched rows, four in five of the shorter table's.
    """
    def tops(t) -> list[float]:
        return [min(c[1] for c in r.cells if c is not None) for r in t.rows]

    out = list(tables)
    joined = True
    while joined:
        joined = False
        for a in out:
            for b in out:
                if a is b or b.bbox[0] < a.bbox[2] - tolerance or b.bbox[1] >= a.bbox[3] or a.bbox[1] >= b.bbox[3]:
                    continue
                ta, tb = tops(a), tops(b)
                matched = sum(1 for y in tb if any(abs(y - x) <= tolerance for x in ta))
                if matched < 3 or matched < 0.8 * min(len(ta), len(tb)):
                    continue
                out = [t for t in out if t is not a and t is not b] + [_join(a, b, ta, tb, tolerance)]
                joined = True
                break
            if joined:
                break
    return sorted(out, key=lambda t: (t.bbox[1], t.bbox[0]))


def with_outside_stub(table, words: list[Word], tables: list) -> object:
    """The table with a first column for the row labels written left of its grid, on its rows' lines
    (a grid ruled only around its figures), when most of its rows have one; else the table as it is.
    """
    def inside_any(w: Word) -> bool:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return any(t.bbox[0] <= cx <= t.bbox[2] and t.bbox[1] <= cy <= t.bbox[3] for t in tables)

    x0, top, _, bottom = table.bbox
    left = [w for w in words if w.x1 <= x0 and top <= (w.top + w.bottom) / 2 <= bottom and not inside_any(w)]
    if not left:
        return table
    spans = []
    for row in table.rows:
        cells = [c for c in row.cells if c is not None]
        spans.append((min(c[1] for c in cells), max(c[3] for c in cells)))
    labelled = [any(a <= (w.top + w.bottom) / 2 <= b for w in left) for a, b in spans]
    if sum(labelled) < max(3, 0.6 * len(spans)):
        return table
    start = min(w.x0 for w in left)
    rows = [_Row([(start, a, x0, b)] + list(row.cells)) for (a, b), row in zip(spans, table.rows)]
    return _JoinedTable(rows, (start, top, table.bbox[2], bottom))


def _join(a, b, ta: list[float], tb: list[float], tolerance: float) -> _JoinedTable:
    na = max(len(r.cells) for r in a.rows)
    nb = max(len(r.cells) for r in b.rows)
    rows: list[tuple[float, list]] = []
    used = set()
    for y, row in zip(ta, a.rows):
        k = next((k for k, x in enumerate(tb) if k not in used and abs(x - y) <= tolerance), None)
        right = list(b.rows[k].cells) + [None] * (nb - len(b.rows[k].cells)) if k is not None else [None] * nb
        if k is not None:
            used.add(k)
        rows.append((y, list(row.cells) + [None] * (na - len(row.cells)) + right))
    for k, (y, row) in enumerate(zip(tb, b.rows)):
        if k not in used:
            rows.append((y, [None] * na + list(row.cells) + [None] * (nb - len(row.cells))))
    rows.sort(key=lambda r: r[0])
    box = (min(a.bbox[0], b.bbox[0]), min(a.bbox[1], b.bbox[1]), max(a.bbox[2], b.bbox[2]), max(a.bbox[3], b.bbox[3]))
    return _JoinedTable([_Row(cells) for _, cells in rows], box)


def _ruled_unit(table, words: list[Word]) -> Unit | None:
    rows = table.rows
    ncols = max(len(r.cells) for r in rows)
    cells: list[tuple[Box, int, int]] = []
    for i, row in enumerate(rows):
        for j, cell in enumerate(row.cells):
            if cell is not None:
                cells.append((cell, i, j))
    content: dict[tuple[int, int], list[Word]] = {}
    row_tops = [min(c[1] for c in r.cells if c is not None) for r in rows]
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        r = bisect_right(row_tops, cy) - 1
        found = None
        if r >= 0:
            for j, cell in enumerate(rows[r].cells):
                if cell is not None and cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]:
                    found = (r, j)
                    break
        if found is None:  # in a cell spanning rows from above
            for cell, i, j in cells:
                if cell[0] <= cx <= cell[2] and cell[1] <= cy <= cell[3]:
                    found = (i, j)
                    break
        if found is not None:
            content.setdefault(found, []).append(w)
    out_rows: list[Run] = []
    for i in range(len(rows)):
        run = Run()
        has_text = False
        for j in range(ncols):
            if j:
                run.add_text("\t")
            cell_words = content.get((i, j))
            if cell_words:
                for k, line in enumerate(group_lines(cell_words)):
                    if k:
                        run.add_text(" ")
                    append_words(run, line)
                has_text = True
        if has_text:
            out_rows.append(run)
    if not out_rows:
        return None
    x0, top, x1, bottom = table.bbox
    return Unit("table", top, bottom, x0, x1, rows=out_rows, columns=ncols)
