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
