"""Table rows, sentences and partnerships read from texts written for these tests."""
from __future__ import annotations

import datetime as dt

from extractors.document import extract_document
from extractors.model import LoadedDocument

D = dt.date


def extract(text: str, name: str = "doc.txt"):
    doc = LoadedDocument(path=name, source_path=name, sha256="0" * 64, format="txt", text=text)
    return extract_document(doc)


def find(facts, indicator, value, **attrs):
    hits = [f for f in facts if f.indicator == indicator and abs(f.value - value) < 1e-6]
    assert hits, f"no {indicator}={value} in {[(f.indicator, f.value) for f in facts]}"
    for f in hits:
        if all(getattr(f, k) == v for k, v in attrs.items()):
            return f
    raise AssertionError(f"{indicator}={value} found with other attributes: {[vars(h) for h in hits]}")


MONOGRAPH = """RÉGION GRAND EST

DONNÉES CLÉS

EMPLOI ET CHÔMAGE\tRÉGION\t\t\tNATIONAL
\tAnnée N-1\tAnnée N\tÉvolution (En %)\tAnnée N
DEMANDEURS D'EMPLOI (catégories A, B et C)\t400 000 (4 ^e trimestre 2022)\t410 000 (4 ^e trimestre 2023)\t2,50 %\t5 100 000 (4 ^e trimestre 2023)
Moins de 25 ans\t50 000 (4 ^e trimestre 2022)\t55 000 (4 ^e trimestre 2023)\t10,00 %\t700 000 (4 ^e trimestre 2023)
TAUX DE CHOMAGE (% de la population active)\t7,1 % au 2 ^e trimestre 2022\t7,3 % au 2 ^e trimestre 2023\t2,82 %\t7,2 % au 2 ^e trimestre 2023
Dont 15-24 ans\tNon communiqué\t18,5 % en 2023\t-\t17,9 % en 2023

DÉPENSES 2021/2022

En millions d'euros

Années\tDépenses totales\tApprentissage\tDépenses non ventilables
2021\t210,5\t60,2\t1,3
2022\t220,4\t61,0\t1,4

Capacités d'engagement (en euros)

Libellé\tBP 2022\tBP 2023\tEvolution
Enseignement, Formation professionnelle et apprentissage\t\t\t
<i>Fonctionnement</i>\t100 000 000\t110 000 000\t10,00%
"""


def test_monograph_table_rows_give_indicator_area_segment_period():
    facts = extract(MONOGRAPH).facts
    base = find(facts, "jobseekers", 400_000, area="FR-GES", segment=None)
    assert (base.period_start, base.period_end) == (D(2022, 10, 1), D(2022, 12, 31))
    current = find(facts, "jobseekers", 410_000, area="FR-GES")
    assert current.stated_change_pct == 2.5 and current.compared_with is base
    find(facts, "jobseekers", 5_100_000, area="FR")
    young = find(facts, "jobseekers", 55_000, segment="age:<25")
    assert young.stated_change_pct == 10.0
    rate = find(facts, "unemployment_rate", 7.3, area="FR-GES", unit="percent")
    assert rate.period_start == D(2023, 4, 1)
    find(facts, "unemployment_rate", 18.5, segment="age:15-24", area="FR-GES")
    # "Non communiqué" and "-" are no figure; the change column is not a fact of its own
    assert not [f for f in facts if f.value in (2.5, 10.0, 2.82)]


def test_budget_tables_scale_lines_and_nesting():
    facts = extract(MONOGRAPH).facts
    total = find(facts, "spending", 210_500_000, segment="line:total")
    assert (total.period_start, total.unit) == (D(2021, 1, 1), "EUR")
    find(facts, "spending", 61_000_000, segment="line:apprenticeship")
    find(facts, "spending", 1_400_000, segment="line:non_allocable")
    ca = find(facts, "commitment_authority", 110_000_000, segment="line:education_training_apprenticeship:operating")
    assert ca.period_start == D(2023, 1, 1) and ca.stated_change_pct == 10.0


def test_a_thousands_header_that_would_make_head_counts_impossible_is_noted_not_applied():
    text = "EMPLOI\n\nSECTEURS (En milliers)\tLIBELLÉ\tNB D'EMPLOI\tAU NIVEAU NATIONAL\n\tIndustrie\t310 500\t3 100 000\n"
    facts = extract(text).facts
    f = find(facts, "employment", 310_500, segment="sector:industry")
    assert f.scale_note and "1000" in f.scale_note


def test_markdown_and_tab_tables_read_alike():
    md = "Région Occitanie\n\n| Indicateur | 2022 | 2023 |\n|---|---|---|\n| Effectif d'apprentis | 41 200 | 43 900 |\n"
    facts = extract(md).facts
    f = find(facts, "apprentices", 43_900)
    assert f.period_start.year == 2023 and f.area == "FR-OCC"


PRESS = """Un projet transfrontalier pour l'emploi

Horizon Travail : l'initiative qui rassemble

Le projet réunit quatorze partenaires de part et d'autre de la frontière. D'une durée de trois ans, il cible les jeunes.
Depuis 2020, 140 demandeurs d'emploi (90 Français et 50 Belges) ont suivi la formation. Le taux d'insertion atteint 72 %.

Le budget 2024 de la Région Grand Est s'élève à près de 3,1 milliards d'euros, dont 650,5 millions d'euros pour l'enseignement, la formation professionnelle et l'apprentissage.
En mars 2024, une trentaine d'offres d'apprentissage restaient non pourvues, et plus de 200 dans la région.
"""


