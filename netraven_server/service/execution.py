"""The body of the tasks that execute runs: fan a run out into device tasks, and run one device.

Each device runs as its own task: claim (own transaction) -> work (no transaction held) ->
record the result, its configuration version and logs (own transaction) -> finish the run if it
was the last device.  Notifications are queued in the same transactions and sent after commit.
"""

from __future__ import annotations

import logging
import threading
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update

from netraven_core.errors import StorageError

from ..clock import utcnow
from ..db.models import ResultStatus, Run, RunResult, RunStatus
from ..jobtypes import JobContext, job_types, load_snapshot
from ..notify import messages
from ..notify.dispatch import notify
from ..services.version_checks import record_checks, record_checks_many
from .faults import StateLog, is_transient, retry_transient
from .lifecycle import (
    DeviceOutcome,
    add_log,
    claim_device,
    finish_if_done,
    record_result,
    release_claim,
)
from .ports import task_queue
from .runtime import Runtime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..db.models import Device

log = logging.getLogger(__name__)

# One state per kind of write, shared by the device tasks of this process: an outage is logged
# once when it starts and once when it ends, whatever the number of threads waiting on it.
_claiming = StateLog(log, "claiming devices in the database")
_recording = StateLog(log, "recording device results in the database")
_finishing = StateLog(log, "finishing runs in the database")

# Claim tokens this process is working on.  The heartbeat publishes them: the watchdog reclaims
# a claim of a live worker that no longer lists it (its result could not be written and it gave up).
_in_flight: set[str] = set()
_in_flight_lock = threading.Lock()


def in_flight_claims() -> list[str]:
    with _in_flight_lock:
        return sorted(_in_flight)


def execute_job_level(rt: Runtime, run_id: int, spec: dict[str, Any]) -> str | None:
    """Run a job-level type once for the run and finish the run with its outcome."""
    with rt.db.session() as s:
        won = s.execute(update(Run).where(Run.id == run_id, Run.status == RunStatus.PENDING)
                        .values(status=RunStatus.RUNNING, started_at=utcnow(), worker=rt.worker_name,
                                heartbeat_at=utcnow())
                        .execution_options(synchronize_session=False)).rowcount
        run = s.get(Run, run_id)
        claimed = (run.job_id, dict((run.summary or {}).get("options") or {})) if won else None
    if claimed is None:
        return None  # another worker has it, or it was cancelled
    job_id, options = claimed
    try:
        outcome = spec["run_job"](JobContext(rt, run_id, job_id, options))
    except Exception as exc:
        if is_transient(exc):
            raise
        log.exception("job type %s failed in run %s", spec.get("name"), run_id)
        outcome = {"status": "failed",
                   "error": f"internal error ({type(exc).__name__}); see the worker's log"}
    status = RunStatus.SUCCESS if outcome.get("status") in ("success", "ok") else RunStatus.FAILED
    with rt.db.session() as s:
        run = s.get(Run, run_id)
        run.summary = {**(run.summary or {}), "result": outcome.get("summary") or {}}
        s.execute(update(Run).where(Run.id == run_id, Run.status == RunStatus.RUNNING)
                  .values(status=status, finished_at=utcnow(), error=outcome.get("error"))
                  .execution_options(synchronize_session=False))
        error = f": {outcome['error']}" if outcome.get("error") else ""
        add_log(s, f"run {run_id} finished {status}{error}", run_id=run_id, job_id=job_id,
                level="info" if status == RunStatus.SUCCESS else "warning")
        if status == RunStatus.FAILED:
            notify(s, messages.run_failed(str(run_id), job=run.job_name, status=status, total=0, failed=0,
                                          failed_hosts=[]), run_id=run_id)
    return status


def execute_device(rt: Runtime, run_id: int, device_id: int) -> str | None:
    """Run one device of one run; returns its status, or ``None`` when another worker has it.

    Database writes (claim, result, finish) wait out an outage (:func:`retry_transient`), so a
    device in progress when the database goes away is recorded once it returns.
    """
    token = uuid.uuid4().hex
    with _in_flight_lock:
        _in_flight.add(token)  # before the claim commits: a heartbeat never misses a live claim
    try:
        claimed = retry_transient(lambda: _claim(rt, run_id, device_id, token), _claiming)
        if claimed is None:
            return None
        outcome = _work_or_release(rt, run_id, device_id, token, claimed)
        retry_transient(lambda: _record(rt, run_id, device_id, token, outcome), _recording)
    finally:
        with _in_flight_lock:
            _in_flight.discard(token)
    retry_transient(lambda: finish_run(rt, run_id), _finishing)
    return outcome.status


