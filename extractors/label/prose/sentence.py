"""Annotating a sentence: the typed spans every later stage reads, found once.

`annotate_sentence` finds a sentence's periods (with the months and quarters it names without a
year, dated by the publication), its figures outside them, the figures that state a level (not
a size class, not a change: `not_a_level`), the places listed with "respectively", its indicator
phrases (and the rates of what they count) and the age classes it names. A `Sentence` also
carries what its figures hand on to the next ones (the measure of the last fact read in it);
`PassageContext` holds what surrounds it (paragraph, headings, region, what earlier sentences named).
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from extractors.annotate.areas import find_areas
from extractors.annotate.figures import Figure, find_figures
from extractors.annotate.indicators import RATE_OF, Cue, age_group_spans, find_cues, fold
from extractors.annotate.periods import Period, find_months_without_year, find_periods, find_quarters_without_year
from extractors.annotate.programmes import DocumentProgrammes
from extractors.lexicon import alternation, load_file
from extractors.read.layout import clean_markup

_FIGURE_LEX = load_file("figures.yaml")
YEARS_AFTER = re.compile(r"\s*" + alternation("figures.yaml", "years_after_number") + r"\b", re.IGNORECASE)
MONTHS_AFTER = re.compile(r"\s*(?:" + "|".join(_FIGURE_LEX["months_after_number"]) + r")\b", re.IGNORECASE)
_SIZE_CLASS = re.compile(r"\b(?:" + "|".join(_FIGURE_LEX["size_class_nouns"]) + r")\s+(?:\w+\s+){0,2}?(?:"
                         + "|".join(_FIGURE_LEX["size_class_links"]) + r")\s+(?:" + alternation("figures.yaml", "size_class_bounds")
                         + r"\s+|\d+\s+" + alternation("figures.yaml", "size_class_range_links") + r"\s+)?$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile("(?:" + "|".join(_FIGURE_LEX["change_before_number"]) + ")", re.IGNORECASE)
_CHANGE_AFTER = re.compile("(?:" + "|".join(_FIGURE_LEX["change_after_number"]) + ")", re.IGNORECASE)


def not_a_level(text: str, fig: Figure) -> str | None:
    """Why a figure of running text states no level of anything: a size class of bodies, a change.

    >>> t = "les entreprises de plus de 50 salariés"; not_a_level(t, find_figures(t)[0])
    'size class of bodies'
    >>> t = "Im März zählte man 42.000 Erwerbslose mehr als im Februar."; not_a_level(t, find_figures(t, "de")[0])
    'a change, not a level'
    """
    before = text[max(0, fig.start - 60): fig.start]
    if re.search(r"[x×]\s*$", before) and fig.value in (1e3, 1e6, 1e9):
        return "a scale declared for a table ('x 1 000')"
    if _SIZE_CLASS.search(before):
        return "size class of bodies"
    if _CHANGE_BEFORE.search(before) or _CHANGE_AFTER.match(text, fig.end):
        return "a change, not a level"
    return None


# A comma breaks a clause when a space follows it ("3,7" is a decimal comma).
_CLAUSE_BREAKS = {lang: re.compile("|".join(re.escape(b) + (r"(?=\s)" if b == "," else "") for b in breaks))
                  for lang, breaks in _FIGURE_LEX["clause_breaks"].items()}


def clause_around(sentence: str, pos: int, language: str) -> tuple[int, int]:
    """The clause of a sentence that holds offset `pos`, by the language's clause breaks.

    >>> t = "In Bayern lag die Quote bei 3,7 Prozent, in Nordrhein-Westfalen bei 7,4 Prozent."
    >>> t[slice(*clause_around(t, t.index("7,4"), "de"))]
    ' in Nordrhein-Westfalen bei 7,4 Prozent.'
    """
    breaks = _CLAUSE_BREAKS.get(language, _CLAUSE_BREAKS["fr"])
    lo = max((m.end() for m in breaks.finditer(sentence, 0, pos)), default=0)
    nxt = breaks.search(sentence, pos)
    return lo, nxt.start() if nxt else len(sentence)


_RESPECTIVELY = re.compile(r"\b" + alternation("figures.yaml", "respectively_words") + r"\b")


def respective_areas(text: str, sentence: tuple[int, int], levels: list[Figure]) -> dict[int, tuple[str, str]]:
    """Figures paired in order with the places listed with "respectively" (figure start -> (area, reason)):
    "in Portugal en Italië, met respectievelijk 9,1 en 10,4 procent". Nothing unless the places
    and the figures after the word are as many, two or more.

    >>> figures = find_figures("Portugal en Italië kwamen uit op respectievelijk 9,1 en 10,4 procent.", "nl")
    >>> sorted(respective_areas("Portugal en Italië kwamen uit op respectievelijk 9,1 en 10,4 procent.", (0, 70), figures).values())
    [('IT', "'Italië', listed with 'respectievelijk'"), ('PT', "'Portugal', listed with 'respectievelijk'")]
    """
    s, e = sentence
    m = _RESPECTIVELY.search(fold(text[s:e]))
    if m is None:
        return {}
    after = [f for f in levels if f.start >= s + m.end()]
    before = [f for f in levels if f.end <= s + m.start()]
    if len(after) == 1 and before:
        after = [before[-1], *after]  # "bei 2,1 beziehungsweise 5,8 Prozent": the word between the two
    # The run of figures in one unit ("12,5 en 16,0 procent", not the "15 tot 65 jaar" after them).
    after = list(itertools.takewhile(lambda f: f.unit == after[0].unit, after)) if after else []
    if len(after) < 2:
        return {}
    # The places listed before the word, else after its figures ("respectivement 9,1 % et 7,3 % en
    # Belgique et en France").
    for lo, hi in ((s, s + m.start()), (after[-1].end, e)):
        places: dict[str, str] = {}
        for a in find_areas(text[lo:hi]):
            places.setdefault(a.code, a.name)
        if len(places) == len(after):
            break
    else:
        return {}
    word = text[s + m.start():s + m.end()]
    return {f.start: (code, f"'{name}', listed with '{word}'") for f, (code, name) in zip(after, places.items())}


@dataclass
class PassageContext:
    """What surrounds a sentence: its paragraph, headings, the document's region and language."""

    paragraph: str
    headings: list[str]
    region: str | None
    language: str
    # The rate the last sentences spoke of, shared along the document: "Ce chiffre a ensuite été
    # corrigé à 8,1 %" speaks of the rate the sentence before named.
    recent_rate: dict = field(default_factory=dict)
    published_on: dt.date | None = None  # dates "in april", "im Januar" (never today's date)
    country: str | None = None  # the country the document names most: where a figure is when nothing nearer says
    programmes: DocumentProgrammes | None = None  # the document's acronyms, for the names of its programmes


