"""The test plugin as an installed distribution: ``tests/fixtures/acme_plugin_dist`` holds its
``.dist-info`` (metadata and a ``netraven`` entry point, what pip writes; the plugin's code is
``tests/support/everything.py``).  With that directory on the path, NetRaven discovers it
through the entry point like any third-party plugin: in ``netraven plugins``, the API and
delivery."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netraven_core.plugins import Registry
from netraven_server.services import catalogue
from tests.support import everything

DIST_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "acme_plugin_dist"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def installed():
    sys.path.insert(0, str(DIST_DIR))
    importlib.invalidate_caches()
    catalogue.set_registry(Registry())  # entry points loaded as in production
    everything.DELIVERED.clear()
    yield
    catalogue.set_registry(None)
    sys.path.remove(str(DIST_DIR))
    importlib.invalidate_caches()


def test_netraven_plugins_lists_the_installed_distribution():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(DIST_DIR), str(REPO)])}
    out = subprocess.run([str(Path(sys.executable).with_name("netraven")), "plugins", "--json"],
                         capture_output=True, text=True, env=env, cwd=REPO, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    info = json.loads(out.stdout)
    assert "list" in {n["name"] for n in info["notifiers"]} and "acme-audit" in info["job_types"], info
    assert "acme_os" in {p["name"] for p in info["platforms"]}
    assert {"backup", "reachability"} <= set(info["job_types"])


def test_api_creates_and_delivers_with_the_installed_plugin(api, installed):
    types = {t["name"]: t for t in api.ok("GET", "/api/notifiers/types")}
    assert types["list"]["plugin"] == "tests.support.everything"
    created = api.ok("POST", "/api/notifiers", 201, json={
        "name": "acme", "type": "list", "events": ["config_changed"],
        "options": {"channel": "#noc", "token": "dist-tok-77"}})
    assert api.ok("POST", f"/api/notifiers/{created['id']}/test")["ok"]
    assert everything.DELIVERED[-1][0]["token"] == "dist-tok-77"
    assert "dist-tok-77" not in api.all_text()


def test_api_imports_with_the_installed_plugin_inventory_source(api, installed):
    api.ok("POST", "/api/tags", 201, json={"name": "ini"})
    text = "ini1 = 10.7.0.1 cisco_ios\nini2 = 10.7.0.2 acme_os\nbroken = 10.7.0.3\n"
    result = api.ok("POST", "/api/devices/import", json={"format": "ini", "content": text})
    assert [r["hostname"] for r in result["created"]] == ["ini1", "ini2"]
    assert result["rejected"][0]["line"] == 3
    assert api.ok("GET", "/api/devices?tag=ini")["total"] == 2
    bad = api.post("/api/devices/import", json={"format": "xml", "content": text})
    assert bad.status_code == 422 and "ini" in bad.get_json()["errors"]["json"]["format"][0]
