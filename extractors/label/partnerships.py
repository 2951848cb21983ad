"""Partnerships: agreements, conventions, cooperation plans and projects, with their dates.

Matcher: sentences and headings that name an agreement ("convention",
"accord de coopération", "plan d'action", "samenwerkingsakkoord") or a signing
("signé", "ondertekend", "unterzeichnet"), and project period lines ("Duur:").
Throttler: a date pairs with the agreement in its own sentence (else the
sentence before, within the paragraph). Labeller: name, parties, signature,
period covered.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractors.annotate.areas import AREAS, find_areas
from extractors.annotate.bodies import find_bodies
from extractors.annotate.indicators import fold
from extractors.read.layout import clean_markup
from extractors.model import Fact, Mention, Partnership
from extractors.label.prose import strip_accents_keep_case
from extractors.lexicon import load_file
from extractors.annotate.periods import Period, find_day_without_year, find_months_without_year, find_periods
from extractors.label.partnership_dates import (SIGNED_RE, STARTED_RE, covered_span, end_after, governed_date,
                                                joined_periods, relative_day, stated_duration)

_DATA = load_file("agreements.yaml")
AGREEMENT_NOUNS = "|".join(sorted(_DATA["agreement_nouns"] + _DATA["agreement_compounds"], key=len, reverse=True))
_AGREEMENT_RE = re.compile(rf"\b(?:{AGREEMENT_NOUNS})\b", re.IGNORECASE)
_SIGNING_RE = re.compile(r"\b(?:" + "|".join(_DATA["signing_verbs"] + _DATA["approval_verbs"] + _DATA["start_verbs"])
                         + r")\b", re.IGNORECASE)
# Programmes and projects: recorded where named and dated (see `named_project`), or tied to a signature.
PROJECT_RE = re.compile(r"\b(?:" + "|".join(sorted(_DATA["project_nouns"], key=len, reverse=True)) + r")\b", re.I)
DRAFT_OF = re.compile(r"\s*(?:" + "|".join(_DATA["draft_of"]) + r")\s*(?:" + AGREEMENT_NOUNS + r")", re.I)
_KINDS = [(kind, re.compile("|".join(nouns), re.I)) for kind, nouns in _DATA["kinds"].items()]
_COMPLEMENTS = {fold(w) for w in _DATA["name_complements"]}
_DANGLING = {fold(w).strip() for w in _DATA["dangling_words"]}
_LINKERS = {fold(w).strip() for w in _DATA["name_linkers"]}
_DETERMINER_WORDS = {fold(w) for w in _DATA["determiners"] if w.isalpha()}
# "zusammen mit", "in samenwerking met": working together, not an agreement (its noun is no agreement's)
COOPERATION = re.compile(r"\b(?:" + "|".join(_DATA["cooperation_cues"]) + r")", re.I)
_PERSON_TITLE = re.compile(r"(?:" + "|".join(_DATA["person_titles"]) + r")(?!\w)", re.I)
# Public bodies that sign cross-border agreements; named as written by the documents.
ORGANISATIONS = list(_DATA["organisations"])
_ORG_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(o) for o in sorted(ORGANISATIONS, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE
)
# Where an agreement's name ends: punctuation, a linking word, a verb of signature, a date.
_NAME_END = re.compile(r"[,.;:()«»]|\s(?:" + "|".join(_DATA["name_ends"] + _DATA["signing_verbs"]) + r")\b"
                       + r"|(?-i:\s(?:" + "|".join(_DATA["auxiliaries"]) + r")\b)", re.IGNORECASE)
_CANONICAL_ORG = {fold(o): o for o in ORGANISATIONS}


def kind_of(noun: str) -> str:
    """What a record is, from the noun that names it.

    >>> kind_of("Absichtserklärung"), kind_of("convention de partenariat"), kind_of("Operationeel Programma")
    ('declaration_of_intent', 'convention', 'programme')
    """
    for kind, pattern in _KINDS:
        if pattern.search(noun):
            return kind
    return "agreement"


def kind_nouns(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """Nouns of agreements and of projects, less the drafts of an agreement ("projet de convention")."""
    end = len(text) if end is None else end
    nouns = list(_AGREEMENT_RE.finditer(text, start, end))
    nouns += [m for m in PROJECT_RE.finditer(text, start, end)
              if not DRAFT_OF.match(text, m.end()) and not any(n.start() <= m.start() < n.end() for n in nouns)]
    return sorted(nouns, key=lambda m: m.start())


def capitalised_before(text: str, start: int, floor: int) -> int:
    """Where a name begins that capitalised words extend before its noun ("Europese Kaderovereenkomst",
    "Operationeel Programma"), articles and the first word of a sentence left out.

    >>> t = "de op 17 mei 1985 gesloten Europese Overeenkomst"
    >>> t[capitalised_before(t, 36, 0):]
    'Europese Overeenkomst'
    """
    begin = start
    for m in reversed(list(re.finditer(r"\S+", text[floor:start]))):
        word = m.group(0)
        if not word[:1].isupper() or not word.isalpha() or fold(word) in _DETERMINER_WORDS:
            break
        before = text[max(floor, floor + m.start() - 2): floor + m.start()]
        if not before.strip() and (floor + m.start() == floor or "\n" in before):
            break  # the first word of the passage is capitalised whatever it is
        begin = floor + m.start()
    return begin


def quoted_name(text: str, start: int, reach: int = 12) -> tuple[int, int] | None:
    """The span of a quoted name that begins right after `start` ("le projet « X »", 'das Projekt „Y“').

    >>> t = 'het project "Grenzeloos Werken" gaat'
    >>> t[slice(*quoted_name(t, 11))]
    'Grenzeloos Werken'
    """
    for opening, closing in _DATA["quote_pairs"]:
        i = text.find(opening, start, start + reach)
        if i < 0 or text[start:i].strip(" :*"):
            continue
        j = text.find(closing, i + 1, i + 200)
        if j > i + 1:
            inner = text[i + 1:j]
            lead = len(inner) - len(inner.lstrip())
            return i + 1 + lead, j - (len(inner) - len(inner.rstrip()))
    return None


def named_project(text: str, noun: re.Match, end: int) -> str | None:
    """A project's or programme's own name after its noun: quoted, or capitalised words and codes
    ("le projet « Talents sans frontières »", "het programma Interreg VI", "das Projekt SmartGrid").

    >>> t = "het programma Interreg VI Vlaanderen-Nederland loopt"
    >>> named_project(t, PROJECT_RE.search(t), len(t))
    'Interreg VI Vlaanderen-Nederland'
    """
    quoted = quoted_name(text, noun.end())
    if quoted:
        return with_acronym(text, quoted[1], clean_markup(text[quoted[0]:quoted[1]]))
    words: list[str] = []
    last_end = noun.end()
    pending: list[str] = []  # linkers inside a name ("Interreg Europe du Nord-Ouest")
    for m in re.finditer(r"\S+", text[noun.end():end]):
        word = m.group(0).rstrip(",.;:)")
        if m.group(0).endswith(":"):
            return None  # "Projekt Aktuell: …": a label, not a name
        if words and fold(word).strip() in _LINKERS and len(pending) < 2:
            pending.append(word)
            continue
        if not word or not (word[:1].isupper() or word[:1].isdigit()) or len(words) >= 8:
            break
        words += pending + [word]
        pending = []
        last_end = noun.end() + m.start() + len(word)
        if word != m.group(0):
            break
    if not any(w[:1].isalpha() for w in words):
        return None  # "le programme 2021-2027": a period, not a name
    return with_acronym(text, last_end, " ".join(words))


_ACRONYM_AFTER = re.compile(r"[\s»”“\"'’›]*\(\s*([A-Z][\w\-]{1,15})\s*\)")  # after the closing quote too


def with_acronym(text: str, end: int, name: str) -> str:
    """A name with the acronym written right after it ("« Europe sans murs » (ESM)" -> "Europe sans murs (ESM)").

    >>> with_acronym("le projet Europe sans murs (ESM) a", 26, "Europe sans murs")
    'Europe sans murs (ESM)'
    """
    m = _ACRONYM_AFTER.match(text, end)
    return f"{name} ({m.group(1)})" if m and m.group(1) not in name else name


def mentions_agreement(text: str) -> bool:
    """Whether a passage may state an agreement (cheap test before the costly ones).

    >>> mentions_agreement("Ils ont signé une convention."), mentions_agreement("Le taux atteint 9 %.")
    (True, False)
    """
    return bool(_AGREEMENT_RE.search(text) or _SIGNING_RE.search(text))


def may_state_partnership(text: str) -> bool:
    """Whether a passage may state an agreement, or a project's launch or period.

    >>> may_state_partnership("Het project Grensloos loopt tot 2027."), may_state_partnership("De werkloosheid daalt.")
    (True, False)
    """
    return mentions_agreement(text) or bool(PROJECT_RE.search(text))


def is_agreement_name(heading: str | None) -> bool:
    """A heading that is itself the name of an agreement ("CPRDFOP 2022-2028 (SIGNÉ ...)").

    >>> is_agreement_name("Convention Région Hauts-de-France – APEC"), is_agreement_name("Une coopération basée sur")
    (True, False)
    """
    if not heading or not _AGREEMENT_RE.match(heading.strip()):
        return False
    # A name carries what identifies it: its period, a signature, or its parties.
    return bool(find_periods(heading) or find_areas(heading) or _ORG_RE.search(heading) or _SIGNING_RE.search(heading))
_REGION_PREFIX = re.compile(r"(?:la\s+|l['’]\s*)?(?P<prefix>" + "|".join(_DATA["party_prefixes"]) + r")\s+$", re.IGNORECASE)


@dataclass
class Passage:
    """A sentence or heading, with the heading of its section."""

    start: int
    end: int
    heading: str | None  # the section's heading text
    is_heading: bool = False


def agreement_name(text: str, language: str = "fr") -> str | None:
    """The agreement a sentence names: its noun and the words that qualify it.

    >>> agreement_name("la signature d'un plan d'action transfrontalier structurant, visant à")
    "plan d'action transfrontalier structurant"
    >>> agreement_name("signer un nouvel accord de coopération et le développement")
    'accord de coopération'
    >>> agreement_name("Das Abkommen sichert Plätze", "de"), agreement_name("eine Absichtserklärung über die Pflege unterzeichnet", "de")
    ('Abkommen', 'Absichtserklärung über die Pflege')
    """
    m = _AGREEMENT_RE.search(text)
    if not m:
        return None
    begin = capitalised_before(text, m.start(), 0)
    rest = text[m.end() :]
    if language in ("de", "nl"):
        # A German or Dutch name goes on only through a complement ("Abkommen über …", "Overeenkomst inzake …").
        return (text[begin:m.end()] + _complement(rest)).strip()
    stop = _NAME_END.search(rest)
    tail = rest[: stop.start()] if stop else rest[:60]
    words = tail.split()[:4]
    while words and fold(words[-1]).strip() in _DANGLING:
        words.pop()
    return (text[begin:m.end()] + (" " + " ".join(words) if words else "")).strip()


# (a comma that lists the parties goes on: "tussen het Koninkrijk X, de Bondsrepubliek Y en …")
# (auxiliaries in lower case only: "Region Grand Est" is no "est")
_CLAUSE_END = re.compile(r",(?!\s+(?:" + "|".join(_DATA["determiners"]) + r")?\s*[A-ZÄÖÜÉ])|[;:()«»]|\n\s*\n|\.(?:\s|$)|\s(?:"
                         + "|".join(_DATA["signing_verbs"] + _DATA["approval_verbs"] + _DATA["start_verbs"])
                         + r")\b|(?-i:\s(?:" + "|".join(_DATA["auxiliaries"]) + r")\b)|\s(?:"
                         + "|".join(e for e in _DATA["name_ends"] if e.endswith("\\d")) + ")", re.I)


def _complement(rest: str, most_words: int = 30) -> str:
    """The complement that continues a name after its noun, when a preposition opens it."""
    words = rest.split(None, 1)
    if not words or fold(words[0]).strip(" ,.") not in _COMPLEMENTS:
        return ""
    stop = _CLAUSE_END.search(rest)
    tail = rest[: stop.start()] if stop else rest
    return " " + " ".join(tail.split()[:most_words])


def parties_in(text: str, organisations: list[str]) -> list[str]:
    """Parties as written: areas (with "Région"/"Union" before them), known bodies, ORG entities.

    >>> parties_in("la Région Hauts-de-France et l'Union Benelux ont signé", [])
    ['Région Hauts-de-France', 'Union Benelux']
    """
    found: list[tuple[int, str]] = []
    for area in find_areas(text):
        if AREAS[area.code][0] in ("programme_area",):
            continue
        if _SIGNING_PLACE.search(text, max(0, area.start - 6), area.start):
            continue  # "signé à Lille", "in Berlin unterzeichnet": where it was signed, not who signed
        name = area.name
        prefix = _REGION_PREFIX.search(text[max(0, area.start - 12) : area.start])
        if prefix and not name.lower().startswith(("union", "région")):
            name = f"{prefix.group('prefix').lstrip('l’').lstrip(chr(39))} {name}"
        found.append((area.start, name))
    for m in _ORG_RE.finditer(text):
        written = m.group(0)
        found.append((m.start(), written if not written.isupper() or len(written) <= 5 else _CANONICAL_ORG.get(fold(written), written)))
    for org in organisations:
        i = text.find(org)
        # spaCy's ORG entities, less the capitalised words it takes for names ("SIGNÉ"), codes with digits
        # and people named by their title ("le Vice-président de la Région": the Région is the party)
        if (i >= 0 and not org.isupper() and not re.search(r"\d", org) and len(org) > 2
                and not _PERSON_TITLE.match(org) and not _SIGNING_PLACE.search(text, max(0, i - 6), i)):
            found.append((i, org))
    for body in find_bodies(text):
        if not _SIGNING_PLACE.search(text, max(0, body.start - 6), body.start):
            found.append((body.start, body.text))
    found.sort(key=lambda f: (f[0], -len(f[1])))  # at one place, the fullest name first
    out: list[str] = []
    for _, name in found:
        key = fold(name)
        if any(key in fold(o) or fold(o) in key for o in out):
            continue
        out.append(name)
    return out


def date_precision(period: Period) -> str:
    return {"day": "day", "month": "month"}.get(period.precision, "year")


SINCE_WORDS = "|".join(_DATA["since_words"])
_SINCE = re.compile(rf"\b(?:{SINCE_WORDS})\b", re.IGNORECASE)
_SINCE_YEAR = re.compile(rf"\b(?:{SINCE_WORDS})\s+(?:19|20)\d\d", re.IGNORECASE)
_DATE_LEAD = re.compile(rf"(?:{SINCE_WORDS}|" + "|".join(_DATA["date_leads"]) + r")\s*$", re.IGNORECASE)
_PERIOD_WORDS = re.compile(r"\b(?:" + "|".join(_DATA["period_words"]) + r")\b", re.IGNORECASE)
_SIGNATURE_NOTE = re.compile(r"\((?:" + "|".join(_DATA["signature_note_stems"]) + r")[^)]*\)", re.IGNORECASE)


def signature_period(text: str, s: int, e: int, signing: re.Match | None, periods: list[Period],
                     previous_sentence: tuple[int, int] | None, published_on: dt.date | None, language: str) -> Period | None:
    """When the agreement was signed: the date after the signing word (else before it),
    a date introduced by "depuis/en/le", else a day stated in the sentence before.

    >>> t = "La convention a été signée le 4 mai 2021."
    >>> signature_period(t, 0, len(t), _SIGNING_RE.search(t), find_periods(t), None, None, "fr").label()
    '2021-05-04'
    """
    sentence = text[s:e]
    dated = [p for p in periods if p.precision in ("day", "month", "year")]
    if signing:
        after = [p for p in dated if p.char_start >= s + signing.start()]
        before = [p for p in dated if p.char_end <= s + signing.start()]
        if after or before:
            return after[0] if after else before[-1]
    if signing or _SINCE.search(sentence):
        led = [p for p in dated if _DATE_LEAD.search(text[max(s, p.char_start - 8) : p.char_start])]
        if led:
            return led[0]
    if signing and previous_sentence:
        # "Armin Laschet a reçu X ce vendredi 9 juillet 2021. Cette visite a été l'occasion de signer ..."
        days = [p for p in find_periods(text, language, *previous_sentence) if p.precision == "day"]
        if days:
            return days[-1]
        return find_day_without_year(text[previous_sentence[0] : previous_sentence[1]], published_on, language)
    return None


def _without_signature_note(text: str) -> str:
    """A heading without its "(signé le ...)" note.

    >>> _without_signature_note("CPRDFOP 2022-2028 (SIGNÉ LE 10 FEVRIER 2023)")
    'CPRDFOP 2022-2028'
    """
    return clean_markup(_SIGNATURE_NOTE.sub("", text)).strip(" .")


# "la convention", "het akkoord", "die Vereinbarung": an agreement named as a thing, not an abstract noun.
_DETERMINER_BEFORE = re.compile(r"(?:^|\s)(?:" + "|".join(_DATA["determiners"]) + r")\s*(?:\w+\s+)?$", re.IGNORECASE)
_SIGNING_PLACE = re.compile(r"(?:^|\s)(?:" + "|".join(_DATA["signing_place_prepositions"]) + r")\s+$", re.IGNORECASE)
_NAME_STOP = re.compile("|".join(_DATA["name_stops"]) + r"|(?-i:\s(?:" + "|".join(_DATA["auxiliaries"]) + r")\s)"
                        # its verb of signature or approval ("…, goedgekeurd bij beschikking"), a clause glued on
                        + r"|,?\s(?:" + "|".join(_DATA["signing_verbs"] + _DATA["approval_verbs"]) + r")\b|,(?=[^\s\d])"
                        # a date begins the predicate ("l'accord le 15 février", "das Abkommen vom 22. Juli")
                        + r"|\s(?:" + "|".join(e for e in _DATA["name_ends"] if e.endswith("\\d")) + ")",
                        re.IGNORECASE)
_SIGNED = SIGNED_RE
_DAY_DATE_REACH = 160  # how far a signature date may stand from the agreement it dates, in characters
_LONGEST_NAME_WORDS = 40
_NAME_REACH = 250  # how long an agreement's name may run before the verb that dates it


def dated_agreements(text: str, s: int, e: int, language: str, organisations: list[str], page_of) -> list[Partnership]:
    """Every agreement a sentence names with its own signature or conclusion date: "de op 2 maart 1999
    te Namen gesloten Overeenkomst inzake …", "das Abkommen …, am 4. Mai 2010 unterzeichnet".
    A date pairs with the agreement noun it is tied to by a verb of signature, with no other agreement
    noun in between.

    >>> t = "de op 16 oktober 1984 tot stand gekomen Overeenkomst tussen A, met bijlage, of de op 14 juni 1996 gesloten Overeenkomst inzake B."
    >>> [(p.name, p.signed_on.isoformat()) for p in dated_agreements(t, 0, len(t), "nl", [], lambda _: None)]
    [('Overeenkomst tussen A', '1984-10-16'), ('Overeenkomst inzake B', '1996-06-14')]
    """
    dated = [p for p in find_periods(text, language, s, e) if p.precision in ("day", "month", "year")]
    days = [p for p in dated if p.precision == "day"]
    nouns = [m for m in kind_nouns(text, s, e)
             if m.group(0)[0].isupper() or _DETERMINER_BEFORE.search(text, max(s, m.start() - 24), m.start())]
    out = []
    for noun in nouns:
        others = [n for n in nouns if n is not noun]

        def free(a: int, b: int) -> bool:
            return b - a <= _DAY_DATE_REACH and not any(a <= o.start() < b for o in others)

        def signed(a: int, b: int) -> bool:
            return bool(_SIGNED.search(text, a, b))

        def approved_far(a: int, b: int) -> bool:
            # "het programma X en de daaraan gekoppelde …, goedgekeurd bij beschikking … van 3 maart 2005":
            # a long name, then its verb, then the date the verb governs.
            verbs = list(_SIGNED.finditer(text, a, b))
            return (bool(verbs) and verbs[-1].start() - a <= _NAME_REACH and b - verbs[-1].end() <= _DAY_DATE_REACH
                    and not any(a <= o.start() < b for o in others))

        # "op 16 oktober 1984 … tot stand gekomen Overeenkomst": the verb between the date and the noun.
        before = [d for d in days if d.char_end <= noun.start() and free(d.char_end, noun.start())
                  and signed(d.char_end, noun.start())]
        # "l'accord signé le 4 mai", "la signature de l'accord le 15 février", "das Abkommen wurde am
        # 30. September 2009 … unterzeichnet": the verb between, just before the noun, or closing the clause.
        next_noun = min([o.start() - 30 for o in others if o.start() > noun.end()], default=e)
        after = [d for d in days if d.char_start >= noun.end() and (
                 approved_far(noun.end(), d.char_start) or free(noun.end(), d.char_start)
                 and (signed(noun.end(), d.char_start) or signed(max(s, noun.start() - 30), noun.start())
                      # (a verb just before the next agreement noun is that one's: "la signature de l'accord")
                      or signed(d.char_end, min(e, d.char_end + 60, next_noun))))]
        gaps = [(noun.start() - d.char_end, d) for d in before[-1:]] + [(d.char_start - noun.end(), d)
                                                                          for d in after[:1]]
        # A verb and date right beside the noun first ("in 2016 een intentieverklaring hadden ondertekend, sloten
        # … op 20 maart 2024 een overeenkomst": 2016 is the first one's), then the looser readings.
        date = _tightly_dated(text, noun, dated, others, s) or (min(gaps, key=lambda g: g[0])[1] if gaps else None)
        if date is None:
            continue
        stop = _NAME_STOP.search(text, noun.end(), min(e, noun.end() + 300))
        begin = capitalised_before(text, noun.start(), s)
        name = clean_markup(text[begin: stop.start() if stop else min(e, noun.end() + 300)]).strip(" ,.")
        out.append(Partnership(name=name[:300], parties=parties_in(name, organisations), signed_on=date.start,
                               signed_precision=date_precision(date), starts_on=None, ends_on=None,
                               snippet=clean_markup(text[s:e])[:500], char_start=noun.start(), char_end=noun.end(),
                               page=page_of(noun.start()), kind=kind_of(noun.group(0))))
    if len(out) > 1:
        _parties_by_clause(out, text, s, e, organisations)
    return out


_TIGHT = 40  # how close a verb and a year or month must stand for the one to date the other


def _tightly_dated(text: str, noun: re.Match, dated: list[Period], others: list[re.Match], s: int) -> Period | None:
    """A date of any precision that a verb of signature ties closely to its agreement: "une première
    convention signée en 2015", "hatten 2014 eine Absichtserklärung unterzeichnet", "ont conclu le
    9 septembre 2021 un accord-cadre" (an earlier agreement recalled beside a new one)."""
    def clear(a: int, b: int) -> bool:
        return not any(a <= o.start() < b for o in others)

    verb_after = _SIGNED.search(text, noun.end(), noun.end() + _TIGHT)
    if verb_after and clear(noun.end(), verb_after.start()):
        after = [d for d in dated if 0 <= d.char_start - verb_after.end() <= 15
                 and not re.search(r"[;.]", text[verb_after.end():d.char_start])]
        before = [d for d in dated if 0 <= noun.start() - d.char_end <= 30 and clear(d.char_end, noun.start())]
        if after or before:
            return after[0] if after else before[-1]
    for d in reversed([d for d in dated if 0 <= noun.start() - d.char_end <= 30 and clear(d.char_end, noun.start())]):
        verbs = list(_SIGNED.finditer(text, max(s, d.char_start - 2 * _TIGHT), d.char_start))
        if verbs and clear(verbs[-1].end(), noun.start()):
            return d
    return None


