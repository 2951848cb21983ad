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
    "FR-OCC": ("region", ["Occitanie", "Okzitanien", "Occitanië"]),
    "FR-IDF": ("region", ["Île-de-France", "Ile-de-France"]),
    "FR-NOR": ("region", ["Normandie", "Normandië"]),
    "FR-BRE": ("region", ["Bretagne"]),
    "FR-PDL": ("region", ["Pays de la Loire"]),
    "FR-NAQ": ("region", ["Nouvelle-Aquitaine", "Neu-Aquitanien", "Nieuw-Aquitanië"]),
    "FR-ARA": ("region", ["Auvergne-Rhône-Alpes"]),
    "FR-BFC": ("region", ["Bourgogne-Franche-Comté", "Burgund-Franche-Comté"]),
    "FR-CVL": ("region", ["Centre-Val de Loire", "Centre"]),
    "FR-PAC": ("region", ["Provence-Alpes-Côte d'Azur", "Région Sud"]),
    "FR-20R": ("region", ["Corse", "Collectivité de Corse", "Korsika", "Corsica"]),
    "FR-971": ("region", ["Guadeloupe"]),
    "FR-972": ("region", ["Martinique"]),
    "FR-973": ("region", ["Guyane"]),
    "FR-974": ("region", ["La Réunion", "Réunion"]),
    "FR-976": ("region", ["Mayotte"]),
    # Former regions keep their former ISO 3166-2 codes.
    "FR-A": ("former_region", ["Alsace"]),
    "FR-B": ("former_region", ["Aquitaine"]),
    "FR-C": ("former_region", ["Auvergne"]),
    "FR-D": ("former_region", ["Bourgogne"]),
    "FR-G": ("former_region", ["Champagne-Ardenne"]),
    "FR-I": ("former_region", ["Franche-Comté"]),
    "FR-K": ("former_region", ["Languedoc-Roussillon"]),
    "FR-L": ("former_region", ["Limousin"]),
    "FR-M": ("former_region", ["Lorraine"]),
    "FR-N": ("former_region", ["Midi-Pyrénées"]),
    "FR-O": ("former_region", ["Nord-Pas-de-Calais"]),
    "FR-P": ("former_region", ["Basse-Normandie"]),
    "FR-Q": ("former_region", ["Haute-Normandie"]),
    "FR-S": ("former_region", ["Picardie"]),
    "FR-T": ("former_region", ["Poitou-Charentes"]),
    "FR-V": ("former_region", ["Rhône-Alpes"]),
    "FR-59": ("departement", ["département du Nord"]),
    "FR-62": ("departement", ["Pas-de-Calais"]),
    "FR-02": ("departement", ["Aisne"]),
    "FR-60": ("departement", ["Oise"]),
    "FR-80": ("departement", ["la Somme", "département de la Somme", "Somme (80)"]),
    "FR-08": ("departement", ["Ardennes"]),
    "FR-57": ("departement", ["Moselle"]),
    "FR-54": ("departement", ["Meurthe-et-Moselle"]),
    "BE-WAL": ("region", ["Wallonie", "Wallonië", "Wallonien", "Région wallonne", "Wallonia"]),
    "BE-VLG": ("region", ["Flandre", "Flandres", "Vlaanderen", "Flandern", "Région flamande", "Flanders"]),
    "BE-BRU": ("region", ["Bruxelles-Capitale", "Région de Bruxelles-Capitale", "Brussels Hoofdstedelijk Gewest"]),
    "BE-VWV": ("province", ["Flandre occidentale", "West-Vlaanderen", "Westflandern"]),
    "BE-VOV": ("province", ["Flandre orientale", "Oost-Vlaanderen", "Ostflandern"]),
    "BE-VAN": ("province", ["Anvers", "Antwerpen"]),
    "BE-VBR": ("province", ["Brabant flamand", "Vlaams-Brabant"]),
    "BE-WBR": ("province", ["Brabant wallon", "Waals-Brabant"]),
    "BE-WHT": ("province", ["Hainaut", "Henegouwen", "Hennegau"]),
    "BE-WNA": ("province", ["province de Namur", "provincie Namen"]),
    "BE-WLG": ("province", ["province de Liège", "provincie Luik"]),
    "DE-NW": ("region", ["Nordrhein-Westfalen", "Rhénanie-du-Nord-Westphalie", "Rhénanie du Nord-Westphalie",
                         "Rhénanie-du-NordWestphalie", "Noordrijn-Westfalen", "North Rhine-Westphalia", "NRW"]),
    "DE-RP": ("region", ["Rheinland-Pfalz", "Rhénanie-Palatinat", "Rijnland-Palts"]),
    "DE-SL": ("region", ["Saarland", "Sarre"]),
    "DE-BW": ("region", ["Baden-Württemberg", "Bade-Wurtemberg"]),
    "NL-LI": ("province", ["Limburg (NL)", "Nederlands Limburg", "Limbourg néerlandais"]),
    "NL-ZE": ("province", ["Zeeland", "Zélande"]),
    "NL-NB": ("province", ["Noord-Brabant", "Brabant-Septentrional"]),
    "INTERREG-FWVL": ("programme_area", ["Interreg France-Wallonie-Vlaanderen", "Interreg V France-Wallonie-Vlaanderen",
                                          "Interreg VI France-Wallonie-Vlaanderen", "France-Wallonie-Vlaanderen"]),
}
# Names that are also common words ("la somme", "une réunion"): only with their capital letter.
CAPITALISED_ONLY = {"Somme", "Réunion", "Sarre", "Oise", "Aisne", "Centre"}
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


_WORD = re.compile(r"[^\W_]+")
# Words of one name are joined by spaces, hyphens or apostrophes, never by punctuation.
_JOINER = re.compile(r"[\s\-'’]*")


@lru_cache(maxsize=1)
def _area_index() -> tuple[dict[tuple[str, ...], str], int]:
    """Every name as its folded words → code; the first code listing a name keeps it."""
    index: dict[tuple[str, ...], str] = {}
    for code, (_, names) in AREAS.items():
        for name in names:
            index.setdefault(tuple(_WORD.findall(strip_accents(name))), code)
    return index, max(len(k) for k in index)


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
        folded = "".join(strip_accents(c)[:1] or c for c in text)
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
            if written.capitalize() in CAPITALISED_ONLY and not written[0].isupper():
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


def parent_area(codes: list[str]) -> str | None:
    """The area that holds all of these: the country of subdivisions of one country.

    >>> parent_area(["FR-A", "FR-IDF", "FR-971"]), parent_area(["BE-VWV", "FR-59"]), parent_area([])
    ('FR', None, None)
    """
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
    return bool(re.search(r"(?<!\w)(region|regional|regionale|regio|regionaal)(?!\w)", folded))


def area_rows() -> list[dict]:
    """The area table of the warehouse: one row per (code, name)."""
    rows = []
    for code, (level, names) in AREAS.items():
        for name in names:
            rows.append({"code": code, "name": name, "level": level})
    return rows
