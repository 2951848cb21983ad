"""Candidates: one per figure of an annotated sentence, with the unit it is read in and its value.

The unit is the figure's own ("%", "€", "km²"), years or months written after it ("cinq ans"), or
money when a scale word of a million or more ("3,2 Mds") leaves no other measure that fits its
bare number. A candidate also holds what the labellers have given so far (indicator, segment),
since where a figure applies depends on what it measures.
"""
from __future__ import annotations

from dataclasses import dataclass

from extractors.annotate.figures import Figure
from extractors.label.prose.cues import choose_indicator
from extractors.label.prose.sentence import MONTHS_AFTER, YEARS_AFTER, Sentence


@dataclass
class Candidate:
    figure: Figure
    unit: str | None
    value: float  # months after a figure are counted in years
    sentence: Sentence
    # What the labellers have given so far, for the next ones: the indicator and the unit its fact is
    # stored in (for the segment's), the segment (for the area's).
    indicator: str | None = None
    fact_unit: str | None = None
    segment: str | None = None


def candidates(sentence: Sentence) -> list[Candidate]:
    out = []
    for fig in sentence.figures:
        unit = unit_of_figure(sentence.text, fig)
        value = fig.value / 12 if unit == "years" and MONTHS_AFTER.match(sentence.text, fig.end) else fig.value
        out.append(Candidate(fig, money_of_a_scale_word(sentence, fig, unit), value, sentence))
    return out


def unit_of_figure(text: str, fig: Figure) -> str | None:
    """The figure's unit, including years written after it ("cinq ans")."""
    if fig.unit:
        return fig.unit
    if YEARS_AFTER.match(text, fig.end) or MONTHS_AFTER.match(text, fig.end):
        return "years"
    return None


def money_of_a_scale_word(sentence: Sentence, fig: Figure, unit: str | None) -> str | None:
    """"doté de 3,2 Mds": a scale word implies money when no phrase fits the bare number and one fits euros."""
    if unit is None and fig.scale >= 1e6 and choose_indicator(sentence.cues, fig.start, fig.end, unit) is None \
            and choose_indicator(sentence.cues, fig.start, fig.end, "EUR") is not None:
        return "EUR"
    return unit
