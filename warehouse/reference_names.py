"""Display names of the vocabularies in French, Dutch, German and English.

The extractors' gazetteer (extractors.annotate.areas) lists every wording that *reads* as
an area; this module says how to *write* each code for a reader, one name per
language, and labels the indicators the same way. warehouse.load.load_reference_tables
merges both into the `areas` and `indicators` tables.
"""
from __future__ import annotations

from extractors.lexicon import load_file

_LABELS = load_file("labels.yaml")
LANGUAGES = tuple(_LABELS["languages"])
# code → {language: name}: the names neither pycountry's translations nor areas.yaml give (labels.yaml).
AREA_NAME_CORRECTIONS: dict[str, dict[str, str]] = {code: dict(names) for code, names in _LABELS["area_names"].items()}
INDICATOR_LABELS: dict[str, tuple[str, ...]] = {code: tuple(v) for code, v in _LABELS["indicator_labels"].items()}


def area_name_rows(levels: dict[str, str]) -> list[dict]:
    """One `areas` row per code and language; `levels` gives each code's level.

    >>> [row for row in area_name_rows({"BE": "country"}) if row["code"] == "BE"][1]
    {'code': 'BE', 'name': 'België', 'language': 'nl', 'level': 'country'}
    """
    rows = []
    for code in sorted(set(levels) | set(AREA_NAME_CORRECTIONS)):
        rows.extend({"code": code, "name": name, "language": language, "level": levels.get(code)}
                    for language, name in zip(LANGUAGES, area_names(code)))
    return rows


def area_names(code: str) -> tuple[str, ...]:
    """A code's name in French, Dutch, German and English: ISO's (pycountry and its translations), else
    the first name lexicon/areas.yaml gives it, each language corrected where labels.yaml says.

    >>> area_names("FI"), area_names("BE-VLG")
    (('Finlande', 'Finland', 'Finnland', 'Finland'), ('Flandre', 'Vlaanderen', 'Flandern', 'Flanders'))
    """
    corrections = AREA_NAME_CORRECTIONS.get(code, {})
    return tuple(corrections.get(language, name) for language, name in zip(LANGUAGES, iso_names(code)))


def iso_names(code: str) -> tuple[str, str, str, str]:
    """A code's name in French, Dutch, German and English from pycountry's translations. A code ISO does
    not know (a former region, a programme area) starts from the first name the gazetteer lists for it
    (lexicon/areas.yaml), which the ISO 3166-2 catalogues still translate when it was once ISO's
    ("Alsace" is "Elzas" in Dutch). ISO has no English name of a subdivision: its own name stands.

    >>> iso_names("FI"), iso_names("FR-A")
    (('Finlande', 'Finland', 'Finnland', 'Finland'), ('Alsace', 'Elzas', 'Alsace', 'Alsace'))
    """
    import gettext

    import pycountry

    from extractors.annotate.areas import AREAS

    record = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    domain = "iso3166-1"
    if record is None:
        record, domain = pycountry.subdivisions.get(code=code), "iso3166-2"
    name = record.name if record is not None else AREAS[code][1][0] if code in AREAS else code
    translated = [gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True).gettext(name)
                  for lang in LANGUAGES[:3]]
    return (*translated, name)


def indicator_labels(code: str) -> dict[str, str | None]:
    """The `indicators` label columns of a code (English in `label`); None for a code without labels.

    >>> indicator_labels("jobseekers")["label_nl"]
    'Werkzoekenden'
    """
    fr, nl, de, en = INDICATOR_LABELS.get(code, (None, None, None, None))
    return {"label": en, "label_fr": fr, "label_nl": nl, "label_de": de}
