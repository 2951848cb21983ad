"""Agreements, declarations of intent, programmes and projects as press pages and project sheets write
them, in French, Dutch and German: sentences and sheets written for these tests.

Each case gives the records the text states: name, kind, parties (as written) and each date by its role
(signed_on with its precision, starts_on, ends_on). A record not listed is a failure too.
"""
from __future__ import annotations

import datetime as dt

import pytest

from extractors.document import extract_document
from extractors.model import LoadedDocument

D = dt.date

# A first paragraph in the page's language: real pages are long enough for their language to be read.
INTRO = {
    "fr": "Cette page présente les actions menées avec nos voisins et les partenaires de la région.",
    "nl": "Het nieuws van deze week: een overzicht van wat wordt gedaan door het bestuur voor de samenwerking met de buren.",
    "de": "Diese Seite berichtet über die Zusammenarbeit mit unseren Nachbarn und den Partnern in der Region.",
}


def extract(text: str):
    return extract_document(LoadedDocument("page.txt", "page.txt", "0" * 64, "txt", text))


def page(language: str, heading: str, sentence: str, dateline: str | None = None) -> str:
    top = f"{dateline}\n\n" if dateline else ""
    return f"{top}{INTRO[language]}\n\n{heading}\n\n{sentence}\n"


def records(result) -> list[tuple]:
    return [(p.name, p.kind, p.parties, p.signed_on, p.signed_precision, p.starts_on, p.ends_on)
            for p in result.partnerships]


