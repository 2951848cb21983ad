"""Projects and programmes as project pages describe them: `Key: value` sheets and phases.

Matcher: lines "Key: value" whose key the lexicon knows (Looptijd, Partenaires, Laufzeit, Projektträger, …),
and phase nouns followed by a span ("troisième phase (2025-2027)", "die zweite Projektphase ab 2022 bis
2025"). Labeller: one record per sheet and per phase, named from the sheet's name line, the project the
page names ("le projet « X »"), its heading or its title; parties from the sheet's partner line, the bodies
that carry the project, else the bodies the page names.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from extractors.annotate.bodies import PROPER_NAME, find_bodies
from extractors.annotate.indicators import fold
from extractors.annotate.periods import Period, find_periods
from extractors.label.partnership_dates import (
    STARTED_RE,
    covered_span,
    end_after,
    governed_date,
    joined_periods,
    stated_duration,
)
from extractors.label.partnerships import COOPERATION as _COOPERATION
from extractors.label.partnerships import DRAFT_OF, PROJECT_RE, date_precision, kind_of, named_project, parties_in
from extractors.lexicon import load_file
from extractors.model import Partnership
from extractors.read.layout import clean_markup

_DATA = load_file("agreements.yaml")
# (at the start of a line: an indented "key: value" is nested data, a front matter's, not a sheet's line)
_KEY_LINE = re.compile(r"(?m)^(?:[-•*]\s*)?(?:\*\*)?(?P<key>[^:\s][^:\n]{1,39}?)(?:\*\*)?[ \t]*:(?:\*\*)?[ \t]*"
                       r"(?P<value>[^\n]*\S)[ \t]*$")
_SHEET_KEYS = [(role, re.compile(r"(?:" + "|".join(words) + r")", re.I)) for role, words in _DATA["sheet_keys"].items()]
_PARTY_SEPARATORS = re.compile("|".join(_DATA["party_separators"]), re.I)
_CARRIERS = re.compile(r"(?is)(?:" + "|".join(_DATA["carrier_phrases"]) + r")([^\n]{0,300})")
_PROGRAMME = re.compile(r"(?i)\b(?:" + "|".join(_DATA["programme_families"]) + r")\b[^\n,.;:()]{0,40}")
_PHASE = re.compile(r"\b(?:" + "|".join(_DATA["phase_nouns"]) + r")\b", re.I)
# A phase is one of a series: an ordinal before it ("seconde phase") or a number after it ("Phase 2", "fase II").
_ORDINAL_BEFORE = re.compile(r"\b(?:" + "|".join(_DATA["phase_ordinals"]) + r")\s+$", re.I)
_NUMBER_AFTER = re.compile(r"\s+(?:\d{1,2}|[IVX]{1,4})\b")
_SINCE_YEAR_FIRST = re.compile(r"\W*(?:" + "|".join(_DATA["since_words"]) + r")\s+((?:19|20)\d\d)\b", re.I)
_DATED_KEYS = ("period", "starts", "ends", "signed")
_SHEET_GAP = 400  # characters of other lines a sheet's lines may have between them


@dataclass
class Sheet:
    """Consecutive `Key: value` lines of one project, by role."""

    start: int
    end: int
    values: dict[str, tuple[int, int]] = field(default_factory=dict)  # role -> span of the value


def _role(key: str) -> str | None:
    key = clean_markup(key).strip()
    for role, pattern in _SHEET_KEYS:
        if pattern.fullmatch(key):
            return role
    return None


def sheets(text: str) -> list[Sheet]:
    """`Key: value` runs that describe a project: a dated line, or a name with its partners.

    >>> t = "Titre : Ponts\\nPartenaires : Ville A, Ville B\\nDurée : 2020-2023\\n"
    >>> [(s.values.keys()) for s in sheets(t)]
    [dict_keys(['name', 'parties', 'period'])]
    """
    out: list[Sheet] = []
    current: Sheet | None = None
    for m in _KEY_LINE.finditer(text):
        role = _role(m.group("key"))
        if role is None:
            continue
        if current is None or m.start() - current.end > _SHEET_GAP or role in current.values:
            current = Sheet(m.start(), m.end())
            out.append(current)
        current.values[role] = m.span("value")
        current.end = m.end()
    return [s for s in out if any(k in s.values for k in _DATED_KEYS) or {"name", "parties"} <= set(s.values)]


def _value(text: str, sheet: Sheet, role: str) -> str | None:
    span = sheet.values.get(role)
    return clean_markup(text[span[0]:span[1]]) if span else None


def _first_date(text: str, sheet: Sheet, role: str, language: str) -> Period | None:
    span = sheet.values.get(role)
    if not span:
        return None
    periods = [p for p in find_periods(text, language, *span) if p.precision in ("day", "month", "year")]
    return periods[0] if periods else None


def sheet_partnerships(text: str, title: str | None, headings_at, language: str, page_of) -> list[Partnership]:
    """One project per sheet: "Looptijd: 01/10/2016 – 31/12/2021", "Partenaires : A, B", "Laufzeit: 3 Jahre"."""
    out = []
    for sheet in sheets(text):
        record = _sheet_record(text, sheet, _sheet_name(text, sheet, title, headings_at(sheet.start), language), language,
                               page_of)
        if record is not None:
            out.append(record)
    return out


def table_partnerships(text: str, table, language: str, page_of) -> list[Partnership]:
    """One project per row of a table of projects: a header naming the project column and a dated one
    ("Projet | Partenaires | Période", "Project | Partners | Looptijd", "Projekt | Träger | Laufzeit")."""
    if len(table.rows) < 2:
        return []
    roles = [_role(cell.clean) for cell in table.rows[0]]
    if "name" not in roles or not any(r in _DATED_KEYS for r in roles):
        return []
    out = []
    for row in table.rows[1:]:
        sheet = Sheet(row[0].start, row[-1].end,
                      {role: (cell.start, cell.end) for role, cell in zip(roles, row) if role and cell.clean})
        name = _value(text, sheet, "name")
        record = _sheet_record(text, sheet, name, language, page_of) if name else None
        if record is not None:
            out.append(record)
    return out


def _sheet_record(text: str, sheet: Sheet, name: str, language: str, page_of) -> Partnership | None:
    """The project a sheet (or a row of a table of projects) describes, with its dates by role."""
    span = sheet.values.get("period")
    period = covered_span(joined_periods(text, find_periods(text, language, *span)), []) if span else None
    started = _first_date(text, sheet, "starts", language)
    ended = _first_date(text, sheet, "ends", language)
    signed = _first_date(text, sheet, "signed", language)
    starts_on = started.start if started else period.start if period else None
    ends_on = ended.end if ended else period.end if period else None
    duration = stated_duration(text, *span, language) if span else None
    if duration is None and span:
        duration = _bare_duration(text, span, language)
    if starts_on and not ends_on and duration:
        ends_on = end_after(starts_on, duration.months)
    if not (starts_on or ends_on or signed or {"name", "parties"} <= set(sheet.values)):
        return None
    return Partnership(
        name=name[:200], parties=_sheet_parties(text, sheet),
        signed_on=signed.start if signed else None,
        signed_precision=date_precision(signed) if signed else None,
        starts_on=starts_on, ends_on=ends_on,
        snippet=clean_markup(text[sheet.start:sheet.end])[:500],
        char_start=sheet.start, char_end=sheet.end, page=page_of(sheet.start),
        kind="programme" if _value(text, sheet, "name") and kind_of(_value(text, sheet, "name")) == "programme"
        else "project",
        duration=duration,
    )


def _bare_duration(text: str, span: tuple[int, int], language: str):
    """"Durée : 4 ans": a sheet's period line may state only the duration, with no phrase before it."""
    return stated_duration(text, span[0], span[1], language, after_phrase=False)


