"""Building the plugin manager and looking up what plugins contribute.

``get_plugin_manager()`` is a factory (nothing is loaded at import time).  Built-in plugins are
listed in ``DEFAULT_PLUGINS``; :class:`NetRavenPluginManager` makes every hook implementation of
theirs ``trylast``, so third-party plugins (entry-point group ``netraven``) always take precedence.

Set ``NETRAVEN_BLOCK_PLUGINS`` to a comma-separated list of plugin names to keep them from
loading; ``*`` blocks every third-party entry point (built-ins stay).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pluggy
from pluggy import HookimplOpts

from . import hookspecs
from .errors import PluginError
from .hookspecs import PROJECT_NAME

if TYPE_CHECKING:  # annotations only: `netraven --help` need not build the models' dataclasses
    from .models import Device, Platform, RedactionRule

BLOCK_ENV = "NETRAVEN_BLOCK_PLUGINS"

DEFAULT_PLUGINS: tuple[str, ...] = (
    "netraven_plugins.defaults",
    "netraven_plugins.platforms",
    "netraven_plugins.redaction",
    "netraven_plugins.drivers.ssh",
    "netraven_plugins.drivers.netmiko_driver",
    "netraven_plugins.drivers.scrapli_driver",
    "netraven_plugins.storage.git",
    "netraven_plugins.storage.filesystem",
    "netraven_plugins.notifiers.log",
    "netraven_plugins.notifiers.webhook",
    "netraven_plugins.inventory.yaml_source",
    "netraven_plugins.inventory.csv_source",
    "netraven_plugins.inventory.netbox",
    "netraven_plugins.simulation",
)


def _blocked_names() -> set[str]:
    raw = os.environ.get(BLOCK_ENV, "")
    return {name.strip() for name in raw.split(",") if name.strip()}


class NetRavenPluginManager(pluggy.PluginManager):
    """A plugin manager whose built-in plugins' hook implementations all run ``trylast``.

    Done through pluggy's documented extension point (``parse_hookimpl_opts``), on a copy of
    each implementation's options: the decorated functions themselves are left as they are.
    """

    def __init__(self) -> None:
        super().__init__(PROJECT_NAME)
        self._builtin_ids: set[int] = set()

    def register_builtin(self, plugin: Any, name: str) -> None:
        self._builtin_ids.add(id(plugin))
        self.register(plugin, name=name)

    def is_builtin(self, plugin: Any) -> bool:
        return id(plugin) in self._builtin_ids

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> HookimplOpts | None:
        opts = super().parse_hookimpl_opts(plugin, name)
        if opts is not None and self.is_builtin(plugin):
            return {**opts, "trylast": True, "tryfirst": False}
        return opts


def get_plugin_manager(*, load_entrypoints: bool = True, extra_plugins: Iterable[Any] = (),
                       builtins: bool = True) -> NetRavenPluginManager:
    """Build a plugin manager with the built-in plugins and installed third-party plugins.

    :param load_entrypoints: load plugins from the ``netraven`` entry-point group.
    :param builtins: load the built-in plugins (``DEFAULT_PLUGINS``); without them only
        third-party plugins are asked (the CLI does so to collect plugin commands quickly).
    :param extra_plugins: plugin objects (modules or instances) to register as well, as if they
        were third-party plugins; handy in tests.
    """
    pm = NetRavenPluginManager()
    pm.add_hookspecs(hookspecs)
    blocked = _blocked_names()
    for name in blocked:
        pm.set_blocked(name)
    for modname in DEFAULT_PLUGINS if builtins else ():
        if modname in blocked:
            continue
        try:
            module = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name != modname:
                raise
            # A missing built-in is a broken install, not something to run without.
            raise PluginError(f"built-in plugin {modname} is missing") from exc
        pm.register_builtin(module, modname)
    if load_entrypoints and "*" not in blocked:
        pm.load_setuptools_entrypoints(PROJECT_NAME)
    for plugin in extra_plugins:
        pm.register(plugin)
    pm.check_pending()
    return pm


def _index_by_name(results: Iterable[Iterable[Any]], key: Callable[[Any], str]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for contribution in results:
        for item in contribution or ():
            merged.setdefault(key(item), item)
    return merged


class Registry:
    """What the loaded plugins contribute, merged and indexed by name.

    Contributions are collected once per registry; build a new registry (or a new plugin manager)
    to see plugins registered later.
    """

    def __init__(self, pm: pluggy.PluginManager | None = None):
        self.pm = pm if pm is not None else get_plugin_manager()

    @cached_property
    def drivers(self) -> dict[str, type]:
        return _index_by_name(self.pm.hook.netraven_drivers(), lambda c: c.name)

    @cached_property
    def platforms(self) -> dict[str, Platform]:
        return _index_by_name(self.pm.hook.netraven_platforms(), lambda p: p.name)

    @cached_property
    def redaction_rules(self) -> list[RedactionRule]:
        return list(_index_by_name(self.pm.hook.netraven_redaction_rules(), lambda r: r.name).values())

    @cached_property
    def storage_backends(self) -> dict[str, type]:
        return _index_by_name(self.pm.hook.netraven_storage_backends(), lambda c: c.name)

    @cached_property
    def notifier_types(self) -> dict[str, type]:
        return _index_by_name(self.pm.hook.netraven_notifier_types(), lambda c: c.name)

    @cached_property
    def inventory_sources(self) -> dict[str, type]:
        return _index_by_name(self.pm.hook.netraven_inventory_sources(), lambda c: c.name)

    @cached_property
    def simulator_profiles(self) -> dict[str, Any]:
        return _index_by_name(self.pm.hook.netraven_simulator_profiles(), lambda p: p.name)

    @cached_property
    def job_types(self) -> dict[str, dict[str, Any]]:
        return _index_by_name(self.pm.hook.netraven_job_types(), lambda j: j["name"])

    def platform(self, name: str) -> Platform:
        try:
            return self.platforms[name]
        except KeyError:
            known = ", ".join(sorted(self.platforms))
            raise PluginError(f"unknown platform {name!r}; known platforms: {known}") from None

    def driver_name_for(self, device: Device) -> str:
        platform = self.platform(device.platform)
        name = self.pm.hook.netraven_driver_for_device(device=device, platform=platform)
        if not name:
            raise PluginError(f"no driver chosen for {device.hostname!r} ({device.platform})")
        return name

    def driver_class(self, name: str) -> type:
        try:
            return self.drivers[name]
        except KeyError:
            known = ", ".join(sorted(self.drivers))
            raise PluginError(f"unknown driver {name!r}; known drivers: {known}") from None

    def storage(self, name: str, location: str, **options: Any) -> Any:
        try:
            cls = self.storage_backends[name]
        except KeyError:
            known = ", ".join(sorted(self.storage_backends))
            raise PluginError(f"unknown storage backend {name!r}; known: {known}") from None
        return cls(location, **options)

    def notifier(self, name: str, **options: Any) -> Any:
        try:
            cls = self.notifier_types[name]
        except KeyError:
            known = ", ".join(sorted(self.notifier_types))
            raise PluginError(f"unknown notifier {name!r}; known: {known}") from None
        return cls(**options)

    def plugin_names(self) -> list[str]:
        return sorted(name for name, _plugin in self.pm.list_name_plugin())


_default_registry: Registry | None = None


def default_registry() -> Registry:
    """A process-wide :class:`Registry` of the installed plugins, built on first use.

    For callers that have no registry of their own to pass (the simulator's profile lookup);
    code that needs other plugins builds its own.
    """
    global _default_registry
    if _default_registry is None:
        _default_registry = Registry()
    return _default_registry
