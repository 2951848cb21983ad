"""Validation over the whole warehouse: the rules of `validation`, and the values no level can take,
written as findings (their facts flagged). One function for the pipeline's asset and `make eval`."""
from __future__ import annotations

import duckdb

from warehouse.load import read_rows, write_findings


def validate_warehouse(con: duckdb.DuckDBPyConnection) -> int:
    """Replace the findings with what every rule finds now; return how many were written."""
    import validation
    from validation.impossible import negative_levels

    facts = read_rows(con, "SELECT * FROM facts ORDER BY document_id, char_start, fact_id")
    partnerships = read_rows(con, "SELECT * FROM partnerships ORDER BY document_id, char_start")
    documents = read_rows(con, "SELECT * FROM documents ORDER BY document_id")
    relations = read_rows(con, "SELECT * FROM fact_relations ORDER BY document_id, relation_id")
    # table cells, and the numbers no reader took (a cell's stray digits make its findings doubts)
    figures = read_rows(con, "SELECT * FROM figures WHERE context IN ('table', 'text') "
                             "ORDER BY document_id, char_start")
    findings = validation.run_all(facts, partnerships, documents, relations, figures) + negative_levels(facts)
    return write_findings(con, findings, validation.flagged_fact_ids(findings))
