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

from extractors.lexicon import fold

# indicator → (default unit, phrases). A phrase is a regex on folded text.
# Longer (more specific) phrases win over shorter ones when several match.
INDICATORS: dict[str, tuple[str, list[str]]] = {
    "unemployment_rate": ("percent", [r"taux de chomage", r"chomage", r"werkloosheidsgraad", r"werkloosheid",
                                      r"arbeitslosenquote", r"unemployment rate"]),
    "jobseekers": ("persons", [r"demandeurs? d emploi", r"personnes? en recherche d emploi", r"chercheurs? d emploi",
                               r"werkzoekenden", r"niet-werkende werkzoekenden", r"arbeitsuchende", r"arbeitslose",
                               r"jobseekers"]),
    "population": ("persons", [r"population totale", r"nombre d habitants", r"habitants", r"population",
                               r"inwoners", r"bevolking", r"einwohner(?:innen)?", r"bevolkerung", r"inhabitants"]),
    "active_population": ("persons", [r"population active", r"beroepsbevolking", r"erwerbspersonen",
                                      r"labour force"]),
    "employment": ("persons", [r"nb d emplois?", r"nombre d emplois", r"emplois salaries", r"emplois",
                               r"salaries", r"werkgelegenheid", r"banen", r"beschaftigte", r"erwerbstatige"]),
    "apprentices": ("persons", [r"effectifs? d apprentis", r"nombre d apprentis", r"apprentis", r"apprenties",
                                r"leerlingen in alternerend", r"auszubildende"]),
    "apprenticeship_contracts": ("count", [r"contrats? d apprentissage", r"leerovereenkomsten",
                                           r"ausbildungsvertrage"]),
    "cfa_count": ("count", [r"nombre (?:de )?cfa", r"\bcfa\b", r"centres? de formation d apprentis"]),
    "training_providers": ("count", [r"organismes? de formation", r"prestataires? de formation",
                                     r"opleidingsverstrekkers", r"bildungstrager"]),
    "training_entries_jobseekers": ("count", [r"entrees en formations?.{0,80}(?:recherche d emploi|demandeurs? d emploi)",
                                              r"entrees en formations?"]),
    "spending": ("EUR", [r"montant de la depense", r"depenses? totales?", r"depenses?", r"uitgaven", r"ausgaben"]),
    "budget": ("EUR", [r"budget primitif", r"budget", r"begroting", r"haushalt"]),
    # Revenue side of a voted budget: not in the contract's vocabulary, kept apart from spending.
    "budget_revenue": ("EUR", [r"recettes", r"ontvangsten", r"einnahmen"]),
    "commitment_authority": ("EUR", [r"capacites? d engagement", r"autorisations? d engagement"]),
    "funding": ("EUR", [r"taxe d apprentissage", r"produits? de la taxe", r"financements?", r"finance(?:e|s|es)?\b", r"subventions?", r"dotations?", r"enveloppe",
                        r"consacre", r"\bprevoit\b", r"a coute", r"ont coute", r"cout total", r"investis?\b", r"d investissement", r"fonds",
                        r"financiering", r"gefinancierd", r"financiert", r"subsidie\w*", r"(?:ge)?steun(?:t|d|en)?",
                        r"forderung", r"(?:ge)?fordert", r"(?:ge)?finanziert", r"unterstutzt"]),
    "trainees": ("persons", [r"stagiaires", r"sont formes", r"ont ete formes", r"ont suivi", r"personnes formees",
                             r"cursisten", r"deelnemers", r"teilnehmende"]),
    "placement_rate": ("percent", [r"taux d insertion", r"taux de placement", r"taux de retour a l emploi",
                                   r"taux\b.{0,40}\bembauch\w*", r"embauches", r"uitstroom naar werk",
                                   r"vermittlungsquote"]),
    "unfilled_apprenticeship_offers": ("count", [r"offres d apprentissage.{0,40}non pourvues",
                                                 r"offres.{0,40}non pourvues"]),
    "competitiveness_clusters": ("count", [r"poles? de competitivite"]),
    "trade_campuses": ("count", [r"campus des metiers", r"\bcampus\b"]),
    "partners_count": ("count", [r"partenaires", r"\bpartners\b", r"\bpartner\b", r"partnerorganisationen"]),
    "duration_years": ("years", [r"d une duree de", r"duree", r"looptijd", r"laufzeit"]),
    "area_km2": ("km2", [r"superficie", r"oppervlakte", r"flache"]),
}
# What unit a figure must carry (or may lack) to measure an indicator.
UNIT_OF = {code: unit for code, (unit, _) in INDICATORS.items()}

