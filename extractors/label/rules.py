"""The mechanism every labelling stage shares (tables, prose): throttles and ordered labellers.

A *throttle* is a small named predicate over a candidate that returns the reason to keep it out
of the facts, or None; `first_reason` asks them in order. A *labeller* returns `(value, reason)`
or None; `first_answer` asks an ordered list and returns the first answer the attribute accepts,
with the reason and the labeller's name (what a confidence rule looks at: `WEAK_READINGS` of the
tables, `SENTENCE_READINGS` of the prose).
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional, Tuple

SURE = 0.9  # what a fact measures, where and when, each read from the figure's own table headers or sentence
WEAK = 0.6  # something came from further away (a section heading, the paragraph, the document's region)

Throttle = Callable[[Any], Optional[str]]
Labeller = Callable[[Any], Optional[Tuple[Any, str]]]


def first_reason(throttles: Iterable[Throttle], candidate) -> str | None:
    """The reason of the first throttle that keeps the candidate out, or None.

    >>> first_reason([lambda c: None, lambda c: "too small" if c < 3 else None], 2)
    'too small'
    """
    return next((r for r in (t(candidate) for t in throttles) if r), None)


def first_answer(labellers: Iterable[Labeller], candidate, accept=lambda value: True):
    """(value, reason, labeller name) of the first labeller that answers with a value `accept` takes,
    else (None, None, None).

    >>> def even(n): return ("even", "divisible by 2") if n % 2 == 0 else None
    >>> def small(n): return ("small", "below 10") if n < 10 else None
    >>> first_answer([even, small], 3), first_answer([even, small], 4, accept=lambda v: v != "even")
    (('small', 'below 10', 'small'), ('small', 'below 10', 'small'))
    """
    for labeller in labellers:
        answer = labeller(candidate)
        if answer is not None and accept(answer[0]):
            return answer[0], answer[1], labeller.__name__
    return None, None, None
