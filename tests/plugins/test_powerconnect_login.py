"""Dell PowerConnect over real SSH: the switch lets SSH in with the "none" method and asks
"User Name:" / "Password:" in the shell.  netmiko's ``dell_powerconnect`` logs in exactly so
(paramiko's own log says which method succeeded); every driver the catalogue lists backs the
switch up, and a wrong in-band password is an authentication error with every driver."""

from __future__ import annotations

import logging
import socket
import time

import paramiko
import pytest
import yaml

from netraven_core.engine import run_backup
from netraven_core.engine.hostkeys import MemoryHostKeyStore
from netraven_core.errors import ErrorCategory as C
from netraven_core.errors import FetchError
from netraven_core.inventory import load_inventory
from netraven_core.models import Credential
from netraven_core.plugins import Registry
from netraven_core.simulator import SimulatorThread

from .test_drivers_integration import CATALOGUE, ROOMY, expected_output, fetch, target_for

pytestmark = pytest.mark.integration

PLATFORM = CATALOGUE["dell_powerconnect"]


@pytest.fixture(scope="module")
def sim(host_key_path):
    # Device 0 a PowerConnect, device 1 an IOS router (password authentication only), device 2
    # a Cisco SB switch asking in the shell (without "ip ssh password-auth").
    with SimulatorThread(3, ["dell_powerconnect", "cisco_ios", "cisco_sb"], base_port=0,
                         host_key_path=host_key_path, config_size=6000,
                         variants={2: "inband"}) as running:
        for dev in running.devices:
            running.set_config(dev.hostname, running.generated(dev.hostname).text)
        yield running


def _transport(sim, index: int) -> paramiko.Transport:
    dev = sim.devices[index]
    transport = paramiko.Transport(socket.create_connection((dev.host, dev.port), timeout=ROOMY))
    transport.start_client(timeout=ROOMY)
    return transport


def _read_until(channel: paramiko.Channel, text: str) -> str:
    seen, deadline = "", time.monotonic() + ROOMY
    while text not in seen and time.monotonic() < deadline:
        if channel.recv_ready():
            seen += channel.recv(4096).decode()
        else:
            time.sleep(0.02)
    assert text in seen, seen
    return seen


def test_none_authentication_then_the_shell_asks_for_the_login(sim):
    transport = _transport(sim, 0)
    try:
        assert transport.auth_none("anyone") == []
        assert transport.is_authenticated()
        channel = transport.open_session()
        channel.get_pty()
        channel.invoke_shell()
        _read_until(channel, "User Name:")
        channel.send(b"admin\r")
        _read_until(channel, "Password:")
        channel.send(b"sim-password\r")
        _read_until(channel, f"{sim.devices[0].hostname}>")
    finally:
        transport.close()


def test_no_command_runs_without_the_in_shell_login(sim):
    """"none" lets anyone open a session: an exec request must not skip the shell's login."""
    transport = _transport(sim, 0)
    try:
        transport.auth_none("anyone")
        channel = transport.open_session()
        channel.exec_command("show running-config")
        out = channel.makefile("rb").read().decode()
    finally:
        transport.close()
    assert "not available" in out
    assert not [s for s in sim.generated(sim.devices[0].hostname).secrets if s in out]


def test_a_password_only_device_refuses_none_authentication(sim):
    transport = _transport(sim, 1)
    try:
        with pytest.raises(paramiko.BadAuthenticationType) as info:
            transport.auth_none("admin")
        assert "password" in info.value.allowed_types
    finally:
        transport.close()


@pytest.mark.parametrize("driver", sorted(PLATFORM.drivers))
def test_every_listed_driver_backs_up_a_powerconnect(sim, driver, caplog):
    dev = sim.devices[0]
    with caplog.at_level(logging.INFO, logger="paramiko.transport"):
        out = fetch(driver, target_for(sim, dev.hostname, timeout=ROOMY))
    assert out.text == expected_output(sim.generated(dev.hostname).text)
    assert out.host_key == sim.host_key_line
    assert [name for name, _text in out.sections] == [s.name for s in PLATFORM.sections]
    assert "sim-password" not in out.text and "sim-enable" not in out.text
    if driver == "netmiko":  # paramiko logs the method that let it in
        assert "Authentication (none) successful!" in caplog.text


def test_netmiko_options_name_its_powerconnect_driver():
    assert PLATFORM.drivers["netmiko"] == {"device_type": "dell_powerconnect"}
    assert PLATFORM.inband_login and "telnet" in PLATFORM.transports


@pytest.mark.parametrize("driver", sorted(PLATFORM.drivers))
def test_wrong_in_band_password_is_an_auth_error(sim, driver):
    """Not a timeout: the switch asking for the user name again is the verdict (netmiko alone
    would wait for a prompt for 20 s and report "Pattern not detected")."""
    wrong = Credential("c", "admin", password="not-the-password-42", enable_secret="sim-enable")
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch(driver, target_for(sim, sim.devices[0].hostname, timeout=ROOMY, credential=wrong))
    assert info.value.category is C.AUTH, info.value
    assert wrong.password not in info.value.message
    assert time.monotonic() - started < ROOMY / 2


def test_netmiko_class_without_an_in_band_login_says_so(sim):
    """netmiko's cisco_s300 does not answer "User Name:": a clear PROMPT error at once, where
    netmiko alone would time out; the ssh driver backs the switch up."""
    dev = sim.devices[2]
    with pytest.raises(FetchError) as info:
        fetch("netmiko", target_for(sim, dev.hostname, timeout=ROOMY))
    assert info.value.category is C.PROMPT, info.value
    assert "User Name:" in info.value.message and "ssh driver" in info.value.message
    out = fetch("ssh", target_for(sim, dev.hostname, timeout=ROOMY))
    assert out.text == expected_output(sim.generated(dev.hostname).text)


@pytest.mark.parametrize("driver", sorted(PLATFORM.drivers))
def test_engine_backs_up_a_powerconnect_into_git(sim, tmp_path, driver):
    """The whole run (inventory, engine, cleaning, git) with each listed driver: the stored file
    has the hardware header (the switch's own serial) and no secret; a second run commits nothing."""
    dev = sim.devices[0]
    sim.write_inventory(tmp_path / "all.yaml")
    data = yaml.safe_load((tmp_path / "all.yaml").read_text())
    data["devices"] = [dict(d, driver=driver) for d in data["devices"] if d["hostname"] == dev.hostname]
    (tmp_path / "inv.yaml").write_text(yaml.safe_dump(data))
    registry = Registry()
    storage = registry.storage("git", str(tmp_path / "store"))
    keys = MemoryHostKeyStore()
    inventory = load_inventory(tmp_path / "inv.yaml", registry=registry)
    first = run_backup(inventory, storage, registry=registry, timeout=ROOMY, host_keys=keys)
    assert [(r.ok, r.changed) for r in first.results] == [(True, True)], first.results[0].error
    text = storage.latest_text(dev.hostname)
    serial = sim.facts.fields(dev.hostname)["serial"]
    assert text.startswith("! -- version: show version --\n")
    assert f"! Serial Number: {serial}\n" in text and "System Up Time" not in text
    assert not [s for s in sim.generated(dev.hostname).secrets if len(s) >= 4 and s in text]
    second = run_backup(inventory, storage, registry=registry, timeout=ROOMY, host_keys=keys)
    assert [(r.ok, r.changed) for r in second.results] == [(True, False)]
