"""Outages of a private PostgreSQL and a private Redis mid-run, with real ``netraven worker``
processes: the run ends with every device exactly once, final within 30 s of recovery."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from netraven_server.config import Settings
from netraven_server.db.migrate import upgrade
from netraven_server.db.models import ConfigVersion, Job, Run, RunResult, Tag
from netraven_server.demo_inventory import register_simulator
from netraven_server.service import queue, runtime
from netraven_server.service.scheduler import start_manual_run
from tests.support.private import PrivatePostgres, PrivateRedis

from .workerproc import Workers, service_env

pytestmark = [pytest.mark.integration, pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

DEVICES = 40
RECOVERY = 30.0
# Each backup takes this long, as on a real device, so that the run is still going when the
# fault strikes even when a loaded machine polls its progress slowly (0.5 s x 40 devices / 8
# threads: at least 2.5 s).
RESPONSE_DELAY = 0.5


@pytest.fixture
def private_cluster(tmp_path):
    pg, redis = PrivatePostgres(), PrivateRedis(tmp_path / "redis")
    pg.start()
    redis.start()
    upgrade(pg.url)
    env = service_env(tmp_path / "shared", database_url=pg.url, redis_url=redis.url)
    env.update({"NETRAVEN_HEARTBEAT": "2", "NETRAVEN_WATCHDOG_INTERVAL": "2"})
    settings = Settings.from_env(env)
    queue.configure(settings, name=env["NETRAVEN_QUEUE_NAME"])
    rt = runtime.configure(settings, worker_name="test-producer")
    try:
        yield env, rt, pg, redis
    finally:
        rt.close()
        queue.reset()
        redis.close()
        pg.close()


def _progress(rt) -> dict[str, int]:
    try:
        with rt.db.session(readonly=True) as s:
            return dict(s.execute(select(RunResult.status, func.count()).group_by(RunResult.status)).all())
    except Exception:
        return {}


def _setup(rt, sim) -> int:
    register_simulator(rt, sim)
    with rt.db.session() as s:
        tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
        job = Job(name="all", job_type="backup", schedule_type="manual", tags=[tag],
                  options={"timeout": 30, "retries": 1})
        s.add(job)
        s.flush()
        return job.id


def _wait_final(rt, run_id, since: float, workers) -> float:
    while time.monotonic() - since < 120:
        try:
            with rt.db.session(readonly=True) as s:
                if s.get(Run, run_id).status not in ("pending", "running"):
                    return time.monotonic() - since
        except Exception:
            pass
        time.sleep(0.2)
    pytest.fail(f"run {run_id} not final: {_progress(rt)}; {[workers.output(p) for p in workers.procs]}")


def _exactly_once(rt, run_id) -> None:
    with rt.db.session(readonly=True) as s:
        run = s.get(Run, run_id)
        assert run.status == "success", (run.status, run.error, _progress(rt))
        rows = s.execute(select(RunResult.device_id, RunResult.status)
                         .where(RunResult.run_id == run_id)).all()
        assert len(rows) == DEVICES == len({d for d, _ in rows}) and {st for _, st in rows} == {"success"}
        per_device = s.execute(select(ConfigVersion.device_id, func.count())
                               .group_by(ConfigVersion.device_id)).all()
        assert len(per_device) == DEVICES and {n for _d, n in per_device} == {1}


@pytest.mark.timeout(600)
@pytest.mark.parametrize("part", ["postgres", "redis"])
def test_run_survives_an_outage_mid_run(private_cluster, tmp_path, part):
    env, rt, pg, redis = private_cluster
    from netraven_core.simulator import SimulatorThread

    with SimulatorThread(count=DEVICES, base_port=0, host_key_path=tmp_path / "host_key",
                         response_delay=RESPONSE_DELAY) as sim:
        job_id = _setup(rt, sim)
        with Workers(env, tmp_path) as workers:
            workers.start(threads=4)
            workers.start(threads=4)
            workers.wait_registered(rt.db, 2)
            run_id = start_manual_run(rt, job_id)
            while _progress(rt).get("success", 0) < DEVICES // 5:
                time.sleep(0.05)
            (pg if part == "postgres" else redis).stop()
            time.sleep(8)  # longer than a heartbeat, a watchdog pass and Huey's task retries
            (pg if part == "postgres" else redis).start()
            took = _wait_final(rt, run_id, time.monotonic(), workers)
            logs = "".join(workers.output(p) for p in workers.procs)
        _exactly_once(rt, run_id)
    assert took < RECOVERY, f"final {took:.1f}s after {part} returned"
    assert logs.count("Traceback") < 10, logs[-3000:]


def _in_flight_on(rt, pid: int) -> int:
    with rt.db.session(readonly=True) as s:
        details = s.scalars(select(RunResult.details).where(RunResult.status == "running")).all()
    return sum(1 for d in details if f":{pid}:" in str((d or {}).get("worker", "")))


@pytest.mark.timeout(600)
def test_worker_sigkill_mid_run_final_within_30s(private_cluster, tmp_path):
    """Default timings (no test-driven watchdog): the workers' own watchdog threads recover."""
    import signal

    env, rt, _pg, _redis = private_cluster
    env = {k: v for k, v in env.items() if k not in ("NETRAVEN_WORKER_STALE", "NETRAVEN_HEARTBEAT",
                                                     "NETRAVEN_WATCHDOG_INTERVAL")}
    from netraven_core.simulator import SimulatorThread

    with SimulatorThread(count=DEVICES, base_port=0, host_key_path=tmp_path / "host_key",
                         response_delay=RESPONSE_DELAY) as sim:
        job_id = _setup(rt, sim)
        with Workers(env, tmp_path) as workers:
            workers.start(threads=4)
            workers.start(threads=4)
            workers.wait_registered(rt.db, 2)
            run_id = start_manual_run(rt, job_id)
            # The victim is whichever worker has devices in flight once a fifth are done (both
            # of the run's stream tasks may land on one worker: the other then has nothing).
            deadline = time.monotonic() + 120
            victim = None
            while victim is None:
                assert time.monotonic() < deadline, f"no worker had devices in flight: {_progress(rt)}"
                done = _progress(rt).get("success", 0)
                assert done < DEVICES, "the run finished before the kill; nothing was tested"
                if done >= DEVICES // 5:
                    victim = next((p for p in workers.procs if _in_flight_on(rt, p.pid)), None)
                time.sleep(0.02)
            victim.send_signal(signal.SIGKILL)
            victim.wait()
            took = _wait_final(rt, run_id, time.monotonic(), workers)
        _exactly_once(rt, run_id)
    assert took < RECOVERY, f"final {took:.1f}s after the SIGKILL"
