"""Every hook is documented, implemented by a third-party plugin, and takes effect."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pluggy
import pytest

from netraven_core import Device, Registry, get_plugin_manager, hookimpl, hookspecs
from netraven_core.plugins import BLOCK_ENV, DEFAULT_PLUGINS
from tests.support import everything

ROOT = Path(__file__).resolve().parents[2]
HOOK_NAMES = sorted(name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction)
                    if name.startswith("netraven_"))


@pytest.fixture
def registry() -> Registry:
    return Registry(get_plugin_manager(load_entrypoints=False, extra_plugins=[everything]))


def test_there_are_hooks():
    assert len(HOOK_NAMES) >= 9


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_hook_is_documented_in_code(name):
    spec = getattr(hookspecs, name)
    doc = inspect.getdoc(spec) or ""
    assert ":return:" in doc, f"{name} docstring lacks :return:"
    for param in inspect.signature(spec).parameters:
        assert f":param {param}:" in doc, f"{name} docstring lacks ':param {param}:'"
    semantics = "firstresult" in doc or "Pick-one" in doc or "Fan-out" in doc
    assert semantics, f"{name} docstring does not say its call semantics"


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_hook_is_documented_in_docs(name):
    text = (ROOT / "docs" / "hooks.md").read_text()
    assert re.search(rf"^## {name}$", text, re.M), f"docs/hooks.md has no section for {name}"
    section = text.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
    for param in inspect.signature(getattr(hookspecs, name)).parameters:
        assert f"param {param}" in section, f"docs/hooks.md does not describe {name}'s {param}"


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_hook_is_exercised_by_a_test(name):
    assert hasattr(everything, name), f"tests/support/everything.py does not implement {name}"
    source = Path(__file__).read_text()
    assert re.search(rf"def test_{name}\b", source), f"no test_{name} in {Path(__file__).name}"


def test_netraven_drivers(registry):
    assert registry.drivers["echo"] is everything.EchoDriver
    assert {"ssh", "netmiko", "scrapli"} <= set(registry.drivers)


def test_netraven_driver_for_device(registry):
    forced = Device(hostname="a", host="127.0.0.1", platform="acme_os", vars={"force_echo": True})
    plain = Device(hostname="b", host="127.0.0.1", platform="acme_os")
    override = Device(hostname="c", host="127.0.0.1", platform="acme_os", driver="netmiko")
    assert registry.driver_name_for(forced) == "echo"  # the plugin decides
    assert registry.driver_name_for(plain) == "ssh"  # built-in default: the platform's driver
    assert registry.driver_name_for(override) == "netmiko"  # built-in: the inventory's override


def test_netraven_platforms(registry):
    assert registry.platforms["acme_os"] is everything.ACME
    assert "cisco_ios" in registry.platforms


def test_third_party_platform_replaces_builtin():
    from dataclasses import replace

    builtin = Registry(get_plugin_manager(load_entrypoints=False)).platforms["cisco_ios"]
    mine = replace(builtin, description="patched by a plugin")

    class Patch:
        @hookimpl
        def netraven_platforms(self):
            return [mine]

    reg = Registry(get_plugin_manager(load_entrypoints=False, extra_plugins=[Patch()]))
    assert reg.platforms["cisco_ios"].description == "patched by a plugin"


def test_netraven_redaction_rules(registry):
    names = {rule.name for rule in registry.redaction_rules}
    assert "acme-api-key" in names
    assert len(names) > 20  # the built-in rules are there too


def test_netraven_storage_backends(registry):
    store = registry.storage("memory", "/nowhere", flavour="x")
    assert isinstance(store, everything.MemoryStorage) and store.options == {"flavour": "x"}
    assert {"git", "filesystem"} <= set(registry.storage_backends)


def test_netraven_notifier_types(registry):
    notifier = registry.notifier("list", channel="#ops")
    assert isinstance(notifier, everything.ListNotifier) and notifier.options == {"channel": "#ops"}
    assert {"log", "webhook"} <= set(registry.notifier_types)


def test_netraven_event(registry):
    from netraven_core import Event, EventType

    everything.EVENTS.clear()
    registry.pm.hook.netraven_event(event=Event(type=EventType.RUN_FINISHED, run_id="r1"))
    assert [e.run_id for e in everything.EVENTS] == ["r1"]


def test_netraven_inventory_sources(registry, tmp_path):
    path = tmp_path / "lab.ini"
    path.write_text("edge1 = 192.0.2.1 acme_os\n")
    inventory = registry.inventory_sources["ini"]().load(str(path))
    assert inventory.devices[0].hostname == "edge1"
    assert {"yaml", "csv"} <= set(registry.inventory_sources)


def test_netraven_cli_commands(monkeypatch, capsys):
    import netraven_core.plugins as plugins_module
    from netraven_core import cli as cli_module

    real = plugins_module.get_plugin_manager
    monkeypatch.setattr(plugins_module, "get_plugin_manager",
                        lambda **kw: real(load_entrypoints=True, extra_plugins=[everything]))
    assert cli_module.main(["acme-hello"]) == 0
    assert "hello from acme" in capsys.readouterr().out


def test_netraven_simulator_profiles(registry, tmp_path, host_key_path):
    from netraven_core.engine import run_backup
    from netraven_core.simulator import SimulatorThread

    assert registry.simulator_profiles["acme_os"] is everything.ACME_PROFILE
    assert "cisco_ios" in registry.simulator_profiles  # built-ins still there
    with SimulatorThread(1, ["acme_os"], base_port=0, host_key_path=host_key_path,
                         profiles=registry.simulator_profiles) as sim:
        dev = sim.devices[0]
        inventory = sim_inventory(sim)
        storage = registry.storage("filesystem", str(tmp_path / "store"))
        run = run_backup(inventory, storage, registry=registry, workers=1, timeout=20, host_key_mode="off")
        secrets = sim.generated(dev.hostname).secrets
    assert run.summary.ok == 1, run.results[0].error
    stored = storage.latest_text(dev.hostname)
    assert stored.startswith("! ACME OS 1.0 on sim-0000") and "port 1 description" in stored
    assert secrets and not any(secret in stored for secret in secrets)


def sim_inventory(sim):
    from netraven_core import Credential, Inventory

    devices = tuple(Device(hostname=d.hostname, host=d.host, port=d.port, platform=d.platform,
                           tags=frozenset({"lab"})) for d in sim.devices)
    cred = Credential(name="lab", username=sim.username, password=sim.password,
                      enable_secret=sim.enable_secret, tags=frozenset({"lab"}))
    return Inventory(devices=devices, credentials=(cred,))


def test_netraven_job_types(registry):
    job = registry.job_types["acme-audit"]
    assert job["run"](None, [Device(hostname="x", host="h", platform="acme_os")]) == {"x": "ok"}


def test_builtins_are_trylast_so_plugins_win():
    pm = get_plugin_manager(load_entrypoints=False, extra_plugins=[everything])
    impls = pm.hook.netraven_drivers.get_hookimpls()
    # pluggy calls the last item first: the third-party plugin must come before built-ins.
    assert impls[-1].plugin is everything
    for impl in impls[:-1]:
        assert impl.trylast, impl.plugin_name


def test_builtin_ordering_leaves_the_decorated_functions_alone():
    from netraven_plugins.drivers import ssh

    get_plugin_manager(load_entrypoints=False)
    assert not ssh.netraven_drivers.netraven_impl.get("trylast")
    # The same module registered as a third-party plugin keeps its own options.
    pm = pluggy.PluginManager("netraven")
    pm.add_hookspecs(hookspecs)
    pm.register(ssh)
    assert not pm.hook.netraven_drivers.get_hookimpls()[0].trylast


def test_block_env_var(monkeypatch):
    monkeypatch.setenv(BLOCK_ENV, "netraven_plugins.notifiers.webhook")
    reg = Registry(get_plugin_manager(load_entrypoints=False))
    assert "webhook" not in reg.notifier_types
    assert "log" in reg.notifier_types


def test_misspelt_hook_fails_loudly():
    class Typo:
        @hookimpl
        def netraven_platfroms(self):
            return []

    with pytest.raises(pluggy.PluginValidationError):
        get_plugin_manager(load_entrypoints=False, extra_plugins=[Typo()])


def test_default_plugins_all_exist():
    import importlib

    for modname in DEFAULT_PLUGINS:
        importlib.import_module(modname)


def test_missing_builtin_plugin_raises(monkeypatch):
    from netraven_core import plugins
    from netraven_core.errors import PluginError

    monkeypatch.setattr(plugins, "DEFAULT_PLUGINS",
                        (*DEFAULT_PLUGINS, "netraven_plugins.no_such_builtin"))
    with pytest.raises(PluginError, match="no_such_builtin"):
        plugins.get_plugin_manager(load_entrypoints=False)
