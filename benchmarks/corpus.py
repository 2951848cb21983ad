"""A seeded generator of documents composed by code, with the facts each one states.

Every document is built from blocks (headings, paragraphs, tables) by templates
that know which figure they wrote and what it means, so each document comes with
its expected facts (indicator, area, segment, period, value, unit, qualifier) and
partnerships. The same seed gives the same bytes and the same manifest; document
`i` depends only on the seed and `i`, so a corpus of 100 documents is the first
100 documents of a corpus of 5,000.

Kinds: French regional monographs (tables "Année N-1 | Année N | Évolution (En %)",
RÉGION/NATIONAL columns, budget tables in millions d'euros whose lines sum to their
totals, commitment authorities in euros, prose on budgets and labels), Dutch and
German fact sheets (tables by year or by area), and French, Dutch and German press
articles (figures with qualifiers, numbers in words, dates, signed agreements).
Formats: .txt (TAB tables or Markdown tables), .md, .html and .pdf (reportlab,
ruled tables with the same cells).

>>> docs = [compose(i, seed=7) for i in range(3)]
>>> [d.name for d in docs] == [compose(i, seed=7).name for i in range(3)]
True
>>> all(f.surface in render_text(d) for d in docs for f in d.facts)
True

Command line: ``python -m benchmarks.corpus --docs 100 --out benchmarks/out/corpus``.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import io
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_SEED = 20261122

# --------------------------------------------------------------------------
# vocabulary: areas (contract codes) with their names in fr / nl / de
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    code: str
    fr: str
    nl: str
    de: str
    level: str  # region, province, country

    def name(self, lang: str) -> str:
        return getattr(self, lang)


FR_REGIONS = [
    Area("FR-HDF", "Hauts-de-France", "Hauts-de-France", "Hauts-de-France", "region"),
    Area("FR-GES", "Grand Est", "Grand Est", "Grand Est", "region"),
    Area("FR-OCC", "Occitanie", "Occitanie", "Okzitanien", "region"),
    Area("FR-IDF", "Île-de-France", "Île-de-France", "Île-de-France", "region"),
    Area("FR-NOR", "Normandie", "Normandië", "Normandie", "region"),
    Area("FR-BRE", "Bretagne", "Bretagne", "Bretagne", "region"),
    Area("FR-PDL", "Pays de la Loire", "Pays de la Loire", "Pays de la Loire", "region"),
    Area("FR-NAQ", "Nouvelle-Aquitaine", "Nouvelle-Aquitaine", "Nouvelle-Aquitaine", "region"),
    Area("FR-ARA", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes", "region"),
    Area("FR-BFC", "Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté", "Bourgogne-Franche-Comté", "region"),
    Area("FR-CVL", "Centre-Val de Loire", "Centre-Val de Loire", "Centre-Val de Loire", "region"),
    Area("FR-PAC", "Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur", "Provence-Alpes-Côte d'Azur", "region"),
]
BE_AREAS = [
    Area("BE-WAL", "Wallonie", "Wallonië", "Wallonien", "region"),
    Area("BE-VLG", "Flandre", "Vlaanderen", "Flandern", "region"),
    Area("BE-BRU", "Bruxelles-Capitale", "Brussels Hoofdstedelijk Gewest", "Brüssel-Hauptstadt", "region"),
    Area("BE-VWV", "Flandre occidentale", "West-Vlaanderen", "Westflandern", "province"),
    Area("BE-WHT", "Hainaut", "Henegouwen", "Hennegau", "province"),
]
DE_NW = Area("DE-NW", "Rhénanie-du-Nord-Westphalie", "Noordrijn-Westfalen", "Nordrhein-Westfalen", "region")
COUNTRY = {
    "FR": Area("FR", "France", "Frankrijk", "Frankreich", "country"),
    "BE": Area("BE", "Belgique", "België", "Belgien", "country"),
    "DE": Area("DE", "Allemagne", "Duitsland", "Deutschland", "country"),
}
# Public bodies that sign agreements, by country (as written).
BODIES = {
    "FR": ["France Travail", "l'Apec"],
    "BE": ["le Forem", "le VDAB", "Actiris"],
    "DE": ["la Bundesagentur für Arbeit"],
}

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
}
NUMBER_WORDS = {
    "fr": {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit", 9: "neuf", 10: "dix",
           11: "onze", 12: "douze", 13: "treize", 14: "quatorze", 15: "quinze", 16: "seize", 17: "dix-sept",
           18: "dix-huit", 19: "dix-neuf", 20: "vingt"},
    "nl": {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen", 10: "tien",
           11: "elf", 12: "twaalf", 13: "dertien", 14: "veertien", 15: "vijftien", 16: "zestien", 17: "zeventien",
           18: "achttien", 19: "negentien", 20: "twintig"},
    "de": {2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs", 7: "sieben", 8: "acht", 9: "neun", 10: "zehn",
           11: "elf", 12: "zwölf", 13: "dreizehn", 14: "vierzehn", 15: "fünfzehn", 16: "sechzehn", 17: "siebzehn",
           18: "achtzehn", 19: "neunzehn", 20: "zwanzig"},
}
# Qualifiers: (phrase, contract qualifier).
QUALIFIERS = {
    "fr": [("près de", "approx"), ("plus de", "min"), ("environ", "approx"), ("moins de", "max")],
    "nl": [("meer dan", "min"), ("bijna", "approx"), ("ongeveer", "approx"), ("minder dan", "max")],
    "de": [("mehr als", "min"), ("rund", "approx"), ("etwa", "approx"), ("weniger als", "max")],
}

# --------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------


@dataclass
class ExpectedFact:
    indicator: str
    area: str | None
    segment: str | None
    period_start: str | None  # ISO dates
    period_end: str | None
    value: float
    unit: str
    qualifier: str | None
    surface: str  # the figure as written (digits or words), found literally in the text
    template: str  # which template wrote it, to group misses

    def key(self) -> tuple:
        return (self.indicator, self.area, self.segment, self.period_start, self.period_end, round(self.value, 6))


@dataclass
class ExpectedPartnership:
    parties: list[str]
    signed_on: str | None
    signed_precision: str | None
    starts_on: str | None
    ends_on: str | None
    template: str
    sentence: str


@dataclass
class Block:
    kind: str  # title, heading, paragraph, table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 1


@dataclass
class GeneratedDocument:
    index: int
    name: str  # file name, with its extension
    kind: str
    language: str
    format: str  # txt, txt_md (text with Markdown tables), md, html, pdf
    blocks: list[Block]
    facts: list[ExpectedFact]
    partnerships: list[ExpectedPartnership]

    def manifest_entry(self) -> dict:
        return {
            "index": self.index, "name": self.name, "kind": self.kind, "language": self.language,
            "format": self.format, "facts": [asdict(f) for f in self.facts],
            "partnerships": [asdict(p) for p in self.partnerships],
        }


# --------------------------------------------------------------------------
# formatting numbers and periods as each language writes them
# --------------------------------------------------------------------------


def fmt_number(value: float, lang: str, decimals: int = 0, sep: str | None = None) -> str:
    """A number as French ("5 998 916", "9,2"), Dutch or German ("62.000", "4,3") write it.

    >>> fmt_number(5998916, "fr"), fmt_number(62000, "nl"), fmt_number(1085.094, "fr", 3), fmt_number(-1.5, "de", 1)
    ('5 998 916', '62.000', '1 085,094', '-1,5')
    """
    text = f"{value:,.{decimals}f}"
    thousands = sep if sep is not None else (" " if lang == "fr" else ".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", thousands)


def iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def year_span(y: int) -> tuple[str, str]:
    return f"{y}-01-01", f"{y}-12-31"


def quarter_span(y: int, q: int) -> tuple[str, str]:
    first = 3 * q - 2
    last = dt.date(y + (first + 2) // 12, (first + 2) % 12 + 1, 1) - dt.timedelta(days=1)
    return f"{y}-{first:02d}-01", last.isoformat()


def month_span(y: int, m: int) -> tuple[str, str]:
    last = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    return f"{y}-{m:02d}-01", last.isoformat()


def school_span(y: int) -> tuple[str, str]:
    return f"{y}-09-01", f"{y + 1}-08-31"


def day_span(d: dt.date) -> tuple[str, str]:
    return d.isoformat(), d.isoformat()


def fr_quarter(q: int, rng: random.Random) -> str:
    """'3e trimestre', '3 ^e trimestre', '3ème trimestre', 'troisième trimestre'."""
    return rng.choice([f"{q}e trimestre", f"{q} ^e trimestre", f"{q}ème trimestre",
                       ["premier", "deuxième", "troisième", "quatrième"][q - 1] + " trimestre"])


def fr_day(d: dt.date, rng: random.Random) -> str:
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS['fr'][d.month - 1]} {d.year}"


def nl_day(d: dt.date) -> str:
    return f"{d.day} {MONTHS['nl'][d.month - 1]} {d.year}"


def de_day(d: dt.date) -> str:
    return f"{d.day}. {MONTHS['de'][d.month - 1]} {d.year}"


def random_day(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))


def pct_change(before: float, after: float) -> float:
    return (after - before) / before * 100


# --------------------------------------------------------------------------
# a document under construction
# --------------------------------------------------------------------------


class Builder:
    """Collects blocks, facts and partnerships while templates write."""

    def __init__(self, rng: random.Random, lang: str):
        self.rng = rng
        self.lang = lang
        self.blocks: list[Block] = []
        self.facts: list[ExpectedFact] = []
        self.partnerships: list[ExpectedPartnership] = []

    def heading(self, text: str) -> None:
        self.blocks.append(Block("heading", text))

    def title(self, text: str) -> None:
        self.blocks.append(Block("title", text))

    def paragraph(self, sentences: list[str]) -> None:
        if sentences:
            self.blocks.append(Block("paragraph", " ".join(sentences)))

    def table(self, rows: list[list[str]], header_rows: int = 1) -> None:
        self.blocks.append(Block("table", rows=rows, header_rows=header_rows))

    def fact(self, template: str, indicator: str, area: str | None, segment: str | None,
             period: tuple[str, str] | None, value: float, unit: str, surface: str,
             qualifier: str | None = None) -> str:
        self.facts.append(ExpectedFact(indicator, area, segment, period[0] if period else None,
                                       period[1] if period else None, float(value), unit, qualifier, surface,
                                       template))
        return surface

    def num(self, value: float, decimals: int = 0) -> str:
        """A number in the document's language; French thousands use a space, sometimes NBSP or U+202F."""
        sep = None
        if self.lang == "fr":
            sep = self.rng.choices([" ", "\u00a0", "\u202f"], [0.8, 0.1, 0.1])[0]
        return fmt_number(value, self.lang, decimals, sep)

    def qualifier(self) -> tuple[str, str | None]:
        """(phrase + space, qualifier) or ('', None) for an exact figure."""
        if self.rng.random() < 0.45:
            return "", None
        phrase, kind = self.rng.choice(QUALIFIERS[self.lang])
        return phrase + " ", kind

    def words(self, n: int) -> str:
        return NUMBER_WORDS[self.lang][n]


