"""Removing a device retires it: its versions stay readable, it can be restored, an admin can
purge it, and neither its id nor its versions' ids are ever given out again (SQLite and
PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select

from netraven_server.db.models import Job
from netraven_server.service import lifecycle
from tests.server.seed import store_versions

V1 = "hostname sw1\n!\ninterface Gi0/1\n description uplink\n!\nend\n"
V2 = V1.replace("description uplink", "description uplink to core")


def _device(api, hostname="sw1", **extra) -> dict:
    return api.ok("POST", "/api/devices", 201, json={"hostname": hostname, "platform": "cisco_ios",
                                                      "tags": ["core"], **extra})


def test_removed_device_keeps_its_versions_and_its_id_is_never_reused(api, app):
    old = _device(api)
    versions = store_versions(app, {"sw1": [V1, V2]})["sw1"]
    api.ok("DELETE", f"/api/devices/{old['id']}", 204)

    # Read-only history: the device, its versions, their texts and their diff.
    assert api.ok("GET", f"/api/devices/{old['id']}")["retired_at"] is not None
    history = api.ok("GET", f"/api/devices/{old['id']}/configs")
    assert [(v["id"], v["number"]) for v in history["items"]] == [(versions[1], 2), (versions[0], 1)]
    assert api.ok("GET", f"/api/configs/{versions[0]}")["text"] == V1
    diff = api.ok("GET", f"/api/configs/diff?from={versions[0]}&to={versions[1]}")
    assert "+ description uplink to core\n" in diff["unified"]
    # Left out of the default list, shown with retired=true.
    assert api.ok("GET", "/api/devices")["total"] == 0
    assert [d["id"] for d in api.ok("GET", "/api/devices?retired=true")["items"]] == [old["id"]]

    # The hostname is free for a new device, which gets a new id.
    new = _device(api)
    assert new["id"] > old["id"]
    clash = api.post(f"/api/devices/{old['id']}/restore")
    assert clash.status_code == 409
    assert f"active device {new['id']}" in clash.get_json()["message"]
    assert "rename or retire" in clash.get_json()["message"]

    # Purge (admins only, hostname repeated) removes the device and its index rows.
    new_versions = store_versions(app, {"sw1": [V1]})["sw1"]
    refused = api.post(f"/api/devices/{new['id']}/purge", json={"confirm": "sw1"}, as_="operator")
    assert refused.status_code == 403
    wrong = api.post(f"/api/devices/{new['id']}/purge", json={"confirm": "sw2"})
    assert wrong.status_code == 422 and "confirm" in wrong.get_json()["errors"]["json"]
    purged = api.ok("POST", f"/api/devices/{new['id']}/purge", json={"confirm": "sw1"})
    assert purged == {"id": new["id"], "hostname": "sw1", "versions_removed": 1, "storage_kept": True}
    assert api.get(f"/api/devices/{new['id']}").status_code == 404
    assert api.get(f"/api/configs/{new_versions[0]}").status_code == 404

    # Ids are never reused: not the purged device's (the highest), nor its version's.
    third = _device(api, "sw3")
    assert third["id"] > new["id"]
    assert store_versions(app, {"sw3": [V1]})["sw3"][0] > new_versions[0]

    # The retired device comes back now that its name is free, with its history.
    restored = api.ok("POST", f"/api/devices/{old['id']}/restore")
    assert restored["retired_at"] is None and restored["hostname"] == "sw1"
    assert api.ok("GET", f"/api/devices/{old['id']}/configs")["total"] == 2

    events = api.ok("GET", "/api/audit?entity_type=device&size=100")["items"]
    actions = [(e["action"], e["entity_id"]) for e in events]
    for entry in [("retire", str(old["id"])), ("restore", str(old["id"])), ("purge", str(new["id"]))]:
        assert entry in actions
    purge_event = next(e for e in events if e["action"] == "purge")
    assert purge_event["changes"]["versions_removed"] == 1


def test_a_retired_device_is_read_only_and_left_out_of_runs(api, app):
    dev = _device(api)
    other = _device(api, "sw2")
    store_versions(app, {"sw1": [V1], "sw2": [V1.replace("sw1", "sw2")]})
    job = api.ok("POST", "/api/jobs", 201, json={"name": "nightly", "schedule_type": "manual",
                                                  "tags": ["core"], "devices": ["sw1"]})
    api.ok("DELETE", f"/api/devices/{dev['id']}", 204)
    # It leaves the job's device list (the job stays editable as it is) and comes back on restore.
    assert api.ok("GET", f"/api/jobs/{job['id']}")["devices"] == []
    api.ok("PATCH", f"/api/jobs/{job['id']}", json={"description": "still editable"})

    again = api.delete(f"/api/devices/{dev['id']}")
    assert again.status_code == 409 and "retired already" in again.get_json()["message"]
    patched = api.patch(f"/api/devices/{dev['id']}", json={"description": "x"})
    assert patched.status_code == 409 and "restore it" in patched.get_json()["message"]
    backup = api.post(f"/api/devices/{dev['id']}/backup", json={})
    assert backup.status_code == 409 and "retired" in backup.get_json()["message"]
    state = app.extensions["netraven"]
    with state.db.session() as s:
        targets = lifecycle.job_targets(s, s.scalars(select(Job).where(Job.id == job["id"])).one())
        assert [d.hostname for d in targets] == ["sw2"]
    found = api.ok("GET", "/api/configs/search?q=hostname")
    assert [r["hostname"] for r in found["results"]] == ["sw2"]
    counts = api.ok("GET", "/api/system/status")["counts"]
    assert counts["devices"] == 1 and counts["devices_retired"] == 1
    # A job may not name a retired device either.
    refused = api.post("/api/jobs", json={"name": "x", "schedule_type": "manual", "devices": ["sw1"]})
    assert refused.status_code == 422 and "unknown device" in refused.get_json()["message"]
    api.ok("POST", f"/api/devices/{dev['id']}/restore")
    assert api.ok("GET", f"/api/jobs/{job['id']}")["devices"] == ["sw1"]
    with state.db.session() as s:
        targets = lifecycle.job_targets(s, s.scalars(select(Job).where(Job.id == job["id"])).one())
        assert [d.hostname for d in targets] == ["sw1", "sw2"]
    assert other["id"] != dev["id"]
    not_retired = api.post(f"/api/devices/{dev['id']}/restore")
    assert not_retired.status_code == 409 and "not retired" in not_retired.get_json()["message"]
    events = api.ok("GET", f"/api/audit?entity_type=device&entity_id={dev['id']}")["items"]
    retire = next(e for e in events if e["action"] == "retire")
    assert retire["changes"]["removed_from_jobs"] == [{"id": job["id"], "name": "nightly"}]
    assert next(e for e in events if e["action"] == "restore")["changes"]["back_in_jobs"] == ["nightly"]