# (language, heading, sentence, dateline, expected records)
SENTENCES = [
    # ---------------------------------------------------------------- French
    ("fr", "Coopération sanitaire",
     "Le 12 mars 2024, la Région Grand Est et la Wallonie ont signé un accord de coopération sur la formation "
     "des soignants.", None,
     [("accord de coopération sur la formation", "agreement", ["Région Grand Est", "Wallonie"],
       D(2024, 3, 12), "day", None, None)]),
    ("fr", "Jumelage",
     "La ville de Tournai et la ville de Douai ont signé le 5 juin 2023 une déclaration d'intention pour un jumelage.",
     None,
     [("déclaration d'intention", "declaration_of_intent", ["ville de Tournai", "ville de Douai"],
       D(2023, 6, 5), "day", None, None)]),
    ("fr", "Transports",
     "La convention signée le 4 février 2022 par la Province de Namur et le Département du Nord entre en vigueur "
     "le 1er mars 2022.", None,
     [("convention", "convention", ["Province de Namur", "Département du Nord"],
       D(2022, 2, 4), "day", D(2022, 3, 1), None)]),
    ("fr", "Emploi",
     "Le projet « Passerelles Emploi » a été lancé le 1er octobre 2019 pour trois ans par le Forem et Pôle emploi.",
     None,
     [("Passerelles Emploi", "project", ["le Forem", "Pôle emploi"], None, None, D(2019, 10, 1), D(2022, 9, 30))]),
    ("fr", "Programmes européens",
     "Le programme Interreg Europe du Nord-Ouest couvre la période 2021-2027.", None,
     [("Interreg Europe du Nord-Ouest", "programme", [], None, None, D(2021, 1, 1), D(2027, 12, 31))]),
    ("fr", "Santé",
     "Après une première convention signée en 2015, la Province de Luxembourg et la Région Grand Est ont conclu "
     "le 9 septembre 2021 un accord-cadre de coopération sanitaire.", None,
     [("convention", "convention", ["Province de Luxembourg", "Région Grand Est"], D(2015, 1, 1), "year",
       None, None),
      ("accord-cadre de coopération sanitaire", "agreement", ["Province de Luxembourg", "Région Grand Est"],
       D(2021, 9, 9), "day", None, None)]),
    ("fr", "Emploi",
     "Le conseil régional a adopté le 14 décembre 2023 le pacte régional pour l'emploi 2024-2027.", None,
     [("pacte régional", "agreement", ["conseil régional"], D(2023, 12, 14), "day", D(2024, 1, 1),
       D(2027, 12, 31))]),
    ("fr", "Frontière",
     "Aujourd'hui, la ville d'Eupen et la Province de Liège signent une charte de coopération.",
     "Publié le 3 avril 2024",
     [("charte de coopération", "agreement", ["ville d'Eupen", "Province de Liège"], D(2024, 4, 3), "day",
       None, None)]),
    ("fr", "Mobilité",
     "Lancé le 15 janvier 2024, le projet TransMobil court sur une durée de 36 mois.", None,
     [("TransMobil", "project", [], None, None, D(2024, 1, 15), D(2027, 1, 14))]),
    ("fr", "Rhin",
     "Signée à Strasbourg le 30 juin 2022, la convention de partenariat entre l'Eurométropole de Strasbourg et "
     "la Ville de Kehl porte sur les transports.", None,
     [("convention de partenariat", "convention", ["Eurométropole de Strasbourg", "Ville de Kehl"],
       D(2022, 6, 30), "day", None, None)]),
    ("fr", "Innovation",
     "Le programme « Horizons Partagés » a été adopté le 5 octobre 2022 pour la période 2023-2029.", None,
     [("Horizons Partagés", "programme", [], D(2022, 10, 5), "day", D(2023, 1, 1), D(2029, 12, 31))]),
    ("fr", "Recherche",
     "Le protocole d'accord entre l'université de Mons et l'université de Lille entrera en vigueur le "
     "1er septembre 2025.", None,
     [("protocole d'accord", "agreement", ["université de Mons", "université de Lille"], None, None,
       D(2025, 9, 1), None)]),
    # ---------------------------------------------------------------- Dutch
    ("nl", "Grenssamenwerking",
     "Op 14 februari 2024 hebben de provincie Limburg en de deelstaat Noordrijn-Westfalen een "
     "samenwerkingsakkoord ondertekend.", None,
     [("samenwerkingsakkoord", "agreement", ["provincie Limburg", "Noordrijn-Westfalen"], D(2024, 2, 14), "day",
       None, None)]),
    ("nl", "Onderwijs",
     "De gemeente Maastricht en de stad Aken ondertekenden op 3 mei 2023 een intentieverklaring over "
     "grensoverschrijdend onderwijs.", None,
     [("intentieverklaring over grensoverschrijdend onderwijs", "declaration_of_intent",
       ["gemeente Maastricht", "stad Aken"], D(2023, 5, 3), "day", None, None)]),
    ("nl", "Verdragen",
     "Het verdrag tussen het Koninkrijk België en de Franse Republiek, ondertekend op 10 juni 2021, "
     "treedt op 1 januari 2022 in werking.", None,
     [("verdrag tussen het Koninkrijk België en de Franse Republiek", "agreement",
       ["Koninkrijk België", "Franse Republiek"], D(2021, 6, 10), "day", D(2022, 1, 1), None)]),
    ("nl", "Hoger onderwijs",
     "Het project Grenzeloos Leren van de hogeschool Zuyd en de Universiteit Hasselt ging op 1 september 2022 "
     "van start voor een periode van vier jaar.", None,
     [("Grenzeloos Leren", "project", ["hogeschool Zuyd", "Universiteit Hasselt"], None, None, D(2022, 9, 1),
       D(2026, 8, 31))]),
    ("nl", "Europese programma's",
     "Het programma Interreg Vlaanderen-Nederland loopt van 2021 tot 2027.", None,
     [("Interreg Vlaanderen-Nederland", "programme", [], None, None, D(2021, 1, 1), D(2027, 12, 31))]),
    ("nl", "Havens",
     "Nadat beide provincies in 2016 een intentieverklaring hadden ondertekend, sloten de provincie Antwerpen en "
     "de provincie Zeeland op 20 maart 2024 een samenwerkingsovereenkomst.", None,
     [("intentieverklaring", "declaration_of_intent", ["provincie Antwerpen", "provincie Zeeland"],
       D(2016, 1, 1), "year", None, None),
      ("samenwerkingsovereenkomst", "agreement", ["provincie Antwerpen", "provincie Zeeland"], D(2024, 3, 20),
       "day", None, None)]),
    ("nl", "Arbeidsmarkt",
     "Provinciale Staten van Gelderland hebben op 8 november 2023 het uitvoeringsprogramma Grensarbeid 2024-2028 "
     "vastgesteld.", None,
     [("uitvoeringsprogramma Grensarbeid 2024-2028", "programme", ["Gelderland"], D(2023, 11, 8), "day",
       D(2024, 1, 1), D(2028, 12, 31))]),
    ("nl", "Zorg",
     "Vandaag hebben de gemeente Venlo en de stad Nettetal een convenant over spoedeisende zorg ondertekend.",
     "Gepubliceerd op 12 juni 2024",
     [("convenant over spoedeisende zorg", "agreement", ["gemeente Venlo", "stad Nettetal"], D(2024, 6, 12),
       "day", None, None)]),
    ("nl", "Energie",
     "Het project WarmteNet werd op 1 februari 2023 gelanceerd en loopt achttien maanden.", None,
     [("WarmteNet", "project", [], None, None, D(2023, 2, 1), D(2024, 7, 31))]),
    ("nl", "Water",
     "De samenwerkingsovereenkomst tussen de provincie Zeeland en de provincie Oost-Vlaanderen werd op "
     "22 april 2022 te Gent ondertekend.", None,
     [("samenwerkingsovereenkomst tussen de provincie Zeeland en de provincie Oost-Vlaanderen", "agreement",
       ["provincie Zeeland", "provincie Oost-Vlaanderen"], D(2022, 4, 22), "day", None, None)]),
    ("nl", "Natuur",
     "Het programma Grensparken 2030 werd op 6 juli 2021 goedgekeurd voor de periode 2022-2030.", None,
     [("Grensparken 2030", "programme", [], D(2021, 7, 6), "day", D(2022, 1, 1), D(2030, 12, 31))]),
    ("nl", "Cultuur",
     "Het samenwerkingsakkoord tussen de Vlaamse Gemeenschap en de Nederlandse Taalunie treedt op "
     "1 januari 2025 in werking.", None,
     [("samenwerkingsakkoord tussen de Vlaamse Gemeenschap en de Nederlandse Taalunie", "agreement",
       ["Vlaamse Gemeenschap", "Nederlandse Taalunie"], None, None, D(2025, 1, 1), None)]),
    # ---------------------------------------------------------------- German
    ("de", "Grenzregion",
     "Am 7. Mai 2024 unterzeichneten das Land Rheinland-Pfalz und das Großherzogtum Luxemburg ein "
     "Kooperationsabkommen über die Berufsausbildung.", None,
     [("Kooperationsabkommen über die Berufsausbildung", "agreement",
       ["Land Rheinland-Pfalz", "Großherzogtum Luxemburg"], D(2024, 5, 7), "day", None, None)]),
    ("de", "Nahverkehr",
     "Die Stadt Saarbrücken und die Stadt Metz haben am 12. Juni 2023 eine Absichtserklärung zur Zusammenarbeit "
     "im Nahverkehr unterzeichnet.", None,
     [("Absichtserklärung zur Zusammenarbeit im Nahverkehr", "declaration_of_intent",
       ["Stadt Saarbrücken", "Stadt Metz"], D(2023, 6, 12), "day", None, None)]),
    ("de", "Staatsverträge",
     "Der Staatsvertrag zwischen dem Saarland und Rheinland-Pfalz wurde am 3. März 2020 unterzeichnet und trat "
     "am 1. Juli 2020 in Kraft.", None,
     [("Staatsvertrag zwischen dem Saarland und Rheinland-Pfalz", "agreement", ["Saarland", "Rheinland-Pfalz"],
       D(2020, 3, 3), "day", D(2020, 7, 1), None)]),
    ("de", "Pflege",
     "Das Projekt „Grenzenlos Pflegen“ der Hochschule Trier und der Universität Lüttich startete am 1. April 2021 "
     "für drei Jahre.", None,
     [("Grenzenlos Pflegen", "project", ["Hochschule Trier", "Universität Lüttich"], None, None, D(2021, 4, 1),
       D(2024, 3, 31))]),
    ("de", "Förderung",
     "Das Programm Interreg Oberrhein umfasst den Zeitraum von 2021 bis 2027.", None,
     [("Interreg Oberrhein", "programme", [], None, None, D(2021, 1, 1), D(2027, 12, 31))]),
    ("de", "Rettungsdienst",
     "Das Saarland und Luxemburg hatten 2014 eine Absichtserklärung unterzeichnet; am 5. Oktober 2022 schlossen "
     "das Saarland und die Region Grand Est eine Verwaltungsvereinbarung über den Rettungsdienst.", None,
     [("Absichtserklärung", "declaration_of_intent", ["Saarland", "Luxemburg"], D(2014, 1, 1), "year", None, None),
      ("Verwaltungsvereinbarung über den Rettungsdienst", "agreement", ["Saarland", "Region Grand Est"],
       D(2022, 10, 5), "day", None, None)]),
    ("de", "Landtag",
     "Der Landtag hat am 20. September 2023 das Förderprogramm Grenzgänger 2024-2026 beschlossen.", None,
     [("Förderprogramm Grenzgänger 2024-2026", "programme", [], D(2023, 9, 20), "day", D(2024, 1, 1),
       D(2026, 12, 31))]),
    ("de", "Hochwasser",
     "Heute haben der Landkreis Konstanz und der Kanton Thurgau eine Vereinbarung über den Hochwasserschutz "
     "unterzeichnet.", "01.02.2024",
     [("Vereinbarung über den Hochwasserschutz", "agreement", ["Landkreis Konstanz", "Kanton Thurgau"],
       D(2024, 2, 1), "day", None, None)]),
    ("de", "Digitalisierung",
     "Das Projekt DigiGrenz wurde am 1. März 2022 gestartet und läuft 30 Monate.", None,
     [("DigiGrenz", "project", [], None, None, D(2022, 3, 1), D(2024, 8, 31))]),
    ("de", "Wissenschaft",
     "Die Kooperationsvereinbarung zwischen der Universität des Saarlandes und der Universität Luxemburg wurde am "
     "15. November 2021 in Luxemburg unterzeichnet.", None,
     [("Kooperationsvereinbarung zwischen der Universität des Saarlandes und der Universität Luxemburg",
       "agreement", ["Universität des Saarlandes", "Universität Luxemburg"], D(2021, 11, 15), "day", None, None)]),
    ("de", "Forschung",
     "Die Forschungsgruppe Grenzräume der Universität Trier befindet sich in ihrer zweiten Förderphase von 2023 "
     "bis 2026.", None,
     [("Grenzräume, zweiten Förderphase", "project", ["Universität Trier"], None, None, D(2023, 1, 1),
       D(2026, 12, 31))]),
    ("de", "Gesundheit",
     "Die Vereinbarung zwischen dem Land Baden-Württemberg und der Region Grand Est tritt am 1. Januar 2025 "
     "in Kraft.", None,
     [("Vereinbarung zwischen dem Land Baden-Württemberg und der Region Grand Est", "agreement",
       ["Land Baden-Württemberg", "Region Grand Est"], None, None, D(2025, 1, 1), None)]),
]


