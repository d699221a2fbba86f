"""The simulator over real SSH: every platform with netmiko and a raw client, configuration files,
line handling and the host key."""

from __future__ import annotations

import asyncio
import os
import re
import stat

import pytest
from netmiko import ConnectHandler

from netraven_core.simulator import Simulator, SimulatorThread, known_profiles
from netraven_plugins.platforms import builtin_platforms

from ..support.sim_client import open_shell

PROFILES = known_profiles()
PLATFORMS = tuple(PROFILES)

pytestmark = pytest.mark.integration

# The backup command the platform catalogue uses for each platform.
BACKUP = {
    "cisco_ios": "show running-config", "cisco_xe": "show running-config",
    "cisco_nxos": "show running-config", "cisco_xr": "show running-config",
    "cisco_asa": "show running-config", "arista_eos": "show running-config",
    "juniper_junos": "show configuration", "hp_procurve": "show running-config",
    "aruba_aoscx": "show running-config", "fortinet": "show full-configuration",
    "paloalto_panos": "show config running", "mikrotik_routeros": "/export",
    "linux": "cat /etc/network/interfaces",
}
NEEDS_ENABLE = {"cisco_ios", "cisco_xe", "cisco_asa", "arista_eos"}
# Platforms added since, from the catalogue: the backup command, privileged mode, and netmiko's
# name of the device type where it differs from the platform's.
_CATALOGUE = {p.name: p for p in builtin_platforms()}
BACKUP.update({n: p.backup_commands[0] for n, p in _CATALOGUE.items() if n not in BACKUP})
NEEDS_ENABLE |= {n for n, p in _CATALOGUE.items() if p.enable is not None}
DEVICE_TYPE = {n: p.drivers["netmiko"]["device_type"]
               for n, p in _CATALOGUE.items() if "netmiko" in p.drivers}


def _backup_command(platform: str) -> str:
    return BACKUP[platform]


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    key = tmp_path_factory.mktemp("simkey") / "host_key"
    with SimulatorThread(len(PLATFORMS), base_port=0, host_key_path=key) as thread:
        yield thread


def _device(sim, platform):
    return next(d for d in sim.devices if d.platform == platform)


def _prompt_regex(template: str, dev, user: str = "admin") -> str:
    return re.escape(template.format(host=dev.hostname, user=user, n=1)) + "$"


@pytest.mark.parametrize("platform", [p for p in PLATFORMS if "netmiko" in _CATALOGUE[p].drivers])
def test_netmiko_enable_and_backup(sim, platform):
    if platform not in DEVICE_TYPE:
        pytest.skip(f"the catalogue lists no netmiko support for {platform}")
    dev = _device(sim, platform)
    conn = ConnectHandler(device_type=DEVICE_TYPE[platform], host="127.0.0.1", port=dev.port,
                          username="admin", password="sim-password", secret="sim-enable", fast_cli=True)
    try:
        if platform in NEEDS_ENABLE or platform == "linux":
            conn.enable()
            assert conn.check_enable_mode()
        output = conn.send_command(_backup_command(platform))
    finally:
        conn.disconnect()
    for secret in sim.generated(dev.hostname).secrets:
        assert secret in output


@pytest.mark.parametrize("platform", PLATFORMS)
def test_prompts_privilege_and_errors(sim, platform):
    profile = PROFILES[platform]
    dev = _device(sim, platform)

    async def scenario():
        shell = await open_shell(dev.port)
        try:
            if profile.ssh_auth_none:  # PowerConnect: SSH lets anyone in, the shell asks
                await shell.expect(re.escape(profile.login_username_prompt) + "$")
                shell.send("admin\r")
                await shell.expect(re.escape(profile.login_password_prompt) + "$")
                shell.send("sim-password\r")
            if profile.press_any_key:
                await shell.expect("Press any key to continue")
                shell.send(" ")
            if profile.key_gate:  # ERS: every key but Ctrl-Y is ignored
                await shell.expect("Ctrl-Y to begin")
                shell.send(" ")
                shell.send(profile.key_gate[1])
            first = profile.user_prompt or profile.priv_prompt
            await shell.expect(_prompt_regex(first, dev))
            if profile.backup_requires_privilege:
                shell.send(_backup_command(platform) + "\r")
                denied = await shell.expect(_prompt_regex(first, dev))
                assert "Permission denied" in denied or "nvalid" in denied
            if profile.user_prompt is not None and profile.enable_command:
                shell.send(profile.enable_command + "\r")
                await shell.expect(re.escape(profile.enable_password_prompt.format(user="admin")) + "$")
                shell.send("sim-enable\r")
                echoed = await shell.expect(_prompt_regex(profile.priv_prompt, dev))
                assert "sim-enable" not in echoed  # never echo the enable secret
            shell.send("frobnicate the widgets\r")
            error = await shell.expect(_prompt_regex(profile.priv_prompt, dev))
            expected = profile.error_reply.format(host=dev.hostname, user="admin", cmd="x", caret="")
            assert expected.strip().splitlines()[-1].split("x")[0].strip() in error
            shell.send(_backup_command(platform) + "\r")
            output = await shell.expect(_prompt_regex(profile.priv_prompt, dev))
            assert "\r\n" in output and "\n\n" not in output.replace("\r\n", "")
            assert sim.generated(dev.hostname).secrets[0] in output
        finally:
            await shell.close()

    asyncio.run(scenario())


