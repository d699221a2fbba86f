"""A manual backup run through Huey (immediate mode) against real simulated SSH devices."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from netraven_server.db.models import ConfigVersion, Job, LogEntry, Run, RunResult, Tag
from netraven_server.demo_inventory import register_simulator
from netraven_server.service.scheduler import start_manual_run

pytestmark = pytest.mark.integration


def _job(rt, name="nightly", **kw):
    with rt.db.session() as s:
        tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
        job = Job(name=name, job_type=kw.pop("job_type", "backup"), schedule_type="manual", tags=[tag],
                  options={"timeout": 20, "retries": 1}, **kw)
        s.add(job)
        s.flush()
        return job.id


def test_manual_backup_run_writes_results_and_versions(rt, sim):
    register_simulator(rt, sim)
    job_id = _job(rt)
    run_id = start_manual_run(rt, job_id, requested_by="tester")
    with rt.db.session(readonly=True) as s:
        run = s.get(Run, run_id)
        assert run.status == "success", run.error
        assert (run.total, run.succeeded, run.failed, run.changed) == (6, 6, 0, 6)
        results = s.scalars(select(RunResult).where(RunResult.run_id == run_id)).all()
        assert {r.status for r in results} == {"success"}
        assert all(r.config_version_id for r in results)
        assert s.scalar(select(func.count()).select_from(ConfigVersion)) == 6
        assert s.scalar(select(func.count()).select_from(LogEntry).where(LogEntry.run_id == run_id)) >= 7
    # Second run: volatile lines differ on the device but normalise away -> nothing new stored.
    run2 = start_manual_run(rt, job_id)
    with rt.db.session(readonly=True) as s:
        run = s.get(Run, run2)
        assert run.status == "success" and run.changed == 0 and run.unchanged == 6
        assert s.scalar(select(func.count()).select_from(ConfigVersion)) == 6
