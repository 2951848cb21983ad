"""Labellers of running text: for indicator, period and area, an ordered list of small functions.

Each labeller looks at a candidate and answers `(value, reason)` or None; `rules.first_answer`
takes the first answer, with the labeller's name. An indicator's reason is the phrase of the
sentence that names it whenever there is one, whichever labeller found it. A fact is sure when
the sentence itself names what it measures and its labellers in `SENTENCE_READINGS` gave where
and when; otherwise the reading leans on the context.
"""
from __future__ import annotations

from extractors.annotate.areas import find_areas, find_demonyms, interreg_area, is_region_word
from extractors.annotate.figures import written_end
from extractors.annotate.indicators import ANAPHORIC_COUNT, ANAPHORIC_RATE, PEOPLE_NOUN, RATE_OF, fold
from extractors.annotate.periods import Period, month_period, shifted
from extractors.label.prose.candidates import Candidate
from extractors.label.prose.cues import choose_indicator, fits
from extractors.label.prose.periods import period_of, relative_to
from extractors.label.prose.sentence import clause_around
from extractors.lexicon import lexicon

SAME_AS_THE_FIGURE_BEFORE = "the same measure as the figure before it in its sentence"


def named_in_the_sentence(c: Candidate, indicator: str, otherwise: str) -> str:
    """The reason for an indicator: the sentence's own phrase that names it, else `otherwise`."""
    cue = c.sentence.phrase_naming(indicator)
    return f"phrase '{c.sentence.text[cue.start:cue.end]}' in its sentence" if cue is not None else otherwise


# ---------------------------------------------------------------------------- indicator
def indicator_of_the_nearest_phrase(c: Candidate):
    indicator = choose_indicator(c.sentence.cues, c.figure.start, c.figure.end, c.unit)
    if indicator is None:
        return None
    # A figure in km² names its measure without a phrase: its reason has always read as the figure
    # before's (kept so that this refactor changes no output).
    return indicator, named_in_the_sentence(c, indicator, SAME_AS_THE_FIGURE_BEFORE)


def indicator_of_the_figure_before(c: Candidate):
    """"..., et près de 320 dans la région": the same measure again, in the same unit or none."""
    previous = c.sentence.previous
    if previous and fits(previous[0], c.unit) and (c.unit == previous[1] or c.unit is None):
        return previous[0], named_in_the_sentence(c, previous[0], SAME_AS_THE_FIGURE_BEFORE)
    return None


def indicator_of_an_earlier_rate(c: Candidate):
    """"Ce chiffre a ensuite été corrigé à 8,1 %": the rate an earlier sentence named."""
    recent = c.sentence.ctx.recent_rate.get("percent")
    if c.unit == "percent" and recent and ANAPHORIC_RATE.search(fold(c.sentence.words)):
        return recent, named_in_the_sentence(c, recent, "the measure an earlier sentence named")
    return None


def rate_of_an_earlier_count(c: Candidate):
    """"Dat komt neer op 4,1 procent van de beroepsbevolking": a share of the labour force, after a sentence
    that counted the unemployed, is their rate (lexicon `rate_of_count`)."""
    recent = RATE_OF.get(c.sentence.ctx.recent_rate.get("persons"))
    if c.unit == "percent" and recent and ANAPHORIC_RATE.search(fold(c.sentence.words)):
        return recent, named_in_the_sentence(c, recent, "the rate of what an earlier sentence counted")
    return None


def indicator_of_an_earlier_count(c: Candidate):
    """A bare count of people that a word points back with: what an earlier sentence counted."""
    s = c.sentence
    recent = s.ctx.recent_rate.get("persons")
    if c.unit is None and recent and PEOPLE_NOUN.match(s.text, written_end(s.text, c.figure)) \
            and ANAPHORIC_COUNT.search(fold(s.words)):
        return recent, named_in_the_sentence(c, recent, "the measure an earlier sentence named")
    return None


INDICATOR_LABELLERS = [indicator_of_the_nearest_phrase, indicator_of_the_figure_before, indicator_of_an_earlier_rate,
                       rate_of_an_earlier_count, indicator_of_an_earlier_count]


# ---------------------------------------------------------------------------- period
def period_relative_to_another_figure(c: Candidate):
    """"contre 9,0 % au trimestre précédent": a relative period right after the figure, counted back from
    the period another figure of the sentence (else the paragraph) has."""
    s = c.sentence
    relative = relative_to(s.text, c.figure, s.levels, s.start, s.end)
    if relative is None:
        return None
    reference = next((p for f in s.levels if f is not c.figure for p in [period_of(s.text, f, s.levels, s.periods)] if p),
                     None) or s.ctx.recent_rate.get("period")
    if reference is not None and reference.precision in ("month", "quarter", "year"):
        return shifted(reference, relative[0], relative[1]), f"'{relative[2]}' before {reference.label()}"
    return None