def test_line_splitting_and_type_ahead(sim):
    dev = _device(sim, "cisco_nxos")
    prompt = f"{dev.hostname}#"

    async def scenario():
        shell = await open_shell(dev.port)
        try:
            await shell.expect(re.escape(prompt) + "$")
            # A command split across packets, ending in \r with its \n in a later packet.
            for piece in ("sh", "ow cl", "ock\r"):
                shell.send(piece)
                await asyncio.sleep(0.02)
            out = await shell.expect(re.escape(prompt) + "$")
            assert "show clock" in out and "UTC" in out
            shell.send("\n")  # the \n belonging to the previous \r: no extra prompt
            # Type-ahead: three commands in one packet, mixed line endings.
            shell.send("terminal length 0\nterminal width 511\r\nshow clock\r")
            out = await shell.expect(r"UTC[^\n]*\r\n" + re.escape(prompt) + "$")
            assert out.count(prompt) == 3, out
            assert out.startswith("terminal length 0\r\n")  # echoed when consumed, in order
            assert "show clock\r\n" in out
            # Backspace editing.
            shell.send("show clockk\x7f\r")
            out = await shell.expect(re.escape(prompt) + "$")
            assert "UTC" in out
            # Exactly one prompt is pending: nothing more arrives.
            with pytest.raises(TimeoutError):
                await shell.expect(re.escape(prompt), timeout=0.3)
        finally:
            await shell.close()

    asyncio.run(scenario())


def test_mikrotik_login_options_suffix(sim):
    dev = _device(sim, "mikrotik_routeros")

    async def scenario():
        shell = await open_shell(dev.port, username="admin+ct511w4098h")
        try:
            await shell.expect(re.escape(f"[admin@{dev.hostname}] > ") + "$")
        finally:
            await shell.close()

    asyncio.run(scenario())


def test_config_files_are_reread_and_set_config(tmp_path):
    (tmp_path / "sim-0000.cfg").write_text("hostname from-file\nversion 1\n")
    with SimulatorThread(2, ["cisco_nxos"], base_port=0, config_dir=tmp_path,
                         host_key_path=tmp_path / "key") as sim:

        async def fetch(port):
            shell = await open_shell(port)
            try:
                await shell.expect(r"#$")
                shell.send("show running-config\r")
                return await shell.expect(r"#$")
            finally:
                await shell.close()

        port0, port1 = sim.devices[0].port, sim.devices[1].port
        assert "version 1" in asyncio.run(fetch(port0))
        (tmp_path / "sim-0000.cfg").write_text("hostname from-file\nversion 2\n")
        assert "version 2" in asyncio.run(fetch(port0))
        # No file for sim-0001: the generated configuration.
        assert sim.generated("sim-0001").secrets[0] in asyncio.run(fetch(port1))
        sim.set_config("sim-0001", "hostname in-memory\n")
        assert "in-memory" in asyncio.run(fetch(port1))
        sim.set_config("sim-0001", None)
        assert "in-memory" not in asyncio.run(fetch(port1))


