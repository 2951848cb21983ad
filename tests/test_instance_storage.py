"""The instance storage of dagster.yaml (pipelines/instance_storage.py): the `duckdb` pool's one slot
is never held by two steps, even when two processes pick it at the same moment."""
from __future__ import annotations

import dagster as dg
import sqlalchemy
import pytest

from pipelines.instance_storage import CHECKED_AGAINST_DAGSTER, BatchingSqliteEventLogStorage
from tests.test_pipeline import dagster_home  # noqa: F401  (fixture)

POOL = "duckdb"


def test_the_private_storage_it_extends_is_the_version_it_was_checked_against():
    """pipelines/instance_storage.py overrides private methods of Dagster's SQLite event-log storage
    (its docstring says why no public setting does the same). Another Dagster version may have
    renamed them, or changed what they do: read that module again against it, then change the version."""
    assert dg.__version__ == CHECKED_AGAINST_DAGSTER, (
        f"Dagster {dg.__version__}, but pipelines/instance_storage.py was checked against {CHECKED_AGAINST_DAGSTER}")
    for private in ("_event_to_row", "_store_asset_event_tags", "_store_asset_event", "index_transaction",
                    "run_connection", "_claim_concurrency_slot"):
        assert hasattr(BatchingSqliteEventLogStorage.__mro__[1], private), private


def held_by(storage) -> list[tuple[str, str]]:
    return [(s.run_id, s.step_key) for s in storage.get_concurrency_info(POOL).claimed_slots]


@pytest.mark.slow  # claims run slots in a Dagster instance: `make check` leaves it out
def test_a_slot_taken_between_reading_and_claiming_is_not_taken_twice(dagster_home, monkeypatch):  # noqa: F811
    with dg.DagsterInstance.get() as instance:
        storage = instance.event_log_storage
        assert isinstance(storage, BatchingSqliteEventLogStorage)
        storage.set_concurrency_slots(POOL, 1)
        first = storage.claim_concurrency_slot(POOL, "run-a", "write_documents")
        assert first.is_claimed and held_by(storage) == [("run-a", "write_documents")]

        # The race: the second process read the slot as free just before the first took it.
        with storage.index_connection() as conn:
            [(slot_id,)] = conn.execute(sqlalchemy.text(
                "SELECT id FROM concurrency_slots WHERE concurrency_key = 'duckdb' AND NOT deleted")).fetchall()
        monkeypatch.setattr(BatchingSqliteEventLogStorage, "_free_slot_id", staticmethod(lambda conn, key: slot_id))
        second = storage.claim_concurrency_slot(POOL, "run-b", "write_documents")
        assert not second.is_claimed
        assert held_by(storage) == [("run-a", "write_documents")]  # the first still holds it

        # Once it is freed, the waiting step gets it.
        monkeypatch.undo()
        storage.free_concurrency_slots_for_run("run-a")
        assert storage.claim_concurrency_slot(POOL, "run-b", "write_documents").is_claimed
        assert held_by(storage) == [("run-b", "write_documents")]
