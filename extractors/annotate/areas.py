"""Area gazetteer: place names in French, Dutch, German and English → area codes.

Codes are ISO 3166 / 3166-2 where one exists (former French regions keep
their former codes), else an upper-case code (BENELUX, INTERREG-FWVL).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.lexicon import load_file, strip_accents, strip_accents_in_place

_DATA = load_file("areas.yaml")
LANGUAGES = ("fr", "nl", "de")


# Subdivisions left out of the gazetteer because their name is a common word or a city's too
# ("Nord", "Groningen"): read only where their siblings say what they are (see sibling_area).
_AMBIGUOUS_SUBDIVISIONS: dict[str, list[tuple[str, str]]] = {}  # folded name → (code, level)
# A subdivision's parent in ISO 3166-2 (a French département's region, a Belgian province's region).
_PARENT: dict[str, str] = {}


def _pycountry_areas() -> dict[str, tuple[str, list[str]]]:
    """Countries of the world and the subdivisions of our countries, with their names in fr/nl/de/en."""
    import gettext

    import pycountry

    def translations(domain: str):
        return [gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)
                for lang in LANGUAGES]

    out: dict[str, tuple[str, list[str]]] = {}
    country_tr = translations("iso3166-1")
    for c in pycountry.countries:
        names = [c.name] + [getattr(c, a) for a in ("common_name", "official_name") if hasattr(c, a)]
        names += [t.gettext(c.name) for t in country_tr]
        out[c.alpha_2] = ("country", list(dict.fromkeys(names)))
    ambiguous = set(_DATA["ambiguous_names"])
    sub_tr = translations("iso3166-2")
    for country in _DATA["subdivision_countries"]:
        for sub in pycountry.subdivisions.get(country_code=country) or []:
            if getattr(sub, "parent_code", None):
                _PARENT[sub.code] = sub.parent_code
            if sub.name in ambiguous:
                _AMBIGUOUS_SUBDIVISIONS.setdefault(strip_accents(sub.name), []).append((sub.code, _level(sub.type)))
                continue  # its translations are as ambiguous ("Noord"): only the data file's aliases read it
            names = [n for n in dict.fromkeys([sub.name] + [t.gettext(sub.name) for t in sub_tr]) if n not in ambiguous]
            if names:
                out[sub.code] = (_level(sub.type), names)
    return out


def _kind_word_names() -> dict[str, tuple[str, list[str]]]:
    """"Provincie Utrecht", "province de Namur": an ambiguous subdivision name after the words of its kind,
    when one subdivision of that kind has the name (lexicon `subdivision_kind_words`)."""
    import pycountry

    out: dict[str, tuple[str, list[str]]] = {}
    for candidates in _AMBIGUOUS_SUBDIVISIONS.values():
        for level, words in _DATA["subdivision_kind_words"].items():
            codes = [code for code, lvl in candidates if lvl == level]
            if len(codes) != 1:
                continue
            written = pycountry.subdivisions.get(code=codes[0]).name
            vowel = strip_accents(written[0]) in "aeiouy"
            joined = [f"{w}{written}" if w.endswith("'") else f"{w} {written}" for w in words
                      if w.endswith("'") == vowel or not w.endswith(("'", " de", " du"))]
            out.setdefault(codes[0], (level, []))[1].extend(joined)
    return out


def _level(iso_type: str) -> str:
    """ISO 3166-2's subdivision type as the levels the extractors reason with.

    >>> _level("Metropolitan department"), _level("Land"), _level("Overseas region")
    ('departement', 'region', 'region')
    """
    kind = iso_type.lower()
    if "department" in kind:
        return "departement"
    if "province" in kind:
        return "province"
    return "region"  # regions, Länder, overseas collectivities, Belgian and Dutch regions


def _all_areas() -> dict[str, tuple[str, list[str]]]:
    """The data file's areas first (they keep their names), then pycountry's."""
    areas: dict[str, tuple[str, list[str]]] = {}
    for entry in _DATA["aliases"] + _DATA["aggregates"]:
        areas[entry["code"]] = (entry["level"], list(entry["names"]))
    for code, names in list(_DATA["academies"].items()) + list(_DATA["inflected_names"].items()):
        level, known = areas.get(code, ("region", []))
        areas[code] = (level, known + [n for n in names if n not in known])
    for code, (level, names) in list(_pycountry_areas().items()) + list(_kind_word_names().items()):
        if code in areas:
            areas[code] = (areas[code][0], areas[code][1] + [n for n in names if n not in areas[code][1]])
        else:
            areas[code] = (level, names)
    return areas


# code → (level, names), from lexicon/areas.yaml and pycountry.
AREAS: dict[str, tuple[str, list[str]]] = _all_areas()
# Names that are also common words ("la somme", "une réunion"): only with their capital letter.
# Every name from pycountry is a proper noun, read only with its capital too.
CAPITALISED_ONLY = set(_DATA["capitalised_only"])
_DATA_CODES = {e["code"] for e in _DATA["aliases"] + _DATA["aggregates"]}
# Inhabitants: "69 Français et 20 Belges" counts people of a country.
DEMONYMS: dict[str, list[str]] = _DATA["demonyms"]
# Words that mean "the region the document is about" in a monograph.
REGION_WORDS = _DATA["region_words"]
_REGION_WORD = re.compile(r"(?<!\w)(?:" + "|".join(sorted({re.escape(strip_accents(w)) for w in REGION_WORDS}, key=len, reverse=True))
                          + r")(?!\w)")


@dataclass(frozen=True)
class AreaMention:
    code: str
    start: int
    end: int
    name: str


_WORD = re.compile(r"[^\W_]+")
# Words of one name are joined by spaces, hyphens or apostrophes, never by punctuation.
_JOINER = re.compile(r"[\s\-'’]*")


@lru_cache(maxsize=1)
def _area_index() -> tuple[dict[tuple[str, ...], str], int]:
    """Every name as its folded words → code; the first code listing a name keeps it."""
    index: dict[tuple[str, ...], str] = {}
    for code, (_, names) in AREAS.items():
        for name in names:
            words = tuple(_WORD.findall(strip_accents(name)))
            if words:
                index.setdefault(words, code)
    return index, max(len(k) for k in index)


@lru_cache(maxsize=1)
def _data_names() -> frozenset[tuple[str, ...]]:
    """Names the data file lists: read in any case. Others (pycountry's) need their capital letter."""
    return frozenset(tuple(_WORD.findall(strip_accents(n))) for code in _DATA_CODES for n in AREAS[code][1]
                     if n not in CAPITALISED_ONLY)


@lru_cache(maxsize=1)
def _demonym_re() -> tuple[re.Pattern, list[str]]:
    entries = [(name, code) for code, names in DEMONYMS.items() for name in names]
    codes = [code for _, code in entries]
    # Case-sensitive: "Français" the people, not "français" the language.
    alternatives = "|".join(f"(?P<d{i}>(?<!\\w){re.escape(name)}(?!\\w))" for i, (name, _) in enumerate(entries))
    return re.compile(alternatives), codes


def find_areas(text: str) -> list[AreaMention]:
    """Area names in text, longest name first where names overlap.

    >>> [(a.code, a.name) for a in find_areas("la Région Hauts-de-France et l'Union Benelux")]
    [('FR-HDF', 'Hauts-de-France'), ('BENELUX', 'Union Benelux')]
    >>> [a.code for a in find_areas("5 752 600 (France hors Mayotte)")]
    ['FR']
    >>> [a.code for a in find_areas("Somme répartie: la somme des lignes lors d'une réunion dans la Somme")]
    ['FR-80', 'FR-80']
    """
    folded = strip_accents(text)  # same length as text for the Latin letters we read
    if len(folded) != len(text):
        folded = strip_accents_in_place(text)
    index, longest = _area_index()
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
    out = []
    i = 0
    while i < len(words):
        # Longest name first: "Nord-Pas-de-Calais" before "Pas-de-Calais", "Île-de-France" before "France".
        for n in range(min(longest, len(words) - i), 0, -1):
            code = index.get(tuple(w for _, _, w in words[i : i + n]))
            if code is None:
                continue
            start, end = words[i][0], words[i + n - 1][1]
            if n > 1 and not all(_JOINER.fullmatch(folded[words[k][1] : words[k + 1][0]]) for k in range(i, i + n - 1)):
                continue
            written = text[start:end]
            key = tuple(w for _, _, w in words[i : i + n])
            if not written[0].isupper() and (written.capitalize() in CAPITALISED_ONLY or key not in _data_names()):
                continue
            out.append(AreaMention(code, start, end, written))
            i += n - 1
            break
        i += 1
    return out


def find_demonyms(text: str) -> list[AreaMention]:
    """Inhabitants of a country named as a group.

    >>> [a.code for a in find_demonyms("89 demandeurs (69 Français et 20 Belges)")]
    ['FR', 'BE']
    """
    rx, codes = _demonym_re()
    return [AreaMention(codes[int(m.lastgroup[1:])], m.start(), m.end(), m.group(0)) for m in rx.finditer(text)]


def interreg_area(text: str) -> str | None:
    """The programme area a passage speaks of: the programme's cue and a member of each side (areas.yaml).

    >>> interreg_area("Interreg ... entre Hauts-de-France, Grand Est, la Wallonie et les Flandres")
    'INTERREG-FWVL'
    """
    folded = strip_accents(text)
    codes = {a.code for a in find_areas(text)}
    for programme in _DATA["programme_areas"]:
        if programme["cue"] not in folded:
            continue
        if programme["code"] in codes or all(codes & set(side) for side in programme["sides"]):
            return programme["code"]
    return None


def is_header_only(name: str) -> bool:
    """A name that means an area only as a header cell of its own ("National").

    >>> is_header_only("NATIONAL"), is_header_only("France")
    (True, False)
    """
    return strip_accents(name).strip() in _HEADER_ONLY


_HEADER_ONLY = frozenset(strip_accents(n) for n in _DATA["header_only_names"])
# "Provincie ", "département de la ": the words of a subdivision's kind before its name.
_KIND_ALTERNATION = "|".join(sorted((re.escape(strip_accents(w)) for ws in _DATA["subdivision_kind_words"].values()
                                     for w in ws), key=len, reverse=True))
_KIND_WORDS = re.compile("^(?:" + _KIND_ALTERNATION + r")\s*")
_KIND_WORD_AND_NAME = re.compile(r"\b(?:" + _KIND_ALTERNATION + r")\s*(\w[\w' -]*?)(?=\s|,|$)")


def sibling_area(label: str, siblings: list[str]) -> str | None:
    """An ambiguous subdivision name read among its siblings: "Nord" in a column of départements,
    "Groningen" among Dutch provinces.

    >>> sibling_area("Nord", ["FR-62", "FR-80"]), sibling_area("Nord", []), sibling_area("Groningen", ["NL-ZE"])
    ('FR-59', None, 'NL-GR')
    >>> sibling_area("Provincie Limburg", ["NL-UT", "NL-GR"])
    'NL-LI'
    >>> sibling_area("aan de provincie Limburg voor het project", ["NL-UT", "NL-GR"])
    'NL-LI'
    """
    name = strip_accents(label).strip(" :;,.\t")
    candidates = _AMBIGUOUS_SUBDIVISIONS.get(name) or _AMBIGUOUS_SUBDIVISIONS.get(_KIND_WORDS.sub("", name), [])
    if not candidates:  # "subsidie aan de provincie Limburg voor het project": the kind word and name inside
        m = _KIND_WORD_AND_NAME.search(name)
        candidates = _AMBIGUOUS_SUBDIVISIONS.get(m.group(1), []) if m else []
    for code, level in candidates:
        same_level = [s for s in siblings if s.split("-")[0] == code.split("-")[0] and AREAS.get(s, ("",))[0] == level]
        if len(same_level) >= 2 or (same_level and len(siblings) == len(same_level)):
            return code
    return None


def abbreviated_areas(labels: list[str]) -> dict[int, str]:
    """Row labels that abbreviate subdivisions, by their ISO 3166-2 code's tail or a usual abbreviation
    (lexicon `subdivision_abbreviations`), when most labels abbreviate subdivisions of one country:
    "BW", "BY", "NRW" in a German table; alone, "BE" or "SH" are words or other places.

    >>> abbreviated_areas(["BW", "BY", "NRW", "Summe"])
    {0: 'DE-BW', 1: 'DE-BY', 2: 'DE-NW'}
    >>> abbreviated_areas(["BE", "Total"])
    {}
    """
    best: dict[int, str] = {}
    for country, table in _abbreviations().items():
        found = {i: table[label.strip()] for i, label in enumerate(labels) if label.strip() in table}
        if len(found) > len(best):
            best = found
    return best if len(best) >= 3 and len(best) * 3 >= len(labels) * 2 else {}


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, dict[str, str]]:
    """Per country: abbreviation as written (upper case, letters) → subdivision code."""
    out: dict[str, dict[str, str]] = {c: {} for c in _DATA["subdivision_countries"]}
    for code in list(AREAS) + [c for cs in _AMBIGUOUS_SUBDIVISIONS.values() for c, _ in cs]:
        country, _, tail = code.partition("-")
        if country in out and tail.isalpha() and len(tail) >= 2:  # "FR-A": one letter labels rows of any table
            out[country].setdefault(tail, code)
    for code, names in _DATA["subdivision_abbreviations"].items():
        for name in names:
            out[code.split("-")[0]][name] = code
    return out


