"""Tables in the layouts official texts use, written for these tests: a German table rendered as nested
lists, a French annex with three header levels, Dutch per-province pipe tables, and a comma that may group
thousands in a column that groups them with spaces. Each test checks the cell grid, the header paths and
the facts."""
from __future__ import annotations

import datetime as dt

from extractors.annotate.figures import find_figures
from extractors.document import extract_document
from extractors.label.tables import read_table
from extractors.read.layout import blocks, lists_as_tables
from extractors.read.loading import load_document
from warehouse.load import read_rows, replace_document
from warehouse.rows import result_tables

D = dt.date


def load(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_document(path, tmp_path)


def tables_of(text: str, language: str):
    return [b.table for b in lists_as_tables(blocks(text), text, language) if b.kind == "table"]


def grid(table) -> list[list[str]]:
    return [[c.clean for c in row] for row in table.rows]


def find(facts, indicator, value, **attrs):
    hits = [f for f in facts if f.indicator == indicator and abs(f.value - value) < 1e-6]
    assert hits, f"no {indicator}={value} in {[(f.indicator, f.value) for f in facts]}"
    for f in hits:
        if all(getattr(f, k) == v for k, v in attrs.items()):
            return f
    raise AssertionError(f"{indicator}={value} found with other attributes: {[vars(h) for h in hits]}")


NBSP = "\u00a0"
GERMAN_LIST = f"""# Gesetz über einen Zuschuss des Bundes für Sportstätten (SportZG)

## Abschnitt 2 - Förderprogramm Sportstätten 2022–2024

### § 4 Aufteilung der Mittel

(1) Der Zuschuss wird den Ländern wie folgt zugewiesen:

*    *   Land

    *   Zuschuss
        (Angaben in Euro)


*    *   insgesamt

    *   im Jahr 2022

    *   im Jahr 2023


*    *   Hessen

    *   12{NBSP}400{NBSP}000

    *   7{NBSP}000{NBSP}000

    *   5{NBSP}400{NBSP}000


*    *   Saarland

    *   3 100 000

    *   1 600 000

    *   1 500 000


*    *   Thüringen

    *   4 500 000

    *   2 500 000

    *   2 000 000


*    *   (Summe: Deutschland)

    *   20 000 000

    *   11 100 000

    *   8 900 000


*    *   Die Beträge schließen die Mittel für die Verwaltung der Programme in den Ländern ein und werden
        nicht gesondert ausgewiesen.

(2) Weitere Mittel stellt der Bund nicht bereit.
"""


def test_german_nested_list_table_reads_as_a_grid_with_its_two_header_rows(tmp_path):
    doc = load(tmp_path, "sportzg.md", GERMAN_LIST)
    [table] = tables_of(doc.text, "de")
    assert grid(table) == [
        ["Land", "Zuschuss (Angaben in Euro)", "", ""],
        ["", "insgesamt", "im Jahr 2022", "im Jahr 2023"],
        ["Hessen", "12 400 000", "7 000 000", "5 400 000"],
        ["Saarland", "3 100 000", "1 600 000", "1 500 000"],
        ["Thüringen", "4 500 000", "2 500 000", "2 000 000"],
        ["(Summe: Deutschland)", "20 000 000", "11 100 000", "8 900 000"],
    ]  # the closing one-cell item is prose, outside the table
    assert table.rows[2][1].text == f"12{NBSP}400{NBSP}000"  # offsets into the text, as written
    assert doc.text[table.rows[2][1].start:table.rows[2][1].end] == table.rows[2][1].text
    reading = read_table(table, "de", None, [], None)
    assert [c.header for c in reading.columns] == [
        "Land", "Zuschuss (Angaben in Euro) / insgesamt", "Zuschuss (Angaben in Euro) / im Jahr 2022",
        "Zuschuss (Angaben in Euro) / im Jahr 2023"]
    assert reading.header_rows == [0, 1] and reading.rows_are_areas

    facts = [f for f in extract_document(doc).facts if f.mention.source == "table"]
    assert len(facts) == 12 and {f.indicator for f in facts} == {"funding"} and {f.unit for f in facts} == {"EUR"}
    hessen = find(facts, "funding", 7_000_000, area="DE-HE")
    assert (hessen.period_start, hessen.period_end) == (D(2022, 1, 1), D(2022, 12, 31))
    whole = find(facts, "funding", 12_400_000, area="DE-HE")  # "insgesamt": the chapter's span
    assert (whole.period_start, whole.period_end) == (D(2022, 1, 1), D(2024, 12, 31))
    find(facts, "funding", 2_000_000, area="DE-TH", period_start=D(2023, 1, 1))
    find(facts, "funding", 8_900_000, area="DE", period_start=D(2023, 1, 1))


FRENCH_ANNEX = """# Arrêté relatif aux aides versées aux centres de formation d'apprentis

Article 3

La répartition entre les régions des aides est fixée par le tableau suivant :

<table>
<tr><th rowspan="3">Régions</th><th colspan="4">2022</th><th colspan="4">2023</th></tr>
<tr><th colspan="2">Apprentis</th><th colspan="2">Centres de formation d'apprentis</th><th colspan="2">Apprentis</th><th colspan="2">Centres de formation d'apprentis</th></tr>
<tr><th>Nombre</th><th>Montant (en euros)</th><th>Nombre</th><th>Montant (en euros)</th><th>Nombre</th><th>Montant (en euros)</th><th>Nombre</th><th>Montant (en euros)</th></tr>
<tr><td>Bretagne</td><td>12 480</td><td>3 120 000</td><td>41</td><td>1 331,59</td><td>13 010</td><td>3 252 500</td><td>43</td><td>2 004 118</td></tr>
<tr><td>Normandie</td><td>9 875</td><td>2 468 750</td><td>35</td><td>987 402</td><td>10 220</td><td>2 555 000</td><td>36</td><td>― 12 777</td></tr>
<tr><td>Total France entière</td><td>22 355</td><td>5 588 750</td><td>76</td><td>988 733,59</td><td>23 230</td><td>5 807 500</td><td>79</td><td>1 991 341</td></tr>
</table>
"""


def test_french_annex_with_three_header_levels_period_item_count_or_amount(tmp_path):
    doc = load(tmp_path, "annexe.md", FRENCH_ANNEX)
    [table] = tables_of(doc.text, "fr")
    rows = grid(table)
    assert rows[0][:6] == ["Régions", "2022", "", "", "", "2023"]
    assert rows[2][:3] == ["", "Nombre", "Montant (en euros)"]
    assert rows[4] == ["Normandie", "9 875", "2 468 750", "35", "987 402", "10 220", "2 555 000", "36", "― 12 777"]
    reading = read_table(table, "fr", None, [], None)
    assert reading.header_rows == [0, 1, 2]
    headers = [c.header for c in reading.columns]
    assert headers[1] == "2022 / Apprentis / Nombre"
    assert headers[4] == "2022 / Centres de formation d'apprentis / Montant (en euros)"
    assert headers[7] == "2023 / Centres de formation d'apprentis / Nombre"
    # The deepest level that says what is measured wins: the amount column is money, not apprentices.
    assert reading.columns[1].context.indicator == "apprentices"
    assert reading.columns[2].context.scale_unit == "EUR"

    facts = [f for f in extract_document(doc).facts if f.mention.source == "table"]
    find(facts, "apprentices", 12_480, area="FR-BRE", unit="persons", period_start=D(2022, 1, 1))
    find(facts, "apprentices", 10_220, area="FR-NOR", period_end=D(2023, 12, 31))
    find(facts, "cfa_count", 43, area="FR-BRE", period_start=D(2023, 1, 1))
    find(facts, "funding", 1_331.59, area="FR-BRE", unit="EUR", period_start=D(2022, 1, 1))
    find(facts, "funding", -12_777, area="FR-NOR", period_start=D(2023, 1, 1))  # "―" prints a minus
    find(facts, "funding", 5_807_500, area="FR", period_start=D(2023, 1, 1))
    assert not [f for f in facts if f.indicator == "apprentices" and f.unit != "persons"]


DUTCH_PROVINCES = """## Regeling bijdragen waterkwaliteit

### Artikel 2

1.  De bijdrage als bedoeld in artikel 4 van de wet bedraagt over 2019 voor de provincies en de gemeenten:

| Provincies  |--- |
|:---|:---|
| Groningen  | € 2,150 miljoen  |
| Utrecht  | € 1,075 miljoen  |
| Limburg  | € 0,980 miljoen  |
| Zeeland  | € 3,400 miljoen  |
| Totaal  | € 7,605 miljoen  |

| Gemeenten  |--- |
|:---|:---|
| Utrecht  | € 0,420 miljoen  |
| Groningen  | € 0,315 miljoen  |
| Zwolle  | € 0,060 miljoen  |
"""


def test_dutch_per_province_pipe_tables_with_a_one_cell_header(tmp_path):
    doc = load(tmp_path, "regeling.md", DUTCH_PROVINCES)
    provinces, municipalities = tables_of(doc.text, "nl")
    assert grid(provinces)[:2] == [["Provincies", ""], ["Groningen", "€ 2,150 miljoen"]]
    assert grid(municipalities)[0] == ["Gemeenten", ""]
    reading = read_table(provinces, "nl", None, [], None)
    assert [c.header for c in reading.columns] == ["Provincies", ""] and reading.header_rows == [0]
    assert read_table(municipalities, "nl", None, [], None).rows_are_local_units

    facts = [f for f in extract_document(doc).facts if f.mention.source == "table"]
    # Groningen, Utrecht and Limburg are read as provinces among provinces, as municipalities under "Gemeenten".
    find(facts, "funding", 2_150_000, area="NL-GR", unit="EUR")
    find(facts, "funding", 1_075_000, area="NL-UT")
    find(facts, "funding", 980_000, area="NL-LI")
    find(facts, "funding", 7_605_000, area="NL")
    for value in (420_000, 315_000, 60_000):
        find(facts, "funding", value, area=None)
    # The second table shares the article that introduces the first: its year dates both.
    find(facts, "funding", 60_000, period_start=D(2019, 1, 1), period_end=D(2019, 12, 31))


COMMA_AMONG_SPACES = """Apprentis par département

Effectif d'apprentis au 31 décembre 2023 :

Département\tApprentis
Nord\t12 345
Pas-de-Calais\t9 876
Somme\t1,234
Aisne\t3 402
"""


def test_a_comma_among_space_thousands_is_kept_as_written_and_flagged(tmp_path, warehouse):
    doc = load(tmp_path, "apprentis.txt", COMMA_AMONG_SPACES)
    [table] = tables_of(doc.text, "fr")
    assert grid(table)[3] == ["Somme", "1,234"]
    reading = read_table(table, "fr", None, [], None)
    assert [c.header for c in reading.columns] == ["Département", "Apprentis"]

    result = extract_document(doc)
    somme = find(result.facts, "apprentices", 1.234, area="FR-80")
    assert somme.alternative_value == 1234 and "1,234" in somme.reading_ambiguity
    nord = find(result.facts, "apprentices", 12_345, area="FR-59")
    assert nord.alternative_value is None and nord.reading_ambiguity is None

    replace_document(warehouse, result_tables(result))
    [row] = read_rows(warehouse, "SELECT value, alternative_value, reading_ambiguity FROM facts "
                                 "WHERE area = 'FR-80'")
    assert row["value"] == 1.234 and row["alternative_value"] == 1234 and row["reading_ambiguity"]


def test_numbers_as_official_texts_print_them():
    read = lambda text, language: [(f.value, f.unit) for f in find_figures(text, language)]
    assert read("358 616 775", "fr") == [(358_616_775, None)]
    assert read("695.300.000", "nl") == [(695_300_000, None)]
    assert read("― 44 334", "fr") == [(-44_334, None)]
    assert read(f"2{NBSP}317 Millionen Euro", "de") == [(2_317_000_000, "EUR")]
    assert read("€ 3,845 miljoen", "nl") == [(3_845_000, "EUR")]
    assert read("13,04061", "de") == [(13.04061, None)]


GERMAN_KEY_AND_AMOUNT = """### § 3 Mittel der Länder

(1) Die Länder erhalten die Mittel nach folgendem Maßstab:

*    *   Land

    *   Verteilungsschlüssel

    *   Betrag in Euro


*    *   Bremen

    *   0,96

    *   192 000


*    *   Sachsen

    *   4,94

    *   988 000


*    *   Summe

    *   100,00

    *   20 000 000


(2) Im Folgejahr werden die Mittel so verteilt:

Brandenburg
:   3,01 Prozent

Hamburg
:   2,55 Prozent
"""


def test_a_key_in_percent_beside_euros_and_a_definition_list_of_shares(tmp_path):
    doc = load(tmp_path, "schluessel.md", GERMAN_KEY_AND_AMOUNT)
    nested, definitions = tables_of(doc.text, "de")
    assert grid(nested)[0] == ["Land", "Verteilungsschlüssel", "Betrag in Euro"]
    assert grid(definitions) == [["Brandenburg", "3,01 Prozent"], ["Hamburg", "2,55 Prozent"]]
    reading = read_table(nested, "de", None, [], None)
    assert reading.columns[1].context.scale_unit == "percent" and reading.columns[2].context.scale_unit == "EUR"
    assert reading.total_row == 3

    facts = [f for f in extract_document(doc).facts if f.mention.source == "table"]
    find(facts, "funding", 0.96, area="DE-HB", unit="percent")  # the key is kept beside the amount
    find(facts, "funding", 192_000, area="DE-HB", unit="EUR")
    find(facts, "funding", 20_000_000, area="DE", unit="EUR")  # "Summe" adds up the Länder
    find(facts, "funding", 3.01, area="DE-BB", unit="percent")


ABBREVIATED_ROWS = """Zuweisung der Mittel an die Länder (in Euro)

Land\tZuweisung
BW\t1 250 000
NRW\t2 100 000
SH\t410 000
Insgesamt\t3 760 000

Verdeling per provincie (in euro)

Provincie\tBijdrage
Provincie Utrecht\t120 000
Provincie Groningen\t95 000
Provincie Limburg\t80 000
"""


def test_rows_that_abbreviate_laender_or_name_a_province_with_its_kind(tmp_path):
    doc = load(tmp_path, "kurz.txt", ABBREVIATED_ROWS)
    laender, provinces = tables_of(doc.text, "de")
    assert grid(laender)[1] == ["BW", "1 250 000"] and grid(provinces)[1] == ["Provincie Utrecht", "120 000"]
    reading = read_table(laender, "de", None, [], None)
    assert reading.sibling_areas == {1: "DE-BW", 3: "DE-SH"} and reading.total_row == 4  # NRW: a known name

    facts = [f for f in extract_document(doc).facts if f.mention.source == "table"]
    find(facts, "funding", 410_000, area="DE-SH", unit="EUR")
    find(facts, "funding", 3_760_000, area="DE")
    find(facts, "funding", 120_000, area="NL-UT")
    find(facts, "funding", 95_000, area="NL-GR")
    find(facts, "funding", 80_000, area="NL-LI")


def test_letter_items_without_a_space_and_bare_amounts_under_an_article_in_euros(tmp_path):
    """"a.Utrecht: 120.500;" lines after an introducing colon, in an article that speaks of euros: a table of
    funding per province, in euros, though no cell writes the currency."""
    from extractors.document import extract_document
    from extractors.read.loading import load_document

    text = ("# Regeling bijdragen provincies\n\nDe bijdragen in euro worden als volgt vastgesteld:\n\n"
            "a.Utrecht: 120.500;\n\nb.Drenthe: 98.250;\n\nc.Zeeland: 77.000.\n")
    path = tmp_path / "regeling.md"
    path.write_text(text, encoding="utf-8")
    facts = extract_document(load_document(path, tmp_path)).facts
    got = sorted((f.area, f.value, f.unit, f.indicator) for f in facts)
    assert got == [("NL-DR", 98250.0, "EUR", "funding"), ("NL-UT", 120500.0, "EUR", "funding"),
                   ("NL-ZE", 77000.0, "EUR", "funding")]
    assert all(f.confidence < 0.9 for f in facts)  # the table itself declares no unit: a weak reading
