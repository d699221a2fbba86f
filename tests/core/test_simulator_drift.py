"""Simulated devices that drift: predictable edits per step, on a clock, through real SSH backups,
and the drifted configurations keep their secrets for redaction to remove."""

from __future__ import annotations

import itertools
import subprocess

import pytest

from netraven_core.engine import run_backup
from netraven_core.engine.hostkeys import MemoryHostKeyStore
from netraven_core.inventory import load_inventory
from netraven_core.plugins import Registry
from netraven_core.simulator import Simulator, SimulatorThread, drift_text, generate
from netraven_core.simulator.drift import DESCRIPTIONS, PORTS, VLANS, Drift, kinds_of


class FakeClock:  # a clock the test moves; the drift itself is real
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _changed_lines(old: str, new: str) -> tuple[set[str], set[str]]:
    a, b = old.splitlines(), new.splitlines()
    return set(a) - set(b), set(b) - set(a)


def test_ios_drifts_description_then_acl_then_vlan_predictably():
    base = generate("cisco_ios", "sim-0000").text
    assert kinds_of(base) == ("description", "acl", "vlan")
    assert drift_text(base, 0) == base and drift_text(base, 1) == drift_text(base, 1)
    removed, added = _changed_lines(base, drift_text(base, 1))
    assert removed == {" description uplink to core"} and added == {f" description {DESCRIPTIONS[0]}"}
    removed, added = _changed_lines(drift_text(base, 1), drift_text(base, 2))
    assert removed == set() and added == {f" permit tcp 10.5.0.0 0.0.0.255 any eq {PORTS[0]}"}
    removed, added = _changed_lines(drift_text(base, 2), drift_text(base, 3))
    vid, name = VLANS[0]
    assert removed == set() and {f"vlan {vid}", f" name {name}"} <= added
    # The ACL line sits inside the access list, before its final deny.
    lines = drift_text(base, 2).splitlines()
    at = lines.index(f" permit tcp 10.5.0.0 0.0.0.255 any eq {PORTS[0]}")
    assert lines[at + 1] == " deny ip any any log"


@pytest.mark.parametrize("platform", ["cisco_ios", "cisco_nxos", "arista_eos", "juniper_junos",
                                      "hp_procurve", "aruba_aoscx", "fortinet"])
def test_every_step_changes_the_text_and_growth_stays_bounded(platform):
    gen = generate(platform, "sim-0001")
    texts = [drift_text(gen.text, step) for step in range(40)]
    assert all(a != b for a, b in itertools.pairwise(texts))
    assert max(len(t.splitlines()) for t in texts) <= len(gen.text.splitlines()) + 4
    # Only descriptions, ACL lines and VLANs change: every secret is still served.
    assert all(secret in texts[-1] for secret in gen.secrets)


def test_nothing_to_edit_means_no_drift():
    text = "hostname plain\nip route 0.0.0.0 0.0.0.0 10.0.0.1\n"
    assert kinds_of(text) == () and drift_text(text, 5) == text


def test_the_step_follows_the_clock_and_advance():
    clock = FakeClock()
    drift = Drift(30, count=6, clock=clock)
    assert drift.devices == {0, 2, 4} and drift.step() == 0
    clock.now += 29.9
    assert drift.step() == 0
    clock.now += 0.2
    assert drift.step() == 1
    drift.advance(2)
    assert drift.step() == 3
    drift.restart()
    assert drift.step() == 2 and drift.applies(2) and not drift.applies(1)
    off = Drift(None, count=6, clock=clock)
    assert not off.applies(0)
    off.advance()
    assert off.applies(0) and off.step() == 1
    with pytest.raises(ValueError, match=r"outside 0\.\.5"):
        Drift(30, [6], count=6)


def test_the_simulator_serves_drifted_configs_only_for_drifting_devices():
    sim = Simulator(4, ["cisco_ios"], base_port=0, drift_devices=[1])
    assert sim.drifted("sim-0001") == sim.generated("sim-0001").text  # no interval: no drift yet
    sim.drift.advance()
    assert sim.drifted("sim-0001") == drift_text(sim.generated("sim-0001").text, 1)
    assert sim.drifted("sim-0000") == sim.generated("sim-0000").text
    assert [d.hostname for d in sim.drifting()] == ["sim-0001"]
    sim.set_config("sim-0001", "hostname pinned\n")  # an explicit configuration wins
    assert sim.config_for("sim-0001") == "hostname pinned\n"


@pytest.mark.integration
def test_backups_of_drifting_devices_record_real_redacted_changes(tmp_path, host_key_path):
    registry = Registry()
    keys = MemoryHostKeyStore()
    store = tmp_path / "store"
    with SimulatorThread(4, ["cisco_ios", "juniper_junos"], base_port=0, host_key_path=host_key_path,
                         drift_devices=[0, 1]) as sim:
        sim.write_inventory(tmp_path / "inv.yaml")
        inventory = load_inventory(tmp_path / "inv.yaml")
        storage = registry.storage("git", str(store))
        first = run_backup(inventory, storage, registry=registry, workers=4, timeout=30, host_keys=keys)
        assert first.summary.ok == 4
        sim.drift.advance()
        second = run_backup(inventory, storage, registry=registry, workers=4, timeout=30, host_keys=keys)
        assert sorted(r.hostname for r in second.results if r.changed) == ["sim-0000", "sim-0001"]
        assert f"+ description {DESCRIPTIONS[0]}" in storage.diff("sim-0000")
        assert f'+        description "{DESCRIPTIONS[0]}";' in storage.diff("sim-0001")
        secrets = {s for d in sim.devices for s in sim.generated(d.hostname).secrets if len(s) >= 4}
    patch = subprocess.run(["git", "-C", str(store), "log", "-p", "--all"], capture_output=True, text=True,
                           check=True).stdout
    assert [s for s in secrets if s in patch] == []
