"""The warehouse layer on hand-built DocumentResults: rows, idempotent reloads, errors, publishing."""
from __future__ import annotations

import dataclasses


import duckdb

from warehouse.load import (
    publish,
    read_rows,
    record_error,
    remove_documents_gone,
    replace_document,
    write_findings,
)
from warehouse.rows import result_tables
from warehouse.schema import PER_DOCUMENT_TABLES, TABLES, columns, create_tables
from warehouse.views import create_views


def snapshot(con) -> dict[str, list[tuple]]:
    """Every row of every per-document table, in a stable order."""
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in PER_DOCUMENT_TABLES}


def scalar(con, sql: str):
    """The single value a query returns (fetchall: DuckDB 2 refuses new work after a partial fetch)."""
    [(value,)] = con.execute(sql).fetchall()
    return value


def count(con, table: str, where: str = "true") -> int:
    return scalar(con, f"SELECT count(*) FROM {table} WHERE {where}")


def test_a_figure_stated_twice_is_one_fact_with_two_mentions(make_result):
    result = make_result()
    tables = result_tables(result)
    facts, mentions = tables["facts"], tables["fact_mentions"]

    assert len(facts) == 2
    rate = facts[facts.indicator == "unemployment_rate"].iloc[0]
    assert rate.mention_count == 2
    assert rate.char_start == result.document.text.index("9,2 %")  # the earliest statement leads
    assert rate.precision == 0.05  # the finest statement's precision
    assert rate.status == "valid" and rate.fact_id.startswith("f_")
    first = result.document.text.index("9,2 %")
    second = result.document.text.index("9,2 %", first + 1)
    assert sorted(mentions[mentions.fact_id == rate.fact_id].char_start) == [first, second]
    assert len(tables["partnerships"]) == 1  # the same agreement reported twice

    again = result_tables(make_result())
    for table in ("facts", "fact_mentions", "partnerships"):
        assert list(again[table].iloc[:, 0]) == list(tables[table].iloc[:, 0])  # same ids


def test_frames_have_the_schema_columns(make_result):
    tables = result_tables(make_result())
    for table in PER_DOCUMENT_TABLES:
        assert list(tables[table].columns) == columns(table)


def test_null_numbers_stay_null(warehouse, make_result):
    replace_document(warehouse, result_tables(make_result()))
    rows = warehouse.execute("SELECT stated_change_pct, stated_change_decimals, page FROM facts").fetchall()
    assert set(rows) == {(None, None, None)}


def test_replace_document_twice_gives_identical_rows(warehouse, make_result):
    tables = result_tables(make_result())
    replace_document(warehouse, tables)
    first = snapshot(warehouse)
    replace_document(warehouse, result_tables(make_result()))
    assert snapshot(warehouse) == first
    assert count(warehouse, "documents") == 1 and count(warehouse, "facts") == 2


def test_an_error_leaves_other_documents_alone(warehouse, make_result):
    replace_document(warehouse, result_tables(make_result()))
    before = snapshot(warehouse)
    record_error(warehouse, "empty.txt", "the file is empty", "load")
    record_error(warehouse, "empty.txt", "the file is still empty", "load")  # replaced, not added

    assert snapshot(warehouse) == before
    assert read_rows(warehouse, "SELECT source_path, reason, stage FROM document_errors") == [
        {"source_path": "empty.txt", "reason": "the file is still empty", "stage": "load"}]


def test_a_file_that_loads_again_loses_its_error(warehouse, make_result):
    record_error(warehouse, "doc.txt", "the file is empty", "load")
    replace_document(warehouse, result_tables(make_result(name="doc.txt")))
    assert count(warehouse, "document_errors") == 0


def test_removal_acts_only_on_files_gone_from_the_folder(warehouse, make_result):
    kept = replace_document(warehouse, result_tables(make_result(name="a.txt")))
    replace_document(warehouse, result_tables(make_result(extra=" Fin.", name="b.txt")))
    changed = replace_document(warehouse, result_tables(make_result(extra=" Autre.", name="c.txt")))
    hidden = replace_document(warehouse, result_tables(make_result(extra=" Caché.", name="locked/d.txt")))
    record_error(warehouse, "gone.txt", "the file is empty", "load")
    record_error(warehouse, "bad.txt", "the file is empty", "load")

    # a.txt renamed (its bytes are still there), b.txt deleted, c.txt present with bytes the
    # warehouse does not hold (its load failed), locked/ unreadable.
    gone = remove_documents_gone(warehouse, ["bad.txt", "a2.txt", "c.txt"], [kept],
                                 unreadable_folders=["locked"])
    assert [g["source_path"] for g in gone] == ["b.txt"]
    ids = {r[0] for r in warehouse.execute("SELECT document_id FROM documents").fetchall()}
    assert ids == {kept, changed, hidden}
    for table in PER_DOCUMENT_TABLES:
        assert count(warehouse, table, f"document_id NOT IN ('{kept}', '{changed}', '{hidden}')") == 0
    assert [r[0] for r in warehouse.execute("SELECT source_path FROM document_errors").fetchall()] == ["bad.txt"]


