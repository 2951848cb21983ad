"""The Dagster definitions: the asset graph as declared, and real runs into a temporary warehouse.

The fixtures here (`dagster_home`, `corpus`) are shared with test_sensor, test_concurrency and test_ui.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines import run
from pipelines.assets import POOL, document_files
from pipelines.definitions import defs
from warehouse.paths import PROJECT_ROOT

TABLE_ASSETS = {"documents", "facts", "partnerships", "document_errors"}
CROSS_DOCUMENT_ASSETS = {"removed_documents", "validation_findings", "warehouse_views"}


def test_asset_graph():
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert keys == TABLE_ASSETS | CROSS_DOCUMENT_ASSETS | {"fact_explorer"}

    def node(key: str):
        return graph.get(dg.AssetKey(key))

    def parents(key: str) -> set[str]:
        return {k.to_user_string() for k in node(key).parent_keys}

    assert parents("validation_findings") == {"documents", "facts", "partnerships", "removed_documents"}
    assert parents("warehouse_views") == TABLE_ASSETS | {"validation_findings", "removed_documents"}
    assert parents("fact_explorer") == {"warehouse_views"}
    for key in TABLE_ASSETS:
        assert parents(key) == set()
        assert node(key).partitions_def == document_files  # one partition per file
        assert node(key).description
    for key in ("validation_findings", "warehouse_views", "fact_explorer"):
        assert node(key).automation_condition is not None  # they follow the documents
        assert node(key).partitions_def is None

    def checks(key: str) -> set[str]:
        return {c.name for c in node(key).check_keys}

    assert checks("facts") == {"facts_have_provenance", "rates_within_range",
                               "one_unit_per_indicator", "no_duplicate_facts"}
    assert checks("document_errors") == {"every_document_read"}
    assert checks("documents") == {"every_date_readable"}
    from validation.impossible import CHECK_NAME
    from validation.rules import CHECK_NAMES

    assert checks("validation_findings") == set(CHECK_NAMES) | {CHECK_NAME}


def test_every_step_that_opens_the_warehouse_is_in_the_duckdb_pool():
    job = defs.resolve_job_def("refresh_warehouse")
    pools = {}
    for node in job.graph.iterate_op_defs():
        pools[node.name] = node.pool
    assert pools.pop("read_documents") is None  # extraction: no warehouse, runs in parallel
    assert pools.pop("fact_explorer") == "explorer"  # reads the published copy only
    assert set(pools) == {"write_documents", "table_checks", "removed_documents", "validation_findings",
                          "validation_rule_checks", "warehouse_views"}
    assert set(pools.values()) == {POOL}


def test_jobs_schedule_and_sensors():
    assert defs.resolve_job_def("load_documents").executor_def.name == "reading_executor"  # multiprocess, or Dask by run config
    assert defs.resolve_job_def("refresh_warehouse").executor_def.name == "in_process"
    schedule = defs.resolve_schedule_def("daily_refresh")
    assert schedule.job_name == "refresh_warehouse"
    assert schedule.cron_schedule == "0 6 * * *"
    assert schedule.execution_timezone == "Europe/Paris"
    sensor = defs.resolve_sensor_def("raw_documents_sensor")
    assert {j.name for j in sensor.jobs} == {"load_documents", "refresh_warehouse"}
    assert sensor.minimum_interval_seconds == 30
    assert defs.resolve_sensor_def("automation").minimum_interval_seconds == 30


DOCUMENTS = {
    "rate.txt": "Au 3e trimestre 2025, le taux de chômage en Hauts-de-France s'établit à 9,2 %.\n"
                "Au 3e trimestre 2025, le taux de chômage en France est de 7,7 %.\n",
    "partnership.txt": "Le 20 mai 2025, la Région Hauts-de-France et l'Union Benelux ont signé "
                       "un plan d'action transfrontalier pour la période 2025-2028.\n"
                       "La Région compte 5 998 916 habitants au 1er janvier 2025.\n"
                       "Une réunion s'est tenue le 30 février 2025.\n",
    "empty.txt": "",
}


@pytest.fixture
def dagster_home(tmp_path, monkeypatch) -> Path:
    """A Dagster instance of our own (the project's dagster.yaml: sqlite, pool duckdb limited to 1)."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(PROJECT_ROOT / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return home


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """A documents folder with two small documents and an empty file, and a warehouse path."""
    documents = tmp_path / "raw"
    documents.mkdir()
    for name, text in DOCUMENTS.items():
        (documents / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(documents))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "out" / "warehouse.duckdb"))
    # empty.txt cannot be read: exit status 0 all the same (test_exit_status is about STRICT).
    monkeypatch.setenv("STRICT", "0")
    return documents, tmp_path / "out" / "warehouse.duckdb"


