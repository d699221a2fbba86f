"""Back up one device now, outside any job: the API/webhook trigger and the syslog receiver.

The run is an ad-hoc one (``job_id`` null, ``job_type`` ``backup``) with one target.  A second
request while that device already has a backup pending or running is refused (409), so a burst
of triggers never queues a pile of identical backups.  ``changed_by`` (the user a device or a
tool says made the change) travels in the run's summary onto the version it stores.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Device, ResultStatus, Run, RunResult
from ..service import lifecycle
from . import audit
from .context import Actor
from .errors import Conflict, NotFound

BUSY = (ResultStatus.PENDING, ResultStatus.RUNNING)


def active_device_backup(session: Session, device_id: int) -> Run | None:
    """The unfinished backup run that still has this device to do, if any."""
    return session.scalars(
        select(Run).join(RunResult, RunResult.run_id == Run.id)
        .where(RunResult.device_id == device_id, RunResult.status.in_(BUSY),
               Run.status.in_(lifecycle.ACTIVE), Run.job_type == "backup")
        .order_by(Run.id.desc()).limit(1)).first()


def start_device_backup(session: Session, device_id: int, actor: Actor | None = None, *,
                        trigger: str = "api", changed_by: str | None = None,
                        reason: str | None = None) -> Run:
    """Create a pending one-device backup run (flushed; the caller commits, then dispatches)."""
    # The row lock serialises two triggers for the same device (PostgreSQL; SQLite serialises
    # writers anyway), so the busy check below cannot be passed by both.
    device = session.scalars(select(Device).where(Device.id == device_id).with_for_update()).first()
    if device is None:
        raise NotFound(f"device {device_id} not found")
    if device.retired_at is not None:
        raise Conflict(f"device {device.hostname!r} is retired; restore it to back it up")
    if not device.enabled:
        raise Conflict(f"device {device.hostname!r} is disabled; enable it to back it up")
    busy = active_device_backup(session, device.id)
    if busy is not None:
        raise Conflict(f"device {device.hostname!r} already has a backup in progress (run {busy.id})",
                       {"run_id": [str(busy.id)]})
    run = lifecycle.create_run(session, job=None, devices=[device], trigger=trigger,
                               requested_by=actor.username if actor else None, job_type="backup")
    extra = {k: v for k, v in (("changed_by", changed_by), ("reason", reason)) if v}
    if extra:
        run.summary = {**(run.summary or {}), **extra}
    audit.record(session, actor, "backup", "device", device.id, device.hostname,
                 {"run_id": run.id, "trigger": trigger, **extra})
    return run
