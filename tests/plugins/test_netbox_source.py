"""The NetBox inventory source against a local NetBox REST API stand-in.

NetBox cannot run here; ``tests/support/netbox_api.py`` is a real HTTP server implementing the
REST subset the source uses (pagination with ``count``/``next``, filters, token auth), written
from NetBox's API documentation.  pynetbox talks real HTTP to it.
"""

from __future__ import annotations

import json

import pytest

from netraven_core.cli import main
from netraven_core.errors import InventoryError
from netraven_core.inventory import load_inventory
from netraven_core.simulator import SimulatorThread
from netraven_plugins.inventory.netbox import NetboxInventorySource

from ..support.netbox_api import NetboxStandIn, make_device

TOKEN = "0123456789abcdef0123456789abcdef01234567"


def fleet(n: int) -> list[dict]:
    platforms = ["cisco-ios", "junos", "arista-eos", "ios-xe"]
    return [make_device(i, f"dev-{i:04d}", platform=platforms[i % 4], site=("ams1", "fra2")[i % 2],
                        role=("router", "switch")[i % 3 == 0], tenant="acme" if i % 5 == 0 else None,
                        status="active" if i % 7 else "planned", tags=("backup",) if i % 2 else ())
            for i in range(1, n + 1)]


def settings_file(tmp_path, url, body=""):
    path = tmp_path / "netbox.yaml"
    path.write_text(f"source: netbox\nurl: {url}\n{body}")
    return path


@pytest.fixture
def token_env(monkeypatch):
    monkeypatch.setenv("NETBOX_TOKEN", TOKEN)


def by_name(inventory):
    return {d.hostname: d for d in inventory.devices}


def test_thousand_devices_over_several_pages(tmp_path, token_env):
    with NetboxStandIn(fleet(1000)) as nb:
        inventory = load_inventory(settings_file(tmp_path, nb.url))
        pages = [q for path, q in nb.requests if path == "/api/dcim/devices/"]
    assert len(inventory.devices) == 1000
    assert len(pages) > 2  # the first page, then pynetbox follows "next" links (250 per page at most)
    devices = by_name(inventory)
    d = devices["dev-0005"]
    assert d.host == "10.0.0.5" and d.platform == "juniper_junos" and d.port == 22
    assert {"backup", "site:fra2", "role:router", "tenant:acme"} <= d.tags
    assert devices["dev-0003"].platform == "cisco_xe"
    assert devices["dev-0002"].platform == "arista_eos" and devices["dev-0004"].platform == "cisco_ios"
    assert devices["dev-0003"].tags == {"backup", "site:fra2", "role:switch"}
    assert d.vars["netbox_id"] == 5


def test_filters_are_sent_to_netbox(tmp_path, token_env):
    body = "filters:\n  site: fra2\n  role: [router]\n  tag: backup\n  status: active\n"
    with NetboxStandIn(fleet(200)) as nb:
        inventory = load_inventory(settings_file(tmp_path, nb.url, body))
        query = nb.requests[-1][1]
    expected = {f"dev-{i:04d}" for i in range(1, 201) if i % 2 == 1 and i % 3 and i % 7}
    assert set(by_name(inventory)) == expected
    assert query["site"] == ["fra2"] and query["tag"] == ["backup"] and query["status"] == ["active"]


def test_mapping_custom_fields_and_skipped_devices(tmp_path, token_env):
    devices = [
        make_device(1, "edge-1", platform="acme-os",
                    custom={"netraven_port": 2222, "netraven_driver": "netmiko"}),
        make_device(2, "edge-2", platform="cisco_nxos", custom={"netraven_transport": "telnet"}),
        make_device(3, "pdu-1", ip=None),  # no primary IP: not managed
        make_device(4, None),  # unnamed
        make_device(5, "panel-1", platform=None),
    ]
    body = "platforms:\n  acme-os: vyos\nskip_unmapped: true\n"
    with NetboxStandIn(devices) as nb:
        source = NetboxInventorySource()
        path = settings_file(tmp_path, nb.url, body)
        inventory = source.load(str(path))
    got = by_name(inventory)
    assert set(got) == {"edge-1", "edge-2"}
    assert got["edge-1"].platform == "vyos" and got["edge-1"].port == 2222
    assert got["edge-1"].driver == "netmiko"
    assert got["edge-2"].platform == "cisco_nxos" and got["edge-2"].transport == "telnet"
    assert got["edge-2"].port == 23
    assert source.last_skipped == {"no_name": 1, "no_primary_ip": 1, "unmapped_platform": 1}