def _parties_by_clause(records: list[Partnership], text: str, s: int, e: int, organisations: list[str]) -> None:
    """Several agreements in one sentence: each takes the parties of its own clause (up to a semicolon or
    the next agreement), beside those its name holds."""
    records.sort(key=lambda p: p.char_start)
    for i, p in enumerate(records):
        lo = records[i - 1].char_end if i else s
        hi = records[i + 1].char_start if i + 1 < len(records) else e
        lo = max(lo, text.rfind(";", lo, p.char_start) + 1)
        semicolon = text.find(";", p.char_end, hi)
        hi = semicolon if semicolon >= 0 else hi
        known = {fold(x) for x in p.parties}
        p.parties = p.parties + [x for x in parties_in(text[lo:hi], organisations) if fold(x) not in known]


def partnerships_in_passage(text: str, passage: Passage, previous_sentence: tuple[int, int] | None,
                            published_on: dt.date | None, language: str, organisations: list[str],
                            page_of) -> list[Partnership]:
    """The agreements one sentence or heading states, if it names them and a date for them."""
    s, e = passage.start, passage.end
    several = dated_agreements(text, s, e, language, organisations, page_of)
    if len(several) > 1:
        return several
    one = _partnership_in_passage(text, passage, previous_sentence, published_on, language, organisations, page_of)
    if one and several:
        # A date tied to its agreement by a verb of signature is the signature date, whatever else the
        # sentence dates ("a démarré le 1er mars 2021 après la signature de l'accord le 15 février 2021").
        dated = several[0]
        one.signed_on, one.signed_precision = dated.signed_on, dated.signed_precision
        if fold(dated.name.split()[0]) not in fold(one.name):
            one.name = dated.name
    return [one] if one else several


