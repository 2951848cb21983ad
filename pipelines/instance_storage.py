"""The Dagster instance's storage: Dagster's SQLite storage, with materializations stored in batches.

A run over a range of N partitions records 4 × N materializations (one per
per-document asset and file). SQLite storage writes each one on its own
(a new connection and a commit, in the run's file and in the index: ~20-50 ms),
which made `make run` over 100 files spend more time recording than reading
them; the same goes for the "planned" events a run records when it starts. Dagster hands a partition range's materializations over as one batch
when DAGSTER_EVENT_BATCH_SIZE is set (`python -m pipelines.run` sets it); this
storage then writes the batch in one transaction per file. Anything else is
written as Dagster writes it.

It also claims the `duckdb` pool's slots safely between processes: SQLite has
no SELECT … FOR UPDATE, and Dagster's claim picks a free slot, then takes it
by its id alone, so two runs' steps claiming at the same moment could both
take the one slot and write at once (seen once in a full test run). Here a
slot is taken only if it is still free, in the one UPDATE statement.

dagster.yaml selects it (`storage: custom:`), with the same folders as
`storage: sqlite:`, so an existing `.dagster_home` keeps working.

Why a subclass of Dagster's private SQLite storage (checked against Dagster CHECKED_AGAINST_DAGSTER,
tests/test_instance_storage.py fails on any other version so that an upgrade looks here again):
- batching: DagsterInstance hands a batch to `store_event_batch` (public: DAGSTER_EVENT_BATCH_SIZE),
  but the SQLite storage writes it one event at a time (EventLogStorage.store_event_batch's loop);
  only the PostgreSQL/MySQL storages (a server) write a batch at once.
- the slot claim: Dagster's claim selects a free slot `FOR UPDATE SKIP LOCKED`, which SQLite
  ignores; the public settings (dagster.yaml `concurrency:` pools and run limits, a run coordinator)
  only say how many may hold a slot, not how it is taken, and `make run` runs in process, past any
  run coordinator. Limiting runs to one at a time would avoid the race only by losing parallel runs.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as db

from dagster._core.event_api import EventLogEntry
from dagster._core.events import ASSET_EVENTS
from dagster._core.storage.event_log.schema import ConcurrencySlotsTable, SqlEventLogStorageTable
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.sqlite_storage import DagsterSqliteStorage, _event_logs_directory
from dagster._utils.concurrency import ConcurrencySlotStatus

CHECKED_AGAINST_DAGSTER = "1.13.27"
# Events per batch: enough for the materializations of a large range, small enough to keep memory low.
EVENT_BATCH_SIZE = "1000"


class BatchingSqliteEventLogStorage(SqliteEventLogStorage):
    def store_event_batch(self, events: Sequence[EventLogEntry]) -> None:
        # Materializations, and the "planned" events a run records for them when it starts.
        asset_events = all(e.is_dagster_event and e.dagster_event_type in ASSET_EVENTS for e in events)
        if not asset_events or len({e.run_id for e in events}) != 1:
            super().store_event_batch(events)
            return
        rows = [self._event_to_row(e) for e in events]  # serialized once, for both files
        with self.run_connection(events[0].run_id) as conn:
            conn.execute(SqlEventLogStorageTable.insert().values(rows))
        # The index mirrors each event with its own id (the tags point at it); the asset's own row
        # keeps the latest event of the batch, as it would after writing them one by one.
        with self.index_transaction() as conn:
            ids = [conn.execute(SqlEventLogStorageTable.insert().values(**row)).inserted_primary_key[0] for row in rows]
            self._store_asset_event_tags(conn, events, ids)
            latest = {e.dagster_event.asset_key: (e, event_id) for e, event_id in zip(events, ids)}
            for event, event_id in latest.values():
                self._store_asset_event(conn, event, event_id)


    def _claim_concurrency_slot(self, concurrency_key: str, run_id: str, step_key: str) -> ConcurrencySlotStatus:
        with self.index_connection() as conn:
            slot_id = self._free_slot_id(conn, concurrency_key)
            if slot_id is None:
                return ConcurrencySlotStatus.BLOCKED
            taken = conn.execute(
                ConcurrencySlotsTable.update()
                .values(run_id=run_id, step_key=step_key)
                # still free: another process may have taken it since it was read
                .where(db.and_(ConcurrencySlotsTable.c.id == slot_id, ConcurrencySlotsTable.c.step_key.is_(None)))
            ).rowcount
        return ConcurrencySlotStatus.CLAIMED if taken else ConcurrencySlotStatus.BLOCKED

    @staticmethod
    def _free_slot_id(conn, concurrency_key: str) -> int | None:
        row = conn.execute(
            db.select(ConcurrencySlotsTable.c.id).where(db.and_(
                ConcurrencySlotsTable.c.concurrency_key == concurrency_key,
                ConcurrencySlotsTable.c.step_key.is_(None),
                ConcurrencySlotsTable.c.deleted.is_(False),
            )).limit(1)
        ).fetchone()
        return row[0] if row else None


class BatchingSqliteStorage(DagsterSqliteStorage):
    """`storage: sqlite:` with BatchingSqliteEventLogStorage for the event log."""

    def __init__(self, base_dir: str, inst_data=None):
        super().__init__(base_dir, inst_data=inst_data)
        self._event_log_storage = BatchingSqliteEventLogStorage(_event_logs_directory(base_dir))

    @classmethod
    def from_config_value(cls, inst_data, config_value):
        return cls.from_local(inst_data=inst_data, **config_value)
