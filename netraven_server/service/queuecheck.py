"""Is the task queue consistent with the database?  (``netraven db check``)

Two things go wrong after a crash or a restore: device claims nobody works on any more (their
worker died; the watchdog reclaims them once a server or worker runs, so the check reports them
without touching them), and queued tasks naming runs the database no longer has (a database
restored from an older backup: such a task finds nothing to do, but an operator should know the
queue and the database do not belong together).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import as_utc, utcnow
from ..db.models import ResultStatus, Run, RunResult
from .lifecycle import ACTIVE
from .watchdog import live_workers, stale_after

# Task names (Huey prefixes them with the defining module) whose first argument is a run id.
_RUN_TASKS = ("netraven.start_run", "netraven.run_device", "netraven.run_batch", "netraven.run_stream")
_SCAN_LIMIT = 100_000  # queued tasks looked at; a deeper queue is reported as such


def stale_claims(session: Session, now: datetime | None = None) -> list[str]:
    """Devices of active runs claimed by a worker with no heartbeat for longer than the watchdog
    allows (``NETRAVEN_WORKER_STALE``)."""
    now = as_utc(now) if now else utcnow()
    stale = stale_after()
    alive = live_workers(session, now, stale)
    rows = session.execute(select(RunResult.run_id, RunResult.hostname, RunResult.details,
                                  RunResult.started_at).join(Run, Run.id == RunResult.run_id)
                           .where(RunResult.status == ResultStatus.RUNNING, Run.status.in_(ACTIVE))).all()
    lost = [(run_id, hostname, (details or {}).get("worker")) for run_id, hostname, details, started in rows
            if (details or {}).get("worker") not in alive
            and (started is None or as_utc(started) < now - timedelta(seconds=stale))]
    if not lost:
        return []
    run_id, hostname, worker = lost[0]
    return [f"{len(lost)} device claim(s) belong to workers without a heartbeat for {stale:g} s "
            f"(e.g. {hostname} in run {run_id}, worker {worker}); a running server or worker's "
            "watchdog re-queues them"]


def _queued_messages(huey: Any) -> tuple[list[Any], bool]:
    storage = huey.storage
    raws = list(storage.enqueued_items(limit=_SCAN_LIMIT))
    try:
        raws += list(storage.scheduled_items(limit=_SCAN_LIMIT))
    except TypeError:  # a storage whose scheduled_items takes no limit
        raws += list(storage.scheduled_items())
    messages = []
    for raw in raws:
        try:
            messages.append(huey.serializer.deserialize(raw))
        except Exception:
            messages.append(None)
    return messages, len(raws) >= _SCAN_LIMIT


def orphan_tasks(session: Session, huey: Any) -> list[str]:
    """Queued tasks that name a run the database does not have, and undecodable items."""
    messages, capped = _queued_messages(huey)
    undecodable = sum(1 for m in messages if m is None)
    wanted: dict[int, int] = {}
    for message in messages:
        if message is None or not str(message.name).endswith(_RUN_TASKS) or not message.args:
            continue
        run_id = message.args[0]
        if isinstance(run_id, int):
            wanted[run_id] = wanted.get(run_id, 0) + 1
    known = set(session.scalars(select(Run.id).where(Run.id.in_(list(wanted))))) if wanted else set()
    missing = sorted(set(wanted) - known)
    problems = []
    if missing:
        count = sum(wanted[r] for r in missing)
        problems.append(f"{count} queued task(s) name run(s) the database does not have "
                        f"({', '.join(map(str, missing[:5]))}); the queue belongs to another database "
                        "(restored from a backup?): they do nothing, or empty the queue")
    if undecodable:
        problems.append(f"{undecodable} queued item(s) cannot be decoded")
    if capped:
        problems.append(f"the queue holds more than {_SCAN_LIMIT} tasks; only the first were checked")
    return problems
