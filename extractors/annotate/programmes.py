"""Programme names: the fund, tax, programme or measure that money belongs to, as typed spans.

A name is found three ways, all from `lexicon/programmes.yaml`:
- a head noun and its complement, French style ("taxe d'apprentissage", "ressource régionale pour
  l'apprentissage"), up to a word that ends a name (a participle such as "perçue", a clause opener);
- capitalised words closing on a head noun, Dutch, German and English style ("Europees Sociaal
  Fonds", "European Social Fund"), or a capitalised compound ending with one ("Investitionsprogramm");
- a quoted name („…“, « … », "…").
A year range written right after a name is part of it ("… 2014–2020"). A name whose initials the
document also writes as an acronym is given by its acronym, the way documents and their readers
refer to it ("FREJ", "ESF 2014–2020").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon import fold_in_place, load_file

_DATA = load_file("programmes.yaml")
# A word, with the hyphen that shares its ending with the next compound ("Bildungs- und Betreuungsangebote",
# "jeugd- en jongerenwerk"): the name goes on through it.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?:-(?=\s+(?:" + "|".join(_DATA["suspended_hyphen_joiners"])
                   + r")\s))?|\d{4}\s*[-–]\s*\d{4}|\d+|[^\w\s]", re.UNICODE)
_YEAR_RANGE = re.compile(r"^\d{4}\s*[-–]\s*\d{4}$")
_RELATIVE_PRONOUNS = frozenset(_DATA["relative_pronouns"])
_LAW_TITLE = re.compile("^(?:" + "|".join(_DATA["law_nouns"]) + r")\b")
_LAW_OBJECT = re.compile(r"\b(?:" + "|".join(_DATA["law_object_words"]) + r")\s+")
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]{1,9}\b")


@dataclass(frozen=True)
class ProgrammeName:
    """A programme named in a text: its words as written, and where."""

    name: str
    start: int
    end: int
    content_words: tuple[str, ...]  # folded, without connectors or years: what its initials come from
    years: str = ""  # a year range that closes the name

    def initials(self) -> str:
        return "".join(w[0] for w in self.content_words).upper()

    def display(self, acronyms: frozenset[str] = frozenset()) -> str:
        """The name as a segment value: its acronym when the document writes one, with its years."""
        short = self.initials()
        if len(short) >= 2 and short in acronyms:
            return f"{short} {self.years}".strip()
        return self.name


@lru_cache(maxsize=1)
def _vocabulary():
    def alternation(words):
        return re.compile("^(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")$")

    first = alternation(_DATA["head_nouns_first"])
    last = alternation(_DATA["head_nouns_last"])
    compound_last = re.compile("(?:" + "|".join(_DATA["head_nouns_last"]) + ")$")
    stops = re.compile("^(?:" + "|".join(_DATA["name_stops"]) + ")$")
    connectors = frozenset(_DATA["name_connectors"])
    not_heads = re.compile("(?:" + "|".join(_DATA["not_head_endings"]) + ")$")
    return first, last, compound_last, stops, connectors, not_heads


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(surface, folded, start, end) for each word, year range, number or punctuation mark."""
    folded = fold_in_place(text)
    return [(m.group(), folded[m.start():m.end()].replace("'", " ").strip(), m.start(), m.end())
            for m in _WORD.finditer(text)]


def _is_word(folded: str) -> bool:
    return bool(folded) and folded[0].isalpha()


def find_programmes(text: str) -> list[ProgrammeName]:
    """Programme names in a text, in order.

    >>> [p.name for p in find_programmes("La taxe d'apprentissage perçue en 2020 par les centres")]
    ["taxe d'apprentissage"]
    >>> [p.name for p in find_programmes("Middelen uit het Europees Sociaal Fonds 2021–2027 voor scholing")]
    ['Europees Sociaal Fonds 2021–2027']
    >>> [p.name for p in find_programmes("Das Land erhält aus dem Programm „Digitale Schule“ 2019 – 2022 Mittel.")]
    ['Digitale Schule 2019 – 2022']
    >>> [p.name for p in find_programmes("Programma voor jeugd- en jongerenwerk in Limburg")]
    ['Programma voor jeugd- en jongerenwerk']
    """
    first, last, compound_last, stops, connectors, not_heads = _vocabulary()
    tokens = _tokens(text)
    max_words = int(_DATA["max_name_words"])
    out: list[ProgrammeName] = []
    taken_until = -1
    for i, (surface, folded, start, _end) in enumerate(tokens):
        if start < taken_until or not _is_word(folded):
            continue
        head = folded.rsplit("-", 1)[-1]  # "sub-programma", "Förder-Programm": the last part is the head
        name = _head_first(tokens, i, first, stops, connectors, max_words) if first.match(head) else None
        if name is None and (last.match(folded) or (compound_last.search(folded) and len(folded) > 9
                                                     and surface[0].isupper() and not not_heads.search(folded))) \
                and (surface[0].isupper() or _capitalised_before(tokens, i, connectors)):
            name = _head_last(tokens, i, connectors)
        if name:
            out.append(name)
            taken_until = name.end
    for name in _quoted(text, tokens):
        # "Investitionsprogramm „Kita“ 2015–2018", "le programme « X »": the quoted name is the name
        out = [p for p in out if not (len(p.content_words) == 1 and 0 <= name.start - p.end <= 3)]
        if not any(p.start <= name.start < p.end for p in out):
            out.append(name)
    return sorted(out, key=lambda p: p.start)


