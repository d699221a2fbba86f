"""NetRaven core library: inventory, plugins, the backup engine, redaction and change detection.

This package is the front door (see ``docs/library.md``)::

    from netraven_core import JsonHostKeyStore, Registry, load_inventory, run_backup

Names are imported on first use (module ``__getattr__``), so ``import netraven_core`` stays cheap
for the ``netraven`` command; the engine, for one, pulls in asyncio and the plugin machinery.
The core imports no web framework, task queue or ORM; the server builds on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _moved
from ._lazy import lazy_exports

_moved.install()  # old module paths (netraven_core.redact...) keep working

# public name -> module (relative to this package) that defines it
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(("ErrorCategory", "FetchError", "InventoryError", "NetRavenError", "PluginError",
                     "StorageError"), ".errors"),
    **dict.fromkeys(("BackupRun", "ConfigToStore", "ConnectionTarget", "Credential", "Device", "DeviceResult",
                     "DeviceStatus", "EnableSpec", "Event", "EventType", "FetchOutput", "HostKeyMode",
                     "Inventory", "Platform", "RedactionRule", "RunSummary", "Section", "Transport",
                     "VersionInfo"), ".models"),
    "hookimpl": ".hookspecs",
    "Registry": ".plugins",
    "get_plugin_manager": ".plugins",
    **dict.fromkeys(("load_inventory", "parse_inventory_text"), ".inventory"),
    **dict.fromkeys(("run_backup", "backup_device"), ".engine.run"),
    "AttemptPolicy": ".engine.attempt",
    **dict.fromkeys(("JsonHostKeyStore", "MemoryHostKeyStore"), ".engine.hostkeys"),
    # Not the functions normalize/redact: their names are old module paths (netraven_core.redact).
    "Redactor": ".configtext.redact",
    "unified_diff": ".configtext.changes",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("netraven")
    except PackageNotFoundError:
        # A source checkout that was never installed: the version pyproject.toml declares.
        import tomllib
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "0+unknown"


# "__version__" is listed for dir(); __getattr__ answers it before the table is consulted.
_export, __dir__ = lazy_exports(__name__, {**_EXPORTS, "__version__": ""}, globals())


def __getattr__(name: str) -> Any:
    if name == "__version__":
        globals()[name] = version = _version()
        return version
    return _export(name)


if TYPE_CHECKING:  # what __getattr__ gives, for type checkers and editors
    from .configtext.changes import unified_diff  # noqa: F401
    from .configtext.redact import Redactor  # noqa: F401
    from .engine.attempt import AttemptPolicy  # noqa: F401
    from .engine.hostkeys import JsonHostKeyStore, MemoryHostKeyStore  # noqa: F401
    from .engine.run import backup_device, run_backup  # noqa: F401
    from .errors import (  # noqa: F401
        ErrorCategory,
        FetchError,
        InventoryError,
        NetRavenError,
        PluginError,
        StorageError,
    )
    from .hookspecs import hookimpl  # noqa: F401
    from .inventory import load_inventory, parse_inventory_text  # noqa: F401
    from .models import (  # noqa: F401
        BackupRun,
        ConfigToStore,
        ConnectionTarget,
        Credential,
        Device,
        DeviceResult,
        DeviceStatus,
        EnableSpec,
        Event,
        EventType,
        FetchOutput,
        HostKeyMode,
        Inventory,
        Platform,
        RedactionRule,
        RunSummary,
        Section,
        Transport,
        VersionInfo,
    )
    from .plugins import Registry, get_plugin_manager  # noqa: F401

    __version__: str
