"""Figures and agreements in running text, on sentences written for these tests in French, Dutch
and German. Each case states the indicator, value, area, period and qualifier it expects (None
where the sentence gives none)."""
from __future__ import annotations

import datetime as dt

import pytest

from extractors.document import extract_document
from extractors.model import LoadedDocument

D = dt.date


def extract(text: str):
    doc = LoadedDocument(path="t.txt", source_path="t.txt", sha256="0" * 64, format="txt", text=text)
    return extract_document(doc)


def fact_of(text: str, indicator: str, value: float):
    facts = extract(text).facts
    hits = [f for f in facts if f.indicator == indicator and abs(f.value - value) < 1e-6]
    assert hits, f"no {indicator}={value} in {[(f.indicator, f.value) for f in facts]}"
    return hits[0]


# (sentence, indicator, value, area, period (start, end) or None, qualifier)
FIGURES = [
    # French
    ("Au 3e trimestre 2025, le taux de chômage atteint 7,7 % en France.", "unemployment_rate", 7.7, "FR",
     (D(2025, 7, 1), D(2025, 9, 30)), None),
    ("En Bretagne, le taux de chômage s'établit à 6,1 % en 2024.", "unemployment_rate", 6.1, "FR-BRE",
     (D(2024, 1, 1), D(2024, 12, 31)), None),
    ("La région compte près de 91 500 apprentis en 2023 en Île-de-France.", "apprentices", 91_500, "FR-IDF",
     (D(2023, 1, 1), D(2023, 12, 31)), "approx"),
    ("En octobre 2025, plus de 5 000 demandeurs d'emploi étaient inscrits en Normandie.", "jobseekers", 5_000,
     "FR-NOR", (D(2025, 10, 1), D(2025, 10, 31)), "min"),
    ("En 2021, l'État finance le dispositif à hauteur de 4,2 milliards d'euros en France.", "funding", 4.2e9, "FR",
     (D(2021, 1, 1), D(2021, 12, 31)), None),
    ("Le projet est cofinancé à 50 % par le FEDER en 2019 en Wallonie.", "funding", 50, "BE-WAL",
     (D(2019, 1, 1), D(2019, 12, 31)), None),
    ("En 2020, le nombre de chômeurs atteint 2,6 millions en France.", "jobseekers", 2_600_000, "FR",
     (D(2020, 1, 1), D(2020, 12, 31)), None),
    ("En 2022, 520 000 contrats d'apprentissage ont été signés en France.", "apprenticeship_contracts", 520_000,
     "FR", (D(2022, 1, 1), D(2022, 12, 31)), None),
    # Dutch
    ("In juni 2021 daalde de werkloosheid in Nederland naar 3,8 procent.", "unemployment_rate", 3.8, "NL",
     (D(2021, 6, 1), D(2021, 6, 30)), None),
    ("In 2018 telde Vlaanderen ruim 180.000 werkzoekenden.", "jobseekers", 180_000, "BE-VLG",
     (D(2018, 1, 1), D(2018, 12, 31)), "min"),
    ("In 2020 ontving de provincie Zeeland een subsidie van € 1,5 miljoen.", "funding", 1_500_000, "NL-ZE",
     (D(2020, 1, 1), D(2020, 12, 31)), None),
    ("Het aantal werklozen in Nederland bedroeg in mei 2021 bijna 350.000.", "jobseekers", 350_000, "NL",
     (D(2021, 5, 1), D(2021, 5, 31)), "approx"),
    ("In 2016 waren er in Nederland 8,4 miljoen werkenden.", "employment", 8_400_000, "NL",
     (D(2016, 1, 1), D(2016, 12, 31)), None),
    # German
    ("Im März 2024 stieg die Arbeitslosenquote in Deutschland auf 6,1 Prozent.", "unemployment_rate", 6.1,
     "DE", (D(2024, 3, 1), D(2024, 3, 31)), None),
    ("In Bayern gab es im Jahr 2023 rund 240.000 Auszubildende.", "apprentices", 240_000, "DE-BY",
     (D(2023, 1, 1), D(2023, 12, 31)), "approx"),
    ("Nordrhein-Westfalen zählte im Dezember 2024 knapp 700.000 Arbeitslose.", "jobseekers", 700_000, "DE-NW",
     (D(2024, 12, 1), D(2024, 12, 31)), "approx"),
    ("Das Land fördert das Projekt 2022 in Niedersachsen mit 750 Millionen Euro.", "funding", 750_000_000,
     "DE-NI", (D(2022, 1, 1), D(2022, 12, 31)), None),
    ("Im Jahr 2024 hatte Deutschland mehr als 46 Millionen Erwerbstätige.", "employment", 46_000_000, "DE",
     (D(2024, 1, 1), D(2024, 12, 31)), "min"),
]