def test_unmapped_platform_is_an_error_naming_the_device(tmp_path, token_env):
    with NetboxStandIn([make_device(1, "edge-1", platform="acme-os")]) as nb, \
            pytest.raises(InventoryError) as err:
        load_inventory(settings_file(tmp_path, nb.url))
    assert "'edge-1'" in str(err.value) and "'acme-os'" in str(err.value) and err.value.field == "platforms"


def test_wrong_or_missing_token(tmp_path, monkeypatch):
    monkeypatch.delenv("NETBOX_TOKEN", raising=False)
    with NetboxStandIn(fleet(3)) as nb:
        path = settings_file(tmp_path, nb.url)
        with pytest.raises(InventoryError, match="export NETBOX_TOKEN"):
            load_inventory(path)
        monkeypatch.setenv("NB_KEY", "wrong-token-value")
        path = settings_file(tmp_path, nb.url, "token_env: NB_KEY\n")
        with pytest.raises(InventoryError) as err:
            load_inventory(path)
    assert "HTTP 403" in str(err.value) and "wrong-token-value" not in str(err.value)


def test_unreachable_and_bad_settings(tmp_path, token_env):
    with pytest.raises(InventoryError, match="cannot connect"):
        load_inventory(settings_file(tmp_path, "http://127.0.0.1:9", "timeout: 2\n"))
    with pytest.raises(InventoryError) as err:
        load_inventory(settings_file(tmp_path, "http://x", "filters:\n  sitee: ams1\n"))
    assert err.value.field == "filters.sitee" and "did you mean 'site'" in str(err.value)
    assert err.value.line == 3
    with pytest.raises(InventoryError, match="http"):
        load_inventory(settings_file(tmp_path, "ftp://x"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("source: netbx\nurl: http://x\n")
    with pytest.raises(InventoryError, match="did you mean 'netbox'"):
        load_inventory(bad)


@pytest.mark.integration
def test_cli_backup_from_netbox(tmp_path, capsys, host_key_path, monkeypatch, token_env):
    with SimulatorThread(3, ["cisco_ios", "juniper_junos", "arista_eos"], base_port=0,
                         host_key_path=host_key_path) as sim:
        slugs = {"cisco_ios": "cisco-ios", "juniper_junos": "junos", "arista_eos": "eos"}
        devices = [make_device(i, d.hostname, ip=f"{d.host}/32", platform=slugs[d.platform], tags=("sim",),
                               custom={"netraven_port": d.port}) for i, d in enumerate(sim.devices, 1)]
        monkeypatch.setenv("SIM_PASSWORD", sim.password)
        body = ("credentials:\n  - name: sim\n    username: " + sim.username +
                "\n    password: ${SIM_PASSWORD}\n    tags: [sim]\n")
        if sim.enable_secret:
            monkeypatch.setenv("SIM_ENABLE", sim.enable_secret)
            body += "    enable_secret: ${SIM_ENABLE}\n"
        with NetboxStandIn(devices) as nb:
            path = settings_file(tmp_path, nb.url, body)
            capsys.readouterr()
            code = main(["backup", "--inventory", str(path), "--storage", str(tmp_path / "store"),
                         "--timeout", "20", "--json"])
            out = capsys.readouterr().out
    result = json.loads(out)
    assert code == 0, result
    assert sorted(d["hostname"] for d in result["devices"]) == sorted(d.hostname for d in sim.devices)
    assert result["summary"]["ok"] == 3


def test_cli_reports_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NETBOX_TOKEN", raising=False)
    path = settings_file(tmp_path, "http://127.0.0.1:9")
    capsys.readouterr()
    code = main(["backup", "--inventory", str(path), "--storage", str(tmp_path / "store")])
    err = capsys.readouterr().err
    assert code == 2 and "NETBOX_TOKEN" in err and "Traceback" not in err
