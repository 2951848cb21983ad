"""After a crash: runs whose process is dead, and concurrency slots nobody will free.

A run that `python -m pipelines.run` starts carries the id of its process
(host, pid and the process's start time, so a reused pid is not taken for
it). When that process died (`kill -9`, a power cut), its run stays
"started" in the Dagster instance and keeps its slot of the `duckdb` pool:
every later step of that pool would wait for it forever. `recover_dead_runs`
marks such runs failed and frees their slots, and frees the slots of runs
that are over or deleted.

`PoolWatch` bounds the wait of a run of ours on the pool: past
PIPELINE_SLOT_WAIT_SECONDS it reports who holds the slot and how to free it,
and ends the process (it holds nothing while it waits).
"""
from __future__ import annotations

import os
import socket
import sys
import threading
from datetime import datetime, timezone

import dagster as dg

PROCESS_TAG = "pipelines/process"
ACTIVE_STATUSES = [dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
                   dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]


def _start_ticks(pid: int) -> str | None:
    """The process's start time (clock ticks since boot, /proc/PID/stat field 22), or None if it is gone
    (or there is no /proc)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            # The command name (field 2) may hold spaces: count from the closing parenthesis.
            return f.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def process_tag() -> dict[str, str]:
    """The tag that ties a run to this process."""
    pid = os.getpid()
    return {PROCESS_TAG: f"{socket.gethostname()}:{pid}:{_start_ticks(pid) or ''}"}


def process_is_dead(tag: str) -> bool:
    """Whether the process a tag names has certainly ended (on another host we cannot tell)."""
    host, pid, ticks = tag.rsplit(":", 2)
    if host != socket.gethostname():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # alive, someone else's
    return bool(ticks) and _start_ticks(int(pid)) not in (None, ticks)


def recover_dead_runs(instance: dg.DagsterInstance, pool: str) -> list[str]:
    """Mark the runs of dead processes failed and free their slots; free the pool's slots held by
    runs that are over or gone. Returns what was done, one line each."""
    done = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=ACTIVE_STATUSES)):
        tag = run.tags.get(PROCESS_TAG)
        if tag and process_is_dead(tag):
            instance.report_run_failed(run, f"The process that ran it ({tag}) died; marked failed by the next run.")
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
            done.append(f"run {run.run_id[:8]} ({run.job_name}) of a dead process marked failed, its slots freed")
    info = instance.event_log_storage.get_concurrency_info(pool)
    holders = {s.run_id for s in info.claimed_slots} | {p.run_id for p in info.pending_steps}
    for run_id in sorted(holders):
        run = instance.get_run_by_id(run_id)
        if run is None or run.is_finished:
            instance.event_log_storage.free_concurrency_slots_for_run(run_id)
            done.append(f"slot of pool {pool} held by {'deleted' if run is None else 'finished'} run "
                        f"{run_id[:8]} freed")
    return done


def describe_holders(instance: dg.DagsterInstance, pool: str, except_run: str | None = None) -> str:
    """Who holds the pool's slots, for a message."""
    info = instance.event_log_storage.get_concurrency_info(pool)
    parts = []
    for slot in info.claimed_slots:
        if slot.run_id == except_run:
            continue
        run = instance.get_run_by_id(slot.run_id)
        what = f"{run.job_name}, {run.status.value}, {run.tags.get(PROCESS_TAG, 'launched by the daemon')}" if run else "deleted"
        parts.append(f"run {slot.run_id} (step {slot.step_key}; {what})")
    return "; ".join(parts) or "nobody (the slot was just freed)"


def slot_wait_seconds() -> float:
    return float(os.environ.get("PIPELINE_SLOT_WAIT_SECONDS") or 300)


class PoolWatch(threading.Thread):
    """Ends this process when a step of `run_id` has waited for the pool longer than the bound."""

    def __init__(self, instance: dg.DagsterInstance, pool: str, run_id: str, wait_seconds: float | None = None):
        super().__init__(daemon=True, name="pool-watch")
        self.instance, self.pool, self.run_id = instance, pool, run_id
        self.wait_seconds = slot_wait_seconds() if wait_seconds is None else wait_seconds
        self.stopped = threading.Event()

    def stop(self) -> None:
        self.stopped.set()

    def run(self) -> None:
        while not self.stopped.wait(2.0):
            info = self.instance.event_log_storage.get_concurrency_info(self.pool)
            now = datetime.now(timezone.utc)
            waiting = [p for p in info.pending_steps if p.run_id == self.run_id and p.assigned_timestamp is None]
            waited = max(((now - _utc(p.enqueued_timestamp)).total_seconds() for p in waiting), default=0)
            if waited > self.wait_seconds and not self.stopped.is_set():
                print(f"Gave up after waiting {waited:.0f} s (PIPELINE_SLOT_WAIT_SECONDS) for the `{self.pool}` "
                      f"pool, held by {describe_holders(self.instance, self.pool, self.run_id)}. If that run is "
                      "not running any more, mark it failed in the UI (Runs, Terminate) or free its slot "
                      f"(Deployment, Concurrency, {self.pool}), then run `make run` again.", file=sys.stderr)
                run = self.instance.get_run_by_id(self.run_id)
                if run and not run.is_finished:
                    self.instance.report_run_failed(run, "Gave up waiting for the duckdb pool.")
                self.instance.event_log_storage.free_concurrency_slots_for_run(self.run_id)
                sys.stderr.flush()
                os._exit(3)  # the main thread is stuck in Dagster's wait loop, and holds nothing


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
