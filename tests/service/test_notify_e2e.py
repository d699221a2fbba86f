"""A configuration change on a simulated device reaches a real SMTP server and a real webhook
receiver, with the diff and without secrets; a broken notifier never breaks the run."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from netraven_server.db.models import Device, Job, NotificationDelivery, Notifier, Run, Tag
from netraven_server.demo_inventory import register_simulator
from netraven_server.notify.stored_url import store_url
from netraven_server.service.scheduler import start_manual_run

from .receivers import SMTP_PASSWORD, HttpReceiver, SmtpServer

pytestmark = pytest.mark.integration

EVENTS = ["config_changed", "device_failed", "run_failed"]


def _hook(rt, name: str, ntype: str, url: str, **kw) -> Notifier:
    """A URL notifier row as the API stores it: the URL encrypted, a masked form for display."""
    n = Notifier(name=name, type=ntype, **kw)
    store_url(n, url, rt.keyring)
    return n


def _setup(rt, sim, smtp, rx) -> int:
    register_simulator(rt, sim)
    cfg = smtp.config()
    with rt.db.session() as s:
        s.add_all([
            Notifier(name="mail", type="email", events=EVENTS, smtp_host=cfg["smtp_host"],
                     smtp_port=cfg["smtp_port"], smtp_username=cfg["smtp_username"],
                     smtp_password_enc=rt.keyring.encrypt(SMTP_PASSWORD), smtp_starttls=True,
                     email_from="netraven@example.test", email_to=["noc@example.test"],
                     options={"smtp_verify": False, "timeout": 5}),
            _hook(rt, "hook", "webhook", rx.url + "/netraven", events=EVENTS),
            _hook(rt, "chat", "slack", rx.url + "/slack/T0K3N", events=["config_changed"]),
            _hook(rt, "broken", "webhook", "http://127.0.0.1:9/nothing", events=EVENTS,
                     options={"timeout": 1, "retries": 1, "backoff": 0.01}),
            _hook(rt, "off", "webhook", rx.url + "/off", events=EVENTS, enabled=False),
        ])
        tag = s.scalars(select(Tag).where(Tag.name == "sim")).one()
        job = Job(name="backup", schedule_type="manual", tags=[tag], options={"timeout": 15, "retries": 0})
        s.add(job)
        s.flush()
        return job.id


def test_config_change_reaches_smtp_and_webhook_without_secrets(rt, sim, tmp_path):
    target = sim.devices[0]
    generated = sim.generated(target.hostname)
    with SmtpServer(tmp_path) as smtp, HttpReceiver() as rx:
        job_id = _setup(rt, sim, smtp, rx)
        # Baseline: a first version has no diff, so no config_changed.
        first = start_manual_run(rt, job_id)
        assert smtp.inbox.messages == [] and rx.posts == []
        changed = generated.text.rstrip("\n") + (
            "\nntp server 192.0.2.123\nsnmp-server community Zz9-leak-me RO\n"
            "username ops privilege 15 secret 0 Pl4in-leak-me\nend\n")
        sim.set_config(target.hostname, changed)
        try:
            second = start_manual_run(rt, job_id)
        finally:
            sim.set_config(target.hostname, None)
        [mail] = smtp.wait(1)
        hooks = rx.wait(2)
    with rt.db.session(readonly=True) as s:
        assert s.get(Run, first).status == "success"
        run = s.get(Run, second)
        assert run.status == "success" and run.changed == 1
        deliveries = s.scalars(select(NotificationDelivery)
                               .where(NotificationDelivery.run_id == second)).all()
        by_notifier = {s.get(Notifier, d.notifier_id).name: (d.status, d.attempts, d.last_error)
                       for d in deliveries}
    assert set(by_notifier) == {"mail", "hook", "chat", "broken"}
    assert by_notifier["broken"][:2] == ("failed", 2) and "127.0.0.1:9" in by_notifier["broken"][2]
    assert all(by_notifier[n][0] == "sent" for n in ("mail", "hook", "chat"))

    webhook = next(p["json"] for p in hooks if p["path"] == "/netraven")
    slack = next(p["json"] for p in hooks if p["path"].startswith("/slack"))
    assert webhook["event"] == "config_changed" and webhook["hostname"] == target.hostname
    for text in (mail["data"], webhook["diff"], slack["text"]):
        assert "+ntp server 192.0.2.123" in text
        for secret in ("Zz9-leak-me", "Pl4in-leak-me", sim.password, sim.enable_secret, *generated.secrets):
            assert secret not in text
    assert "<redacted>" in webhook["diff"]
    assert mail["tls"] and mail["auth"]


def test_device_failure_and_run_failure_notified(rt, sim, tmp_path):
    with SmtpServer(tmp_path) as smtp, HttpReceiver() as rx:
        job_id = _setup(rt, sim, smtp, rx)
        with rt.db.session() as s:
            s.execute(update(Device).where(Device.hostname == sim.devices[2].hostname).values(port=1))
        run_id = start_manual_run(rt, job_id)
        mails = smtp.wait(2)
        posts = rx.wait(2)
    events = sorted(p["json"]["event"] for p in posts if p["path"] == "/netraven")
    assert events == ["device_failed", "run_failed"]
    failed = next(p["json"] for p in posts if p["json"]["event"] == "device_failed")
    assert failed["hostname"] == sim.devices[2].hostname and failed["error_category"] == "refused"
    summary = next(p["json"] for p in posts if p["json"]["event"] == "run_failed")
    assert summary["run_id"] == str(run_id) and summary["failed"] == 1 and summary["status"] == "partial"
    assert len(mails) == 2 and all(p["path"] != "/off" for p in posts)


def test_dead_notifier_circuit_opens_and_probes_again(rt):
    from datetime import timedelta

    from netraven_server.clock import utcnow
    from netraven_server.notify.dispatch import deliver_recorded

    with rt.db.session() as s:
        dead = _hook(rt, "dead", "webhook", "http://127.0.0.1:9/x", events=EVENTS,
                        options={"timeout": 1, "retries": 0})
        s.add(dead)
        s.flush()
        ids = []
        for _ in range(5):
            d = NotificationDelivery(notifier_id=dead.id, event="run_failed", status="pending",
                                     payload={"event": "run_failed", "subject": "s", "text": "t"})
            s.add(d)
            s.flush()
            ids.append(d.id)
    outcomes = [deliver_recorded(rt.db, rt.keyring, i) for i in ids]
    assert outcomes == ["failed"] * 5
    with rt.db.session() as s:
        rows = [s.get(NotificationDelivery, i) for i in ids]
        assert [r.attempts for r in rows] == [1, 1, 1, 0, 0]  # the circuit opened after three
        assert "circuit open" in rows[3].last_error
        for r in rows[:3]:
            r.created_at = utcnow() - timedelta(minutes=6)  # the failures are old now
        probe = NotificationDelivery(notifier_id=rows[0].notifier_id, event="run_failed", status="pending",
                                     payload={"event": "run_failed", "subject": "s", "text": "t"})
        s.add(probe)
        s.flush()
        probe_id = probe.id
    deliver_recorded(rt.db, rt.keyring, probe_id)
    with rt.db.session() as s:
        assert s.get(NotificationDelivery, probe_id).attempts == 1  # half-open: tried again
