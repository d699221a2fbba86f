"""Run lifecycle in the database: create, claim a device, record its result, finish, cancel, retry.

A run is ``pending -> running -> success | partial | failed | cancelled``.  Creating a run writes
one ``pending`` result row per target device (unique on ``(run_id, device_id)``); each device is
then its own task.  A task *claims* its row with a conditional ``UPDATE ... WHERE status =
'pending'`` before doing any work, so two workers never back up the same device in one run, and
records the outcome in one transaction guarded by the claim token it wrote, so a result from a
worker the watchdog already gave up on is discarded instead of overwriting the retry's.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from ..clock import utcnow
from ..db.models import (
    ConfigVersion,
    Credential,
    Device,
    Job,
    LogEntry,
    ResultStatus,
    Run,
    RunResult,
    RunStatus,
    Tag,
)
from ..jobtypes import is_job_level
from ..jobtypes.base import DeviceOutcome

log = logging.getLogger(__name__)

ACTIVE = (RunStatus.PENDING, RunStatus.RUNNING)


class RunError(Exception):
    """A run operation is not possible (unknown run, wrong state); the message is user-facing."""


def add_log(session: Session, message: str, *, level: str = "info", type: str = "job",
            run_id: int | None = None, device_id: int | None = None, hostname: str | None = None,
            job_id: int | None = None, details: dict[str, Any] | None = None) -> None:
    """Append a unified-log line (the message must already be free of secrets)."""
    session.add(LogEntry(level=level, type=type, run_id=run_id, device_id=device_id, hostname=hostname,
                         job_id=job_id, message=message, details=details or {}))


# --------------------------------------------------------------------------- creating runs


def job_targets(session: Session, job: Job) -> list[Device]:
    """Enabled devices named by the job, plus enabled devices carrying any of its tags (never a
    retired one: retiring takes a device out of job lists, but it keeps its tags)."""
    ids = {d.id for d in job.devices}
    tag_ids = [t.id for t in job.tags]
    query = select(Device).where(Device.enabled.is_(True), Device.retired_at.is_(None))
    conds = []
    if ids:
        conds.append(Device.id.in_(ids))
    if tag_ids:
        conds.append(Device.tags.any(Tag.id.in_(tag_ids)))
    if not conds:
        return []
    return list(session.scalars(query.where(or_(*conds)).order_by(Device.hostname)))


def create_run(session: Session, *, job: Job | None, devices: list[Device], trigger: str = "manual",
               slot_at: datetime | None = None, requested_by: str | None = None,
               job_type: str | None = None) -> Run:
    """Insert a pending run with one pending result per device (flushed, not committed)."""
    run = Run(job_id=job.id if job else None, job_name=job.name if job else None,
              job_type=job_type or (job.job_type if job else "backup"), status=RunStatus.PENDING,
              trigger=trigger,
              slot_at=slot_at, requested_by=requested_by, total=len(devices),
              # The job's options are copied so an edit or deletion mid-run cannot change this run.
              summary={"options": dict(job.options or {}) if job else {}})
    session.add(run)
    session.flush()
    session.add_all(RunResult(run_id=run.id, device_id=d.id, hostname=d.hostname, status=ResultStatus.PENDING,
                              details={}) for d in devices)
    if job is not None:
        job.last_run_id = run.id
    add_log(session, f"run {run.id} created ({trigger}) for {len(devices)} device(s)",
            run_id=run.id, job_id=run.job_id)
    if not devices and not is_job_level(run.job_type):
        run.status, run.started_at, run.finished_at = RunStatus.SUCCESS, utcnow(), utcnow()
        run.error = "no enabled device matches the job's devices or tags"
    return run


def ensure_results(session: Session, run_id: int) -> Run | None:
    """Give a run created elsewhere (``services.jobs.create_run``: no result rows yet) its pending
    result rows and options snapshot.  Idempotent; returns the run."""
    run = session.get(Run, run_id)
    if run is None or run.status != RunStatus.PENDING:
        return run
    has_rows = session.scalar(select(func.count()).where(RunResult.run_id == run_id))
    if has_rows:
        return run
    job = session.get(Job, run.job_id) if run.job_id else None
    devices = job_targets(session, job) if job is not None else []
    run.total = len(devices)
    run.summary = {**(run.summary or {}), "options": dict(job.options or {}) if job else {}}
    session.add_all(RunResult(run_id=run.id, device_id=d.id, hostname=d.hostname, status=ResultStatus.PENDING,
                              details={}) for d in devices)
    add_log(session, f"run {run.id} queued ({run.trigger}) for {len(devices)} device(s)",
            run_id=run.id, job_id=run.job_id)
    if not devices and not is_job_level(run.job_type):
        run.status, run.started_at, run.finished_at = RunStatus.SUCCESS, utcnow(), utcnow()
        run.error = "no enabled device matches the job's devices or tags"
    return run


def active_run(session: Session, job_id: int) -> Run | None:
    """The job's unfinished run, if any (used to avoid overlapping runs)."""
    return session.scalars(select(Run).where(Run.job_id == job_id, Run.status.in_(ACTIVE))
                           .order_by(Run.id.desc()).limit(1)).first()


