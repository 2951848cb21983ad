"""How many of the numbers written in a text were accounted for by extraction.

A number is accounted for when a `figures` row (or a fact mention) covers it.
The numbers are found with a deliberately plain pattern (runs of digits), not
with the figure matcher: the point is to see what the matcher missed.
"""
from __future__ import annotations

import re
from bisect import bisect_right

_DIGITS = re.compile(r"\d+")


def numbers_accounted_for(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """(digit runs inside a span, digit runs) of a text.

    >>> numbers_accounted_for("12 et 3,5 le 4", [(0, 2), (6, 9)])
    (3, 4)
    """
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = [m[0] for m in merged]
    found = total = 0
    for m in _DIGITS.finditer(text):
        total += 1
        i = bisect_right(starts, m.start()) - 1
        found += i >= 0 and merged[i][0] <= m.start() and m.end() <= merged[i][1]
    return found, total
