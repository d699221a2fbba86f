"""Telnet, per device: the native driver over real telnet to the simulator (the same dialogue as
over SSH, in-band login), netmiko's telnet classes, auth and enable failures, the inventory's
``transport`` field and the clear-text notice of ``netraven backup``."""

from __future__ import annotations

import json
import textwrap
from dataclasses import replace

import pytest

from netraven_core.errors import ErrorCategory as C
from netraven_core.errors import FetchError, InventoryError
from netraven_core.inventory import load_inventory
from netraven_core.models import ConnectionTarget, Device
from netraven_core.plugins import Registry
from netraven_core.simulator import SimulatorThread, known_profiles

from .test_drivers_integration import CATALOGUE, CRED, FAULT_TIMEOUT, ROOMY, expected_output, fetch

REGISTRY = Registry()
TELNET_PLATFORMS = [name for name, p in known_profiles().items()
                    if p.telnet and name in CATALOGUE and "telnet" in CATALOGUE[name].transports]
# Extra devices after the one per platform: (platform, fault).
FAULTED = (("cisco_ios", "auth"), ("cisco_ios", "enable"), ("juniper_junos", "auth"))


def telnet_target(sim, index: int, **kwargs) -> ConnectionTarget:
    dev = sim.devices[index]
    device = Device(dev.hostname, dev.host, dev.platform, port=dev.port, transport="telnet")
    return ConnectionTarget(device, kwargs.pop("platform", CATALOGUE[dev.platform]),
                            kwargs.pop("credential", CRED), timeout=kwargs.pop("timeout", ROOMY),
                            **kwargs)


@pytest.fixture(scope="module")
def telnet_sim(host_key_path):
    platforms = [*TELNET_PLATFORMS, *(p for p, _f in FAULTED)]
    faults = {len(TELNET_PLATFORMS) + i: fault for i, (_p, fault) in enumerate(FAULTED)}
    with SimulatorThread(len(platforms), platforms, base_port=0, host_key_path=host_key_path,
                         faults=faults, transports={i: "telnet" for i in range(len(platforms))},
                         config_size=6000) as sim:
        for dev in sim.devices:
            sim.set_config(dev.hostname, sim.generated(dev.hostname).text)
        yield sim


def _faulted(platform: str, fault: str) -> int:
    return len(TELNET_PLATFORMS) + FAULTED.index((platform, fault))


NETMIKO = [p for p in ("cisco_ios", "cisco_xe", "juniper_junos", "arista_eos", "dell_powerconnect")
           if p in TELNET_PLATFORMS]
CASES = [("ssh", p) for p in TELNET_PLATFORMS] + [("netmiko", p) for p in NETMIKO]


@pytest.mark.integration
@pytest.mark.parametrize(("driver", "platform"), CASES, ids=[f"{d}-{p}" for d, p in CASES])
def test_driver_over_telnet_fetches_the_exact_config(telnet_sim, driver, platform):
    """The native driver for every telnet platform; netmiko's telnet classes where they exist."""
    index = TELNET_PLATFORMS.index(platform)
    out = fetch(driver, telnet_target(telnet_sim, index))
    assert out.text == expected_output(telnet_sim.generated(telnet_sim.devices[index].hostname).text)
    assert out.host_key is None  # telnet has none
    assert "sim-password" not in out.text and "sim-enable" not in out.text


@pytest.mark.integration
def test_netmiko_without_a_telnet_class_says_so(telnet_sim):
    index = TELNET_PLATFORMS.index("fortinet") if "fortinet" in TELNET_PLATFORMS else 0
    platform = CATALOGUE[telnet_sim.devices[index].platform]
    platform = replace(platform, drivers={**platform.drivers, "netmiko": {"device_type": "fortinet"}})
    with pytest.raises(FetchError, match="no telnet driver"):
        fetch("netmiko", telnet_target(telnet_sim, index, platform=platform))


