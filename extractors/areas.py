"""Area gazetteer: place names in French, Dutch, German and English → area codes.

Codes are ISO 3166 / 3166-2 where one exists (former French regions keep
their former codes), else an upper-case code (BENELUX, INTERREG-FWVL).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.figures import strip_accents

# code → (level, names). Names are matched accent- and case-insensitively as whole words.
AREAS: dict[str, tuple[str, list[str]]] = {
    "FR": ("country", ["France", "France hors Mayotte", "France métropolitaine", "Frankrijk", "Frankreich",
                       "national", "nationale", "au niveau national", "territoire national", "en France"]),
    "BE": ("country", ["Belgique", "België", "Belgie", "Belgien", "Belgium"]),
    "NL": ("country", ["Pays-Bas", "Nederland", "Niederlande", "Netherlands"]),
    "LU": ("country", ["Luxembourg", "Luxemburg"]),
    "DE": ("country", ["Allemagne", "Duitsland", "Deutschland", "Germany"]),
    "BENELUX": ("union", ["Benelux", "Union Benelux", "Benelux-Unie", "Benelux Unie", "Benelux Union"]),
    "FR-HDF": ("region", ["Hauts-de-France", "Hauts de France", "Hauts de-France"]),
    "FR-GES": ("region", ["Grand Est", "Grand-Est"]),
    "FR-OCC": ("region", ["Occitanie"]),
    "FR-IDF": ("region", ["Île-de-France", "Ile-de-France"]),
    "FR-NOR": ("region", ["Normandie"]),
    "FR-BRE": ("region", ["Bretagne"]),
    "FR-PDL": ("region", ["Pays de la Loire"]),
    "FR-NAQ": ("region", ["Nouvelle-Aquitaine"]),
    "FR-ARA": ("region", ["Auvergne-Rhône-Alpes"]),
    "FR-BFC": ("region", ["Bourgogne-Franche-Comté"]),
    "FR-CVL": ("region", ["Centre-Val de Loire"]),
    "FR-PAC": ("region", ["Provence-Alpes-Côte d'Azur", "Région Sud"]),
    "FR-COR": ("region", ["Corse"]),
    "FR-O": ("former_region", ["Nord-Pas-de-Calais"]),
    "FR-S": ("former_region", ["Picardie"]),
    "FR-59": ("departement", ["département du Nord"]),
    "FR-62": ("departement", ["Pas-de-Calais"]),
    "FR-02": ("departement", ["Aisne"]),
    "FR-60": ("departement", ["Oise"]),
    "FR-80": ("departement", ["Somme"]),
    "BE-WAL": ("region", ["Wallonie", "Wallonië", "Wallonien", "Région wallonne", "Wallonia"]),
    "BE-VLG": ("region", ["Flandre", "Flandres", "Vlaanderen", "Flandern", "Région flamande", "Flanders"]),
    "BE-BRU": ("region", ["Bruxelles-Capitale", "Brussels Hoofdstedelijk Gewest"]),
    "BE-VWV": ("province", ["Flandre occidentale", "West-Vlaanderen", "Westflandern"]),
    "BE-WHT": ("province", ["Hainaut", "Henegouwen", "Hennegau"]),
    "DE-NW": ("region", ["Nordrhein-Westfalen", "Rhénanie-du-Nord-Westphalie", "Rhénanie du Nord-Westphalie",
                         "Rhénanie-du-NordWestphalie", "Noordrijn-Westfalen", "North Rhine-Westphalia", "NRW"]),
    "INTERREG-FWVL": ("programme_area", ["Interreg France-Wallonie-Vlaanderen", "Interreg V France-Wallonie-Vlaanderen",
                                          "Interreg VI France-Wallonie-Vlaanderen", "France-Wallonie-Vlaanderen"]),
}
# Inhabitants: "69 Français et 20 Belges" counts people of a country.
DEMONYMS: dict[str, list[str]] = {
    "FR": ["Français", "Françaises", "Fransen", "Franzosen"],
    "BE": ["Belges", "Belgen", "Belgier"],
    "DE": ["Allemands", "Duitsers", "Deutsche"],
    "NL": ["Néerlandais", "Nederlanders", "Niederländer"],
}
# Words that mean "the region the document is about" in a monograph.
REGION_WORDS = ["région", "régional", "régionale", "la région", "regio", "regionaal", "Region", "regional"]


@dataclass(frozen=True)
class AreaMention:
    code: str
    start: int
    end: int
    name: str


def _pattern(name: str) -> str:
    folded = re.escape(strip_accents(name)).replace(r"\-", r"[\s-]?").replace(r"\ ", r"[\s-]+")
    return rf"(?<![\w-]){folded}(?![\w-])"


@lru_cache(maxsize=1)
def _area_re() -> tuple[re.Pattern, list[str]]:
    entries = [(name, code) for code, (_, names) in AREAS.items() for name in names]
    entries.sort(key=lambda e: len(e[0]), reverse=True)
    codes = [code for _, code in entries]
    alternatives = "|".join(f"(?P<a{i}>{_pattern(name)})" for i, (name, _) in enumerate(entries))
    return re.compile(alternatives, re.IGNORECASE), codes


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
    """
    folded = strip_accents(text)  # same length as text for the Latin letters we read
    if len(folded) != len(text):
        folded = "".join(strip_accents(c)[:1] or c for c in text)
    rx, codes = _area_re()
    out = []
    for m in rx.finditer(folded):
        idx = int(m.lastgroup[1:])
        out.append(AreaMention(codes[idx], m.start(), m.end(), text[m.start() : m.end()]))
    return out


def find_demonyms(text: str) -> list[AreaMention]:
    """Inhabitants of a country named as a group.

    >>> [a.code for a in find_demonyms("89 demandeurs (69 Français et 20 Belges)")]
    ['FR', 'BE']
    """
    rx, codes = _demonym_re()
    return [AreaMention(codes[int(m.lastgroup[1:])], m.start(), m.end(), m.group(0)) for m in rx.finditer(text)]


def interreg_area(text: str) -> str | None:
    """The Interreg programme area a passage speaks of, from the programme and its member regions.

    >>> interreg_area("Interreg ... entre Hauts-de-France, Grand Est, la Wallonie et les Flandres")
    'INTERREG-FWVL'
    """
    if "interreg" not in strip_accents(text):
        return None
    codes = {a.code for a in find_areas(text)}
    if "INTERREG-FWVL" in codes:
        return "INTERREG-FWVL"
    french = codes & {"FR", "FR-HDF", "FR-GES"}
    belgian = codes & {"BE", "BE-WAL", "BE-VLG", "BE-VWV", "BE-WHT"}
    return "INTERREG-FWVL" if french and belgian else None


def is_region_word(text: str) -> bool:
    """Whether a header or phrase means 'the region' (RÉGION, DANS LA RÉGION, regio).

    >>> is_region_word("RÉGION"), is_region_word("NATIONAL")
    (True, False)
    """
    folded = strip_accents(text)
    return bool(re.search(r"(?<!\w)(region|regional|regionale|regio|regionaal)(?!\w)", folded))


def area_rows() -> list[dict]:
    """The area table of the warehouse: one row per (code, name)."""
    rows = []
    for code, (level, names) in AREAS.items():
        for name in names:
            rows.append({"code": code, "name": name, "level": level})
    return rows
