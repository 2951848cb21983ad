"""A bounded instance: superseded runs are deleted after `make run`, no step output stays on disk."""
from __future__ import annotations

import dagster as dg
import pytest

from pipelines import run
from tests.test_pipeline import corpus, dagster_home  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow  # runs make run through Dagster: `make check` leaves it out


def test_make_run_keeps_the_runs_holding_the_latest_state_and_no_step_outputs(
        dagster_home, corpus, monkeypatch, capsys):  # noqa: F811
    documents, warehouse = corpus
    assert run.main([]) == 0
    instance = dg.DagsterInstance.get()
    first_load, first_refresh = sorted(instance.get_runs(), key=lambda r: r.job_name)

    monkeypatch.setenv("PIPELINE_KEEP_RUNS", "1")
    with open(documents / "rate.txt", "a", encoding="utf-8") as f:
        f.write("En 2024, le taux de chômage en Hauts-de-France était de 9,0 %.\n")
    capsys.readouterr()
    assert run.main([]) == 0
    assert "Run retention: 1 old runs deleted" in capsys.readouterr().out

    runs = {r.run_id for r in instance.get_runs()}
    # The first load still holds the latest materialization of the files that did not change;
    # the first validation and views were superseded by the second.
    assert first_load.run_id in runs and first_refresh.run_id not in runs and len(runs) == 3
    assert instance.get_materialized_partitions(dg.AssetKey("facts")) == {"rate.txt", "partnership.txt", "empty.txt"}
    # The deleted run's event log file went with it (Dagster's SQLite storage leaves it, emptied).
    run_files = {p.stem for p in (dagster_home / "history" / "runs").glob("*.db")}
    assert run_files == runs | {"index"}
    # And its checks' evaluations: those left are of the runs kept.
    from dagster._core.storage.event_log.schema import AssetCheckExecutionsTable
    import sqlalchemy as db

    with instance.event_log_storage.index_connection() as conn:
        check_runs = {r[0] for r in conn.execute(db.select(AssetCheckExecutionsTable.c.run_id)).fetchall()}
    assert check_runs and check_runs <= runs
    # The documents handed from the read step to the write step were deleted once written.
    assert not [p for p in (dagster_home / "storage").rglob("*") if p.is_file()]