@pytest.mark.parametrize("sentence,indicator,value,area,period,qualifier", FIGURES,
                         ids=[f"{i}-{c[1]}" for i, c in enumerate(FIGURES)])
def test_figure_sentences(sentence, indicator, value, area, period, qualifier):
    fact = fact_of(sentence, indicator, value)
    assert fact.area == area
    assert (fact.period_start, fact.period_end) == period
    assert fact.qualifier == qualifier
    assert fact.reason and "indicator:" in fact.reason


def test_a_change_in_points_is_no_fact():
    facts = extract("Le taux de chômage baisse de 0,3 point en 2024 en France, à 7,3 %.").facts
    assert [f.value for f in facts if f.indicator == "unemployment_rate"] == [7.3]


# (text, name fragment, signed_on, starts_on)
AGREEMENTS = [
    ("La convention de coopération transfrontalière a été signée le 12 mars 2024 par la Région Hauts-de-France "
     "et la Wallonie.", "convention", D(2024, 3, 12)),
    ("Het samenwerkingsakkoord is op 14 juni 1996 te Venlo tot stand gekomen tussen Nederland en Duitsland.",
     "samenwerkingsakkoord", D(1996, 6, 14)),
    ("Das Abkommen über die Zusammenarbeit im Gesundheitsbereich wurde am 14. Oktober 2008 in Kehl "
     "unterzeichnet.", "abkommen", D(2008, 10, 14)),
    ("De overeenkomst werd ondertekend op 04.09.2024 door de provincies.", "overeenkomst", D(2024, 9, 4)),
]


# The parties each agreement sentence names, as fragments of what the extractor writes (none where the
# sentence names no party, or only a place of signature).
PARTIES = {
    "convention de coopération transfrontalière": ["Hauts-de-France", "Wallonie"],
    "samenwerkingsakkoord is op 14 juni": ["Nederland", "Duitsland"],
    "accord-cadre de coopération": ["France", "Belgique"],
    "Région et le Forem": ["Forem"],
    "protocole d'accord signé": ["Wallonie", "Hauts-de-France"],
    "par l'État et la Région Grand Est": ["État", "Grand Est"],
    "la Région et VDAB": ["VDAB"],
    "tussen VDAB en Forem": ["VDAB", "Forem"],
    "verdrag tussen Nederland en België": ["Nederland", "België"],
    "door de Benelux Unie": ["Benelux"],
    "door Wallonië en Vlaanderen": ["Wallonië", "Vlaanderen"],
    "zwischen Deutschland und Frankreich": ["Deutschland", "Frankreich"],
    "zwischen Nordrhein-Westfalen und den Niederlanden": ["Nordrhein-Westfalen", "Niederlanden"],
    "Verwaltungsvereinbarung wurde am 27. Juni 2012 in Berlin": [],  # Berlin is where it was signed
}


@pytest.mark.parametrize("text,name,signed_on", AGREEMENTS, ids=[a[1] for a in AGREEMENTS])
def test_agreement_sentences(text, name, signed_on):
    partnerships = extract(text).partnerships
    assert partnerships, text
    p = partnerships[0]
    assert name in p.name.lower()
    assert p.signed_on == signed_on and p.signed_precision == "day"
    for fragment, parties in PARTIES.items():
        if fragment in text:
            assert [q for q in parties if not any(q in got for got in p.parties)] == [], p.parties
            if not parties:
                assert p.parties == [], p.parties