def _head_first(tokens, i, first, stops, connectors, max_words) -> ProgrammeName | None:
    """"taxe intérieure de consommation sur les produits énergétiques", up to a word that ends a name."""
    j = i + 1
    while j < len(tokens) and j - i < max_words:
        folded = tokens[j][1]
        if not _is_word(folded) or stops.match(folded) or first.match(folded):
            break  # another head noun opens another name ("la taxe X et la prime Y")
        if folded in _RELATIVE_PRONOUNS and j + 1 < len(tokens) and not tokens[j + 1][0][:1].isupper():
            break  # Dutch "subsidie die …" opens a clause; German "für die Kinder" goes on
        j += 1
    # "d'apprentissage" is one token whose folded form holds a space: its first part is a connector
    while j > i + 1 and tokens[j - 1][1].split()[-1] in connectors:
        j -= 1
    words = [t for t in tokens[i:j]]
    content = [w for t in words for w in t[1].split() if w not in connectors]
    if len(content) < 2:
        return None  # a head noun alone ("la taxe", "le programme") names nothing
    return _with_years(tokens, i, j, content)


def _capitalised_before(tokens, i, connectors) -> bool:
    return i > 0 and tokens[i - 1][0][:1].isupper() and tokens[i - 1][1] not in connectors


def _head_last(tokens, i, connectors) -> ProgrammeName | None:
    """"Europees Sociaal Fonds", "European Social Fund", "Investitionsprogramm": capitalised words up to the head."""
    k = i
    while k > 0 and i - k < 4 and tokens[k - 1][0][:1].isupper() and _is_word(tokens[k - 1][1]) \
            and tokens[k - 1][1] not in connectors:
        k -= 1
    content = [w for t in tokens[k:i + 1] for w in t[1].split() if w not in connectors]
    if k == i and len(tokens[i][1]) <= 9:
        return None  # "Fonds" alone
    return _with_years(tokens, k, i + 1, content)


def _with_years(tokens, i, j, content) -> ProgrammeName:
    years = ""
    if j < len(tokens) and _YEAR_RANGE.match(tokens[j][0]):
        years = tokens[j][0]
        j += 1
    start, end = tokens[i][2], tokens[j - 1][3]
    text = "".join(t[0] if n == 0 else _joined(tokens[i + n - 1], t) for n, t in enumerate(tokens[i:j]))
    return ProgrammeName(text, start, end, tuple(content), years)


def _joined(prev, tok) -> str:
    return (" " if tok[2] > prev[3] else "") + tok[0]


def _quoted(text: str, tokens) -> list[ProgrammeName]:
    out = []
    for opening, closing in _DATA["quotes"]:
        for m in re.finditer(r"(?<![=\w])" + re.escape(opening) + r"\s?(\w[^" + re.escape(closing) + r"\n]{1,80}?)"
                             + re.escape(closing), text):
            inner = m.group(1).strip()
            if len(inner.split()) > 8 or not (inner[:1].isupper() or inner[:1].isdigit() or _after_head(text, m.start())):
                continue  # a word quoted in passing (« taxés ») names no programme
            after = re.match(r"\s*(\d{4}\s*[-–]\s*\d{4})", text[m.end():])
            years = after.group(1) if after else ""
            end = m.end() + (after.end() if after else 0)
            content = tuple(w for w in fold_in_place(inner).replace("'", " ").split() if w.isalpha())
            out.append(ProgrammeName(f"{inner} {years}".strip(), m.start(), end, content, years))
    return out


def _after_head(text: str, position: int) -> bool:
    """Whether a head noun stands right before `position` ("le dispositif « bourse au permis »")."""
    first, last, *_ = _vocabulary()
    words = fold_in_place(text[max(0, position - 40):position]).split()
    return bool(words) and bool(first.match(words[-1]) or last.match(words[-1]))


