"""Facts that say what they count: segments as typed dimensions, the programme of money, periods by row
and by a caption's list, the place a sheet is about. Tables and sentences written for these tests,
in French, Dutch and German; each asserts the segment, the area and the period of the facts.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extractors.annotate.dimensions import bare_age, join_dimensions, level, sex
from extractors.annotate.programmes import DocumentProgrammes, find_programmes
from extractors.document import extract_document
from extractors.read.loading import load_document

D = dt.date


def facts_of(tmp_path: Path, name: str, content: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return extract_document(load_document(path, tmp_path)).facts


def find(facts, indicator, value):
    hits = [f for f in facts if f.indicator == indicator and abs(f.value - value) < 1e-6]
    assert len(hits) == 1, (indicator, value, [(f.indicator, f.value, f.segment) for f in facts])
    return hits[0]


SEX_BY_AGE_FR = """# Le chômage dans l'Ouest

Taux de chômage par sexe et par âge en 2023 (en %)

<table>
<tr><th>Région</th><th colspan="2">Femmes</th><th colspan="2">Hommes</th></tr>
<tr><th></th><th>15-24 ans</th><th>25-49 ans</th><th>15-24 ans</th><th>25-49 ans</th></tr>
<tr><td>Bretagne</td><td>17,2</td><td>6,1</td><td>18,4</td><td>5,3</td></tr>
<tr><td>Normandie</td><td>19,9</td><td>7,4</td><td>21,6</td><td>6,8</td></tr>
</table>
"""


def test_a_french_table_crossing_sex_and_age(tmp_path):
    facts = facts_of(tmp_path, "ouest.md", SEX_BY_AGE_FR)
    f = find(facts, "unemployment_rate", 17.2)
    assert (f.area, f.segment, f.period_start, f.period_end) == ("FR-BRE", "sex:female|age:15-24", D(2023, 1, 1), D(2023, 12, 31))
    m = find(facts, "unemployment_rate", 6.8)
    assert (m.area, m.segment) == ("FR-NOR", "sex:male|age:25-49")


YEARS_AS_ROWS_DE = """# Arbeitsmarkt in Sachsen

Arbeitslosenquote in Sachsen nach Geschlecht (in %)

| Jahr | Frauen | Männer |
|------|--------|--------|
| 2019 | 5,1 | 5,9 |
| 2020 | 5,8 | 6,7 |
| 2021 | 5,6 | 6,4 |
"""


def test_a_german_table_whose_rows_are_years(tmp_path):
    facts = facts_of(tmp_path, "sachsen.md", YEARS_AS_ROWS_DE)
    for value, year, segment in ((5.1, 2019, "sex:female"), (6.7, 2020, "sex:male"), (5.6, 2021, "sex:female")):
        f = find(facts, "unemployment_rate", value)
        assert (f.area, f.segment, f.period_start, f.period_end) == ("DE-SN", segment, D(year, 1, 1), D(year, 12, 31))


CAPTION_YEARS_NL = """# Werkloosheid in Gelderland

Werkloosheidspercentage in Gelderland in 2015, 2018 en 2021 (in %)

| Vrouwen | Mannen | 15-25 |
|---------|--------|-------|
| 7,2 | 6,5 | 12,9 |
| 5,4 | 4,8 | 9,8 |
| 4,9 | 4,1 | 9,1 |
"""


def test_a_dutch_caption_listing_one_year_per_row(tmp_path):
    facts = facts_of(tmp_path, "gelderland.md", CAPTION_YEARS_NL)
    for value, year, segment in ((7.2, 2015, "sex:female"), (4.8, 2018, "sex:male"), (9.1, 2021, "age:15-25")):
        f = find(facts, "unemployment_rate", value)
        assert (f.area, f.segment, f.period_start.year, f.period_end.year) == ("NL-GE", segment, year, year)


CAPTION_YEARS_MISMATCH = """# Werkloosheid in Drenthe

Werkloosheidspercentage in Drenthe in 2016 en 2020 (in %)

| Vrouwen | Mannen |
|---------|--------|
| 7,2 | 6,5 |
| 5,4 | 4,8 |
| 4,9 | 4,1 |
"""


def test_a_caption_listing_years_that_do_not_fit_the_rows_dates_none(tmp_path):
    facts = facts_of(tmp_path, "drenthe.md", CAPTION_YEARS_MISMATCH)
    f = find(facts, "unemployment_rate", 6.5)
    assert (f.area, f.segment, f.period_start) == ("NL-DR", "sex:male", None)


ARTICLE_ABOVE_FR = """# Arrêté portant répartition d'une dotation aux régions

# Article 2

