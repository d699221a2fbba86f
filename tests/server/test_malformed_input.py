"""Malformed input is a clear 4xx, never a 500: deeply nested JSON (even on the anonymous
login), broken JSON, a cron that never fires (API and the UI's preview), TRACE and unknown
methods (405 with Allow), an empty PATCH."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("body", ["[" * 1000 + "]" * 1000, '{"a":' * 900 + "1" + "}" * 900,
                                  '{"username": "x", "password": ', "\xff\xfe"])
def test_nested_or_broken_json_is_400(api, body):
    response = api.client.post("/api/auth/login", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.get_json()["message"]


def test_nesting_below_the_limit_still_works(api):
    device = {"hostname": "d1", "platform": "cisco_ios", "vars": {"a": {"b": {"c": [1, [2, [3]]]}}}}
    api.ok("POST", "/api/devices", 201, json=device)


def test_never_firing_cron_is_422(api):
    api.ok("POST", "/api/tags", 201, json={"name": "x"})
    response = api.post("/api/jobs", json={"name": "j", "schedule_type": "cron", "cron": "0 0 31 2 *",
                                           "tags": ["x"]})
    assert response.status_code == 422 and "never fires" in response.get_json()["errors"]["json"]["cron"][0]


@pytest.mark.parametrize("method", ["TRACE", "PUT", "PROPFIND"])
def test_unknown_methods_are_405_with_allow(api, method):
    response = api.call(method, "/api/devices")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_empty_patch_is_422(api):
    tag = api.ok("POST", "/api/tags", 201, json={"name": "x"})
    response = api.patch(f"/api/tags/{tag['id']}", json={})
    assert response.status_code == 422 and "no field" in response.get_json()["message"]