# --------------------------------------------------------------------------
# French monograph
# --------------------------------------------------------------------------


def _region_profile(rng: random.Random) -> dict:
    pop = rng.randint(2_000_000, 12_500_000)
    return {
        "pop": pop,
        "active": int(pop * rng.uniform(0.43, 0.49)),
        "jobseekers": int(pop * rng.uniform(0.06, 0.095)),
        "rate": round(rng.uniform(5.5, 11.5), 1),
        "apprentices": int(pop * rng.uniform(0.008, 0.016)),
        "cfa": rng.randint(40, 320),
        "providers": rng.randint(600, 9000),
    }


def _evolution(before: float, after: float, rng: random.Random) -> str:
    if rng.random() < 0.15:
        return "-"
    return f"{fmt_number(pct_change(before, after), 'fr', 2)} %"


def monograph_fr(b: Builder, idx: int) -> None:
    rng = b.rng
    region = rng.choice(FR_REGIONS)
    code, name = region.code, region.fr
    pub = rng.randint(2017, 2026)  # year of publication
    d = pub - 1  # the latest data year
    prof = _region_profile(rng)
    num = b.num

    b.title(rng.choice(["FORMATION PROFESSIONNELLE, APPRENTISSAGE ET EMPLOI", "MONOGRAPHIE RÉGIONALE",
                        "Portrait régional de l'emploi et de la formation"]))
    b.heading(f"RÉGION {name.upper()}" if rng.random() < 0.5 else f"Région {name}")
    b.heading(f"{MONTHS['fr'][rng.randint(0, 11)].capitalize()} {pub}")
    b.paragraph([f"Ce document rassemble les principaux indicateurs de la région {name} sur l'emploi, "
                 f"la formation professionnelle et l'apprentissage."])

    # -- population and employment, RÉGION / NATIONAL --------------------------------------
    b.heading(rng.choice(["DONNÉES SOCIO-ÉCONOMIQUES", "Population et emploi", "CONTEXTE SOCIO-ÉCONOMIQUE"]))
    corner = rng.choice(["POPULATION ET EMPLOI", "INDICATEURS", ""])
    rows = [[corner, rng.choice(["RÉGION", "Région"]), "", "", rng.choice(["NATIONAL", "National"])],
            ["", "Année N-1", "Année N", "Évolution (En %)", "Année N"]]
    t = "mono.table.pop_emploi"

    def yearcell(value_text: str, y: int) -> str:
        return rng.choice([f"{value_text} en {y}", f"{value_text} ({y})", f"{value_text} en {y}"])

    # population
    p0 = prof["pop"]
    p1 = int(p0 * rng.uniform(0.995, 1.006))
    pn = rng.randint(66_000_000, 69_500_000)
    label = rng.choice(["POPULATION TOTALE", "Population totale", "Nombre d'habitants"])
    if rng.random() < 0.5:
        c0 = yearcell(b.fact(t + ".population", "population", code, None, year_span(d - 1), p0, "persons", num(p0)), d - 1)
        c1 = yearcell(b.fact(t + ".population", "population", code, None, year_span(d), p1, "persons", num(p1)), d)
        cn = yearcell(b.fact(t + ".population", "population", "FR", None, year_span(d), pn, "persons", num(pn)), d)
    else:
        j0, j1 = dt.date(d - 1, 1, 1), dt.date(d, 1, 1)
        c0 = f"{b.fact(t + '.population_day', 'population', code, None, day_span(j0), p0, 'persons', num(p0))} au {fr_day(j0, rng)}"
        c1 = f"{b.fact(t + '.population_day', 'population', code, None, day_span(j1), p1, 'persons', num(p1))} au {fr_day(j1, rng)}"
        cn = f"{b.fact(t + '.population_day', 'population', 'FR', None, day_span(j1), pn, 'persons', num(pn))} au {fr_day(j1, rng)}"
    rows.append([label, c0, c1, _evolution(p0, p1, rng), cn])
    # active population
    a0 = prof["active"]
    a1 = int(a0 * rng.uniform(0.99, 1.012))
    an = rng.randint(30_500_000, 31_800_000)
    rows.append([rng.choice(["POPULATION ACTIVE", "Population active"]),
                 yearcell(b.fact(t + ".active", "active_population", code, None, year_span(d - 2), a0, "persons", num(a0)), d - 2),
                 yearcell(b.fact(t + ".active", "active_population", code, None, year_span(d - 1), a1, "persons", num(a1)), d - 1),
                 _evolution(a0, a1, rng),
                 yearcell(b.fact(t + ".active", "active_population", "FR", None, year_span(d - 1), an, "persons", num(an)), d - 1)])
    # jobseekers by quarter, with age groups that sum to the total
    q = rng.randint(1, 4)
    qs0, qs1 = quarter_span(d - 1, q), quarter_span(d, q)
    j0 = prof["jobseekers"]
    j1 = int(j0 * rng.uniform(0.94, 1.08))
    jn = rng.randint(5_300_000, 6_200_000)

    def qcell(value_text: str, y: int) -> str:
        qt = fr_quarter(q, rng)
        return rng.choice([f"{value_text} ({qt} {y})", f"{value_text} au {qt} {y}"])

    def split(total: int) -> list[int]:
        young = int(total * rng.uniform(0.13, 0.19))
        senior = int(total * rng.uniform(0.22, 0.28))
        return [young, total - young - senior, senior]

    rows.append([rng.choice(["DEMANDEURS D'EMPLOI (catégories A, B et C)", "Demandeurs d'emploi",
                             "DEMANDEURS D'EMPLOI"]),
                 qcell(b.fact(t + ".jobseekers", "jobseekers", code, None, qs0, j0, "persons", num(j0)), d - 1),
                 qcell(b.fact(t + ".jobseekers", "jobseekers", code, None, qs1, j1, "persons", num(j1)), d),
                 _evolution(j0, j1, rng),
                 qcell(b.fact(t + ".jobseekers", "jobseekers", "FR", None, qs1, jn, "persons", num(jn)), d)])
    ages = [("age:<25", ["Moins de 25 ans", "Dont moins de 25 ans"]),
            ("age:25-49", ["25-49 ans", "Dont 25-49 ans", "De 25 à 49 ans"]),
            ("age:50+", ["50 ans ou plus", "Dont 50 ans et plus", "50 ans et plus"])]
    for (segment, labels), v0, v1, vn in zip(ages, split(j0), split(j1), split(jn)):
        rows.append([rng.choice(labels),
                     qcell(b.fact(t + ".jobseekers_age", "jobseekers", code, segment, qs0, v0, "persons", num(v0)), d - 1),
                     qcell(b.fact(t + ".jobseekers_age", "jobseekers", code, segment, qs1, v1, "persons", num(v1)), d),
                     _evolution(v0, v1, rng),
                     qcell(b.fact(t + ".jobseekers_age", "jobseekers", "FR", segment, qs1, vn, "persons", num(vn)), d)])
    # unemployment rate by quarter, then by age group and year
    r0 = prof["rate"]
    r1 = round(r0 + rng.uniform(-0.6, 0.6), 1)
    rn = round(rng.uniform(7.0, 8.2), 1)
    rq = rng.randint(1, 4)
    rqs0, rqs1 = quarter_span(d - 1, rq), quarter_span(d, rq)

    def rcell(value_text: str, y: int) -> str:
        qt = fr_quarter(rq, rng)
        return rng.choice([f"{value_text} % au {qt} {y}", f"{value_text} % ({qt} {y})", f"{value_text} % Au {qt} {y}"])

    rows.append([rng.choice(["TAUX DE CHÔMAGE (% de la population active)", "Taux de chômage", "TAUX DE CHOMAGE"]),
                 rcell(b.fact(t + ".rate", "unemployment_rate", code, None, rqs0, r0, "percent", num(r0, 1)), d - 1),
                 rcell(b.fact(t + ".rate", "unemployment_rate", code, None, rqs1, r1, "percent", num(r1, 1)), d),
                 _evolution(r0, r1, rng),
                 rcell(b.fact(t + ".rate", "unemployment_rate", "FR", None, rqs1, rn, "percent", num(rn, 1)), d)])
    for segment, label, lo, hi in [("age:15-24", "Dont 15-24 ans", 14, 30), ("age:25-49", "Dont 25-49 ans", 5, 10),
                                   ("age:50-64", "Dont 50-64 ans", 4, 8)]:
        v0, v1, vn = (round(rng.uniform(lo, hi), 1) for _ in range(3))
        rows.append([label,
                     f"{b.fact(t + '.rate_age', 'unemployment_rate', code, segment, year_span(d - 2), v0, 'percent', num(v0, 1))} % en {d - 2}",
                     f"{b.fact(t + '.rate_age', 'unemployment_rate', code, segment, year_span(d - 1), v1, 'percent', num(v1, 1))} % en {d - 1}",
                     _evolution(v0, v1, rng),
                     f"{b.fact(t + '.rate_age', 'unemployment_rate', 'FR', segment, year_span(d - 1), vn, 'percent', num(vn, 1))} % en {d - 1}"])
    b.table(rows, header_rows=2)
    b.paragraph([rng.choice(["Sources : INSEE, DARES, 2026", "Source : Insee, France Travail"])])

    # -- unemployment in prose --------------------------------------------------------------
    if rng.random() < 0.7:
        b.heading(rng.choice(["Le marché du travail", "EMPLOI ET CHÔMAGE"]))
        qt = fr_quarter(rq, rng)
        pr = rng.randrange(3)
        if pr == 0:
            s = (f"Au {qt} {d}, le taux de chômage s'établit à "
                 f"{b.fact('mono.prose.rate.t1', 'unemployment_rate', code, None, rqs1, r1, 'percent', num(r1, 1))} % "
                 f"en région {name}, contre "
                 f"{b.fact('mono.prose.rate.t1', 'unemployment_rate', 'FR', None, rqs1, rn, 'percent', num(rn, 1))} % en France.")
        elif pr == 1:
            s = (f"Le taux de chômage de la région {name} atteint "
                 f"{b.fact('mono.prose.rate.t2', 'unemployment_rate', code, None, rqs1, r1, 'percent', num(r1, 1))} % au {qt} {d}.")
        else:
            # The table's figure restated exactly (a qualifier would make the same figure two different statements).
            s = (f"Au {qt} {d}, la région {name} comptait "
                 f"{b.fact('mono.prose.jobseekers', 'jobseekers', code, None, qs1 if rq == q else quarter_span(d, rq), j1, 'persons', num(j1))}"
                 f" demandeurs d'emploi.")
        b.paragraph([s])

    # -- apprenticeship, RÉGION / NATIONAL ----------------------------------------------------
    b.heading(rng.choice(["INDICATEURS FORMATION-APPRENTISSAGE", "APPRENTISSAGE", "L'apprentissage en région"]))
    t = "mono.table.apprentissage"
    rows = [["", "RÉGION", "", "", "NATIONAL"], ["", "Année N-1", "Année N", "Évolution (En %)", "Année N"]]
    ap0 = prof["apprentices"]
    ap1 = int(ap0 * rng.uniform(0.97, 1.1))
    apn = rng.randint(850_000, 1_100_000)
    sep = rng.choice(["/", "-"])

    def sycell(value_text: str, y: int) -> str:
        return f"{value_text} en {y}{sep}{y + 1}"

    rows.append([rng.choice(["Effectif d'apprentis", "Nombre d'apprentis", "EFFECTIFS D'APPRENTIS"]),
                 sycell(b.fact(t + ".apprentices", "apprentices", code, None, school_span(d - 2), ap0, "persons", num(ap0)), d - 2),
                 sycell(b.fact(t + ".apprentices", "apprentices", code, None, school_span(d - 1), ap1, "persons", num(ap1)), d - 1),
                 _evolution(ap0, ap1, rng),
                 sycell(b.fact(t + ".apprentices", "apprentices", "FR", None, school_span(d - 1), apn, "persons", num(apn)), d - 1)])
    c0 = int(ap0 * rng.uniform(0.9, 1.05))
    c1 = int(c0 * rng.uniform(0.97, 1.08))
    cn = rng.randint(800_000, 1_050_000)
    rows.append([rng.choice(["Nb de contrats d'apprentissage", "Contrats d'apprentissage signés"]),
                 f"{b.fact(t + '.contracts', 'apprenticeship_contracts', code, None, year_span(d - 2), c0, 'count', num(c0))} en {d - 2}",
                 f"{b.fact(t + '.contracts', 'apprenticeship_contracts', code, None, year_span(d - 1), c1, 'count', num(c1))} en {d - 1}",
                 _evolution(c0, c1, rng),
                 f"{b.fact(t + '.contracts', 'apprenticeship_contracts', 'FR', None, year_span(d - 1), cn, 'count', num(cn))} en {d - 1}"])
    f0 = prof["cfa"]
    f1 = f0 + rng.randint(-5, 40)
    fn = rng.randint(2_800, 3_900)
    jan0, jan1 = dt.date(d - 1, 1, 1), dt.date(d, 1, 1)
    rows.append([rng.choice(["Nombre de CFA", "Nombre CFA"]),
                 f"{b.fact(t + '.cfa', 'cfa_count', code, None, day_span(jan0), f0, 'count', num(f0))} au {fr_day(jan0, rng)}",
                 f"{b.fact(t + '.cfa', 'cfa_count', code, None, day_span(jan1), f1, 'count', num(f1))} au {fr_day(jan1, rng)}",
                 _evolution(f0, f1, rng),
                 f"{b.fact(t + '.cfa', 'cfa_count', 'FR', None, day_span(jan1), fn, 'count', num(fn))} au {fr_day(jan1, rng)}"])
    o0 = prof["providers"]
    o1 = o0 + rng.randint(-200, 400)
    on = rng.randint(90_000, 110_000)
    rows.append([rng.choice(["Nombre d'organismes de formation", "Organismes de formation"]),
                 f"{b.fact(t + '.providers', 'training_providers', code, None, year_span(d - 2), o0, 'count', num(o0))} en {d - 2}",
                 f"{b.fact(t + '.providers', 'training_providers', code, None, year_span(d - 1), o1, 'count', num(o1))} en {d - 1}",
                 _evolution(o0, o1, rng),
                 f"{b.fact(t + '.providers', 'training_providers', 'FR', None, year_span(d - 1), on, 'count', num(on))} en {d - 1}"])
    m0 = round(rng.uniform(20, 180), 1)
    m1 = round(m0 * rng.uniform(0.9, 1.15), 1)
    mn = round(rng.uniform(220, 320), 1)
    rows.append(["Montant de la dépense pour l'apprentissage",
                 f"{b.fact(t + '.apprenticeship_spending', 'spending', code, 'line:apprenticeship', year_span(d - 2), m0 * 1e6, 'EUR', num(m0, 1))} M€ en {d - 2}",
                 f"{b.fact(t + '.apprenticeship_spending', 'spending', code, 'line:apprenticeship', year_span(d - 1), m1 * 1e6, 'EUR', num(m1, 1))} M€ en {d - 1}",
                 _evolution(m0, m1, rng),
                 f"{b.fact(t + '.apprenticeship_spending', 'spending', 'FR', 'line:apprenticeship', year_span(d - 1), mn * 1e6, 'EUR', num(mn, 1))} M€ en {d - 1}"])
    b.table(rows, header_rows=2)
    b.paragraph(["Sources : DARES, DREETS, 2026"])

    # -- consolidated spending by line (millions d'euros), lines sum to totals ---------------------
    b.heading(rng.choice(["BUDGETS CONSOLIDÉS", "BUDGETS", "Les dépenses de formation"]))
    b.heading(rng.choice(["En millions d'euros", "Dépenses (en millions d'euros)", "Montants en millions d'euros"]))
    t = "mono.table.budget_lines"
    lines = [("line:continuing_vocational_training", "Formation professionnelle continue"),
             ("line:health_social_training", "Formations sanitaires et sociales"),
             ("line:apprenticeship", "Apprentissage"),
             ("line:non_allocable", "Dépenses non ventilables")]
    rows = [[rng.choice(["Années", "Année"]), "Dépenses totales"] + [label for _, label in lines]]
    for y in (d - 3, d - 2, d - 1):
        parts = [rng.randint(1500, 4500), rng.randint(600, 1800), rng.randint(100, 900), rng.randint(5, 60)]  # tenths
        total = sum(parts)
        cells = [str(y), b.fact(t, "spending", code, "line:total", year_span(y), total * 1e5, "EUR", num(total / 10, 1))]
        for (segment, _), tenths in zip(lines, parts):
            cells.append(b.fact(t, "spending", code, segment, year_span(y), tenths * 1e5, "EUR", num(tenths / 10, 1)))
        rows.append(cells)
    b.table(rows)
    b.paragraph(["Sources : Annexes aux projets de loi de finances"])

    # -- commitment authorities in euros (BP N-1 / BP N), operating + investment = total ------------
    if rng.random() < 0.7:
        t = "mono.table.commitment"
        b.heading(rng.choice(["Capacités d'engagement (en euros)", "CAPACITÉS D'ENGAGEMENT (en euros)"]))
        rows = [["Libellé", f"BP {pub - 1}", f"BP {pub}", "Evolution"]]
        grouped = rng.random() < 0.5
        parent = "line:education_training_apprenticeship"
        if grouped:
            rows.append(["Enseignement, formation professionnelle et apprentissage", "", "", ""])
        ops = [rng.randint(300_000_000, 1_200_000_000) for _ in range(2)]
        inv = [rng.randint(50_000_000, 400_000_000) for _ in range(2)]
        for line, label, vals in (("line:operating", "Fonctionnement", ops), ("line:investment", "Investissement", inv)):
            segment = f"{parent}:{line.split(':')[1]}" if grouped else line
            rows.append([label,
                         b.fact(t, "commitment_authority", code, segment, year_span(pub - 1), vals[0], "EUR", num(vals[0])),
                         b.fact(t, "commitment_authority", code, segment, year_span(pub), vals[1], "EUR", num(vals[1])),
                         f"{fmt_number(pct_change(vals[0], vals[1]), 'fr', 2)}%"])
        if not grouped:
            tot = [ops[0] + inv[0], ops[1] + inv[1]]
            rows.append(["Total",
                         b.fact(t, "commitment_authority", code, "line:total", year_span(pub - 1), tot[0], "EUR", num(tot[0])),
                         b.fact(t, "commitment_authority", code, "line:total", year_span(pub), tot[1], "EUR", num(tot[1])),
                         f"{fmt_number(pct_change(tot[0], tot[1]), 'fr', 2)}%"])
        b.table(rows)

    # -- voted budget in prose ---------------------------------------------------------------------
    b.heading(rng.choice(["BUDGET PRIMITIF", "Le budget de la Région"]))
    total_bn = round(rng.uniform(1.2, 6.5), 1)
    part = round(rng.uniform(250, 1300), 3 if rng.random() < 0.4 else 1)
    decimals = 3 if part != round(part, 1) else 1
    qual, kind = b.qualifier()
    pr = rng.randrange(3)
    if pr == 0:
        s = (f"Le budget {pub} de la Région {name} s'élève à {qual}"
             f"{b.fact('mono.prose.budget.t1', 'budget', code, 'line:total', year_span(pub), total_bn * 1e9, 'EUR', num(total_bn, 1), kind)}"
             f" milliards d'euros, dont "
             f"{b.fact('mono.prose.budget.t1', 'budget', code, 'line:education_training_apprenticeship', year_span(pub), part * 1e6, 'EUR', num(part, decimals))}"
             f" millions d'euros pour l'enseignement, la formation professionnelle et l'apprentissage.")
    elif pr == 1:
        voted = random_day(rng, pub)
        s = (f"Voté le {fr_day(voted, rng)}, le budget primitif {pub} de la Région {name} atteint {qual}"
             f"{b.fact('mono.prose.budget.t2', 'budget', code, 'line:total', year_span(pub), total_bn * 1e9, 'EUR', num(total_bn, 1), kind)}"
             f" milliards d'euros.")
    else:
        s = (f"Pour {pub}, la Région {name} a adopté un budget de "
             f"{b.fact('mono.prose.budget.t3', 'budget', code, 'line:total', year_span(pub), total_bn * 1e9, 'EUR', num(total_bn, 1))}"
             f" milliards d'euros, dont "
             f"{b.fact('mono.prose.budget.t3', 'budget', code, 'line:training_and_apprenticeship', year_span(pub), part * 1e6, 'EUR', num(part, decimals))}"
             f" millions d'euros consacrés à la formation professionnelle et à l'apprentissage.")
    b.paragraph([s])

    # -- clusters and campus ---------------------------------------------------------------------
    if rng.random() < 0.6:
        b.heading(rng.choice(["PÔLES DE COMPÉTITIVITÉ ET CAMPUS", "Pôles et campus"]))
        nclusters = rng.randint(3, 12)
        ncampus = rng.randint(5, 20)
        if rng.random() < 0.5:
            s1 = (f"En {pub}, la région {name} compte "
                  f"{b.fact('mono.prose.clusters.digits', 'competitiveness_clusters', code, None, year_span(pub), nclusters, 'count', str(nclusters))}"
                  f" pôles de compétitivité.")
        else:
            s1 = (f"En {pub}, la région {name} compte "
                  f"{b.fact('mono.prose.clusters.words', 'competitiveness_clusters', code, None, year_span(pub), nclusters, 'count', b.words(nclusters) if nclusters <= 20 else str(nclusters))}"
                  f" pôles de compétitivité.")
        s2 = (f"{b.fact('mono.prose.campus', 'trade_campuses', code, None, year_span(pub), ncampus, 'count', str(ncampus))}"
              f" Campus des métiers et des qualifications sont labellisés dans la région {name} en {pub}.")
        b.paragraph([s1, s2])


