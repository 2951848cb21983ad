"""When a figure of running text applies: the nearest period of its sentence that no other figure
stands closer to, a relative period ("au trimestre précédent") counted back from another figure's,
and the quarter a sentence names without a year.
"""
from __future__ import annotations

import re

from extractors.annotate.figures import Figure, written_end
from extractors.annotate.indicators import fold
from extractors.annotate.periods import Period, find_relative_periods, is_reference_period, undated_quarters
from extractors.lexicon import load_file

_FIGURE_LEX = load_file("figures.yaml")
_COMPARATIVE = re.compile(r"\b(?:" + "|".join(_FIGURE_LEX["comparatives"]) + r")\b")


def _distance(p: Period, fig: Figure) -> float:
    return abs((p.char_start + p.char_end) / 2 - (fig.start + fig.end) / 2)


def _gap(text: str, p: Period, fig: Figure) -> float:
    """How far a period stands from a figure as written: after it ("5,1 Prozent im Oktober") it binds
    closer than before the next figure ("im Oktober auf 5,5 Prozent")."""
    if p.char_start >= fig.end:
        return p.char_start - written_end(text, fig)
    return (fig.start - p.char_end) * 1.5


def period_of(text: str, fig: Figure, figures: list[Figure], periods: list[Period]) -> Period | None:
    """The period of a figure: the nearest one of its sentence that no other figure stands closer to;
    else another figure's period, unless the sentence compares the two ("von 5,1 Prozent im Oktober
    auf 5,5 Prozent": October is 5,1's only).

    >>> from extractors.annotate.figures import find_figures
    >>> from extractors.annotate.periods import find_periods
    >>> t = "6,0 % en 2023 contre 6,4 % aujourd'hui"
    >>> figures = [f for f in find_figures(t) if f.value != 2023]
    >>> [period_of(t, f, figures, find_periods(t)) for f in figures][1] is None
    True
    >>> t = "près de 5,2 milliards en 2026, dont 1 085 millions pour la formation"
    >>> figures = [f for f in find_figures(t) if f.value != 2026]
    >>> period_of(t, figures[1], figures, find_periods(t)).label()
    '2026'
    """
    periods = [p for p in periods if not is_reference_period(text, p)]
    own = [p for p in periods if min(figures, key=lambda f: _gap(text, p, f)) is fig]
    if own:
        return min(own, key=lambda p: _gap(text, p, fig))
    if not periods:
        return None
    nearest = min(periods, key=lambda p: _distance(p, fig))
    lo, hi = sorted((nearest.char_end, fig.start))
    return None if _COMPARATIVE.search(fold(text[lo:hi])) else nearest


def relative_to(text: str, fig: Figure, figures: list[Figure], s: int, e: int):
    """A relative period right after a figure ("contre 9,0 % au trimestre précédent"): (unit, back, surface)."""
    following = min((f.start for f in figures if f.start > fig.end), default=e)
    for start, end, unit, back in find_relative_periods(text, fig.end, min(e, following, fig.end + 60)):
        return unit, back, text[start:end]
    return None


def undated_period(text: str, fig: Figure, s: int, e: int) -> str | None:
    """The quarter the sentence names without a year nearest before the figure, else after it, when
    nothing dates it: it keeps apart two figures of two quarters ("au deuxième trimestre … 9,3 %")."""
    named = undated_quarters(text, s, e)
    before = [label for at, label in named if at < fig.start]
    return before[-1] if before else (named[0][1] if named else None)