def _partnership_in_passage(text: str, passage: Passage, previous_sentence: tuple[int, int] | None,
                            published_on: dt.date | None, language: str, organisations: list[str],
                            page_of) -> Partnership | None:
    s, e = passage.start, passage.end
    sentence = text[s:e]
    if _only_in_cooperation_phrases(sentence):
        return None
    signing = SIGNED_RE.search(sentence)
    starting = STARTED_RE.search(sentence)
    under_agreement_heading = is_agreement_name(passage.heading) and not passage.is_heading
    project = None if _AGREEMENT_RE.search(sentence) else _named_project_in(text, s, e)
    if not _AGREEMENT_RE.search(sentence) and not project and not ((signing or starting) and under_agreement_heading):
        return None  # "Signé le 8 février 2019 par ..." under the agreement's heading speaks of it
    if not (signing or starting) and not _PERIOD_WORDS.search(sentence) and not passage.is_heading:
        return None  # an agreement merely mentioned, neither signed nor in force over a period
    periods = joined_periods(text, find_periods(text, language, s, e))
    started = governed_date(s + starting.start(), s + starting.end(), periods, end=e) if starting else None
    signed = signature_period(text, s, e, signing, [p for p in periods if p is not started], previous_sentence,
                              published_on, language)
    if signing and signed is None:
        # "haben heute … unterzeichnet", "signée en mars" (the last March up to the publication)
        months = find_months_without_year(text, published_on, s, e)
        signed = relative_day(text, s, e, published_on) or (months[0] if months else None)
    if signed is not None and started is not None and signed.start == started.start and not signing:
        signed = None
    span = covered_span(periods, [signed, started])
    starts_on = started.start if started else span.start if span else None
    ends_on = span.end if span else None
    duration = stated_duration(text, s, e, language)
    if starts_on and not ends_on and duration:
        ends_on = end_after(starts_on, duration.months)  # "lancé le 1er octobre 2016 pour quatre ans"
    if signed is None and starts_on is None:
        return None
    if project and not (started or span):
        return None  # a project is a record when it runs over a stated time, not when merely named
    if _SINCE_YEAR.search(sentence) and signed and starts_on is None:
        starts_on = signed.start  # "coopération ... depuis 2008": in force since its signature
    if under_agreement_heading:
        name = _without_signature_note(passage.heading)
        heading_parties = parties_in(passage.heading, organisations)
        known = {fold(p) for p in heading_parties}
        parties = heading_parties + [p for p in parties_in(sentence, organisations) if fold(p) not in known]
    else:
        name = (project[1] if project else _without_signature_note(sentence) if passage.is_heading
                else (agreement_name(sentence, language) or _without_signature_note(sentence)))
        # (a programme's own name is not its party: "Interreg" in "le programme Interreg …")
        parties = [p for p in parties_in(sentence, organisations) if not (project and fold(p) in fold(name))]
    noun = project[0] if project else (_AGREEMENT_RE.search(name) or _AGREEMENT_RE.search(sentence))
    return Partnership(
        name=name[:200].rstrip(" ,;:"),
        parties=parties,
        signed_on=signed.start if signed else None,
        signed_precision=date_precision(signed) if signed else None,
        starts_on=starts_on,
        ends_on=ends_on,
        snippet=clean_markup(sentence)[:500],
        char_start=s,
        char_end=e,
        page=page_of(s),
        kind=kind_of(noun if isinstance(noun, str) else noun.group(0) if noun else name),
        duration=duration,
    )