# --------------------------------------------------------------------------
# Dutch and German fact sheets
# --------------------------------------------------------------------------


def factsheet_nl(b: Builder, idx: int) -> None:
    rng = b.rng
    area = rng.choice([a for a in BE_AREAS if a.code != "BE-WAL"] + [FR_REGIONS[0]])
    y = rng.randint(2016, 2025)
    num = b.num
    b.title(rng.choice([f"Kerncijfers arbeidsmarkt {area.nl}", f"Arbeidsmarkt in {area.nl}: de cijfers"]))
    b.paragraph([f"Deze fiche bundelt de belangrijkste cijfers over werk en opleiding in {area.nl}."])
    if rng.random() < 0.5:
        # by year: Indicator | y-1 | y
        b.heading(rng.choice(["Arbeidsmarkt", "Werk en werkloosheid"]))
        t = "sheet.nl.by_year"
        rate = [round(rng.uniform(3, 9), 1) for _ in range(2)]
        seekers = [rng.randint(15_000, 250_000) for _ in range(2)]
        pop = [rng.randint(1_100_000, 6_800_000) for _ in range(2)]
        rows = [["Indicator", str(y - 1), str(y)],
                ["Werkloosheidsgraad (%)"] + [b.fact(t + ".rate", "unemployment_rate", area.code, None, year_span(yy), v, "percent", num(v, 1)) for yy, v in zip((y - 1, y), rate)],
                ["Niet-werkende werkzoekenden"] + [b.fact(t + ".jobseekers", "jobseekers", area.code, None, year_span(yy), v, "persons", num(v)) for yy, v in zip((y - 1, y), seekers)],
                ["Bevolking"] + [b.fact(t + ".population", "population", area.code, None, year_span(yy), v, "persons", num(v)) for yy, v in zip((y - 1, y), pop)]]
        b.table(rows)
    else:
        # by area in one year: Indicator | area | Vlaanderen/België
        t = "sheet.nl.by_area"
        others = [COUNTRY["BE"]] if area.code.startswith("BE") else [COUNTRY["FR"]]
        cols = [area] + others
        b.heading(f"Werkloosheid in {y}")
        rows = [["Indicator"] + [c.nl for c in cols]]
        rates = [round(rng.uniform(3, 12), 1) for _ in cols]
        seekers = [rng.randint(15_000, 250_000), rng.randint(300_000, 3_000_000)]
        rows.append(["Werkloosheidsgraad (%)"] + [b.fact(t + ".rate", "unemployment_rate", c.code, None, year_span(y), v, "percent", num(v, 1)) for c, v in zip(cols, rates)])
        rows.append(["Niet-werkende werkzoekenden"] + [b.fact(t + ".jobseekers", "jobseekers", c.code, None, year_span(y), v, "persons", num(v)) for c, v in zip(cols, seekers)])
        b.table(rows)
    qual, kind = b.qualifier()
    v = rng.randint(800, 9000)
    b.paragraph([f"In {y} volgden {qual}{b.fact('sheet.nl.prose.trainees', 'trainees', area.code, None, year_span(y), v, 'persons', num(v), kind)}"
                 f" cursisten een opleiding in {area.nl}."])