# More sentences per language, covering enumerations, ranges, approximations, comparatives,
# months resolved against the publication date, scales and currencies, funders.
MORE_FIGURES = [
    # French
    ("En 2024, le taux de chômage atteint 6,2 % en Flandre occidentale et 6,7 % en Wallonie.",
     "unemployment_rate", 6.7, "BE-WAL", (D(2024, 1, 1), D(2024, 12, 31)), None),
    ("En 2024, le taux de chômage atteint 6,2 % en Flandre occidentale et 6,7 % en Wallonie.",
     "unemployment_rate", 6.2, "BE-VWV", (D(2024, 1, 1), D(2024, 12, 31)), None),
    ("Au 2e trimestre 2023, le taux de chômage des jeunes de 15 à 24 ans s'élève à 17,4 % en France.",
     "unemployment_rate", 17.4, "FR", (D(2023, 4, 1), D(2023, 6, 30)), None),
    ("En Occitanie, environ 45 000 apprentis étaient en formation en 2022.", "apprentices", 45_000, "FR-OCC",
     (D(2022, 1, 1), D(2022, 12, 31)), "approx"),
    ("En 2021, moins de 300 demandeurs d'emploi sont inscrits en Corse.", "jobseekers", 300, "FR-20R",
     (D(2021, 1, 1), D(2021, 12, 31)), "max"),
    ("Le budget de la formation s'élève à 1,2 milliard d'euros en 2025 en Normandie.", "budget", 1.2e9, "FR-NOR",
     (D(2025, 1, 1), D(2025, 12, 31)), None),
    ("En 2020, la Région a consacré 35 millions d'euros au financement de l'apprentissage en Bretagne.",
     "funding", 35_000_000, "FR-BRE", (D(2020, 1, 1), D(2020, 12, 31)), None),
    ("En Grand Est, 120 000 personnes en recherche d'emploi étaient inscrites en décembre 2024.", "jobseekers",
     120_000, "FR-GES", (D(2024, 12, 1), D(2024, 12, 31)), None),
    ("En Hauts-de-France, le taux de chômage était de 9,2 % en 2025, contre 9,0 % en 2024.", "unemployment_rate",
     9.0, "FR-HDF", (D(2024, 1, 1), D(2024, 12, 31)), None),
    ("En 2023, la population de l'Île-de-France atteint 12,3 millions d'habitants.", "population", 12_300_000,
     "FR-IDF", (D(2023, 1, 1), D(2023, 12, 31)), None),
    ("Le projet dispose d'un budget de 2,5 M€ en 2024 en Wallonie.", "budget", 2_500_000, "BE-WAL",
     (D(2024, 1, 1), D(2024, 12, 31)), None),
    ("En 2019, près de 1 200 stagiaires ont été accueillis en Alsace.", "trainees", 1_200, "FR-A",
     (D(2019, 1, 1), D(2019, 12, 31)), "approx"),
    # Dutch
    ("In 2023 bedroeg de werkloosheid in Vlaanderen 3,9 procent, in Wallonië 7,5 procent.", "unemployment_rate",
     7.5, "BE-WAL", (D(2023, 1, 1), D(2023, 12, 31)), None),
    ("In 2023 bedroeg de werkloosheid in Vlaanderen 3,9 procent, in Wallonië 7,5 procent.", "unemployment_rate",
     3.9, "BE-VLG", (D(2023, 1, 1), D(2023, 12, 31)), None),
    ("In maart 2022 telde Limburg ongeveer 25.000 werkzoekenden in België.", "jobseekers", 25_000, "BE",
     (D(2022, 3, 1), D(2022, 3, 31)), "approx"),
    ("De provincie Gelderland ontving in 2021 een EFRO-subsidie van 739.000 euro.", "funding", 739_000, "NL-GE",
     (D(2021, 1, 1), D(2021, 12, 31)), None),
    ("In 2020 waren er in Nederland minder dan 400.000 werklozen.", "jobseekers", 400_000, "NL",
     (D(2020, 1, 1), D(2020, 12, 31)), "max"),
    ("De begroting van het programma bedraagt in 2024 in Zeeland 12 miljoen euro.", "budget", 12_000_000, "NL-ZE",
     (D(2024, 1, 1), D(2024, 12, 31)), None),
    ("In Noord-Brabant waren in 2018 bijna 2,6 miljoen inwoners.", "population", 2_600_000, "NL-NB",
     (D(2018, 1, 1), D(2018, 12, 31)), "approx"),
    ("In 2022 volgden in Overijssel ruim 5.000 cursisten een opleiding.", "trainees", 5_000, "NL-OV",
     (D(2022, 1, 1), D(2022, 12, 31)), "min"),
    ("De werkloosheidsgraad in Nederland steeg in oktober 2023 naar 3,6 procent.", "unemployment_rate", 3.6, "NL",
     (D(2023, 10, 1), D(2023, 10, 31)), None),
    ("In België telde men in 2021 meer dan 11,5 miljoen inwoners.", "population", 11_500_000, "BE",
     (D(2021, 1, 1), D(2021, 12, 31)), "min"),
    ("Het project in Limburg krijgt in 2023 een EFRO-steun van 2,1 miljoen euro in Nederland.", "funding", 2_100_000,
     "NL", (D(2023, 1, 1), D(2023, 12, 31)), None),
    ("In Groningen daalde de werkloosheid in juni 2022 tot 4,1 procent in Nederland.", "unemployment_rate", 4.1,
     "NL", (D(2022, 6, 1), D(2022, 6, 30)), None),
    ("In het derde kwartaal van 2024 waren er in Nederland circa 370.000 werklozen.", "jobseekers", 370_000, "NL",
     (D(2024, 7, 1), D(2024, 9, 30)), "approx"),
    ("Het aantal werkzoekenden in Wallonië bedroeg in 2019 ongeveer 210.000.", "jobseekers", 210_000, "BE-WAL",
     (D(2019, 1, 1), D(2019, 12, 31)), "approx"),
    ("In 2020 had Zuid-Holland ruim 3,7 miljoen inwoners.", "population", 3_700_000, "NL-ZH",
     (D(2020, 1, 1), D(2020, 12, 31)), "min"),
    # German
    ("In Bayern lag die Arbeitslosenquote 2024 bei 3,7 Prozent, in Nordrhein-Westfalen bei 7,4 Prozent.",
     "unemployment_rate", 7.4, "DE-NW", (D(2024, 1, 1), D(2024, 12, 31)), None),
    ("In Bayern lag die Arbeitslosenquote 2024 bei 3,7 Prozent, in Nordrhein-Westfalen bei 7,4 Prozent.",
     "unemployment_rate", 3.7, "DE-BY", (D(2024, 1, 1), D(2024, 12, 31)), None),
    ("Im März 2023 gab es in Deutschland rund 2,6 Millionen Arbeitslose.", "jobseekers", 2_600_000, "DE",
     (D(2023, 3, 1), D(2023, 3, 31)), "approx"),
    ("Das Saarland erhält 2022 eine Förderung von 12,5 Millionen Euro.", "funding", 12_500_000, "DE-SL",
     (D(2022, 1, 1), D(2022, 12, 31)), None),
    ("In Rheinland-Pfalz lebten 2021 etwa 4,1 Millionen Einwohner.", "population", 4_100_000, "DE-RP",
     (D(2021, 1, 1), D(2021, 12, 31)), "approx"),
    ("In Niedersachsen begannen 2023 mehr als 50.000 Auszubildende ihre Lehre.", "apprentices", 50_000, "DE-NI",
     (D(2023, 1, 1), D(2023, 12, 31)), "min"),
    ("Im Dezember 2024 zählte Baden-Württemberg weniger als 250.000 Arbeitslose.", "jobseekers", 250_000,
     "DE-BW", (D(2024, 12, 1), D(2024, 12, 31)), "max"),
    ("Der Haushalt des Landes Hessen für 2025 beträgt 34 Milliarden Euro.", "budget", 34e9, "DE-HE",
     (D(2025, 1, 1), D(2025, 12, 31)), None),
    ("2023 hatte Sachsen knapp 2,1 Millionen Erwerbstätige.", "employment", 2_100_000, "DE-SN",
     (D(2023, 1, 1), D(2023, 12, 31)), "approx"),
    ("Im Februar 2024 lag die Arbeitslosenquote im Saarland bei 6,9 Prozent.", "unemployment_rate", 6.9, "DE-SL",
     (D(2024, 2, 1), D(2024, 2, 29)), None),
    ("In Hamburg gab es 2022 etwa 80.000 Arbeitslose.", "jobseekers", 80_000, "DE-HH",
     (D(2022, 1, 1), D(2022, 12, 31)), "approx"),
    ("Das Programm wird in Brandenburg im Jahr 2021 mit 45 Millionen Euro gefördert.", "funding", 45_000_000,
     "DE-BB", (D(2021, 1, 1), D(2021, 12, 31)), None),
    ("Thüringen hatte im Jahr 2020 rund 2,1 Millionen Einwohner.", "population", 2_100_000, "DE-TH",
     (D(2020, 1, 1), D(2020, 12, 31)), "approx"),
    ("Im dritten Quartal 2023 betrug die Arbeitslosenquote in Bremen 10,2 Prozent.", "unemployment_rate", 10.2,
     "DE-HB", (D(2023, 7, 1), D(2023, 9, 30)), None),
    ("Mecklenburg-Vorpommern zählte 2024 mehr als 9.000 Auszubildende.", "apprentices", 9_000, "DE-MV",
     (D(2024, 1, 1), D(2024, 12, 31)), "min"),
]


