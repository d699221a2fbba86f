"""Configuration history, text, diff (unified + side by side) and search through the API."""

from __future__ import annotations

from tests.server.seed import store_versions

CONFIG_V1 = """hostname core1
!
interface Gi0/1
 description uplink
 ip address 10.0.0.1 255.255.255.0
!
router ospf 1
 network 10.0.0.0 0.0.0.255 area 0
!
end
"""
CONFIG_V2 = CONFIG_V1.replace("description uplink", "description uplink to dist1").replace(
    "router ospf 1\n", "router ospf 1\n passive-interface default\n")


def _devices(api):
    for name in ("core1", "core2"):
        body = {"hostname": name, "platform": "cisco_ios", "tags": ["core"]}
        api.ok("POST", "/api/devices", 201, json=body)
    return {d["hostname"]: d["id"] for d in api.ok("GET", "/api/devices")["items"]}


def test_history_text_and_diff(api, app):
    ids = _devices(api)
    versions = store_versions(app, {"core1": [CONFIG_V1, CONFIG_V2],
                                    "core2": [CONFIG_V1.replace("core1", "core2")]})
    history = api.ok("GET", f"/api/devices/{ids['core1']}/configs")
    assert history["total"] == 2
    assert [v["id"] for v in history["items"]] == list(reversed(versions["core1"]))  # newest first
    newest = history["items"][0]
    assert newest["size"] == len(CONFIG_V2.encode()) and len(newest["content_hash"]) == 64
    assert newest["lines_added"] >= 1  # counted by the storage backend
    text = api.ok("GET", f"/api/configs/{versions['core1'][0]}")
    assert text["text"] == CONFIG_V1 and text["hostname"] == "core1"
    old, new = versions["core1"]
    diff = api.ok("GET", f"/api/configs/diff?from={old}&to={new}")
    assert diff["from"]["id"] == old and diff["to"]["id"] == new and not diff["identical"]
    assert "-  description uplink\n" not in diff["unified"]  # lines keep their own indentation
    assert "- description uplink\n" in diff["unified"] and "+ passive-interface default\n" in diff["unified"]
    kinds = [r["kind"] for r in diff["rows"]]
    assert "replace" in kinds and "insert" in kinds and "equal" in kinds
    replaced = next(r for r in diff["rows"] if r["kind"] == "replace")
    assert replaced["left"] == " description uplink" and replaced["right"] == " description uplink to dist1"
    assert replaced["right_marks"] == [[len(" description uplink"), len(" description uplink to dist1")]]
    inserted = next(r for r in diff["rows"] if r["kind"] == "insert")
    assert inserted["left_no"] is None and inserted["right"] == " passive-interface default"
    assert diff["lines_added"] == 2 and diff["lines_removed"] == 1
    collapsed = api.ok("GET", f"/api/configs/diff?from={old}&to={new}&context=0")
    assert any(r["kind"] == "skip" for r in collapsed["rows"])
    assert all(r["kind"] != "equal" for r in collapsed["rows"])
    same = api.ok("GET", f"/api/configs/diff?from={old}&to={old}")
    assert same["identical"] and same["unified"] == ""


def test_history_filters_and_errors(api, app):
    ids = _devices(api)
    store_versions(app, {"core1": [CONFIG_V1, CONFIG_V2]})
    assert api.ok("GET", f"/api/devices/{ids['core1']}/configs?size=1")["pages"] == 2
    assert api.ok("GET", f"/api/devices/{ids['core2']}/configs")["total"] == 0
    assert api.ok("GET", f"/api/devices/{ids['core1']}/configs?since=2999-01-01T00:00:00Z")["total"] == 0
    assert api.get("/api/devices/999999/configs").status_code == 404
    assert api.get("/api/configs/999999").status_code == 404
    assert api.get("/api/configs/diff?from=1").status_code == 422
    assert api.get("/api/configs/diff?from=999998&to=999999").status_code == 404
    assert api.get("/api/configs/diff?from=x&to=1").status_code == 422


def test_search_latest_configs(api, app):
    _devices(api)
    store_versions(app, {"core1": [CONFIG_V1, CONFIG_V2], "core2": [CONFIG_V1.replace("core1", "core2")]})
    found = api.ok("GET", "/api/configs/search?q=passive-interface")
    assert [r["hostname"] for r in found["results"]] == ["core1"]  # only core1's latest has it
    hit = found["results"][0]
    assert hit["lines"] == [{"line_no": 8, "line": " passive-interface default", "marks": [[1, 18]]}]
    assert hit["version"]["hostname"] == "core1" and found["devices_scanned"] == 2
    both = api.ok("GET", "/api/configs/search?q=ROUTER OSPF")  # case-insensitive by default
    assert {r["hostname"] for r in both["results"]} == {"core1", "core2"}
    assert api.ok("GET", "/api/configs/search?q=ROUTER OSPF&case_sensitive=true")["results"] == []
    regex = api.ok("GET", "/api/configs/search?q=^hostname%20core[12]$&regex=true")
    assert len(regex["results"]) == 2
    limited = api.ok("GET", "/api/configs/search?q=hostname&max_devices=1")
    assert len(limited["results"]) == 1 and limited["truncated"] and limited["next_after"] == "core1"
    rest = api.ok("GET", "/api/configs/search?q=hostname&max_devices=1&after=core1")
    assert [r["hostname"] for r in rest["results"]] == ["core2"] and not rest["truncated"]
    scan = api.ok("GET", "/api/configs/search?q=hostname&scan_limit=1")
    assert scan["devices_scanned"] == 1 and scan["next_after"] == "core1"
    bad = api.get("/api/configs/search?q=([&regex=true")
    assert bad.status_code == 422 and "regular expression" in bad.get_json()["message"]
    assert api.get("/api/configs/search").status_code == 422
