"""Job types: the reachability checks, and plugin job types (both hook shapes) run per device."""

from __future__ import annotations

import socket

import pytest
from sqlalchemy import select

from netraven_core.plugins import Registry, get_plugin_manager
from netraven_server.db.models import Device, Job, RunResult, Tag
from netraven_server.demo_inventory import register_simulator
from netraven_server.jobtypes import job_types
from netraven_server.jobtypes.reachability import icmp_check, tcp_check
from netraven_server.service import runtime
from netraven_server.service.scheduler import start_manual_run
from tests.support import everything


def test_tcp_check_open_and_refused():
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        port = srv.getsockname()[1]
        ok = tcp_check("127.0.0.1", port, 2)
    assert ok["ok"] and ok["latency_ms"] >= 0
    refused = tcp_check("127.0.0.1", port, 2)
    assert not refused["ok"] and refused["category"] == "refused"


def test_icmp_check_reports_or_declines():
    result = icmp_check("127.0.0.1")
    assert result is None or result["ok"] in (True, False)  # None: no ping, or not permitted here


class AcmePlugin:
    from netraven_core.hookspecs import hookimpl

    @hookimpl
    def netraven_job_types(self):
        def run_device(ctx, device):
            return {"status": "success", "details": {"seen": device.hostname, "opt": ctx.options.get("x")}}

        return [{"name": "acme-inventory", "description": "per-device", "run_device": run_device}]


@pytest.mark.integration
def test_plugin_job_types_run_per_device(rt, sim):
    pm = get_plugin_manager(load_entrypoints=False, extra_plugins=[everything, AcmePlugin()])
    runtime.configure(rt.settings, db=rt.db, registry=Registry(pm), worker_name="test")
    types = job_types(runtime.get().registry)
    assert {"backup", "reachability", "acme-audit", "acme-inventory"} <= set(types)
    register_simulator(rt, sim)
    with rt.db.session() as s:
        tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
        ids = {}
        for name in ("acme-audit", "acme-inventory"):
            job = Job(name=name, job_type=name, schedule_type="manual", tags=[tag], options={"x": 1})
            s.add(job)
            s.flush()
            ids[name] = job.id
    for name, job_id in ids.items():
        run_id = start_manual_run(runtime.get(), job_id)
        with rt.db.session() as s:
            rows = s.scalars(select(RunResult).where(RunResult.run_id == run_id)).all()
            assert len(rows) == 6 and {r.status for r in rows} == {"success"}, name
            if name == "acme-inventory":
                assert rows[0].details["opt"] == 1 and rows[0].details["seen"] == rows[0].hostname
            # A plugin job leaves the backup status of devices alone.
            assert s.scalars(select(Device.last_status)).first() is None