@pytest.mark.parametrize("sentence,indicator,value,area,period,qualifier", MORE_FIGURES,
                         ids=[f"more-{i}-{c[1]}" for i, c in enumerate(MORE_FIGURES)])
def test_more_figure_sentences(sentence, indicator, value, area, period, qualifier):
    test_figure_sentences(sentence, indicator, value, area, period, qualifier)


def test_a_month_without_a_year_is_dated_by_the_publication_not_today():
    text = "---\ntitle: Cijfers\ndate: 2019-05-16\n---\n\nIn april daalde de werkloosheid in Nederland naar 3,3 procent.\n"
    fact = fact_of(text, "unemployment_rate", 3.3)
    assert (fact.period_start, fact.period_end) == (D(2019, 4, 1), D(2019, 4, 30))


@pytest.mark.parametrize("published,sentence,indicator,value,quarter", [
    ("2013-11-21", "Le taux de chômage en France recule légèrement à 10,4 % au troisième trimestre.",
     "unemployment_rate", 10.4, (D(2013, 7, 1), D(2013, 9, 30))),
    ("2011-02-10", "Au 4e trimestre, la France affiche un taux de chômage de 9,6 %.", "unemployment_rate", 9.6,
     (D(2010, 10, 1), D(2010, 12, 31))),
    ("2019-08-15", "In het tweede kwartaal bedroeg de werkloosheid in Nederland 3,4 procent.", "unemployment_rate",
     3.4, (D(2019, 4, 1), D(2019, 6, 30))),
    ("2024-11-05", "Im dritten Quartal lag die Arbeitslosenquote in Deutschland bei 5,9 Prozent.",
     "unemployment_rate", 5.9, (D(2024, 7, 1), D(2024, 9, 30))),
])
def test_a_quarter_without_a_year_is_dated_by_the_publication(published, sentence, indicator, value, quarter):
    fact = fact_of(f"---\ndate: {published}\n---\n\n{sentence}\n", indicator, value)
    assert (fact.period_start, fact.period_end) == quarter


