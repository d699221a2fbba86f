"""Every catalogue platform that has a simulator profile, backed up by the engine over real SSH
with its default driver into git storage, in one run: each stored configuration is complete,
carries no prompt, pager prompt or status line and no secret of the device's configuration, and
an unchanged second run makes no commit.

The platform list comes from the plugin registry, so a platform any plugin adds is covered as
soon as it has a simulator profile.  Devices show the quirks their profile can show (a cluster
status line that flips between the runs, a pager that cannot be turned off), so the absence
checks are not vacuous.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from netraven_core.engine import run_backup
from netraven_core.engine.hostkeys import MemoryHostKeyStore
from netraven_core.inventory import load_inventory
from netraven_core.plugins import Registry
from netraven_core.simulator import SimulatorThread

pytestmark = pytest.mark.integration

REGISTRY = Registry()
CATALOGUE = REGISTRY.platforms
PROFILES = REGISTRY.simulator_profiles
PLATFORMS = tuple(name for name in CATALOGUE if name in PROFILES)


def _variants(name: str) -> frozenset[str]:
    platform, profile = CATALOGUE[name], PROFILES[name]
    chosen = set()
    if profile.status_line:
        chosen.add("cluster")
    if platform.paging_prompt and platform.default_driver == "ssh":
        chosen.add("paged")
    return frozenset(chosen)


def _commits(store) -> int:
    out = subprocess.run(["git", "-C", str(store), "rev-list", "--count", "--all"],
                         capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory, host_key_path):
    tmp = tmp_path_factory.mktemp("every-platform")
    store = tmp / "store"
    variants = {i: _variants(name) for i, name in enumerate(PLATFORMS) if _variants(name)}
    with SimulatorThread(len(PLATFORMS), PLATFORMS, base_port=0, host_key_path=host_key_path,
                         config_size=8000, variants=variants) as sim:
        sim.write_inventory(tmp / "inventory.yaml")
        inventory = load_inventory(tmp / "inventory.yaml")
        storage = REGISTRY.storage("git", str(store))
        keys = MemoryHostKeyStore()
        first = run_backup(inventory, storage, registry=REGISTRY, workers=8, timeout=60, host_keys=keys)
        commits_after_first = _commits(store)
        second = run_backup(inventory, storage, registry=REGISTRY, workers=8, timeout=60, host_keys=keys)
        yield sim, storage, first, second, commits_after_first, _commits(store)


def test_every_platform_backs_up_in_one_run(backed_up):
    _sim, _storage, first, second, before, after = backed_up
    failures = {r.hostname: (r.error_category, r.error) for run in (first, second)
                for r in run.results if not r.ok}
    assert failures == {}
    assert first.summary.changed == len(PLATFORMS)
    assert [(r.hostname, r.diff) for r in second.results if r.changed] == []
    assert after == before, "an unchanged second run made a commit"


@pytest.mark.parametrize("name", PLATFORMS)
def test_stored_configuration_is_clean_and_complete(backed_up, name):
    sim, storage, first, _second, _before, _after = backed_up
    dev = sim.devices[PLATFORMS.index(name)]
    platform, profile = CATALOGUE[name], PROFILES[name]
    result = next(r for r in first.results if r.hostname == dev.hostname)
    assert result.ok, (result.error_category, result.error)
    text = storage.latest_text(dev.hostname)
    assert text
    # The fetch checked completeness; the marker is still in the stored text unless it is itself
    # a volatile line (SR OS "# Finished <date>").
    if platform.completeness_pattern and platform.completeness_pattern not in platform.volatile_patterns:
        assert re.search(platform.completeness_pattern, text, re.MULTILINE), "incomplete"
    lines = [line.strip() for line in text.splitlines()]
    prompts = {t.format(host=dev.hostname, user=sim.username, n=1).strip()
               for t in (profile.priv_prompt, profile.user_prompt, profile.config_prompt) if t}
    assert not prompts & set(lines), "a prompt was stored"
    if platform.paging_prompt:
        assert not re.search(platform.paging_prompt, text), "a pager prompt was stored"
    for pattern in platform.status_line_patterns:
        assert not [line for line in lines if re.fullmatch(pattern, line)], "a status line was stored"
    leaked = [s for s in sim.generated(dev.hostname).secrets if len(s) >= 4 and s in text]
    assert leaked == []
    assert sim.password not in text and (sim.enable_secret or "\0") not in text
