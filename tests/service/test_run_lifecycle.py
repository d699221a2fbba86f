"""Cancel, retry-failed, the watchdog and the stale-backup check (Huey immediate mode)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from netraven_server.clock import utcnow
from netraven_server.db.models import Device, Job, LogEntry, Run, RunResult, Tag, Worker
from netraven_server.demo_inventory import register_simulator
from netraven_server.service import watchdog
from netraven_server.service.dispatch import dispatch_run
from netraven_server.service.lifecycle import (
    RunError,
    cancel_run,
    claim_device,
    create_run,
    job_targets,
    retry_failed,
)
from netraven_server.service.scheduler import start_manual_run
from netraven_server.service.stale import check_stale_backups

pytestmark = pytest.mark.integration


@pytest.fixture
def job_id(rt, sim):
    register_simulator(rt, sim)
    with rt.db.session() as s:
        tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
        job = Job(name="backup", job_type="backup", schedule_type="manual", tags=[tag],
                  options={"timeout": 10, "retries": 0})
        s.add(job)
        s.flush()
        return job.id


def _pending_run(rt, job_id) -> int:
    with rt.db.session() as s:
        job = s.get(Job, job_id)
        return create_run(s, job=job, devices=job_targets(s, job)).id


def _results(rt, run_id) -> dict[str, RunResult]:
    with rt.db.session() as s:
        rows = s.scalars(select(RunResult).where(RunResult.run_id == run_id)).all()
        s.expunge_all()
        return {r.hostname: r for r in rows}


def _run(rt, run_id) -> Run:
    with rt.db.session() as s:
        run = s.get(Run, run_id)
        s.expunge(run)
        return run


def test_cancel_pending_run(rt, job_id):
    run_id = _pending_run(rt, job_id)
    with rt.db.session() as s:
        cancel_run(s, run_id, by="alice")
    dispatch_run(rt, run_id)  # tasks already queued find nothing to claim
    run = _run(rt, run_id)
    assert run.status == "cancelled" and "alice" in run.error
    assert {r.status for r in _results(rt, run_id).values()} == {"cancelled"}
    with rt.db.session() as s, pytest.raises(RunError):
        cancel_run(s, run_id)


def test_retry_only_failed_devices(rt, job_id, sim):
    broken = sim.devices[1].hostname
    with rt.db.session() as s:
        s.execute(update(Device).where(Device.hostname == broken).values(port=1))  # refused
    run_id = start_manual_run(rt, job_id)
    run = _run(rt, run_id)
    assert run.status == "partial" and run.failed == 1 and run.succeeded == 5
    failed = _results(rt, run_id)[broken]
    assert failed.error_category == "refused"
    with rt.db.session() as s:
        s.execute(update(Device).where(Device.hostname == broken).values(port=sim.devices[1].port))
        retry_id = retry_failed(s, run_id, requested_by="bob").id
    dispatch_run(rt, retry_id)
    retry = _run(rt, retry_id)
    assert retry.trigger == "retry" and retry.status == "success" and retry.total == 1
    assert list(_results(rt, retry_id)) == [broken]
    with rt.db.session() as s, pytest.raises(RunError):
        retry_failed(s, retry_id)  # nothing failed


def test_watchdog_requeues_device_of_dead_worker_then_gives_up(rt, job_id):
    run_id = _pending_run(rt, job_id)
    long_ago = utcnow() - timedelta(minutes=10)
    with rt.db.session() as s:
        ids = [r.device_id for r in s.scalars(select(RunResult).where(RunResult.run_id == run_id))]
        s.add(Worker(name="alive", kind="worker", heartbeat_at=utcnow()))
        assert claim_device(s, run_id, ids[0], "dead-worker")
        assert claim_device(s, run_id, ids[1], "alive")
        s.execute(update(RunResult).where(RunResult.run_id == run_id).values(started_at=long_ago))
    # The other devices were never enqueued: the queue is empty and the run is old -> re-sent.
    with rt.db.session() as s:
        s.execute(update(Run).where(Run.id == run_id).values(created_at=long_ago))
    done = watchdog.check(rt, stale=60, requeue_after=60)
    assert done["requeued"] == 1 and done["resent"] == 4
    results = _results(rt, run_id)
    statuses = sorted(r.status for r in results.values())
    assert statuses == ["running"] + ["success"] * 5  # the live worker's device is left alone
    lost = next(r for r in results.values() if r.device_id == ids[0])
    assert lost.details.get("lost_by") == "dead-worker" and lost.details.get("claims") == 2

    # A device whose claims are exhausted fails with the reason, and the run finishes.
    with rt.db.session() as s:
        s.execute(update(Worker).where(Worker.name == "alive").values(heartbeat_at=long_ago))
        row = s.scalars(select(RunResult).where(RunResult.run_id == run_id,
                                                RunResult.device_id == ids[1])).one()
        row.details = {**row.details, "claims": 3}
    watchdog.check(rt, stale=60)
    run = _run(rt, run_id)
    assert run.status == "partial" and "stopped responding" in run.error
    gave_up = next(r for r in _results(rt, run_id).values() if r.device_id == ids[1])
    assert gave_up.status == "failed" and "alive" in gave_up.error


def test_stale_backup_reported_once(rt, job_id):
    start_manual_run(rt, job_id)
    assert check_stale_backups(rt, hours=1) == []
    later = utcnow() + timedelta(hours=2)
    stale = check_stale_backups(rt, later, hours=1)
    assert len(stale) == 6
    assert check_stale_backups(rt, later + timedelta(minutes=10), hours=1) == []
    with rt.db.session() as s:
        marks = s.scalars(select(LogEntry).where(LogEntry.message.like("stale backup:%"))).all()
        assert len(marks) == 6 and {m.level for m in marks} == {"warning"}
