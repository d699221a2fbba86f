"""``netraven server --demo`` on a fresh data directory: a working service with a first backup."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _free_range(count: int) -> int:
    for _ in range(50):
        base = random.randrange(40000, 60000)
        try:
            socks = []
            for port in range(base, base + count + 1):
                s = socket.socket()
                socks.append(s)
                s.bind(("127.0.0.1", port))
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    pytest.skip("no free port range")


def _call(url, token=None, body=None):
    req = urllib.request.Request(url, data=json.dumps(body).encode() if body else None,
                                 headers={"Content-Type": "application/json",
                                          **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


def test_demo_starts_devices_admin_job_and_first_backup(tmp_path):
    base = _free_range(14)
    port, sim_base = base + 13, base
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAVEN_")}
    env.update({"NETRAVEN_DEMO_BASE_PORT": str(sim_base), "PYTHONUNBUFFERED": "1"})
    proc = subprocess.Popen([sys.executable, "-m", "netraven_core", "server", "--demo", "--data-dir",
                             str(tmp_path / "data"), "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 120
        password = None
        while time.monotonic() < deadline and password is None:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            match = re.search(r"log in as admin / (\S+)", line)
            password = match.group(1) if match else None
        assert password, "".join(lines)
        url = f"http://127.0.0.1:{port}"
        token = None
        while time.monotonic() < deadline and token is None:
            try:
                token = _call(f"{url}/api/auth/login", body={"username": "admin", "password": password})[
                    "access_token"]
            except OSError:
                time.sleep(0.3)
        run = {}
        while time.monotonic() < deadline:
            run = _call(f"{url}/api/runs/1", token)
            if run["status"] not in ("pending", "running"):
                break
            time.sleep(0.5)
        assert run["status"] == "success" and run["total"] == 13 and run["changed"] == 13, run
        jobs = _call(f"{url}/api/jobs", token)["items"]
        backup = next(j for j in jobs if j["name"] == "demo-backup")
        assert backup["schedule_type"] == "interval" and backup["next_run_at"]
        status = _call(f"{url}/api/system/status", token)
        assert status["counts"]["config_versions"] == 13 and status["service"]["workers_alive"] >= 1
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, "".join(lines) + (proc.stdout.read() or "")
