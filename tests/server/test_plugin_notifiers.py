"""A plugin's notifier type in the server: listed with its declared options, validated, its
secret option stored encrypted and never returned, and delivering through the plugin class."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from netraven_core.plugins import Registry, get_plugin_manager
from netraven_server.db.models import Notifier
from netraven_server.services import catalogue
from tests.support import everything

TOKEN = "plugin-tok-Zq93xx"


@pytest.fixture
def with_plugin():
    catalogue.set_registry(Registry(get_plugin_manager(load_entrypoints=False, extra_plugins=[everything])))
    everything.DELIVERED.clear()
    yield
    catalogue.set_registry(None)


def test_types_list_the_plugin_with_its_options(api, with_plugin):
    types = {t["name"]: t for t in api.ok("GET", "/api/notifiers/types")}
    assert {"webhook", "slack", "teams", "email", "list"} <= set(types)
    listed = types["list"]
    assert listed["source"] == "plugin" and listed["plugin"] == everything.__name__
    opts = {o["name"]: o for o in listed["options"]}
    assert opts["token"]["secret"] and opts["token"]["required"] and not opts["channel"]["secret"]
    assert opts["level"]["choices"] == ["info", "warning"] and opts["level"]["default"] == "info"
    assert api.get("/api/notifiers/types", as_="operator").status_code == 403


def test_create_validate_encrypt_and_deliver(api, app, with_plugin):
    bad = api.post("/api/notifiers", json={"name": "l", "type": "list", "events": ["config_changed"],
                                           "options": {"channel": "#noc"}})
    assert bad.status_code == 422 and "token" in bad.get_data(as_text=True)
    created = api.ok("POST", "/api/notifiers", 201, json={
        "name": "chat", "type": "list", "events": ["config_changed"],
        "options": {"channel": "#noc", "token": TOKEN}})
    assert created["options"] == {"channel": "#noc", "level": "info"} and created["secrets_set"] == ["token"]
    with app.extensions["netraven"].db.session(readonly=True) as s:
        row = s.scalars(select(Notifier).where(Notifier.name == "chat")).one()
        assert TOKEN not in str(row.options) and row.options["plugin_secrets"]["token"]
    # PATCH without the secret keeps it; a bad choice names the option.
    api.ok("PATCH", f"/api/notifiers/{created['id']}", json={"options": {"channel": "#ops"}})
    wrong = api.patch(f"/api/notifiers/{created['id']}",
                      json={"options": {"channel": "#ops", "level": "loud"}})
    assert wrong.status_code == 422 and "level" in wrong.get_data(as_text=True)
    outcome = api.ok("POST", f"/api/notifiers/{created['id']}/test")
    assert outcome["ok"], outcome
    options, event = everything.DELIVERED[-1]
    assert options == {"channel": "#ops", "level": "info", "token": TOKEN}
    assert event.type.value == "run_finished"
    assert TOKEN not in api.all_text()


def test_unknown_type_is_refused_with_the_known_ones(api, with_plugin):
    resp = api.post("/api/notifiers", json={"name": "x", "type": "pager", "events": ["config_changed"]})
    assert resp.status_code == 422 and "list" in resp.get_data(as_text=True)