def pending_device_ids(session: Session, run_id: int) -> list[int]:
    return list(session.scalars(select(RunResult.device_id).where(
        RunResult.run_id == run_id, RunResult.status == ResultStatus.PENDING,
        RunResult.device_id.is_not(None))))


# --------------------------------------------------------------------------- one device


def claim_device(session: Session, run_id: int, device_id: int, worker: str, *,
                 token: str | None = None) -> str | None:
    """Claim the device's pending result for ``worker``; returns the claim token or ``None``."""
    token = token or uuid.uuid4().hex
    now = utcnow()
    row = session.scalars(select(RunResult).where(RunResult.run_id == run_id,
                                                  RunResult.device_id == device_id)).first()
    if row is None:
        return None
    won = session.execute(
        update(RunResult).where(RunResult.id == row.id, RunResult.status == ResultStatus.PENDING)
        .values(status=ResultStatus.RUNNING, started_at=now,
                details={**(row.details or {}), "worker": worker, "claim": token,
                         "claims": int((row.details or {}).get("claims", 0)) + 1})
        .execution_options(synchronize_session=False)).rowcount
    if not won:
        return None
    session.execute(update(Run).where(Run.id == run_id, Run.status == RunStatus.PENDING)
                    .values(status=RunStatus.RUNNING, started_at=now)
                    .execution_options(synchronize_session=False))
    return token


def record_result(session: Session, run_id: int, device_id: int, token: str,
                  outcome: DeviceOutcome) -> RunResult | None:
    """Write the device's outcome (and its new configuration version) if the claim still holds."""
    row = session.scalars(select(RunResult).where(RunResult.run_id == run_id,
                                                  RunResult.device_id == device_id).with_for_update()).first()
    if not claim_holds(row, token, run_id, device_id):
        return None
    cred = None
    if outcome.credential_name:
        cred = session.scalars(select(Credential).where(Credential.name == outcome.credential_name)).first()
    version = apply_outcome(session, session.get(Run, run_id), row, session.get(Device, device_id), cred,
                            outcome, utcnow())
    if version is not None:
        session.flush()
        row.config_version_id = version.id
    return row


def claim_holds(row: RunResult | None, token: str, run_id: int, device_id: int) -> bool:
    if row is None or row.status != ResultStatus.RUNNING or (row.details or {}).get("claim") != token:
        log.warning("discarding the result of device %s in run %s: its claim was taken over",
                    device_id, run_id)
        return False
    return True