def query(path, sql: str) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def latest_check(instance: dg.DagsterInstance, asset: str, name: str):
    record = instance.get_latest_asset_check_evaluation_record(dg.AssetCheckKey(dg.AssetKey(asset), name))
    return record.event.dagster_event.event_specific_data


@pytest.mark.slow  # runs make run through Dagster
def test_make_run_loads_changes_only_and_removes_what_left(dagster_home, corpus, capsys):
    documents, warehouse = corpus
    assert run.main([]) == 0
    instance = dg.DagsterInstance.get()
    assert set(instance.get_dynamic_partitions("document_files")) == set(DOCUMENTS)
    assert instance.get_materialized_partitions(dg.AssetKey("facts")) == set(DOCUMENTS)

    assert query(warehouse, "SELECT count(*) FROM documents") == [(2,)]
    assert query(warehouse, "SELECT count(*) > 0 FROM facts") == [(True,)]
    [(source_path, reason, stage)] = query(warehouse, "SELECT source_path, reason, stage FROM document_errors")
    assert source_path == "empty.txt" and stage == "load" and reason

    every_read = latest_check(instance, "document_errors", "every_document_read")
    assert not every_read.passed and every_read.severity == dg.AssetCheckSeverity.WARN
    dates = latest_check(instance, "documents", "every_date_readable")
    assert not dates.passed and dates.severity == dg.AssetCheckSeverity.WARN
    assert query(warehouse, "SELECT kind, message LIKE '%30 février 2025%' FROM document_warnings") == [
        ("unreadable_date", True)]
    assert latest_check(instance, "facts", "facts_have_provenance").passed
    assert latest_check(instance, "facts", "no_duplicate_facts").passed
    assert instance.get_latest_materialization_event(dg.AssetKey("validation_findings"))
    # make run builds the explorer as its asset: the UI shows it materialized.
    assert instance.get_latest_materialization_event(dg.AssetKey("fact_explorer"))
    assert (warehouse.with_name("warehouse.explorer") / "index.html").exists()
    views = instance.get_latest_materialization_event(dg.AssetKey("warehouse_views"))
    assert "![chart](data:image/png;base64," in views.asset_materialization.metadata["chart"].value

    published = warehouse.with_name("warehouse.published.duckdb")
    assert query(published, "SELECT count(*) FROM documents") == [(2,)]
    assert query(published, "SELECT count(*) FROM v_unemployment_rates")[0][0] >= 2

    # Each partition's materialization describes its own file (the three were one run).
    def metadata(asset: str, key: str) -> dict:
        [record] = instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=dg.AssetKey(asset), asset_partitions=[key]), limit=1).records
        return {name: value.value for name, value in record.asset_materialization.metadata.items()}

    rate_facts = metadata("facts", "rate.txt")
    assert rate_facts["dagster/row_count"] == 2
    assert "| valid |" in rate_facts["preview"] and "| 9.2 % |" in rate_facts["preview"]
    assert "5 998 916" in metadata("facts", "partnership.txt")["preview"]
    assert metadata("facts", "empty.txt")["preview"] == "No rows: the file could not be read."
    assert metadata("document_errors", "empty.txt")["dagster/row_count"] == 1
    assert metadata("document_errors", "rate.txt")["error"] == "The file was read and its rows written."

    # Nothing changed: no run at all, the same rows.
    fact_ids = query(warehouse, "SELECT fact_id FROM facts ORDER BY fact_id")
    runs = len(instance.get_runs())
    capsys.readouterr()
    assert run.main([]) == 0
    assert "Nothing changed in 3 files" in capsys.readouterr().out
    assert len(instance.get_runs()) == runs
    assert query(warehouse, "SELECT fact_id FROM facts ORDER BY fact_id") == fact_ids

    # A removed file's rows leave, a fixed file loses its error, a changed file replaces its rows.
    (documents / "partnership.txt").unlink()
    (documents / "empty.txt").write_text("Le taux de chômage en France est de 7,7 % en 2024.\n", encoding="utf-8")
    with open(documents / "rate.txt", "a", encoding="utf-8") as f:
        f.write("En 2024, le taux de chômage en Hauts-de-France était de 9,0 %.\n")
    assert run.main([]) == 0
    assert query(warehouse, "SELECT source_path FROM documents ORDER BY 1") == [("empty.txt",), ("rate.txt",)]
    assert query(warehouse, "SELECT count(*) FROM document_errors") == [(0,)]
    assert query(warehouse, """SELECT count(*) FROM facts
                               WHERE document_id NOT IN (SELECT document_id FROM documents)""") == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM facts WHERE value = 9.0") == [(1,)]
    assert set(instance.get_dynamic_partitions("document_files")) == {"empty.txt", "rate.txt"}
    assert query(published, "SELECT count(*) FROM documents") == [(2,)]