def _sheet_name(text: str, sheet: Sheet, title: str | None, headings: list[str], language: str) -> str:
    """The sheet's name line, else the heading above it, else the page's title; with its programme."""
    # A heading that states a date ("Projektbeginn / 01. November 2022") is a line of the sheet, not its name.
    named = [clean_markup(h) for h in headings if not find_periods(h, language)]
    name = _value(text, sheet, "name") or (named[-1] if named else None) or title or "project"
    programme = _value(text, sheet, "programme")
    if not programme:
        found = _PROGRAMME.search(text)
        programme = found.group(0).strip() if found else None
    if programme and fold(programme) not in fold(name):
        name = f"{name} ({programme})"
    return name


def _sheet_parties(text: str, sheet: Sheet) -> list[str]:
    """The partner line split at its separators, as written; else the bodies said to carry the project;
    else those the page names."""
    value = _value(text, sheet, "parties")
    if value:
        return [p.strip(" .") for p in _PARTY_SEPARATORS.split(value) if p.strip(" .")]
    carriers = _CARRIERS.search(text)
    parties = parties_in(carriers.group(1), []) if carriers else []
    return parties or parties_in(text, [])[:6]


def document_project(text: str, title: str | None) -> str | None:
    """The project a page is about: the first project noun with a quoted or capitalised name
    ("le projet « X »", "het project Y"), else None.

    >>> document_project("Le projet « Ponts et rivières » relie deux villes.", None)
    'Ponts et rivières'
    """
    for noun in PROJECT_RE.finditer(text):
        if DRAFT_OF.match(text, noun.end()):
            continue
        end = text.find("\n", noun.end())
        name = named_project(text, noun, len(text) if end < 0 else end)
        if name and not name.endswith(":"):
            return name
    return None


