"""Which indicator phrase of its sentence a figure pairs with: the nearest one whose unit fits it.

The noun right after a figure ("12 partenaires") binds closer than a phrase before it ("taux
d'insertion ... 79 %"), and a clause's predicate after the figure outranks its subject noun.
"""
from __future__ import annotations

from extractors.annotate.indicators import UNIT_OF, Cue
from extractors.lexicon import lexicon

# How far an indicator phrase may stand from its figure: the counted noun right after it,
# the subject ("Le taux d'insertion ... est de 79 %") within a long clause before it.
MAX_NOUN_GAP = 40
MAX_SUBJECT_GAP = 200


def fits(indicator: str, unit: str | None) -> bool:
    expected = UNIT_OF.get(indicator)
    if indicator == "funding" and unit == "percent":
        return True  # "cofinancé à 50 % par le FEDER": a share of the financing
    if unit is None:
        return expected in ("persons", "count")
    if unit == "persons":
        return expected in ("persons", "count")
    return unit == expected


def choose_indicator(cues: list[Cue], fig_start: int, fig_end: int, unit: str | None) -> str | None:
    """The indicator phrase nearest the figure whose unit fits it; the noun after a figure
    ("12 partenaires") is closer than a phrase before it ("taux d'insertion ... 79 %").

    >>> from extractors.annotate.indicators import find_cues
    >>> cues = find_cues("Le taux d'insertion est de 79 %")
    >>> choose_indicator(cues, 27, 29, "percent")
    'placement_rate'
    """
    if unit == "km2":
        return "area_km2"
    predicate = next((c for c in cues if c.is_predicate and c.start >= fig_end and fits(c.indicator, unit)
                      and c.start - fig_end <= MAX_SUBJECT_GAP), None)
    if predicate is not None:
        return predicate.indicator  # what the people did outranks what the subject noun calls them
    # Phrases that name an indicator only as the noun a figure counts ("277 CFA"; "le CFA de X" is a body).
    counted_noun_only = lexicon().indicators_listed("counted_noun_only_indicators")
    best, best_distance = None, None
    for cue in cues:
        if not fits(cue.indicator, unit):
            continue
        if cue.start >= fig_end:
            distance = cue.start - fig_end
            if distance > MAX_NOUN_GAP or (cue.indicator in counted_noun_only and distance > 4):
                continue  # the noun a figure counts follows it closely ("12 partenaires", "277 CFA")
        else:
            if fig_start - cue.end > MAX_SUBJECT_GAP or cue.indicator in counted_noun_only:
                continue
            distance = (fig_start - cue.end) * 1.5 + 5
        if best_distance is None or distance < best_distance:
            best, best_distance = cue.indicator, distance
    return best