Les régions reçoivent une part du fonds de soutien à la qualification des salariés.

Le montant de cette part est fixé pour 2025 à 3 000 000 €.

La répartition est fixée comme suit :

<table>
<tr><th>Région</th><th>Montant (en euros)</th></tr>
<tr><td>Bretagne</td><td>1 200 000</td></tr>
<tr><td>Occitanie</td><td>1 800 000</td></tr>
<tr><td>Total</td><td>3 000 000</td></tr>
</table>
"""


def test_a_french_allocation_takes_its_programme_from_the_article_above(tmp_path):
    facts = facts_of(tmp_path, "arrete.md", ARTICLE_ABOVE_FR)
    f = find(facts, "funding", 1_200_000)
    assert f.area == "FR-BRE"
    assert f.segment == "program:fonds de soutien à la qualification des salariés"
    assert (f.period_start, f.period_end) == (D(2025, 1, 1), D(2025, 12, 31))


HEADING_DE = """# Gesetz über Finanzhilfen für die Sprachförderung

## Abschnitt 2 - „Sprachförderung“ 2022–2024

### § 4 Verteilung der Mittel

Die Mittel werden wie folgt auf die Länder verteilt:

| Land | Betrag in Euro |
|------|----------------|
| Bayern | 12 500 000 |
| Hessen | 6 250 000 |
"""


def test_a_german_allocation_takes_its_programme_from_the_chapter_heading(tmp_path):
    facts = facts_of(tmp_path, "gesetz.md", HEADING_DE)
    f = find(facts, "funding", 12_500_000)
    assert f.area == "DE-BY"
    assert f.segment == "program:Sprachförderung 2022–2024"


ACRONYM_NL = """# Regeling subsidies scholing

De middelen uit het Europees Sociaal Fonds 2021–2027 worden als volgt over de provincies verdeeld:

| Provincie | Bedrag (euro) |
|-----------|---------------|
| Drenthe | 2.400.000 |
| Zeeland | 1.600.000 |
"""


def test_a_dutch_fund_is_named_by_its_acronym(tmp_path):
    facts = facts_of(tmp_path, "regeling.md", ACRONYM_NL)
    f = find(facts, "funding", 2_400_000)
    assert (f.area, f.segment) == ("NL-DR", "program:ESF 2021–2027")


KEY_FIGURES_FR = """# Chiffres clés de l'apprentissage — académie de Rennes

À la rentrée 2022 :