@pytest.mark.parametrize("language,heading,sentence,dateline,expected", SENTENCES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(SENTENCES)])
def test_sentence(language, heading, sentence, dateline, expected):
    result = extract(page(language, heading, sentence, dateline))
    assert result.language == language
    assert records(result) == expected


def test_every_language_has_a_dozen_sentences():
    for language in ("fr", "nl", "de"):
        assert sum(case[0] == language for case in SENTENCES) >= 12


@pytest.mark.parametrize("text,years,segment", [
    (page("fr", "Emploi", SENTENCES[3][2]), 3.0, "project:Passerelles Emploi"),
    (page("nl", "Hoger onderwijs", SENTENCES[15][2]), 4.0, "project:Grenzeloos Leren"),
    (page("de", "Digitalisierung", SENTENCES[32][2]), 2.5, "project:DigiGrenz"),
])
def test_a_stated_duration_is_a_fact_of_its_project(text, years, segment):
    durations = [(f.value, f.segment) for f in extract(text).facts if f.indicator == "duration_years"]
    assert durations == [(years, segment)]


SHEETS = [
    ("""Fiche projet

Cette fiche présente un projet soutenu par la région et ses voisins.

Titre : Rivières sans frontières
Programme : Interreg VI France-Wallonie-Vlaanderen
Partenaires : Ville de Comines, Province de Hainaut, Agence de l'eau Artois-Picardie
Budget : 2,4 M€
Début : 1er janvier 2023
Durée : 36 mois
""", [("Rivières sans frontières (Interreg VI France-Wallonie-Vlaanderen)", "project",
       ["Ville de Comines", "Province de Hainaut", "Agence de l'eau Artois-Picardie"], None, None, D(2023, 1, 1),
       D(2025, 12, 31))]),
    ("""Projectfiche

Het project wordt uitgevoerd door twee gemeenten aan de grens, met steun van de provincie.

Projectnaam: Zorg over de grens
Partners: gemeente Baarle-Nassau; gemeente Baarle-Hertog
Looptijd: 01/04/2022 – 31/03/2025
Budget: € 850.000
""", [("Zorg over de grens", "project", ["gemeente Baarle-Nassau", "gemeente Baarle-Hertog"], None, None,
       D(2022, 4, 1), D(2025, 3, 31))]),
    ("""Projektsteckbrief

Das Projekt wird von zwei Städten am Rhein getragen und von der Europäischen Union gefördert.

Projekttitel: Grüne Grenze
Projektträger: Stadt Kehl und Stadt Straßburg
Förderprogramm: Interreg Oberrhein
Laufzeit: 1.7.2021 bis 30.6.2024
Unterzeichnung: 15. Juni 2021
""", [("Grüne Grenze (Interreg Oberrhein)", "project", ["Stadt Kehl", "Stadt Straßburg"], D(2021, 6, 15), "day",
       D(2021, 7, 1), D(2024, 6, 30))]),
]


