"""Scale-out: PostgreSQL + Redis + two ``netraven worker`` processes share a run over 200
simulated devices; every device is backed up exactly once, also when one worker is SIGKILLed
mid-run (its in-flight devices are recovered by the watchdog and finished by the other)."""

from __future__ import annotations

import signal
import time

import pytest
from sqlalchemy import func, select

from netraven_server.config import Settings
from netraven_server.db.models import ConfigVersion, Job, LogEntry, Run, RunResult, Tag
from netraven_server.demo_inventory import register_simulator
from netraven_server.service import queue, runtime, watchdog
from netraven_server.service.scheduler import start_manual_run
from tests.server.dbfixtures import PostgresDatabase
from tests.support.services import require_postgres, require_redis

from .workerproc import Workers, service_env

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

DEVICES = 200


@pytest.fixture
def cluster(tmp_path):
    pg = PostgresDatabase(require_postgres())
    env = service_env(tmp_path / "shared", database_url=pg.url, redis_url=require_redis())
    settings = Settings.from_env(env)
    queue.configure(settings, name=env["NETRAVEN_QUEUE_NAME"])
    rt = runtime.configure(settings, worker_name="test-producer")
    try:
        yield env, rt
    finally:
        try:
            queue.huey.flush()  # this test's Redis keys only (the queue name is unique)
        finally:
            rt.close()
            queue.reset()
            pg.drop()


def _progress(rt, run_id) -> dict[str, int]:
    with rt.db.session(readonly=True) as s:
        return dict(s.execute(select(RunResult.status, func.count()).where(RunResult.run_id == run_id)
                              .group_by(RunResult.status)).all())


def _running_on(rt, run_id, pid: int) -> int:
    """Devices of the run in flight on the worker process ``pid`` (names are kind@host:pid:xxxx)."""
    with rt.db.session(readonly=True) as s:
        details = s.scalars(select(RunResult.details).where(RunResult.run_id == run_id,
                                                            RunResult.status == "running")).all()
    return sum(1 for d in details if f":{pid}:" in str((d or {}).get("worker", "")))


def _wait_run(rt, run_id, workers, *, kill_after: int | None = None, timeout: float = 600):
    """Wait for the run to finish; with ``kill_after``, SIGKILL the first worker once that many
    devices are done while it has devices in flight, and start a replacement."""
    deadline = time.monotonic() + timeout
    killed = False
    while time.monotonic() < deadline:
        progress = _progress(rt, run_id)
        done = sum(n for status, n in progress.items() if status not in ("pending", "running"))
        victim = workers.procs[0]
        # Kill only while the victim itself has devices in flight ("running" rows may all be the
        # other worker's, and then nothing would be lost and recovered).
        if kill_after is not None and not killed and done >= kill_after and \
                _running_on(rt, run_id, victim.pid):
            victim.send_signal(signal.SIGKILL)
            victim.wait()
            killed = True
            workers.start(threads=8)  # what systemd's Restart= would do
        if killed:
            # The workers run the watchdog every minute; the test runs it every second with a
            # 15-second heartbeat limit so it need not wait for the wall clock.
            watchdog.check(rt, stale=15, requeue_after=30)
        with rt.db.session(readonly=True) as s:
            status = s.get(Run, run_id).status
        if status not in ("pending", "running"):
            return killed
        time.sleep(1.0)
    pytest.fail(f"run {run_id} did not finish: {_progress(rt, run_id)}; "
                f"{[workers.output(p) for p in workers.procs]}")


def _check_exactly_once(rt, run_id) -> dict[str, int]:
    with rt.db.session(readonly=True) as s:
        run = s.get(Run, run_id)
        failed = s.execute(select(RunResult.hostname, RunResult.error_category, RunResult.error)
                           .where(RunResult.run_id == run_id, RunResult.status != "success")
                           .limit(10)).all()
        assert run.status == "success", (run.status, run.error, _progress(rt, run_id), failed)
        rows = s.execute(select(RunResult.device_id, RunResult.status, RunResult.changed)
                         .where(RunResult.run_id == run_id)).all()
        assert len(rows) == DEVICES and {st for _d, st, _c in rows} == {"success"}
        assert len({d for d, _st, _c in rows}) == DEVICES
        per_device = s.execute(select(ConfigVersion.device_id, func.count())
                               .group_by(ConfigVersion.device_id)).all()
        assert len(per_device) == DEVICES and {n for _d, n in per_device} == {1}
        lost = s.scalar(select(func.count()).select_from(LogEntry).where(
            LogEntry.run_id == run_id, LogEntry.message.contains("stopped responding")))
        return {"changed": sum(1 for _d, _st, c in rows if c), "lost": lost}


@pytest.mark.timeout(1200)  # generous: a loaded 2-core machine runs 200 SSH sessions and 3 processes
def test_two_workers_back_up_every_device_exactly_once_even_after_sigkill(cluster, tmp_path):
    env, rt = cluster
    from netraven_core.simulator import SimulatorThread

    with SimulatorThread(count=DEVICES, base_port=0, host_key_path=tmp_path / "host_key") as sim:
        register_simulator(rt, sim)
        with rt.db.session() as s:
            tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
            job = Job(name="all", job_type="backup", schedule_type="manual", tags=[tag],
                      options={"timeout": 60, "retries": 1})
            s.add(job)
            s.flush()
            job_id = job.id
        with Workers(env, tmp_path) as workers:
            workers.start(threads=8)
            workers.start(threads=8)
            workers.wait_registered(rt.db, 2)
            # First backup of every device, one worker SIGKILLed a fifth of the way through.
            first = start_manual_run(rt, job_id)
            assert _wait_run(rt, first, workers, kill_after=DEVICES // 5)
            outcome = _check_exactly_once(rt, first)
            assert outcome["changed"] == DEVICES and outcome["lost"] >= 1
            # The surviving and the replacement worker: nothing changed, nothing stored twice.
            second = start_manual_run(rt, job_id)
            assert not _wait_run(rt, second, workers)
            assert _check_exactly_once(rt, second) == {"changed": 0, "lost": 0}
    hostnames = rt.storage.hostnames()
    assert len(hostnames) == DEVICES
    assert all(len(rt.storage.history(h)) == 1 for h in hostnames[:25])