@pytest.mark.integration
@pytest.mark.parametrize("platform", ["cisco_ios", "juniper_junos"])
def test_telnet_login_refused_is_auth(telnet_sim, platform):
    with pytest.raises(FetchError) as info:
        fetch("ssh", telnet_target(telnet_sim, _faulted(platform, "auth"), timeout=10.0))
    assert info.value.category is C.AUTH, info.value
    assert "sim-password" not in info.value.message


@pytest.mark.integration
def test_telnet_wrong_enable_is_enable(telnet_sim):
    with pytest.raises(FetchError) as info:
        fetch("ssh", telnet_target(telnet_sim, _faulted("cisco_ios", "enable"), timeout=10.0))
    assert info.value.category is C.ENABLE, info.value
    assert "sim-enable" not in info.value.message


@pytest.mark.integration
def test_telnet_to_a_closed_port_is_refused(telnet_sim):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        target = telnet_target(telnet_sim, 0, timeout=FAULT_TIMEOUT)
        target = replace(target, device=replace(target.device, port=port))
        with pytest.raises(FetchError) as info:
            fetch("ssh", target)
    assert info.value.category is C.REFUSED, info.value


# --------------------------------------------------------------------------- inventory


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def test_inventory_transport_telnet_defaults_to_port_23(tmp_path):
    inv = load_inventory(_write(tmp_path, "inv.yaml", """\
        devices:
          - {hostname: old-sw, platform: cisco_ios, transport: telnet}
          - {hostname: old-sw2, platform: cisco_ios, transport: telnet, port: 2323}
          - {hostname: new-sw, platform: cisco_ios}
        """), REGISTRY)
    assert [(d.transport, d.port) for d in inv.devices] == [("telnet", 23), ("telnet", 2323), ("ssh", 22)]
    csv_text = "hostname,platform,transport\nsw,juniper_junos,telnet\n"
    inv = load_inventory(_write(tmp_path, "inv.csv", csv_text), REGISTRY)
    assert (inv.devices[0].transport, inv.devices[0].port) == ("telnet", 23)


@pytest.mark.parametrize(("name", "text", "line", "field", "words"), [
    ("a.yaml", "devices:\n  - hostname: pa1\n    platform: paloalto_panos\n    transport: telnet\n",
     4, "devices[0].transport", ["not reachable over telnet", "ssh"]),
    ("b.yaml", "devices:\n  - hostname: sw\n    platform: cisco_ios\n    transport: telent\n",
     4, "devices[0].transport", ["unknown transport", "telnet"]),
    ("c.csv", "hostname,platform,transport\nsw,cisco_ios,ssh\npa,paloalto_panos,telnet\n",
     3, "devices[1].transport", ["not reachable over telnet"]),
])
def test_inventory_transport_errors_name_file_line_and_field(tmp_path, name, text, line, field, words):
    path = _write(tmp_path, name, text)
    with pytest.raises(InventoryError) as info:
        load_inventory(path, REGISTRY)
    err = info.value
    assert (err.source, err.line, err.field) == (str(path), line, field), str(err)
    for word in words:
        assert word in str(err)


@pytest.mark.integration
def test_backup_cli_names_the_telnet_devices(tmp_path, capsys, host_key_path):
    from netraven_core.cli import main

    with SimulatorThread(2, ["cisco_ios"], base_port=0, host_key_path=host_key_path,
                         transports={1: "telnet"}) as sim:
        sim.write_inventory(tmp_path / "inv.yaml")
        capsys.readouterr()
        code = main(["backup", "--inventory", str(tmp_path / "inv.yaml"), "--storage",
                     str(tmp_path / "store"), "--timeout", "20", "--json"])
        out, err = capsys.readouterr()
    assert code == 0, out + err
    assert json.loads(out)["summary"]["ok"] == 2
    assert "1 device(s) use telnet" in err and "clear text" in err and "sim-0001" in err
    assert "sim-0000" not in err