@pytest.mark.parametrize("text,expected", SHEETS, ids=["fr", "nl", "de"])
def test_project_sheet(text, expected):
    assert records(extract(text)) == expected


def test_a_mention_of_a_project_is_no_record():
    """A project named but neither launched, signed nor dated over a period: nothing to record."""
    text = page("fr", "Actualités", "Le projet « Passerelles Emploi » a accueilli de nouveaux stagiaires en mai 2024.")
    assert records(extract(text)) == []


def test_a_visit_is_not_the_period_an_agreement_covers():
    text = page("fr", "Visite", "La délégation reçue du 3 au 6 mai 2022 a signé le 5 mai 2022 une convention d'amitié "
                                "avec la ville de Binche.")
    [(name, kind, parties, signed, precision, starts, ends)] = records(extract(text))
    assert (signed, starts, ends) == (D(2022, 5, 5), None, None)
    assert name == "convention d'amitié" and parties == ["ville de Binche"]


@pytest.mark.parametrize("language,sentence,expected", [
    ("fr", "Depuis 2019, l'université de Namur développe avec le soutien de la Province de Luxembourg la plateforme "
           "WikiCampus.",
     [("WikiCampus", "project", ["université de Namur", "Province de Luxembourg"], None, None, D(2019, 1, 1), None)]),
    ("nl", "Sinds 2020 bouwt de hogeschool Vives in samenwerking met de Universiteit Gent het platform ZorgLink uit.",
     [("ZorgLink", "project", ["hogeschool Vives", "Universiteit Gent"], None, None, D(2020, 1, 1), None)]),
    ("de", "Seit 2018 entwickelt die Hochschule Kaiserslautern zusammen mit dem Fraunhofer-Institut das Portal "
           "GrenzInfo.",
     [("GrenzInfo", "project", ["Hochschule Kaiserslautern", "Fraunhofer-Institut"], None, None, D(2018, 1, 1),
       None)]),
])
def test_a_cooperation_since_a_year_without_an_agreement_noun(language, sentence, expected):
    assert records(extract(page(language, "Kooperation" if language == "de" else "Projet" if language == "fr"
                                else "Samenwerking", sentence))) == expected