def test_a_write_error_keeps_the_files_last_good_rows(warehouse, make_result):
    document_id = replace_document(warehouse, result_tables(make_result(name="doc.txt")))
    before = snapshot(warehouse)
    # the file changed, and its new rows could not be written
    record_error(warehouse, "doc.txt", "the warehouse is held by another process", "write", "0" * 64, "doc_0")
    assert snapshot(warehouse) == before
    assert read_rows(warehouse, "SELECT source_path, stage, document_id FROM document_errors") == [
        {"source_path": "doc.txt", "stage": "write", "document_id": "doc_0"}]
    # a read error on other bytes, by contrast, retires the old version
    record_error(warehouse, "doc.txt", "the file is empty", "load")
    assert count(warehouse, "documents", f"document_id = '{document_id}'") == 0


def test_write_findings_flags_and_unflags(warehouse, make_result):
    replace_document(warehouse, result_tables(make_result()))
    rate_id = scalar(warehouse, "SELECT fact_id FROM facts WHERE indicator = 'unemployment_rate'")
    finding = {"finding_id": "x1", "check_name": "conflicting_value", "severity": "error",
               "fact_ids": [rate_id], "message": "9,2 % against 9,5 %", "document_id": None}

    assert write_findings(warehouse, [finding, finding]) == 1
    assert count(warehouse, "facts", "status = 'flagged'") == 1
    create_views(warehouse)
    assert warehouse.execute("SELECT fact_id FROM v_findings_with_facts").fetchall() == [(rate_id,)]

    write_findings(warehouse, [])
    assert count(warehouse, "facts", "status = 'flagged'") == 0
    assert count(warehouse, "facts") == 2  # a finding never deletes a fact


def test_publish_makes_a_readable_copy(tmp_path, make_result):
    source = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(source))
    from warehouse.schema import create_tables

    create_tables(con)
    replace_document(con, result_tables(make_result()))
    create_views(con)
    con.close()

    target = publish(source, tmp_path / "published.duckdb")
    publish(source, target)  # replacing an existing (read-only) copy works too
    with duckdb.connect(str(target), read_only=True) as reader:
        assert count(reader, "facts") == 2
        assert count(reader, "v_unemployment_rates") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published.duckdb", "warehouse.duckdb"]


def test_views_run_on_an_empty_warehouse(warehouse):
    for view in create_views(warehouse):
        warehouse.execute(f"SELECT * FROM {view}").fetchall()


def test_create_tables_adds_new_columns_to_an_old_warehouse(warehouse):
    warehouse.execute("ALTER TABLE facts DROP COLUMN mention_count")
    from warehouse.schema import create_tables

    create_tables(warehouse)
    names = [r[0] for r in warehouse.execute("DESCRIBE facts").fetchall()]
    assert set(names) == set(TABLES["facts"])


def test_contract_columns_come_first():
    contract = {
        "documents": ["document_id", "sha256", "source_path", "language", "title", "published_on"],
        "facts": ["fact_id", "document_id", "indicator", "area", "segment", "period_start", "period_end",
                  "value", "unit", "qualifier", "page", "char_start", "char_end", "snippet", "status"],
        "partnerships": ["partnership_id", "document_id", "name", "parties", "signed_on",
                         "signed_precision", "starts_on", "ends_on", "snippet"],
        "validation_findings": ["finding_id", "check_name", "severity", "fact_ids", "message"],
    }
    for table, names in contract.items():
        assert columns(table)[: len(names)] == names


