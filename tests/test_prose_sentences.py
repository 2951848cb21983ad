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
    ("La région compte près de 86 000 apprentis en 2023 en Île-de-France.", "apprentices", 86_000, "FR-IDF",
     (D(2023, 1, 1), D(2023, 12, 31)), "approx"),
    ("En octobre 2025, plus de 5 000 demandeurs d'emploi étaient inscrits en Normandie.", "jobseekers", 5_000,
     "FR-NOR", (D(2025, 10, 1), D(2025, 10, 31)), "min"),
    ("Le plan est financé à hauteur de 6,5 milliards d'euros en 2021 en France.", "funding", 6.5e9, "FR",
     (D(2021, 1, 1), D(2021, 12, 31)), None),
    ("Le projet est cofinancé à 50 % par le FEDER en 2019 en Wallonie.", "funding", 50, "BE-WAL",
     (D(2019, 1, 1), D(2019, 12, 31)), None),
    ("En 2020, le nombre de chômeurs atteint 2,6 millions en France.", "jobseekers", 2_600_000, "FR",
     (D(2020, 1, 1), D(2020, 12, 31)), None),
    ("En 2022, 520 000 contrats d'apprentissage ont été signés en France.", "apprenticeship_contracts", 520_000,
     "FR", (D(2022, 1, 1), D(2022, 12, 31)), None),
    # Dutch
    ("In april 2019 daalde de werkloosheid in Nederland naar 3,3 procent.", "unemployment_rate", 3.3, "NL",
     (D(2019, 4, 1), D(2019, 4, 30)), None),
    ("In 2018 telde Vlaanderen ruim 180.000 werkzoekenden.", "jobseekers", 180_000, "BE-VLG",
     (D(2018, 1, 1), D(2018, 12, 31)), "min"),
    ("In 2020 ontving de provincie Zeeland een subsidie van € 1,5 miljoen.", "funding", 1_500_000, "NL-ZE",
     (D(2020, 1, 1), D(2020, 12, 31)), None),
    ("Het aantal werklozen in Nederland bedroeg in mei 2021 bijna 350.000.", "jobseekers", 350_000, "NL",
     (D(2021, 5, 1), D(2021, 5, 31)), "approx"),
    ("In 2017 waren er in Nederland 8,9 miljoen werkenden.", "employment", 8_900_000, "NL",
     (D(2017, 1, 1), D(2017, 12, 31)), None),
    # German
    ("Im Januar 2025 stieg die Arbeitslosenquote in Deutschland auf 6,4 Prozent.", "unemployment_rate", 6.4,
     "DE", (D(2025, 1, 1), D(2025, 1, 31)), None),
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
    ("Het samenwerkingsakkoord is op 23 mei 1991 te Anholt tot stand gekomen tussen Nederland en Duitsland.",
     "samenwerkingsakkoord", D(1991, 5, 23)),
    ("Das Abkommen über die Zusammenarbeit im Gesundheitsbereich wurde am 22. Juli 2005 in Weil am Rhein "
     "unterzeichnet.", "abkommen", D(2005, 7, 22)),
    ("De overeenkomst werd ondertekend op 04.09.2024 door de provincies.", "overeenkomst", D(2024, 9, 4)),
]


@pytest.mark.parametrize("text,name,signed_on", AGREEMENTS, ids=[a[1] for a in AGREEMENTS])
def test_agreement_sentences(text, name, signed_on):
    partnerships = extract(text).partnerships
    assert partnerships, text
    p = partnerships[0]
    assert name in p.name.lower()
    assert p.signed_on == signed_on
