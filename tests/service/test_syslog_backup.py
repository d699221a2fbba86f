"""Event-driven backups: real UDP and TCP syslog packets to the receiver lead to exactly one
backup of the sending device per burst (Huey in immediate mode, simulated SSH devices), and
its new version carries the user named in the message."""

from __future__ import annotations

import socket
import time

import pytest
from sqlalchemy import select

from netraven_server.db.models import ConfigVersion, Device, Run, RunResult
from netraven_server.demo_inventory import register_simulator
from netraven_server.syslog.receiver import SyslogReceiver
from netraven_server.syslog.status import syslog_status

pytestmark = pytest.mark.integration

DEBOUNCE = 1.0


def syslog_runs(rt, hostname):
    with rt.db.session(readonly=True) as s:
        return list(s.execute(select(Run.id, Run.status, Run.summary)
                              .join(RunResult, RunResult.run_id == Run.id)
                              .where(Run.trigger == "syslog", RunResult.hostname == hostname)))


def wait_for_runs(rt, hostname, count, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = syslog_runs(rt, hostname)
        if len(runs) >= count and all(r.status not in ("pending", "running") for r in runs):
            return runs
        time.sleep(0.2)
    raise AssertionError(f"no finished syslog backup of {hostname} within {timeout}s: "
                         f"{syslog_runs(rt, hostname)}")


def versions(rt, hostname):
    with rt.db.session(readonly=True) as s:
        return list(s.execute(select(ConfigVersion.changed_by, ConfigVersion.run_id)
                              .where(ConfigVersion.hostname == hostname).order_by(ConfigVersion.id)))


def port_of(receiver, protocol):
    return next(p for proto, _h, p in receiver.bound if proto == protocol)


def test_udp_burst_gives_one_backup_with_the_user(rt, sim):
    register_simulator(rt, sim)
    host = sim.devices[0].hostname
    with SyslogReceiver(rt.db, "udp://127.0.0.1:0", debounce_seconds=DEBOUNCE) as receiver:
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        target = ("127.0.0.1", port_of(receiver, "udp"))
        started = time.monotonic()
        for i, user in enumerate(("admin", "admin", "alice")):  # a burst: the last user named wins
            udp.sendto(f"<189>Dec  4 18:00:0{i} {host} {i}: %SYS-5-CONFIG_I: Configured from console by "
                       f"{user} on vty0 (10.0.0.5)".encode(), target)
        udp.sendto(f"<187>Dec  4 18:00:05 {host} %LINK-3-UPDOWN: Interface Gi0/1, changed state to down"
                   .encode(), target)
        runs = wait_for_runs(rt, host, 1)
        elapsed = time.monotonic() - started
        time.sleep(DEBOUNCE + 1.5)  # nothing else may follow the burst
        assert len(syslog_runs(rt, host)) == 1
        stats = dict(receiver.trigger.stats)
        receiver.publish()
        with rt.db.session(readonly=True) as s:
            status = syslog_status(s)
        udp.close()
    assert status["ok"] and status["stats"]["backups"] == 1 and status["listening"][0].startswith("udp://")
    assert elapsed < 60 and runs[0].status == "success"
    assert runs[0].summary["changed_by"] == "alice"
    stored = versions(rt, host)
    assert len(stored) == 1 and stored[0].changed_by == "alice" and stored[0].run_id == runs[0].id
    assert stats["received"] == 4 and stats["changes"] == 3 and stats["backups"] == 1


def test_tcp_octet_counted_and_line_framed_messages(rt, sim):
    register_simulator(rt, sim)
    junos, other = sim.devices[1].hostname, sim.devices[2].hostname
    with SyslogReceiver(rt.db, "tcp://127.0.0.1:0", debounce_seconds=DEBOUNCE) as receiver:
        tcp = socket.create_connection(("127.0.0.1", port_of(receiver, "tcp")))
        msg = (f"<189>1 2026-12-04T18:00:00Z {junos} mgd 1234 UI_COMMIT - "
               "User 'ops' requested 'commit' operation (comment: none)").encode()
        tcp.sendall(f"{len(msg)} ".encode() + msg)
        done = f"<189>1 2026-12-04T18:00:01Z {junos} mgd 1234 UI_COMMIT_COMPLETED - commit complete".encode()
        tcp.sendall(f"{len(done)} ".encode() + done)
        tcp.sendall(f"<189>Dec  4 18:00:00 {other} %SYS-5-CONFIG_I: Configured from console by bob on vty1\n"
                    .encode())
        tcp.close()
        first = wait_for_runs(rt, junos, 1)
        second = wait_for_runs(rt, other, 1)
    assert [r.summary.get("changed_by") for r in first] == ["ops"]
    assert [r.summary.get("changed_by") for r in second] == ["bob"]
    assert versions(rt, junos)[-1].changed_by == "ops"


def test_unknown_sender_and_disabled_device_start_nothing(rt, sim):
    register_simulator(rt, sim)
    host = sim.devices[3].hostname
    with rt.db.session() as s:
        s.scalars(select(Device).where(Device.hostname == host)).one().enabled = False
    with SyslogReceiver(rt.db, "udp://127.0.0.1:0", debounce_seconds=DEBOUNCE) as receiver:
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        target = ("127.0.0.1", port_of(receiver, "udp"))
        udp.sendto(b"<189>Dec  4 18:00:00 nobody-here %SYS-5-CONFIG_I: Configured from console by x on vty0",
                   target)
        udp.sendto(f"<189>Dec  4 18:00:00 {host} %SYS-5-CONFIG_I: Configured from console by x on vty0"
                   .encode(), target)
        time.sleep(DEBOUNCE + 2.5)
        stats = dict(receiver.trigger.stats)
        udp.close()
    assert stats["unknown_sender"] == 1 and stats.get("backups", 0) == 0
    assert syslog_runs(rt, host) == []
