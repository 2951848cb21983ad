"""Throttles: small named predicates that keep a figure of running text out of the facts, each saying why.

The first reason of `THROTTLES` keeps the figure out (`rules.first_reason`); `sentence_facts` hands it
on (`SentenceOutput.kept_out`) to the figure's `figures` record (label/leftovers.py), its `skip_reason`.
"""
from __future__ import annotations

import re

from extractors.annotate.figures import Figure, written_end
from extractors.annotate.indicators import PEOPLE_NOUN, Cue
from extractors.label.prose.candidates import Candidate
from extractors.label.prose.sentence import MONTHS_AFTER, YEARS_AFTER, not_a_level
from extractors.label.rules import Throttle


def one_written_as_a_word(c: Candidate) -> str | None:
    """"un", "ein", "één" written as a word is an article more often than a count."""
    if c.figure.in_words and c.figure.value == 1:
        return "'one' written as a word"
    return None


def states_no_level(c: Candidate) -> str | None:
    return not_a_level(c.sentence.text, c.figure)


def bound_of_an_age_class(c: Candidate) -> str | None:
    if c.figure.start in c.sentence.age_spans:
        return "a bound of an age class"
    return None


def counts_its_own_noun(c: Candidate) -> str | None:
    s = c.sentence
    if counts_another_noun(s.text, c.figure, s.cues, s.ctx.language):
        return "counts the noun after it, which names no measure"
    return None


def counts_another_noun(text: str, fig: Figure, cues: list[Cue], language: str) -> bool:
    """A German figure followed by a noun that no indicator phrase starts counts that noun
    ("in drei Werkstätten"); German writes every noun with a capital, so the noun is seen.

    >>> from extractors.annotate.figures import find_figures
    >>> from extractors.annotate.indicators import find_cues
    >>> t = "In drei Werkstätten arbeiten die neuen Kollegen"; f = find_figures(t, "de")[0]
    >>> counts_another_noun(t, f, find_cues(t), "de")
    True
    """
    if language != "de":
        return False
    m = re.match(r"\s+([A-ZÄÖÜ][\wäöüß-]+)", text[written_end(text, fig):])
    if not m or fig.unit or PEOPLE_NOUN.match(text, written_end(text, fig)):
        return False  # people ("Menschen") are what a count of people counts: the labellers decide
    start = written_end(text, fig) + m.start(1)
    return not any(c.start <= start < c.end for c in cues) and not MONTHS_AFTER.match(text, fig.end) \
        and not YEARS_AFTER.match(text, fig.end)


THROTTLES: list[Throttle] = [one_written_as_a_word, states_no_level, bound_of_an_age_class, counts_its_own_noun]
