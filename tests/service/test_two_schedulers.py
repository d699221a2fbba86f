"""Two schedulers (two servers) on one database, SQLite and PostgreSQL: every slot of every job
starts exactly once, whatever the schedulers' phases, however their ticks overlap, and however
long a tick waits for the database."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text

from netraven_server.db.models import Device, Job, LogEntry, Run
from netraven_server.service import ports
from netraven_server.service.runtime import Runtime
from netraven_server.service.scheduler import tick

T0 = datetime(2030, 1, 7, 12, 0, tzinfo=UTC)


@pytest.fixture
def servers(rt_any):
    """Two runtimes with their own engine on the database of ``rt_any``, as two processes have;
    no task queue, so started runs stay pending (still active) unless they have no device."""
    previous = ports.install(None)
    pair = [Runtime(rt_any.settings, worker_name=f"server-{n}") for n in "ab"]
    yield pair
    for server in pair:
        server.close()
    ports.install(previous)


def _job(rt, name, *, device=False, **fields) -> int:
    with rt.db.session() as s:
        job = Job(name=name, job_type="backup", created_at=T0, **fields)
        if device:
            job.devices = [Device(hostname=f"{name}-dev", host="192.0.2.1", platform="cisco_ios")]
        s.add(job)
        s.flush()
        return job.id


def _slots(rt, job_id) -> list[datetime]:
    with rt.db.session(readonly=True) as s:
        return list(s.scalars(select(Run.slot_at).where(Run.job_id == job_id).order_by(Run.slot_at)))


def _skips(rt) -> list[str]:
    with rt.db.session(readonly=True) as s:
        return list(s.scalars(select(LogEntry.message).where(LogEntry.message.contains("skipped"))))


def test_two_schedulers_with_overlapping_ticks_start_every_slot_once(rt_any, servers):
    jobs = {"minutely": _job(rt_any, "minutely", schedule_type="interval", interval_seconds=60),
            "two-minutes": _job(rt_any, "two-minutes", schedule_type="interval", interval_seconds=120),
            "cron-3": _job(rt_any, "cron-3", schedule_type="cron", cron="*/3 * * * *")}
    minutes = 20
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def scheduler(rt, phase: float) -> None:
        try:
            for minute in range(minutes):
                barrier.wait(timeout=60)  # both tick together: the claims really race
                tick(rt, T0 + timedelta(minutes=minute, seconds=phase))
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=scheduler, args=(rt, phase))
               for rt, phase in zip(servers, (0.2, 0.2), strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    every = {"minutely": 1, "two-minutes": 2, "cron-3": 3}
    for name, job_id in jobs.items():
        expected = [T0 + timedelta(minutes=m) for m in range(0, minutes, every[name])]
        assert _slots(rt_any, job_id) == expected, name
    assert _skips(rt_any) == []


@pytest.mark.parametrize("phases", [(0.5, 59.5), (30, 31)])
def test_two_schedulers_at_different_phases_start_every_slot_once(rt_any, servers, phases):
    job_id = _job(rt_any, "minutely", schedule_type="interval", interval_seconds=60)
    for minute in range(10):
        for rt, phase in zip(servers, phases, strict=True):
            tick(rt, T0 + timedelta(minutes=minute, seconds=phase))
    assert _slots(rt_any, job_id) == [T0 + timedelta(minutes=m) for m in range(10)]


def _hold_write_lock(rt_any, job_id: int, seconds: float, held: threading.Event) -> None:
    """Hold what a scheduler's claim waits for: SQLite's write lock, PostgreSQL's row lock."""
    with rt_any.db.engine.connect() as conn:
        if rt_any.db.is_sqlite:
            conn.exec_driver_sql("UPDATE jobs SET description = 'held' WHERE id = ?", (job_id,))
        else:
            conn.execute(text("SELECT id FROM jobs WHERE id = :id FOR UPDATE"), {"id": job_id})
        held.set()
        time.sleep(seconds)
        conn.rollback()


def test_a_delayed_tick_does_not_start_a_stale_slot_that_blocks_the_next(rt_any, servers):
    """Server A's tick sees slot 12:00 due at 12:00:59; the database makes it wait past 12:01,
    when server B ticks for 12:01.  One run, for 12:01: A's stale slot must not start a run that
    then makes B skip the current one ("slot skipped, run N is still pending")."""
    job_id = _job(rt_any, "slow-db", device=True, schedule_type="interval", interval_seconds=60)
    tick(servers[0], T0 - timedelta(minutes=1, seconds=-1))  # nothing due yet
    held = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(rt_any, job_id, 1.5, held))
    holder.start()
    held.wait(10)
    late = threading.Thread(target=tick, args=(servers[0], T0 + timedelta(seconds=59)))
    late.start()
    time.sleep(1.0)  # A is waiting for the database
    holder.join()
    late.join()
    tick(servers[1], T0 + timedelta(minutes=1, seconds=0.6))
    assert _slots(rt_any, job_id) == [T0 + timedelta(minutes=1)]
    assert _skips(rt_any) == []
