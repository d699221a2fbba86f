"""The notifier form renders a plugin's declared options, saves them, and keeps its secret
write-only (blank keeps it)."""

from __future__ import annotations

import pytest

from netraven_core.plugins import Registry, get_plugin_manager
from netraven_server.services import catalogue
from tests.support import everything

TOKEN = "ui-plugin-tok-81kk"


@pytest.fixture
def with_plugin():
    catalogue.set_registry(Registry(get_plugin_manager(load_entrypoints=False, extra_plugins=[everything])))
    yield
    catalogue.set_registry(None)


def test_plugin_notifier_form(browser, with_plugin):
    b = browser("admin")
    form = b.get("/notifiers/new").get_data(as_text=True)
    assert 'data-types="list"' in form and 'name="opt_channel"' in form and 'name="opt_token"' in form
    assert '<option >warning</option>' in form or "warning" in form
    saved = b.post("/notifiers/new", {"name": "chat", "type": "list", "events": ["config_changed"],
                                      "enabled": "on", "opt_channel": "#noc", "opt_token": TOKEN,
                                      "opt_level": "warning"})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]
    edit = b.get("/notifiers/1/edit").get_data(as_text=True)
    assert 'value="#noc"' in edit and TOKEN not in edit and "blank keeps it" in edit
    kept = b.post("/notifiers/1/edit", {"name": "chat", "type": "list", "events": ["config_changed"],
                                        "enabled": "on", "opt_channel": "#ops", "opt_level": "info"})
    assert kept.status_code == 302, kept.get_data(as_text=True)[:2000]
    missing = b.post("/notifiers/new", {"name": "c2", "type": "list", "events": ["config_changed"],
                                        "enabled": "on", "opt_token": TOKEN})
    assert missing.status_code == 422 and "channel" in missing.get_data(as_text=True)