def factsheet_de(b: Builder, idx: int) -> None:
    rng = b.rng
    area = DE_NW
    y = rng.randint(2016, 2025)
    num = b.num
    b.title(rng.choice(["Arbeitsmarkt in Nordrhein-Westfalen", "Ausbildung und Beschäftigung in Nordrhein-Westfalen"]))
    b.paragraph(["Dieses Datenblatt fasst die wichtigsten Kennzahlen zu Arbeit und Ausbildung zusammen."])
    b.heading(rng.choice(["Kennzahlen", "Arbeitsmarkt und Ausbildung"]))
    t = "sheet.de.by_year"
    rate = [round(rng.uniform(5.5, 8.5), 1) for _ in range(2)]
    jobless = [rng.randint(600_000, 800_000) for _ in range(2)]
    trainees = [rng.randint(100_000, 130_000) for _ in range(2)]
    rows = [["Kennzahl", str(y - 1), str(y)],
            ["Arbeitslosenquote (%)"] + [b.fact(t + ".rate", "unemployment_rate", area.code, None, year_span(yy), v, "percent", num(v, 1)) for yy, v in zip((y - 1, y), rate)],
            ["Arbeitslose"] + [b.fact(t + ".jobseekers", "jobseekers", area.code, None, year_span(yy), v, "persons", num(v)) for yy, v in zip((y - 1, y), jobless)],
            ["Auszubildende"] + [b.fact(t + ".apprentices", "apprentices", area.code, None, year_span(yy), v, "persons", num(v)) for yy, v in zip((y - 1, y), trainees)]]
    b.table(rows)
    if rng.random() < 0.6:
        vd = round(rng.uniform(5.0, 6.5), 1)
        b.paragraph([f"Zum Vergleich: Die Arbeitslosenquote in Deutschland lag {y} bei "
                     f"{b.fact('sheet.de.prose.rate_de', 'unemployment_rate', 'DE', None, year_span(y), vd, 'percent', num(vd, 1))} %."])


