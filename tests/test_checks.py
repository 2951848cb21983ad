"""The table checks, on a warehouse built by hand."""
from __future__ import annotations

from pipelines.checks import facts_have_provenance
from warehouse.load import replace_document
from warehouse.rows import result_tables


def test_provenance_passes_on_true_offsets_and_names_each_wrong_one(warehouse, make_result):
    replace_document(warehouse, result_tables(make_result()))
    result = facts_have_provenance(warehouse)
    assert result["passed"] and result["metadata"]["checked"] == 5  # 2 facts + 3 mentions

    # One mention pointing at words, one fact pointing past the end of the text.
    warehouse.execute("UPDATE fact_mentions SET char_start = 0, char_end = 2 WHERE char_start = "
                      "(SELECT max(char_start) FROM fact_mentions)")
    warehouse.execute("UPDATE facts SET char_end = 100000 WHERE indicator = 'population'")
    result = facts_have_provenance(warehouse)
    assert not result["passed"] and result["metadata"]["count"] == 2
    table = result["metadata"]["spans_without_a_figure"].value
    assert "| 0 | 2 | Au |" in table and "100000" in table


def test_one_unit_per_indicator_allows_a_share_in_percent_and_fails_on_two_amounts(warehouse, make_result):
    from pipelines.checks import one_unit_per_indicator
    from tests.conftest import figure, loaded_document

    doc = loaded_document("Die Region erhält 2 400 000 EUR, das sind 12 % der Mittel; 35 Projekte.")
    money = dict(indicator="funding", area="DE-NW", period_start=None, period_end=None)
    result = make_result()
    result.document, result.facts = doc, [
        figure(doc, "2 400 000 EUR", value=2_400_000.0, unit="EUR", **money),
        figure(doc, "12 %", value=12.0, unit="percent", **money)]  # a share of the allocation
    replace_document(warehouse, result_tables(result))
    assert one_unit_per_indicator(warehouse)["passed"]

    warehouse.execute("UPDATE facts SET unit = 'count' WHERE unit = 'percent'")  # money and a count: no
    assert not one_unit_per_indicator(warehouse)["passed"]
    # A rate of the vocabulary is stated in percent only, never as an amount.
    warehouse.execute("UPDATE facts SET unit = 'EUR'")
    warehouse.execute("INSERT INTO indicators (code, unit) VALUES ('funding', 'EUR'), ('unemployment_rate', 'percent')")
    assert one_unit_per_indicator(warehouse)["passed"]
    warehouse.execute("UPDATE facts SET indicator = 'unemployment_rate', unit = 'persons' WHERE value = 12")
    result = one_unit_per_indicator(warehouse)
    assert not result["passed"] and "unemployment_rate" in result["metadata"]["indicators_with_several_units"].value


def test_a_negative_level_is_flagged_never_valid(warehouse, make_result):
    from tests.conftest import figure, loaded_document
    from warehouse.validate import validate_warehouse

    doc = loaded_document("Het aantal werkzoekenden daalt met 4 500 tot 61 200 in 2024.")
    result = make_result()
    jobseekers = dict(indicator="jobseekers", unit="persons", area="BE-VLG", period_start=None, period_end=None)
    # As a reading that takes the fall for a level would give it.
    result.document, result.facts = doc, [figure(doc, "4 500", value=-4500.0, **jobseekers),
                                          figure(doc, "61 200", value=61200.0, **jobseekers)]
    replace_document(warehouse, result_tables(result))
    validate_warehouse(warehouse)
    assert warehouse.execute("SELECT value, status FROM facts ORDER BY value").fetchall() == [
        (-4500.0, "flagged"), (61200.0, "valid")]
    [(check, severity)] = warehouse.execute("SELECT check_name, severity FROM validation_findings").fetchall()
    assert (check, severity) == ("impossible_negative_level", "warning")
