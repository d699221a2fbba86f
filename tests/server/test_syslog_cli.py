"""``netraven server`` with NETRAVEN_SYSLOG_LISTEN runs the syslog receiver: a UDP
configuration-change message from a simulated device (real SSH) leads to a backup whose version
says who changed it, through the HTTP API.  ``netraven syslog`` alone queues the backup for the
workers, and refuses a bad address clearly."""

from __future__ import annotations

import os
import socket
import subprocess
import time

import pytest
import requests

from netraven_core.simulator import SimulatorThread
from tests.service.receivers import free_port

from .test_cli import NETRAVEN, run

pytestmark = pytest.mark.integration


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(what)


def test_server_backs_up_a_device_after_its_syslog_change(tmp_path, host_key_path):
    data = tmp_path / "data"
    run(["db", "upgrade"], data_dir=data)
    run(["user", "create", "root-admin", "--role", "admin"], data_dir=data, stdin="admin-password-1\n")
    port, syslog_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAVEN_")}
    env.update({"NETRAVEN_SYSLOG_LISTEN": f"udp://127.0.0.1:{syslog_port}", "NETRAVEN_SYSLOG_DEBOUNCE": "2"})
    argv = [*NETRAVEN, "server", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data)]
    with SimulatorThread(1, ["cisco_ios"], base_port=0, host_key_path=host_key_path) as sim:
        server = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        base = f"http://127.0.0.1:{port}/api"
        try:
            def up():
                try:
                    return requests.get(f"{base}/openapi.json", timeout=2).status_code == 200
                except requests.ConnectionError:
                    assert server.poll() is None, server.stdout.read()
                    return False

            _wait(up, 90, "server did not start")
            token = requests.post(f"{base}/auth/login", timeout=10, json={
                "username": "root-admin", "password": "admin-password-1"}).json()["access_token"]
            auth = {"Authorization": f"Bearer {token}"}
            dev = sim.devices[0]
            requests.post(f"{base}/tags", json={"name": "sim"}, headers=auth, timeout=10).raise_for_status()
            requests.post(f"{base}/credentials", headers=auth, timeout=10, json={
                "name": "sim", "username": sim.username, "password": sim.password,
                "enable_secret": sim.enable_secret, "tags": ["sim"]}).raise_for_status()
            created = requests.post(f"{base}/devices", headers=auth, timeout=10, json={
                "hostname": dev.hostname, "host": dev.host, "port": dev.port, "platform": dev.platform,
                "tags": ["sim"]})
            assert created.status_code == 201, created.text
            device_id = created.json()["id"]
            udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            udp.sendto(f"<189>Dec  4 18:00:00 {dev.hostname} %SYS-5-CONFIG_I: Configured from console by "
                       "alice on vty0 (10.0.0.5)".encode(), ("127.0.0.1", syslog_port))
            udp.close()

            def versions():
                got = requests.get(f"{base}/devices/{device_id}/configs", headers=auth, timeout=10).json()
                return got["items"]

            history = _wait(versions, 60, "no version stored after the syslog message")
            runs = requests.get(f"{base}/runs?trigger=syslog", headers=auth, timeout=10).json()["items"]
            status = requests.get(f"{base}/system/status", headers=auth, timeout=10).json()["syslog"]
        finally:
            server.terminate()
            output = server.communicate(timeout=30)[0]
    assert history[0]["changed_by"] == "alice"
    assert status["ok"] and status["listening"] == [f"udp://127.0.0.1:{syslog_port}"]
    assert len(runs) == 1 and runs[0]["status"] == "success"
    assert f"syslog receiver on udp://127.0.0.1:{syslog_port}" in output


def test_standalone_command_refuses_a_bad_address(tmp_path):
    run(["db", "upgrade"], data_dir=tmp_path)
    proc = run(["syslog", "--listen", "udp://0.0.0.0"], data_dir=tmp_path, check=False)
    assert proc.returncode != 0 and "udp://HOST:PORT" in proc.stderr and "Traceback" not in proc.stderr


def test_standalone_receiver_queues_the_backup(tmp_path):
    """``netraven syslog`` alone: the backup run is created (trigger syslog, changed_by) and left
    for the workers (none run here, so it stays pending)."""
    from sqlalchemy import create_engine, text

    from .test_cli import _sqlite

    data = tmp_path / "data"
    run(["db", "upgrade"], data_dir=data)
    engine = create_engine(_sqlite(data))
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO devices (hostname, host, port, platform, vars, transport, sections, "
                          "enabled, created_at, updated_at) VALUES ('edge-7', '127.0.0.1', 22, 'cisco_ios', "
                          "'{}', 'ssh', 1, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    syslog_port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAVEN_")}
    env["NETRAVEN_SYSLOG_DEBOUNCE"] = "1"
    proc = subprocess.Popen([*NETRAVEN, "syslog", "--listen", f"udp://127.0.0.1:{syslog_port}",
                             "--data-dir", str(data)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        def listening():
            assert proc.poll() is None, proc.stdout.read()
            with engine.connect() as conn:
                return conn.execute(text("SELECT 1 FROM settings WHERE key = 'syslog.receiver'")).first()

        _wait(listening, 60, "the receiver did not start")
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.sendto(b"<189>Dec  4 18:00:00 edge-7 %SYS-5-CONFIG_I: Configured from console by zoe on vty0",
                   ("127.0.0.1", syslog_port))
        udp.close()

        def queued():
            with engine.connect() as conn:
                return conn.execute(text("SELECT status, trigger, summary FROM runs")).all()

        rows = _wait(queued, 30, "no run was created")
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
    assert len(rows) == 1 and rows[0][0] == "pending" and rows[0][1] == "syslog" and '"zoe"' in rows[0][2]