def _only_in_cooperation_phrases(sentence: str) -> bool:
    """Every agreement noun of the sentence is part of a phrase of cooperation ("in samenwerking met")."""
    nouns = list(_AGREEMENT_RE.finditer(sentence))
    phrases = [m.span() for m in COOPERATION.finditer(sentence)]
    return bool(nouns) and all(any(a <= n.start() < b for a, b in phrases) for n in nouns)


def _named_project_in(text: str, s: int, e: int) -> tuple[str, str] | None:
    """The first project or programme a sentence names: (its noun as written, its name)."""
    for noun in PROJECT_RE.finditer(text, s, e):
        if DRAFT_OF.match(text, noun.end()):
            continue
        name = named_project(text, noun, e)
        if name:
            return noun.group(0), name
    return None


def merge_by_section(partnerships: list[tuple[str | None, Partnership]]) -> list[Partnership]:
    """One partnership per agreement heading: sentences under a heading that names an
    agreement complete it (a signature date, parties) rather than add a new one."""
    merged: dict[str, Partnership] = {}
    out: list[Partnership] = []
    for section, p in partnerships:
        if section is None:
            out.append(p)
            continue
        first = merged.get(section)
        if first is None:
            merged[section] = p
            out.append(p)
            continue
        complete(first, p)
    return out