# --------------------------------------------------------------------------
# press articles (fr / nl / de)
# --------------------------------------------------------------------------


def _partner_pair(rng: random.Random, lang: str) -> tuple[Area, Area]:
    """A French or German region and a Belgian area (or NRW), for a cross-border agreement."""
    left = rng.choice(FR_REGIONS[:3] + [DE_NW]) if lang != "de" else rng.choice(FR_REGIONS[:3])
    right = rng.choice(BE_AREAS + ([DE_NW] if left.code != "DE-NW" and lang != "de" else []))
    if lang == "de":
        right = rng.choice([DE_NW] + BE_AREAS[:2])
    return left, right


def press_fr(b: Builder, idx: int) -> None:
    rng = b.rng
    left, right = _partner_pair(rng, "fr")
    y = rng.randint(2016, 2026)
    signed = random_day(rng, y)
    y2 = y + rng.randint(2, 6)
    num = b.num
    left_party = f"Région {left.fr}" if left.code.startswith("FR") else left.fr
    right_party = right.fr
    b.title(rng.choice([f"La {left_party} et {right.fr} renforcent leur coopération",
                        f"Emploi transfrontalier : un nouvel accord entre {left.fr} et {right.fr}",
                        f"Formation : {left.fr} et {right.fr} unissent leurs forces"]))
    pub = signed + dt.timedelta(days=rng.randint(0, 20))
    b.heading(f"Publié le {fr_day(pub, rng)}")
    # the signature
    pt = rng.randrange(3)
    art_right = "la " if right.code in ("BE-WAL", "BE-VLG", "BE-VWV") and rng.random() < 0.5 else ""
    if pt == 0:
        s = (f"Le {fr_day(signed, rng)}, la {left_party} et {art_right}{right_party} ont signé une convention de "
             f"coopération pour la période {y}-{y2}.")
        start, end = year_span(y)[0], year_span(y2)[1]
    elif pt == 1:
        s = (f"La {left_party} et {art_right}{right_party} ont signé le {fr_day(signed, rng)} un accord de "
             f"partenariat couvrant la période de {y} à {y2}.")
        start, end = year_span(y)[0], year_span(y2)[1]
    else:
        s = (f"C'est le {fr_day(signed, rng)} que la {left_party} et {art_right}{right_party} ont officialisé "
             f"leur plan d'action commun, sans date de fin.")
        start = end = None
    b.partnerships.append(ExpectedPartnership([left_party, right_party], signed.isoformat(), "day", start, end,
                                              f"press.fr.partnership.t{pt}", s))
    b.paragraph([s, "L'objectif est de faciliter la mobilité des jeunes et des demandeurs d'emploi de part et d'autre de la frontière."])

    sentences = []
    # partners, in words
    n = rng.randint(3, 20)
    pt = rng.randrange(3)
    w = b.words(n)
    if pt == 0:
        sentences.append(f"Le projet réunit {b.fact('press.fr.partners.t0', 'partners_count', None, None, None, n, 'count', w)} partenaires.")
    elif pt == 1:
        sentences.append(f"{b.fact('press.fr.partners.t1', 'partners_count', None, None, None, n, 'count', w.capitalize())} partenaires se sont engagés dans la démarche.")
    else:
        sentences.append(f"Au total, {b.fact('press.fr.partners.t2', 'partners_count', None, None, None, n, 'count', w)} partenaires français et belges y participent.")
    # funding
    m = round(rng.uniform(0.5, 25), 1)
    ft = rng.randrange(3)
    if ft == 0:
        sentences.append(f"La {left_party} consacre "
                         f"{b.fact('press.fr.funding.t0', 'funding', left.code, None, year_span(y), m * 1e6, 'EUR', num(m, 1))}"
                         f" millions d'euros à ce programme en {y}.")
    elif ft == 1:
        sentences.append(f"Le projet bénéficie d'un financement de "
                         f"{b.fact('press.fr.funding.t1', 'funding', None, None, None, m * 1e6, 'EUR', num(m, 1))} M€.")
    else:
        qual, kind = b.qualifier()
        sentences.append(f"L'enveloppe totale atteint {qual}"
                         f"{b.fact('press.fr.funding.t2', 'funding', None, None, None, m * 1e6, 'EUR', num(m, 1), kind)}"
                         f" millions d'euros.")
    # duration in words
    if start is not None:
        yrs = rng.randint(2, 6)
        sentences.append(f"Le programme est prévu pour une durée de "
                         f"{b.fact('press.fr.duration', 'duration_years', None, None, None, yrs, 'years', b.words(yrs))} ans.")
    b.paragraph(sentences)

    # regional labour market figures
    b.heading(rng.choice(["Un marché du travail sous tension", "Les chiffres clés", "Contexte"]))
    sentences = []
    rate = round(rng.uniform(5.5, 11.5), 1)
    q = rng.randint(1, 4)
    yy = y - 1
    rt = rng.randrange(3)
    if left.code.startswith("FR"):
        if rt == 0:
            national = round(rng.uniform(7.0, 8.2), 1)
            sentences.append(f"Au {fr_quarter(q, rng)} {yy}, le taux de chômage s'établit à "
                             f"{b.fact('press.fr.rate.t0', 'unemployment_rate', left.code, None, quarter_span(yy, q), rate, 'percent', num(rate, 1))}"
                             f" % en région {left.fr}, contre "
                             f"{b.fact('press.fr.rate.t0', 'unemployment_rate', 'FR', None, quarter_span(yy, q), national, 'percent', num(national, 1))}"
                             f" % en France.")
        elif rt == 1:
            sentences.append(f"En {yy}, la région {left.fr} affiche un taux de chômage de "
                             f"{b.fact('press.fr.rate.t1', 'unemployment_rate', left.code, None, year_span(yy), rate, 'percent', num(rate, 1))} %.")
        else:
            qual, kind = b.qualifier()
            v = rng.randint(120_000, 600_000)
            month = rng.randint(1, 12)
            sentences.append(f"Fin {MONTHS['fr'][month - 1]} {yy}, {qual}"
                             f"{b.fact('press.fr.jobseekers.month', 'jobseekers', left.code, None, month_span(yy, month), v, 'persons', num(v), kind)}"
                             f" demandeurs d'emploi étaient inscrits en région {left.fr}.")
    qual, kind = b.qualifier()
    v = rng.randint(150, 3000)
    tt = rng.randrange(2)
    if tt == 0:
        sentences.append(f"En {yy}, {qual}{b.fact('press.fr.trainees.t0', 'trainees', None, None, year_span(yy), v, 'persons', num(v), kind)}"
                         f" stagiaires ont été formés dans le cadre du dispositif.")
    else:
        sentences.append(f"Le dispositif a permis de former {qual}"
                         f"{b.fact('press.fr.trainees.t1', 'trainees', None, None, year_span(yy), v, 'persons', num(v), kind)}"
                         f" stagiaires en {yy}.")
    if rng.random() < 0.5:
        pr = rng.randint(55, 88)
        sentences.append(f"Le taux d'insertion dans l'emploi atteint "
                         f"{b.fact('press.fr.placement', 'placement_rate', None, None, year_span(yy), pr, 'percent', str(pr))}"
                         f" % en {yy}.")
    if rng.random() < 0.5:
        ap = rng.randint(8_000, 110_000)
        qual, kind = b.qualifier()
        ac = rng.randrange(2)
        if ac == 0 and left.code.startswith("FR"):
            sentences.append(f"En {yy}/{yy + 1}, {qual}"
                             f"{b.fact('press.fr.apprentices.t0', 'apprentices', left.code, None, school_span(yy), ap, 'persons', num(ap), kind)}"
                             f" apprentis étaient formés en région {left.fr}.")
        elif left.code.startswith("FR"):
            sentences.append(f"La région {left.fr} compte {qual}"
                             f"{b.fact('press.fr.apprentices.t1', 'apprentices', left.code, None, school_span(yy), ap, 'persons', num(ap), kind)}"
                             f" apprentis en {yy}-{yy + 1}.")
    b.paragraph(sentences)


