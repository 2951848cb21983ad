"""Figures in running text: each figure labelled from its own sentence.

Matcher: the figures of a sentence (digits, words, "une centaine").
Throttler: a figure pairs only with the indicator phrases, periods and areas
of its own sentence (its paragraph and heading only for the area and the
project it belongs to). Labeller: the nearest indicator phrase whose unit
fits the figure, the nearest period, the most specific area.
"""
from __future__ import annotations

import datetime as dt

import itertools
import re
from dataclasses import dataclass, field

from extractors.annotate.areas import find_areas, find_demonyms, interreg_area, is_region_word
from extractors.annotate.figures import Figure, find_figures, written_end
from extractors.annotate.dimensions import join_dimensions, population_group, sex
from extractors.annotate.programmes import DocumentProgrammes
from extractors.annotate.indicators import ANAPHORIC_COUNT, ANAPHORIC_RATE, speaks_of_everyone, PEOPLE_NOUN, RATE_OF, UNIT_OF, age_group_spans, Cue, age_class_named, age_group, budget_line, find_cues, fold
from extractors.read.layout import clean_markup
from extractors.lexicon import alternation, load_file
from extractors.model import Fact, Mention
from extractors.annotate.periods import (Period, undated_quarters, find_months_without_year, find_periods, find_quarters_without_year,
                                         find_relative_periods,
                                         month_period, shifted)

