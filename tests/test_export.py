"""`make export`: the published warehouse's facts, findings, partnerships and figures as CSV and Parquet,
with the data dictionary beside them; DuckDB reads each file back with the table's rows."""
from __future__ import annotations

import duckdb

from tests.conftest import figure
from warehouse import export
from warehouse.load import publish, replace_document
from warehouse.rows import result_tables
from warehouse.validate import validate_warehouse


def test_export_writes_files_duckdb_reads_back_with_the_same_rows(tmp_path, monkeypatch, make_result):
    working = tmp_path / "w.duckdb"
    with duckdb.connect(str(working)) as con:
        from warehouse.schema import create_tables

        create_tables(con)
        replace_document(con, result_tables(make_result()))
        other = make_result("other.txt", " Es gibt 3 200 Arbeitslose weniger.")
        # a fall read as a level: a finding to export
        other.facts.append(figure(other.document, "3 200", indicator="jobseekers", unit="persons", value=-3200.0))
        replace_document(con, result_tables(other))
        validate_warehouse(con)
    publish(working, tmp_path / "w.published.duckdb")
    monkeypatch.setenv("WAREHOUSE_PATH", str(working))
    assert export.main([]) == 0

    out = tmp_path / "w.export"
    with duckdb.connect(str(tmp_path / "w.published.duckdb"), read_only=True) as con:
        for name, table in export.EXPORTED.items():
            [(expected,)] = con.execute(f"SELECT count(*) FROM {table}").fetchall()
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
            for reader in (f"read_csv('{out / name}.csv')", f"read_parquet('{out / name}.parquet')"):
                assert duckdb.sql(f"SELECT count(*) FROM {reader}").fetchall() == [(expected,)], (name, reader)
                assert [r[0] for r in duckdb.sql(f"DESCRIBE SELECT * FROM {reader}").fetchall()] == columns
        assert con.execute("SELECT count(*) FROM validation_findings").fetchall()[0][0] > 0
    # The Parquet files keep the types: a finding's fact ids are a list, a fact's value a double.
    [(ids_type,)] = duckdb.sql(f"SELECT typeof(fact_ids) FROM read_parquet('{out}/findings.parquet') LIMIT 1").fetchall()
    assert ids_type == "VARCHAR[]"
    dictionary = duckdb.sql(f"SELECT file, \"column\", meaning FROM read_csv('{out}/dictionary.csv')").fetchall()
    assert ("facts", "char_end", ) in {(f, c) for f, c, _ in dictionary} and all(m for *_, m in dictionary)
    assert "## facts.csv, facts.parquet" in (out / "dictionary.md").read_text(encoding="utf-8")