@pytest.mark.slow  # runs make run through Dagster
def test_a_missing_documents_folder_fails_without_emptying_anything(dagster_home, tmp_path, monkeypatch):
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(tmp_path / "nowhere"))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "warehouse.duckdb"))
    assert run.main([]) == 2
    result = defs.resolve_job_def("refresh_warehouse").execute_in_process(
        instance=dg.DagsterInstance.get(), asset_selection=[dg.AssetKey("removed_documents")],
        raise_on_error=False)
    assert not result.success


ERRONEOUS_MONOGRAPH = """RÉGION BRETAGNE

DÉPENSES 2023

En millions d'euros

Années\tDépenses totales\tFormation professionnelle continue\tApprentissage\tDépenses non ventilables
2023\t300,0\t250,0\t60,0\t1,0

EMPLOI\tRÉGION\t\t\tNATIONAL
\tAnnée N-1\tAnnée N\tÉvolution (En %)\tAnnée N
DEMANDEURS D'EMPLOI (catégories A, B et C)\t200 000 (4 ^e trimestre 2023)\t210 000 (4 ^e trimestre 2024)\t7,50 %\t5 000 000 (4 ^e trimestre 2024)
TAUX DE CHOMAGE (% de la population active)\t7,0 % au 2 ^e trimestre 2023\t7,2 % au 2 ^e trimestre 2024\t2,86 %\t7,4 % au 2 ^e trimestre 2024
"""


@pytest.mark.slow  # runs make run through Dagster
def test_validation_checks_report_the_sources_own_errors(dagster_home, tmp_path, monkeypatch):
    documents = tmp_path / "raw"
    documents.mkdir()
    (documents / "bretagne.txt").write_text(ERRONEOUS_MONOGRAPH, encoding="utf-8")
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(documents))
    warehouse = tmp_path / "out" / "warehouse.duckdb"
    monkeypatch.setenv("WAREHOUSE_PATH", str(warehouse))
    assert run.main([]) == 0
    instance = dg.DagsterInstance.get()

    # +7.50 % stated, 200 000 -> 210 000 is +5.00 %: an error; 7,0 -> 7,2 % is +2.86 %: right.
    mismatch = latest_check(instance, "validation_findings", "stated_change_mismatch")
    assert not mismatch.passed and mismatch.metadata["errors"].value == 1
    # 250 + 60 + 1 = 311 against a stated total of 300.
    sums = latest_check(instance, "validation_findings", "parts_do_not_sum_to_total")
    assert not sums.passed and sums.metadata["errors"].value == 1
    assert latest_check(instance, "validation_findings", "conflicting_value").passed
    assert latest_check(instance, "facts", "rates_within_range").passed

    flagged = query(warehouse, "SELECT indicator, value FROM facts WHERE status = 'flagged' ORDER BY value")
    assert ("jobseekers", 210000.0) in flagged and ("spending", 300_000_000.0) in flagged
    assert ("unemployment_rate", 7.2) not in flagged
    [(message,)] = query(warehouse, "SELECT message FROM validation_findings WHERE check_name = 'stated_change_mismatch'")
    assert "7.50" in message and "200 000" in message and "210 000" in message
