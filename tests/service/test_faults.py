"""Outage handling without real outages: the state-change logger, transient-error retries, and
the watchdog reclaiming a claim its live worker abandoned (Huey immediate mode)."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from netraven_server.clock import utcnow
from netraven_server.db.models import Job, Run, RunResult, Tag, Worker
from netraven_server.demo_inventory import register_simulator
from netraven_server.service import watchdog
from netraven_server.service.faults import StateLog, is_transient, retry_transient
from netraven_server.service.lifecycle import claim_device, create_run, job_targets

pytestmark = pytest.mark.integration

DOWN = OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))


def test_state_log_writes_one_line_per_state_change(caplog):
    state = StateLog(logging.getLogger("netraven.test"), "polling the queue")
    with caplog.at_level(logging.INFO, logger="netraven.test"):
        for _ in range(500):
            state.failed(DOWN)
        state.ok()
        state.ok()
        state.failed(DOWN)
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 3, lines
    assert "polling the queue failed (OperationalError" in lines[0] and "not logged" in lines[0]
    assert "works again" in lines[1] and "500 failed attempt(s)" in lines[1]
    assert all(r.exc_info is None for r in caplog.records)  # no tracebacks


def test_retry_transient_waits_out_an_outage_and_raises_other_errors(caplog, monkeypatch):
    monkeypatch.setenv("NETRAVEN_RETRY_CAP", "0.01")
    calls = []

    def flaky():
        calls.append(1)
        if len(calls) < 20:
            raise DOWN
        return "written"

    state = StateLog(logging.getLogger("netraven.test"), "writing")
    with caplog.at_level(logging.INFO, logger="netraven.test"):
        assert retry_transient(flaky, state) == "written"
    assert len(calls) == 20 and len(caplog.records) == 2
    conflict = IntegrityError("INSERT", {}, Exception("duplicate"))
    assert not is_transient(conflict)
    with pytest.raises(IntegrityError):
        retry_transient(lambda: (_ for _ in ()).throw(conflict), state)
    with pytest.raises(OperationalError):
        retry_transient(lambda: (_ for _ in ()).throw(DOWN), state, give_up_after=0.05)


@pytest.fixture
def run_id(rt, sim):
    register_simulator(rt, sim)
    with rt.db.session() as s:
        tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
        job = Job(name="backup", job_type="backup", schedule_type="manual", tags=[tag],
                  options={"timeout": 10, "retries": 0})
        s.add(job)
        s.flush()
        return create_run(s, job=job, devices=job_targets(s, job)).id


def test_watchdog_reclaims_a_claim_its_live_worker_no_longer_lists(rt, run_id):
    claimed_at = utcnow() - timedelta(seconds=30)
    with rt.db.session() as s:
        ids = [r.device_id for r in s.scalars(select(RunResult).where(RunResult.run_id == run_id)
                                              .order_by(RunResult.id))]
        kept = claim_device(s, run_id, ids[0], "w1", token="kept")
        claim_device(s, run_id, ids[1], "w1", token="abandoned")
        claim_device(s, run_id, ids[2], "w-old", token="old")  # a worker publishing no claims
        s.execute(update(RunResult).where(RunResult.run_id == run_id).values(started_at=claimed_at))
        s.add(Worker(name="w1", kind="worker", heartbeat_at=utcnow(), info={"claims": [kept]}))
        s.add(Worker(name="w-old", kind="worker", heartbeat_at=utcnow(), info={}))
    done = watchdog.check(rt, stale=60, requeue_after=3600)
    assert done["requeued"] == 1
    results = {r.device_id: r for r in _results(rt, run_id)}
    assert results[ids[0]].status == "running" and results[ids[2]].status == "running"
    assert results[ids[1]].status == "success"  # re-queued and backed up (immediate mode)
    assert results[ids[1]].details["lost_by"] == "w1" and results[ids[1]].details["claims"] == 2

    # A heartbeat older than the claim proves nothing: the claim is left alone.
    with rt.db.session() as s:
        s.execute(update(RunResult).where(RunResult.run_id == run_id, RunResult.device_id == ids[0])
                  .values(details={"worker": "w1", "claim": "new", "claims": 1}, started_at=utcnow()))
        s.execute(update(Worker).where(Worker.name == "w1")
                  .values(heartbeat_at=utcnow() - timedelta(seconds=5)))
    assert watchdog.check(rt, stale=60, requeue_after=3600)["requeued"] == 0


def test_watchdog_restarts_a_pending_run_nobody_dispatched(rt, run_id):
    with rt.db.session() as s:
        s.execute(update(Run).where(Run.id == run_id).values(created_at=utcnow() - timedelta(minutes=1)))
    assert watchdog.check(rt, requeue_after=15)["resent"] == 1
    with rt.db.session(readonly=True) as s:
        assert s.get(Run, run_id).status == "success"


class RecordingQueue:
    """A task queue that only records what is sent (the watchdog's decisions, not their effect)."""

    def __init__(self):
        self.sent: list[tuple] = []

    def __getattr__(self, name):
        return lambda *args: self.sent.append((name, *args))

    def pending_count(self) -> int:
        return 0  # streams run while the queue is empty


def test_watchdog_resends_a_long_backup_run_as_streams_not_device_tasks(rt, run_id):
    from netraven_server.service import ports
    from netraven_server.service.stream import streams_for

    with rt.db.session() as s:
        first = s.scalars(select(RunResult.device_id).where(RunResult.run_id == run_id)
                          .order_by(RunResult.id)).first()
        s.add(Worker(name="w1", kind="worker", heartbeat_at=utcnow(),
                     info={"claims": [claim_device(s, run_id, first, "w1", token="t1")]}))
        s.execute(update(Run).where(Run.id == run_id).values(created_at=utcnow() - timedelta(minutes=1)))
    recorder = RecordingQueue()
    previous = ports.install(recorder)
    try:
        done = watchdog.check(rt, stale=60, requeue_after=15)
    finally:
        ports.install(previous)
    # Five devices still pending in a run a stream may be working through: copies of the stream
    # task (a process already streaming the run drops them), never five device tasks.
    assert done["resent"] == 5 and done["requeued"] == 0
    assert recorder.sent == [("run_stream", run_id)] * streams_for(5)


def _results(rt, run_id) -> list[RunResult]:
    with rt.db.session() as s:
        rows = s.scalars(select(RunResult).where(RunResult.run_id == run_id)).all()
        s.expunge_all()
        return rows


def test_the_quiet_scheduler_moves_due_tasks_to_the_queue(tmp_path):
    """Its probe of the queue must be a real read: a broken probe skipped every pass, so delayed
    retries (backoffs, pushes) and periodic tasks never reached the queue."""
    import threading
    from datetime import UTC, datetime, timedelta

    from huey import SqliteHuey

    from netraven_server.service.consumer import QuietScheduler

    huey = SqliteHuey(filename=str(tmp_path / "queue.db"), utc=True)

    @huey.task()
    def later():
        return "ran"

    eta = datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=30)
    later.schedule(eta=eta)
    huey.add_schedule(huey.dequeue())  # what a worker does with a task not due yet
    assert huey.scheduled_count() == 1 and huey.pending_count() == 0
    QuietScheduler(huey, threading.Event(), interval=1, periodic=False).loop(eta + timedelta(seconds=1))
    assert huey.scheduled_count() == 0 and huey.pending_count() == 1
