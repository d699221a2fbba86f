"""Compliance end to end: simulated devices, a rule set, real runs.  A device edited to break a
rule fails it on the next run with the version and diff that broke it; restoring it records the
fix; the webhook notifications carry both.  A rule added later is evaluated over the history.
The fleet inventory follows a swapped chassis (a new serial)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from netraven_core.simulator import SimulatorThread
from netraven_server.db.models import ComplianceResult, ConfigVersion, Device, DeviceFacts, Job, Notifier, Tag
from netraven_server.demo_inventory import register_simulator
from netraven_server.notify.stored_url import store_url
from netraven_server.service.metrics import build_registry, render
from netraven_server.service.scheduler import start_manual_run
from netraven_server.services import compliance, fleet

from .receivers import HttpReceiver

pytestmark = pytest.mark.integration

RULES = """\
rules:
  - key: no-http
    title: The HTTP server is off
    severity: high
    platforms: [cisco_ios]
    match: absent
    pattern: '^ip http server$'
    remediation: no ip http server
  - key: eos-hostname
    title: EOS has a hostname
    platforms: [arista_eos]
    match: present
    pattern: '^hostname '
  - key: eos-radius
    title: EOS uses the corporate RADIUS server
    platforms: [arista_eos]
    match: present
    pattern: '^radius-server host 10\\.99\\.99\\.99'
"""


@pytest.fixture
def sim2(tmp_path):
    with SimulatorThread(2, ["cisco_ios", "arista_eos"], base_port=0,
                         host_key_path=tmp_path / "host_key") as simulator:
        yield simulator


def _setup(rt, sim, rx) -> int:
    register_simulator(rt, sim)
    with rt.db.session() as s:
        hook = Notifier(name="hook", type="webhook", events=["compliance_failed", "compliance_fixed"])
        store_url(hook, rx.url + "/hook", rt.keyring)  # encrypted, as the API stores it
        s.add(hook)
        tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
        job = Job(name="backup", schedule_type="manual", tags=[tag], options={"timeout": 15, "retries": 0})
        s.add(job)
        s.flush()
        compliance.import_yaml(s, rt.storage, RULES)
        return job.id


def _result(rt, hostname, key):
    with rt.db.session(readonly=True) as s:
        found = compliance.results(s, size=500)
        return next(r for r in found.items if r["hostname"] == hostname and r["rule"] == key)


def _versions(rt, hostname):
    with rt.db.session(readonly=True) as s:
        dev = s.scalars(select(Device).where(Device.hostname == hostname)).one()
        return [v.id for v in s.scalars(select(ConfigVersion).where(ConfigVersion.device_id == dev.id)
                                        .order_by(ConfigVersion.id))]


def test_break_then_fix_with_versions_diffs_and_notifications(rt, sim2):
    ios = sim2.devices[0].hostname
    base = sim2.generated(ios).text
    assert "\nip http server\n" not in base
    with HttpReceiver() as rx:
        job_id = _setup(rt, sim2, rx)
        start_manual_run(rt, job_id)
        assert _result(rt, ios, "no-http")["status"] == "pass"
        assert _result(rt, sim2.devices[1].hostname, "eos-hostname")["status"] == "pass"
        # A device failing from its first version: recorded (since version 1), not notified, or
        # a first run would send a message per device and failing rule.
        radius = _result(rt, sim2.devices[1].hostname, "eos-radius")
        assert radius["status"] == "fail" and radius["failing_since"]["number"] == 1
        assert rx.posts == []

        sim2.set_config(ios, base.replace("\nip ssh version 2\n", "\nip http server\nip ssh version 2\n")
                        if "\nip ssh version 2\n" in base else base.rstrip("\n") + "\nip http server\nend\n")
        start_manual_run(rt, job_id)
        broken = _result(rt, ios, "no-http")
        [v1, v2] = _versions(rt, ios)
        assert broken["status"] == "fail" and broken["findings"] == ["present: ip http server"]
        assert broken["failing_since"]["id"] == v2 and broken["failing_since"]["number"] == 2
        [failed] = rx.wait(1)
        body = failed["json"]
        assert body["event"] == "compliance_failed" and body["hostname"] == ios and body["rule"] == "no-http"
        assert body["version"] == broken["failing_since"]["storage_ref"]
        assert "+ip http server" in body["diff"] and "no ip http server" in body["text"]
        metrics = render(build_registry(rt.db)).decode()
        assert 'netraven_compliance_failing_devices{rule="no-http",severity="high"} 1.0' in metrics
        assert 'netraven_compliance_failing_devices{rule="eos-hostname",severity="medium"} 0.0' in metrics
        assert 'netraven_compliance_failing_devices_by_severity{severity="high"} 1.0' in metrics

        sim2.set_config(ios, None)
        start_manual_run(rt, job_id)
        fixed = _result(rt, ios, "no-http")
        v3 = _versions(rt, ios)[-1]
        assert fixed["status"] == "pass" and fixed["fixed_in"]["id"] == v3
        assert fixed["failing_since"]["id"] == v2  # the episode it closed
        posts = rx.wait(2)
    body = posts[1]["json"]
    assert body["event"] == "compliance_fixed" and body["version"] == fixed["fixed_in"]["storage_ref"]
    assert "-ip http server" in body["diff"]
    with rt.db.session(readonly=True) as s:
        rule_id = s.scalar(select(ComplianceResult.rule_id).where(ComplianceResult.status == "pass").limit(1))
        rule = next(r for r in compliance.list_rules(s).items if r.key == "no-http")
        events = compliance.history(s, rule.id).items
    assert rule_id is not None
    assert [(e["kind"], e["version"]["id"]) for e in events] == [("fixed", v3), ("failed", v2)]
    assert v1 < v2

    # A rule added now is evaluated over the three stored versions of the IOS device.
    with rt.db.session() as s:
        wanted = {"key": "needs-http", "title": "HTTP on", "match": "present", "pattern": "^ip http server$",
                  "platforms": ["cisco_ios"]}
        added = compliance.create_rule(s, rt.storage, wanted)
        events = compliance.history(s, added.id).items
        state = compliance.results(s, rule_id=added.id).items
    expected = [("failed", v3), ("fixed", v2), ("failed", v1)]
    assert [(e["kind"], e["version"]["id"]) for e in events] == expected
    assert state[0]["status"] == "fail" and state[0]["failing_since"]["id"] == v3


def test_fleet_inventory_follows_a_swapped_chassis(rt, sim2):
    ios = sim2.devices[0].hostname
    with HttpReceiver() as rx:
        job_id = _setup(rt, sim2, rx)
        start_manual_run(rt, job_id)
        sim2.set_facts(ios, serial="FOCSWAPPED1")
        start_manual_run(rt, job_id)
    with rt.db.session(readonly=True) as s:
        listed = {i["hostname"]: i for i in fleet.inventory(s).items}
        dev_id = listed[ios]["device_id"]
        history = fleet.device_history(s, dev_id)
        assert s.scalar(select(DeviceFacts.id).where(DeviceFacts.device_id == dev_id).limit(1))
        found = fleet.inventory(s, q="SWAPPED").items
    assert listed[ios]["serial"] == "FOCSWAPPED1" and listed[ios]["model"] and listed[ios]["os_version"]
    assert listed[sim2.devices[1].hostname]["model"] == "DCS-7050SX3-48YC8"
    assert listed[ios]["changes"] == 1 and [i["hostname"] for i in found] == [ios]
    assert history[0]["changes"] == [{"field": "serial", "from": history[1]["serial"], "to": "FOCSWAPPED1"}]