@dataclass
class Sentence:
    """One sentence of a passage, annotated once (offsets absolute in `text`, the document's text)."""

    text: str
    start: int
    end: int
    ctx: PassageContext
    periods: list[Period]
    figures: list[Figure]  # the figures outside its periods
    levels: list[Figure]  # the figures that may own a period: not a size class, not a change
    respective: dict[int, tuple[str, str]]  # "A en B, respectievelijk x en y": figure start -> (area, reason)
    cues: list[Cue]  # indicator phrases, and the rates of what they count
    snippet: str
    age_spans: set[int]  # offsets inside an age class ("(van 18 tot 23 jaar)")
    previous: tuple[str, str | None] | None = None  # the measure and unit of the last fact read in it

    @property
    def bounds(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def words(self) -> str:
        return self.text[self.start:self.end]

    def phrase_naming(self, indicator: str) -> Cue | None:
        """The first phrase of the sentence that names `indicator`."""
        return next((c for c in self.cues if c.indicator == indicator), None)


def annotate_sentence(text: str, sentence: tuple[int, int], ctx: PassageContext) -> Sentence | None:
    """The sentence's typed spans, or None when it holds no figure."""
    s, e = sentence
    periods = find_periods(text, ctx.language, s, e)
    periods += [m for m in find_months_without_year(text, ctx.published_on, s, e)
                + find_quarters_without_year(text, ctx.published_on, s, e)
                if not any(p.char_start <= m.char_start < p.char_end for p in periods)]
    figures = [
        f for f in find_figures(text, ctx.language, s, e)
        if not any(p.char_start <= f.start < p.char_end for p in periods)
    ]
    if not figures:
        return None
    levels = [f for f in figures if not not_a_level(text, f)]
    cues = [Cue(c.indicator, c.start + s, c.end + s, c.weight, c.is_predicate) for c in find_cues(text[s:e])]
    # "3,3 procent" near "werklozen": a percentage of what a count counts is its rate.
    cues += [Cue(RATE_OF[c.indicator], c.start, c.end, c.weight - 1) for c in cues if c.indicator in RATE_OF]
    return Sentence(
        text, s, e, ctx, periods, figures, levels, respective_areas(text, sentence, levels), cues,
        clean_markup(text[s:e])[:500], {i for a, b in age_group_spans(text[s:e]) for i in range(s + a, s + b)},
    )
