"""``netraven server --demo`` on a fresh data directory: a working service with a first backup,
and drifting devices whose next backup records real, redacted changes and notifications."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from tests.support.ports import free_port_range

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# Every other demo device drifts; these five have something to edit (the others are PAN-OS and Linux).
DRIFTING = ["sim-0000", "sim-0002", "sim-0004", "sim-0006", "sim-0008"]


def _call(url, token=None, body=None):
    req = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json",
                                          **({"Authorization": f"Bearer {token}"} if token else {})})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


def test_demo_starts_devices_admin_job_and_first_backup(tmp_path):
    base = free_port_range(14 + 1)
    port, sim_base = base + 13, base
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETRAVEN_")}
    env.update({"NETRAVEN_DEMO_BASE_PORT": str(sim_base), "NETRAVEN_DEMO_DRIFT_INTERVAL": "2",
                "PYTHONUNBUFFERED": "1"})
    proc = subprocess.Popen([sys.executable, "-m", "netraven_core", "server", "--demo", "--data-dir",
                             str(tmp_path / "data"), "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 120
        password = None
        while time.monotonic() < deadline and not any("API docs" in line for line in lines):
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            match = re.search(r"log in as admin / (\S+)", line)
            password = match.group(1) if match else password
        assert password, "".join(lines)
        shown = "".join(lines)
        # Keep reading: a server whose log fills the pipe would block mid-run.
        drain = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
        drain.start()
        assert f"netraven user password admin --data-dir {tmp_path / 'data'}" in shown
        assert "sim-0000, sim-0002, sim-0004, sim-0006, sim-0008 change every 2 s" in shown
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

        time.sleep(2.5)  # at least one drift step later, "run now" finds the drifting devices changed
        second = _call(f"{url}/api/jobs/{backup['id']}/run", token, body={})["run_id"]
        deadline = time.monotonic() + 120  # its own time: a loaded machine may have used the first's
        while time.monotonic() < deadline:
            run = _call(f"{url}/api/runs/{second}", token)
            if run["status"] not in ("pending", "running"):
                break
            time.sleep(0.5)
        changed = sorted(r["hostname"] for r in run["results"] if r["changed"])
        assert run["status"] == "success" and changed == DRIFTING, run
        device = next(d for d in _call(f"{url}/api/devices?size=100", token)["items"]
                      if d["hostname"] == "sim-0000")
        newer, older = _call(f"{url}/api/devices/{device['id']}/configs", token)["items"][:2]
        diff = _call(f"{url}/api/configs/diff?from={older['id']}&to={newer['id']}", token)
        # which edit depends on how many drift steps a loaded machine let pass: any of the three
        added = [line for line in diff["unified"].splitlines() if line.startswith("+ ")]
        assert any(" description " in line or " permit " in line or line.startswith("+ vlan ")
                   or " name " in line for line in added), diff["unified"]
        assert "sim-password" not in diff["unified"] and "sim-enable" not in diff["unified"]
        notifier = next(n for n in _call(f"{url}/api/notifiers", token) if n["name"] == "demo-changes")
        sent = []
        while time.monotonic() < deadline and len(sent) < len(DRIFTING):
            sent = [d for d in _call(f"{url}/api/notifiers/{notifier['id']}/deliveries", token)
                    if d["run_id"] == second and d["status"] == "sent"]
            time.sleep(0.5)
        assert sorted(d["subject"].split()[3] for d in sent) == DRIFTING, sent
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    drain.join(timeout=10)
    assert proc.returncode == 0, "".join(lines[-200:])


def test_the_second_scheduled_backup_comes_after_a_drift_step():
    from netraven_server import demo
    from netraven_server.timetable import MIN_INTERVAL

    # The scheduler ticks every MIN_INTERVAL seconds: the second backup starts at most a tick
    # after BACKUP_INTERVAL, and by then the drifting devices have changed at least once.
    assert demo.DRIFT_INTERVAL <= demo.BACKUP_INTERVAL
    assert demo.BACKUP_INTERVAL + MIN_INTERVAL <= 5 * 60


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("NETRAVEN_DEMO_DRIFT_INTERVAL", "", 120), ("NETRAVEN_DEMO_DRIFT_INTERVAL", "0", 0),
    ("NETRAVEN_DEMO_DRIFT_INTERVAL", "30", 30), ("NETRAVEN_DEMO_DRIFT_INTERVAL", "soon", None),
    ("NETRAVEN_DEMO_DRIFT_INTERVAL", "-5", None), ("NETRAVEN_DEMO_BASE_PORT", "0", None),
])
def test_demo_environment_settings_are_checked(monkeypatch, name, value, expected):
    import click

    from netraven_server import demo

    monkeypatch.setenv(name, value)
    read = demo.drift_interval if name.endswith("DRIFT_INTERVAL") else demo._base_port
    if expected is None:
        with pytest.raises(click.ClickException, match=name):
            read()
    else:
        assert read() == expected