def complete(first: Partnership, other: Partnership) -> None:
    """What a second mention of one agreement adds to the first: the dates the first lacks (the signature
    with its precision), its duration and the parties it did not name."""
    if not first.signed_on:
        first.signed_on, first.signed_precision = other.signed_on, other.signed_precision
    first.starts_on = first.starts_on or other.starts_on
    first.ends_on = first.ends_on or other.ends_on
    first.duration = first.duration or other.duration
    known = {fold(x) for x in first.parties}
    first.parties = first.parties + [x for x in other.parties if fold(x) not in known]


def _same_event(a: Partnership, b: Partnership) -> bool:
    """Two mentions of one agreement: the same kind and the same day of signature, or the same name,
    and no date that differs."""
    if a.kind != b.kind:
        return False
    for x, y in ((a.signed_on, b.signed_on), (a.starts_on, b.starts_on), (a.ends_on, b.ends_on)):
        if x and y and x != y:
            return False
    same_day = a.signed_on is not None and a.signed_on == b.signed_on and "day" == a.signed_precision == b.signed_precision
    name_a, name_b = fold(a.name), fold(b.name)
    return same_day or name_a.startswith(name_b) or name_b.startswith(name_a)


def _name_rank(p: Partnership) -> tuple[int, int]:
    """The better of two names of one agreement: more words (its complement), then more characters; a run
    longer than any name (a clause) last."""
    words = len(p.name.split())
    return (words if words <= _LONGEST_NAME_WORDS else 0, len(p.name))