def press_nl(b: Builder, idx: int) -> None:
    rng = b.rng
    left, right = _partner_pair(rng, "nl")
    y = rng.randint(2016, 2026)
    signed = random_day(rng, y)
    y2 = y + rng.randint(2, 6)
    num = b.num
    left_party = f"de regio {left.nl}" if left.code.startswith("FR") else left.nl
    written_left = left.nl if not left.code.startswith("FR") else f"regio {left.nl}"
    right_party = f"de provincie {right.nl}" if right.level == "province" else right.nl
    written_right = right.nl
    b.title(rng.choice([f"{left.nl} en {right.nl} versterken hun samenwerking",
                        f"Nieuw akkoord over grensoverschrijdend werken tussen {left.nl} en {right.nl}"]))
    b.heading(f"Gepubliceerd op {nl_day(signed + dt.timedelta(days=rng.randint(0, 20)))}")
    pt = rng.randrange(2)
    if pt == 0:
        s = (f"Op {nl_day(signed)} ondertekenden {left_party} en {right_party} een samenwerkingsakkoord voor de "
             f"periode {y}-{y2}.")
    else:
        s = (f"{left_party[0].upper() + left_party[1:]} en {right_party} hebben op {nl_day(signed)} een "
             f"overeenkomst ondertekend die loopt van {y} tot {y2}.")
    b.partnerships.append(ExpectedPartnership([written_left, written_right], signed.isoformat(), "day",
                                              year_span(y)[0], year_span(y2)[1], f"press.nl.partnership.t{pt}", s))
    b.paragraph([s, "Het doel is om werkzoekenden en werkgevers aan beide kanten van de grens samen te brengen."])
    sentences = []
    n = rng.randint(3, 20)
    if rng.random() < 0.5:
        sentences.append(f"Het project telt {b.fact('press.nl.partners.t0', 'partners_count', None, None, None, n, 'count', b.words(n))} partners.")
    else:
        sentences.append(f"{b.fact('press.nl.partners.t1', 'partners_count', None, None, None, n, 'count', b.words(n).capitalize())} partners werken samen in het project.")
    m = round(rng.uniform(0.5, 20), 1)
    if rng.random() < 0.5:
        sentences.append(f"Het project ontvangt een financiering van "
                         f"{b.fact('press.nl.funding.t0', 'funding', None, None, None, m * 1e6, 'EUR', num(m, 1))} miljoen euro.")
    else:
        sentences.append(f"Europa steunt het project met "
                         f"{b.fact('press.nl.funding.t1', 'funding', None, None, None, m * 1e6, 'EUR', num(m, 1))} miljoen euro.")
    yrs = rng.randint(2, 6)
    sentences.append(f"Het project heeft een looptijd van "
                     f"{b.fact('press.nl.duration', 'duration_years', None, None, None, yrs, 'years', b.words(yrs))} jaar.")
    b.paragraph(sentences)
    b.heading(rng.choice(["De arbeidsmarkt in cijfers", "Context"]))
    sentences = []
    yy = y - 1
    be = right if right.code.startswith("BE") else rng.choice(BE_AREAS[:2])
    rate = round(rng.uniform(3, 12), 1)
    if rng.random() < 0.5:
        sentences.append(f"De werkloosheidsgraad in {be.nl} bedroeg "
                         f"{b.fact('press.nl.rate.t0', 'unemployment_rate', be.code, None, year_span(yy), rate, 'percent', num(rate, 1))}"
                         f" % in {yy}.")
    else:
        sentences.append(f"In {yy} lag de werkloosheid in {be.nl} op "
                         f"{b.fact('press.nl.rate.t1', 'unemployment_rate', be.code, None, year_span(yy), rate, 'percent', num(rate, 1))} %.")
    qual, kind = b.qualifier()
    v = rng.randint(8_000, 250_000)
    month = rng.randint(1, 12)
    sentences.append(f"In {MONTHS['nl'][month - 1]} {yy} telde {be.nl} {qual}"
                     f"{b.fact('press.nl.jobseekers', 'jobseekers', be.code, None, month_span(yy, month), v, 'persons', num(v), kind)}"
                     f" niet-werkende werkzoekenden.")
    b.paragraph(sentences)


