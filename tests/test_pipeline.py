"""The Dagster definitions: the asset graph as declared, and real runs into a temporary warehouse."""
from __future__ import annotations

import dagster as dg
import duckdb
import pytest

from pipelines.assets import ASSETS
from pipelines.checks import CHECKS
from pipelines.definitions import defs
from pipelines.resources import RESOURCES

TABLE_ASSETS = {"documents", "facts", "partnerships", "document_errors"}


def test_asset_graph():
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert keys == TABLE_ASSETS | {"validation_findings", "warehouse_views"}

    def parents(key: str) -> set[str]:
        return {k.to_user_string() for k in graph.get(dg.AssetKey(key)).parent_keys}

    assert parents("validation_findings") == {"documents", "facts", "partnerships"}
    assert parents("warehouse_views") == TABLE_ASSETS | {"validation_findings"}
    for key in TABLE_ASSETS:
        assert parents(key) == set()

    def checks(key: str) -> set[str]:
        return {c.name for c in graph.get(dg.AssetKey(key)).check_keys}

    assert checks("facts") == {"facts_have_provenance", "rates_within_range",
                               "one_unit_per_indicator", "no_duplicate_facts"}
    assert checks("document_errors") == {"every_document_read"}
    from validation.rules import CHECK_NAMES

    assert checks("validation_findings") == set(CHECK_NAMES)


def test_job_and_schedule():
    job = defs.resolve_job_def("refresh_warehouse")
    assert job.executor_def.name == "in_process"
    schedule = defs.resolve_schedule_def("daily_refresh")
    assert schedule.job_name == "refresh_warehouse"
    assert schedule.cron_schedule == "0 6 * * *"
    assert schedule.execution_timezone == "Europe/Paris"


DOCUMENTS = {
    "rate.txt": "Au 3e trimestre 2025, le taux de chômage en Hauts-de-France s'établit à 9,2 %.\n"
                "Au 3e trimestre 2025, le taux de chômage en France est de 7,7 %.\n",
    "partnership.txt": "Le 20 mai 2025, la Région Hauts-de-France et l'Union Benelux ont signé "
                       "un plan d'action transfrontalier pour la période 2025-2028.\n"
                       "La Région compte 5 998 916 habitants au 1er janvier 2025.\n",
    "empty.txt": "",
}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A documents folder with two small documents and an empty file, and a warehouse path."""
    documents = tmp_path / "raw"
    documents.mkdir()
    for name, text in DOCUMENTS.items():
        (documents / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(documents))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "out" / "warehouse.duckdb"))
    return documents, tmp_path / "out" / "warehouse.duckdb"


def materialize_all() -> dg.ExecuteInProcessResult:
    return dg.materialize([*ASSETS, *CHECKS], resources=RESOURCES, instance=dg.DagsterInstance.ephemeral())


def query(path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_materialize_everything_twice(corpus):
    documents, warehouse = corpus
    result = materialize_all()
    assert result.success

    assert query(warehouse, "SELECT count(*) FROM documents") == [(2,)]
    assert query(warehouse, "SELECT count(*) > 0 FROM facts") == [(True,)]
    [(source_path, reason, stage)] = query(warehouse, "SELECT source_path, reason, stage FROM document_errors")
    assert source_path == "empty.txt" and stage == "load" and reason

    outcomes = {e.asset_check_key.name: e for e in result.get_asset_check_evaluations()}
    assert not outcomes["every_document_read"].passed
    assert outcomes["every_document_read"].severity == dg.AssetCheckSeverity.WARN
    assert outcomes["facts_have_provenance"].passed
    assert outcomes["no_duplicate_facts"].passed

    published = warehouse.with_name("published.duckdb")
    assert query(published, "SELECT count(*) FROM documents") == [(2,)]
    assert query(published, "SELECT count(*) FROM v_partnership_timeline")[0][0] >= 0

    fact_ids = query(warehouse, "SELECT fact_id FROM facts ORDER BY fact_id")
    assert materialize_all().success
    assert query(warehouse, "SELECT fact_id FROM facts ORDER BY fact_id") == fact_ids
    assert query(warehouse, "SELECT count(*) FROM documents") == [(2,)]
    assert query(warehouse, "SELECT count(*) FROM document_errors") == [(1,)]

    # A removed file's rows leave the warehouse; a fixed file loses its error.
    (documents / "partnership.txt").unlink()
    (documents / "empty.txt").write_text("Le taux de chômage en France est de 7,7 % en 2024.\n", encoding="utf-8")
    assert materialize_all().success
    assert query(warehouse, "SELECT source_path FROM documents ORDER BY 1") == [("empty.txt",), ("rate.txt",)]
    assert query(warehouse, "SELECT count(*) FROM document_errors") == [(0,)]
    assert query(warehouse, """SELECT count(*) FROM facts
                               WHERE document_id NOT IN (SELECT document_id FROM documents)""") == [(0,)]


def test_a_missing_documents_folder_fails_without_emptying_anything(tmp_path, monkeypatch):
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(tmp_path / "nowhere"))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "warehouse.duckdb"))
    result = dg.materialize([*ASSETS, *CHECKS], resources=RESOURCES,
                            instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    assert not result.success
