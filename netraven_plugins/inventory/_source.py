"""What the built-in file inventory sources share: options and the registry that resolves names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netraven_core.plugins import Registry


class RegistryBackedSource:
    """A source that checks platform and driver names against a registry: the caller's, or the
    default one built on first use (building it loads every plugin, which a source that is only
    listed never needs)."""

    def __init__(self, registry: Registry | None = None, **options: Any) -> None:
        self._registry = registry
        self.options = options

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            from netraven_core.plugins import Registry

            self._registry = Registry()
        return self._registry