def phase_partnerships(text: str, paragraphs: list, title: str | None, language: str, page_of) -> list[Partnership]:
    """One record per phase a project page dates: "au terme d'une première phase (2016-2019)", "die dritte
    Förderphase (2025 bis 2028)". Only where the paragraph names the project."""
    project = document_project(text, title)
    parties: list[str] = []
    out = []
    for block in paragraphs:
        periods = joined_periods(text, find_periods(text, language, block.start, block.end))
        noun = PROJECT_RE.search(text, block.start, block.end)
        if noun is None:
            continue  # a phase of what? The paragraph names no project.
        phases = [m for m in _PHASE.finditer(text, block.start, block.end)
                  if _ORDINAL_BEFORE.search(text, max(block.start, m.start() - 20), m.start())
                  or _NUMBER_AFTER.match(text, m.end())]
        for i, phase in enumerate(phases):
            limit = min(phases[i + 1].start() if i + 1 < len(phases) else block.end, phase.end() + 60)
            span = covered_span([p for p in periods if phase.end() <= p.char_start < limit], [])
            if span is None:
                continue
            label = _phase_label(text, phase, block.start)
            name = project or noun.group(0)
            if not parties:
                parties = _page_bodies(text)
            out.append(Partnership(
                name=f"{name}, {label}"[:200], parties=list(parties), signed_on=None, signed_precision=None,
                starts_on=span.start, ends_on=span.end, snippet=clean_markup(text[block.start:block.end])[:500],
                char_start=phase.start(), char_end=span.char_end, page=page_of(phase.start()), kind="project"))
    return out


def _phase_label(text: str, phase: re.Match, floor: int) -> str:
    """The phase as written with the word that orders it ("seconde phase", "zweiten Förderperiode")."""
    before = _ORDINAL_BEFORE.search(text, max(floor, phase.start() - 20), phase.start())
    after = _NUMBER_AFTER.match(text, phase.end())
    return clean_markup(text[before.start() if before else phase.start():after.end() if after else phase.end()])


def _page_bodies(text: str, most: int = 4) -> list[str]:
    """The bodies a page names, in order, each once."""
    out: list[str] = []
    for body in find_bodies(text):
        if fold(body.text) not in {fold(o) for o in out}:
            out.append(body.text)
    return out[:most]


def cooperations_since(text: str, sentences: list[tuple[int, int]], page_of) -> list[Partnership]:
    """A cooperation a sentence dates by its start and names by what it builds, with no agreement noun:
    "Seit 2018 entwickelt die Hochschule A zusammen mit dem Institut B das Portal GrenzInfo".
    Needs the year first, a phrase of cooperation, two bodies and a proper name after them.

    >>> t = "Depuis 2019, l'université de Namur développe avec le soutien de la Province de Luxembourg la plateforme WikiCampus."
    >>> [(p.name, p.parties, p.starts_on.year) for p in cooperations_since(t, [(0, len(t))], lambda _: None)]
    [('WikiCampus', ['université de Namur', 'Province de Luxembourg'], 2019)]
    """
    out = []
    for s, e in sentences:
        since = _SINCE_YEAR_FIRST.match(text, s, e)
        if not since or not _COOPERATION.search(text, s, e):
            continue
        bodies = find_bodies(text[s:e])
        if len({fold(b.text) for b in bodies}) < 2:
            continue
        names = [m for m in PROPER_NAME.finditer(text, s + bodies[-1].end, e)]
        if not names:
            continue
        year = int(since.group(1))
        out.append(Partnership(
            name=names[-1].group(0).strip(" -")[:200], parties=[b.text for b in bodies], signed_on=None,
            signed_precision=None, starts_on=dt.date(year, 1, 1), ends_on=None,
            snippet=clean_markup(text[s:e])[:500], char_start=s, char_end=e, page=page_of(s), kind="project"))
    return out