def test_a_quarter_without_a_year_and_no_publication_date_stays_undated():
    fact = fact_of("Au troisième trimestre, on relève en France un taux de chômage de 8,4 %.\n", "unemployment_rate", 8.4)
    assert (fact.period_start, fact.period_end) == (None, None)


def test_a_compared_figure_keeps_its_own_period():
    text = ("---\ndate: 2023-03-28\n---\n\nIn Österreich sank die Arbeitslosenquote von 7,2 Prozent im Februar "
            "auf 6,9 Prozent.\n")
    assert fact_of(text, "unemployment_rate", 7.2).period_start == D(2023, 2, 1)
    assert fact_of(text, "unemployment_rate", 6.9).period_start == D(2023, 3, 1)


MORE_AGREEMENTS = [
    ("L'accord-cadre de coopération a été signé le 1er octobre 2016 entre la France et la Belgique.", "accord",
     D(2016, 10, 1)),
    ("La convention entre la Région et le Forem a été signée le 20 mai 2025 à Lille.", "convention",
     D(2025, 5, 20)),
    ("Le protocole d'accord signé le 4 juillet 2019 à Mons associe la Wallonie et les Hauts-de-France.",
     "protocole", D(2019, 7, 4)),
    ("La charte de partenariat a été conclue le 15 janvier 2020 par les deux régions.", "charte",
     D(2020, 1, 15)),
    ("Le pacte a été signé le 3 février 2022 par l'État et la Région Grand Est.", "pacte", D(2022, 2, 3)),
    ("Le 12 décembre 2018, la Région et VDAB ont signé une convention de partenariat.", "convention",
     D(2018, 12, 12)),
    ("La coopération entre les services de l'emploi a démarré le 1er mars 2021 après la signature de l'accord "
     "le 15 février 2021.", "accord", D(2021, 2, 15)),
    ("Het akkoord werd op 8 oktober 1992 in Maastricht ondertekend door beide provincies.", "akkoord",
     D(1992, 10, 8)),
    ("De samenwerkingsovereenkomst tussen VDAB en Forem werd getekend op 3 maart 2020.",
     "samenwerkingsovereenkomst", D(2020, 3, 3)),
    ("Op 1 januari 2016 is het verdrag tussen Nederland en België in werking getreden, na de ondertekening op "
     "14 juni 2015.", "verdrag", D(2015, 6, 14)),
    ("Het protocol werd op 14 maart 1997 in Luik gesloten.", "protocol", D(1997, 3, 14)),
    ("Het partnerschap tussen de provincies werd ondertekend op 9 oktober 2019 in Gent.", "partnerschap",
     D(2019, 10, 9)),
    ("De kaderovereenkomst werd op 2 april 2014 ondertekend door de Benelux Unie en de regio's.",
     "kaderovereenkomst", D(2014, 4, 2)),
    ("Het samenwerkingsakkoord werd op 17 november 2021 getekend door Wallonië en Vlaanderen.",
     "samenwerkingsakkoord", D(2021, 11, 17)),
    ("Die Vereinbarung wurde am 17. Januar 2014 in Aachen unterzeichnet.", "vereinbarung", D(2014, 1, 17)),
    ("Der Staatsvertrag zwischen Deutschland und Frankreich wurde am 11. April 2013 in Berlin unterzeichnet.",
     "staatsvertrag", D(2013, 4, 11)),
    ("Die Kooperationsvereinbarung der Arbeitsagenturen wurde am 04.09.2024 unterschrieben.",
     "kooperationsvereinbarung", D(2024, 9, 4)),
    ("Das Rahmenabkommen wurde am 30. September 2009 in Kehl unterzeichnet und trat 2011 in Kraft.",
     "rahmenabkommen", D(2009, 9, 30)),
    ("Die Partnerschaft zwischen Nordrhein-Westfalen und den Niederlanden wurde am 5. Mai 2017 geschlossen.",
     "partnerschaft", D(2017, 5, 5)),
    ("Die Verwaltungsvereinbarung wurde am 27. Juni 2012 in Berlin unterzeichnet.", "verwaltungsvereinbarung",
     D(2012, 6, 27)),
    ("Das Abkommen über die grenzüberschreitende Zusammenarbeit wurde am 8. Juni 1994 in Gronau unterzeichnet.",
     "abkommen", D(1994, 6, 8)),
]