| Indicateur | Valeur |
|------------|--------|
| Nombre d'apprentis | 24 310 |
| Nombre de CFA | 58 |
"""


def test_a_key_figures_sheet_about_one_place_gives_it_to_its_figures(tmp_path):
    facts = facts_of(tmp_path, "rennes.md", KEY_FIGURES_FR)
    f = find(facts, "apprentices", 24_310)
    assert (f.area, f.period_start, f.period_end) == ("FR-BRE", D(2022, 9, 1), D(2023, 8, 31))


@pytest.mark.parametrize("name, text, value, programme", [
    ("fr.txt", "Dans le cadre du plan « Avenir métiers », la Région Bretagne verse 3 millions d'euros aux "
               "centres de formation en 2024.", 3_000_000, "program:Avenir métiers"),
    ("de.txt", "Im Rahmen des Programms „Chancen Plus“ stellt das Land Niedersachsen 2,5 Millionen Euro "
               "Fördermittel für Ausbildungsplätze bereit.", 2_500_000, "program:Chancen Plus"),
    ("nl.txt", "Via het programma „Werk in Zicht” ontvangt de provincie Drenthe in 2023 een subsidie van "
               "4 miljoen euro.", 4_000_000, "program:Werk in Zicht"),
])
def test_a_sentence_naming_its_programme(tmp_path, name, text, value, programme):
    facts = facts_of(tmp_path, name, text)
    money = [f for f in facts if f.unit == "EUR" and abs(f.value - value) < 1e-6]
    assert money, [(f.indicator, f.value) for f in facts]
    assert money[0].segment == programme


def test_dimension_words_in_four_languages():
    assert [sex(w) for w in ("Femmes", "vrouwen", "Frauen", "Female", "Männer", "Total")] == \
        ["sex:female"] * 4 + ["sex:male", None]
    assert [bare_age(w) for w in ("15-24", "25–59", "65+", "1995-2000")] == ["age:15-24", "age:25-59", "age:65+", None]
    assert [level(w) for w in ("dont en CAP", "Bac pro", "BTS", "bac général")] == \
        ["level:CAP", "level:bac pro", "level:BTS", "level:bac general et technologique"]
    assert join_dimensions(["age:<25", "sex:male", "line:total"]) == "sex:male|age:<25"


def test_programme_names_end_where_the_name_ends():
    names = [p.name for p in find_programmes(
        "La taxe d'apprentissage perçue par les centres et la prime d'activité versée aux salariés")]
    assert names == ["taxe d'apprentissage", "prime d'activité"]
    doc = DocumentProgrammes.of("Le Fonds régional pour l'emploi des jeunes (FREJ) finance … Le FREJ verse …")
    assert doc.named_in("Répartition du FREJ") == "FREJ"
    assert doc.named_in("Subsidieplafonds per regio") is None


def test_school_years_named_by_their_start():
    from extractors.annotate.periods import find_periods
    labels = [p.label() for p in find_periods("à la rentrée 2023 ; im Schuljahr 2020/21 ; schooljaar 2019-2020", "fr")]
    assert labels == ["2023/2024", "2020/2021", "2019/2020"]


def test_two_figures_of_two_undated_quarters_stay_two_facts(tmp_path):
    facts = facts_of(tmp_path, "note.txt", "Au troisième trimestre, le taux de chômage est resté à 8,1 % en France. "
                     "Le taux du deuxième trimestre avait aussi été publié à 8,1 % en France.")
    rates = [f for f in facts if f.indicator == "unemployment_rate"]
    assert sorted(f.undated_period for f in rates) == ["Q2", "Q3"]
    assert len({f.key() for f in rates}) == 2 and all(f.period_start is None for f in rates)


def test_the_warehouse_splits_segments_into_dimensions(tmp_path):
    import duckdb

    from warehouse.schema import create_tables
    from warehouse.views import create_views

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_tables(con)
    create_views(con)
    con.execute("INSERT INTO facts (fact_id, document_id, indicator, segment, value, unit) VALUES "
                "('f1', 'd', 'placement_rate', 'level:CAP|domain:12 Vente', 40.5, 'percent'), "
                "('f2', 'd', 'funding', 'program:FNDA:critère 2', 1000, 'EUR'), ('f3', 'd', 'jobseekers', NULL, 9, 'persons')")
    rows = con.execute("SELECT fact_id, kind, dimension_value, sub_line FROM v_fact_dimensions ORDER BY 1, 2").fetchall()
    assert rows == [("f1", "domain", "12 Vente", None), ("f1", "level", "CAP", None), ("f2", "program", "FNDA", "critère 2")]


SEX_BY_AGE = {
    "nl": ("""# Werkloosheid naar geslacht

Werkloosheid naar geslacht en leeftijd in 2022 (in %)

<table>
<tr><th>Provincie</th><th colspan="2">Vrouwen</th><th colspan="2">Mannen</th></tr>
<tr><th></th><th>15 tot 25 jaar</th><th>25-45 jaar</th><th>15 tot 25 jaar</th><th>25-45 jaar</th></tr>
<tr><td>Utrecht</td><td>8,4</td><td>3,1</td><td>9,2</td><td>2,9</td></tr>
<tr><td>Zeeland</td><td>7,6</td><td>2,8</td><td>8,8</td><td>2,5</td></tr>
</table>
""", 8.4, "NL-UT", "sex:female|age:15-24"),
    "de": ("""# Arbeitslosigkeit nach Geschlecht

Arbeitslosenquote nach Geschlecht und Alter im Jahr 2021 (in %)

<table>
<tr><th>Land</th><th colspan="2">Frauen</th><th colspan="2">Männer</th></tr>
<tr><th></th><th>unter 25 Jahren</th><th>50 Jahre und älter</th><th>unter 25 Jahren</th><th>50 Jahre und älter</th></tr>
<tr><td>Thüringen</td><td>6,3</td><td>5,4</td><td>7,9</td><td>6,1</td></tr>
<tr><td>Saarland</td><td>5,8</td><td>4,9</td><td>7,2</td><td>5,6</td></tr>
</table>
""", 6.1, "DE-TH", "sex:male|age:50+"),
}


@pytest.mark.parametrize("language", sorted(SEX_BY_AGE))
def test_tables_crossing_sex_and_age_in_dutch_and_german(tmp_path, language):
    text, value, area, segment = SEX_BY_AGE[language]
    f = find(facts_of(tmp_path, f"{language}.md", text), "unemployment_rate", value)
    assert (f.area, f.segment, f.period_start.year) == (area, segment, 2022 if language == "nl" else 2021)


YEAR_ROWS = {
    "fr": ("""# Apprentis en Normandie

Nombre d'apprentis en Normandie, filles et garçons

| Année | Filles | Garçons |
|-------|--------|---------|
| 2018 | 7 412 | 13 905 |
| 2019 | 7 980 | 14 377 |
""", "apprentices", 7980, "FR-NOR", "sex:female", 2019),
    "nl": ("""# Werkloosheid in Overijssel