def test_since_a_year_without_two_bodies_is_no_cooperation():
    text = page("de", "Arbeitsmarkt", "Seit 2018 entwickelt die Hochschule Kaiserslautern das Portal GrenzInfo weiter.")
    assert records(extract(text)) == []


def test_table_of_projects():
    text = ("Projets soutenus\n\nCette page présente les projets soutenus par la région et ses voisins.\n\n"
            "Projet\tPartenaires\tPériode\tBudget\n"
            "Ponts verts\tVille de Comines, Province de Hainaut\t2020-2023\t1,2 M€\n"
            "Santé sans frontière\tVille de Menin; Ville d'Halluin\t01/03/2021 – 28/02/2025\t0,8 M€\n")
    assert records(extract(text)) == [
        ("Ponts verts", "project", ["Ville de Comines", "Province de Hainaut"], None, None, D(2020, 1, 1),
         D(2023, 12, 31)),
        ("Santé sans frontière", "project", ["Ville de Menin", "Ville d'Halluin"], None, None, D(2021, 3, 1),
         D(2025, 2, 28)),
    ]


def test_a_table_without_a_dated_column_is_no_list_of_projects():
    text = ("Projets\n\nCette page présente les projets soutenus par la région et ses voisins.\n\n"
            "Projet\tPartenaires\tBudget\nPonts verts\tVille de Comines\t1,2 M€\n")
    assert records(extract(text)) == []


