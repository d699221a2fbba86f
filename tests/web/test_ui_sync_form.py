"""The job form's inventory-sync part: a Source select over the installed inventory sources
and, per source, an input for each declared option (web/job_sync_form.py, web/option_fields.py).
Jobs are created and edited through the form as a browser posts it, for the built-in NetBox
source, the installed test distribution's ``ini`` source (location only, admin) and a plugin
source declaring every kind of option; errors come back under the input's name."""

from __future__ import annotations

import html
import importlib
import re
import sys
from typing import ClassVar

import pytest
from marshmallow import Schema, fields

from netraven_core import Device, Inventory, hookimpl
from netraven_core.plugins import Registry, get_plugin_manager
from netraven_server.db.models import Job
from netraven_server.services import catalogue

from ..server.test_installed_plugin import DIST_DIR

BASE = {"name": "sync", "job_type": "inventory_sync", "schedule_type": "manual", "enabled": "on"}
VAULT_PASSWORD = "vault-pw-Zq81"


class ApiOptions(Schema):
    endpoint = fields.String(required=True, metadata={"description": "where the inventory API answers"})
    page_size = fields.Integer(load_default=100)
    sites = fields.List(fields.String(), metadata={"description": "sites to read"})
    labels = fields.Dict(keys=fields.String(), values=fields.String())
    lab = fields.Boolean(load_default=False, metadata={"description": "include lab devices"})


class ApiSource:
    """Devices from the ACME inventory API (one per site here)."""

    name: ClassVar[str] = "acme_api"
    options_schema: ClassVar[type[Schema]] = ApiOptions

    def load(self, location):
        raise NotImplementedError("acme_api loads from its options")

    def load_options(self, options):
        devices = [Device(hostname=f"acme-{s}", host=f"10.9.0.{i}", platform="cisco_ios")
                   for i, s in enumerate(options.get("sites") or [], 1)]
        return Inventory(devices=tuple(devices)), []


class VaultOptions(Schema):
    address = fields.String(required=True)
    password = fields.String(required=True, metadata={"secret": True, "description": "vault password"})


class VaultSource:
    """Devices from a vault (needs a password: not usable by a sync job)."""

    name: ClassVar[str] = "acme_vault"
    options_schema: ClassVar[type[Schema]] = VaultOptions

    def load(self, location):
        raise NotImplementedError

    def load_options(self, options):
        return Inventory(devices=()), []


class SourcesPlugin:
    @hookimpl
    def netraven_inventory_sources(self):
        return [ApiSource, VaultSource]


@pytest.fixture
def plugin_sources():
    manager = get_plugin_manager(load_entrypoints=False, extra_plugins=[SourcesPlugin()])
    catalogue.set_registry(Registry(manager))
    yield
    catalogue.set_registry(None)


@pytest.fixture
def installed():
    sys.path.insert(0, str(DIST_DIR))
    importlib.invalidate_caches()
    catalogue.set_registry(Registry())  # the test distribution found through its entry point
    yield
    catalogue.set_registry(None)
    sys.path.remove(str(DIST_DIR))
    importlib.invalidate_caches()


def _options(app, job_id=1):
    with app.extensions["netraven"].db.session() as s:
        return dict(s.get(Job, job_id).options)


def _field_error(page: str, name: str) -> str:
    """The error shown right after the input named ``name``."""
    found = re.search(re.escape(f'name="{name}"') + r'(?:(?!name=").)*?</label>\s*'
                      r'<div class="field-error">([^<]*)</div>', page, re.S)
    return html.unescape(found.group(1)) if found else ""