def test_prose_figures_take_indicator_from_their_sentence():
    facts = extract(PRESS).facts
    f = find(facts, "partners_count", 14)
    assert f.segment == "project:Horizon Travail"
    assert find(facts, "duration_years", 3).unit == "years"
    assert find(facts, "trainees", 140).area is None
    assert find(facts, "trainees", 90).area == "FR"
    assert find(facts, "trainees", 50).area == "BE"
    assert find(facts, "placement_rate", 72).unit == "percent"
    budget = find(facts, "budget", 3_100_000_000, segment="line:total", area="FR-GES")
    assert budget.qualifier == "approx" and budget.period_start == D(2024, 1, 1)
    find(facts, "budget", 650_500_000, segment="line:education_training_apprenticeship")
    offers = find(facts, "unfilled_apprenticeship_offers", 30)
    assert offers.qualifier == "approx" and offers.period_start == D(2024, 3, 1)
    assert find(facts, "unfilled_apprenticeship_offers", 200).qualifier == "min"


def test_prose_without_an_indicator_gives_no_fact():
    facts = extract("Le comité se réunit tous les 3 mois avec 25 élus et une dame de 54 ans.\n").facts
    assert facts == []


def test_dutch_prose():
    text = "Het programma Interreg France-Wallonie-Vlaanderen dekt een oppervlakte van 48.500 km² en telt meer dan 9,5 miljoen inwoners.\n"
    facts = extract(text).facts
    assert find(facts, "area_km2", 48_500).area == "INTERREG-FWVL"
    assert find(facts, "population", 9_500_000).qualifier == "min"


def test_french_partnership_sentence():
    text = (
        "Coopération renforcée\n\nLe 14 mars 2023, la Région Grand Est et la Wallonie ont signé un accord de coopération "
        "pour la période 2023-2027 afin de développer l'apprentissage.\n"
    )
    (p,) = extract(text).partnerships
    assert p.signed_on == D(2023, 3, 14) and p.signed_precision == "day"
    assert (p.starts_on, p.ends_on) == (D(2023, 1, 1), D(2027, 12, 31))
    assert "Région Grand Est" in p.parties and "Wallonie" in p.parties
    assert p.name.startswith("accord de coopération")


def test_french_partnership_dated_in_the_sentence_before():
    text = (
        "Article publié le 12/09/2022\n\nVisite officielle\n\nLa présidente a reçu son homologue ce lundi 12 septembre 2022 à Namur. "
        "Cette rencontre a permis de signer une convention de partenariat entre la Wallonie et les Hauts-de-France.\n"
    )
    (p,) = extract(text).partnerships
    assert p.signed_on == D(2022, 9, 12)


def test_year_only_signature_has_year_precision():
    text = "Historique\n\nLes deux régions coopèrent notamment depuis la première coopération bilatérale signée en 2006.\n"
    (p,) = extract(text).partnerships
    assert (p.signed_on, p.signed_precision) == (D(2006, 1, 1), "year")


def test_dutch_project_period_and_carriers():
    text = (
        "Voorstelling van het project\n\nHet project wordt gedragen door VDAB en Le Forem.\n\n"
        "Looptijd: 1 maart 2017 tot en met 28 februari 2021\n"
    )
    result = extract(text)
    assert result.language == "nl"
    (p,) = result.partnerships
    assert (p.starts_on, p.ends_on) == (D(2017, 3, 1), D(2021, 2, 28))
    assert p.parties == ["VDAB", "Le Forem"]


def test_agreement_heading_collects_its_signature_sentence():
    text = (
        "PACTE TERRITORIAL POUR L'EMPLOI 2022-2025 (SIGNÉ LE 3 MAI 2022)\n\n"
        "Signé le 3 mai 2022 par le préfet de région et le Président du Conseil régional.\n"
    )
    (p,) = extract(text).partnerships
    assert p.signed_on == D(2022, 5, 3)
    assert (p.starts_on, p.ends_on) == (D(2022, 1, 1), D(2025, 12, 31))
    assert p.name.startswith("PACTE TERRITORIAL")
    assert any("préfet" in x.lower() for x in p.parties)


def test_offsets_point_at_the_figure():
    result = extract(PRESS)
    for f in result.facts:
        surface = PRESS[f.mention.char_start : f.mention.char_end]
        assert any(c.isdigit() for c in surface) or surface.isalpha() or " " in surface, surface


def test_an_impossible_date_is_reported_not_guessed():
    from warehouse.rows import result_tables

    text = "Convention\n\nLa convention de partenariat a été signée le 31 février 2024 par les deux régions.\n"
    result = extract(text, "bad-date.txt")
    assert [w.kind for w in result.warnings] == ["unreadable_date"]
    assert "31 février 2024" in result.warnings[0].message and "bad-date.txt" in result.warnings[0].message
    # the month is stated and kept; the impossible day is not invented
    assert all(p.signed_precision != "day" for p in result.partnerships)
    rows = result_tables(result)["document_warnings"]
    assert rows["kind"].tolist() == ["unreadable_date"]
