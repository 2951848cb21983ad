"""The warehouse as a DuckLake on a real PostgreSQL catalog: writers at once, readers meanwhile,
the reading step on Dask workers.

PostgreSQL is Debian's package (`.ci/run` installs it); the fixture starts a server of its own on
a free port (warehouse/local_postgres.py). Without the package the tests skip, except under CI,
where they fail.
"""
from __future__ import annotations

import os
import threading
import time

import dagster as dg
import duckdb
import pytest

from pipelines.folder import scan, source_path_of
from pipelines.lake_workers import refresh_whole_lake, shares, write_concurrently
from pipelines.reading import read_files
from tests.test_pipeline import dagster_home  # noqa: F401  (a fixture)
from warehouse import lake
from warehouse.load import replace_documents
from warehouse.local_postgres import LocalPostgres, postgres_bin
from warehouse.paths import source_base
from warehouse.schema import create_tables

# Sentences written for these tests, one figure each, in the three languages of the corpus.
TEMPLATES = [
    "Au premier trimestre {year}, le taux de chômage s'établit à {small},{digit} % en Bretagne.",
    "In {year} telde de provincie Limburg {big} werkzoekenden.",
    "Im Jahr {year} lag die Arbeitslosenquote im Saarland bei {small},{digit} Prozent.",
]
DOCUMENT_COUNT = 12


@pytest.fixture(scope="module")
def postgres():
    if postgres_bin() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed (.ci/run installs Debian's postgresql)")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    with LocalPostgres() as server:
        yield server


@pytest.fixture
def lake_on_postgres(postgres, tmp_path, monkeypatch):
    """A new, empty lake: its own database on the server, its data folder, its published path."""
    database = f"lake_{tmp_path.name.replace('-', '_').lower()}"
    monkeypatch.setenv("WAREHOUSE_LAKE", "postgres:" + postgres.create_database(database))
    monkeypatch.setenv("WAREHOUSE_DATA", str(tmp_path / "lake-data"))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "out" / "warehouse.duckdb"))
    return lake.lake_settings()


@pytest.fixture
def folder(tmp_path, monkeypatch):
    documents = tmp_path / "raw"
    documents.mkdir()
    for i in range(DOCUMENT_COUNT):
        text = TEMPLATES[i % 3].format(year=2010 + i, small=5 + i % 4, digit=i % 10, big=1000 + 37 * i)
        (documents / f"note-{i:02d}.txt").write_text(text + "\n", encoding="utf-8")
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(documents))
    return documents


def test_settings_choose_the_lake(monkeypatch, tmp_path):
    monkeypatch.delenv("WAREHOUSE_LAKE", raising=False)
    assert lake.lake_settings() is None  # the embedded warehouse, as always
    monkeypatch.setenv("WAREHOUSE_LAKE", str(tmp_path / "w.ducklake"))
    monkeypatch.delenv("WAREHOUSE_DATA", raising=False)
    assert lake.lake_settings() == lake.LakeSettings(str(tmp_path / "w.ducklake"), str(tmp_path / "w.ducklake.files") + "/")
    monkeypatch.setenv("WAREHOUSE_LAKE", "postgres:dbname=lake host=db")
    with pytest.raises(ValueError, match="WAREHOUSE_DATA"):
        lake.lake_settings()
    monkeypatch.setenv("WAREHOUSE_DATA", "s3://bucket/lake")
    assert lake.lake_settings() == lake.LakeSettings("postgres:dbname=lake host=db", "s3://bucket/lake/")


def embedded_fact_ids(folder, path) -> tuple[set, set]:
    """The document and fact ids of an embedded warehouse built from the same folder."""
    with duckdb.connect(str(path)) as con:
        create_tables(con)
        keys = sorted(scan(folder))
        outcomes = read_files([(k, source_path_of(k)) for k in keys], source_base(folder), folder, workers=1)
        replace_documents(con, [o.tables for o in outcomes if o.tables is not None])
        return ({r[0] for r in con.execute("SELECT document_id FROM documents").fetchall()},
                {r[0] for r in con.execute("SELECT fact_id FROM facts").fetchall()})


