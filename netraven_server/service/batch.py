"""A batch of a run's devices as one task: claim them together, back them up in one engine run,
stream their results into the database in bulk, finish the run once.

One task per device cost, per device, four to six transactions (claim, credentials, host key,
result, the run's counters), a new event loop and a git commit; on SQLite every write
transaction also waits its turn for the file's one writer, and the API's requests with it.  A
batch (``NETRAVEN_BATCH_SIZE`` devices, default 25) claims in one transaction, its results are
written by a writer thread every ``_FLUSH_EVERY`` seconds (or ``_FLUSH_AT`` results) in one
transaction each, and the run's counters are refreshed once per batch.  Claims, tokens and the
watchdog work as for single devices (one token per batch, listed in the heartbeat); a device
the watchdog re-queues comes back as a single-device task.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam

from netraven_core.errors import StorageError

from ..db.models import Device, Run
from ..jobtypes import JobContext, job_types, load_snapshot
from ..jobtypes.base import DeviceOutcome, DeviceSnapshot
from ..notify.dispatch import subscribers
from .bulkrecord import record_results
from .execution import (  # the states and claim set the single-device tasks share
    _claiming,
    _in_flight,
    _in_flight_lock,
    _recording,
    after_recorded_many,
)
from .execution import finish_run as _finish_run
from .faults import is_transient, retry_transient
from .lifecycle import claim_device, release_claim
from .runtime import Runtime

log = logging.getLogger(__name__)

_FLUSH_EVERY = 0.3  # seconds between two result writes of a batch
_FLUSH_AT = 16  # results that trigger a write at once


def batch_size() -> int:
    """Devices per batch task (``NETRAVEN_BATCH_SIZE``, default 25; 1 = one task per device)."""
    try:
        return max(1, int(os.environ.get("NETRAVEN_BATCH_SIZE") or 25))
    except ValueError:
        return 25


# Devices one batch task backs up at once in this process (None: the whole batch).  Set by
# :func:`configure` from ``--workers`` so that ``--workers`` stays "devices in flight".
_per_task: int | None = None


def consumer_threads(devices_in_flight: int) -> int:
    """Consumer threads for ``devices_in_flight``: enough batch tasks to keep that many devices
    going, and at least two, so a notification or a periodic task never waits for a whole batch."""
    wanted = -(-devices_in_flight // batch_size())
    return max(1, min(devices_in_flight, max(2, wanted)))


_in_flight_target: int | None = None


def configure(devices_in_flight: int, threads: int) -> None:
    global _per_task, _in_flight_target
    _per_task = max(1, -(-devices_in_flight // max(1, threads)))
    _in_flight_target = max(1, devices_in_flight)


def per_task_concurrency(batch: int) -> int:
    return batch if _per_task is None else max(1, min(batch, _per_task))


def stream_concurrency() -> int:
    """Devices a stream keeps in flight: all of this process's ``--workers`` (one stream per run
    runs in a process at a time: two event loops in one interpreter only fight for it)."""
    return batch_size() if _in_flight_target is None else _in_flight_target


def batches(device_ids: list[int], size: int | None = None) -> list[list[int]]:
    size = size or batch_size()
    return [device_ids[i:i + size] for i in range(0, len(device_ids), size)]


class _ResultWriter:
    """Buffers outcomes (and first-seen host keys) and writes them in one transaction per flush,
    from a thread of its own so the engine's loop never waits for the database."""

    def __init__(self, rt: Runtime, run_id: int, token: str):
        self.rt, self.run_id, self.token = rt, run_id, token
        self._lock = threading.Condition()
        self._outcomes: list[tuple[int, DeviceOutcome]] = []
        self._keys: list[tuple[int, str]] = []
        self._closed = False
        self.reported: set[int] = set()
        self.recorded: set[int] = set()
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._loop, name=f"netraven-results-{run_id}", daemon=True)
        self._thread.start()

    def outcome(self, device: DeviceSnapshot, outcome: DeviceOutcome | Callable[[], DeviceOutcome]) -> None:
        with self._lock:
            if device.id in self.reported:
                return  # one result per device, whatever reports it twice
            self.reported.add(device.id)
            self._outcomes.append((device.id, outcome))
            if len(self._outcomes) >= _FLUSH_AT:
                self._lock.notify()

    def host_key(self, device_id: int, key: str) -> None:
        with self._lock:
            self._keys.append((device_id, key))

    def _loop(self) -> None:
        while True:
            with self._lock:
                if not self._closed and len(self._outcomes) < _FLUSH_AT:
                    self._lock.wait(_FLUSH_EVERY)
                closed = self._closed
            self._flush()
            if closed:
                return

    def _flush(self) -> None:
        with self._lock:
            outcomes, keys = self._outcomes, self._keys
            self._outcomes, self._keys = [], []
        if not (outcomes or keys):
            return
        # An outcome may come as a function building it (index lookups in the store), so that the
        # engine's loop thread hands results over without doing that work itself.
        outcomes = [(d, _resolved(o)) for d, o in outcomes]
        try:
            retry_transient(lambda: self._write(outcomes, keys), _recording)
            self.recorded.update(d for d, _ in outcomes)
        except BaseException as exc:  # given up: the devices stay claimed, the watchdog reclaims them
            self.error = exc
            log.error("could not record %d result(s) of run %s: %s", len(outcomes), self.run_id,
                      type(exc).__name__)

    def _write(self, outcomes: list[tuple[int, DeviceOutcome]], keys: list[tuple[int, str]]) -> None:
        with self.rt.db.session() as s:
            if keys:  # one executemany; only an empty slot is filled (an operator's key wins)
                table = Device.__table__
                s.connection().execute(
                    table.update().where(table.c.id == bindparam("device"), table.c.host_key.is_(None))
                    .values(host_key=bindparam("key")), [{"device": d, "key": k} for d, k in keys])
            notifying = any(subscribers(s, event) for event in ("config_changed", "device_failed"))
            after_recorded_many(s, self.run_id, record_results(s, self.run_id, self.token, outcomes),
                                notify_device=notifying)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify()
        self._thread.join()