@pytest.mark.parametrize("language,dateline,sentence,expected", [
    ("fr", "Publié le 12 juin 2024",
     "La convention de partenariat signée en avril par la Province de Namur et la ville de Givet porte sur les bus.",
     ("convention de partenariat", "convention", ["Province de Namur", "ville de Givet"], D(2024, 4, 1), "month",
      None, None)),
    ("nl", "Gepubliceerd op 12 juni 2024",
     "De gemeente Venlo en de stad Nettetal hebben in april een convenant over fietspaden ondertekend.",
     ("convenant over fietspaden", "agreement", ["gemeente Venlo", "stad Nettetal"], D(2024, 4, 1), "month",
      None, None)),
    ("de", "01.02.2024",
     "Die Stadt Kehl und die Stadt Straßburg haben im Dezember eine Vereinbarung über den Brückenbau unterzeichnet.",
     ("Vereinbarung über den Brückenbau", "agreement", ["Stadt Kehl", "Stadt Straßburg"], D(2023, 12, 1), "month",
      None, None)),
])
def test_a_month_without_its_year_is_dated_by_the_publication(language, dateline, sentence, expected):
    assert records(extract(page(language, "Aktuell" if language == "de" else "Nieuws" if language == "nl"
                                else "Actualité", sentence, dateline))) == [expected]


@pytest.mark.parametrize("language,sentence,name", [
    ("fr", "Le projet « Europe sans murs » (ESM) a été lancé le 2 mai 2022 pour deux ans.", "Europe sans murs (ESM)"),
    ("nl", "Het project Grenzeloos Werken (GW) ging op 2 mei 2022 van start voor twee jaar.", "Grenzeloos Werken (GW)"),
    ("de", "Das Projekt „Grenzenlos Arbeiten“ (GA) startete am 2. Mai 2022 für zwei Jahre.", "Grenzenlos Arbeiten (GA)"),
])
def test_a_project_name_keeps_its_acronym(language, sentence, name):
    [record] = records(extract(page(language, "Projekte" if language == "de" else "Projecten" if language == "nl"
                                    else "Projets", sentence)))
    assert record == (name, "project", [], None, None, D(2022, 5, 2), D(2024, 5, 1))


