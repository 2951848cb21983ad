"""The segment of a prose fact: the programme its money belongs to, a budget line, a population group,
a sex, an age class, or the project or programme a heading names for a project's figure.
"""
from __future__ import annotations

import re

from extractors.annotate.areas import find_areas
from extractors.annotate.dimensions import join_dimensions, population_group, sex
from extractors.annotate.figures import Figure
from extractors.annotate.indicators import age_class_named, age_group, budget_line, speaks_of_everyone
from extractors.label.prose.sentence import PassageContext
from extractors.lexicon import alternation, lexicon

_PROGRAMME_WORDS = re.compile(r"\b" + alternation("agreements.yaml", "programme_name_words") + r"\b", re.I)
_BUDGET_LINE_LEAD = re.compile(r"\s*(?:[^\s]+\s+){0,4}?" + alternation("figures.yaml", "budget_line_leads") + r"\b")
_PARENTHESIS_AFTER = re.compile(r"\s*\([^()]{1,60}\)")
_CLAUSE_BREAK = re.compile(r"[;:()\[\]«»]|,\s" + alternation("figures.yaml", "clause_conjunctions") + r"\b")


def _clause_end(text: str, pos: int, limit: int) -> int:
    m = _CLAUSE_BREAK.search(text, pos, limit)
    return m.start() if m else limit


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


def segment_of(indicator: str, unit: str | None, text: str, fig: Figure, sentence: tuple[int, int], ctx: PassageContext) -> str | None:
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
        if indicator in lexicon().whole_budget_indicators:
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
    if indicator in lexicon().project_indicators:
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