def test_values_no_source_can_mean_are_kept_out_of_the_facts_with_the_reason(make_result):
    import datetime as dt

    from extractors.label.plausibility import drop_what_cannot_be_meant
    from extractors.model import DocumentWarning
    from tests.conftest import figure

    result = make_result(extra=" On compte 12345678901234567890123456789 apprentis, et 10^400 € de budget.")
    doc = result.document
    result.facts += [
        figure(doc, "12345678901234567890123456789", indicator="apprentices", unit="persons", value=1.2345e28),
        figure(doc, "10^400", indicator="budget", unit="EUR", value=float("inf")),
        figure(doc, "5 998 916", 0, indicator="apprentices", unit="persons", value=5998916.0),
    ]
    drop_what_cannot_be_meant(result)  # extraction's last pass; the rows only map what it left
    tables = result_tables(result)
    assert sorted(tables["facts"]["value"]) == [9.2, 5998916.0, 5998916.0]
    warnings = tables["document_warnings"]
    assert list(warnings["kind"]) == ["implausible_value"] * 2
    assert "beyond any plausible value" in warnings["message"][0] and "finite" in warnings["message"][1]

    # "Le 31 février 2025" is no date: the agreement is undated, not signed in February 2025.
    text = "Le 31 février 2025, la Région et l'Union Benelux ont signé un plan d'action."
    result = make_result()
    start = len(result.document.text) + 1
    result.document.text += " " + text
    [partnership] = result.partnerships[:1]
    result.partnerships = [
        dataclasses.replace(partnership, char_start=start, char_end=start + len(text),
                            signed_on=dt.date(2025, 2, 1), signed_precision="month"),
        dataclasses.replace(partnership, name="autre", signed_on=dt.date(2025, 5, 20), signed_precision="day")]
    result.warnings = [DocumentWarning("unreadable_date", "…", start + 3, start + 18, None)]
    drop_what_cannot_be_meant(result)
    rows = result_tables(result)["partnerships"].set_index("name")
    assert rows.loc["plan d'action", "signed_on"] is None and rows.loc["autre", "signed_on"] == dt.date(2025, 5, 20)


def test_replacing_many_documents_at_once_leaves_what_one_after_the_other_leaves(tmp_path, make_result):
    import duckdb

    from warehouse.load import replace_documents

    old = result_tables(make_result(name="changed.txt"))
    batch = [result_tables(make_result(name="a.txt", extra=" A.")),
             result_tables(make_result(name="changed.txt", extra=" Nouvelle version.")),
             result_tables(make_result(name="copy.txt", extra=" A."))]  # a.txt's bytes under another name
    snapshots = []
    for name, write in [("one_by_one", lambda con: [replace_document(con, t) for t in batch]),
                        ("at_once", lambda con: replace_documents(con, batch))]:
        with duckdb.connect(str(tmp_path / f"{name}.duckdb")) as con:
            create_tables(con)
            replace_document(con, old)
            record_error(con, "copy.txt", "the file is empty", "load")
            write(con)
            snapshots.append({**snapshot(con), "errors": con.execute("SELECT * FROM document_errors").fetchall()})
    assert snapshots[0] == snapshots[1]
    assert sorted(r[2] for r in snapshots[1]["documents"]) == ["changed.txt", "copy.txt"]


def test_publish_refuses_to_replace_another_warehouses_copy(tmp_path, make_result):
    import pytest

    from warehouse.ownership import ForeignCopy, published_from

    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    for path in (first, second):
        with duckdb.connect(str(path)) as con:
            create_tables(con)
    copy = publish(first, tmp_path / "a.published.duckdb")
    assert published_from(copy) == str(first.resolve())
    with pytest.raises(ForeignCopy, match="published copy of another warehouse"):
        publish(second, copy)
    assert published_from(copy) == str(first.resolve())
    assert publish(first, copy) == copy  # its own copy: replaced


def test_a_file_duckdb_cannot_open_is_named_with_the_reason_not_taken_for_a_lock(tmp_path, monkeypatch, capsys):
    # What a warehouse written by another DuckDB storage version, or a damaged one, looks like to `make run`.
    import pytest

    from pipelines import run
    from warehouse.connection import UnreadableWarehouse, connect

    broken = tmp_path / "out" / "warehouse.duckdb"
    broken.parent.mkdir()
    broken.write_bytes(b"neither DuckDB nor anything else")
    with pytest.raises(UnreadableWarehouse, match="warehouse.duckdb cannot be opened .* move the file aside"):
        connect(broken, read_only=True, wait_seconds=0)

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "note.txt").write_text("Le taux de chômage atteint 7,2 % en 2024 en Bretagne.\n")
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(tmp_path / "raw"))
    monkeypatch.setenv("WAREHOUSE_PATH", str(broken))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    assert run.main([]) == 2
    said = capsys.readouterr().err
    assert "cannot be opened" in said and "held by another process" not in said
    assert broken.read_bytes() == b"neither DuckDB nor anything else"  # nothing was changed