def press_de(b: Builder, idx: int) -> None:
    rng = b.rng
    left = rng.choice(FR_REGIONS[:3] + BE_AREAS[:2])
    right = DE_NW
    y = rng.randint(2016, 2026)
    signed = random_day(rng, y)
    y2 = y + rng.randint(2, 6)
    num = b.num
    left_party = f"die Region {left.de}" if left.code.startswith("FR") else left.de
    written_left = f"Region {left.de}" if left.code.startswith("FR") else left.de
    b.title(rng.choice([f"{right.de} und {left.de} vertiefen ihre Zusammenarbeit",
                        f"Neues Abkommen zwischen {right.de} und {left.de}"]))
    b.heading(f"Veröffentlicht am {de_day(signed + dt.timedelta(days=rng.randint(0, 20)))}")
    pt = rng.randrange(2)
    if pt == 0:
        s = (f"Am {de_day(signed)} unterzeichneten {right.de} und {left_party} eine Kooperationsvereinbarung "
             f"für die Jahre {y} bis {y2}.")
    else:
        s = (f"{right.de} und {left_party} haben am {de_day(signed)} ein Abkommen unterzeichnet, das von {y} bis "
             f"{y2} läuft.")
    b.partnerships.append(ExpectedPartnership([right.de, written_left], signed.isoformat(), "day",
                                              year_span(y)[0], year_span(y2)[1], f"press.de.partnership.t{pt}", s))
    b.paragraph([s, "Ziel ist es, jungen Menschen und Arbeitsuchenden den Weg über die Grenze zu erleichtern."])
    sentences = []
    n = rng.randint(3, 20)
    if rng.random() < 0.5:
        sentences.append(f"{b.fact('press.de.partners.t0', 'partners_count', None, None, None, n, 'count', b.words(n).capitalize())} Partnerorganisationen beteiligen sich am Projekt.")
    else:
        sentences.append(f"Das Projekt vereint {b.fact('press.de.partners.t1', 'partners_count', None, None, None, n, 'count', b.words(n))} Partner.")
    m = round(rng.uniform(0.5, 20), 1)
    sentences.append(f"Das Projekt wird mit "
                     f"{b.fact('press.de.funding', 'funding', None, None, None, m * 1e6, 'EUR', num(m, 1))} Millionen Euro gefördert.")
    yrs = rng.randint(2, 6)
    sentences.append(f"Die Laufzeit beträgt {b.fact('press.de.duration', 'duration_years', None, None, None, yrs, 'years', b.words(yrs))} Jahre.")
    b.paragraph(sentences)
    b.heading(rng.choice(["Der Arbeitsmarkt in Zahlen", "Hintergrund"]))
    sentences = []
    yy = y - 1
    rate = round(rng.uniform(5.5, 8.5), 1)
    if rng.random() < 0.5:
        sentences.append(f"Die Arbeitslosenquote in {right.de} lag {yy} bei "
                         f"{b.fact('press.de.rate.t0', 'unemployment_rate', right.code, None, year_span(yy), rate, 'percent', num(rate, 1))} %.")
    else:
        month = rng.randint(1, 12)
        sentences.append(f"Im {MONTHS['de'][month - 1]} {yy} betrug die Arbeitslosenquote in {right.de} "
                         f"{b.fact('press.de.rate.t1', 'unemployment_rate', right.code, None, month_span(yy, month), rate, 'percent', num(rate, 1))} %.")
    qual, kind = b.qualifier()
    v = rng.randint(90_000, 130_000)
    sentences.append(f"Im Ausbildungsjahr {yy}/{yy + 1} begannen {qual}"
                     f"{b.fact('press.de.apprentices', 'apprentices', right.code, None, school_span(yy), v, 'persons', num(v), kind)}"
                     f" Auszubildende ihre Ausbildung in {right.de}.")
    b.paragraph(sentences)


KINDS = [
    ("monograph_fr", "fr", monograph_fr, 0.30),
    ("factsheet_nl", "nl", factsheet_nl, 0.09),
    ("factsheet_de", "de", factsheet_de, 0.07),
    ("press_fr", "fr", press_fr, 0.28),
    ("press_nl", "nl", press_nl, 0.14),
    ("press_de", "de", press_de, 0.12),
]
FORMATS = [("pdf", 0.35), ("txt", 0.22), ("txt_md", 0.08), ("md", 0.15), ("html", 0.20)]
EXTENSION = {"pdf": ".pdf", "txt": ".txt", "txt_md": ".txt", "md": ".md", "html": ".html"}