def test_two_writers_at_once_into_one_lake_while_a_reader_queries(lake_on_postgres, folder, tmp_path):
    settings = lake_on_postgres
    assert [len(s) for s in shares(sorted(scan(folder)), 2)] == [DOCUMENT_COUNT // 2] * 2
    outcome: dict = {}
    writers = threading.Thread(target=lambda: outcome.update(counts=write_concurrently(folder, 2, batch=1)))
    seen = []  # (documents, distinct ids) each time the reader looked, while the writers ran
    with lake.connection(settings) as reader:
        writers.start()
        while writers.is_alive():
            reader.execute("BEGIN TRANSACTION")  # a snapshot: both counts from the same state
            seen.append(reader.execute("SELECT count(*), count(DISTINCT document_id) FROM documents").fetchone())
            reader.execute("COMMIT")
            time.sleep(0.1)
        writers.join()
        assert [c["loaded"] for c in outcome["counts"]] == [DOCUMENT_COUNT // 2] * 2
        assert [c["transactions"] for c in outcome["counts"]] == [DOCUMENT_COUNT // 2] * 2  # a document each
        assert seen, "the reader queried while the writers ran"
        assert all(total == distinct <= DOCUMENT_COUNT for total, distinct in seen)
        assert [s[0] for s in seen] == sorted(s[0] for s in seen)  # whole documents appear, none leaves

        counts = reader.execute("""SELECT count(*), count(DISTINCT document_id), count(DISTINCT source_path)
                                   FROM documents""").fetchone()
        assert counts == (DOCUMENT_COUNT,) * 3  # every document once
        for table, key in [("facts", "fact_id"), ("fact_mentions", "mention_id"), ("figures", "figure_id")]:
            total, distinct = reader.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
            assert total == distinct > 0, f"duplicate {key}s"
        lake_ids = ({r[0] for r in reader.execute("SELECT document_id FROM documents").fetchall()},
                    {r[0] for r in reader.execute("SELECT fact_id FROM facts").fetchall()})
    assert lake_ids == embedded_fact_ids(folder, tmp_path / "embedded.duckdb")

    # After the writers, once, over the whole lake: validation, views, the published snapshot.
    assert refresh_whole_lake()
    published = tmp_path / "out" / "warehouse.published.duckdb"  # (warehouse.paths.published_path)
    with duckdb.connect(str(published), read_only=True) as copy:
        assert {r[0] for r in copy.execute("SELECT fact_id FROM facts").fetchall()} == lake_ids[1]
        assert copy.execute("SELECT count(*) FROM facts WHERE status IS NULL").fetchone() == (0,)  # validated
        assert copy.execute("SELECT count(*) FROM v_unemployment_rates").fetchone()[0] > 0
        assert copy.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'facts'").fetchone()[0]


def test_a_conflicting_commit_is_run_again(lake_on_postgres):
    """Two connections (as two writers) change the same row: the second commit conflicts, and
    retry_on_conflict runs its transaction again on the new snapshot."""
    with lake.connection(lake_on_postgres) as first, lake.connection(lake_on_postgres) as second:
        first.execute("INSERT INTO areas VALUES ('FR-BRE', 'Bretagne', 'fr', 'region')")
        attempts = []

        def rename(con, name):
            attempts.append(name)
            con.execute("BEGIN TRANSACTION")
            con.execute("UPDATE areas SET name = ? WHERE code = 'FR-BRE'", [name])
            if len(attempts) == 1:  # meanwhile, another writer changes the same row and commits first
                first.execute("UPDATE areas SET name = 'Breizh' WHERE code = 'FR-BRE'")
            con.execute("COMMIT")

        lake.retry_on_conflict(rename, second, "Bretagne (région)")
        assert attempts == ["Bretagne (région)"] * 2
        assert first.execute("SELECT name FROM areas").fetchall() == [("Bretagne (région)",)]


def test_the_reading_step_runs_on_dask_workers(lake_on_postgres, folder, dagster_home):  # noqa: F811
    """The load_documents job with the Dask executor chosen in the run config only: its steps run
    in the workers of a Dask scheduler, and the documents land in the lake."""
    from dagster._core.definitions.reconstruct import ReconstructableRepository
    from distributed import Client, LocalCluster

    keys = sorted(scan(folder))[:2]
    instance = dg.DagsterInstance.get()
    instance.add_dynamic_partitions("document_files", keys)
    job = ReconstructableRepository.for_module("pipelines.definitions", "defs").get_reconstructable_job(
        "load_documents")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        worker_pids = set(client.run(os.getpid).values())
        run_config = {"execution": {"config": {"dask": {"cluster": {"existing": {"address": cluster.scheduler_address}}}}},
                      "ops": {"document_tables": {"ops": {"write_documents": {"config": {"publish": False}}}}}}
        with dg.execute_job(job, instance, run_config=run_config, tags={
                "dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]}) as result:
            assert result.success
            step_pids = {e.pid for e in result.all_events if e.is_step_start}
            succeeded = {e.step_key for e in result.all_events if e.is_step_success}
    assert step_pids and step_pids <= worker_pids  # every step ran in a Dask worker
    assert succeeded == {"document_tables.read_documents", "document_tables.write_documents"}
    with lake.connection(lake_on_postgres) as con:
        assert sorted(r[0] for r in con.execute("SELECT source_path FROM documents").fetchall()) == \
            sorted(source_path_of(k) for k in keys)