def period_in_its_sentence(c: Candidate):
    s = c.sentence
    period = period_of(s.text, c.figure, s.levels, s.periods)
    return (period, f"'{period.surface}' in its sentence") if period else None


def period_of_the_paragraph(c: Candidate):
    """The period the paragraph's sentences before named."""
    period = c.sentence.ctx.recent_rate.get("period")
    return (period, f"the paragraph ('{period.surface}')") if period else None


def period_of_publication(c: Candidate):
    """A press figure the text does not date is the figure of the month it is published."""
    published = c.sentence.ctx.published_on
    if not published:
        return None
    first, last = month_period(published.year, published.month)
    return (Period(first, last, "month", surface=f"published {published.isoformat()}"),
            f"the document's publication date {published.isoformat()}")


PERIOD_LABELLERS = [period_relative_to_another_figure, period_in_its_sentence, period_of_the_paragraph,
                    period_of_publication]


# ---------------------------------------------------------------------------- area
def _of_a_project(c: Candidate) -> bool:
    return c.indicator in lexicon().indicators_listed("project_indicators")


def area_listed_respectively(c: Candidate):
    """"in A en B, met respectievelijk x en y": the places in the order of the figures."""
    return c.sentence.respective.get(c.figure.start)


def area_of_the_people_named_after_it(c: Candidate):
    """"69 Français": the people named right after the figure."""
    text, fig = c.sentence.text, c.figure
    demonyms = find_demonyms(text[fig.end : fig.end + 14])
    if demonyms and demonyms[0].start <= 2:
        return demonyms[0].code, f"the people named after it ('{demonyms[0].name}')"
    return None


def area_in_its_sentence(c: Candidate):
    """The place its sentence names nearest to it, in its own clause first."""
    s = c.sentence
    sentence_areas = find_areas(s.words)
    if not sentence_areas:
        return None
    mid = c.figure.start - s.start
    lo, hi = clause_around(s.words, mid, s.ctx.language)
    in_clause = [a for a in sentence_areas if lo <= a.start < hi]
    nearest = min(in_clause or sentence_areas, key=lambda a: abs(a.start - mid))
    return nearest.code, f"'{nearest.name}' in its sentence"


def area_of_the_programme_of_its_paragraph(c: Candidate):
    programme = interreg_area(c.sentence.ctx.paragraph)
    return (programme, "the programme its paragraph speaks of") if programme else None


def country_of_a_national_programme(c: Candidate):
    """A programme's money where no place is named is the country's the document speaks of (a national plan)."""
    ctx = c.sentence.ctx
    if _of_a_project(c) and bool(c.segment and c.segment.startswith("program:")) and ctx.country:
        return ctx.country, "a programme's money, no place named: the country the document names most"
    return None


def no_area_of_a_project(c: Candidate):
    """A project's figure ("Le projet réunit six partenaires") has no place its text does not name."""
    return (None, "a project's figure: none named") if _of_a_project(c) else None


def area_in_its_paragraph(c: Candidate):
    paragraph_areas = find_areas(c.sentence.ctx.paragraph)
    if paragraph_areas:
        return paragraph_areas[0].code, f"'{paragraph_areas[0].name}' in its paragraph"
    return None


def region_of_a_region_word(c: Candidate):
    if is_region_word(c.sentence.words) and c.sentence.ctx.region:
        return c.sentence.ctx.region, "'région' in its sentence → the document's region"
    return None


def area_of_a_heading(c: Candidate):
    for heading in reversed(c.sentence.ctx.headings):
        areas = find_areas(heading)
        if areas:
            return areas[0].code, f"heading '{heading[:60]}'"
    return None


def region_of_the_document(c: Candidate):
    region = c.sentence.ctx.region
    return (region, "the document's region") if region else None


def country_of_the_document(c: Candidate):
    country = c.sentence.ctx.country
    return (country, "the country the document names most") if country else None


AREA_LABELLERS = [area_listed_respectively, area_of_the_people_named_after_it, area_in_its_sentence,
                  area_of_the_programme_of_its_paragraph, country_of_a_national_programme, no_area_of_a_project,
                  area_in_its_paragraph, region_of_a_region_word, area_of_a_heading, region_of_the_document,
                  country_of_the_document]

# Labellers that read from the sentence itself: with a phrase naming the measure, a sure reading.
SENTENCE_READINGS = {period_in_its_sentence.__name__, area_in_its_sentence.__name__}
