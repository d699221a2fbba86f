"""Every simulator fault mode behaves as documented (bounded waits, generous limits)."""

from __future__ import annotations

import asyncio
import re
import socket

import asyncssh
import pytest
from netmiko import ConnectHandler

from netraven_core.simulator import FAULTS, SimulatorThread

from ..support.sim_client import open_shell

pytestmark = pytest.mark.integration

ORDER = ("auth", "enable", "refused", "silent", "stall", "disconnect", "endless", "paging", "banner")
PROMPT = r"sim-\d{4}#$"


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    assert set(ORDER) == set(FAULTS)
    # Device 9 is healthy, for contrast.
    key = tmp_path_factory.mktemp("simkey") / "host_key"
    with SimulatorThread(len(ORDER) + 1, ["cisco_ios"], base_port=0, host_key_path=key,
                         faults=dict(enumerate(ORDER)), config_size=4096) as thread:
        yield thread


def port(sim, fault):
    return next(d.port for d in sim.devices if d.fault == fault)


async def privileged_shell(p):
    shell = await open_shell(p)
    await shell.expect(r">$")
    shell.send("enable\r")
    await shell.expect(r"Password: $")
    shell.send("sim-enable\r")
    await shell.expect(PROMPT)
    return shell


def test_auth_rejects_the_password(sim):
    with pytest.raises(asyncssh.PermissionDenied):
        asyncio.run(open_shell(port(sim, "auth")))


def test_enable_rejects_the_enable_secret(sim):
    conn = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=port(sim, "enable"),
                          username="admin", password="sim-password", secret="sim-enable", fast_cli=True)
    try:
        with pytest.raises(ValueError, match="enable mode"):
            conn.enable()
        assert not conn.check_enable_mode()
    finally:
        conn.disconnect()


def test_refused_has_no_listener(sim):
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port(sim, "refused")), timeout=5)


def test_silent_never_sends_the_banner(sim):
    with socket.create_connection(("127.0.0.1", port(sim, "silent")), timeout=5) as sock:
        sock.settimeout(1.0)
        with pytest.raises(TimeoutError):
            sock.recv(100)

    async def connect():
        await asyncio.wait_for(open_shell(port(sim, "silent")), 1.5)

    with pytest.raises(TimeoutError):
        asyncio.run(connect())


def _partial_fetch(sim, fault):
    async def scenario():
        shell = await privileged_shell(port(sim, fault))
        shell.send("show running-config\r")
        try:
            await shell.expect(PROMPT, timeout=1.5)
        except (TimeoutError, EOFError) as exc:
            outcome = type(exc)
        else:
            outcome = None
        received = shell.buffer
        await shell.close()
        return outcome, received

    return asyncio.run(scenario())


def test_stall_sends_part_then_hangs(sim):
    outcome, received = _partial_fetch(sim, "stall")
    assert outcome is TimeoutError
    assert "Building configuration" in received and not received.rstrip().endswith("end")


def test_disconnect_sends_part_then_closes(sim):
    outcome, received = _partial_fetch(sim, "disconnect")
    assert outcome is EOFError
    assert "Building configuration" in received and "\r\nend\r\n" not in received


def test_endless_output_never_ends(sim):
    size = len(sim.generated(sim.devices[ORDER.index("endless")].hostname).text)

    async def scenario():
        shell = await privileged_shell(port(sim, "endless"))
        shell.send("show running-config\r")
        received = 0
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 20
        while received < 5 * size and loop.time() < deadline:
            data = await asyncio.wait_for(shell.process.stdout.read(65536), 5)
            assert not re.search(PROMPT, data)
            received += len(data)
        await shell.close()
        return received

    assert asyncio.run(scenario()) >= 5 * size


def test_paging_ignores_terminal_length_and_waits_for_space(sim):
    dev = sim.devices[ORDER.index("paging")]

    async def scenario():
        shell = await privileged_shell(dev.port)
        shell.send("terminal length 0\r")
        await shell.expect(PROMPT)
        shell.send("show running-config\r")
        first = await shell.expect(r" --More-- $")
        pages = 1
        chunks = [first]
        while True:
            shell.send(" ")
            chunk = await shell.expect(r"( --More-- |" + PROMPT + ")$")
            chunks.append(chunk)
            if not chunk.endswith(" --More-- "):
                break
            pages += 1
        await shell.close()
        return pages, "".join(chunks)

    pages, text = asyncio.run(scenario())
    assert pages >= 3
    for secret in sim.generated(dev.hostname).secrets:
        assert secret in text


def test_banner_shows_prompt_like_text_before_and_after_login(sim):
    banners = []

    class Client(asyncssh.SSHClient):
        def auth_banner_received(self, msg, lang):
            banners.append(msg)

    async def scenario():
        conn, _ = await asyncssh.create_connection(
            Client, "127.0.0.1", port(sim, "banner"), username="admin", password="sim-password",
            known_hosts=None)
        process = await conn.create_process(term_type="vt100")
        text = ""
        while not text.endswith(">"):
            text += await asyncio.wait_for(process.stdout.read(65536), 5)
        conn.close()
        return text

    motd = asyncio.run(scenario())
    assert banners and "Password:" in banners[0]
    assert "Password:" in motd and "#" in motd and len(motd.splitlines()) > 30


def test_healthy_device_still_works_next_to_faulty_ones(sim):
    healthy = sim.devices[len(ORDER)]
    assert healthy.fault is None
    conn = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=healthy.port, username="admin",
                          password="sim-password", secret="sim-enable", fast_cli=True)
    try:
        conn.enable()
        assert "\nend" in conn.send_command("show running-config")
    finally:
        conn.disconnect()