@pytest.mark.parametrize("text,name,signed_on", MORE_AGREEMENTS, ids=[a[1] for a in MORE_AGREEMENTS])
def test_more_agreement_sentences(text, name, signed_on):
    test_agreement_sentences(text, name, signed_on)


def test_a_sentence_that_speaks_again_of_a_count_takes_its_indicator_and_the_paragraphs_period():
    text = ("Au troisième trimestre 2024, le nombre de demandeurs d'emploi atteint 3,03 millions en France. "
            "Dans les Hauts-de-France, il recule pour atteindre 285 000 personnes.\n")
    fact = fact_of(text, "jobseekers", 285_000)
    assert (fact.area, fact.period_start, fact.period_end) == ("FR-HDF", D(2024, 7, 1), D(2024, 9, 30))
    assert fact.confidence < 0.8  # read from the context, not from its own sentence


def test_a_relative_period_is_counted_back_from_the_compared_figures_period():
    for text, value, start in [
        ("Au 3e trimestre 2024, le taux de chômage atteint 7,4 % en France, contre 7,3 % au trimestre précédent.",
         7.3, D(2024, 4, 1)),
        ("Im Mai 2023 lag die Arbeitslosenquote in Deutschland bei 5,5 Prozent, nach 5,7 Prozent im Vormonat.",
         5.7, D(2023, 4, 1)),
        ("In maart 2023 bedroeg de werkloosheid in Nederland 3,5 procent, tegen 3,6 procent een jaar eerder.",
         3.6, D(2022, 1, 1)),
    ]:
        assert fact_of(text, "unemployment_rate", value).period_start == start, text


# (sentence, indicator, value, the age class expected as segment, or None for the whole population)
AGE_CLASSES = [
    ("En 2024, le chômage touche 19,1 % des jeunes actifs en France.",
     "unemployment_rate", 19.1, "age:15-24"),
    ("Pour les seniors, le taux de chômage monte à 7,2 % en France en 2024.", "unemployment_rate", 7.2, "age:50+"),
    ("En France, le taux de chômage des actifs de 25 à 49 ans reste à 6,9 % en 2024.", "unemployment_rate", 6.9,
     "age:25-49"),
    ("En 2024, le taux de chômage des 15-24 ans recule à 17,5 %, mais celui de l'ensemble reste à 7,3 % en France.",
     "unemployment_rate", 7.3, None),
    ("Les jeunes entreprises emploient 12 000 salariés en Bretagne en 2023.", "employment", 12_000, None),
    ("In 2023 daalde de werkloosheid onder jongeren in Nederland naar 8,2 procent.", "unemployment_rate", 8.2,
     "age:15-24"),
    ("Die Arbeitslosenquote der Jugendlichen lag 2024 in Deutschland bei 5,6 Prozent.", "unemployment_rate", 5.6,
     "age:<25"),
    ("Im Jahr 2024 lag die Arbeitslosenquote in Deutschland bei 6,0 Prozent.", "unemployment_rate", 6.0, None),
    # the ages of the labour force itself are no age class
    ("In 2022 lag de werkloosheid in België op 5,8 procent, gemeten onder alle inwoners van 15 tot 75 jaar.",
     "unemployment_rate", 5.8, None),
]


