"""Tables of every source kind, written for these tests, read through the same cell-grid model:
HTML with a two-row header and spans, Markdown pipes, TAB text, ruled and borderless PDFs.

Each test asserts the cells (the grid), the header paths, and the facts that come out, with
their area, period, unit and the reason stored with them.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from extractors.document import extract_document
from extractors.label.tables import read_table
from extractors.read.layout import blocks
from extractors.read.loading import load_document
from tests.pdf_fixtures import write_borderless_table_pdf, write_ruled_table_pdf

D = dt.date


def load(tmp_path: Path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return load_document(path, tmp_path)


def only_table(text: str):
    tables = [b for b in blocks(text) if b.kind == "table"]
    assert len(tables) == 1, [b.text for b in tables]
    return tables[0].table


def find(facts, indicator, value):
    hits = [f for f in facts if f.indicator == indicator and abs(f.value - value) < 1e-6]
    assert len(hits) == 1, (indicator, value, [(f.indicator, f.value) for f in facts])
    return hits[0]


HTML_TABLE = """# Arrêté portant répartition d'une dotation

La dotation de l'année 2019 est répartie entre les régions conformément au tableau suivant :

(Montants en euros)

<table>
<tr><td rowspan="2"/><th colspan="2">DONNÉES DE BASE</th><th>RÉPARTITION</th></tr>
<tr><th>Effectif d'apprentis au 31 décembre 2018<br/>Source : ministère de l'éducation nationale</th>
<th>Taxe par apprenti = col. 3/col. 1</th><th>Somme répartie (1)</th></tr>
<tr><td/><td>(col. 1)</td><td>(col. 2)</td><td>(col. 3)</td></tr>
<tr><td>Bretagne</td><td>12 345</td><td>1 001,50</td><td>12 363 517</td></tr>
<tr><td>Limousin</td><td>4 321</td><td>n.d.</td><td>4 400 000</td></tr>
<tr><td>Total France entière</td><td>16 666</td><td>1 006,00</td><td>16 763 517</td></tr>
<tr><td colspan="4">(1) Hors frais de gestion.</td></tr>
</table>
"""


def test_html_table_with_a_two_row_header_spans_a_numbering_row_and_a_total(tmp_path):
    doc = load(tmp_path, "arrete.txt", HTML_TABLE)
    table = only_table(doc.text)
    # The rowspan keeps the first column empty under the corner; colspans pad to the right.
    assert [c.text for c in table.rows[0]] == ["", "DONNÉES DE BASE", "", "RÉPARTITION"]
    assert [c.text for c in table.rows[3]] == ["Bretagne", "12 345", "1 001,50", "12 363 517"]
    reading = read_table(table, "fr", None, table.caption, None)
    assert reading.numbering_row == 2 and reading.stub_width == 1
    assert [c.number for c in reading.columns[1:]] == [1, 2, 3]
    assert reading.columns[1].header.startswith("DONNÉES DE BASE / Effectif d'apprentis")
    assert reading.columns[3].header == "RÉPARTITION / Somme répartie (1)"
    assert reading.columns[2].formula.columns == (3, 1)

    result = extract_document(doc)
    apprentices = find(result.facts, "apprentices", 12_345)
    assert (apprentices.area, apprentices.period_start, apprentices.unit) == ("FR-BRE", D(2018, 12, 31), "persons")
    assert "row label 'Bretagne'" in apprentices.reason and "column header" in apprentices.reason
    # Money columns of an allocation are funding, in the caption's unit; the total row is the country.
    total = find(result.facts, "funding", 16_763_517)
    assert (total.area, total.unit) == ("FR", "EUR")
    assert find(result.facts, "funding", 4_400_000).area == "FR-L"
    # The column-numbering row, the per-unit ratio column and the missing marker give no fact.
    assert not [f for f in result.facts if f.value in (1.0, 2.0, 3.0)]
    ratio = [r for r in result.figures if r.surface == "1 001,50"]
    assert ratio and ratio[0].fact is None and "per unit" in ratio[0].skip_reason
    assert not [r for r in result.figures if r.surface == "n.d."]  # a marker is no number
    # The formula stated in a header is kept as a relation on each row.
    relation = next(r for r in result.relations if r.row_label == "Bretagne")
    assert (relation.expression, [o.value for o in relation.operands]) == ("x0 / x1", [12_363_517, 12_345])


MARKDOWN_TABLE = """## Chômage par département

Taux de chômage au 3e trimestre 2025 (en %) :

