"""``POST /api/devices/bulk``: one action on many devices, answered per id; each change audited
as a single edit would be; refusals (unknown id, disabled device) reported without undoing the
others.  Also the device filter over hostname, address, platform, tag and description, sorting by
tags and last change, and the warning for a shared address."""

from __future__ import annotations

import pytest


def _devices(api, n=3):
    return [api.ok("POST", "/api/devices", 201,
                   json={"hostname": f"bulk{i}", "platform": "cisco_ios", "host": f"10.7.0.{i + 1}",
                         "tags": ["lab"]})["id"] for i in range(n)]


def _bulk(api, action, ids, status=200, **kw):
    body = {"action": action, "ids": ids, **kw}
    return api.ok("POST", "/api/devices/bulk", status, json=body, as_="operator")


def test_tags_enable_disable_answer_per_id_and_are_audited(api):
    ids = _devices(api)
    result = _bulk(api, "add_tag", [*ids, 999999], tag="Core")
    assert result["action"] == "add_tag" and result["succeeded"] == 3 and result["failed"] == 1
    by_id = {r["id"]: r for r in result["results"]}
    assert by_id[999999] == {"id": 999999, "ok": False, "message": "device 999999 not found",
                             "hostname": None, "run_id": None}
    assert all(by_id[i]["ok"] and by_id[i]["message"] == "tagged core" for i in ids)
    assert all("core" in api.ok("GET", f"/api/devices/{i}")["tags"] for i in ids)
    again = _bulk(api, "add_tag", ids[:1], tag="core")
    assert again["results"][0]["message"] == "already tagged core"
    removed = _bulk(api, "remove_tag", ids, tag="core")
    assert removed["succeeded"] == 3
    assert all(api.ok("GET", f"/api/devices/{i}")["tags"] == ["lab"] for i in ids)
    assert _bulk(api, "disable", ids)["succeeded"] == 3
    assert not any(api.ok("GET", f"/api/devices/{i}")["enabled"] for i in ids)
    assert _bulk(api, "enable", ids[:2])["succeeded"] == 2
    audit = api.ok("GET", "/api/audit?action=update&entity_type=device&size=100")["items"]
    # 3 tag additions + 1 repeat (no change, no entry) + 3 removals + 3 disables + 2 enables
    assert len(audit) == 11 and {a["actor"] for a in audit} == {"operator"}


def test_backup_starts_one_run_per_enabled_device(api):
    ids = _devices(api)
    _bulk(api, "disable", ids[2:])
    result = _bulk(api, "backup", ids)
    ok = [r for r in result["results"] if r["ok"]]
    assert len(ok) == 2 and all(r["run_id"] for r in ok)
    refused = [r for r in result["results"] if not r["ok"]]
    assert refused[0]["id"] == ids[2] and "disabled" in refused[0]["message"]
    run = api.ok("GET", f"/api/runs/{ok[0]['run_id']}")
    assert run["total"] == 1 and run["job_type"] == "backup" and run["trigger"] == "manual"
    # the run is still pending (no task engine here): a second bulk backup is refused per device
    busy = _bulk(api, "backup", ids[:1])["results"][0]
    assert not busy["ok"] and "already has a backup in progress" in busy["message"]


def test_delete_goes_through_the_delete_service(api):
    ids = _devices(api)
    result = _bulk(api, "delete", ids[:2])
    assert [r["message"] for r in result["results"]] == ["retired (history kept)"] * 2
    assert api.ok("GET", f"/api/devices/{ids[0]}")["retired_at"] is not None
    assert api.ok("GET", f"/api/devices/{ids[2]}")["retired_at"] is None
    audit = api.ok("GET", "/api/audit?action=retire&entity_type=device")["items"]
    assert sorted(a["entity_name"] for a in audit) == ["bulk0", "bulk1"]


@pytest.mark.parametrize("body, field", [
    ({"action": "explode", "ids": [1]}, "action"),
    ({"action": "enable", "ids": []}, "ids"),
    ({"action": "enable", "ids": ["x"]}, "ids"),
    ({"action": "enable", "ids": [1] * 501}, "ids"),
    ({"action": "add_tag", "ids": [1]}, "tag"),
    ({"action": "add_tag", "ids": [1], "tag": "no spaces"}, "tag"),
    ({"action": "enable"}, "ids"),
])
def test_bad_requests_name_the_field(api, body, field):
    response = api.post("/api/devices/bulk", json=body)
    assert response.status_code == 422, response.get_json()
    assert field in str(response.get_json()["errors"])


def test_viewers_and_anonymous_callers_are_refused(api):
    ids = _devices(api, 1)
    body = {"action": "disable", "ids": ids}
    assert api.post("/api/devices/bulk", json=body, as_="viewer").status_code == 403
    assert api.post("/api/devices/bulk", json=body, as_=None).status_code == 401
    assert api.ok("GET", f"/api/devices/{ids[0]}")["enabled"]


def test_filter_matches_address_platform_tag_and_description(api):
    api.ok("POST", "/api/devices", 201, json={"hostname": "edge-a", "platform": "cisco_ios",
                                              "host": "10.20.0.1", "tags": ["branch-paris"],
                                              "description": "rooftop router"})
    api.ok("POST", "/api/devices", 201, json={"hostname": "edge-b", "platform": "arista_eos",
                                              "host": "10.30.0.1", "tags": ["dc"]})

    def names(q):
        return [d["hostname"] for d in api.ok("GET", f"/api/devices?q={q}")["items"]]

    assert names("10.20") == ["edge-a"]
    assert names("arista") == ["edge-b"]
    assert names("PARIS") == ["edge-a"]
    assert names("rooftop") == ["edge-a"]
    assert names("edge") == ["edge-a", "edge-b"]


def test_sort_by_tags_and_last_change(api):
    for name, tags in (("s1", ["zeta"]), ("s2", ["alpha"]), ("s3", [])):
        api.ok("POST", "/api/devices", 201, json={"hostname": name, "platform": "cisco_ios", "tags": tags})
    order = [d["hostname"] for d in api.ok("GET", "/api/devices?sort=tags")["items"]]
    assert order == ["s3", "s2", "s1"]  # untagged first, then by the first tag
    order = [d["hostname"] for d in api.ok("GET", "/api/devices?sort=-tags")["items"]]
    assert order == ["s1", "s2", "s3"]
    assert api.get("/api/devices?sort=last_changed_at").status_code == 200


def test_a_shared_address_is_accepted_with_a_warning(api):
    api.ok("POST", "/api/devices", 201, json={"hostname": "one", "platform": "cisco_ios", "host": "10.8.8.8"})
    body = {"hostname": "two", "platform": "cisco_ios", "host": "10.8.8.8"}
    two = api.ok("POST", "/api/devices", 201, json=body)
    assert two["warnings"] == ["address 10.8.8.8:22 is also used by one"]
    moved = api.ok("PATCH", f"/api/devices/{two['id']}", json={"port": 2022})
    assert moved["warnings"] == []
    assert api.ok("GET", f"/api/devices/{two['id']}")["warnings"] == []