def parent_area(codes: list[str]) -> str | None:
    """The area that holds all of these: the region of départements of one region, else the country of
    subdivisions of one country.

    >>> parent_area(["FR-A", "FR-IDF", "FR-971"]), parent_area(["BE-VWV", "FR-59"]), parent_area([])
    ('FR', None, None)
    >>> parent_area(["FR-59", "FR-62", "FR-80"])
    'FR-HDF'
    """
    parents = {_PARENT.get(c) for c in codes}
    if len(codes) >= 2 and len(parents) == 1 and None not in parents:
        return parents.pop()
    subdivisions = [c for c in codes if "-" in c]
    countries = {c.split("-", 1)[0] for c in subdivisions}
    if len(countries) != 1 or len(subdivisions) < 2 or any(c not in countries for c in codes if "-" not in c):
        return None
    return countries.pop()


def is_region_word(text: str) -> bool:
    """Whether a header or phrase means 'the region' (RÉGION, DANS LA RÉGION, regio).

    >>> is_region_word("RÉGION"), is_region_word("NATIONAL")
    (True, False)
    """
    folded = strip_accents(text)
    return bool(_REGION_WORD.search(folded))


def area_rows() -> list[dict]:
    """The area table of the warehouse: one row per (code, name)."""
    rows = []
    for code, (level, names) in AREAS.items():
        for name in names:
            rows.append({"code": code, "name": name, "level": level})
    return rows