Werkloosheidspercentage in Overijssel (in %)

| Jaar | Vrouwen | Mannen |
|------|---------|--------|
| 2017 | 5,2 | 4,4 |
| 2018 | 4,6 | 3,9 |
""", "unemployment_rate", 3.9, "NL-OV", "sex:male", 2018),
}


@pytest.mark.parametrize("language", sorted(YEAR_ROWS))
def test_tables_whose_rows_are_years_in_french_and_dutch(tmp_path, language):
    text, indicator, value, area, segment, year = YEAR_ROWS[language]
    f = find(facts_of(tmp_path, f"{language}.md", text), indicator, value)
    assert (f.area, f.segment, f.period_start.year, f.period_end.year) == (area, segment, year, year)


KEY_FIGURES = {
    "nl": ("""# Kerncijfers provincie Flevoland

Schooljaar 2021-2022

| Kerncijfer | Aantal |
|------------|--------|
| Aantal leerlingen in de beroepsbegeleidende leerweg | 4 870 |
""", "NL-FL", D(2021, 9, 1)),
    "de": ("""# Ausbildung in Brandenburg: Zahlen und Fakten

Stand: 31. Dezember 2022

| Kennzahl | Wert |
|----------|------|
| Auszubildende | 28 640 |
""", "DE-BB", D(2022, 12, 31)),
}


@pytest.mark.parametrize("language", sorted(KEY_FIGURES))
def test_key_figures_sheets_about_one_place_in_dutch_and_german(tmp_path, language):
    text, area, start = KEY_FIGURES[language]
    facts = [f for f in facts_of(tmp_path, f"{language}.md", text) if f.unit == "persons"]
    assert facts, "no count read"
    assert (facts[0].area, facts[0].period_start) == (area, start)


ARTICLE_ABOVE = {
    "nl": ("""# Regeling verdeling middelen

## Artikel 3

De provincies ontvangen een bijdrage uit het Fonds voor de Arbeidsmarktregio's.

De verdeling is als volgt:

| Provincie | Bedrag (euro) |
|-----------|---------------|
| Groningen | 1.250.000 |
| Drenthe | 750.000 |
""", 750_000, "NL-DR", "program:Fonds voor de Arbeidsmarktregio's"),
    "de": ("""# Verordnung über die Verteilung

## § 2 Verteilung

Die Länder erhalten Mittel aus dem Sondervermögen Digitale Infrastruktur.

Die Mittel werden wie folgt verteilt:

| Land | Betrag in Euro |
|------|----------------|
| Sachsen | 4 100 000 |
| Bremen | 900 000 |
""", 900_000, "DE-HB", "program:Sondervermögen Digitale Infrastruktur"),
}


@pytest.mark.parametrize("language", sorted(ARTICLE_ABOVE))
def test_allocations_named_in_the_article_above_in_dutch_and_german(tmp_path, language):
    text, value, area, segment = ARTICLE_ABOVE[language]
    f = find(facts_of(tmp_path, f"{language}.md", text), "funding", value)
    assert (f.area, f.segment) == (area, segment)


@pytest.mark.parametrize("text,segment", [
    ("# SolarBridge – Énergie partagée entre Lille et Tournai\n\n- Budget total : 1 200 000 €\n", "project:SolarBridge"),
    ("# KUSTWERK – Havens en scholen samen\n\n- Totaal budget: € 950.000\n", "project:KUSTWERK"),
])
def test_the_total_budget_under_a_projects_proper_name_is_the_projects(tmp_path, text, segment):
    [fact] = [f for f in facts_of(tmp_path, "project.md", text) if f.indicator == "budget"]
    assert fact.segment == segment


def test_a_total_budget_under_a_plain_heading_stays_a_whole_budgets_total(tmp_path):
    text = "# Budget primitif 2025 : vue d'ensemble\n\n- Budget total : 1 200 000 €\n"
    [fact] = [f for f in facts_of(tmp_path, "budget.md", text) if f.indicator == "budget"]
    assert fact.segment == "line:total"


@pytest.mark.parametrize("text,name", [
    ("Mittel aus dem Programm für Kinder- und Jugendhilfe in Sachsen", "Kinder- und Jugendhilfe"),
    ("Geld uit het programma voor jeugd- en jongerenwerk in Drenthe", "jeugd- en jongerenwerk"),
])
def test_a_hyphen_that_shares_a_compounds_ending_keeps_the_programme_name_whole(text, name):
    assert any(name in p.name for p in find_programmes(text)), [p.name for p in find_programmes(text)]