def merge_mentions(partnerships: list[Partnership]) -> list[Partnership]:
    """One record per agreement: the mentions of one event complete each other (dates by role, parties)
    and keep the fullest name.

    >>> a = Partnership("Absichtserklärung", [], dt.date(2024, 5, 2), "day", None, None, "", 0, 1, kind="agreement")
    >>> b = Partnership("Absichtserklärung über die Pflege", ["Land Hessen"], dt.date(2024, 5, 2), "day",
    ...                 None, None, "", 5, 9, kind="agreement")
    >>> [(p.name, p.parties) for p in merge_mentions([a, b])]
    [('Absichtserklärung über die Pflege', ['Land Hessen'])]
    """
    out: list[Partnership] = []
    for p in partnerships:
        first = next((q for q in out if _same_event(q, p)), None)
        if first is None:
            out.append(p)
            continue
        if _name_rank(p) > _name_rank(first):
            first.name = p.name
        complete(first, p)
    return out


def period_from_next_sentences(partnerships: list[Partnership], text: str, sentences: list[tuple[int, int]],
                               language: str) -> None:
    """An agreement with no period takes the span the sentence before or after it states, when that
    sentence names no agreement of its own ("Ab Mai 2024 bis Ende 2026 wird die Plattform erprobt. Dafür
    wurde heute eine Absichtserklärung unterzeichnet.")."""
    for p in partnerships:
        if p.starts_on or p.ends_on:
            continue
        here = next((i for i, (s, e) in enumerate(sentences) if s <= p.char_start < e), None)
        if here is None:
            continue
        for i in (here - 1, here + 1):
            if not 0 <= i < len(sentences) or kind_nouns(text, *sentences[i]):
                continue
            span = covered_span(joined_periods(text, find_periods(text, language, *sentences[i])), [])
            if span is not None and span.start >= (p.signed_on or span.start):
                p.starts_on, p.ends_on = span.start, span.end
                break


def duration_facts(partnerships: list[Partnership], facts: list, text: str, page_of) -> list:
    """A stated duration ("lancé … pour quatre ans", "Laufzeit: 3 Jahre") as a `duration_years` fact of
    its project, unless the prose reader already made one of that figure."""
    taken = [(f.mention.char_start, f.mention.char_end) for f in facts if f.indicator == "duration_years"]
    out = []
    for p in partnerships:
        d = p.duration
        if d is None or any(s < d.char_end and d.char_start < e for s, e in taken):
            continue
        kind = "program" if p.kind == "programme" else "project"
        out.append(Fact(
            indicator="duration_years", area=None, segment=f"{kind}:{strip_accents_keep_case(p.name)}",
            period_start=p.starts_on, period_end=p.ends_on, value=d.years, unit="years", qualifier=None,
            mention=Mention(d.char_start, d.char_end, p.snippet, "prose", page_of(d.char_start)),
            reason=f"indicator: duration stated for the {p.kind or 'agreement'} '{p.name}' → duration_years",
            confidence=0.9,
        ))
        taken.append((d.char_start, d.char_end))
    return out
