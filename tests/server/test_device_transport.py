"""A device's transport (ssh/telnet) and sections option through the API: stored, validated
against the platform's catalogue entry, the telnet clear-text warning in every response, the
migration's columns, and what a backup job hands the engine."""

from __future__ import annotations

from netraven_server.jobtypes.base import DeviceSnapshot
from netraven_server.services.devices import to_core


def test_transport_and_sections_are_stored_with_the_telnet_warning(api):
    ssh = api.ok("POST", "/api/devices", 201, json={"hostname": "r1", "platform": "cisco_ios"})
    assert ssh["transport"] == "ssh" and ssh["sections"] is True and ssh["port"] == 22
    assert ssh["warnings"] == []
    tel = api.ok("POST", "/api/devices", 201,
                 json={"hostname": "old1", "platform": "cisco_ios", "transport": "telnet", "sections": False})
    assert tel["transport"] == "telnet" and tel["port"] == 23 and tel["sections"] is False
    assert any("clear text" in w for w in tel["warnings"])
    listed = {d["hostname"]: d for d in api.ok("GET", "/api/devices")["items"]}
    assert any("clear text" in w for w in listed["old1"]["warnings"]) and listed["r1"]["warnings"] == []
    # Back to SSH from the usual telnet port: the port follows; an explicit port stays.
    back = api.ok("PATCH", f"/api/devices/{tel['id']}", json={"transport": "ssh"})
    assert back["port"] == 22 and back["warnings"] == []
    odd = api.ok("PATCH", f"/api/devices/{tel['id']}", json={"transport": "telnet", "port": 2323})
    assert odd["port"] == 2323
    assert api.ok("PATCH", f"/api/devices/{tel['id']}", json={"transport": "ssh"})["port"] == 2323


def test_transport_is_validated_against_the_platform(api):
    bad = api.post("/api/devices", json={"hostname": "x1", "platform": "cisco_ios", "transport": "telent"})
    assert bad.status_code == 422
    assert "unknown transport 'telent'" in str(bad.get_json()) and "telnet" in str(bad.get_json())
    # Cisco IOS XR has no telnet dialogue in the catalogue.
    bad = api.post("/api/devices", json={"hostname": "x2", "platform": "cisco_xr", "transport": "telnet"})
    assert bad.status_code == 422 and "not reachable over telnet" in str(bad.get_json())
    dev = api.ok("POST", "/api/devices", 201, json={"hostname": "x3", "platform": "cisco_ios",
                                                    "transport": "telnet"})
    # Moving a telnet device to a platform without telnet is refused too.
    bad = api.patch(f"/api/devices/{dev['id']}", json={"platform": "cisco_xr"})
    assert bad.status_code == 422 and "transport" in bad.get_json()["errors"]["json"]
    bad = api.patch(f"/api/devices/{dev['id']}", json={"sections": "maybe"})
    assert bad.status_code == 422


def test_catalogue_lists_transports_and_sections(api):
    platforms = {p["name"]: p for p in api.ok("GET", "/api/system/platforms")}
    assert platforms["cisco_ios"]["transports"] == ["ssh", "telnet"]
    assert platforms["cisco_xr"]["transports"] == ["ssh"]
    assert "version" in platforms["cisco_ios"]["sections"]


def test_job_option_sections_must_be_boolean(api):
    api.ok("POST", "/api/devices", 201, json={"hostname": "j1", "platform": "cisco_ios", "tags": ["t"]})
    bad = api.post("/api/jobs", json={"name": "b", "tags": ["t"], "options": {"sections": "no"}})
    assert bad.status_code == 422 and "sections must be true or false" in str(bad.get_json())
    job = api.ok("POST", "/api/jobs", 201, json={"name": "b", "tags": ["t"], "options": {"sections": False}})
    assert job["options"] == {"sections": False}


def test_the_engine_gets_the_devices_transport_and_sections(app, api):
    from netraven_server.db.models import Device

    dev = api.ok("POST", "/api/devices", 201, json={"hostname": "e1", "platform": "cisco_ios",
                                                    "transport": "telnet", "sections": False})
    with app.extensions["netraven"].db.session() as s:
        row = s.get(Device, dev["id"])
        core, snap = to_core(row), DeviceSnapshot.of(row)
    assert (core.transport, core.sections, core.port) == ("telnet", False, 23)
    assert (snap.transport, snap.sections) == ("telnet", False)


def test_import_keeps_transport_and_sections(api):
    text = "hostname,platform,transport,sections\nt1,cisco_ios,telnet,no\nt2,cisco_ios,,\n"
    result = api.ok("POST", "/api/devices/import", json={"format": "csv", "content": text})
    assert result["counts"]["created"] == 2
    devs = {d["hostname"]: d for d in api.ok("GET", "/api/devices")["items"]}
    assert (devs["t1"]["transport"], devs["t1"]["port"], devs["t1"]["sections"]) == ("telnet", 23, False)
    assert (devs["t2"]["transport"], devs["t2"]["sections"]) == ("ssh", True)