def test_host_key_is_kept_across_restarts(tmp_path):
    key_path = tmp_path / "sub" / "host_key"

    async def seen_key(port):
        import asyncssh

        conn = await asyncssh.connect("127.0.0.1", port, username="admin", password="sim-password",
                                      known_hosts=None)
        try:
            algorithm, blob = conn.get_server_host_key().export_public_key().decode().split()[:2]
            return f"{algorithm} {blob}"
        finally:
            conn.close()

    with SimulatorThread(1, ["cisco_ios"], base_port=0, host_key_path=key_path) as first:
        line = first.host_key_line
        assert asyncio.run(seen_key(first.devices[0].port)) == line
    assert stat.S_IMODE(os.stat(key_path).st_mode) == 0o600
    with SimulatorThread(1, ["cisco_ios"], base_port=0, host_key_path=key_path) as second:
        assert second.host_key_line == line
        assert asyncio.run(seen_key(second.devices[0].port)) == line


def test_deterministic_names_ports_and_round_robin():
    sim = Simulator(5, ["linux", "fortinet"], base_port=31000)
    assert [(d.hostname, d.port, d.platform) for d in sim.devices] == [
        ("sim-0000", 31000, "linux"), ("sim-0001", 31001, "fortinet"), ("sim-0002", 31002, "linux"),
        ("sim-0003", 31003, "fortinet"), ("sim-0004", 31004, "linux"),
    ]
    with pytest.raises(ValueError, match="unknown platform"):
        Simulator(1, ["cisco_catos"])
    with pytest.raises(ValueError, match="unknown fault"):
        Simulator(2, faults={1: "explode"})


def test_response_delay_slows_backup_commands_only(tmp_path):
    with pytest.raises(ValueError, match="response_delay"):
        Simulator(1, response_delay=-1)
    with SimulatorThread(1, ["cisco_nxos"], base_port=0, host_key_path=tmp_path / "key",
                         response_delay=0.6) as sim:
        dev = sim.devices[0]
        prompt = re.escape(f"{dev.hostname}#") + "$"

        async def scenario():
            shell = await open_shell(dev.port)
            try:
                await shell.expect(prompt)
                loop = asyncio.get_running_loop()
                started = loop.time()
                shell.send("show clock\r")
                await shell.expect(prompt)
                quick = loop.time() - started
                started = loop.time()
                shell.send("show running-config\r")
                out = await shell.expect(prompt)
                slow = loop.time() - started
            finally:
                await shell.close()
            return quick, slow, out

        quick, slow, out = asyncio.run(scenario())
    assert quick < 0.5 <= 0.6 <= slow, (quick, slow)
    assert sim.generated(dev.hostname).secrets[0] in out


def test_exec_request_runs_one_privileged_command(sim):
    import asyncssh

    dev = _device(sim, "cisco_ios")

    async def scenario():
        async with asyncssh.connect("127.0.0.1", dev.port, username="admin", password="sim-password",
                                    known_hosts=None) as conn:
            ok = await conn.run("show running-config", timeout=10)
            bad = await conn.run("show nonsense", timeout=10)
        return ok.stdout, bad.stdout

    ok, bad = asyncio.run(scenario())
    assert sim.generated(dev.hostname).secrets[0] in ok
    assert "% Invalid input" in bad


def test_inventory_loads_with_netraven(sim, tmp_path, monkeypatch):
    from netraven_core.inventory import load_inventory

    sim.write_inventory(tmp_path / "plain.yaml")
    inventory = load_inventory(tmp_path / "plain.yaml")
    assert [(d.hostname, d.port, d.platform) for d in inventory.devices] == [
        (d.hostname, d.port, d.platform) for d in sim.devices]
    (cred,) = inventory.credentials
    assert (cred.username, cred.password, cred.enable_secret) == ("admin", "sim-password", "sim-enable")
    assert all(inventory.credentials_for(d) == [cred] for d in inventory.devices)

    monkeypatch.setenv("SIM_PW", "sim-password")
    sim.write_inventory(tmp_path / "env.yaml", password_env="SIM_PW")
    assert "${SIM_PW}" in (tmp_path / "env.yaml").read_text()
    assert load_inventory(tmp_path / "env.yaml").credentials[0].password == "sim-password"


def test_write_inventory_needs_known_ports(tmp_path):
    with pytest.raises(RuntimeError, match="start the simulator"):
        Simulator(2, base_port=0).write_inventory(tmp_path / "inv.yaml")
