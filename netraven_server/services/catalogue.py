"""The plugin registry the server validates against (platforms, drivers, storage, sources)."""

from __future__ import annotations

import threading

from netraven_core.plugins import Registry

_lock = threading.Lock()
_registry: Registry | None = None


def registry() -> Registry:
    """The process-wide registry, built on first use (loading plugins is not free)."""
    global _registry
    with _lock:
        if _registry is None:
            _registry = Registry()
        return _registry


def set_registry(reg: Registry | None) -> None:
    """Replace the registry (tests, or an embedding application with extra plugins)."""
    global _registry
    with _lock:
        _registry = reg


def platform_names() -> list[str]:
    return sorted(registry().platforms)


def driver_names() -> list[str]:
    return sorted(registry().drivers)
