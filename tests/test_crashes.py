"""`make run` killed, or kept from the warehouse: the next run recovers, and no file loses its rows.

The killed and blocked runs are real `python -m pipelines.run` processes; the
runs after them are `pipelines.run.main` in the test process (same code,
spaCy already loaded).
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys

import dagster as dg
import pytest

from pipelines import run
from pipelines.assets import POOL
from tests.make_run import MakeRun
from tests.test_pipeline import DOCUMENTS, corpus, dagster_home, query  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow  # kills and restarts make run: `make check` leaves it out

WAREHOUSE_TABLES = {
    "documents": "document_id, sha256, source_path",
    "facts": "fact_id, value, status",
    "fact_mentions": "mention_id",
    "partnerships": "partnership_id",
    "document_errors": "source_path, stage",
    "validation_findings": "finding_id",
}


def contents(warehouse) -> dict[str, list[tuple]]:
    return {table: query(warehouse, f"SELECT {cols} FROM {table} ORDER BY ALL")
            for table, cols in WAREHOUSE_TABLES.items()}


@pytest.fixture
def folder(dagster_home, corpus):  # noqa: F811
    """The pipeline tests' documents folder and warehouse path, with an instance of our own."""
    return corpus


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    """The warehouse a run without incident makes of DOCUMENTS."""
    base = tmp_path_factory.mktemp("clean")
    documents = base / "raw"
    documents.mkdir()
    for name, text in DOCUMENTS.items():
        (documents / name).write_text(text, encoding="utf-8")
    shutil.copyfile(run.paths.PROJECT_ROOT / "dagster.yaml", base / "dagster.yaml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DAGSTER_HOME", str(base))
        patch.setenv("RAW_DOCUMENTS_DIR", str(documents))
        patch.setenv("WAREHOUSE_PATH", str(base / "warehouse.duckdb"))
        patch.setenv("STRICT", "0")  # (empty.txt cannot be read)
        assert run.main([]) == 0
    return contents(base / "warehouse.duckdb")


def kill_9_at(line: str) -> dg.DagsterRun:
    """Start `make run`, kill -9 it when its log shows `line`; return the run it left behind."""
    killed = MakeRun()
    assert killed.read_until(line), killed.output[-3000:]
    killed.process.send_signal(signal.SIGKILL)
    killed.finish()
    with dg.DagsterInstance.get() as instance:
        [dead] = instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED]))
        assert [s.run_id for s in instance.event_log_storage.get_concurrency_info(POOL).claimed_slots] == [
            dead.run_id]  # the dead run's slot: every later step of the pool would wait for it
    return dead


def test_kill_9_during_write_then_during_validation_then_make_run_gives_the_clean_warehouse(
        folder, clean_run, capsys):
    documents, warehouse = folder
    dead_in_write = kill_9_at("Writing the rows of 3 files")
    # The next run recovers from the first crash, and is killed in its turn, in validation.
    dead_in_validation = kill_9_at("Running the validation rules")

    capsys.readouterr()
    assert run.main([]) == 0
    out = capsys.readouterr().out
    assert f"run {dead_in_validation.run_id[:8]} (refresh_warehouse) of a dead process marked failed" in out
    assert contents(warehouse) == clean_run
    assert contents(warehouse.with_name("warehouse.published.duckdb")) == clean_run
    with dg.DagsterInstance.get() as instance:
        for dead in (dead_in_write, dead_in_validation):
            assert instance.get_run_by_id(dead.run_id).status == dg.DagsterRunStatus.FAILURE
        assert not instance.event_log_storage.get_concurrency_info(POOL).claimed_slots
        assert not instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED]))


HOLD_THE_WAREHOUSE = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
sys.stdin.readline()
con.close()
"""


def test_a_load_kept_from_the_warehouse_keeps_the_old_rows_and_records_why(folder):
    documents, warehouse = folder
    assert run.main([]) == 0
    before = contents(warehouse)
    old_rate = query(warehouse, "SELECT document_id FROM documents WHERE source_path = 'rate.txt'")
    with open(documents / "rate.txt", "a", encoding="utf-8") as f:
        f.write("En 2024, le taux de chômage en Hauts-de-France était de 9,0 %.\n")

    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_WAREHOUSE, str(warehouse)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    blocked = MakeRun({"WAREHOUSE_LOCK_WAIT_SECONDS": "3"})
    try:
        assert blocked.read_until("rate.txt: not written"), blocked.output[-3000:]
    finally:
        holder.communicate("\n")  # let go: the error rows can be written now
    assert blocked.finish() == 1, blocked.output[-3000:]
    assert "held by another process" in blocked.output

    after = contents(warehouse)
    for table in ("documents", "facts", "fact_mentions", "partnerships"):
        assert after[table] == before[table], table  # nothing deleted, nothing half-written
    [(stage, reason, sha)] = query(warehouse, """
        SELECT stage, reason, sha256 FROM document_errors WHERE source_path = 'rate.txt'""")
    assert stage == "write" and "held by another process" in reason
    assert sha != query(warehouse, "SELECT sha256 FROM documents WHERE source_path = 'rate.txt'")[0][0]

    # Free again: the new version replaces the old one, and its error row leaves.
    assert run.main([]) == 0
    assert query(warehouse, "SELECT document_id FROM documents WHERE source_path = 'rate.txt'") != old_rate
    assert query(warehouse, "SELECT count(*) FROM document_errors WHERE source_path = 'rate.txt'") == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM facts WHERE value = 9.0") == [(1,)]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_make_run_stops_cleanly(folder, signum):
    interrupted = MakeRun()
    assert interrupted.read_until("3 files: 3 to read"), interrupted.output[-3000:]
    interrupted.process.send_signal(signum)
    assert interrupted.finish() == 130, interrupted.output[-3000:]
    assert "Interrupted after" in interrupted.output
    assert "Running the validation rules" not in interrupted.output  # it stopped, it did not go on
    with dg.DagsterInstance.get() as instance:
        assert not instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED]))
        assert not instance.event_log_storage.get_concurrency_info(POOL).claimed_slots


def test_make_run_gives_up_on_a_slot_held_by_a_live_run_and_names_it(folder):
    with dg.DagsterInstance.get() as instance:
        # A run the daemon launched, still going as far as anyone can tell, holding the pool's slot.
        holder = "0f0f0f0f-0000-4000-8000-000000000000"
        instance.add_run(dg.DagsterRun(job_name="load_documents", run_id=holder, status=dg.DagsterRunStatus.STARTED))
        instance.event_log_storage.initialize_concurrency_limit_to_default(POOL)
        instance.event_log_storage.claim_concurrency_slot(POOL, holder, "document_tables.write_documents")

    waiting = MakeRun({"PIPELINE_SLOT_WAIT_SECONDS": "2"})
    assert waiting.finish() == 3, waiting.output[-3000:]
    assert f"held by run {holder} (step document_tables.write_documents" in waiting.output
    assert "Terminate" in waiting.output
    with dg.DagsterInstance.get() as instance:
        # It gave up cleanly: its own run failed, nothing of it in the pool; the holder is left alone.
        runs = {r.run_id: r.status for r in instance.get_runs()}
        assert runs.pop(holder) == dg.DagsterRunStatus.STARTED
        assert set(runs.values()) == {dg.DagsterRunStatus.FAILURE}
        assert [s.run_id for s in instance.event_log_storage.get_concurrency_info(POOL).claimed_slots] == [holder]