| Département | Taux | Demandeurs d'emploi |
|---|---|---|
| Aisne | 11,2 | 38 500 |
| Oise | 7,9 | - |
| Ensemble | 9,1 | 120 400 |
"""


def test_markdown_pipe_table_with_a_caption_period_and_a_missing_marker(tmp_path):
    doc = load(tmp_path, "chomage.md", MARKDOWN_TABLE)
    table = only_table(doc.text)
    assert [c.text for c in table.rows[1]] == ["Aisne", "11,2", "38 500"]
    result = extract_document(doc)
    aisne = find(result.facts, "unemployment_rate", 11.2)
    assert (aisne.area, aisne.unit, aisne.period_start, aisne.period_end) == ("FR-02", "percent", D(2025, 7, 1),
                                                                             D(2025, 9, 30))
    assert find(result.facts, "jobseekers", 38_500).area == "FR-02"
    assert not [f for f in result.facts if f.area == "FR-60" and f.indicator == "jobseekers"]


TAB_TABLE = (
    "EMPLOI SALARIÉ (en milliers)\n\n"
    "Secteur\tNb d'emplois au 31 décembre 2024\tÉvolution (en %)\n"
    "Industrie\t310,5\t-1,2\n"
    "Construction\t120,0\t0,4\n"
)


def test_tab_text_table_with_a_caption_scale_and_a_change_column(tmp_path):
    doc = load(tmp_path, "emploi.txt", TAB_TABLE)
    result = extract_document(doc)
    industry = find(result.facts, "employment", 310_500)
    assert (industry.segment, industry.period_start, industry.unit) == ("sector:industry", D(2024, 12, 31), "persons")
    assert "declared scale ×1000" in industry.reason
    change = [r for r in result.figures if r.surface == "-1,2" or r.surface == "1,2"]
    assert change and change[0].fact is None and change[0].skip_reason.startswith("stated change")


def test_ruled_pdf_table(tmp_path):
    doc = load_document(write_ruled_table_pdf(tmp_path), tmp_path)
    table = only_table(doc.text)
    assert [c.text for c in table.rows[0]] == ["Indicateur", "2023", "2024"]
    result = extract_document(doc)
    population = find(result.facts, "population", 5_998_916)
    assert (population.period_start, population.mention.page) == (D(2023, 1, 1), 1)
    budget = find(result.facts, "budget", 397_800_000)
    assert (budget.unit, budget.period_start) == ("EUR", D(2024, 1, 1))


def test_borderless_pdf_table_with_a_spanning_header(tmp_path):
    doc = load_document(write_borderless_table_pdf(tmp_path), tmp_path)
    result = extract_document(doc)
    national = find(result.facts, "unemployment_rate", 7.7)
    assert (national.area, national.period_start) == ("FR", D(2024, 1, 1))
    wrapped = find(result.facts, "apprentices", 77_091)  # printed over two lines in its cell
    assert wrapped.period_start == D(2024, 1, 1)


def test_every_number_of_a_written_document_lands_in_figures(tmp_path):
    text = ("Rapport 2024\n\nSelon l'article 12 du décret n° 2019-1234, le taux de chômage atteint 7,5 % "
            "au 3e trimestre 2024 dans la région, contre 7,1 % un an plus tôt. Le 14 juillet 2024, 1 200 "
            "apprentis ont reçu une aide de 500 euros.\n\n- 3 -\n")
    doc = load(tmp_path, "rapport.txt", text)
    result = extract_document(doc)
    import re

    covered = [(r.char_start, r.char_end) for r in result.figures]
    for m in re.finditer(r"\d+", doc.text):
        assert any(s <= m.start() and m.end() <= e for s, e in covered), m.group()
    reasons = {doc.text[r.char_start - 2: r.char_end + 2]: r.skip_reason for r in result.figures}
    assert reasons["e 12 d"] == "legal or page reference"
    assert reasons["- 3 -"] == "page number"
    assert reasons["u 3e "] == "part of a date"
    assert find(result.facts, "unemployment_rate", 7.5).period_start == D(2024, 7, 1)


GERMAN_ALLOCATION = """# Verordnung über die Verteilung der Mittel 2022

§ 1 Die Mittel werden nach folgendem Schlüssel auf die Länder verteilt:

| Land | Anteil in % | Betrag in Tausend Euro |
|---|---|---|
| Bayern | 15,5 | 31 000 |
| Nordrhein-Westfalen | 21,1 | 42 200 |
| Insgesamt | 100 | 200 000 |
"""


def test_german_allocation_table_shares_and_amounts_with_a_scale_in_words(tmp_path):
    result = extract_document(load(tmp_path, "verordnung.md", GERMAN_ALLOCATION))
    share = find(result.facts, "funding", 15.5)
    assert (share.area, share.unit, share.period_start) == ("DE-BY", "percent", D(2022, 1, 1))
    amount = find(result.facts, "funding", 42_200_000)  # "in Tausend Euro" is a scale, not a figure
    assert (amount.area, amount.unit) == ("DE-NW", "EUR")
    assert find(result.facts, "funding", 200_000_000).area == "DE"
    assert not [f for f in result.facts if f.value == 1000]


DEPARTMENTS = (
    "DEMANDEURS D'EMPLOI PAR DÉPARTEMENT\n\n"
    "Nombre de demandeurs d'emploi (catégorie A), décembre 2024\n\n"
    "Département\tEffectif\n"
    "Nord\t165 230\n"
    "Pas-de-Calais\t88 410\n"
    "Somme\t30 120\n"
    "Ensemble\t283 760\n"
)


def test_ambiguous_names_read_among_their_siblings_and_a_total_of_departements_is_their_region(tmp_path):
    result = extract_document(load(tmp_path, "departements.txt", DEPARTMENTS))
    assert find(result.facts, "jobseekers", 165_230).area == "FR-59"  # "Nord" among départements
    assert find(result.facts, "jobseekers", 30_120).area == "FR-80"
    total = find(result.facts, "jobseekers", 283_760)
    assert (total.area, total.period_start) == ("FR-HDF", D(2024, 12, 1))