def apply_outcome(session: Session, run: Run | None, row: RunResult, device: Device | None,
                  cred: Credential | None, outcome: DeviceOutcome, now: datetime,
                  logs: list[dict[str, Any]] | None = None) -> ConfigVersion | None:
    """Apply one outcome to its (claimed) result row, device, credential and the log; returns the
    new version row, added but not flushed (the caller links ``row.config_version_id``).

    With ``logs`` the log lines are appended there as rows (the caller inserts them in one
    statement) instead of being added to the session as objects."""
    run_id, device_id = row.run_id, row.device_id

    def log_line(message: str, level: str = "info", ltype: str = "job") -> None:
        if logs is None:
            add_log(session, message, level=level, type=ltype, run_id=run_id, device_id=device_id,
                    hostname=row.hostname, job_id=job_id)
        else:
            logs.append({"time": now, "level": level, "type": ltype, "run_id": run_id, "device_id": device_id,
                         "hostname": row.hostname, "job_id": job_id, "message": message, "details": {}})

    version = None
    if outcome.config_version and device is not None:
        version = ConfigVersion(device_id=device_id, run_id=run_id, **outcome.config_version)
        if run is not None and (run.summary or {}).get("changed_by") and outcome.changed:
            version.changed_by = str(run.summary["changed_by"])[:64]
        session.add(version)
    row.status = outcome.status
    row.changed = outcome.changed
    row.lines_added, row.lines_removed = outcome.lines_added, outcome.lines_removed
    row.error_category, row.error = outcome.error_category, outcome.error
    row.duration, row.driver, row.finished_at = outcome.duration, outcome.driver, now
    row.attempts = outcome.attempts
    row.details = {k: v for k, v in {**(row.details or {}), **outcome.details}.items() if k != "claim"}
    if cred is not None:
        row.credential_id = cred.id
        cred.success_count = (cred.success_count or 0) + 1
        cred.last_used_at = cred.last_success_at = now
    job_id = run.job_id if run else None
    if device is not None and run is not None and run.job_type == "reachability":
        device.reachable = outcome.status == ResultStatus.SUCCESS
        device.last_reachability_at = now
    if device is not None and (run is None or run.job_type == "backup"):
        device.last_status = outcome.status
        device.last_backup_at = now
        device.last_error_category = outcome.error_category
        if outcome.status == ResultStatus.SUCCESS:
            device.last_success_at = now
            if outcome.changed:
                device.last_changed_at = now
    for level, ltype, message in outcome.messages:
        log_line(message, level, ltype)
    if outcome.status == ResultStatus.SUCCESS:
        msg = f"{row.hostname}: {'changed' if outcome.changed else 'ok'}"
        if outcome.changed:
            msg += f" (+{outcome.lines_added} -{outcome.lines_removed})"
        log_line(msg)
    else:
        log_line(f"{row.hostname}: failed [{outcome.error_category}] {outcome.error or ''}".rstrip(), "error")
    return version


def release_claim(session: Session, run_id: int, device_id: int, token: str) -> bool:
    """Put a claimed device back to pending (its task will be retried)."""
    row = session.scalars(select(RunResult).where(RunResult.run_id == run_id,
                                                  RunResult.device_id == device_id)).first()
    if row is None or row.status != ResultStatus.RUNNING or (row.details or {}).get("claim") != token:
        return False
    row.status = ResultStatus.PENDING
    row.details = {k: v for k, v in (row.details or {}).items() if k not in ("claim", "worker")}
    return True


# --------------------------------------------------------------------------- finishing


def counts(session: Session, run_id: int) -> dict[str, int]:
    rows = session.execute(select(RunResult.status, func.count()).where(RunResult.run_id == run_id)
                           .group_by(RunResult.status)).all()
    return {status: n for status, n in rows}


def final_status(by_status: dict[str, int]) -> RunStatus:
    ok, failed = by_status.get(ResultStatus.SUCCESS, 0), by_status.get(ResultStatus.FAILED, 0)
    if failed == 0:
        return RunStatus.SUCCESS
    return RunStatus.FAILED if ok == 0 else RunStatus.PARTIAL


def refresh_counters(session: Session, run: Run) -> dict[str, int]:
    by_status = counts(session, run.id)
    changed = session.scalar(select(func.count()).where(RunResult.run_id == run.id,
                                                        RunResult.status == ResultStatus.SUCCESS,
                                                        RunResult.changed.is_(True))) or 0
    run.succeeded = by_status.get(ResultStatus.SUCCESS, 0)
    run.failed = by_status.get(ResultStatus.FAILED, 0)
    run.changed = changed
    run.unchanged = run.succeeded - changed
    categories = session.execute(select(RunResult.error_category, func.count())
                                 .where(RunResult.run_id == run.id, RunResult.status == ResultStatus.FAILED)
                                 .group_by(RunResult.error_category)).all()
    run.summary = {**(run.summary or {}), "by_category": {c or "unexpected": n for c, n in categories},
                   "by_status": by_status}
    return by_status