def _claim(rt: Runtime, run_id: int, device_id: int, token: str) -> tuple | None:
    with rt.db.session() as s:
        if claim_device(s, run_id, device_id, rt.worker_name, token=token) is None:
            return None
        run = s.get(Run, run_id)
        return (run.job_id, run.job_type, dict((run.summary or {}).get("options") or {}),
                load_snapshot(s, device_id))


def _work_or_release(rt: Runtime, run_id: int, device_id: int, token: str, claimed: tuple) -> DeviceOutcome:
    try:
        return _work(rt, run_id, *claimed)
    except BaseException:
        # The database (or the process) is in trouble: hand the device back for a retry.
        try:
            retry_transient(lambda: _release(rt, run_id, device_id, token), _recording,
                            give_up_after=60)
        except Exception:
            log.exception("could not release device %s of run %s", device_id, run_id)
        raise


def _release(rt: Runtime, run_id: int, device_id: int, token: str) -> None:
    with rt.db.session() as s:
        release_claim(s, run_id, device_id, token)


def _record(rt: Runtime, run_id: int, device_id: int, token: str, outcome: DeviceOutcome) -> None:
    with rt.db.session() as s:
        row = record_result(s, run_id, device_id, token, outcome)
        if row is not None:
            after_recorded(s, run_id, device_id, row, outcome)


def after_recorded(s: Session, run_id: int, device_id: int, row: RunResult, outcome: DeviceOutcome, *,
                   notify_device: bool = True) -> None:
    """What follows a recorded result, in its transaction (single devices, batches and streams
    alike): the device's notifications (``notify_device=False`` when no notifier subscribes),
    and the compliance results and fleet facts of a new version."""
    if notify_device:
        _queue_device_notifications(s, run_id, device_id, row.hostname, outcome)
    if row.config_version_id is None:
        return
    transitions = record_checks(s, device_id, row.config_version_id, outcome.compliance, outcome.facts)
    _notify_transitions(s, run_id, device_id, row, outcome, transitions)


def after_recorded_many(s: Session, run_id: int, written: list[tuple[RunResult, DeviceOutcome]], *,
                        notify_device: bool = True) -> None:
    """:func:`after_recorded` for the results of one bulk write (distinct devices): the checks of
    every new version are recorded with a few queries in all."""
    if notify_device:
        for row, outcome in written:
            _queue_device_notifications(s, run_id, row.device_id, row.hostname, outcome)
    versioned = [(row, outcome) for row, outcome in written if row.config_version_id is not None]
    if not versioned:
        return
    transitions = record_checks_many(s, [(row.device_id, row.config_version_id, outcome.compliance,
                                          outcome.facts) for row, outcome in versioned])
    for row, outcome in versioned:
        _notify_transitions(s, run_id, row.device_id, row, outcome, transitions.get(row.device_id, []))


def _notify_transitions(s: Session, run_id: int, device_id: int, row: RunResult, outcome: DeviceOutcome,
                        transitions: list) -> None:
    for t in (t for t in transitions if not t.first):  # a first verdict is not news
        notify(s, messages.compliance_event(
            t.kind, row.hostname, rule=t.rule.key, title=t.rule.title, severity=t.rule.severity,
            findings=t.findings, remediation=t.rule.remediation, run_id=str(run_id),
            version=(outcome.config_version or {}).get("storage_ref"), diff=outcome.diff),
            run_id=run_id, device_id=device_id)


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
        if is_transient(exc):
            raise  # the database went away mid-device: not the device's fault, retry it
        # Type only: an exception message might quote a secret the job type handled.
        log.exception("job type %s failed on %s", job_type, device.hostname)
        return DeviceOutcome("failed", error_category="unexpected",
                             error=f"internal error ({type(exc).__name__}); see the worker's log")


def _queue_device_notifications(session: Session, run_id: int, device_id: int, hostname: str,
                                 outcome: DeviceOutcome) -> None:
    if outcome.status == ResultStatus.SUCCESS and outcome.changed and outcome.diff:
        run = session.get(Run, run_id)
        changed_by = (run.summary or {}).get("changed_by") if run is not None else None
        notify(session, messages.config_changed(
            hostname, outcome.diff, run_id=str(run_id), lines_added=outcome.lines_added,
            lines_removed=outcome.lines_removed, version=(outcome.config_version or {}).get("storage_ref"),
            changed_by=changed_by), run_id=run_id, device_id=device_id)
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
    if status is not None:
        _push_remotes()
    return status


def _push_remotes() -> None:
    """The run's commits are in the store: hand the remotes a push (its own task, so a slow or
    failing remote never holds up the run or the next device)."""
    try:
        task_queue().push_remotes()
    except Exception:  # the queue is down: the periodic push catches up
        log.warning("could not queue the push to git remotes", exc_info=True)