_SUPPORT = re.compile(r"(?<!\w)(?:" + "|".join(_DATA["project_support_words"]) + r")(?!\w)", re.I)
_PLURAL_PROJECT = re.compile(r"(?:" + "|".join(_DATA["plural_project_nouns"]) + r")$", re.I)
_NAME_JOINER = re.compile(r"\s*(?:" + "|".join(w if w == "," else rf"\b{w}\b" for w in _DATA["name_list_joiners"])
                          + r")\s*", re.I)
_GENERIC_NAME_WORDS = {fold(w).strip() for w in _DATA["generic_name_words"]}


def _names_after(text: str, noun: re.Match, end: int) -> list[str]:
    """The name after a project noun, and after a plural noun the names listed with it ("de projecten
    Alfa en Beta" -> Alfa, Beta)."""
    names: list[str] = []
    at: re.Match | None = noun
    while at is not None and len(names) < 6:
        name = named_project(text, at, end)
        if not name:
            break
        names.append(name)
        if not _PLURAL_PROJECT.search(noun.group(0)):
            break
        bare = name.split(" (")[0]
        found = text.find(bare, at.end(), end)
        at = _NAME_JOINER.match(text, found + len(bare)) if found >= 0 else None
    return names


def supported_projects(text: str, sentences: list[tuple[int, int]], language: str, page_of) -> list[Partnership]:
    """Projects a sentence names and gives money or support, dated or not ("het project Alfa krijgt
    1,2 miljoen euro subsidie", "die Projekte Alfa und Beta werden gefördert"): a project noun (not a
    programme's), its name (quoted, capitalised, an acronym; each of a plural noun's list) and a word of
    support or an amount of money in the sentence. Parties: the bodies the sentence names.

    >>> t = "De hogeschool krijgt subsidie voor de projecten SOLARIS en GreenHub van het programma Interreg Europe."
    >>> [p.name for p in supported_projects(t, [(0, len(t))], "nl", lambda _: None)]
    ['SOLARIS', 'GreenHub']
    >>> t = "Das Projekt Brückenbau verbindet zwei Schulen."  # named, but given nothing
    >>> supported_projects(t, [(0, len(t))], "de", lambda _: None)
    []
    """
    from extractors.annotate.figures import find_figures

    out: list[Partnership] = []
    for s, e in sentences:
        nouns = [n for n in PROJECT_RE.finditer(text, s, e)
                 if kind_of(n.group(0)) == "project" and not DRAFT_OF.match(text, n.end())]
        sentence = text[s:e]
        # (the figures only where a project is named: most sentences name none)
        if not nouns or not (_SUPPORT.search(sentence) or any(f.unit == "EUR" for f in find_figures(sentence, language))):
            continue
        bodies = [b.text for b in find_bodies(sentence)]
        for noun in nouns:
            for name in _names_after(text, noun, e):
                if fold(name.split()[0]).strip() in _GENERIC_NAME_WORDS or any(fold(p.name) == fold(name) for p in out):
                    continue
                out.append(Partnership(
                    name=name[:200], parties=[b for b in bodies if fold(name) not in fold(b)], signed_on=None,
                    signed_precision=None, starts_on=None, ends_on=None, snippet=clean_markup(sentence)[:500],
                    char_start=s, char_end=e, page=page_of(s), kind="project"))
    return out


_POINTS_BACK = re.compile(r"(?im)^[ \t]*(?:" + "|".join(_DATA["project_anaphora"]) + r")\b")
_NAME_LINE_WORDS = 14  # a name line longer than this is a sentence