@pytest.mark.parametrize("sentence,indicator,value,segment", AGE_CLASSES)
def test_an_age_class_named_before_a_figure_is_its_segment(sentence, indicator, value, segment):
    assert fact_of(sentence, indicator, value).segment == segment


@pytest.mark.parametrize("sentence,indicator,expected", [
    ("In 2021 lag de werkloosheid boven het gemiddelde in Portugal en Italië, met respectievelijk 9,1 en 10,4 "
     "procent.", "unemployment_rate", {9.1: "PT", 10.4: "IT"}),
    ("En 2024, le taux de chômage atteint respectivement 9,1 % et 7,3 % en Belgique et en France.",
     "unemployment_rate", {9.1: "BE", 7.3: "FR"}),  # the places after the word: each its own nearest
    ("In Bayern und Sachsen lag die Arbeitslosenquote 2024 bei 3,7 beziehungsweise 6,4 Prozent.",
     "unemployment_rate", {3.7: "DE-BY", 6.4: "DE-SN"}),
    ("En 2023, la Bretagne et la Normandie comptaient respectivement 21 000 et 19 500 apprentis.",
     "apprentices", {21_000: "FR-BRE", 19_500: "FR-NOR"}),
])
def test_places_listed_before_respectively_go_with_the_figures_in_order(sentence, indicator, expected):
    assert {value: fact_of(sentence, indicator, value).area for value in expected} == expected


def test_respectively_pairs_only_the_run_of_figures_in_one_unit():
    sentence = ("In 2021 lag de werkloosheid boven het gemiddelde in Portugal en Italië, met respectievelijk 9,1 en "
                "10,4 procent onder wie 16 tot 65 jaar oud is.")
    assert {v: fact_of(sentence, "unemployment_rate", v).area for v in (9.1, 10.4)} == {9.1: "PT", 10.4: "IT"}


@pytest.mark.parametrize("text,indicator,value,area", [
    ("Het aantal werklozen kwam in maart 2021 uit op 280.000.\n\n"
     "Vergeleken met andere landen blijft de werkloosheid in Nederland beperkt; Portugal en Italië zitten hoger. "
     "Ook het aantal uitkeringen nam in Nederland af.\n", "jobseekers", 280_000, "NL"),
    # a German article about apprentices from abroad is about Germany, where its language is spoken
    ("Die Werkstatt bildet 2025 insgesamt 18 Auszubildende aus.\n\n"
     "Einige stammen aus Indien, andere aus Indien und Kenia, manche aus Deutschland.\n",
     "apprentices", 18, "DE"),
    ("Sans lieu nommé, 12 000 apprentis en 2024.\n", "apprentices", 12_000, None),
])
def test_a_figure_no_nearer_place_locates_is_in_the_country_the_document_names_most(text, indicator, value, area):
    assert fact_of(text, indicator, value).area == area


@pytest.mark.parametrize("sentence,value", [
    ("In 2022 woonden in Limburg 410.000 mensen met een baan.", 410_000),
    ("En 2023, la Normandie compte 1 250 000 personnes en emploi.", 1_250_000),
    ("Im Jahr 2021 lebten in Sachsen 1.900.000 Menschen mit Arbeit.", 1_900_000),
])
def test_people_said_to_have_work_are_employment(sentence, value):
    assert fact_of(sentence, "employment", value).unit == "persons"


# (sentence, the figure's surface, the reason its `figures` record gives): the prose throttle that kept it out.
KEPT_OUT = [
    ("Dans la Meuse, les stagiaires de 16 à 25 ans étaient 4 200 en 2022.", "16", "a bound of an age class"),
    ("Dans la Meuse, les stagiaires de 16 à 25 ans étaient 4 200 en 2022.", "25", "a bound of an age class"),
    ("In Limburg telde men in 2023 ruim 3 100 werkzoekenden van 18 tot 24 jaar.", "18", "a bound of an age class"),
    ("Nach Angaben der Kammer lernten im Jahr 2024 in sieben Backstuben der Stadt insgesamt 95 Auszubildende den "
     "Beruf.", "sieben", "counts the noun after it, which names no measure"),
]