def test_netbox_sync_job_created_and_edited_through_the_form(app, browser):
    b = browser("operator")
    form = b.get("/jobs/new").get_data(as_text=True)
    assert '<select name="opt_source" data-switch="source">' in form
    assert '<option value="netbox" selected>' in form
    assert 'data-for="source" data-types="netbox"' in form
    assert 'name="opt_netbox.url"' in form and '<textarea name="opt_netbox.filters"' in form
    assert 'name="opt_netbox.verify_tls" checked' in form and 'name="opt_disable_missing" checked' in form
    assert "NetBox base URL" in form and 'title="required">*</abbr>' in form
    assert 'name="opt_location"' not in form  # admin-only
    saved = b.post("/jobs/new", {**BASE, "opt_source": "netbox", "opt_netbox.url": "https://netbox.example.net",
                                 "opt_netbox.filters": "site = dc1, dc2\nstatus = active",
                                 "opt_netbox.platforms": "ios = cisco_ios", "opt_netbox.timeout": "12",
                                 "opt_netbox.skip_unmapped": "on", "opt_timeout": "5"})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:3000]
    assert _options(app) == {"source": "netbox", "disable_missing": False, "source_options": {
        "url": "https://netbox.example.net", "filters": {"site": ["dc1", "dc2"], "status": "active"},
        "platforms": {"ios": "cisco_ios"}, "timeout": 12.0, "skip_unmapped": True, "verify_tls": False}}
    edit = b.get("/jobs/1/edit").get_data(as_text=True)
    assert 'name="opt_netbox.url" value="https://netbox.example.net"' in edit
    assert "site = dc1, dc2\nstatus = active" in edit and "ios = cisco_ios" in edit
    assert 'name="opt_netbox.skip_unmapped" checked' in edit and 'name="opt_netbox.verify_tls" >' in edit
    assert 'name="opt_disable_missing" >' in edit
    again = b.post("/jobs/1/edit", {**BASE, "opt_source": "netbox", "opt_netbox.url": "https://nb2.example.net",
                                    "opt_netbox.filters": "tag = core", "opt_netbox.verify_tls": "on",
                                    "opt_disable_missing": "on"})
    assert again.status_code == 302, again.get_data(as_text=True)[:3000]
    assert _options(app) == {"source": "netbox", "disable_missing": True, "source_options": {
        "url": "https://nb2.example.net", "filters": {"tag": "core"}, "verify_tls": True,
        "skip_unmapped": False}}


def test_sync_form_errors_name_the_field(app, browser):
    b = browser("operator")
    bad = b.post("/jobs/new", {**BASE, "opt_source": "netbox", "opt_netbox.url": "ftp://netbox"})
    assert bad.status_code == 422
    assert "http(s) URL" in _field_error(bad.get_data(as_text=True), "opt_netbox.url")
    key = b.post("/jobs/new", {**BASE, "opt_source": "netbox", "opt_netbox.url": "https://nb.example.net",
                               "opt_netbox.filters": "colour = red"})
    assert key.status_code == 422
    assert _field_error(key.get_data(as_text=True), "opt_netbox.filters").startswith("colour: key: Must")
    typed = b.post("/jobs/new", {**BASE, "opt_source": "netbox", "opt_netbox.url": "https://nb.example.net",
                                 "opt_netbox.timeout": "soon", "opt_netbox.platforms": "no separator"})
    page = typed.get_data(as_text=True)
    assert typed.status_code == 422
    assert _field_error(page, "opt_netbox.timeout") == "must be a number"
    assert _field_error(page, "opt_netbox.platforms") == "line 1: expected key = value"
    assert 'value="soon"' in page and ">no separator</textarea>" in page  # nothing typed is lost
    missing = b.post("/jobs/new", {**BASE, "opt_source": "netbox"})
    assert missing.status_code == 422 and "required" in _field_error(missing.get_data(as_text=True),
                                                                     "opt_netbox.url").lower()
    unknown = b.post("/jobs/new", {**BASE, "opt_source": "nosuch"})
    assert unknown.status_code == 422 and "unknown inventory source" in unknown.get_data(as_text=True)
    assert b.get("/jobs").status_code == 200 and not _jobs(app)


def _jobs(app):
    with app.extensions["netraven"].db.session() as s:
        return s.query(Job).count()