# Projects given money or support in a sentence, dated or not; a plural noun's list gives a record each.
SUPPORTED_PROJECTS = [
    ("De Hogeschool Zeeland ontvangt 1,8 miljoen euro voor de projecten WINDKRACHT en ZeeLab.", ["WINDKRACHT", "ZeeLab"]),
    ("La Région soutient le projet MOSAÏQUE, cofinancé par le FEDER, et le projet Passerelles-Nord.",
     ["MOSAÏQUE", "Passerelles-Nord"]),
    ("Die Projekte GrenzLern und SAAR-TECH werden vom Land mit 450.000 Euro gefördert.", ["GrenzLern", "SAAR-TECH"]),
]


@pytest.mark.parametrize("text,names", SUPPORTED_PROJECTS)
def test_a_project_given_money_or_support_is_a_record_even_undated(text, names):
    got = [p for p in extract(text).partnerships if p.kind == "project"]
    assert [p.name for p in got] == names
    assert all(p.signed_on is None and p.starts_on is None for p in got)


def test_a_project_only_named_and_given_nothing_is_no_record():
    assert extract("Het project ZeeLab laat leerlingen kennismaken met techniek.").partnerships == []


@pytest.mark.parametrize("text,names", [
    ("Twee Europese projecten krijgen steun.\nKUSTWERK (Kust en Werk)\nDit project brengt havens en scholen samen.\n"
     "OpenDelta\nDit project ontwikkelt een platform voor waterbeheer.", ["KUSTWERK (Kust en Werk)", "OpenDelta"]),
    ("Deux projets retenus.\nALPHA-Rhin\nCe projet relie les lycées de Colmar et de Fribourg.", ["ALPHA-Rhin"]),
    ("Zwei Vorhaben starten.\nDigiBrücke\nDieses Projekt vernetzt Bibliotheken im Grenzraum.", ["DigiBrücke"]),
])
def test_a_name_line_the_next_line_points_back_at_is_a_project(text, names):
    assert [p.name for p in extract(text).partnerships if p.kind == "project"] == names


def test_a_heading_the_next_line_points_back_at_names_no_project_unless_it_is_a_name():
    assert extract("Objectifs\nCe projet vise à former des apprentis des deux côtés de la frontière.").partnerships == []


@pytest.mark.parametrize("text,name,starts_on,ends_on", [
    ("Deelregeling Uitwisselingsprogramma Grenzeloos Leren 2024\n\nArtikel 1\nHet fonds verstrekt subsidies.\n\n"
     "Artikel 9\nDeze deelregeling vervalt met ingang van 1 januari 2025.\n",
     "Uitwisselingsprogramma Grenzeloos Leren 2024", None, dt.date(2024, 12, 31)),
    ("Richtlinie zum Förderprogramm Grenzraum Bildung\n\n1. Zweck\nDas Land fördert Schulpartnerschaften.\n\n"
     "7. Inkrafttreten\nDiese Richtlinie tritt am 1. März 2023 in Kraft und gilt bis zum 31. Dezember 2026.\n",
     "Förderprogramm Grenzraum Bildung", dt.date(2023, 3, 1), dt.date(2026, 12, 31)),
])
def test_a_text_whose_title_names_a_programme_and_dates_it_is_that_programme(text, name, starts_on, ends_on):
    [p] = [p for p in extract(text).partnerships if p.name == name]
    assert (p.kind, p.starts_on, p.ends_on) == ("programme", starts_on, ends_on)


def test_a_title_naming_a_programme_the_text_does_not_date_gives_no_record():
    text = "Programme Passerelles Lorraine\n\nLe programme aide les lycées à accueillir des élèves voisins.\n"
    assert extract(text).partnerships == []
