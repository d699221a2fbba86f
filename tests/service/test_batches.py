"""A run's devices through the queue in streams and batches (Huey immediate mode, real simulated
devices):
one result and one version per device, host keys remembered, a device without a credential and
a device claimed elsewhere handled, the run finished once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from netraven_server.db.models import ConfigVersion, Device, Job, LogEntry, Run, RunResult, Tag
from netraven_server.demo_inventory import register_simulator
from netraven_server.service import batch, dispatch
from netraven_server.service.lifecycle import claim_device, create_run, job_targets
from netraven_server.service.scheduler import start_manual_run

pytestmark = pytest.mark.integration


def _job(rt) -> int:
    with rt.db.session() as s:
        tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
        job = Job(name="batched", job_type="backup", schedule_type="manual", tags=[tag],
                  options={"timeout": 20, "retries": 1})
        s.add(job)
        s.flush()
        return job.id


def test_batched_run_records_every_device_once(rt, sim, monkeypatch):
    monkeypatch.setenv("NETRAVEN_BATCH_SIZE", "4")  # 6 devices + 1: two streams' worth
    sent: list[int] = []
    original = dispatch.task_queue

    class Recording:
        def __getattr__(self, name):
            return getattr(original(), name)

        def run_stream(self, run_id):
            sent.append(run_id)
            original().run_stream(run_id)  # immediate mode: the first does every device

    monkeypatch.setattr(dispatch, "task_queue", Recording)
    register_simulator(rt, sim)
    job_id = _job(rt)
    with rt.db.session() as s:  # a device no credential shares a tag with, targeted by the job too
        lonely = Tag(name="lonely")
        s.add(Device(hostname="orphan", host="127.0.0.1", port=1, platform="cisco_ios", tags=[lonely]))
        job = s.get(Job, job_id)
        job.tags = [*job.tags, lonely]
        s.execute(update(Device).values(host_key=None))
    run_id = start_manual_run(rt, job_id)
    assert sent == [run_id, run_id]
    with rt.db.session(readonly=True) as s:
        run = s.get(Run, run_id)
        assert run.status == "partial" and (run.total, run.succeeded, run.failed) == (7, 6, 1)
        rows = s.scalars(select(RunResult).where(RunResult.run_id == run_id)).all()
        assert len({r.device_id for r in rows}) == 7
        failed = [r for r in rows if r.status == "failed"]
        assert [(r.hostname, r.error_category) for r in failed] == [("orphan", "auth")]
        assert all(r.config_version_id for r in rows if r.status == "success")
        assert all("claim" not in (r.details or {}) for r in rows)
        per_device = dict(s.execute(select(ConfigVersion.device_id, func.count())
                                    .group_by(ConfigVersion.device_id)).all())
        assert len(per_device) == 6 and set(per_device.values()) == {1}
        keys = s.scalars(select(Device.host_key).where(Device.hostname != "orphan")).all()
        assert all(k and k.startswith("ssh-") for k in keys)  # first use remembered, in bulk
        finished = s.scalar(select(func.count()).select_from(LogEntry).where(
            LogEntry.run_id == run_id, LogEntry.message.like(f"run {run_id} finished%")))
        assert finished == 1


def test_batch_skips_a_device_claimed_elsewhere(rt, sim):
    register_simulator(rt, sim)
    with rt.db.session() as s:
        job = s.get(Job, _job(rt))
        run = create_run(s, job=job, devices=job_targets(s, job))
        run_id = run.id
        ids = [r.device_id for r in s.scalars(select(RunResult).where(RunResult.run_id == run_id)
                                              .order_by(RunResult.id))]
        claim_device(s, run_id, ids[0], "another-worker", token="theirs")
    assert batch.execute_batch(rt, run_id, ids) == len(ids) - 1
    with rt.db.session(readonly=True) as s:
        rows = {r.device_id: r for r in s.scalars(select(RunResult).where(RunResult.run_id == run_id))}
        assert rows[ids[0]].status == "running" and rows[ids[0]].details["claim"] == "theirs"
        assert all(rows[d].status == "success" for d in ids[1:])
        assert s.get(Run, run_id).status == "running"  # the other worker's device is still going


def test_consumer_threads_keep_workers_devices_in_flight(monkeypatch):
    monkeypatch.setenv("NETRAVEN_BATCH_SIZE", "25")
    assert batch.consumer_threads(50) == 2 and batch.consumer_threads(100) == 4
    assert batch.consumer_threads(4) == 2 and batch.consumer_threads(1) == 1
    try:
        batch.configure(50, 2)
        assert batch.per_task_concurrency(25) == 25 and batch.per_task_concurrency(10) == 10
        batch.configure(4, 2)
        assert batch.per_task_concurrency(25) == 2
    finally:
        batch._per_task = None


def test_stream_claims_fresh_and_requeued_devices_once(rt, sim):
    """A stream claims never-claimed rows in bulk and rows the watchdog put back one by one
    (their claim count goes on), and ends when nothing is pending."""
    from netraven_server.service.stream import execute_stream

    register_simulator(rt, sim)
    with rt.db.session() as s:
        job = s.get(Job, _job(rt))
        run_id = create_run(s, job=job, devices=job_targets(s, job)).id
        first = s.scalars(select(RunResult).where(RunResult.run_id == run_id).order_by(RunResult.id)).first()
        first.details = {"claims": 1, "lost_by": "dead-worker"}
    assert execute_stream(rt, run_id) == 6
    assert execute_stream(rt, run_id) == 0  # nothing left: a late stream ends at once
    with rt.db.session(readonly=True) as s:
        rows = {r.id: r for r in s.scalars(select(RunResult).where(RunResult.run_id == run_id))}
        assert {r.status for r in rows.values()} == {"success"}
        assert rows[first.id].details["claims"] == 2 and rows[first.id].details["lost_by"] == "dead-worker"
        assert all(r.details.get("claims") == 1 for i, r in rows.items() if i != first.id)
        assert s.get(Run, run_id).status == "success"
