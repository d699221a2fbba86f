"""The engine end to end: real SSH to the simulator, real plugins, real git storage."""

from __future__ import annotations

import logging
import subprocess
import time
from dataclasses import replace

import pytest

from netraven_core.engine import run_backup
from netraven_core.engine.attempt import AttemptPolicy
from netraven_core.engine.hostkeys import JsonHostKeyStore, MemoryHostKeyStore
from netraven_core.errors import ErrorCategory
from netraven_core.inventory import load_inventory
from netraven_core.models import DeviceStatus
from netraven_core.plugins import Registry
from netraven_core.simulator import SimulatorThread, known_profiles

from ..plugins.test_webhook import Receiver

PLATFORMS = tuple(known_profiles())

pytestmark = pytest.mark.integration

# Generous for a loaded 2-core CI host: the healthy devices beside the faulty ones must log in
# within it.  The checks are about categories and about faults ending (not hanging), not speed.
TIME_LIMIT = 10.0
SIM_SECRETS = ("sim-password", "sim-enable")


@pytest.fixture(scope="module")
def registry():
    return Registry()


def inventory_of(sim, path):
    sim.write_inventory(path)
    return load_inventory(path)


def commits(storage_dir) -> int:
    out = subprocess.run(["git", "-C", str(storage_dir), "rev-list", "--count", "--all"],
                         capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def git_log_patch(storage_dir) -> str:
    return subprocess.run(["git", "-C", str(storage_dir), "log", "-p", "--all"],
                          capture_output=True, text=True, check=True).stdout


def every_secret(sim) -> set[str]:
    found = set(SIM_SECRETS)
    for dev in sim.devices:
        found.update(s for s in sim.generated(dev.hostname).secrets if len(s) >= 4)
    return found


def test_mixed_platforms_then_unchanged_rerun_then_one_real_change(tmp_path, registry, host_key_path, caplog):
    config_dir = tmp_path / "configs"
    config_dir.mkdir()
    store_dir = tmp_path / "store"
    keys = JsonHostKeyStore(tmp_path / "known_hosts.json")
    with SimulatorThread(len(PLATFORMS), base_port=0, host_key_path=host_key_path,
                         config_dir=config_dir) as sim, \
            Receiver() as rx, caplog.at_level(logging.DEBUG):
        inventory = inventory_of(sim, tmp_path / "inv.yaml")
        storage = registry.storage("git", str(store_dir))
        webhook = registry.notifier("webhook", url=rx.url)

        first = run_backup(inventory, storage, registry=registry, workers=8, timeout=30,
                           host_keys=keys, notifiers=[webhook])
        failures = {r.hostname: (r.error_category, r.error) for r in first.results if not r.ok}
        assert failures == {}
        assert first.summary.changed == len(PLATFORMS)
        assert all(r.credential == "sim-admin" and r.version for r in first.results)
        assert keys.get("sim-0000") == sim.host_key_line
        after_first = commits(store_dir)

        # The simulator re-randomises volatile lines on every fetch: nothing may count as a change.
        second = run_backup(inventory, storage, registry=registry, workers=8, timeout=30,
                            host_keys=keys, notifiers=[webhook])
        assert second.summary.ok == len(PLATFORMS) and second.summary.changed == 0
        assert commits(store_dir) == after_first
        assert [r.version for r in second.results] == [r.version for r in first.results]

        # One real line changes in one device's configuration file.
        target = sim.devices[0]
        text = sim.generated(target.hostname).text
        line = f"hostname {target.hostname}"
        assert line in text
        (config_dir / f"{target.hostname}.cfg").write_text(
            text.replace(line, f"{line}\nsnmp-server location lab-2", 1))
        third = run_backup(inventory, storage, registry=registry, workers=8, timeout=30,
                           host_keys=keys, notifiers=[webhook])
        changed = [r for r in third.results if r.changed]
        assert [r.hostname for r in changed] == [target.hostname]
        assert changed[0].lines_added >= 1
        assert "+snmp-server location lab-2" in storage.diff(target.hostname)
        assert commits(store_dir) == after_first + 1
        secrets = every_secret(sim)
    webhook_payloads = repr([body for _headers, body in rx.requests])
    assert any(b["event"] == "config_changed" for _h, b in rx.requests)
    haystacks = {"git log -p": git_log_patch(store_dir), "logs": caplog.text, "webhook": webhook_payloads}
    leaks = {(where, s) for where, text in haystacks.items() for s in secrets if s in text}
    assert leaks == set()


def test_every_fault_mode_fails_in_its_category_within_the_limit(tmp_path, registry, host_key_path):
    faults = ["auth", "enable", "refused", "silent", "stall", "disconnect", "endless", "paging", "banner"]
    count = len(faults) + 3
    store_dir = tmp_path / "store"
    storage = registry.storage("git", str(store_dir))
    platforms = ["cisco_ios", "arista_eos", "juniper_junos"]
    with SimulatorThread(count, platforms, base_port=0, host_key_path=host_key_path) as healthy:
        good = run_backup(inventory_of(healthy, tmp_path / "ok.yaml"), storage, registry=registry, timeout=30)
    assert good.summary.ok == count
    good_versions = {r.hostname: r.version for r in good.results}
    good_texts = {h: storage.latest_text(h) for h in good_versions}
    before = commits(store_dir)

    expected = {
        "auth": {ErrorCategory.AUTH}, "enable": {ErrorCategory.ENABLE}, "refused": {ErrorCategory.REFUSED},
        "silent": {ErrorCategory.TIMEOUT}, "stall": {ErrorCategory.TIMEOUT},
        "disconnect": {ErrorCategory.DISCONNECTED, ErrorCategory.TRUNCATED},
        "endless": {ErrorCategory.TIMEOUT, ErrorCategory.TRUNCATED},
        "paging": {None}, "banner": {None},
    }
    policy = AttemptPolicy(timeout=TIME_LIMIT, retries=1, backoff_base=0.1, backoff_cap=0.2, abort_grace=1.0)
    with SimulatorThread(count, platforms, base_port=0, host_key_path=host_key_path,
                         faults=dict(enumerate(faults))) as faulty:
        started = time.monotonic()
        run = run_backup(inventory_of(faulty, tmp_path / "faulty.yaml"), storage, registry=registry,
                         workers=count, policy=policy)
        elapsed = time.monotonic() - started
    assert elapsed < TIME_LIMIT * 3 + 10
    for index, fault in enumerate(faults):
        r = run.results[index]
        assert r.error_category in expected[fault], (fault, r.error_category, r.error)
        assert r.duration < TIME_LIMIT + 8, (fault, r.duration)  # the limit, abort grace, load
    for r in run.results[len(faults):]:
        assert r.ok and not r.changed, (r.hostname, r.error)
    # Nothing failed overwrote anything: every last good version is intact.
    assert commits(store_dir) == before
    for hostname, version in good_versions.items():
        assert storage.history(hostname, limit=1)[0].version == version
        assert storage.latest_text(hostname) == good_texts[hostname]


def test_host_key_tofu_then_changed_key_is_refused(tmp_path, registry, host_key_path):
    keys = MemoryHostKeyStore()
    storage = registry.storage("git", str(tmp_path / "store"))
    with SimulatorThread(2, ["cisco_ios"], base_port=0, host_key_path=host_key_path) as sim:
        inventory = inventory_of(sim, tmp_path / "a.yaml")
        assert run_backup(inventory, storage, registry=registry, host_keys=keys).summary.ok == 2
        original = sim.host_key_line
    assert keys.get("sim-0001") == original
    with SimulatorThread(2, ["cisco_ios"], base_port=0, host_key_path=tmp_path / "other_key") as imposter:
        assert imposter.host_key_line != original
        run = run_backup(inventory_of(imposter, tmp_path / "b.yaml"), storage, registry=registry,
                         host_keys=keys, timeout=15)
        strict = run_backup(inventory_of(imposter, tmp_path / "b.yaml"), storage, registry=registry,
                            host_keys=MemoryHostKeyStore(), host_key_mode="strict", timeout=15)
    assert [r.error_category for r in run.results] == [ErrorCategory.HOST_KEY] * 2
    assert [r.attempts for r in run.results] == [1, 1]
    assert keys.get("sim-0001") == original
    assert [r.error_category for r in strict.results] == [ErrorCategory.HOST_KEY] * 2


@pytest.mark.parametrize("driver", ["netmiko", "scrapli"])
def test_blocking_drivers_through_the_engine(tmp_path, registry, host_key_path, driver):
    storage = registry.storage("git", str(tmp_path / "store"))
    with SimulatorThread(2, ["cisco_ios", "arista_eos"], base_port=0, host_key_path=host_key_path,
                         faults={1: "auth"}) as sim:
        inventory = inventory_of(sim, tmp_path / "inv.yaml")
        inventory = replace(inventory, devices=tuple(replace(d, driver=driver) for d in inventory.devices))
        run = run_backup(inventory, storage, registry=registry, timeout=30, host_keys=MemoryHostKeyStore())
    ok, refused = run.results
    assert ok.status is DeviceStatus.OK and ok.driver == driver and ok.changed, ok.error
    assert refused.error_category is ErrorCategory.AUTH
    assert "sim-password" not in (refused.error or "")


def test_unresolvable_host_is_unreachable(tmp_path, registry, host_key_path):
    storage = registry.storage("git", str(tmp_path / "store"))
    with SimulatorThread(1, ["cisco_ios"], base_port=0, host_key_path=host_key_path) as sim:
        inventory = inventory_of(sim, tmp_path / "inv.yaml")
        ghost = replace(inventory.devices[0], hostname="ghost", host="no-such-device.invalid")
        inventory = replace(inventory, devices=(*inventory.devices, ghost))
        policy = AttemptPolicy(timeout=TIME_LIMIT, retries=1, backoff_base=0.05, backoff_cap=0.1)
        run = run_backup(inventory, storage, registry=registry, policy=policy)
    assert run.result("sim-0000").ok
    ghost_result = run.result("ghost")
    assert ghost_result.error_category is ErrorCategory.UNREACHABLE, ghost_result.error
    assert ghost_result.attempts == 2


@pytest.mark.parametrize("driver", ["netmiko", "scrapli"])
def test_blocking_drivers_hung_devices_end_at_the_time_limit(tmp_path, registry, host_key_path, driver):
    limit = 10.0  # the healthy device must log in within it on a loaded CI host
    storage = registry.storage("git", str(tmp_path / "store"))
    with SimulatorThread(3, ["cisco_ios"], base_port=0, host_key_path=host_key_path,
                         faults={0: "silent", 1: "stall"}) as sim:
        inventory = inventory_of(sim, tmp_path / "inv.yaml")
        inventory = replace(inventory, devices=tuple(replace(d, driver=driver) for d in inventory.devices))
        started = time.monotonic()
        run = run_backup(inventory, storage, registry=registry,
                         policy=AttemptPolicy(timeout=limit, retries=1, abort_grace=0.5))
        elapsed = time.monotonic() - started
    assert [r.error_category for r in run.results] == [ErrorCategory.TIMEOUT, ErrorCategory.TIMEOUT, None]
    assert elapsed < limit + 10
