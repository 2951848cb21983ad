"""Labeller vocabulary: the words that say what a figure measures, and for whom.

Indicators, budget lines, age groups and sectors are recognised from
phrases in French, Dutch and German. Phrases are matched on folded text
(lower case, no accents, apostrophes as spaces), so "D'EMPLOI" and
"d’emploi" read the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon import fold, fold_in_place, load_file

_DATA = load_file("indicators.yaml")
# indicator → (default unit, phrases): lexicon/indicators.yaml.
INDICATORS: dict[str, tuple[str, list[str]]] = {
    e["code"]: (e["unit"], e["phrases"] + e.get("predicates", [])) for e in _DATA["indicators"]}
# A count's rate: a percentage of what the count counts ("3,9 procent" of "werklozen").
RATE_OF: dict[str, str] = dict(_DATA.get("rate_of_count", {}))
# A sentence that calls its percentage a rate without naming which ("un taux de 7,6 %").
ANAPHORIC_RATE = re.compile("|".join(f"(?:{p})" for p in _DATA["anaphoric_rate_words"]))
# A sentence that speaks again of what an earlier one counted ("il recule pour atteindre 285 000").
ANAPHORIC_COUNT = re.compile("|".join(f"(?:{p})" for p in _DATA["anaphoric_count_words"]))
PEOPLE_NOUN = re.compile(r"\s*(?:" + "|".join(_DATA["people_nouns"]) + r")\b", re.IGNORECASE)
# Phrases that are a clause's predicate rather than a noun: they outrank the subject noun of their clause.
PREDICATES: frozenset[str] = frozenset(p for e in _DATA["indicators"] for p in e.get("predicates", []))
# What unit a figure must carry (or may lack) to measure an indicator.
UNIT_OF = {code: unit for code, (unit, _) in INDICATORS.items()}
# Budget lines, most specific first; sectors; age groups (segment templates over the named groups).
BUDGET_LINES: list[tuple[str, str]] = [(e["segment"], e["pattern"]) for e in _DATA["budget_lines"]]
SECTORS: list[tuple[str, str]] = [(e["segment"], e["pattern"]) for e in _DATA["sectors"]]
_AGE_PATTERNS: list[tuple[str, str]] = [(e["pattern"], e["segment"]) for e in _DATA["age_groups"]]
# Nouns that name an age class ("les jeunes"), and words that speak of everyone again ("l'ensemble").
_AGE_CLASS_NOUNS = [(re.compile(e["pattern"]), "age:" + str(e["segment"])) for e in _DATA["age_class_nouns"]]
_WHOLE_POPULATION = re.compile("|".join(f"(?:{p})" for p in _DATA["whole_population_words"]))
_LABOUR_FORCE = frozenset("age:" + str(a) for a in _DATA["labour_force_ages"])


@dataclass(frozen=True)
class Cue:
    """A phrase that names an indicator, with its place in the folded text."""

    indicator: str
    start: int
    end: int
    weight: int
    is_predicate: bool = False


@lru_cache(maxsize=1)
def _indicator_patterns() -> list[tuple[str, re.Pattern, int, bool]]:
    out = []
    for code, (_, phrases) in INDICATORS.items():
        for phrase in phrases:
            out.append((code, re.compile(rf"(?<!\w)(?:{phrase})(?!\w)"), len(phrase.replace("\\b", "")),
                        phrase in PREDICATES))
    return out


def find_cues(text: str) -> list[Cue]:
    """Indicator phrases in a text, keeping the most specific where phrases overlap.

    >>> [c.indicator for c in find_cues("TAUX DE CHOMAGE (% de la population active)")]
    ['unemployment_rate', 'active_population']
    >>> [c.indicator for c in find_cues("Nb de contrats d'apprentissage")]
    ['apprenticeship_contracts']
    """
    folded = fold(text)
    cues = []
    for code, rx, weight, is_predicate in _indicator_patterns():
        for m in rx.finditer(folded):
            cues.append(Cue(code, m.start(), m.end(), weight, is_predicate))
    cues.sort(key=lambda c: (-c.weight, c.start))
    kept: list[Cue] = []
    for cue in cues:
        if not any(cue.start < k.end and k.start < cue.end for k in kept):
            kept.append(cue)
    kept.sort(key=lambda c: c.start)
    return kept


def main_indicator(text: str) -> str | None:
    """The indicator a label names: labels start with what they count, so the first phrase wins.

    >>> main_indicator("NOMBRE D'ENTRÉES EN FORMATIONS SUIVIES PAR DES PERSONNES EN RECHERCHE D'EMPLOI")
    'training_entries_jobseekers'
    >>> main_indicator("TAUX DE CHOMAGE (% de la population active)")
    'unemployment_rate'
    """
    cues = find_cues(text)
    if not cues:
        return None
    return cues[0].indicator


def budget_line(text: str) -> str | None:
    """The budget line a label names.

    >>> budget_line("l'enseignement, la formation professionnelle et l'apprentissage")
    'line:education_training_apprenticeship'
    >>> budget_line("Dépenses non ventilables")
    'line:non_allocable'
    """
    folded = fold(text)
    for code, phrase in BUDGET_LINES:
        if re.search(phrase, folded):
            return code
    return None


def sector(text: str) -> str | None:
    """The economic sector a label names.

    >>> sector("Tertiaire non marchand")
    'sector:non_market_tertiary'
    """
    folded = fold(text)
    for code, phrase in SECTORS:
        if re.search(rf"\b{phrase}\b", folded):
            return code
    return None




def age_class(template: str, bounds: dict) -> str:
    """An age class from a pattern's bounds; an upper bound written exclusive ("tot 25") is the age before it.

    >>> age_class("{lo}-{hi_excl}", {"lo": "15", "hi_excl": "25"}), age_class("{lo}-{hi}", {"lo": "15", "hi": "24"})
    ('15-24', '15-24')
    """
    values = {k: v for k, v in bounds.items() if v is not None}
    if "hi_excl" in values:
        values["hi_excl"] = str(int(values["hi_excl"]) - 1)
    return template.format(**values)


def age_group_spans(text: str) -> list[tuple[int, int]]:
    """Where a text names an age group ("de 16 à 25 ans", "van 18 tot 23 jaar"): its numbers bound a group,
    they count nothing. Offsets in `text` (folding keeps the length of the Latin text we read).

    >>> age_group_spans("ruim 400.000 scholieren van 16 tot 20 jaar hadden een bijbaan")
    [(28, 42)]
    """
    folded = fold_in_place(text)
    return sorted({m.span() for pattern, _ in _AGE_PATTERNS for m in re.finditer(pattern, folded)})


def age_group(text: str) -> str | None:
    """Age group a label names, as a segment code.

    >>> age_group("Moins de 25 ans"), age_group("Dont 16-25 ans"), age_group("50 ans ou plus")
    ('age:<25', 'age:16-25', 'age:50+')
    >>> age_group("iedereen in de beroepsbevolking tussen 15 en 75 jaar") is None  # the whole labour force
    True
    """
    folded = fold(text)
    for pattern, template in _AGE_PATTERNS:
        m = re.search(pattern, folded)
        if m:
            segment = "age:" + age_class(template, m.groupdict())
            return None if segment in _LABOUR_FORCE else segment
    return None


def age_class_named(text: str) -> str | None:
    """The age class a stretch of prose speaks of last: by its ages ("les 25-49 ans") or by a noun
    that names one ("les jeunes", "Jugendliche"); None when it speaks of everyone again after it.

    >>> age_class_named("Chez les jeunes, le chômage progresse encore, porté par la conjoncture,")
    'age:15-24'
    >>> age_class_named("Le chômage des 15-24 ans baisse, mais celui de l'ensemble")
    >>> age_class_named("Les jeunes entreprises recrutent"), age_class_named("Die Zahl der Jugendlichen")
    (None, 'age:<25')
    """
    folded = fold(text)
    found = [(m.end(), "age:" + age_class(template, m.groupdict()))
             for pattern, template in _AGE_PATTERNS for m in re.finditer(pattern, folded)]
    found += [(m.end(), segment) for pattern, segment in _AGE_CLASS_NOUNS for m in pattern.finditer(folded)]
    if not found:
        return None
    end, segment = max(found)
    return None if segment in _LABOUR_FORCE or _WHOLE_POPULATION.search(folded, end) else segment


def speaks_of_everyone(text: str) -> bool:
    """Whether a stretch of prose speaks of the whole population ("pour l'ensemble", "alle leeftijden").

    >>> speaks_of_everyone("mais 7 % pour l'ensemble des actifs"), speaks_of_everyone("des seniors")
    (True, False)
    """
    return bool(_WHOLE_POPULATION.search(fold(text)))


def indicator_rows() -> list[dict]:
    """The indicator table of the warehouse."""
    return [{"code": code, "unit": unit, "phrases": " | ".join(p)} for code, (unit, p) in INDICATORS.items()]
