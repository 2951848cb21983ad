"""Lines: words on one baseline (superscripts joined to the line they sit on), and whether a line
was wrapped into the next one (it could not have held the next line's first word).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from operator import itemgetter

from extractors.read.pdf_layout.boxes import Run
from extractors.read.pdf_layout.words import Word, append_words


_BULLET = re.compile(r"^(?:[•◦▪■●‣∙·\-–—*]|\(?\d{1,2}[.)]|[a-z][.)])$")


@dataclass
class Line:
    run: Run
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    first_width: float  # width of the first word
    bullet: bool  # starts with a list mark ("•", "-", "1.")
    right: float = 0.0  # right edge of the column the line sits in

    @property
    def text(self) -> str:
        return self.run.text


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Visual lines: words on one baseline, with smaller raised/lowered words (superscripts) joined
    to the nearest full-size line; top to bottom, each left to right.

    >>> w = lambda t, x, b, s=10: Word({"x0": x, "x1": x + 5, "top": b - s, "bottom": b, "size": s}, t, b)
    >>> [[x.texts[0] for x in line] for line in group_lines([w("1", 0, 20), w("er", 6, 16, 7), w("janvier", 14, 20), w("x", 0, 35)])]
    [['1', 'er', 'janvier'], ['x']]
    """
    by_lid: dict[int, list[Word]] = {}
    for w in words:
        by_lid.setdefault(w.lid, []).append(w)
    groups = [[g, max(w.size for w in g), sum(w.bottom for w in g) / len(g)] for g in by_lid.values()]
    groups.sort(key=itemgetter(2))
    if len(groups) > 1:
        full = [g for g in groups if not _is_script(g, groups)]
        if full and len(full) < len(groups):
            for g in groups:
                if any(g is f for f in full):
                    continue
                nearest = min(full, key=lambda f: abs(f[2] - g[2]))
                nearest[0] = nearest[0] + g[0]
                if g[2] < nearest[2] - 0.2 * nearest[1]:
                    for w in g[0]:
                        w.raised = True
            groups = full
    out = []
    for g in groups:
        line = sorted(g[0], key=lambda w: w.x0)
        out.append(line)
    return out


def _is_script(group, groups) -> bool:
    """A baseline of smaller words sitting within a neighbouring line of bigger words."""
    size, base = group[1], group[2]
    for other in groups:
        if other is group or other[1] < size * 1.15:
            continue
        if abs(other[2] - base) < 0.75 * other[1]:
            return True
    return False


def make_line(words: list[Word], right: float) -> Line:
    run = Run()
    append_words(run, words)
    first = words[0]
    return Line(
        run=run, x0=first.x0, top=min(w.top for w in words), x1=max(w.x1 for w in words),
        bottom=max(w.bottom for w in words), size=max(w.size for w in words), first_width=first.x1 - first.x0,
        bullet=bool(_BULLET.match(first.text)), right=right,
    )


def wrap_separator(before: str, after: str) -> str:
    """What joins a wrapped line to the next: a space, or nothing after a hyphen that cuts a word.

    >>> wrap_separator("la for-", "mation"), wrap_separator("Hauts-de-", "France"), wrap_separator("un", "mot")
    ('', '', ' ')
    """
    if len(before) > 1 and before[-1] in "-\u00ad" and before[-2].isalpha() and after[:1].isalpha():
        return ""
    return " "


def joins_as_wrap(a: Line, b: Line) -> bool:
    """Whether line b continues line a (a was wrapped): b's first word would not have fit after a.

    >>> mk = lambda x1, w, bullet=False: Line(Run(), 0, 0, x1, 10, 10, w, bullet, right=100)
    >>> joins_as_wrap(mk(95, 20), mk(50, 20)), joins_as_wrap(mk(40, 20), mk(50, 20)), joins_as_wrap(mk(95, 20), mk(50, 5, True))
    (True, False, False)
    """
    if b.bullet:
        return False
    space = 0.28 * a.size
    return a.x1 + space + b.first_width > a.right + 0.5
