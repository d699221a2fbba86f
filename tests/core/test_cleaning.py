"""Cleaning (normalize, redact, scrub, diff) gives the same result in a worker process as in the
engine's own process, and a run that cleans in worker processes stores the same versions."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from netraven_core.configtext.cleaning import MIN_DEVICES_FOR_PROCESSES, Cleaner, default_processes, prepare
from netraven_core.engine import redactor_for, run_backup
from netraven_core.engine.hostkeys import MemoryHostKeyStore
from netraven_core.inventory import load_inventory
from netraven_core.plugins import Registry
from netraven_core.simulator import SimulatorThread
from netraven_core.simulator.configgen import generate


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry()


def test_worker_process_result_equals_in_process(registry: Registry) -> None:
    platform = registry.platform("cisco_ios")
    new = generate("cisco_ios", "sim-0001", size=6000)
    old_raw = new.text.replace("\nend", "\nsnmp-server location lab\nend").replace("ssh", "telnet", 1)
    redactor = redactor_for(registry)
    old = prepare(redactor, old_raw, platform, [], None, "a", "b").text
    args = (new.text, platform, ["sim-password"], old, "sim-0001@old", "sim-0001@new")
    local = prepare(redactor, *args)
    cleaner = Cleaner(redactor, processes=1)
    try:
        assert cleaner.processes == 1
        remote = asyncio.run(cleaner.prepare(*args))
    finally:
        cleaner.close()
    assert remote == local
    assert not local.unchanged and local.diff and local.added and local.removed
    for secret in new.secrets:
        assert secret not in remote.text and secret not in (remote.diff or "")


def test_first_and_unchanged_versions(registry: Registry) -> None:
    platform = registry.platform("arista_eos")
    text = generate("arista_eos", "sim-0002", size=3000).text
    redactor = redactor_for(registry)
    first = prepare(redactor, text, platform, [], None, "a", "b")
    assert not first.unchanged and first.diff is None and first.removed == 0
    assert first.added == len(first.text.splitlines())
    again = prepare(redactor, text, platform, [], first.text, "a", "b")
    assert again.unchanged and again.diff is None


def test_default_processes() -> None:
    assert default_processes(1) == 0
    assert default_processes(MIN_DEVICES_FOR_PROCESSES - 1) == 0
    assert 0 <= default_processes(1000) <= 4


@pytest.mark.integration
def test_run_cleaning_in_worker_processes_matches_in_process(tmp_path: Path, registry: Registry) -> None:
    with SimulatorThread(6, base_port=0, host_key_path=tmp_path / "key") as sim:
        sim.write_inventory(tmp_path / "inv.yaml")
        inventory = load_inventory(tmp_path / "inv.yaml", registry=registry)
        stores = {}
        for processes in (0, 1):
            storage = registry.storage("filesystem", str(tmp_path / f"store-{processes}"))
            keys = MemoryHostKeyStore()
            first = run_backup(inventory, storage, registry=registry, workers=3, host_keys=keys,
                               clean_processes=processes)
            assert first.summary.ok == 6 and first.summary.changed == 6
            again = run_backup(inventory, storage, registry=registry, workers=3, host_keys=keys,
                               clean_processes=processes)
            assert again.summary.ok == 6 and again.summary.changed == 0
            stores[processes] = {d.hostname: storage.read(d.hostname) for d in inventory.devices}
        assert stores[0] == stores[1]
        for device in sim.devices:
            for secret in sim.generated(device.hostname).secrets:
                assert secret not in stores[1][device.hostname]


def test_forked_cleaners_keep_no_socket_of_the_parent():
    """A database (or SSH) connection open when the cleaners fork must close when the parent
    closes it: a cleaner that kept it would keep a killed worker's transaction and locks alive."""
    import socket

    from netraven_core.configtext.cleaning import Cleaner
    from netraven_core.configtext.redact import Redactor

    with socket.create_server(("127.0.0.1", 0)) as server:
        client = socket.create_connection(server.getsockname())
        peer, _ = server.accept()
        cleaner = Cleaner(Redactor(()), processes=1)
        try:
            assert cleaner.processes == 1
            client.close()  # the parent's only copy, if the cleaner let go of its own
            peer.settimeout(5)
            assert peer.recv(1) == b""  # end of stream: no process holds the other end any more
        finally:
            cleaner.close()
            peer.close()


def test_cleaning_processes_end_when_their_parent_is_killed(tmp_path):
    """kill -9 of a worker (the OOM killer) must not leave its cleaning processes behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import signal, sys, time\n"
        "from netraven_core.configtext.cleaning import Cleaner\n"
        "from netraven_core.configtext.redact import Redactor\n"
        "signal.signal(signal.SIGTERM, lambda *a: None)  # as a worker's graceful-stop handler\n"
        "cleaner = Cleaner(Redactor(()), processes=2)\n"
        "print(*cleaner._pool._processes, flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    children: list[int] = []
    try:
        children += [int(pid) for pid in parent.stdout.readline().split()]
        assert len(children) == 2
        os.kill(children[0], signal.SIGTERM)  # the parent's handler is not theirs
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        alive = children
        while alive and time.monotonic() < deadline:
            time.sleep(0.1)
            alive = [pid for pid in alive if _running(pid)]
        assert not alive, f"cleaning processes {alive} outlived their parent"
    finally:
        parent.kill()
        parent.stdout.close()
        for pid in children:  # a failed run must not leave them behind either
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _running(pid: int) -> bool:
    from pathlib import Path

    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