def acronyms_in(text: str) -> frozenset[str]:
    """The upper-case words a text writes (candidates for a name's acronym).

    >>> sorted(acronyms_in("le FREJ et la DEPP, pas Le"))
    ['DEPP', 'FREJ']
    """
    return frozenset(m.group() for m in _ACRONYM.finditer(text) if sum(ch.isupper() for ch in m.group()) >= 2)


@lru_cache(maxsize=1)
def _known_acronyms() -> dict[tuple[str, ...], str]:
    return {tuple(e["name"].split()): e["acronym"] for e in _DATA["known_acronyms"]}


@dataclass(frozen=True)
class DocumentProgrammes:
    """What a document says of its programmes as a whole: the acronyms it writes and those it spells out."""

    acronyms: frozenset[str]
    spelled_out: dict[str, str]  # acronym → the name to give (the acronym itself)

    @classmethod
    def of(cls, text: str) -> "DocumentProgrammes":
        """
        >>> DocumentProgrammes.of("Le Fonds national pour la formation des adultes (FNFA) verse …").spelled_out
        {'FNFA': 'FNFA'}
        """
        acronyms = acronyms_in(text)
        spelled = {}
        for name in find_programmes(text):
            short = name.initials()
            if len(short) >= 2 and short in acronyms:
                spelled.setdefault(short, short)
        return cls(acronyms, spelled)

    def display(self, name: ProgrammeName) -> str:
        """A name as a segment value: by its acronym when the document or the lexicon gives one.

        >>> DocumentProgrammes(frozenset(), {}).display(find_programmes("het Europees Sociaal Fonds 2021–2027")[0])
        'ESF 2021–2027'
        """
        known = _known_acronyms().get(name.content_words)
        if known:
            return f"{known} {name.years}".strip()
        return name.display(self.acronyms)

    def named_in(self, text: str) -> str | None:
        """The programme a label or passage names first: a name of its own, else an acronym the document
        spells out elsewhere.

        >>> d = DocumentProgrammes(frozenset({"FNDA"}), {"FNDA": "FNDA"})
        >>> d.named_in("Répartition de la première section du FNDA"), d.named_in("Effectif d'apprentis")
        ('FNDA', None)
        """
        if not text:
            return None
        names = find_programmes(text)
        if names:
            return self.display(names[0])
        for token in _ACRONYM.findall(text):
            if token in self.spelled_out:
                return self.spelled_out[token]
        return None

    def last_named_in(self, text: str) -> str | None:
        """The programme a passage names last (nearest what follows it).

        >>> DocumentProgrammes(frozenset(), {}).last_named_in("La taxe sur les salaires et la prime d'activité versée")
        "prime d'activité"
        """
        names = find_programmes(text) if text else []
        return self.display(names[-1]) if names else None

    def object_of_law(self, title: str) -> str | None:
        """What a law, decree or regulation is about, from its title ("Gesetz zur Förderung der X",
        "Arrêté relatif à la Y", "Regeling inzake Z"): the money its tables share belongs to it.

        >>> DocumentProgrammes(frozenset(), {}).object_of_law("Gesetz zur Förderung der Weiterbildung in Pflegeberufen (PflWBG)")
        'Förderung der Weiterbildung'
        >>> DocumentProgrammes(frozenset(), {}).object_of_law("Le chômage baisse en mai") is None
        True
        """
        folded = fold_in_place(title or "")
        if not _LAW_TITLE.match(folded.strip(" #")):
            return None
        starts = [m.end() for m in _LAW_OBJECT.finditer(folded)]
        if not starts:
            return None
        rest = title[starts[-1]:]
        tokens = _tokens(rest)
        first, _last, _compound, stops, connectors, _not = _vocabulary()
        j = 0
        while j < len(tokens) and j < int(_DATA["max_name_words"]) + 2:
            folded_token = tokens[j][1]
            if not _is_word(folded_token) or (j > 0 and stops.match(folded_token)):
                break
            j += 1
        while j > 0 and tokens[j - 1][1].split()[-1] in connectors:
            j -= 1
        if j == 0:
            return None
        while tokens and tokens[0][1] in connectors:  # "zur Förderung der …": the article goes
            tokens, j = tokens[1:], j - 1
        content = tuple(w for t in tokens[:j] for w in t[1].split() if w not in connectors)
        name = _with_years(tokens, 0, j, content)
        return self.display(name) if len(content) >= 2 else None

