"""Job types and inventory-source types are listed with their options schemas, like notifier
types (``GET /api/notifiers/types``)."""

from __future__ import annotations


def test_job_types_with_options(api):
    types = {t["name"]: t for t in api.ok("GET", "/api/jobs/types")}
    assert {"backup", "reachability", "inventory_sync"} <= set(types)
    sync = types["inventory_sync"]
    assert sync["scope"] == "job" and sync["source"] == "builtin"
    options = {o["name"]: o for o in sync["options"]}
    assert options["source"]["required"] is True and options["disable_missing"]["default"] is True
    backup = {o["name"]: o for o in types["backup"]["options"]}
    assert backup["host_key_mode"]["choices"] == ["tofu", "strict", "off"]
    assert types["backup"]["scope"] == "device"


def test_inventory_source_types_with_options(api):
    types = {t["name"]: t for t in api.ok("GET", "/api/inventory/sources/types", as_="viewer")}
    assert {"yaml", "csv", "netbox"} <= set(types)
    netbox = types["netbox"]
    assert netbox["loads"] == ["options", "location"] and netbox["source"] == "builtin"
    options = {o["name"]: o for o in netbox["options"]}
    assert options["url"]["required"] is True and not any(o["secret"] for o in netbox["options"])
    assert types["yaml"]["suffixes"] == [".yaml", ".yml"] and types["yaml"]["text_import"] is True


def test_sync_job_without_targets_and_location_is_admin_only(api):
    body = {"name": "nb", "job_type": "inventory_sync",
            "options": {"source": "netbox", "source_options": {"url": "https://netbox.example.net"}}}
    created = api.ok("POST", "/api/jobs", 201, json=body)
    assert created["tags"] == [] and created["job_type"] == "inventory_sync"
    refused = api.post("/api/jobs", as_="operator", json={
        "name": "file", "job_type": "inventory_sync",
        "options": {"source": "yaml", "location": "/etc/passwd"}})
    assert refused.status_code == 403
    bad = api.post("/api/jobs", json={"name": "x", "job_type": "inventory_sync",
                                      "options": {"source": "netbox", "source_options": {"url": 5}}})
    assert bad.status_code == 422 and "options.source_options.url" in bad.get_json()["errors"]["json"]
