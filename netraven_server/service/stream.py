"""A run's devices streamed through a task: claim a few pending devices whenever slots free up,
back them up in one engine stream, until none is left.

Fixed batches left a batch's slots idle while its slowest device (a retry, an unreachable
device) finished, so a run with 5 % faulty devices crawled at the pace of its stragglers.  A
stream keeps its share of ``--workers`` devices in flight for the whole run
(:func:`netraven_core.engine.stream.stream_backup_async`), claims in small groups (one
transaction each), and writes results in bulk through the batch's writer.  ``dispatch_run``
enqueues one stream task per batch's worth of devices, so every consumer of an installation
joins in; a stream that finds nothing left ends at once.  Claims, tokens, release on failure and
the watchdog work as for batches (:mod:`.batch`).
"""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import replace

from sqlalchemy import select, update

from ..clock import utcnow
from ..db.models import Device, ResultStatus, Run, RunResult, RunStatus
from ..jobtypes import JobContext, job_types
from ..jobtypes.base import DeviceOutcome, DeviceSnapshot
from .batch import _release, _ResultWriter, batch_size, execute_batch, stream_concurrency
from .execution import _claiming, _in_flight, _in_flight_lock, _recording
from .execution import finish_run as _finish_run
from .faults import retry_transient
from .lifecycle import claim_device
from .runtime import Runtime

log = logging.getLogger(__name__)

_DELETED = "?"
_streams: set[int] = set()  # runs this process is streaming
_streams_lock = threading.Lock()


def streams_for(devices: int) -> int:
    """Stream tasks to enqueue for a run of ``devices``: one per batch's worth, at most 64."""
    return max(1, min(64, -(-devices // batch_size())))


def _pending(rt: Runtime, run_id: int, limit: int | None = None) -> list[int]:
    with rt.db.session(readonly=True) as s:
        query = select(RunResult.device_id).where(
            RunResult.run_id == run_id, RunResult.status == ResultStatus.PENDING,
            RunResult.device_id.is_not(None)).order_by(RunResult.id)
        return list(s.scalars(query.limit(limit) if limit else query))


def _claim_some(rt: Runtime, run_id: int, n: int, token: str, claimed: set[int]) -> list[DeviceSnapshot]:
    """Claim up to ``n`` pending devices of the run in one transaction; their snapshots.

    Rows never claimed before (empty details) are claimed by one conditional ``UPDATE ...
    RETURNING``; rows the watchdog put back keep their claim count through :func:`claim_device`.
    """
    now = utcnow()
    with rt.db.session() as s:
        query = (select(RunResult.id, RunResult.device_id, RunResult.details)
                 .where(RunResult.run_id == run_id, RunResult.status == ResultStatus.PENDING,
                        RunResult.device_id.is_not(None)).order_by(RunResult.id).limit(n))
        if not rt.db.is_sqlite:  # SQLite's write transaction is exclusive already
            query = query.with_for_update(skip_locked=True)
        rows = s.execute(query).all()
        fresh = [row_id for row_id, _d, details in rows if not details]
        won: list[int] = []
        if fresh:
            won = list(s.scalars(
                update(RunResult).where(RunResult.id.in_(fresh), RunResult.status == ResultStatus.PENDING)
                .values(status=ResultStatus.RUNNING, started_at=now,
                        details={"worker": rt.worker_name, "claim": token, "claims": 1})
                .returning(RunResult.device_id).execution_options(synchronize_session=False)))
        won += [d for _r, d, details in rows
                if details and claim_device(s, run_id, d, rt.worker_name, token=token)]
        if not won:
            return []
        s.execute(update(Run).where(Run.id == run_id, Run.status == RunStatus.PENDING)
                  .values(status=RunStatus.RUNNING, started_at=now)
                  .execution_options(synchronize_session=False))
        claimed.update(won)
        devices = {d.id: d for d in s.scalars(select(Device).where(Device.id.in_(won)))}
        gone = DeviceSnapshot(0, _DELETED, "", 0, "", None, ())
        return [DeviceSnapshot.of(devices[d]) if d in devices else replace(gone, id=d) for d in won]


def execute_stream(rt: Runtime, run_id: int) -> int:
    """Back up the run's pending devices until none is left; returns how many this task claimed."""
    with rt.db.session(readonly=True) as s:
        run = s.get(Run, run_id)
        if run is None or run.status not in ("pending", "running"):
            return 0
        job_id, job_type = run.job_id, run.job_type
        options = dict((run.summary or {}).get("options") or {})
    spec = job_types(rt.registry).get(job_type) or {}
    if not callable(spec.get("run_stream")):  # a plugin replaced the type: device by device
        return sum(execute_batch(rt, run_id, [d]) for d in _pending(rt, run_id))
    with _streams_lock:
        if run_id in _streams:
            return 0  # this process already streams the run, with all of its slots
        _streams.add(run_id)
    try:
        return _stream(rt, run_id, job_id, job_type, options, spec)
    finally:
        with _streams_lock:
            _streams.discard(run_id)


def _stream(rt: Runtime, run_id: int, job_id: int | None, job_type: str, options: dict,
            spec: dict) -> int:
    token = uuid.uuid4().hex
    claimed: set[int] = set()
    with _in_flight_lock:
        _in_flight.add(token)  # before any claim commits: a heartbeat never misses a live claim
    writer = _ResultWriter(rt, run_id, token)

    def claim(n: int) -> list[DeviceSnapshot]:
        devices = retry_transient(lambda: _claim_some(rt, run_id, n, token, claimed), _claiming)
        for d in devices:
            if d.hostname == _DELETED:
                writer.outcome(d, DeviceOutcome("failed", attempts=0, error_category="unexpected",
                                                error="device deleted"))
        return [d for d in devices if d.hostname != _DELETED]

    try:
        try:
            spec["run_stream"](JobContext(rt, run_id, job_id, options), claim, writer.outcome,
                               writer.host_key, concurrency=stream_concurrency())
        except BaseException:
            writer.close()
            left = [d for d in claimed if d not in writer.recorded]
            try:  # the database or the process is in trouble: hand the rest back for a retry
                retry_transient(lambda: _release(rt, run_id, left, token), _recording, give_up_after=60)
            except Exception:
                log.exception("could not release %d device(s) of run %s", len(left), run_id)
            raise
        for device_id in claimed - writer.reported:  # every claimed device ends with a result
            writer.outcome(DeviceSnapshot(device_id, _DELETED, "", 0, "", None, ()),
                           DeviceOutcome("failed", attempts=0, error_category="unexpected",
                                         error="the job type reported no result for this device"))
        writer.close()
    finally:
        with _in_flight_lock:
            _in_flight.discard(token)
    if claimed:
        retry_transient(lambda: _finish_run(rt, run_id), _recording)
    return len(claimed)
