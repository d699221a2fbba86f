"""Credential harvesting closed: a credential bound to address scopes is never sent to a device
whose address lies outside them (the simulator sees no login at all), and operators cannot aim
a device's address outside the scopes of the credentials it would receive."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from netraven_server.db.models import AuditEvent, Credential, RunResult

from .test_service_api import api  # noqa: F401 - the app-with-simulator fixture

pytestmark = pytest.mark.integration


def _scope(app, scopes):
    state = app.extensions["netraven"]
    with state.db.session() as s:
        s.scalars(select(Credential).where(Credential.name == "sim-admin")).one().scopes = scopes


def _run(client, app):
    started = client.call("POST", f"/api/jobs/{app.config['JOB_ID']}/run", 202, as_="operator").get_json()
    return client.call("GET", f"/api/runs/{started['run_id']}", 200).get_json()


def test_out_of_scope_credential_is_never_sent(api, sim):  # noqa: F811
    client, app = api
    cred_id = client.call("GET", "/api/credentials?name=sim-admin", 200).get_json()["items"][0]["id"]
    bad = client.call("PATCH", f"/api/credentials/{cred_id}", 422, json={"scopes": ["10.0.0.0/33"]})
    assert "scopes" in bad.get_json()["errors"]["json"]
    scoped = client.call("PATCH", f"/api/credentials/{cred_id}", 200, json={"scopes": ["10.99.1.2/16"]})
    assert scoped.get_json()["scopes"] == ["10.99.0.0/16"]  # normalised
    sim.login_attempts.clear()
    run = _run(client, app)
    assert run["status"] == "failed"
    state = app.extensions["netraven"]
    with state.db.session(readonly=True) as s:
        rows = [(r.error_category, r.error) for r in
                s.scalars(select(RunResult).where(RunResult.run_id == run["id"]))]
    assert rows and {category for category, _ in rows} == {"out_of_scope"}
    assert "no credential was sent" in rows[0][1]
    assert sim.login_attempts == []  # not one password login reached any simulated device
    # Inside its scopes the same credential works again.
    client.call("PATCH", f"/api/credentials/{cred_id}", 200, json={"scopes": ["127.0.0.0/8"]})
    assert _run(client, app)["status"] == "success"
    assert {h for h, _u in sim.login_attempts} == {d.hostname for d in sim.devices}


def test_operators_cannot_aim_devices_outside_the_scopes(api, monkeypatch):  # noqa: F811
    client, app = api
    _scope(app, ["127.0.0.0/8"])
    body = {"hostname": "harvest", "host": "203.0.113.9", "platform": "cisco_ios", "tags": ["sim"]}
    # The scopes are the admin's: an operator cannot widen them (a new credential of their own
    # may carry any).
    cred_id = client.call("GET", "/api/credentials?name=sim-admin", 200).get_json()["items"][0]["id"]
    client.call("PATCH", f"/api/credentials/{cred_id}", 403, as_="operator", json={"scopes": ["0.0.0.0/0"]})
    client.call("PATCH", f"/api/credentials/{cred_id}", 403, as_="operator", json={"scopes": []})
    client.call("POST", "/api/credentials", 201, as_="operator", json={
        "name": "mine", "username": "u", "password": "p-1", "tags": ["mine"], "scopes": ["192.0.2.0/24"]})
    refused = client.call("POST", "/api/devices", 422, as_="operator", json=body).get_json()
    assert "sim-admin" in refused["errors"]["json"]["host"][0]
    inside = client.call("POST", "/api/devices", 201, as_="operator",
                         json={**body, "host": "127.0.0.9"}).get_json()
    # Moving it out, or giving an out-of-scope device the credential's tag, is refused too.
    client.call("PATCH", f"/api/devices/{inside['id']}", 422, as_="operator", json={"host": "203.0.113.9"})
    other = client.call("POST", "/api/devices", 201, as_="operator",
                        json={**body, "hostname": "elsewhere", "tags": ["lab"]}).get_json()
    client.call("PATCH", f"/api/devices/{other['id']}", 422, as_="operator", json={"tags": ["lab", "sim"]})
    # An import is checked row by row.
    text = ("devices:\n  - hostname: imported\n    host: 198.51.100.7\n    platform: cisco_ios\n"
            "    tags: [sim]\n")
    report = client.call("POST", "/api/devices/import?format=yaml", 200, as_="operator",
                         data=text, content_type="application/yaml").get_json()
    assert report["counts"]["created"] == 0 and report["rejected"][0]["field"] == "imported.host"
    # An admin may, and it is audited.
    client.call("PATCH", f"/api/devices/{inside['id']}", 200, json={"host": "203.0.113.9"})
    state = app.extensions["netraven"]
    with state.db.session(readonly=True) as s:
        entry = s.scalars(select(AuditEvent).where(AuditEvent.action == "address_outside_scopes")).one()
        assert entry.entity_name == "harvest" and entry.actor == "admin"
        assert entry.changes == {"host": "203.0.113.9", "credentials": ["sim-admin"]}
    # Stricter: operators may not set addresses at all.
    monkeypatch.setenv("NETRAVEN_OPERATOR_DEVICE_ADDRESSES", "never")
    client.call("PATCH", f"/api/devices/{inside['id']}", 403, as_="operator", json={"host": "127.0.0.10"})
    client.call("POST", "/api/devices", 403, as_="operator",
                json={**body, "hostname": "n2", "host": "127.0.0.2"})
    client.call("PATCH", f"/api/devices/{inside['id']}", 200, as_="operator", json={"description": "ok"})
