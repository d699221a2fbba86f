"""The scheduler tick: start every job whose slot is due, exactly once across processes.

Called every minute (a Huey periodic task in each consumer, and by ``netraven server``).  For
each enabled scheduled job with a due slot (see :mod:`netraven_server.timetable`) it claims the
slot with an atomic conditional update::

    UPDATE jobs SET last_slot_at = :slot WHERE id = :id AND enabled
        AND (last_slot_at IS NULL OR last_slot_at < :slot)

Only one process sees a row count of 1; it creates the run in the same transaction and enqueues
the run after the commit.  The slot to claim is decided again inside that transaction, with the
job row held and the time the tick has spent added, so a tick delayed by the database claims the
slot that is due when it gets there, never a stale one whose run would then make another server
skip the current slot.  A job whose previous run is still active does not start again: the
slot is consumed and the skip is logged.  Jobs are read fresh on every tick, so edits, disabling
and deletion take effect at the next tick; ``next_run_at`` is kept up to date for the API.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from ..clock import as_utc, utcnow
from ..db.models import Job, RunStatus, Setting
from ..timetable import Schedule, due_slot, next_slot
from .lifecycle import active_run, add_log, create_run, job_targets
from .ports import task_queue
from .runtime import Runtime
from .txhooks import on_commit

log = logging.getLogger(__name__)

LAST_TICK_KEY = "scheduler.last_tick"


def schedule_of(job: Job) -> Schedule:
    """The job's :class:`Schedule`; interval and cron grids start at ``options.start_at`` or the
    job's creation time."""
    opts = job.options or {}
    anchor = as_utc(datetime.fromisoformat(opts["start_at"])) if opts.get("start_at") else job.created_at
    return Schedule(kind=job.schedule_type, interval=job.interval_seconds, cron=job.cron, run_at=job.run_at,
                    anchor=anchor, timezone=opts.get("timezone"))


def compute_next_run(job: Job, now: datetime | None = None) -> datetime | None:
    """What ``next_run_at`` should be for ``job`` now (``None``: disabled, manual or done)."""
    if not job.enabled or job.schedule_type == "manual":
        return None
    try:
        return next_slot(schedule_of(job), job.last_slot_at, now or utcnow())
    except (ValueError, TypeError):
        return None


def refresh_next_run(job: Job, now: datetime | None = None) -> None:
    """Set ``job.next_run_at`` (call after creating or editing a job)."""
    job.next_run_at = compute_next_run(job, now)


def _claim(session: Session, job_id: int, slot: datetime) -> bool:
    result = session.execute(
        update(Job).where(Job.id == job_id, Job.enabled.is_(True),
                          or_(Job.last_slot_at.is_(None), Job.last_slot_at < slot))
        .values(last_slot_at=slot).execution_options(synchronize_session=False))
    return result.rowcount == 1


def _start_slot(rt: Runtime, job_id: int, slot: datetime, now: datetime, started: float | None = None) -> str:
    """Claim and start the job's due slot; returns ``started``, ``skipped`` or ``lost``.

    ``slot`` is what the tick saw due at ``now``; the slot actually claimed is decided again once
    this transaction holds the job (SQLite: the write lock, PostgreSQL: the row lock), at ``now``
    plus the time the tick has spent since ``started`` (``time.monotonic()``).  A tick that waited
    for the database past the next slot thus claims that newer slot, as a single scheduler would:
    it does not start the stale one, whose run would make the other server skip the current slot.
    """
    with rt.db.session() as s:
        job = s.scalars(select(Job).where(Job.id == job_id).with_for_update()).first()
        # Measured once the job is ours: the wait for the lock is what makes a tick late.
        waited = max(0.0, time.monotonic() - started) if started is not None else 0.0
        current = now + timedelta(seconds=waited)
        if job is None or not job.enabled or job.schedule_type == "manual":
            return "lost"
        s.refresh(job)  # the row as committed now (PostgreSQL re-reads it once the lock is ours)
        try:
            fresh = due_slot(schedule_of(job), job.last_slot_at, current)
        except (ValueError, TypeError):
            fresh = None
        if fresh is None or fresh < slot:
            return "lost"  # another scheduler claimed it (or a newer one) meanwhile
        if fresh != slot:
            log.info("job %s: slot %s superseded by %s (the tick waited for the database)",
                     job.name, slot, fresh)
            slot = fresh
        if not _claim(s, job_id, slot):
            return "lost"
        s.refresh(job)
        job.next_run_at = compute_next_run(job, current)
        running = active_run(s, job_id)
        if running is not None:
            add_log(s, f"job {job.name!r}: slot {slot.isoformat()} skipped, run {running.id} is still "
                    f"{running.status}", level="warning", job_id=job_id, run_id=running.id,
                    details={"slot": slot.isoformat(), "skipped": True})
            log.warning("job %s: slot %s skipped (run %s still %s)", job.name, slot, running.id,
                        running.status)
            return "skipped"
        run = create_run(s, job=job, devices=job_targets(s, job), trigger="schedule", slot_at=slot)
        run_id = run.id
        if run.status == RunStatus.PENDING:
            on_commit(s, lambda: task_queue().start_run(run_id))
    log.info("job %s: started run %s for slot %s", job_id, run_id, slot)
    return "started"


def tick(rt: Runtime, now: datetime | None = None) -> dict[str, Any]:
    """Evaluate every job at ``now`` (default: the current time).  Returns what happened."""
    started = time.monotonic()
    now = as_utc(now) if now else utcnow()
    due: list[tuple[int, datetime]] = []
    with rt.db.session() as s:
        for job in s.scalars(select(Job).order_by(Job.id)):
            expected = compute_next_run(job, now)
            if job.enabled and job.schedule_type != "manual":
                try:
                    slot = due_slot(schedule_of(job), job.last_slot_at, now)
                except (ValueError, TypeError) as exc:
                    log.error("job %s has an unusable schedule: %s", job.name, exc)
                    slot = None
                if slot is not None:
                    due.append((job.id, slot))
            if as_utc(job.next_run_at) != expected:
                job.next_run_at = expected
    outcome: dict[str, Any] = {"at": now.isoformat(), "started": 0, "skipped": 0, "lost": 0}
    for job_id, slot in due:
        try:
            outcome[_start_slot(rt, job_id, slot, now, started)] += 1
        except Exception:
            log.exception("could not start job %s slot %s", job_id, slot)
    record = {**outcome, "worker": rt.worker_name, "recorded_at": utcnow().isoformat()}
    try:
        with rt.db.session() as s:
            setting = s.get(Setting, LAST_TICK_KEY)
            if setting is None:
                s.add(Setting(key=LAST_TICK_KEY, value=record))
            else:
                setting.value = record
    except Exception:  # two first-ever ticks racing to insert the row; the other one recorded it
        log.debug("could not record the tick time", exc_info=True)
    return outcome


def start_manual_run(rt: Runtime, job_id: int, *, requested_by: str | None = None) -> int:
    """Start a job now (``POST /api/jobs/<id>/run``); returns the run id.  A manual run does not
    consume a schedule slot."""
    with rt.db.session() as s:
        job = s.get(Job, job_id)
        if job is None:
            raise LookupError(f"job {job_id} not found")
        run = create_run(s, job=job, devices=job_targets(s, job), trigger="manual", requested_by=requested_by)
        run_id = run.id
        if run.status == RunStatus.PENDING:
            on_commit(s, lambda: task_queue().start_run(run_id))
    return run_id
