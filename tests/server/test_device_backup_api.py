"""``POST /api/devices/<id>/backup``: the webhook/API trigger of a one-device backup.

No task queue runs in these tests, so the run stays pending: a second trigger is refused (409).
The backup itself, with ``changed_by`` landing on the version, is in
tests/service/test_device_backup_run.py.
"""

from __future__ import annotations


def _device(api, hostname="edge1", **kw):
    return api.ok("POST", "/api/devices", 201, json={"hostname": hostname, "platform": "cisco_ios",
                                                     "host": "10.9.0.1", **kw})


def test_trigger_returns_202_with_the_run_then_409_while_it_is_pending(api):
    dev = _device(api)
    started = api.ok("POST", f"/api/devices/{dev['id']}/backup", 202, as_="operator",
                     json={"changed_by": "alice", "reason": "change ticket 42"})
    run = api.ok("GET", f"/api/runs/{started['run_id']}")
    assert run["job_id"] is None and run["job_type"] == "backup" and run["trigger"] == "api"
    assert run["total"] == 1 and run["requested_by"] == "operator"
    again = api.post(f"/api/devices/{dev['id']}/backup", as_="operator", json={})
    assert again.status_code == 409
    assert f"run {started['run_id']}" in again.get_json()["message"]
    audit = api.ok("GET", "/api/audit?action=backup")["items"]
    assert audit[0]["changes"]["changed_by"] == "alice"


def test_other_devices_are_not_blocked(api):
    one, two = _device(api, "a1"), _device(api, "a2", host="10.9.0.2")
    api.ok("POST", f"/api/devices/{one['id']}/backup", 202, json={})
    api.ok("POST", f"/api/devices/{two['id']}/backup", 202, json={})


def test_permissions_unknown_and_disabled_devices(api):
    dev = _device(api)
    assert api.post(f"/api/devices/{dev['id']}/backup", as_="viewer", json={}).status_code == 403
    assert api.post(f"/api/devices/{dev['id']}/backup", as_=None, json={}).status_code == 401
    assert api.post("/api/devices/999999/backup", json={}).status_code == 404
    api.ok("PATCH", f"/api/devices/{dev['id']}", json={"enabled": False})
    refused = api.post(f"/api/devices/{dev['id']}/backup", json={})
    assert refused.status_code == 409 and "disabled" in refused.get_json()["message"]
    bad = api.post(f"/api/devices/{dev['id']}/backup", json={"changed_by": "x" * 65})
    assert bad.status_code == 422 and "changed_by" in bad.get_json()["errors"]["json"]