def compose(index: int, seed: int = DEFAULT_SEED) -> GeneratedDocument:
    """Document `index` of the corpus for `seed`: its blocks, expected facts and partnerships.

    >>> compose(3, seed=1).facts == compose(3, seed=1).facts
    True
    """
    rng = random.Random(f"{seed}:{index}")
    kind, lang, template, _ = rng.choices(KINDS, [k[3] for k in KINDS])[0]
    fmt = rng.choices([f for f, _ in FORMATS], [w for _, w in FORMATS])[0]
    b = Builder(rng, lang)
    template(b, index)
    # One row per distinct figure, as the warehouse keeps it.
    seen, facts = set(), []
    for f in b.facts:
        if f.key() not in seen:
            seen.add(f.key())
            facts.append(f)
    name = f"{index:05d}_{kind}{EXTENSION[fmt]}"
    return GeneratedDocument(index, name, kind, lang, fmt, b.blocks, facts, b.partnerships)


# --------------------------------------------------------------------------
# rendering
# --------------------------------------------------------------------------


def render_text(doc: GeneratedDocument) -> str:
    """The document as text: TAB tables (txt), Markdown tables (txt_md, md) and Markdown headings (md).

    >>> d = GeneratedDocument(0, "x.txt", "k", "fr", "txt", [Block("heading", "TITRE"), Block("table", rows=[["a", "1"]])], [], [])
    >>> render_text(d)
    'TITRE\\n\\na\\t1\\n'
    """
    markdown_tables = doc.format in ("txt_md", "md")
    out: list[str] = []
    for block in doc.blocks:
        if block.kind in ("title", "heading"):
            prefix = ("# " if block.kind == "title" else "## ") if doc.format == "md" else ""
            out.append(prefix + block.text)
        elif block.kind == "paragraph":
            out.append(block.text)
        elif block.kind == "table":
            if markdown_tables:
                lines = []
                for i, row in enumerate(block.rows):
                    lines.append("| " + " | ".join(row) + " |")
                    if i == 0:
                        lines.append("|" + "|".join("---" for _ in row) + "|")
                out.append("\n".join(lines))
            else:
                out.append("\n".join("\t".join(row) for row in block.rows))
    return "\n\n".join(out) + "\n"


def render_html(doc: GeneratedDocument) -> str:
    """The document as an HTML page with <h1>/<h2>, <p> and <table>."""
    e = html.escape
    body: list[str] = []
    for block in doc.blocks:
        if block.kind == "title":
            body.append(f"<h1>{e(block.text)}</h1>")
        elif block.kind == "heading":
            body.append(f"<h2>{e(block.text)}</h2>")
        elif block.kind == "paragraph":
            body.append(f"<p>{e(block.text)}</p>")
        elif block.kind == "table":
            rows = []
            for i, row in enumerate(block.rows):
                tag = "th" if i < block.header_rows else "td"
                rows.append("<tr>" + "".join(f"<{tag}>{e(c)}</{tag}>" for c in row) + "</tr>")
            body.append("<table>\n" + "\n".join(rows) + "\n</table>")
    title = next((b.text for b in doc.blocks if b.kind == "title"), "Document")
    return (f'<!DOCTYPE html>\n<html lang="{doc.language}">\n<head><meta charset="utf-8"><title>{e(title)}</title></head>\n'
            "<body>\n<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


def _pdf_styles():
    from reportlab.lib.styles import ParagraphStyle

    return {
        "title": ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=15, leading=19, spaceAfter=10),
        "heading": ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6, spaceAfter=6),
        "paragraph": ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=8),
        "cell": ParagraphStyle("c", fontName="Helvetica", fontSize=7, leading=8.5),
    }


def render_pdf(doc: GeneratedDocument) -> bytes:
    """The document as a PDF: headings, paragraphs and ruled tables with the same cells (reportlab).

    Thousands separators and the space before "%" are non-breaking in paragraphs so
    that no figure is split across two lines. Bytes are reproducible (invariant mode).
    """
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1
    styles = _pdf_styles()
    story = []
    width = A4[0] - 4 * cm
    for block in doc.blocks:
        if block.kind in ("title", "heading", "paragraph"):
            text = block.text.replace("\u202f", "\u00a0")
            text = _keep_figures_together(text)
            story.append(Paragraph(html.escape(text, quote=False), styles[block.kind]))
        elif block.kind == "table":
            ncols = max(len(r) for r in block.rows)
            first = 0.26 * width if ncols > 3 else 0.4 * width
            col = (width - first) / (ncols - 1)
            data = [[Paragraph(html.escape(c.replace("\u202f", "\u00a0"), quote=False), styles["cell"]) for c in row]
                    for row in block.rows]
            table = Table(data, colWidths=[first] + [col] * (ncols - 1), repeatRows=0)
            table.setStyle(TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]))
            story.append(Spacer(1, 4))
            story.append(table)
            story.append(Spacer(1, 8))
    buf = io.BytesIO()
    title = next((b.text for b in doc.blocks if b.kind == "title"), "Document")
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm,
                      bottomMargin=2 * cm, title=title, author="benchmarks.corpus").build(story)
    return buf.getvalue()


def _keep_figures_together(text: str) -> str:
    """NBSP between digit groups and before "%" so a line break never splits a figure.

    >>> _keep_figures_together("soit 5 998 916 habitants et 9,2 %")
    'soit 5\\xa0998\\xa0916 habitants et 9,2\\xa0%'
    """
    import re

    text = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "\u00a0", text)
    return re.sub(r"(?<=\d) %", "\u00a0%", text)


def render(doc: GeneratedDocument) -> bytes:
    """The file's bytes in the document's format."""
    if doc.format == "pdf":
        return render_pdf(doc)
    if doc.format == "html":
        return render_html(doc).encode("utf-8")
    return render_text(doc).encode("utf-8")


# --------------------------------------------------------------------------
# writing a corpus
# --------------------------------------------------------------------------


def _write_one(args: tuple[int, int, str]) -> dict:
    index, seed, folder = args
    doc = compose(index, seed)
    path = Path(folder) / doc.name
    path.write_bytes(render(doc))
    return doc.manifest_entry()


def generate(out_dir: Path, n_docs: int, seed: int = DEFAULT_SEED, workers: int = 1) -> Path:
    """Write documents 0..n_docs-1 into out_dir/docs and their expected facts into
    out_dir/manifest.json (per document) and out_dir/expected_facts.csv (one row per fact).

    An existing corpus with the same seed and at least n_docs documents is reused.
    Returns the manifest's path.
    """
    out_dir = Path(out_dir)
    docs_dir = out_dir / "docs"
    manifest_path = out_dir / "manifest.json"
    if manifest_path.exists():
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        if old.get("seed") == seed and old.get("generator_version") == GENERATOR_VERSION and len(old["documents"]) >= n_docs:
            if all((docs_dir / d["name"]).exists() for d in old["documents"][:n_docs]):
                return manifest_path
    docs_dir.mkdir(parents=True, exist_ok=True)
    jobs = [(i, seed, str(docs_dir)) for i in range(n_docs)]
    if workers > 1:
        from multiprocessing import get_context

        with get_context("fork").Pool(workers) as pool:
            entries = pool.map(_write_one, jobs, chunksize=16)
    else:
        entries = [_write_one(j) for j in jobs]
    manifest = {"seed": seed, "generator_version": GENERATOR_VERSION, "documents": entries}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    with (out_dir / "expected_facts.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        cols = ["document", "indicator", "area", "segment", "period_start", "period_end", "value", "unit",
                "qualifier", "surface", "template"]
        writer.writerow(cols)
        for entry in entries:
            for f in entry["facts"]:
                writer.writerow([entry["name"]] + [f[c] for c in cols[1:]])
    return manifest_path


GENERATOR_VERSION = "3"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/corpus"))
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    path = generate(args.out, args.docs, args.seed, args.workers)
    print(path)


if __name__ == "__main__":
    main()
