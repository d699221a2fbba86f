"""A real consumer process: ``netraven worker`` executing scheduled runs from the SQLite queue,
with the scheduler ticked at controlled times by the test."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from netraven_server.config import Settings
from netraven_server.db import upgrade
from netraven_server.db.models import ConfigVersion, Job, Run, Setting, Tag, Worker
from netraven_server.demo_inventory import register_simulator
from netraven_server.service import queue, runtime
from netraven_server.service.scheduler import LAST_TICK_KEY
from netraven_server.service.tasks import enqueue, tick_task

from .workerproc import Workers, service_env

pytestmark = [pytest.mark.integration, pytest.mark.slow]

T0 = datetime(2031, 5, 4, 3, 0, tzinfo=UTC)


def wait_for(predicate, timeout=60.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_worker_process_runs_scheduled_slots(tmp_path, sim):
    env = service_env(tmp_path / "data")
    settings = Settings.from_env(env)
    upgrade(settings.db_url)
    queue.configure(settings, name=env["NETRAVEN_QUEUE_NAME"])
    rt = runtime.configure(settings, worker_name="test-producer")
    try:
        register_simulator(rt, sim)
        with rt.db.session() as s:
            tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
            s.add(Job(name="every5", job_type="backup", schedule_type="interval", interval_seconds=300,
                      tags=[tag], created_at=T0, options={"timeout": 20}))
        with Workers(env, tmp_path) as workers:
            workers.start(threads=4)
            workers.wait_registered(rt.db, 1)

            def tick_at(when):
                enqueue(tick_task, when.isoformat())

                def ticked():
                    with rt.db.session(readonly=True) as s:
                        row = s.get(Setting, LAST_TICK_KEY)
                        return row is not None and row.value.get("at") == when.isoformat() and row.value
                return wait_for(ticked, what=f"tick at {when}")

            def finished_runs():
                with rt.db.session(readonly=True) as s:
                    return s.execute(select(Run.slot_at, Run.status, Run.succeeded)
                                     .where(Run.status.not_in(("pending", "running"))).order_by(Run.id)).all()

            assert tick_at(T0 - timedelta(seconds=30))["started"] == 0
            assert tick_at(T0 + timedelta(seconds=30))["started"] == 1
            wait_for(lambda: len(finished_runs()) == 1, what="first run")
            assert tick_at(T0 + timedelta(minutes=4))["started"] == 0
            assert tick_at(T0 + timedelta(hours=2, seconds=5))["started"] == 1  # missed slots: once
            wait_for(lambda: len(finished_runs()) == 2, what="second run")
            assert finished_runs() == [(T0, "success", 6), (T0 + timedelta(hours=2), "success", 6)]
            with rt.db.session(readonly=True) as s:
                assert s.scalar(select(func.count()).select_from(ConfigVersion)) == 6
                worker = s.scalars(select(Worker).where(Worker.kind == "worker")).one()
                assert worker.info["workers"] == 4 and isinstance(worker.info["claims"], list)
    finally:
        rt.close()
        queue.reset()
