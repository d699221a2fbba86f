"""The watchdog: recover device tasks lost with their worker, and finish runs nobody will finish.

Huey removes a task from the queue when a worker takes it, so a worker killed mid-task (SIGKILL,
OOM, a lost machine) takes its device tasks with it.  Each claimed result row names its worker
and its claim token, and each worker's heartbeat lists the claims it is working on; every
``NETRAVEN_WATCHDOG_INTERVAL`` seconds (each worker and server runs it) the watchdog:

1. puts back to ``pending`` (and re-enqueues) devices claimed by a worker whose heartbeat is
   older than ``stale_after``, or by a live worker whose latest heartbeat no longer lists the
   claim (it could not write the result during a database outage and gave up) — up to
   ``max_claims`` claims per device, after which the device fails with the reason;
2. re-enqueues pending devices (and the start of pending runs) older than ``requeue_after`` when
   the queue is empty (their task was lost with a Redis restart, or between dequeue and claim; a
   duplicate task is harmless, the claim decides).  A backup run gets stream tasks, not one task
   per device: a stream runs while the queue is empty, so every run lasting longer than
   ``requeue_after`` is re-sent, and a process already streaming it drops the copies at once;
3. finishes active runs whose devices are all done (a worker died between the last result and
   the finish);
4. fails runs still active after ``max_run_age`` (``NETRAVEN_MAX_RUN_AGE``, default 6 hours).

The timings and the recovery times they give are in docs/deployment.md.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select

from ..clock import as_utc, utcnow
from ..db.models import ResultStatus, Run, RunResult, RunStatus, Worker
from .dispatch import enqueue_devices
from .execution import finish_run
from .lifecycle import ACTIVE, add_log
from .ports import task_queue
from .runtime import Runtime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


def _env_seconds(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name) or default)
    except ValueError:
        return default


def stale_after() -> float:
    """Seconds without heartbeat after which a worker is presumed dead (``NETRAVEN_WORKER_STALE``)."""
    return _env_seconds("NETRAVEN_WORKER_STALE", 20)


def requeue_after_seconds() -> float:
    """Seconds a pending device may wait with an empty queue before its task is re-sent
    (``NETRAVEN_REQUEUE_AFTER``)."""
    return _env_seconds("NETRAVEN_REQUEUE_AFTER", 15)


Alive = dict[str, tuple[datetime, "set[str] | None"]]


def live_workers(session: Session, now: datetime, stale: float) -> Alive:
    """Live workers: name -> (heartbeat time, the claims it listed, or ``None`` when it lists none)."""
    cutoff = now - timedelta(seconds=stale)
    rows = session.execute(select(Worker.name, Worker.heartbeat_at, Worker.info)
                           .where(Worker.heartbeat_at >= cutoff)).all()
    return {name: (as_utc(at), set(info["claims"]) if isinstance(info, dict) and "claims" in info else None)
            for name, at, info in rows}


def _resend(rt: Runtime, devices: list[tuple[int, int]]) -> None:
    """Queue (run, device) pairs again, run by run (streams for a job type that streams)."""
    by_run: dict[int, list[int]] = {}
    for run_id, device_id in devices:
        by_run.setdefault(run_id, []).append(device_id)
    if not by_run:
        return
    with rt.db.session(readonly=True) as s:
        job_type = dict(s.execute(select(Run.id, Run.job_type).where(Run.id.in_(by_run))).all())
    for run_id, device_ids in by_run.items():
        enqueue_devices(rt, run_id, job_type.get(run_id), device_ids)


def _abandoned(row: RunResult, alive: Alive) -> bool:
    """Claimed by a live worker whose heartbeat, written after the claim, does not list it."""
    beat_at, claims = alive[(row.details or {}).get("worker")]
    if claims is None or row.started_at is None:
        return False  # an older worker that does not publish its claims: trust it
    # Both times come from the worker's own clock; a second of margin covers the claim's commit.
    listed = (row.details or {}).get("claim") in claims
    return not listed and beat_at > as_utc(row.started_at) + timedelta(seconds=1)


def check(rt: Runtime, now: datetime | None = None, *, stale: float | None = None,
          requeue_after: float | None = None, max_claims: int = 3,
          max_run_age: float | None = None) -> dict[str, int]:
    """One watchdog pass; returns counts of what it did."""
    now = as_utc(now) if now else utcnow()
    stale = stale_after() if stale is None else stale
    requeue_after = requeue_after_seconds() if requeue_after is None else requeue_after
    max_run_age = _env_seconds("NETRAVEN_MAX_RUN_AGE", 6 * 3600) if max_run_age is None else max_run_age
    done = {"requeued": 0, "failed": 0, "resent": 0, "finished": 0, "expired": 0}
    to_enqueue: list[tuple[int, int]] = []
    touched: set[int] = set()
    with rt.db.session() as s:
        alive = live_workers(s, now, stale)
        cutoff = now - timedelta(seconds=stale)
        # Claims of live workers are looked at once their heartbeat may have listed them.
        orphans = s.scalars(select(RunResult).join(Run, Run.id == RunResult.run_id)
                            .where(RunResult.status == ResultStatus.RUNNING,
                                   RunResult.started_at < now - timedelta(seconds=2),
                                   Run.status.in_(ACTIVE)).with_for_update(of=RunResult)).all()
        for row in orphans:
            worker = (row.details or {}).get("worker")
            if worker in alive:
                if not _abandoned(row, alive):
                    continue
                why = f"worker {worker} could not record its result"
            elif row.started_at is not None and as_utc(row.started_at) >= cutoff:
                continue  # its worker may just not have beaten yet
            else:
                why = f"worker {worker} stopped responding"
            claims = int((row.details or {}).get("claims", 1))
            details = {k: v for k, v in (row.details or {}).items() if k not in ("claim", "worker")}
            touched.add(row.run_id)
            if claims < max_claims and row.device_id is not None:
                row.status, row.details = ResultStatus.PENDING, {**details, "lost_by": worker}
                to_enqueue.append((row.run_id, row.device_id))
                done["requeued"] += 1
                add_log(s, f"{row.hostname}: {why}; device re-queued "
                        f"(claim {claims} of {max_claims})", level="warning", run_id=row.run_id,
                        device_id=row.device_id, hostname=row.hostname)
            else:
                reason = f"{why} ({claims} claim(s)); giving up"
                row.status, row.error_category, row.error = ResultStatus.FAILED, "unexpected", reason
                row.finished_at, row.details = now, details
                done["failed"] += 1
                add_log(s, f"{row.hostname}: {reason}", level="error", run_id=row.run_id,
                        device_id=row.device_id, hostname=row.hostname)
    _resend(rt, to_enqueue)

    with rt.db.session(readonly=True) as s:
        active = s.execute(select(Run.id, Run.created_at, Run.status).where(Run.status.in_(ACTIVE))).all()
        old = [(run_id, status) for run_id, created_at, status in active
               if as_utc(created_at) < now - timedelta(seconds=requeue_after)]
        queue_empty = bool(old) and task_queue().pending_count() == 0
        restart: list[int] = []
        resend: list[tuple[int, int]] = []
        for run_id, status in old if queue_empty else []:
            if status == RunStatus.PENDING:
                restart.append(run_id)  # maybe never dispatched: the fan-out is idempotent
                continue
            resend += [(run_id, d) for d in s.scalars(select(RunResult.device_id).where(
                RunResult.run_id == run_id, RunResult.status == ResultStatus.PENDING,
                RunResult.device_id.is_not(None)))]
        unfinished = dict(s.execute(select(RunResult.run_id, func.count()).where(
            RunResult.run_id.in_([r for r, _c, _s in active]),
            RunResult.status.in_((ResultStatus.PENDING, ResultStatus.RUNNING)))
            .group_by(RunResult.run_id)).all()) if active else {}
    for run_id in restart:
        task_queue().start_run(run_id)
        done["resent"] += 1
    _resend(rt, resend)
    done["resent"] += len(resend)

    done["failed"] += _fail_lost_job_level(rt, now, stale)
    for run_id, created_at, status in active:
        if as_utc(created_at) < now - timedelta(seconds=max_run_age):
            _expire(rt, run_id, max_run_age)
            done["expired"] += 1
        elif status == RunStatus.PENDING and run_id not in touched:
            continue  # not started yet (its result rows may not exist yet)
        elif unfinished.get(run_id, 0) and run_id not in touched:
            continue  # devices still going: nothing to finish (skip the counters' write)
        elif finish_run(rt, run_id, error=_lost_reason(rt, run_id) if run_id in touched else None):
            done["finished"] += 1
    if any(done.values()):
        log.warning("watchdog: %s", done)
    return done


def _fail_lost_job_level(rt: Runtime, now: datetime, stale: float) -> int:
    """Fail job-level runs (no devices: inventory_sync) whose worker stopped responding; they
    have no device claims for the pass above to recover."""
    from ..jobtypes import is_job_level

    with rt.db.session() as s:
        alive = live_workers(s, now, stale)
        cutoff = now - timedelta(seconds=stale)
        lost = [r for r in s.scalars(select(Run).where(Run.status == RunStatus.RUNNING, Run.total == 0))
                if is_job_level(r.job_type, rt.registry) and r.worker not in alive
                and r.started_at is not None and as_utc(r.started_at) < cutoff]
        for run in lost:
            run.status, run.finished_at = RunStatus.FAILED, now
            run.error = f"worker {run.worker} stopped responding during the run"
            add_log(s, f"run {run.id}: {run.error}", level="error", run_id=run.id, job_id=run.job_id)
    return len(lost)


def _lost_reason(rt: Runtime, run_id: int) -> str | None:
    with rt.db.session(readonly=True) as s:
        lost = s.scalars(select(RunResult.error).where(
            RunResult.run_id == run_id, RunResult.status == ResultStatus.FAILED,
            or_(RunResult.error.like("worker % stopped responding%"),
                RunResult.error.like("worker % could not record its result%"))).limit(1)).first()
    return lost


def _expire(rt: Runtime, run_id: int, max_age: float) -> None:
    reason = f"run exceeded the maximum age of {max_age / 3600:g} h; unfinished devices failed"
    with rt.db.session() as s:
        for row in s.scalars(select(RunResult).where(RunResult.run_id == run_id,
                                                     RunResult.status.in_(ACTIVE))):
            row.status, row.error_category = ResultStatus.FAILED, "timeout"
            row.error, row.finished_at = reason, utcnow()
    finish_run(rt, run_id, error=reason)
