"""The inventory-sync job type against the local NetBox REST API stand-in (a real HTTP server,
``tests/support/netbox_api.py``; NetBox itself cannot run here): 1,000 devices over several
pages, then a second sync with three devices changed and one removed updates exactly those and
disables the removed one with its history intact.  Huey runs in immediate mode."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from netraven_server.db.models import AuditEvent, ConfigVersion, Device, Run
from netraven_server.service.ports import task_queue
from netraven_server.services import jobs
from netraven_server.services.errors import Invalid

from ..support.netbox_api import NetboxStandIn, make_device

TOKEN = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture(autouse=True)
def token(monkeypatch):
    monkeypatch.setenv("NETBOX_TOKEN", TOKEN)


def fleet(n):
    platforms = ["cisco-ios", "junos", "arista-eos", "ios-xe"]
    return [make_device(i, f"nb-{i:04d}", platform=platforms[i % 4], site=("ams1", "fra2")[i % 2])
            for i in range(1, n + 1)]


def sync(rt, job_id):
    with rt.db.session() as s:
        run = jobs.start_run(s, jobs.get_job(s, job_id))
        s.flush()
        run_id = run.id
    task_queue().start_run(run_id)
    with rt.db.session(readonly=True) as s:
        run = s.get(Run, run_id)
        return run.status, run.error, (run.summary or {}).get("result") or {}


def make_job(rt, url, **extra):
    with rt.db.session() as s:
        job = jobs.create_job(s, {"name": "netbox", "job_type": "inventory_sync",
                                  "options": {"source": "netbox", "source_options": {"url": url, **extra}}})
        s.flush()
        return job.id


def test_sync_creates_updates_and_disables_never_deletes(rt):
    devices = fleet(1000)
    with rt.db.session() as s:  # a device added by hand: not the sync's, never disabled by it
        s.add(Device(hostname="manual-1", host="192.0.2.1", platform="cisco_ios"))
    with NetboxStandIn(devices) as nb:
        job_id = make_job(rt, nb.url)
        status, error, first = sync(rt, job_id)
        assert status == "success", error
        assert first["counts"] == {"created": 1000, "updated": 0, "unchanged": 0, "disabled": 0,
                                   "enabled": 0, "rejected": 0}
        assert sum(1 for path, _q in nb.requests if path == "/api/dcim/devices/") > 2
        with rt.db.session() as s:
            gone = s.scalars(select(Device).where(Device.hostname == "nb-0500")).one()
            assert gone.platform == "cisco_ios" and "site:ams1" in gone.tag_names
            s.add(ConfigVersion(device_id=gone.id, hostname=gone.hostname, storage_ref="abc123",
                                content_hash="0" * 64))
        devices[9] = make_device(10, "nb-0010", ip="10.9.9.9/24", platform="arista-eos", site="ams1")
        devices[10]["platform"]["slug"] = "cisco-nx-os"
        devices[11]["tags"] = [{"id": 1, "name": "core", "slug": "core", "color": "ff0000"}]
        del devices[499]  # nb-0500 leaves NetBox
        status, error, second = sync(rt, job_id)
    assert status == "success", error
    assert second["counts"] == {"created": 0, "updated": 3, "unchanged": 996, "disabled": 1,
                                "enabled": 0, "rejected": 0}
    by_name = {c["hostname"]: c for c in second["changes"]}
    assert set(by_name) == {"nb-0010", "nb-0011", "nb-0012", "nb-0500"}
    assert by_name["nb-0010"]["fields"] == ["host"] and by_name["nb-0011"]["fields"] == ["platform"]
    assert by_name["nb-0012"]["fields"] == ["tags"] and by_name["nb-0500"]["action"] == "disabled"
    with rt.db.session(readonly=True) as s:
        gone = s.scalars(select(Device).where(Device.hostname == "nb-0500")).one()
        assert gone.enabled is False
        assert s.scalar(select(func.count()).select_from(ConfigVersion)
                        .where(ConfigVersion.device_id == gone.id)) == 1
        assert s.scalars(select(Device.enabled).where(Device.hostname == "manual-1")).one() is True
        assert s.scalars(select(Device.host).where(Device.hostname == "nb-0010")).one() == "10.9.9.9"
        assert s.scalar(select(func.count()).select_from(Device)) == 1001
        audits = s.scalars(select(AuditEvent).where(AuditEvent.action == "inventory_sync")
                           .order_by(AuditEvent.id)).all()
        assert len(audits) == 2 and audits[1].changes["devices"]["disabled"] == ["nb-0500"]

    devices.insert(499, make_device(500, "nb-0500", platform="cisco-ios", site="ams1"))
    with NetboxStandIn(devices) as nb:
        with rt.db.session() as s:
            jobs.update_job(s, job_id, {"options": {"source": "netbox", "source_options": {"url": nb.url}}})
        status, _error, third = sync(rt, job_id)
    assert status == "success" and third["counts"]["enabled"] == 1 and third["counts"]["updated"] == 0


def test_a_device_netbox_still_has_but_cannot_be_used_is_not_disabled(rt):
    devices = fleet(3)
    with NetboxStandIn(devices) as nb:
        job_id = make_job(rt, nb.url)
        assert sync(rt, job_id)[0] == "success"
        devices[0]["platform"]["slug"] = "acme-os"  # now maps to no platform: rejected, not removed
        status, _error, result = sync(rt, job_id)
    assert status == "success" and result["counts"]["disabled"] == 0 and result["counts"]["rejected"] == 1
    assert "'nb-0001'" in result["rejected"][0]["reason"]
    with rt.db.session(readonly=True) as s:
        assert s.scalars(select(Device.enabled).where(Device.hostname == "nb-0001")).one() is True


def test_unreachable_or_empty_source_changes_nothing(rt):
    with NetboxStandIn(fleet(5)) as nb:
        job_id = make_job(rt, nb.url)
        assert sync(rt, job_id)[0] == "success"
    status, error, _ = sync(rt, job_id)  # the stand-in is gone: NetBox unreachable
    assert status == "failed" and "cannot connect" in error
    with NetboxStandIn([]) as nb:
        with rt.db.session() as s:
            jobs.update_job(s, job_id, {"options": {"source": "netbox", "source_options": {"url": nb.url}}})
        status, error, _ = sync(rt, job_id)
    assert status == "failed" and "no devices" in error
    with rt.db.session(readonly=True) as s:
        assert s.scalar(select(func.count()).select_from(Device).where(Device.enabled.is_(True))) == 5


def test_a_plugin_source_by_location(rt, tmp_path):
    from netraven_core.plugins import Registry, get_plugin_manager
    from netraven_server.service import runtime
    from netraven_server.services import catalogue
    from tests.support import everything

    registry = Registry(get_plugin_manager(load_entrypoints=False, extra_plugins=[everything]))
    runtime.configure(rt.settings, db=rt.db, registry=registry, worker_name="test")
    catalogue.set_registry(registry)
    try:
        inventory = tmp_path / "lab.ini"
        inventory.write_text("ini-1 = 192.0.2.1 cisco_ios\nini-2 = 192.0.2.2 juniper_junos\n")
        with rt.db.session() as s:
            job = jobs.create_job(s, {"name": "ini", "job_type": "inventory_sync",
                                      "options": {"source": "ini", "location": str(inventory)}})
            s.flush()
            job_id = job.id
        status, error, result = sync(rt, job_id)
        assert status == "success", error
        assert result["counts"]["created"] == 2
        inventory.write_text("ini-1 = 192.0.2.1 cisco_ios\n")
        status, error, result = sync(rt, job_id)
        assert result["counts"]["disabled"] == 1 and result["changes"][0]["hostname"] == "ini-2"
    finally:
        catalogue.set_registry(None)


def test_bad_options_name_the_field(rt):
    cases = [({"source": "nope"}, "options.source"),
             ({"source": "netbox", "source_options": {"url": "http://x", "filters": {"sitee": "a"}}},
              "options.source_options.filters"),
             ({"source": "netbox", "source_options": {}}, "options.source_options.url"),
             ({"source": "netbox", "colour": "red"}, "options.colour"),
             ({"source": "yaml"}, "options.location")]
    for options, field in cases:
        with rt.db.session() as s, pytest.raises(Invalid) as err:
            jobs.create_job(s, {"name": "bad", "job_type": "inventory_sync", "options": options})
        assert field in err.value.errors, (options, err.value.errors)


def test_watchdog_leaves_a_running_sync_alone_and_fails_a_lost_one(rt):
    from datetime import timedelta

    from netraven_server.clock import utcnow
    from netraven_server.db.models import Worker
    from netraven_server.service.watchdog import check

    now = utcnow()
    with rt.db.session() as s:
        s.add(Worker(name="busy-w", kind="consumer", heartbeat_at=now))
        for worker in ("busy-w", "ghost-w"):
            s.add(Run(job_type="inventory_sync", status="running", trigger="manual", total=0, worker=worker,
                      started_at=now - timedelta(minutes=5), summary={}))
    check(rt, now=now)
    with rt.db.session(readonly=True) as s:
        states = dict(s.execute(select(Run.worker, Run.status)).all())
        error = s.scalars(select(Run.error).where(Run.worker == "ghost-w")).one()
    assert states == {"busy-w": "running", "ghost-w": "failed"} and "stopped responding" in error
