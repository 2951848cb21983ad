"""Borderless tables: rows of words whose big gaps line up in columns (gutters), with figures in them;
a cell's inner spaces ("5 998 916") never split it; a row holding only the tail of a wrapped number
joins the row above.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from extractors.read.pdf_layout.boxes import Run
from extractors.read.pdf_layout.lines import group_lines
from extractors.read.pdf_layout.units import Unit
from extractors.read.pdf_layout.words import Word, append_words


def _segments(line: list[Word], gap: float) -> list[list[Word]]:
    segs = [[line[0]]]
    for w in line[1:]:
        if w.x0 - segs[-1][-1].x1 >= gap:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def borderless_tables(words: list[Word], size: float) -> tuple[list[Unit], list[Word]]:
    """Tables without rules: runs of lines whose wide gaps line up, with figures in their cells.

    Columns are the x-intervals between gutters (gaps of at least ~1 em crossed by
    no data row); a cell's inner spaces are far narrower, so "5 998 916" stays whole.
    """
    if len(words) < 4:
        return [], words
    gap = max(6.0, 0.9 * size)
    lines = group_lines(words)
    info = []
    for line in lines:
        segs = _segments(line, gap)
        info.append((line, segs))
    units: list[Unit] = []
    used: set[int] = set()
    i = 0
    n = len(info)
    while i < n:
        if len(info[i][1]) < 2:
            i += 1
            continue
        # Extend the run while lines follow closely; single-segment lines may sit inside it.
        j = i
        last_multi = i
        while j + 1 < n:
            a, b = info[j][0], info[j + 1][0]
            a_bottom = max(w.bottom for w in a)
            b_top = min(w.top for w in b)
            if b_top - a_bottom > 1.6 * size:
                break
            j += 1
            if len(info[j][1]) >= 2:
                last_multi = j
        run = info[i : last_multi + 1]
        # Lines just after the last row may finish its cells ("5 998" / "916").
        tail = []
        k = last_multi + 1
        while k < n and len(tail) < 3:
            a_bottom = max(w.bottom for w in info[k - 1][0])
            if min(w.top for w in info[k][0]) - a_bottom > 0.5 * size:
                break
            tail.append(info[k])
            k += 1
        unit, taken = _borderless_unit(run, gap, size, tail)
        if unit is not None:
            last_multi += taken
            units.append(unit)
            for line, _ in info[i : last_multi + 1]:
                used.update(id(w) for w in line)
            i = last_multi + 1
        elif sum(1 for _, segs in run if any(w.has_digit() for seg in segs[1:] for w in seg)) < 2:
            i = last_multi + 1  # no two rows of figures: no part of this run is a table either
        else:
            i += 1
    if not units:
        return [], words
    return units, [w for w in words if id(w) not in used]


def _borderless_unit(run, gap: float, size: float, tail=()) -> tuple[Unit | None, int]:
    """The table of a run of lines (None when they do not read as one), and how many of the
    `tail` lines after the run it took: those that only continue its last row's cells.
    """
    multi = [(line, segs) for line, segs in run if len(segs) >= 2]
    if len(multi) < 2:
        return None, 0
    data = [(line, segs) for line, segs in multi if sum(any(w.has_digit() for w in s) for s in segs[1:]) >= 1]
    basis = data if len(data) >= 2 else multi
    # Coverage of x by the basis rows' segments; a gutter is left uncovered by (nearly) all of them.
    intervals = sorted((s[0].x0, max(w.x1 for w in s)) for _, segs in basis for s in segs)
    left = min(a for a, _ in intervals)
    right = max(b for _, b in intervals)
    gutters = []
    reach = intervals[0][1]
    for a, b in intervals[1:]:
        if a - reach >= gap:
            gutters.append((reach, a))
        reach = max(reach, b)
    if not gutters:
        return None, 0
    bounds = [left] + [(g[0] + g[1]) / 2 for g in gutters] + [right]
    ncols = len(bounds) - 1

    def column(seg) -> int:
        # The column of the segment's left edge: a cell spanning columns sits in the first it covers.
        return min(max(bisect_right(bounds, seg[0].x0) - 1, 0), ncols - 1)

    rows: list[list[list[Word]]] = []
    row_geo: list[tuple[float, float]] = []
    gaps = sorted(min(w.top for w in b) - max(w.bottom for w in a) for (a, _), (b, _) in zip(run, run[1:]))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    for line, _ in run:
        cells: list[list[Word]] = [[] for _ in range(ncols)]
        for seg in _segments(line, gap):
            cells[column(seg)].extend(seg)
        top = min(w.top for w in line)
        bottom = max(w.bottom for w in line)
        if rows and _continues(rows[-1], cells, top - row_geo[-1][1] < usual - 0.25 * size):
            for k, c in enumerate(cells):
                rows[-1][k].extend(c)
            row_geo[-1] = (row_geo[-1][0], bottom)
            continue
        rows.append(cells)
        row_geo.append((top, bottom))
    taken = 0
    for line, segs in tail:
        cells = [[] for _ in range(ncols)]
        for seg in _segments(line, gap):
            cells[column(seg)].extend(seg)
        top = min(w.top for w in line)
        if not _continues(rows[-1], cells, top - row_geo[-1][1] < usual - 0.25 * size):
            break
        for k, c in enumerate(cells):
            rows[-1][k].extend(c)
        row_geo[-1] = (row_geo[-1][0], max(w.bottom for w in line))
        run = list(run) + [(line, segs)]
        taken += 1
    texts = [[" ".join(w.text for w in sorted(c, key=lambda w: (w.lid, w.x0))) for c in r] for r in rows]
    values = [t for r in texts for t in r[1:] if t]
    if not values:
        return None, 0
    with_digits = sum(1 for t in values if any(ch.isdigit() for ch in t))
    lengths = sorted(len(t) for r in texts for t in r if t)
    if with_digits < len(values) / 3 or lengths[len(lengths) // 2] > 40:
        return None, 0  # prose in columns, not a table
    out_rows = []
    for cells in rows:
        r = Run()
        for k, c in enumerate(cells):
            if k:
                r.add_text("\t")
            if c:
                for m, line in enumerate(group_lines(c)):
                    if m:
                        r.add_text(" ")
                    append_words(r, line)
        out_rows.append(r)
    all_words = [w for line, _ in run for w in line]
    return Unit(
        "table", min(w.top for w in all_words), max(w.bottom for w in all_words),
        min(w.x0 for w in all_words), max(w.x1 for w in all_words), rows=out_rows, columns=ncols,
    ), taken


_NUMBER_TAIL = re.compile(r"^\d{3}(?:[ ,.]\d+)*\b")


_NUMBER_HEAD = re.compile(r"\d$")


def _continues(prev: list[list[Word]], cells: list[list[Word]], tight: bool) -> bool:
    """A line that only continues cells of the row above (a wrapped cell), not a new row.

    Either it is set tighter than the table's rows are, or each of its cells is
    the tail of a number cut in the cell above ("5 998" / "916").
    """
    if cells[0]:
        return False
    filled = [k for k, c in enumerate(cells) if c]
    if not filled or any(not prev[k] for k in filled):
        return False
    if tight:
        return True
    for k in filled:
        head = " ".join(w.text for w in prev[k])
        tail = " ".join(w.text for w in cells[k])
        if not (_NUMBER_HEAD.search(head) and _NUMBER_TAIL.match(tail)):
            return False
    return True
