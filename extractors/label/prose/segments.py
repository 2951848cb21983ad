"""The segment of a prose fact, by ordered labellers (`SEGMENT_LABELLERS`, asked by `rules.first_answer`),
each answering a segment and its reason: the programme its money belongs to, a population group or a sex,
a budget line, a whole budget's total, an age class, or the project or programme a heading names for a
project's figure.
"""
from __future__ import annotations

import re

from extractors.annotate.areas import find_areas
from extractors.annotate.dimensions import join_dimensions, population_group, sex
from extractors.annotate.indicators import age_class_named, age_group, budget_line, speaks_of_everyone
from extractors.annotate.bodies import PROPER_NAME
from extractors.label.prose.candidates import Candidate
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


# ---------------------------------------------------------------------------- segment labellers
# Each answers (segment, reason) for a candidate whose indicator and stored unit (`fact_unit`) are given.
def _clause(c: Candidate) -> tuple[int, int]:
    """The figure's clause: from the comma before it to the break after it (offsets in the document's text)."""
    s = c.sentence
    return max(s.start, s.text.rfind(",", s.start, c.figure.start) + 1), _clause_end(s.text, c.figure.end, s.end)


def _counts_people(c: Candidate) -> bool:
    return c.fact_unit in ("persons", "percent", None)


def programme_of_its_money(c: Candidate):
    """Money belongs to the programme its sentence names nearest before it ("Dans le cadre du plan « Cap
    emploi », l'État verse 2 millions d'euros"), else the one the nearest heading that names one gives (a
    page about one plan: "Le plan est doté de 2 milliards"). A name after the figure is more often where
    the money comes from ("provient du fonds X")."""
    s, programmes = c.sentence, c.sentence.ctx.programmes
    if programmes is None or not (c.fact_unit == "EUR" or c.indicator == "funding"):
        return None
    name = programmes.last_named_in(s.text[s.start:c.figure.start])
    if name:
        return f"program:{name}", f"programme '{name}' named before it in its sentence"
    for heading in reversed(s.ctx.headings):
        name = programmes.named_in(heading)
        if name:
            return f"program:{name}", f"programme '{name}' named by the heading '{heading[:60]}'"
    return None


def group_or_sex_named_in_its_sentence(c: Candidate):
    """A group the sentence singles out before the figure ("le chômage des personnes handicapées : 19 %")
    or a sex its clause names, with the age class of its clause."""
    if not _counts_people(c):
        return None
    s = c.sentence
    clause_start, clause_end = _clause(c)
    named_sex = sex(s.text[clause_start:clause_end])
    group = None if speaks_of_everyone(s.text[c.figure.end:clause_end]) \
        else population_group(s.text[s.start:clause_end])
    if not (named_sex or group):
        return None
    named = " and ".join(d for d in (group, named_sex) if d)
    segment = join_dimensions([group, named_sex, age_group(s.text[clause_start:clause_end])])
    return segment, f"{named} named in its sentence"


def budget_line_named_after_it(c: Candidate):
    """"2 M€ pour la formation professionnelle": the budget line a lead word names right after the amount."""
    if c.fact_unit != "EUR":
        return None
    after = c.sentence.text[c.figure.end:_clause(c)[1]]
    line = budget_line(after) if _BUDGET_LINE_LEAD.match(after) else None
    return (line, "the budget line named after it") if line else None


def budget_of_a_named_project(c: Candidate):
    """"Budget total : 3,4 M€" under a heading that opens with a project's proper name (an acronym, a word with
    a capital inside: "GreenHarbour – Des ports propres") is that project's budget, not a public budget's total."""
    if c.fact_unit != "EUR" or c.indicator not in lexicon().indicators_listed("whole_budget_indicators"):
        return None
    named = _project_of_the_heading(c)
    if named and PROPER_NAME.fullmatch(named[0]):
        return f"project:{strip_accents_keep_case(named[0])}", f"the budget of the project its heading names ('{named[0]}')"
    return None


def total_of_a_whole_budget(c: Candidate):
    if c.fact_unit == "EUR" and c.indicator in lexicon().indicators_listed("whole_budget_indicators"):
        return "line:total", "an amount of a whole budget that names no budget line"
    return None


def age_class_of_its_clause(c: Candidate):
    """The figure's clause names its age class, or the sentence did before it ("Les jeunes restent les plus
    touchés, avec un taux de chômage de 17,5 %"), unless it spoke of everyone again since. A parenthesis
    right after the figure's noun says who it counts ("40 000 jongeren (16 tot 20 jaar)")."""
    if not _counts_people(c):
        return None
    s = c.sentence
    clause_start, clause_end = _clause(c)
    clause = s.text[clause_start:clause_end]
    aside = _PARENTHESIS_AFTER.match(s.text, clause_end, s.end)
    if aside:
        clause += aside.group(0)
    age = age_group(clause) or age_class_named(clause)
    if age:
        return age, "the age class its clause names"
    age = age_class_named(s.text[s.start:c.figure.start])
    return (age, "the age class its sentence names before it") if age else None


def project_of_its_heading(c: Candidate):
    """A project's figure ("Le projet réunit six partenaires") belongs to the project or programme its
    heading names ("Name : what it does")."""
    if c.indicator not in lexicon().indicators_listed("project_indicators"):
        return None
    named = _project_of_the_heading(c)
    if named is None:
        return None
    name, heading = named
    kind = "program" if _PROGRAMME_WORDS.search(name) else "project"
    return f"{kind}:{strip_accents_keep_case(name)}", f"a project's figure under the heading '{heading[:60]}'"


def _project_of_the_heading(c: Candidate) -> tuple[str, str] | None:
    """(the project's name, the heading) when the candidate's nearest heading names a project."""
    for heading in c.sentence.ctx.headings[-1:]:
        name = project_name(heading)
        if name:
            return name, heading
    return None


# Money's programme and line apply to amounts, a group, sex or age class to people and rates: the two
# kinds never meet, so the order only matters within each.
SEGMENT_LABELLERS = [programme_of_its_money, group_or_sex_named_in_its_sentence, budget_line_named_after_it,
                     budget_of_a_named_project, total_of_a_whole_budget, age_class_of_its_clause, project_of_its_heading]


def strip_accents_keep_case(text: str) -> str:
    """Accents off, case kept, for free-text segment values.

    >>> strip_accents_keep_case("Emploi sans frontières")
    'Emploi sans frontieres'
    """
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