def _resolved(outcome: DeviceOutcome | Callable[[], DeviceOutcome]) -> DeviceOutcome:
    if not callable(outcome):
        return outcome
    try:
        # Its index lookups read the database: during an outage they wait for it as the result
        # write does, rather than fail a device whose backup is stored as "unexpected".
        return retry_transient(outcome, _recording)
    except Exception as exc:  # the device's result must still be written
        if isinstance(exc, StorageError):
            return DeviceOutcome("failed", error_category="storage", error=f"storage error: {str(exc)[:400]}")
        log.exception("could not build a device outcome")
        return DeviceOutcome("failed", error_category="unexpected",
                             error=f"internal error ({type(exc).__name__}); see the worker's log")


def _claim_batch(rt: Runtime, run_id: int, device_ids: list[int], token: str) -> tuple[Any, ...] | None:
    with rt.db.session() as s:
        claimed = [d for d in device_ids if claim_device(s, run_id, d, rt.worker_name, token=token)]
        run = s.get(Run, run_id)
        if not claimed or run is None:
            return None
        snapshots = {d: load_snapshot(s, d) for d in claimed}
        return run.job_id, run.job_type, dict((run.summary or {}).get("options") or {}), snapshots


def _release(rt: Runtime, run_id: int, device_ids: list[int], token: str) -> None:
    with rt.db.session() as s:
        for device_id in device_ids:
            release_claim(s, run_id, device_id, token)


def execute_batch(rt: Runtime, run_id: int, device_ids: list[int]) -> int:
    """Run a batch of one run's devices; returns how many this task claimed."""
    token = uuid.uuid4().hex
    with _in_flight_lock:
        _in_flight.add(token)  # before the claims commit: a heartbeat never misses a live claim
    try:
        claimed = retry_transient(lambda: _claim_batch(rt, run_id, device_ids, token), _claiming)
        if claimed is None:
            return 0
        job_id, job_type, options, snapshots = claimed
        writer = _ResultWriter(rt, run_id, token)
        try:
            _work(rt, JobContext(rt, run_id, job_id, options), job_type, snapshots, writer)
        except BaseException:
            writer.close()
            left = [d for d in snapshots if d not in writer.recorded]
            try:  # the database or the process is in trouble: hand the rest back for a retry
                retry_transient(lambda: _release(rt, run_id, left, token), _recording, give_up_after=60)
            except Exception:
                log.exception("could not release %d device(s) of run %s", len(left), run_id)
            raise
        writer.close()
    finally:
        with _in_flight_lock:
            _in_flight.discard(token)
    retry_transient(lambda: _finish_run(rt, run_id), _recording)
    return len(snapshots)


def _work(rt: Runtime, ctx: JobContext, job_type: str, snapshots: dict[int, DeviceSnapshot | None],
          writer: _ResultWriter) -> None:
    devices = [d for d in snapshots.values() if d is not None]
    for device_id, snap in snapshots.items():
        if snap is None:
            writer.outcome(DeviceSnapshot(device_id, "?", "", 0, "", None, ()),
                           DeviceOutcome("failed", attempts=0, error_category="unexpected",
                                         error="device deleted"))
    spec = job_types(rt.registry).get(job_type) or {}
    try:
        if callable(spec.get("run_batch")):
            spec["run_batch"](ctx, devices, writer.outcome, writer.host_key,
                              concurrency=per_task_concurrency(len(devices)))
        else:  # a job type without batches: its devices one after the other
            from .execution import _work as work_one

            for device in devices:
                writer.outcome(device, work_one(rt, ctx.run_id, ctx.job_id, job_type, ctx.options, device))
    except StorageError as exc:
        log.warning("configuration storage unavailable for run %s: %s", ctx.run_id, exc)
        failed = DeviceOutcome("failed", error_category="storage", error=f"storage error: {str(exc)[:400]}")
        for device in devices:
            writer.outcome(device, failed)
    except Exception as exc:
        if is_transient(exc):
            raise
        log.exception("job type %s failed on a batch of run %s", job_type, ctx.run_id)
        internal = f"internal error ({type(exc).__name__}); see the worker's log"
        for device in devices:
            writer.outcome(device, DeviceOutcome("failed", error_category="unexpected", error=internal))
    for device in devices:  # every claimed device ends with a result, even one a job type forgot
        writer.outcome(device, DeviceOutcome("failed", attempts=0, error_category="unexpected",
                                             error="the job type reported no result for this device"))

