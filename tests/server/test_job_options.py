"""Job options have a schema: unknown keys and invalid values are a 422 naming ``options``;
host_key_mode 'off' (accepts any host key) is admin-only and audited."""

from __future__ import annotations


def _job(api, options, as_="operator"):
    if not any(t["name"] == "lab" for t in api.ok("GET", "/api/tags")["items"]):
        api.ok("POST", "/api/tags", 201, json={"name": "lab"})
    return api.post("/api/jobs", as_=as_, json={"name": f"j{len(api.bodies)}", "tags": ["lab"],
                                                 "options": options})


def test_unknown_and_invalid_options_are_422(api):
    for options, needle in (({"colour": "red"}, "unknown option 'colour'"),
                            ({"host_key_mode": "sometimes"}, "host_key_mode must be one of")):
        response = _job(api, options)
        assert response.status_code == 422, response.get_data(as_text=True)
        assert needle in " ".join(response.get_json()["errors"]["json"]["options"])
    assert _job(api, {"timeout": 30, "host_key_mode": "strict"}).status_code == 201


def test_host_key_mode_off_is_admin_only_and_audited(api):
    refused = _job(api, {"host_key_mode": "off"})
    assert refused.status_code == 403 and "admin" in refused.get_json()["message"]
    assert _job(api, {"host_key_mode": "off"}, as_="admin").status_code == 201
    events = api.ok("GET", "/api/audit?action=weaken_host_keys")["items"]
    assert events and events[0]["actor"] == "admin" and events[0]["changes"]["host_key_mode"] == "off"


def test_a_weak_host_key_mode_is_answered_with_a_warning(api):
    weak = _job(api, {"host_key_mode": "off"}, as_="admin").get_json()
    assert len(weak["warnings"]) == 1 and "host keys are not checked" in weak["warnings"][0]
    assert api.ok("GET", f"/api/jobs/{weak['id']}")["warnings"] == weak["warnings"]
    assert all(j["warnings"] for j in api.ok("GET", "/api/jobs")["items"] if j["id"] == weak["id"])
    back = api.ok("PATCH", f"/api/jobs/{weak['id']}", json={"options": {"host_key_mode": "tofu"}})
    assert back["warnings"] == []
    assert _job(api, {"host_key_mode": "strict"}).get_json()["warnings"] == []
