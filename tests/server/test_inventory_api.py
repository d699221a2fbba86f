"""Tags, devices and credentials through the API: CRUD, pagination, filters, sorting, validation."""

from __future__ import annotations

import pytest


def make_devices(api, count: int, *, platform: str = "cisco_ios", tags=("core",), prefix: str = "sw"):
    for i in range(count):
        body = {"hostname": f"{prefix}{i:03d}", "host": f"10.0.{i // 250}.{i % 250 + 1}",
                "platform": platform, "tags": list(tags)}
        api.ok("POST", "/api/devices", 201, json=body)


def test_tag_crud(api):
    tag = api.ok("POST", "/api/tags", 201, json={"name": "Core", "description": "backbone"})
    assert tag["name"] == "core"  # normalised like the inventory files
    assert api.ok("GET", f"/api/tags/{tag['id']}")["usage"] == {"devices": 0, "credentials": 0, "jobs": 0}
    renamed = api.ok("PATCH", f"/api/tags/{tag['id']}", json={"name": "backbone"})
    assert renamed["name"] == "backbone"
    conflict = api.post("/api/tags", json={"name": "backbone"})
    assert conflict.status_code == 409 and conflict.get_json()["message"]
    api.ok("DELETE", f"/api/tags/{tag['id']}", 204)
    assert api.get(f"/api/tags/{tag['id']}").status_code == 404


def test_device_crud_and_tags_by_name(api):
    dev = api.ok("POST", "/api/devices", 201, json={"hostname": "edge1", "host": "192.0.2.10", "port": 2222,
                                                    "platform": "juniper_junos", "tags": ["edge", "Lab"],
                                                    "vars": {"site": "ams"}})
    assert dev["tags"] == ["edge", "lab"] and dev["port"] == 2222 and dev["vars"] == {"site": "ams"}
    assert {t["name"] for t in api.ok("GET", "/api/tags")["items"]} == {"edge", "lab"}
    got = api.ok("GET", f"/api/devices/{dev['id']}")
    assert got["hostname"] == "edge1" and got["host"] == "192.0.2.10"
    patched = api.ok("PATCH", f"/api/devices/{dev['id']}",
                     json={"tags": ["edge"], "host": "edge1.example.net"})
    assert patched["tags"] == ["edge"] and patched["host"] == "edge1.example.net"
    api.ok("DELETE", f"/api/devices/{dev['id']}", 204)  # retired, not destroyed
    assert api.ok("GET", f"/api/devices/{dev['id']}")["retired_at"] is not None
    assert api.ok("GET", "/api/devices")["total"] == 0
    # host defaults to the hostname, port to 22
    dev2 = api.ok("POST", "/api/devices", 201,
                  json={"hostname": "core-1.example.net", "platform": "cisco_ios"})
    assert dev2["host"] == "core-1.example.net" and dev2["port"] == 22


def test_duplicate_hostname_ignoring_case_is_a_conflict(api):
    api.ok("POST", "/api/devices", 201, json={"hostname": "sw1", "host": "10.0.0.1", "platform": "cisco_ios"})
    response = api.post("/api/devices", json={"hostname": "SW1", "host": "10.0.0.2", "platform": "cisco_ios"})
    assert response.status_code == 409
    body = response.get_json()
    assert "already exists" in body["message"] and body["errors"]["json"]["hostname"]


def test_pagination_filters_and_sort(api):
    make_devices(api, 12, platform="cisco_ios", tags=("core",))
    make_devices(api, 5, platform="arista_eos", tags=("core", "dc"), prefix="leaf")
    page = api.ok("GET", "/api/devices?size=5&page=2")
    assert page["total"] == 17 and page["page"] == 2 and page["size"] == 5 and page["pages"] == 4
    assert len(page["items"]) == 5
    last = api.ok("GET", "/api/devices?size=5&page=4")
    assert len(last["items"]) == 2
    beyond = api.ok("GET", "/api/devices?size=5&page=9")
    assert beyond["items"] == [] and beyond["total"] == 17
    # filters
    assert api.ok("GET", "/api/devices?platform=arista_eos")["total"] == 5
    assert api.ok("GET", "/api/devices?tag=dc")["total"] == 5
    assert api.ok("GET", "/api/devices?tag=core&tag=dc")["total"] == 5
    assert api.ok("GET", "/api/devices?tag=core")["total"] == 17
    assert api.ok("GET", "/api/devices?hostname=LEAF0")["total"] == 5
    assert api.ok("GET", "/api/devices?host=10.0.0.1")["total"] == 5  # sw: .1 .10 .11 .12; leaf: .1
    assert api.ok("GET", "/api/devices?q=sw01")["total"] == 2
    # sort
    names = [d["hostname"] for d in api.ok("GET", "/api/devices?sort=-hostname&size=3")["items"]]
    assert names == ["sw011", "sw010", "sw009"]
    items = api.ok("GET", "/api/devices?sort=platform,hostname&size=17")["items"]
    by_platform = [d["platform"] for d in items]
    assert by_platform == sorted(by_platform)
    bad = api.get("/api/devices?sort=password")
    assert bad.status_code == 422 and "sort" in bad.get_json()["errors"]["query"]