def test_installed_plugin_source_loads_from_a_location(app, browser, installed, tmp_path):
    inventory = tmp_path / "lab.ini"
    inventory.write_text("ini1 = 10.7.0.1 cisco_ios\n")
    admin = browser("admin")
    form = admin.get("/jobs/new").get_data(as_text=True)
    assert '<option value="ini" >ini (plugin)</option>' in form and "tests.support.everything" in form
    assert "loads from a location" in form and 'name="opt_location"' in form
    missing = admin.post("/jobs/new", {**BASE, "opt_source": "ini", "opt_disable_missing": "on"})
    assert missing.status_code == 422
    assert "loads from a location" in _field_error(missing.get_data(as_text=True), "opt_location")
    saved = admin.post("/jobs/new", {**BASE, "opt_source": "ini", "opt_location": str(inventory),
                                     "opt_disable_missing": "on"})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:3000]
    assert _options(app) == {"source": "ini", "source_options": {}, "location": str(inventory),
                             "disable_missing": True}
    edit = admin.get("/jobs/1/edit").get_data(as_text=True)
    assert '<option value="ini" selected>' in edit and f'value="{inventory}"' in edit
    operator = browser("operator")
    shown = operator.get("/jobs/1/edit").get_data(as_text=True)
    assert str(inventory) in shown and "only an admin can save this job" in shown
    refused = operator.post("/jobs/new", {**BASE, "name": "op", "opt_source": "ini",
                                          "opt_location": "/etc/passwd", "opt_disable_missing": "on"})
    assert refused.status_code == 403
    assert '<div class="field-error">location is admin-only</div>' in refused.get_data(as_text=True)


def test_plugin_source_with_declared_options(app, browser, plugin_sources):
    b = browser("operator")
    form = b.get("/jobs/new").get_data(as_text=True)
    assert 'data-types="acme_api"' in form and 'name="opt_acme_api.page_size" step="1" value="100"' in form
    assert '<textarea name="opt_acme_api.sites"' in form and "include lab devices" in form
    assert "acme_vault source has secret options (password)" in form
    assert 'name="opt_acme_vault.password"' not in form  # a job cannot hold it: no input
    saved = b.post("/jobs/new", {**BASE, "opt_source": "acme_api", "opt_acme_api.endpoint": "https://inv.acme",
                                 "opt_acme_api.page_size": "20", "opt_acme_api.sites": "par1\nlon2",
                                 "opt_acme_api.labels": "team = noc", "opt_acme_api.lab": "on",
                                 "opt_disable_missing": "on"})
    assert saved.status_code == 302, saved.get_data(as_text=True)[:3000]
    assert _options(app)["source_options"] == {"endpoint": "https://inv.acme", "page_size": 20,
                                               "sites": ["par1", "lon2"], "labels": {"team": "noc"},
                                               "lab": True}
    edit = b.get("/jobs/1/edit").get_data(as_text=True)
    assert ">par1\nlon2</textarea>" in edit and "team = noc" in edit and 'value="20"' in edit
    bad = b.post("/jobs/1/edit", {**BASE, "opt_source": "acme_api", "opt_acme_api.page_size": "many"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422 and _field_error(page, "opt_acme_api.page_size") == "must be a whole number"
    vault = b.post("/jobs/new", {**BASE, "name": "vault", "opt_source": "acme_vault",
                                 "opt_acme_vault.address": "https://vault",
                                 "opt_acme_vault.password": VAULT_PASSWORD})
    page = vault.get_data(as_text=True)
    assert vault.status_code == 422 and "which a job cannot hold" in page and VAULT_PASSWORD not in page
    assert _jobs(app) == 1


def test_viewer_cannot_create_a_sync_job(app, browser):
    b = browser("viewer")
    refused = b.post("/jobs/new", {**BASE, "opt_source": "netbox", "opt_netbox.url": "https://netbox.example.net"})
    assert refused.status_code == 403 and not _jobs(app)
