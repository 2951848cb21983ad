"""Findings that find: tables written here go through extraction and a real DuckDB warehouse, then validation.

Each table is made up for the test (regions, amounts, headers in fr, de and
nl); the warehouse rows are read back the way `make eval` reads them.
"""
from __future__ import annotations

import duckdb
import pytest

from extractors.document import extract_document
from extractors.read.loading import load_document
from tests.test_validation_rules import fact
from validation import flagged_fact_ids, run_all
from warehouse.load import read_rows, replace_document
from warehouse.rows import result_tables
from warehouse.schema import create_tables


def validate(tmp_path, text: str, name: str = "tableau.md"):
    """Validation's findings over a warehouse holding the one document `text`, and its facts."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    con = duckdb.connect()
    create_tables(con)
    replace_document(con, result_tables(extract_document(load_document(tmp_path / name, tmp_path))))
    rows = {t: read_rows(con, f"SELECT * FROM {t}") for t in
            ("facts", "partnerships", "documents", "fact_relations", "figures")}
    findings = run_all(rows["facts"], rows["partnerships"], rows["documents"], rows["fact_relations"],
                       rows["figures"])
    return findings, {f["fact_id"]: f for f in rows["facts"]}


def pipe_table(title: str, header: list[str], rows: list[list[str]]) -> str:
    lines = [f"# {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def grouped(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def errors(findings, check=None):
    return [f for f in findings if f.severity == "error" and (check is None or f.check_name == check)]


def pointed_values(finding, facts) -> set[float]:
    return {facts[i]["value"] for i in finding.fact_ids if i in facts}


# ---------------------------------------------------------------- one wrong cell, seen from its row and its column
LAENDER = [("Bayern", 412_300, 120_450), ("Hessen", 233_100, 70_020), ("Sachsen", 150_700, 45_300),
           ("Bremen", 30_250, 9_800), ("Thüringen", 80_410, 24_990)]


def laender_table(wrong_by: int = 0) -> str:
    rows, fixed_total, variable_total = [], 0, 0
    for i, (land, fixed, variable) in enumerate(LAENDER):
        printed = variable - wrong_by if land == "Sachsen" else variable
        rows.append([land, grouped(fixed), grouped(printed), grouped(fixed + variable)])
        fixed_total, variable_total = fixed_total + fixed, variable_total + variable
    rows.append(["Insgesamt", grouped(fixed_total), grouped(variable_total), grouped(fixed_total + variable_total)])
    return pipe_table("Aufteilung der Mittel auf die Länder im Jahr 2021 (in Euro)",
                      ["Land", "Förderung Festbetrag", "Förderung Zusatzbetrag", "Insgesamt (Förderung)"], rows)


def test_one_wrong_cell_is_named_once_from_its_row_and_its_column(tmp_path):
    findings, facts = validate(tmp_path, laender_table(wrong_by=100), "laender.md")
    [found] = errors(findings)
    assert found.check_name == "parts_do_not_sum_to_total"
    assert 45_200 in pointed_values(found, facts)  # the crossing cell, printed 100 short
    for words in ("laender.md", "Aufteilung der Mittel", "row 'Sachsen'", "column 'Förderung Zusatzbetrag'", "45 200",
                  "-100", "45 300 would make both add up"):
        assert words in found.message, words


def test_the_same_table_printed_right_gives_nothing(tmp_path):
    findings, _ = validate(tmp_path, laender_table(), "laender.md")
    assert errors(findings) == []


# ---------------------------------------------------------------- the tolerance is the parts' printed rounding
def regions_table(total_off_by: int) -> str:
    amounts = {"Alsace": 1_204_511, "Bretagne": 2_310_090, "Corse": 301_377, "Limousin": 702_044}
    rows = [[region, grouped(v)] for region, v in amounts.items()]
    rows.append(["Total", grouped(sum(amounts.values()) + total_off_by)])
    return pipe_table("Répartition de la dotation entre les régions en 2012", ["Région", "Montant (en euros)"], rows)


@pytest.mark.parametrize("off_by", [0, 2, -2])
def test_a_sum_off_by_less_than_its_parts_rounding_is_no_finding(tmp_path, off_by):
    # 4 integer parts and an integer total: each may hide half a euro, ±2.5 € in all
    findings, _ = validate(tmp_path, regions_table(off_by))
    assert errors(findings) == []


@pytest.mark.parametrize("off_by", [3, -3])
def test_one_unit_more_is_an_error_however_large_the_total(tmp_path, off_by):
    findings, facts = validate(tmp_path, regions_table(off_by))
    [found] = errors(findings)
    assert found.check_name == "parts_do_not_sum_to_total"
    assert pointed_values(found, facts) == {4_518_022 + off_by}
    assert "row 'Total'" in found.message and "±2.5" in found.message and f"{-off_by}" in found.message
    assert flagged_fact_ids([found]) == set(found.fact_ids)


# ---------------------------------------------------------------- comma-thousands cells among space-grouped ones
def test_a_comma_among_space_grouped_thousands_is_one_finding_with_both_sums(tmp_path):
    rows = [["Auvergne", "166 570"], ["Bourgogne", "95,618"], ["Picardie", "212 004"], ["Lorraine", "88,412"],
            ["Total", "562 604"]]
    text = pipe_table("Répartition des crédits par région pour 2014", ["Région", "Montant (en euros)"], rows)
    findings, facts = validate(tmp_path, text)
    found = [f for f in findings if f.check_name == "ambiguous_number_format" or f.about == "ambiguous_number_format"]
    assert len(found) == 1
    message = found[0].message
    for words in ("2 of its 5 cells", "'95,618'", "'88,412'", "read as thousands", "562 604",
                  "read as decimals", "378 758.03", "only the reading as thousands gives"):
        assert words in message, words
    # no second finding about the same column's sum
    assert [f for f in errors(findings) if f.check_name == "parts_do_not_sum_to_total"] == []


def test_a_decimal_comma_column_is_not_ambiguous(tmp_path):
    rows = [["Gelderland", "1 096,25"], ["Utrecht", "2,561"], ["Zeeland", "3 012,10"], ["Totaal", "4 110,911"]]
    text = pipe_table("Verdeling van de middelen over de provincies in 2015", ["Provincie", "Bedrag (euro)"], rows)
    findings, _ = validate(tmp_path, text, "verdeling.md")
    assert [f for f in findings if "ambiguous_number_format" in (f.check_name, f.about)] == []


# ---------------------------------------------------------------- a quantity printed twice
def test_a_count_printed_in_two_columns_with_two_values(tmp_path):
    counts = {"Drenthe": 1_520, "Friesland": 2_310, "Groningen": 2_045, "Limburg": 3_380, "Zeeland": 1_190}
    rows = []
    for province, n in counts.items():
        repeated = n + 10 if province == "Limburg" else n
        rows.append([province, grouped(n), grouped(n * 812), grouped(repeated), grouped(n * 415)])
    text = pipe_table("Verdeling van de subsidie over de provincies in 2016",
                      ["Provincie", "Aantal deelnemers (deel A)", "Bedrag deel A (euro)",
                       "Aantal deelnemers (deel B)", "Bedrag deel B (euro)"], rows)
    findings, facts = validate(tmp_path, text, "subsidie.md")
    [found] = [f for f in findings if "conflicting_value" in (f.check_name, f.about)]
    assert pointed_values(found, facts) == {3_380, 3_390}
    for words in ("row 'Limburg'", "Aantal deelnemers (deel A)", "Aantal deelnemers (deel B)", "3 380", "3 390",
                  "in 4 of the other rows"):
        assert words in found.message, words


# ---------------------------------------------------------------- warnings grouped by cause and place
def test_doubts_of_one_table_are_one_warning_listing_every_figure():
    weak = dict(confidence=0.6, reason="column header not resolved", table_id="t_rates", page=3)
    pairs = [(fact(v, indicator="unemployment_rate", unit="percent", precision=0.05, area=area, column_label=col,
                   row_label="1995", **weak))
             for area in ("FI", "SE", "DK") for v, col in ((9.1, "Women"), (8.2, "Men"))]
    prose = [fact(v, indicator="apprentices", unit="persons", area="DE", snippet="60 Azubis, 31 davon neu",
                  confidence=0.6, reason="no area cue") for v in (60, 31)]
    findings = run_all(pairs + prose, [], [{"document_id": "doc_a", "source_path": "raten/bericht.pdf"}])
    warnings = [f for f in findings if f.check_name == "uncertain_reading"]
    assert len(warnings) == 2  # three doubts in one table, one in the prose
    table = max(warnings, key=lambda f: len(f.fact_ids))
    assert warnings[0] is table  # most at stake first
    assert set(table.fact_ids) == {f["fact_id"] for f in pairs}  # none lost
    for words in ("bericht.pdf", "3 findings of conflicting_value", "6 figures", "9.1 %", "8.2 %", "column 'Men'",
                  "check how it labelled them"):
        assert words in table.message, words
    assert flagged_fact_ids(findings) == set()


# ---------------------------------------------------------------- a header formula on the row: still one finding
DOTATIONS = [("Alsace", 1_204_511, 300_100), ("Bretagne", 2_310_090, 512_000), ("Corse", 301_377, 80_500),
             ("Limousin", 702_044, 150_250), ("Picardie", 955_000, 230_000)]


def dotations_table(base_wrong_by: int = 0, row_total_wrong_by: int = 0) -> str:
    rows, base_total, extra_total = [], 0, 0
    for region, base, extra in DOTATIONS:
        wrong = region == "Corse"
        rows.append([region, grouped(base - base_wrong_by * wrong), grouped(extra),
                     grouped(base + extra + row_total_wrong_by * wrong)])
        base_total, extra_total = base_total + base, extra_total + extra
    rows.append(["Total", grouped(base_total), grouped(extra_total), grouped(base_total + extra_total)])
    return pipe_table("Répartition de la dotation entre les régions en 2012 (en euros)",
                      ["Région", "Dotation de base (col. 1)", "Dotation complémentaire (col. 2)",
                       "Total = col. 1 + col. 2 (col. 3)"], rows)


def test_a_wrong_cell_under_a_header_formula_is_one_finding_at_the_crossing(tmp_path):
    findings, facts = validate(tmp_path, dotations_table(base_wrong_by=100))
    [found] = errors(findings)
    assert found.check_name == "parts_do_not_sum_to_total"
    assert 301_277 in pointed_values(found, facts)
    assert "row 'Corse', column 'Dotation de base (col. 1)' is likely wrong" in found.message


def test_a_wrong_row_total_is_named_from_its_formula_and_its_column(tmp_path):
    findings, facts = validate(tmp_path, dotations_table(row_total_wrong_by=100))
    [found] = errors(findings)
    assert found.check_name == "parts_do_not_sum_to_total"
    assert 381_977 in pointed_values(found, facts)
    assert "row 'Corse', column 'Total = col. 1 + col. 2 (col. 3)' is likely wrong" in found.message
    assert "381 877 would make both add up" in found.message


def test_a_row_wrong_alone_is_the_header_formula_finding_only(tmp_path):
    # no total row: nothing but the row's own formula sees the wrong row total, and it is told once
    text = "\n".join(line for line in dotations_table(row_total_wrong_by=100).splitlines()
                     if not line.startswith("| Total")) + "\n"
    findings, facts = validate(tmp_path, text)
    [found] = errors(findings)
    assert found.check_name == "stated_formula_mismatch"
    assert 381_977 in pointed_values(found, facts)


# ---------------------------------------------------------------- a total column checked where it is one
def kreise_table(off: dict[str, int]) -> str:
    amounts = {"Bayern": (41_230, 12_045), "Hessen": (23_310, 7_002), "Sachsen": (15_070, 4_530),
               "Bremen": (3_025, 980), "Thüringen": (8_041, 2_499)}
    rows = [[land, grouped(a), grouped(b), grouped(a + b + off.get(land, 0))] for land, (a, b) in amounts.items()]
    return pipe_table("Förderung der Länder 2022 (in Euro)",
                      ["Land", "Förderung Bund", "Förderung Land", "Förderung gesamt"], rows)


def test_a_total_column_wrong_in_one_row_is_that_row_s_error(tmp_path):
    findings, facts = validate(tmp_path, kreise_table({"Hessen": 5}), "kreise.md")
    [found] = errors(findings)
    assert pointed_values(found, facts) == {30_317}
    for words in ("row 'Hessen'", "column 'Förderung gesamt'", "23 310 + 7 002 = 30 312", "30 317", "±1.5"):
        assert words in found.message, words


def test_a_total_column_that_adds_other_things_says_nothing(tmp_path):
    # off in most rows: the column is no sum of the two before it
    findings, _ = validate(tmp_path, kreise_table({"Bayern": 400, "Hessen": 70, "Sachsen": 9}), "kreise.md")
    assert errors(findings) == []


def test_two_periods_often_equal_are_not_one_quantity_printed_twice(tmp_path):
    ceilings = {"Drenthe": 1_520_000, "Friesland": 2_310_000, "Groningen": 2_045_000, "Limburg": 3_380_000,
                "Zeeland": 1_190_000}
    rows = [[p, grouped(v), grouped(v + 250_000 if p == "Limburg" else v)] for p, v in ceilings.items()]
    text = pipe_table("Subsidieplafonds per provincie (euro)",
                      ["Provincie", "Subsidieplafond 2014–2016", "Subsidieplafond 2017–2020"], rows)
    findings, _ = validate(tmp_path, text, "plafonds.md")
    assert errors(findings) == []


def column_groups_table(first: str, second: str, sub: str, changed: dict[str, int]) -> str:
    data = {"Alsace": 14_210, "Auvergne": 8_905, "Bourgogne": 11_372, "Corse": 1_904, "Limousin": 5_633}
    body = "".join(f"<tr><td>{region}</td><td>{grouped(n)}</td><td>{grouped(n * 301)}</td>"
                   f"<td>{grouped(n + changed.get(region, 0))}</td><td>{grouped(n * 122)}</td></tr>\n"
                   for region, n in data.items())
    return (f"# Répartition de la dotation entre les régions pour 2013\n\n<table>\n"
            f'<tr><td rowspan="2">Région</td><td colspan="2">{first}</td><td colspan="2">{second}</td></tr>\n'
            f"<tr><td>{sub}</td><td>Montant (en euros)</td><td>{sub}</td><td>Montant (en euros)</td></tr>\n"
            f"{body}</table>\n")


def test_a_count_repeated_under_two_column_groups_with_two_values(tmp_path):
    text = column_groups_table("Part fixe", "Part variable", "Effectif d'apprentis", {"Bourgogne": -40})
    findings, facts = validate(tmp_path, text)
    [found] = errors(findings)
    assert found.check_name == "conflicting_value"
    assert pointed_values(found, facts) == {11_372, 11_332}
    assert "column 'Part fixe / Effectif d'apprentis' prints 11 372" in found.message


def test_columns_whose_headers_name_two_things_are_not_compared(tmp_path):
    # a voted and an amended budget: equal on most lines, different where amended
    text = column_groups_table("Budget primitif", "Budget supplémentaire", "Montant (en euros)",
                               {"Bourgogne": -4_000})
    findings, _ = validate(tmp_path, text)
    assert [f for f in errors(findings) if f.check_name == "conflicting_value"] == []


def test_doubts_of_one_place_but_two_causes_stay_two_warnings():
    from validation.facts import as_rows
    from validation.findings import Finding
    from validation.grouping import group_uncertain_readings

    cells = [fact(v, table_id="t1", row_label=f"r{v}", column_label="Effectif", confidence=0.6) for v in (1, 2, 3, 4)]
    rows = {r.fact_id: r for r in as_rows(cells)}

    def doubt(i, hint=None):
        return Finding("uncertain_reading", "warning", [cells[i]["fact_id"]], f"doubt {i}", "doc_a",
                       about="conflicting_value", check_hint=hint)

    unread = "cells hold digits the extractor did not read; check how the source writes these cells"
    out = group_uncertain_readings([doubt(0), doubt(1), doubt(2, unread), doubt(3, unread)], rows, {"t1": "Effectifs"},
                                   {"doc_a": "'effectifs.md'"})
    assert len(out) == 2
    [hinted] = [f for f in out if unread in f.message]
    assert set(hinted.fact_ids) == {cells[2]["fact_id"], cells[3]["fact_id"]}
    assert "table 'Effectifs'" in hinted.message and "'effectifs.md'" in hinted.message
