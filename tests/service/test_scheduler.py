"""The scheduler tick with a controllable clock, Huey in immediate mode (runs execute inline)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from netraven_server.db.models import Job, LogEntry, Run, Tag
from netraven_server.demo_inventory import register_simulator
from netraven_server.service import runtime
from netraven_server.service.scheduler import _start_slot, tick

T0 = datetime(2030, 1, 7, 12, 0, tzinfo=UTC)  # a Monday


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


@pytest.fixture
def inventory(rt, sim):
    register_simulator(rt, sim)
    return rt


def make_job(rt, name, **fields) -> int:
    with rt.db.session() as s:
        tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
        fields.setdefault("job_type", "reachability")
        fields.setdefault("options", {"timeout": 5, "icmp": False})
        job = Job(name=name, tags=[tag], created_at=T0, **fields)
        s.add(job)
        s.flush()
        return job.id


def runs_of(rt, job_id) -> list[Run]:
    """The job's runs, detached with their attributes loaded."""
    with rt.db.session() as s:
        runs = list(s.scalars(select(Run).where(Run.job_id == job_id).order_by(Run.id)))
        s.expunge_all()
        return runs


def edit(rt, job_id, **fields) -> None:
    with rt.db.session() as s:
        job = s.get(Job, job_id)
        for k, v in fields.items():
            setattr(job, k, v)


def test_interval_job_fires_on_its_slots(inventory):
    rt = inventory
    job_id = make_job(rt, "every5", schedule_type="interval", interval_seconds=300)
    assert tick(rt, at(-1))["started"] == 0
    assert tick(rt, at(0.5))["started"] == 1
    assert tick(rt, at(1))["started"] == 0
    assert tick(rt, at(4.9))["started"] == 0
    assert tick(rt, at(5.1))["started"] == 1
    runs = runs_of(rt, job_id)
    assert [r.slot_at for r in runs] == [at(0), at(5)]
    assert all(r.status == "success" and r.total == 6 and r.trigger == "schedule" for r in runs)
    with rt.db.session(readonly=True) as s:
        assert s.get(Job, job_id).next_run_at == at(10)


def test_cron_and_onetime_jobs(inventory):
    rt = inventory
    cron_id = make_job(rt, "quarterly", schedule_type="cron", cron="*/15 * * * *")
    once_id = make_job(rt, "once", schedule_type="onetime", run_at=at(7))
    for minute in range(0, 47):
        tick(rt, at(minute + 0.25))
    assert [r.slot_at for r in runs_of(rt, cron_id)] == [at(0), at(15), at(30), at(45)]
    assert [r.slot_at for r in runs_of(rt, once_id)] == [at(7)]
    with rt.db.session(readonly=True) as s:
        assert s.get(Job, once_id).next_run_at is None
        assert s.get(Job, cron_id).next_run_at == at(60)


def test_missed_slots_run_once(inventory):
    rt = inventory
    job_id = make_job(rt, "minutely", schedule_type="interval", interval_seconds=60)
    tick(rt, at(0))
    # The service was down for three hours: one run for the latest slot, not 180.
    assert tick(rt, at(180.5))["started"] == 1
    assert tick(rt, at(180.9))["started"] == 0
    assert [r.slot_at for r in runs_of(rt, job_id)] == [at(0), at(180)]


def test_edits_disable_and_delete_take_effect_at_next_tick(inventory):
    rt = inventory
    job_id = make_job(rt, "edited", schedule_type="interval", interval_seconds=3600)
    tick(rt, at(0.1))
    edit(rt, job_id, interval_seconds=600)  # every 10 minutes from now on
    assert tick(rt, at(10.1))["started"] == 1
    edit(rt, job_id, enabled=False)
    assert tick(rt, at(20.1))["started"] == 0
    with rt.db.session(readonly=True) as s:
        assert s.get(Job, job_id).next_run_at is None
    edit(rt, job_id, enabled=True)
    assert tick(rt, at(21))["started"] == 1  # the 20-minute slot, once
    edit(rt, job_id, schedule_type="manual")
    assert tick(rt, at(40.1))["started"] == 0
    edit(rt, job_id, schedule_type="interval")
    with rt.db.session() as s:
        s.delete(s.get(Job, job_id))
    assert tick(rt, at(50.1))["started"] == 0
    with rt.db.session(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(Run).where(Run.job_name == "edited")) == 3


def test_running_job_is_not_started_again_and_skip_is_logged(inventory):
    rt = inventory
    job_id = make_job(rt, "slow", schedule_type="interval", interval_seconds=60)
    with rt.db.session() as s:
        s.add(Run(job_id=job_id, job_name="slow", status="running", trigger="schedule"))
    out = tick(rt, at(0.5))
    assert out == {**out, "started": 0, "skipped": 1}
    assert tick(rt, at(0.9))["skipped"] == 0  # the slot was consumed, not retried every tick
    with rt.db.session(readonly=True) as s:
        skips = s.scalars(select(LogEntry).where(LogEntry.job_id == job_id,
                                                 LogEntry.message.contains("skipped"))).all()
        assert len(skips) == 1 and skips[0].level == "warning"
        assert s.scalar(select(func.count()).select_from(Run).where(Run.job_id == job_id)) == 1


def test_concurrent_schedulers_start_a_slot_once(rt_any, sim):
    rt = rt_any
    register_simulator(rt, sim)
    job_id = make_job(rt, "contended", schedule_type="interval", interval_seconds=60, job_type="backup",
                      options={"timeout": 20})
    outcomes = []
    barrier = threading.Barrier(6)

    def contender():
        barrier.wait()
        outcomes.append(_start_slot(runtime.get(), job_id, at(0), at(0.5)))

    threads = [threading.Thread(target=contender) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["lost"] * 5 + ["started"]
    assert len(runs_of(rt, job_id)) == 1
