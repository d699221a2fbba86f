"""``netraven simulate`` as a subprocess, and its argument checking."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import click
import pytest
import yaml

from netraven_core.cli import main

from ..support.sim_client import open_shell


@pytest.mark.integration
def test_simulate_prints_ready_and_writes_the_inventory(tmp_path):
    inventory = tmp_path / "inv.yaml"
    (tmp_path / "configs").mkdir()
    (tmp_path / "configs" / "sim-0002.cfg").write_text("hostname file-config\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "netraven_core", "simulate", "--count", "4", "--base-port", "0",
         "--platforms", "cisco_ios,juniper_junos", "--inventory-out", str(inventory),
         "--config-dir", str(tmp_path / "configs"), "--fault", "auth:1,3", "--host-key",
         str(tmp_path / "key"), "--config-size", "1000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        line = ""
        while "ready" not in line:
            assert time.monotonic() < deadline, "no ready line"
            line = proc.stdout.readline()
            assert line or proc.poll() is None, proc.stderr.read()
        assert "4 devices" in line
        data = yaml.safe_load(inventory.read_text())
        assert [d["hostname"] for d in data["devices"]] == ["sim-0000", "sim-0001", "sim-0002", "sim-0003"]
        assert [d["platform"] for d in data["devices"]] == ["cisco_ios", "juniper_junos"] * 2
        assert all(d["host"] == "127.0.0.1" and d["tags"] == ["sim"] for d in data["devices"])
        (cred,) = data["credentials"]
        assert cred["username"] == "admin" and cred["password"] == "sim-password"
        assert cred["enable_secret"] == "sim-enable" and cred["tags"] == ["sim"]
        assert oct(os.stat(inventory).st_mode & 0o777) == "0o600"

        async def fetch(port):
            shell = await open_shell(port)
            try:
                await shell.expect(r">$")
                shell.send("enable\r")
                await shell.expect("Password: $")
                shell.send("sim-enable\r")
                await shell.expect("#$")
                shell.send("show running-config\r")
                return await shell.expect("#$")
            finally:
                await shell.close()

        assert "file-config" in asyncio.run(fetch(data["devices"][2]["port"]))
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0


@pytest.mark.parametrize("args", [
    ["--count", "3", "--fault", "stall:7"],
    ["--count", "3", "--fault", "stall"],
    ["--count", "3", "--fault", "explode:1"],
    ["--count", "3", "--fault", "stall:x"],
    ["--count", "3", "--platforms", "cisco_ios,cisco_catos"],
    ["--count", "0"],
    ["--count", "10", "--base-port", "65530"],
    ["--count", "3", "--drift-devices", "5"],
    ["--count", "3", "--drift-interval", "-1"],
    ["--count", "3", "--response-delay", "-0.5"],
])
def test_bad_arguments_exit_2(args, capsys):
    assert main(["simulate", *args]) == 2
    assert "Error" in capsys.readouterr().err


def test_variant_option_is_parsed_and_checked():
    from netraven_core.cli.simulate import _parse_variants

    assert _parse_variants(("unnamed:0,3", "cluster:1", "ansi:3"), 4) == {
        0: {"unnamed"}, 3: {"unnamed", "ansi"}, 1: {"cluster"}}
    for bad in ("sparkly:0", "unnamed", "unnamed:9", "unnamed:x"):
        with pytest.raises(click.BadParameter):
            _parse_variants((bad,), 4)


@pytest.mark.integration
def test_a_taken_port_suggests_base_port(tmp_path):
    from netraven_core.simulator import SimulatorThread

    with SimulatorThread(1, base_port=0, host_key_path=tmp_path / "key") as sim:
        taken = sim.devices[0].port
        proc = subprocess.run([sys.executable, "-m", "netraven_core", "simulate", "--count", "2",
                               "--base-port", str(taken), "--host-key", str(tmp_path / "key")],
                              capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert f"cannot listen on 127.0.0.1:{taken}" in proc.stderr and "--base-port" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.integration
def test_drift_and_response_delay_options_are_named_on_the_ready_line(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "netraven_core", "simulate", "--count", "4", "--base-port", "0",
         "--platforms", "cisco_ios", "--drift-interval", "30", "--drift-devices", "1,3",
         "--response-delay", "1.5",
         "--host-key", str(tmp_path / "key")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert "ready: 4 devices" in line and "2 drifting every 30s" in line, proc.stderr.read()
        assert "backups answered after 1.5s" in line
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0


def test_simulate_help_names_the_port_drift_and_delay_options(capsys):
    assert main(["simulate", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--base-port" in out and "--drift-interval" in out and "--drift-devices" in out
    assert "--response-delay" in out


@pytest.mark.integration
def test_background_returns_once_listening_and_prints_how_to_stop(tmp_path):
    import re
    import socket

    inventory = tmp_path / "inv.yaml"
    proc = subprocess.run([sys.executable, "-m", "netraven_core", "simulate", "--count", "2",
                           "--base-port", "0", "--inventory-out", str(inventory),
                           "--host-key", str(tmp_path / "key"), "--background"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    ready, how = proc.stdout.splitlines()
    pid = int(re.fullmatch(r"running in the background as pid (\d+); stop it with: kill \1", how).group(1))
    try:
        assert ready.startswith("ready: 2 devices")
        port = yaml.safe_load(inventory.read_text())["devices"][0]["port"]  # written before "ready"
        socket.create_connection(("127.0.0.1", port), timeout=5).close()  # already listening
    finally:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the background simulator still listens after kill")


@pytest.mark.integration
def test_background_fails_with_the_childs_error_when_it_cannot_listen(tmp_path):
    from netraven_core.simulator import SimulatorThread

    with SimulatorThread(1, base_port=0, host_key_path=tmp_path / "key") as sim:
        proc = subprocess.run([sys.executable, "-m", "netraven_core", "simulate", "--count", "1",
                               "--base-port", str(sim.devices[0].port), "--host-key", str(tmp_path / "key"),
                               "--background"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stdout == ""
    assert "--base-port" in proc.stderr and "Traceback" not in proc.stderr
