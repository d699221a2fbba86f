"""The role matrix, generated from the one permission table, for every role and for anonymous.

Path parameters point at ids that do not exist, so an allowed call ends in 404/422 (never
changing anything) while a refused one ends in 401 (anonymous) or 403 (wrong role): the
permission hook runs before any view.
"""

from __future__ import annotations

import re

import pytest

from netraven_server.security.permissions import ANONYMOUS, PERMISSIONS, ROLES

CALLERS = (*ROLES, ANONYMOUS)


def api_rules(app):
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api"):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_api_route_is_declared(app):
    missing = [(rule.endpoint, method, rule.rule) for rule, method in api_rules(app)
               if (rule.endpoint, method) not in PERMISSIONS]
    assert missing == []


def test_no_stale_declarations(app):
    registered = {(rule.endpoint, method) for rule, method in api_rules(app)}
    assert set(PERMISSIONS) - registered == set()


def _url(rule) -> str:
    url = re.sub(r"<[^>]+>", "999999", rule.rule)
    if rule.endpoint == "configs.ConfigDiff":
        url += "?from=999998&to=999999"
    if rule.endpoint == "configs.ConfigSearch":
        url += "?q=hostname"
    if rule.endpoint == "swagger_assets.asset":
        url = "/api/docs/assets/swagger-ui.css"
    return url


def test_role_matrix(app, api):
    failures = []
    for rule, method in api_rules(app):
        allowed = PERMISSIONS[(rule.endpoint, method)]
        for caller in CALLERS:
            as_ = None if caller == ANONYMOUS else caller
            kwargs = {"json": {}} if method in ("POST", "PATCH", "PUT") else {}
            if rule.endpoint == "auth.Login":
                kwargs = {"json": {"username": "nobody-here", "password": "x"}}
            status = api.call(method, _url(rule), as_=as_, **kwargs).status_code
            if caller in allowed:
                ok = status not in (401, 403) or rule.endpoint == "auth.Login"
            else:
                ok = status == (401 if caller == ANONYMOUS else 403)
            assert status < 500, (rule.rule, method, caller, status)
            if not ok:
                failures.append((rule.rule, method, caller, status))
    assert failures == []


@pytest.mark.parametrize("role, expected", [("admin", 201), ("operator", 201), ("viewer", 403)])
def test_writes_by_role(api, role, expected):
    assert api.post("/api/tags", as_=role, json={"name": f"t-{role}"}).status_code == expected


@pytest.mark.parametrize("role, expected", [("admin", 200), ("operator", 403), ("viewer", 403)])
def test_users_are_admin_only(api, role, expected):
    assert api.get("/api/users", as_=role).status_code == expected


def test_operator_manages_inventory_and_jobs_not_users(api):
    dev = api.ok("POST", "/api/devices", 201, as_="operator", json={"hostname": "r1", "platform": "cisco_ios",
                                                                     "tags": ["core"]})
    api.ok("PATCH", f"/api/devices/{dev['id']}", as_="operator", json={"port": 2022})
    job = api.ok("POST", "/api/jobs", 201, as_="operator", json={"name": "j1", "tags": ["core"]})
    assert api.post(f"/api/jobs/{job['id']}/run", as_="operator").status_code == 202
    assert api.post(f"/api/jobs/{job['id']}/run", as_="viewer").status_code == 403
    assert api.post("/api/users", as_="operator", json={"username": "x", "password": "y" * 10,
                                                        "role": "admin"}).status_code == 403
    assert api.get("/api/audit", as_="operator").status_code == 403
    api.ok("DELETE", f"/api/devices/{dev['id']}", 204, as_="operator")


def test_openapi_and_docs_are_public(api):
    assert api.get("/api/openapi.json", as_=None).status_code == 200
    assert api.get("/api/docs", as_=None).status_code == 200
    assert api.get("/api/docs/assets/swagger-ui-bundle.js", as_=None).status_code == 200
