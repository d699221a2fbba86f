"""Runs and their per-device results (read side), plus the hand-off to the task engine.

The API creates a pending run (:func:`netraven_server.services.jobs.create_run`), commits, then
calls :func:`dispatch`, which hands it to the task queue through
:mod:`netraven_server.service.ports`; without one, the run stays pending.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..db.models import Job, LogEntry, Run, RunResult
from ..service.faults import describe
from ..service.ports import has_task_queue, task_queue
from .errors import NotFound, Unavailable
from .pagination import Page, apply_sort, paginate

log = logging.getLogger(__name__)

SORTS = {"created_at": Run.created_at, "started_at": Run.started_at, "finished_at": Run.finished_at,
         "status": Run.status, "id": Run.id}
RESULT_SORTS = {"hostname": RunResult.hostname, "status": RunResult.status, "duration": RunResult.duration,
                "id": RunResult.id}

def dispatch(run_id: int, session: Session | None = None) -> bool:
    """Hand a committed run to the task queue; ``False`` when this process has none (the run
    stays pending until one picks it up).

    When the queue is unreachable (Redis down) the run is deleted again through ``session`` and
    :class:`Unavailable` (503) is raised: nothing is left half-done.  Should the deletion fail
    too, the run stays pending and the watchdog starts it once the queue is back.
    """
    try:
        task_queue().start_run(run_id)
    except Exception as exc:
        log.warning("run %s not started: the task queue is unreachable (%s)", run_id, describe(exc))
        if session is not None:
            _discard(session, run_id)
        raise Unavailable("the task queue is unreachable, so the run was not started; "
                          "try again once it is back") from None
    return has_task_queue()


def _discard(session: Session, run_id: int) -> None:
    try:
        session.rollback()
        session.execute(update(Job).where(Job.last_run_id == run_id).values(last_run_id=None))
        session.execute(delete(LogEntry).where(LogEntry.run_id == run_id))
        session.execute(delete(RunResult).where(RunResult.run_id == run_id))
        session.execute(delete(Run).where(Run.id == run_id))
        session.commit()
    except Exception:
        session.rollback()
        log.warning("run %s stays pending (could not delete it); the watchdog will start it", run_id)


def list_runs(session: Session, *, job_id: int | None = None, status: str | None = None,
              trigger: str | None = None, job_type: str | None = None, since: datetime | None = None,
              until: datetime | None = None, sort: str | None = None, page: int = 1, size: int = 50) -> Page:
    stmt = select(Run)
    if job_id is not None:
        stmt = stmt.where(Run.job_id == job_id)
    if status:
        stmt = stmt.where(Run.status == status)
    if trigger:
        stmt = stmt.where(Run.trigger == trigger)
    if job_type:
        stmt = stmt.where(Run.job_type == job_type)
    if since:
        stmt = stmt.where(Run.created_at >= since)
    if until:
        stmt = stmt.where(Run.created_at < until)
    return paginate(session, apply_sort(stmt, sort, SORTS, "-created_at", Run.id.desc()), page, size)


def get_run(session: Session, run_id: int) -> Run:
    run = session.get(Run, run_id)
    if run is None:
        raise NotFound(f"run {run_id} not found")
    return run


def list_results(session: Session, run_id: int, *, status: str | None = None, hostname: str | None = None,
                 changed: bool | None = None, sort: str | None = None, page: int = 1,
                 size: int = 100) -> Page:
    stmt = select(RunResult).where(RunResult.run_id == run_id)
    if status:
        stmt = stmt.where(RunResult.status == status)
    if hostname:
        stmt = stmt.where(RunResult.hostname.icontains(hostname, autoescape=True))
    if changed is not None:
        stmt = stmt.where(RunResult.changed.is_(changed))
    return paginate(session, apply_sort(stmt, sort, RESULT_SORTS, "hostname", RunResult.id), page, size)


def result_counts(session: Session, run_id: int) -> dict[str, int]:
    """Per-status counts of a run's results (live, while the run is going)."""
    rows = session.execute(select(RunResult.status, func.count()).where(RunResult.run_id == run_id)
                           .group_by(RunResult.status)).all()
    return {status: n for status, n in rows}