_FIGURE_LEX = load_file("figures.yaml")
_YEARS_AFTER = re.compile(r"\s*" + alternation("figures.yaml", "years_after_number") + r"\b", re.IGNORECASE)
_MONTHS_AFTER = re.compile(r"\s*(?:" + "|".join(_FIGURE_LEX["months_after_number"]) + r")\b", re.IGNORECASE)
_SIZE_CLASS = re.compile(r"\b(?:" + "|".join(_FIGURE_LEX["size_class_nouns"]) + r")\s+(?:\w+\s+){0,2}?(?:"
                         + "|".join(_FIGURE_LEX["size_class_links"]) + r")\s+(?:" + alternation("figures.yaml", "size_class_bounds")
                         + r"\s+|\d+\s+" + alternation("figures.yaml", "size_class_range_links") + r"\s+)?$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile("(?:" + "|".join(_FIGURE_LEX["change_before_number"]) + ")", re.IGNORECASE)
_COMPARATIVE = re.compile(r"\b(?:" + "|".join(_FIGURE_LEX["comparatives"]) + r")\b")
_CHANGE_AFTER = re.compile("(?:" + "|".join(_FIGURE_LEX["change_after_number"]) + ")", re.IGNORECASE)


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


def counts_another_noun(text: str, fig: Figure, cues: list[Cue], language: str) -> bool:
    """A German figure followed by a noun that no indicator phrase starts counts that noun
    ("in drei Werkstätten"); German writes every noun with a capital, so the noun is seen.

    >>> t = "In drei Werkstätten arbeiten die neuen Kollegen"; f = find_figures(t, "de")[0]
    >>> counts_another_noun(t, f, find_cues(t), "de")
    True
    """
    if language != "de":
        return False
    m = re.match(r"\s+([A-ZÄÖÜ][\wäöüß-]+)", text[written_end(text, fig):])
    if not m or fig.unit:
        return False
    start = written_end(text, fig) + m.start(1)
    return not any(c.start <= start < c.end for c in cues) and not _MONTHS_AFTER.match(text, fig.end) \
        and not _YEARS_AFTER.match(text, fig.end)


def not_a_level(text: str, fig: Figure) -> str | None:
    """Why a figure of running text states no level of anything: a size class of bodies, a change.

    >>> t = "les entreprises de plus de 20 salariés"; not_a_level(t, find_figures(t)[0])
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
# Indicators that describe a project or programme rather than a territory.
PROJECT_INDICATORS = {"partners_count", "duration_years", "trainees", "placement_rate", "funding"}
_PROGRAMME_WORDS = re.compile(r"\b" + alternation("agreements.yaml", "programme_name_words") + r"\b", re.I)
# How far an indicator phrase may stand from its figure: the counted noun right after it,
# the subject ("Le taux d'insertion ... est de 79 %") within a long clause before it.
MAX_NOUN_GAP = 40
MAX_SUBJECT_GAP = 200
# Phrases that name an indicator only as the noun a figure counts: "le CFA de Roubaix" is a body, "277 CFA" a count.
COUNTED_NOUN_ONLY = {"cfa_count", "trade_campuses"}
_BUDGET_LINE_LEAD = re.compile(r"\s*(?:[^\s]+\s+){0,4}?" + alternation("figures.yaml", "budget_line_leads") + r"\b")
_PARENTHESIS_AFTER = re.compile(r"\s*\([^()]{1,60}\)")
_CLAUSE_BREAK = re.compile(r"[;:()\[\]«»]|,\s" + alternation("figures.yaml", "clause_conjunctions") + r"\b")


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


def _unit_of_figure(text: str, fig: Figure) -> str | None:
    """The figure's unit, including years written after it ("cinq ans")."""
    if fig.unit:
        return fig.unit
    if _YEARS_AFTER.match(text, fig.end) or _MONTHS_AFTER.match(text, fig.end):
        return "years"
    return None


def _fits(indicator: str, unit: str | None) -> bool:
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

    >>> cues = find_cues("Le taux d'insertion est de 79 %")
    >>> choose_indicator(cues, 27, 29, "percent")
    'placement_rate'
    """
    if unit == "km2":
        return "area_km2"
    predicate = next((c for c in cues if c.is_predicate and c.start >= fig_end and _fits(c.indicator, unit)
                      and c.start - fig_end <= MAX_SUBJECT_GAP), None)
    if predicate is not None:
        return predicate.indicator  # what the people did outranks what the subject noun calls them
    best, best_distance = None, None
    for cue in cues:
        if not _fits(cue.indicator, unit):
            continue
        if cue.start >= fig_end:
            distance = cue.start - fig_end
            if distance > MAX_NOUN_GAP or (cue.indicator in COUNTED_NOUN_ONLY and distance > 4):
                continue  # the noun a figure counts follows it closely ("12 partenaires", "277 CFA")
        else:
            if fig_start - cue.end > MAX_SUBJECT_GAP or cue.indicator in COUNTED_NOUN_ONLY:
                continue
            distance = (fig_start - cue.end) * 1.5 + 5
        if best_distance is None or distance < best_distance:
            best, best_distance = cue.indicator, distance
    return best


def _distance(p: Period, fig: Figure) -> float:
    return abs((p.char_start + p.char_end) / 2 - (fig.start + fig.end) / 2)


def _relative_to(text: str, fig: Figure, figures: list[Figure], s: int, e: int):
    """A relative period right after a figure ("contre 9,0 % au trimestre précédent"): (unit, back, surface)."""
    following = min((f.start for f in figures if f.start > fig.end), default=e)
    for start, end, unit, back in find_relative_periods(text, fig.end, min(e, following, fig.end + 60)):
        return unit, back, text[start:end]
    return None


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
    own = [p for p in periods if min(figures, key=lambda f: _gap(text, p, f)) is fig]
    if own:
        return min(own, key=lambda p: _gap(text, p, fig))
    if not periods:
        return None
    nearest = min(periods, key=lambda p: _distance(p, fig))
    lo, hi = sorted((nearest.char_end, fig.start))
    return None if _COMPARATIVE.search(fold(text[lo:hi])) else nearest


def _area(text: str, sentence: tuple[int, int], fig: Figure, ctx: PassageContext,
          of_project: bool, national_programme: bool = False) -> tuple[str | None, str]:
    """Where a figure applies: the people named right after it ("69 Français"), else the place its
    sentence names nearest to it, else the programme area of its paragraph. A territory's figure
    then falls back on its paragraph, headings and the document's region; a project's figure
    ("Le projet réunit six partenaires") has no place its text does not name, but a programme's money
    is the country's the document speaks of (a national plan).
    """
    s, e = sentence
    demonyms = find_demonyms(text[fig.end : fig.end + 14])
    if demonyms and demonyms[0].start <= 2:
        return demonyms[0].code, f"the people named after it ('{demonyms[0].name}')"
    sentence_areas = find_areas(text[s:e])
    if sentence_areas:
        mid = fig.start - s
        lo, hi = clause_around(text[s:e], mid, ctx.language)
        in_clause = [a for a in sentence_areas if lo <= a.start < hi]
        nearest = min(in_clause or sentence_areas, key=lambda a: abs(a.start - mid))
        return nearest.code, f"'{nearest.name}' in its sentence"
    programme = interreg_area(ctx.paragraph)
    if programme:
        return programme, "the programme its paragraph speaks of"
    if of_project and national_programme and ctx.country:
        return ctx.country, "a programme's money, no place named: the country the document names most"
    if of_project:
        return None, "a project's figure: none named"
    paragraph_areas = find_areas(ctx.paragraph)
    if paragraph_areas:
        return paragraph_areas[0].code, f"'{paragraph_areas[0].name}' in its paragraph"
    if is_region_word(text[s:e]) and ctx.region:
        return ctx.region, "'région' in its sentence → the document's region"
    for heading in reversed(ctx.headings):
        areas = find_areas(heading)
        if areas:
            return areas[0].code, f"heading '{heading[:60]}'"
    if ctx.region:
        return ctx.region, "the document's region"
    if ctx.country:
        return ctx.country, "the country the document names most"
    return None, "none found"


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
        after = [before[-1], *after]  # "bei 3,7 beziehungsweise 6,4 Prozent": the word between the two
    # The run of figures in one unit ("14,0 en 18,5 procent", not the "15 tot 75 jaar" after them).
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


def project_name(heading: str) -> str | None:
    """The project or programme a heading names, in "Name : what it does" form.

    >>> project_name("Weldcome : mobilité du soudage")
    'Weldcome'
    >>> project_name("Interreg, partenaire de mobilité sur quatre thématiques")
    'Interreg'
    """
    m = re.match(r"^\s*([^:,–-]{2,60}?)\s*(?::|,|–|-\s)", heading)
    if not m:
        return None
    name = m.group(1).strip()
    if find_areas(name) or len(name.split()) > 6:
        return None
    return name


def _segment(indicator: str, unit: str | None, text: str, fig: Figure, sentence: tuple[int, int], ctx: PassageContext) -> str | None:
    clause_end = _clause_end(text, fig.end, sentence[1])
    after = text[fig.end : clause_end]
    programme = _sentence_programme(text, fig, sentence, ctx) if unit == "EUR" or indicator == "funding" else None
    if programme:
        return programme
    clause_start = max(sentence[0], text.rfind(",", sentence[0], fig.start) + 1)
    if unit in ("persons", "percent", None):
        named_sex = sex(text[clause_start:clause_end])
        # A group the sentence singles out before the figure ("le chômage des personnes handicapées : 19 %").
        group = None if speaks_of_everyone(text[fig.end:clause_end]) else population_group(text[sentence[0]:clause_end])
        if named_sex or group:
            return join_dimensions([group, named_sex, age_group(text[clause_start:clause_end])])
    if unit == "EUR":
        line = budget_line(after) if _BUDGET_LINE_LEAD.match(after) else None
        if line:
            return line
        if indicator in ("budget", "spending"):
            return "line:total"
    if unit in ("persons", "percent", None):
        clause = text[clause_start:clause_end]
        # The figure's clause names its age class, or the sentence did before it ("Les jeunes restent
        # les plus touchés, avec un taux de chômage de 17,5 %"), unless it spoke of
        # everyone again since.
        # A parenthesis right after the figure's noun says who it counts ("40 000 jongeren (16 tot 20 jaar)").
        aside = _PARENTHESIS_AFTER.match(text, clause_end, sentence[1])
        if aside:
            clause += aside.group(0)
        age = age_group(clause) or age_class_named(clause) or age_class_named(text[sentence[0]:fig.start])
        if age:
            return age
    if indicator in PROJECT_INDICATORS:
        for heading in reversed(ctx.headings[-1:]):
            name = project_name(heading)
            if name:
                kind = "program" if _PROGRAMME_WORDS.search(name) else "project"
                return f"{kind}:{strip_accents_keep_case(name)}"
    return None


def _sentence_programme(text: str, fig: Figure, sentence: tuple[int, int], ctx: PassageContext) -> str | None:
    """The programme money belongs to: the name its sentence gives nearest before the figure ("Dans le
    cadre du plan « Cap emploi », l'État verse 2 millions d'euros"), else the one the nearest heading
    that names one gives (a page about one plan: "Le plan est doté de 2 milliards"). A name after the figure is more often where the money comes from ("provient du fonds X")."""
    if ctx.programmes is None:
        return None
    name = ctx.programmes.last_named_in(text[sentence[0]:fig.start])
    for heading in reversed(ctx.headings if name is None else []):
        name = ctx.programmes.named_in(heading)
        if name:
            break
    return f"program:{name}" if name else None


def strip_accents_keep_case(text: str) -> str:
    """Accents off, case kept, for free-text segment values.

    >>> strip_accents_keep_case("Emploi sans frontières")
    'Emploi sans frontieres'
    """
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _undated_period(text: str, fig: Figure, s: int, e: int) -> str | None:
    """The quarter the sentence names without a year nearest before the figure, else after it, when
    nothing dates it: it keeps apart two figures of two quarters ("au deuxième trimestre … 9,3 %")."""
    named = undated_quarters(text, s, e)
    before = [label for at, label in named if at < fig.start]
    return before[-1] if before else (named[0][1] if named else None)


def _clause_end(text: str, pos: int, limit: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos, limit)
    return m.start() if m else limit


def sentence_facts(text: str, sentence: tuple[int, int], ctx: PassageContext, page_of) -> list[Fact]:
    """Facts stated in one sentence (offsets absolute in `text`)."""
    s, e = sentence
    periods = find_periods(text, ctx.language, s, e)
    periods += [m for m in find_months_without_year(text, ctx.published_on, s, e)
                + find_quarters_without_year(text, ctx.published_on, s, e)
                if not any(p.char_start <= m.char_start < p.char_end for p in periods)]
    figures = [
        f for f in find_figures(text, ctx.language, s, e)
        if not any(p.char_start <= f.start < p.char_end for p in periods)
    ]
    levels = [f for f in figures if not not_a_level(text, f)]  # the figures that may own a period
    respective = respective_areas(text, sentence, levels)  # "A en B, respectievelijk x en y"
    if not figures:
        return []
    cues = [Cue(c.indicator, c.start + s, c.end + s, c.weight, c.is_predicate) for c in find_cues(text[s:e])]
    # "3,3 procent" near "werklozen": a percentage of what a count counts is its rate.
    cues += [Cue(RATE_OF[c.indicator], c.start, c.end, c.weight - 1) for c in cues if c.indicator in RATE_OF]
    snippet = clean_markup(text[s:e])[:500]
    age_spans = {i for a, b in age_group_spans(text[s:e]) for i in range(s + a, s + b)}  # "(van 15 tot 25 jaar)"
    facts: list[Fact] = []
    dated: Period | None = None
    previous: tuple[str, str | None] | None = None
    for fig in figures:
        if fig.in_words and fig.value == 1:
            continue
        if not_a_level(text, fig) or fig.start in age_spans:
            continue  # the leftovers record says why
        unit = _unit_of_figure(text, fig)
        value = fig.value / 12 if unit == "years" and _MONTHS_AFTER.match(text, fig.end) else fig.value
        if counts_another_noun(text, fig, cues, ctx.language):
            continue  # "in drei Werkstätten": the figure counts its own noun
        indicator = choose_indicator(cues, fig.start, fig.end, unit)
        carried = None
        if indicator is None and unit is None and fig.scale >= 1e6:
            indicator = choose_indicator(cues, fig.start, fig.end, "EUR")
            unit = "EUR" if indicator else None  # "doté de 3,2 Mds": the scale word implies money
        if indicator is None and previous and _fits(previous[0], unit) and (unit == previous[1] or unit is None):
            indicator = previous[0]  # "..., et près de 320 dans la région": the same measure again
        if indicator is None and unit == "percent" and ctx.recent_rate.get("percent") \
                and ANAPHORIC_RATE.search(fold(text[s:e])):
            indicator = carried = ctx.recent_rate["percent"]
        if indicator is None and unit is None and ctx.recent_rate.get("persons") \
                and PEOPLE_NOUN.match(text, written_end(text, fig)) and ANAPHORIC_COUNT.search(fold(text[s:e])):
            indicator = carried = ctx.recent_rate["persons"]
        if indicator is None:
            continue
        unit = unit if unit not in (None, "persons") or UNIT_OF[indicator] != "count" else "count"
        unit = unit or UNIT_OF[indicator]
        if unit == "persons" and UNIT_OF[indicator] == "count":
            unit = "count"
        period = period_of(text, fig, levels, periods)
        period_reason = f"'{period.surface}' in its sentence" if period else None
        relative = _relative_to(text, fig, levels, s, e)
        if relative is not None:
            reference = next((p for f in levels if f is not fig for p in [period_of(text, f, levels, periods)] if p),
                             None) or ctx.recent_rate.get("period")
            if reference is not None and reference.precision in ("month", "quarter", "year"):
                period = shifted(reference, relative[0], relative[1])
                period_reason = f"'{relative[2]}' before {reference.label()}"
        if period is None and ctx.recent_rate.get("period"):
            period = ctx.recent_rate["period"]  # the period the paragraph's sentences before named
            period_reason = f"the paragraph ('{period.surface}')"
        if period is None and ctx.published_on:
            # A press figure the text does not date is the figure of the day it is published.
            first, last = month_period(ctx.published_on.year, ctx.published_on.month)
            period = Period(first, last, "month", surface=f"published {ctx.published_on.isoformat()}")
            period_reason = f"the document's publication date {ctx.published_on.isoformat()}"
        undated = _undated_period(text, fig, s, e) if period is None else None
        if period and period.precision == "range" and indicator in ("apprentices", "cfa_count") and period.end.year == period.start.year + 1:
            period = find_periods(period.surface, ctx.language, academic=True)[0]
        segment = _segment(indicator, unit, text, fig, sentence, ctx)
        area, area_reason = respective.get(fig.start) or _area(
            text, sentence, fig, ctx, of_project=indicator in PROJECT_INDICATORS,
            national_programme=bool(segment and segment.startswith("program:")))
        cue = next((c for c in cues if c.indicator == indicator), None)
        ind_reason = (f"phrase '{text[cue.start:cue.end]}' in its sentence" if cue is not None
                      else "the measure an earlier sentence named" if carried
                      else "the same measure as the figure before it in its sentence")
        reason = (f"indicator: {ind_reason} → {indicator}; area: {area_reason} → {area}; period: "
                  + (f"{period_reason} → {period.label()}" if period else "none in its sentence"))
        # Sure when the sentence itself names what, where and when; otherwise the reading leans on context.
        sure = cue is not None and period is not None and period_reason.endswith("in its sentence") \
            and area_reason.endswith("in its sentence")
        facts.append(
            Fact(
                indicator=indicator,
                area=area,
                reason=reason,
                confidence=0.9 if sure else 0.6,
                segment=segment,
                period_start=period.start if period else None,
                period_end=period.end if period else None,
                value=value,
                unit=unit,
                qualifier=fig.qualifier,
                mention=Mention(fig.start, fig.end, snippet, "prose", page_of(fig.start)),
                precision=fig.precision,
                undated_period=undated,
            )
        )
        previous = (indicator, unit)
        if unit == "percent" and UNIT_OF.get(indicator) == "percent":
            ctx.recent_rate["percent"] = indicator
        if unit in ("persons", "count"):
            ctx.recent_rate["persons"] = indicator
        if period is not None and period_reason.endswith("in its sentence"):
            dated = period
    if dated is not None:  # for the next sentences of the paragraph, not for this one's compared figures
        ctx.recent_rate["period"] = dated
    return facts
