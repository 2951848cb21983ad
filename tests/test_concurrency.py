"""Runs at the same time: two partitions in parallel, and a SQL user reading while a load runs.

Each run here is a real run in its own process against one Dagster instance
(sqlite, the project's dagster.yaml: pool `duckdb` limited to 1), as the
daemon would launch them.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import dagster as dg
import duckdb
import pytest

from tests.test_pipeline import dagster_home, query  # noqa: F401  (a fixture)
from warehouse.paths import PROJECT_ROOT

pytestmark = pytest.mark.slow  # runs partitions of the pipeline in parallel processes: `make check` leaves it out

RUN_SCRIPT = textwrap.dedent('''
    """python run_partition.py KEY [multiprocess|slow]: one run of load_documents for one partition."""
    import sys, time

    import dagster as dg


    def load_documents():
        from pipelines.definitions import defs
        return defs.resolve_job_def("load_documents")


    if __name__ == "__main__":
        key, mode = sys.argv[1], sys.argv[2]
        with dg.DagsterInstance.get() as instance:
            if mode == "multiprocess":  # as the daemon runs it: each step in its own process
                result = dg.execute_job(dg.reconstructable(load_documents), instance=instance,
                                        tags={"dagster/partition": key})
            else:  # "slow": every table insert of the load waits 0.4 s inside its transaction
                import warehouse.load as load
                insert = load.insert_frame
                def slow_insert(con, table, rows):
                    insert(con, table, rows)
                    time.sleep(0.4)
                load.insert_frame = slow_insert
                result = load_documents().execute_in_process(instance=instance, partition_key=key)
        sys.exit(0 if result.success else 1)
''')

FIRST = "Au 3e trimestre 2025, le taux de chômage en Hauts-de-France s'établit à 9,2 %.\n"
SECOND = "La Région compte 5 998 916 habitants au 1er janvier 2025. En 2024, 74 929 apprentis.\n"


@pytest.fixture
def two_documents(dagster_home, tmp_path, monkeypatch):  # noqa: F811
    documents = tmp_path / "raw"
    documents.mkdir()
    (documents / "first.txt").write_text(FIRST, encoding="utf-8")
    (documents / "second.txt").write_text(SECOND, encoding="utf-8")
    monkeypatch.setenv("RAW_DOCUMENTS_DIR", str(documents))
    monkeypatch.setenv("WAREHOUSE_PATH", str(tmp_path / "out" / "warehouse.duckdb"))
    script = tmp_path / "run_partition.py"
    script.write_text(RUN_SCRIPT, encoding="utf-8")
    with dg.DagsterInstance.get() as instance:
        instance.add_dynamic_partitions("document_files", ["first.txt", "second.txt"])
    return script, tmp_path / "out" / "warehouse.duckdb"


def start(script, key: str, mode: str) -> subprocess.Popen:
    """The run in its own process; its log goes to a file (a pipe nobody reads would fill up and block it)."""
    log = open(script.with_name(f"{key}.{mode}.log"), "w+")
    process = subprocess.Popen([sys.executable, str(script), key, mode], cwd=PROJECT_ROOT,
                               stdout=log, stderr=subprocess.STDOUT, text=True)
    process.log = log
    return process


def finish(process: subprocess.Popen, timeout: float = 180) -> str:
    """Wait for the run (kill it after `timeout`) and return its log."""
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.log.seek(0)
    output = process.log.read()
    process.log.close()
    return output


def step_window(instance: dg.DagsterInstance, run_id: str, step_key: str) -> tuple[float, float]:
    records = instance.get_records_for_run(run_id).records
    times = {r.event_log_entry.dagster_event_type: r.event_log_entry.timestamp for r in records
             if r.event_log_entry.is_dagster_event and r.event_log_entry.step_key == step_key}
    return times[dg.DagsterEventType.STEP_START], times[dg.DagsterEventType.STEP_SUCCESS]


def test_two_partitions_in_parallel_take_turns_for_the_warehouse(two_documents):
    script, warehouse = two_documents
    processes = [start(script, key, "multiprocess") for key in ("first.txt", "second.txt")]
    outputs = [finish(p) for p in processes]
    for process, output in zip(processes, outputs):
        assert process.returncode == 0, output[-3000:]
        assert "Could not set lock" not in output and "Conflicting lock" not in output, output[-3000:]

    assert query(warehouse, "SELECT source_path FROM documents ORDER BY 1") == [("first.txt",), ("second.txt",)]
    assert query(warehouse, "SELECT count(*) FROM facts WHERE value = 9.2") == [(1,)]

    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs()
        assert len(runs) == 2 and all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs)
        assert instance.event_log_storage.get_concurrency_info("duckdb").slot_count == 1
        stats = [instance.get_run_stats(r.run_id) for r in runs]
        # The two runs were in flight at the same time...
        assert max(s.start_time for s in stats) < min(s.end_time for s in stats)
        # ...but their warehouse steps, in the `duckdb` pool, one after the other.
        writes = sorted(step_window(instance, r.run_id, "document_tables.write_documents") for r in runs)
        assert writes[0][1] <= writes[1][0], writes
        assert instance.get_materialized_partitions(dg.AssetKey("facts")) == {"first.txt", "second.txt"}


def counts(path) -> tuple[int, int]:
    """(documents, facts) in a warehouse file, read as a SQL user would, from this process."""
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM facts)").fetchone()


def test_the_published_copy_is_readable_while_a_load_runs(two_documents):
    script, warehouse = two_documents
    published = warehouse.with_name("warehouse.published.duckdb")
    first = start(script, "first.txt", "slow")
    output = finish(first)
    assert first.returncode == 0, output[-3000:]
    before = counts(published)
    assert before[0] == 1

    loading = start(script, "second.txt", "slow")
    reads, locked_reads = [], 0
    while loading.poll() is None:
        try:  # the working warehouse: held by the load for a while
            duckdb.connect(str(warehouse), read_only=True).close()
        except duckdb.IOException as exc:
            assert "lock" in str(exc).lower()
            locked_reads += 1
            # A SQL user on the published copy is not blocked, and sees the whole previous state.
            reads.append(counts(published))
        time.sleep(0.05)
    output = finish(loading)
    assert loading.returncode == 0, output[-3000:]
    assert locked_reads >= 3, "the load never held the warehouse while we looked"
    # The load published when its write step ended (the checks step then held the warehouse):
    # every read saw the whole previous state or the whole new one, never half a load.
    after = counts(published)
    assert after == (2, counts(warehouse)[1])
    assert set(reads) <= {before, after}, set(map(str, reads))
    assert reads.count(before) >= 2, "no read while the load was writing"