def finish_if_done(session: Session, run_id: int, *, error: str | None = None) -> str | None:
    """Finish the run when no device is pending or running; returns the final status if this call
    finished it (exactly one caller wins the conditional update)."""
    run = session.get(Run, run_id)
    if run is None:
        return None
    if run.total == 0 and is_job_level(run.job_type):
        return None  # a job-level run has no devices: its own task finishes it (or the watchdog)
    by_status = refresh_counters(session, run)
    unfinished = by_status.get(ResultStatus.PENDING, 0) + by_status.get(ResultStatus.RUNNING, 0)
    if run.status not in ACTIVE or unfinished:
        return None
    status = final_status(by_status)
    values: dict[str, Any] = {"status": status, "finished_at": utcnow()}
    if run.started_at is None:
        values["started_at"] = values["finished_at"]
    if error:
        values["error"] = error
    won = session.execute(update(Run).where(Run.id == run_id, Run.status.in_(ACTIVE)).values(**values)
                          .execution_options(synchronize_session=False)).rowcount
    if not won:
        return None
    session.refresh(run)
    add_log(session, f"run {run_id} finished {status}: {run.succeeded} ok, {run.failed} failed, "
            f"{run.changed} changed", level="info" if status == RunStatus.SUCCESS else "warning",
            run_id=run_id, job_id=run.job_id)
    return status


def cancel_run(session: Session, run_id: int, *, by: str | None = None) -> Run:
    """Cancel a pending or running run: devices not started are cancelled, devices in progress
    finish their current attempt (their results are still recorded)."""
    run = session.get(Run, run_id)
    if run is None:
        raise RunError(f"run {run_id} not found")
    if run.status not in ACTIVE:
        raise RunError(f"run {run_id} is already {run.status}")
    now = utcnow()
    session.execute(update(RunResult)
                    .where(RunResult.run_id == run_id, RunResult.status == ResultStatus.PENDING)
                    .values(status=ResultStatus.CANCELLED, finished_at=now)
                    .execution_options(synchronize_session=False))
    session.execute(update(Run).where(Run.id == run_id, Run.status.in_(ACTIVE))
                    .values(status=RunStatus.CANCELLED, finished_at=now,
                            error=f"cancelled by {by or 'a user'}")
                    .execution_options(synchronize_session=False))
    session.refresh(run)
    refresh_counters(session, run)
    add_log(session, f"run {run_id} cancelled by {by or 'a user'}", level="warning", run_id=run_id,
            job_id=run.job_id)
    return run


def retry_failed(session: Session, run_id: int, *, requested_by: str | None = None) -> Run:
    """A new run (trigger ``retry``) over the devices that failed in ``run_id``."""
    old = session.get(Run, run_id)
    if old is None:
        raise RunError(f"run {run_id} not found")
    if old.status in ACTIVE:
        raise RunError(f"run {run_id} is still {old.status}")
    device_ids = list(session.scalars(select(RunResult.device_id).where(
        RunResult.run_id == run_id, RunResult.status == ResultStatus.FAILED,
        RunResult.device_id.is_not(None))))
    if not device_ids:
        raise RunError(f"run {run_id} has no failed device to retry")
    devices = list(session.scalars(select(Device).where(Device.id.in_(device_ids),
                                                        Device.retired_at.is_(None)).order_by(Device.hostname)))
    job = session.get(Job, old.job_id) if old.job_id else None
    running = active_run(session, job.id) if job is not None else None
    if running is not None:
        raise RunError(f"job {job.name!r} is already running (run {running.id})")
    run = create_run(session, job=job, devices=devices, trigger="retry", requested_by=requested_by,
                     job_type=old.job_type)
    run.summary = {**(run.summary or {}), "retry_of": run_id,
                   "options": (old.summary or {}).get("options", {})}
    if job is None:
        run.job_name = old.job_name
    return run