# Budget lines, most specific first. The nested ones name their parent.
BUDGET_LINES: list[tuple[str, str]] = [
    ("line:education_training_apprenticeship", r"enseignement\W+(?:\w+\W+){0,3}formation professionnelle\W+(?:\w+\W+){0,3}apprentissage"),
    ("line:training_and_apprenticeship", r"formation professionnelle\W+(?:\w+\W+){0,3}apprentissage"),
    ("line:continuing_vocational_training", r"formation professionnelle continue"),
    ("line:health_social_training", r"formations? sanitaires? et sociales?"),
    ("line:non_allocable", r"non ventilables?|non affectables?"),
    ("line:economic_action", r"action economique"),
    ("line:apprenticeship", r"apprentissage|leertijd|ausbildung"),
    ("line:operating", r"fonctionnement|werking|betrieb"),
    ("line:investment", r"investissement|investering|investition"),
    ("line:total", r"\btotal(?:e|es|aux)?\b|totaal|gesamt|insgesamt"),
]
SECTORS: list[tuple[str, str]] = [
    ("sector:non_market_tertiary", r"tertiaire non marchand"),
    ("sector:market_tertiary", r"tertiaire marchand"),
    ("sector:market", r"(?:secteur )?marchand"),
    ("sector:industry", r"industrie"),
    ("sector:construction", r"construction"),
    ("sector:agriculture", r"agriculture"),
]


@dataclass(frozen=True)
class Cue:
    """A phrase that names an indicator, with its place in the folded text."""

    indicator: str
    start: int
    end: int
    weight: int


@lru_cache(maxsize=1)
def _indicator_patterns() -> list[tuple[str, re.Pattern, int]]:
    out = []
    for code, (_, phrases) in INDICATORS.items():
        for phrase in phrases:
            out.append((code, re.compile(rf"(?<!\w)(?:{phrase})(?!\w)"), len(phrase.replace("\\b", ""))))
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
    for code, rx, weight in _indicator_patterns():
        for m in rx.finditer(folded):
            cues.append(Cue(code, m.start(), m.end(), weight))
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


_AGE_PATTERNS: list[tuple[str, str]] = [
    (r"(?:moins de|jonger dan|unter|under)\s+(?P<hi>\d{2})\s*(?:ans|jaar|jahren|years)", "<{hi}"),
    (r"(?P<lo>\d{2})\s*(?:ans)?\s*(?:-|–|a|à|tot|bis)\s*(?P<hi>\d{2})\s*(?:ans|jaar|jahre|years)", "{lo}-{hi}"),
    (r"(?P<lo>\d{2})\s*(?:ans|jaar|jahre|years)\s*(?:ou|et|en|und|or|and)\s*(?:plus|ouder|alter|mehr|over|older)", "{lo}+"),
    (r"(?:plus de|ouder dan|uber|over)\s+(?P<lo>\d{2})\s*(?:ans|jaar|jahren|years)", "{lo}+"),
]


def age_group(text: str) -> str | None:
    """Age group a label names, as a segment code.

    >>> age_group("Moins de 25 ans"), age_group("Dont 16-25 ans"), age_group("50 ans ou plus")
    ('age:<25', 'age:16-25', 'age:50+')
    """
    folded = fold(text)
    for pattern, template in _AGE_PATTERNS:
        m = re.search(pattern, folded)
        if m:
            return "age:" + template.format(**m.groupdict())
    return None


def indicator_rows() -> list[dict]:
    """The indicator table of the warehouse."""
    return [{"code": code, "unit": unit, "phrases": " | ".join(p)} for code, (unit, p) in INDICATORS.items()]