@pytest.mark.parametrize("sentence,surface,reason", KEPT_OUT)
def test_a_figure_a_throttle_keeps_out_says_that_throttles_reason(sentence, surface, reason):
    records = [r for r in extract(sentence).figures if r.surface == surface]
    assert records and records[0].fact is None, [(r.surface, r.fact) for r in extract(sentence).figures]
    assert records[0].skip_reason == reason


def test_a_prose_facts_reason_says_where_its_segment_comes_from():
    fact = fact_of("En Lorraine, le taux de chômage des femmes atteint 8,3 % en 2023.", "unemployment_rate", 8.3)
    assert fact.segment == "sex:female"
    assert fact.reason.endswith("; segment: sex:female named in its sentence → sex:female")


@pytest.mark.parametrize("sentence,surface,reason", [
    # "§" stands after a space, where no word boundary is.
    ("Die Länder erhalten die Mittel nach § 7 Absatz 2 dieses Gesetzes bis zum Jahr 2026.", "7",
     "legal or page reference"),
    # "jongeren" begins as the abbreviation "JO" (Journal officiel) does, and names no legal text.
    ("In Limburg telde men in 2023 ruim 3 100 jongeren van 18 tot 24 jaar.", "18", "a bound of an age class"),
])
def test_a_reference_is_read_from_a_whole_cue(sentence, surface, reason):
    records = [r for r in extract(sentence).figures if r.surface == surface]
    assert records and records[0].skip_reason == reason, [(r.surface, r.skip_reason) for r in extract(sentence).figures]


@pytest.mark.parametrize("sentence,indicator,value", [
    ("Im Februar waren in Sachsen 1,2 Millionen Menschen arbeitslos gemeldet.", "jobseekers", 1_200_000),
    ("Die Zahl der Arbeitslosen stieg im Herbst 2023 auf 48.500 Menschen.", "jobseekers", 48_500),
])
def test_a_german_count_of_people_is_not_kept_out_as_counting_its_own_noun(sentence, indicator, value):
    # German capitalises every noun; "Menschen" after a count is what the count counts, not another noun.
    assert fact_of(sentence, indicator, value).unit == "persons"


@pytest.mark.parametrize("text,rate", [
    ("In maart 2023 telde Nederland 350.000 werklozen. Dat komt neer op 3,6 procent van de beroepsbevolking.", 3.6),
    ("En juin 2022, la Bretagne comptait 75 000 chômeurs. Cela représente 6,1 % de la population active.", 6.1),
    ("Im Mai 2024 waren in Bayern 270.000 Menschen arbeitslos. Das entspricht 3,4 Prozent der Erwerbspersonen.", 3.4),
])
def test_a_share_of_the_labour_force_after_a_count_of_the_unemployed_is_their_rate(text, rate):
    count = next(f for f in extract(text).facts if f.indicator == "jobseekers")
    fact = fact_of(text, "unemployment_rate", rate)
    assert (fact.area, fact.period_start) == (count.area, count.period_start)


@pytest.mark.parametrize("text,indicator,value,month", [
    ("In april 2021 telde Nederland 290.000 werklozen. Met 3,2 procent is de werkloosheid het laagst sinds "
     "augustus 2008.", "unemployment_rate", 3.2, (2021, 4)),
    ("Im Oktober 2023 lag die Arbeitslosenquote in Bayern bei 3,4 Prozent, so hoch wie im März 2022.",
     "unemployment_rate", 3.4, (2023, 10)),
])
def test_a_period_the_sentence_compares_with_does_not_date_the_figure(text, indicator, value, month):
    fact = fact_of(text, indicator, value)
    assert (fact.period_start.year, fact.period_start.month) == month


def test_the_year_end_dates_a_figure_by_the_december_before_the_publication():
    doc = LoadedDocument(path="t.txt", source_path="t.txt", sha256="0" * 64, format="txt",
                         text="Publié le 3 janvier 2025\n\nEn fin d'année, la Creuse comptait 4 100 demandeurs d'emploi.")
    [fact] = [f for f in extract_document(doc).facts if f.indicator == "jobseekers"]
    assert (fact.period_start, fact.period_end) == (dt.date(2024, 12, 1), dt.date(2024, 12, 31))
