"""The body of the tasks that execute runs: fan a run out into device tasks, and run one device.

Each device runs as its own task: claim (own transaction) -> work (no transaction held) ->
record the result, its configuration version and logs (own transaction) -> finish the run if it
was the last device.  Notifications are queued in the same transactions and sent after commit.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from netraven_core.errors import StorageError

from ..db.models import ResultStatus, Run, RunResult, RunStatus
from ..jobtypes import JobContext, job_types, load_snapshot
from ..notify import messages
from ..notify.dispatch import notify
from .lifecycle import (
    DeviceOutcome,
    claim_device,
    ensure_results,
    finish_if_done,
    pending_device_ids,
    record_result,
    release_claim,
)
from .ports import task_queue
from .runtime import Runtime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..db.models import Device

log = logging.getLogger(__name__)


def dispatch_run(rt: Runtime, run_id: int) -> int:
    """Enqueue one task per pending device of the run; returns how many."""
    with rt.db.session() as s:
        ensure_results(s, run_id)
    with rt.db.session(readonly=True) as s:
        device_ids = pending_device_ids(s, run_id)
    for device_id in device_ids:
        task_queue().run_device(run_id, device_id)
    return len(device_ids)


def execute_device(rt: Runtime, run_id: int, device_id: int) -> str | None:
    """Run one device of one run; returns its status, or ``None`` when another worker has it."""
    db = rt.db
    with db.session() as s:
        token = claim_device(s, run_id, device_id, rt.worker_name)
        if token is None:
            return None
        run = s.get(Run, run_id)
        job_id, job_type = run.job_id, run.job_type
        options = dict((run.summary or {}).get("options") or {})
        device = load_snapshot(s, device_id)
    try:
        outcome = _work(rt, run_id, job_id, job_type, options, device)
        with db.session() as s:
            row = record_result(s, run_id, device_id, token, outcome)
            if row is not None:
                _queue_device_notifications(s, run_id, device_id, row.hostname, outcome)
    except BaseException:
        # The database (or the process) is in trouble: hand the device back for a retry.
        try:
            with db.session() as s:
                release_claim(s, run_id, device_id, token)
        except Exception:
            log.exception("could not release device %s of run %s", device_id, run_id)
        raise
    finish_run(rt, run_id)
    return outcome.status


def _work(rt: Runtime, run_id: int, job_id: int | None, job_type: str, options: dict[str, Any],
          device: Device | None) -> DeviceOutcome:
    if device is None:
        return DeviceOutcome("failed", attempts=0, error_category="unexpected", error="device deleted")
    spec = job_types(rt.registry).get(job_type)
    if spec is None:
        return DeviceOutcome("failed", attempts=0, error_category="unexpected",
                             error=f"unknown job type {job_type!r}")
    try:
        return spec["run_device"](JobContext(rt, run_id, job_id, options), device)
    except StorageError as exc:
        # The store cannot be opened or written (read-only, full): the device fails with its own
        # category; the last good configuration stays.
        log.warning("configuration storage unavailable for %s: %s", device.hostname, exc)
        return DeviceOutcome("failed", error_category="storage", error=f"storage error: {str(exc)[:400]}")
    except Exception as exc:
        # Type only: an exception message might quote a secret the job type handled.
        log.exception("job type %s failed on %s", job_type, device.hostname)
        return DeviceOutcome("failed", error_category="unexpected",
                             error=f"internal error ({type(exc).__name__}); see the worker's log")


def _queue_device_notifications(session: Session, run_id: int, device_id: int, hostname: str,
                                 outcome: DeviceOutcome) -> None:
    if outcome.status == ResultStatus.SUCCESS and outcome.changed and outcome.diff:
        notify(session, messages.config_changed(
            hostname, outcome.diff, run_id=str(run_id), lines_added=outcome.lines_added,
            lines_removed=outcome.lines_removed, version=(outcome.config_version or {}).get("storage_ref")),
            run_id=run_id, device_id=device_id)
    elif outcome.status == ResultStatus.FAILED:
        notify(session, messages.device_failed(hostname, category=outcome.error_category, error=outcome.error,
                                               attempts=outcome.attempts, run_id=str(run_id)),
               run_id=run_id, device_id=device_id)


def finish_run(rt: Runtime, run_id: int, *, error: str | None = None) -> str | None:
    """Finish the run if every device is done; queue ``run_failed`` when devices failed."""
    with rt.db.session() as s:
        status = finish_if_done(s, run_id, error=error)
        if status in (RunStatus.PARTIAL, RunStatus.FAILED):
            run = s.get(Run, run_id)
            hosts = list(s.scalars(select(RunResult.hostname).where(
                RunResult.run_id == run_id, RunResult.status == ResultStatus.FAILED,
            ).order_by(RunResult.hostname)))
            notify(s, messages.run_failed(str(run_id), job=run.job_name, status=status, total=run.total,
                                          failed=run.failed, failed_hosts=hosts), run_id=run_id)
    return status