def projects_named_above(text: str, page_of) -> list[Partnership]:
    """Projects named on a line of their own and described by the next line, which points back at them
    ("CampusLink\\nDit project versterkt …", "ALPHA (Alliance for …)\\nCe projet vise …"): the name line
    must be short, end without a full stop and hold a proper name (an acronym, a word with a capital inside).

    >>> t = "Zwei Projekte wurden gefördert.\\nMOSAIK (Modelle für Sprache)\\nDieses Projekt verbindet Schulen."
    >>> [p.name for p in projects_named_above(t, lambda _: None)]
    ['MOSAIK (Modelle für Sprache)']
    >>> projects_named_above("Ziele\\nDieses Projekt verbindet Schulen.", lambda _: None)  # a heading, no name
    []
    """
    out: list[Partnership] = []
    for m in _POINTS_BACK.finditer(text):
        line_end = text.rfind("\n", 0, m.start())
        if line_end <= 0:
            continue
        line_start = text.rfind("\n", 0, line_end) + 1
        name = clean_markup(text[line_start:line_end]).strip()
        if (not name or len(name.split()) > _NAME_LINE_WORDS or name.endswith((".", ":", ";", "!", "?"))
                or not PROPER_NAME.match(name) or any(fold(p.name) == fold(name) for p in out)):
            continue
        described_end = text.find("\n", m.end())
        described = text[m.start():len(text) if described_end < 0 else described_end]
        out.append(Partnership(
            name=name[:200], parties=[b.text for b in find_bodies(described)], signed_on=None, signed_precision=None,
            starts_on=None, ends_on=None, snippet=clean_markup(described)[:500], char_start=line_start,
            char_end=line_end, page=page_of(line_start), kind="project"))
    return out


_EXPIRY_AFTER = re.compile(r"(?i)\b(?:" + "|".join(_DATA["expiry_day_after"]) + r")\s*")
_EXPIRY_OF = re.compile(r"(?i)\b(?:" + "|".join(_DATA["expiry_day_of"]) + r")\s*")
_EXPIRY_REACH = 40  # characters between an expiry phrase and its date


def _expiry(text: str, language: str) -> dt.date | None:
    """The last day a text says it applies: "vervalt met ingang van 1 januari 2017" -> 2016-12-31,
    "gilt bis zum 30. Juni 2024" -> 2024-06-30."""
    for rx, day_after in ((_EXPIRY_AFTER, True), (_EXPIRY_OF, False)):
        for m in rx.finditer(text):
            days = [p for p in find_periods(text, language, m.end(), min(len(text), m.end() + _EXPIRY_REACH))
                    if p.precision == "day"]
            if days:
                return days[0].start - dt.timedelta(days=1) if day_after else days[0].start
    return None


def title_programme(text: str, title: str | None, language: str, page_of) -> Partnership | None:
    """The programme or project a text is, when its title names one and the text dates it: "Deelregeling
    Uitwisselingsprogramma Grenzeloos Leren 2024" ... "Deze regeling vervalt met ingang van 1 januari 2025."

    >>> t = "Deelregeling Uitwisselingsprogramma Grenzeloos Leren 2024\\n\\nArtikel 9\\nDeze regeling vervalt met ingang van 1 januari 2025."
    >>> p = title_programme(t, "Deelregeling Uitwisselingsprogramma Grenzeloos Leren 2024", "nl", lambda _: None)
    >>> (p.name, p.kind, p.ends_on)
    ('Uitwisselingsprogramma Grenzeloos Leren 2024', 'programme', datetime.date(2024, 12, 31))
    >>> title_programme("Voorstelling van het project\\n\\nTekst.", "Voorstelling van het project", "nl", lambda _: None) is None
    True
    """
    if not title:
        return None
    for noun in PROJECT_RE.finditer(title):
        if DRAFT_OF.match(title, noun.end()):
            continue
        name = named_project(title, noun, len(title))
        if not name:
            continue
        ends_on = _expiry(text, language)
        start = STARTED_RE.search(text)
        periods = joined_periods(text, find_periods(text, language)) if start else []
        started = governed_date(start.start(), start.end(), periods) if start else None
        if ends_on is None and started is None:
            return None  # a programme is a record when the text dates it
        at = text.find(title)
        at = max(at, 0)
        return Partnership(
            name=f"{noun.group(0)} {name}"[:200], parties=[b.text for b in find_bodies(text[:2000])][:4],
            signed_on=None, signed_precision=None, starts_on=started.start if started else None, ends_on=ends_on,
            snippet=clean_markup(title)[:500], char_start=at, char_end=at + len(title), page=page_of(at),
            kind=kind_of(noun.group(0)))
    return None
