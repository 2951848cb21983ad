"""Reading order: a recursive XY cut over line fragments and tables (the widest gap first, vertical
gutters only across two or more lines), so two columns are read one after the other and never merged
line by line.
"""
from __future__ import annotations

from extractors.read.pdf_layout.units import Unit
from extractors.read.pdf_layout.words import Word


class Fragment:
    """Words of one baseline without a column-wide gap, or a table: what the XY cut moves around."""

    __slots__ = ("x0", "top", "x1", "bottom", "words", "unit")

    def __init__(self, words: list[Word] | None = None, unit: Unit | None = None) -> None:
        self.words = words
        self.unit = unit
        if unit is not None:
            self.x0, self.top, self.x1, self.bottom = unit.x0, unit.top, unit.x1, unit.bottom
        else:
            self.x0 = words[0].x0
            self.x1 = max(w.x1 for w in words)
            self.top = min(w.top for w in words)
            self.bottom = max(w.bottom for w in words)


def fragments(words: list[Word], gap: float) -> list[Fragment]:
    """Words (ordered by baseline then x) cut into fragments at gaps of at least `gap`."""
    out: list[Fragment] = []
    cur: list[Word] = []
    for w in words:
        if cur and (w.lid != cur[-1].lid or w.x0 - cur[-1].x1 >= gap):
            out.append(Fragment(cur))
            cur = []
        cur.append(w)
    if cur:
        out.append(Fragment(cur))
    return out


def xy_cut(items: list[Fragment], left: float, right: float, size: float, out: list) -> None:
    """Order items for reading: split at the widest gap, recursively.

    A vertical gap (a gutter) is used only when it is at least `size` wide and the
    region holds more than one line; then the left part is read before the right.
    Leaves are appended to `out` as (items, left, right).
    """
    if len(items) == 1:
        out.append((items, left, right))
        return
    by_top = sorted(items, key=lambda f: f.top)
    hcuts = []
    reach = by_top[0].bottom
    for k in range(1, len(by_top)):
        f = by_top[k]
        if f.top > reach + 0.01:
            hcuts.append((f.top - reach, k))
        if f.bottom > reach:
            reach = f.bottom
    height = reach - by_top[0].top
    best_v = None
    if height > 1.8 * size:
        by_x = sorted(items, key=lambda f: f.x0)
        reach_x = by_x[0].x1
        for k in range(1, len(by_x)):
            f = by_x[k]
            if f.x0 - reach_x >= size and (best_v is None or f.x0 - reach_x > best_v[0]):
                best_v = (f.x0 - reach_x, k, reach_x, f.x0)
            if f.x1 > reach_x:
                reach_x = f.x1
    best_h = max(hcuts)[0] if hcuts else 0.0
    if best_v is not None and best_v[0] >= best_h:
        _, k, a, b = best_v
        xy_cut(by_x[:k], left, a, size, out)
        xy_cut(by_x[k:], b, right, size, out)
        return
    if not hcuts:
        out.append((items, left, right))
        return
    start = 0
    for g, k in hcuts:
        if g >= best_h - 0.5:
            xy_cut(by_top[start:k], left, right, size, out)
            start = k
    xy_cut(by_top[start:], left, right, size, out)