@pytest.mark.parametrize("body, field", [
    ({"hostname": "-bad", "platform": "cisco_ios"}, "hostname"),
    ({"hostname": "ok1", "host": "300.1.1.1", "platform": "cisco_ios"}, "host"),
    ({"hostname": "ok1", "host": "bad host", "platform": "cisco_ios"}, "host"),
    ({"hostname": "ok1", "port": 0, "platform": "cisco_ios"}, "port"),
    ({"hostname": "ok1", "port": 70000, "platform": "cisco_ios"}, "port"),
    ({"hostname": "ok1", "port": "22x", "platform": "cisco_ios"}, "port"),
    ({"hostname": "ok1", "platform": "cisco_iso"}, "platform"),
    ({"hostname": "ok1"}, "platform"),
    ({"platform": "cisco_ios"}, "hostname"),
    ({"hostname": "ok1", "platform": "cisco_ios", "tags": ["bad tag!"]}, "tags"),
    ({"hostname": "ok1", "platform": "cisco_ios", "colour": "red"}, "colour"),
    ({"hostname": "ok\x00", "platform": "cisco_ios"}, "hostname"),
    ({"hostname": "ok1", "platform": "cisco_ios", "vars": {"x": float("nan")}}, "vars"),
])
def test_device_validation_names_the_field(api, body, field):
    import json

    response = api.post("/api/devices", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 422, response.get_data(as_text=True)
    payload = response.get_json()
    assert payload["message"] and payload["code"] == 422
    assert field in payload["errors"]["json"], payload


def test_platform_error_suggests_and_lists_catalogue(api):
    body = api.post("/api/devices", json={"hostname": "x1", "platform": "cisco_iso"}).get_json()
    message = body["errors"]["json"]["platform"][0]
    assert "did you mean 'cisco_ios'" in message and "known:" in message


def test_malformed_requests_are_clear_4xx(api):
    assert api.post("/api/devices", data="{not json", content_type="application/json").status_code == 400
    assert api.post("/api/devices", data="[1, 2]", content_type="application/json").status_code == 422
    assert api.get("/api/devices?size=0").status_code == 422
    assert api.get("/api/devices?size=10000").status_code == 422
    assert api.get("/api/devices?page=abc").status_code == 422
    assert api.get("/api/devices/99999999999999999999").status_code == 404
    assert api.get("/api/devices/abc").status_code == 404
    assert api.call("PUT", "/api/devices").status_code == 405
    for response in (api.get("/api/devices?size=0"), api.get("/api/nowhere")):
        assert response.is_json and response.get_json()["message"]


def test_credential_crud_and_write_only_secrets(api):
    cred = api.ok("POST", "/api/credentials", 201, json={
        "name": "lab", "username": "netops", "password": "pw-unique-7781", "enable_secret": "en-unique-7782",
        "priority": 10, "tags": ["core"]})
    assert cred["has_password"] and cred["has_enable_secret"] and not cred["has_private_key"]
    assert "password" not in cred and "enable_secret" not in cred
    assert cred["success_rate"] is None and cred["tags"] == ["core"]
    patched = api.ok("PATCH", f"/api/credentials/{cred['id']}", json={"enable_secret": None, "priority": 5})
    assert not patched["has_enable_secret"] and patched["has_password"] and patched["priority"] == 5
    # a credential needs a password or a key, and a tag
    bad = api.post("/api/credentials", json={"name": "x", "username": "u", "tags": []})
    assert bad.status_code == 422 and "tags" in bad.get_json()["errors"]["json"]  # the schema's minItems
    bad = api.post("/api/credentials", json={"name": "x", "username": "u", "tags": ["core"]})
    assert bad.status_code == 422 and "password" in bad.get_json()["errors"]["json"]
    cleared = api.patch(f"/api/credentials/{cred['id']}", json={"password": ""})
    assert cleared.status_code == 422
    filtered = api.ok("GET", "/api/credentials?tag=core&sort=-priority")
    assert filtered["total"] == 1
    api.ok("DELETE", f"/api/credentials/{cred['id']}", 204)
    assert "pw-unique-7781" not in api.all_text() and "en-unique-7782" not in api.all_text()


def test_credential_private_key_validation(api):
    bad = api.post("/api/credentials", json={"name": "k", "username": "u", "private_key": "hello",
                                             "tags": ["core"]})
    assert bad.status_code == 422 and "private_key" in bad.get_json()["errors"]["json"]
    key = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n"
    ok = api.ok("POST", "/api/credentials", 201, json={"name": "k", "username": "u", "private_key": key,
                                                       "tags": ["core"]})
    assert ok["has_private_key"] and not ok["has_password"]


def test_tag_in_use_by_job_cannot_be_deleted(api):
    make_devices(api, 1)
    tag_id = api.ok("GET", "/api/tags?name=core")["items"][0]["id"]
    api.ok("POST", "/api/jobs", 201, json={"name": "j", "tags": ["core"]})
    response = api.delete(f"/api/tags/{tag_id}")
    assert response.status_code == 409 and "job" in response.get_json()["message"]


def test_uniqueness_race_is_a_409_not_a_500(api, monkeypatch):
    """Two requests creating one name at once: the loser gets a 409 from the database constraint."""
    from netraven_server.services import tags

    api.ok("POST", "/api/tags", 201, json={"name": "race"})
    monkeypatch.setattr(tags, "_name", lambda session, raw, exclude_id=None: raw)  # skip the pre-check
    response = api.post("/api/tags", json={"name": "race"})
    assert response.status_code == 409 and response.get_json()["message"]
    assert api.post("/api/tags", json={"name": "after-race"}).status_code == 201
